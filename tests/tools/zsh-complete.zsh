#!/usr/bin/env zsh
# zsh-complete.zsh DIR LINE: the matches zsh's completion system offers at
# the end of LINE, one a line, with the completion function in DIR first on
# fpath.  How: a child `zsh -f -i` runs in a pseudo-terminal (zsh/zpty), so
# that ZLE and compinit work as for a user; in it, compadd is wrapped to
# append the words each call would add (compadd -O) to a file, and TAB is
# bound to a widget that completes and then writes a sentinel line.  The
# parent types LINE and TAB, waits for the sentinel and prints the file.
emulate -L zsh
zmodload zsh/zpty || exit 3
dir=$1 line=$2
out=$(mktemp) || exit 3
trap 'rm -f $out; zpty -d gl 2>/dev/null' EXIT
zpty gl zsh -f -i
zpty -w gl "PS1= PROMPT= RPROMPT=; unsetopt zle_bracketed_paste 2>/dev/null"
zpty -w gl "fpath=(${(q)dir} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w gl "zstyle ':completion:*' menu no; zstyle ':completion:*' list-prompt ''"
zpty -w gl "compadd() { local -a __m; builtin compadd -O __m \"\$@\"; (( \$#__m )) && print -rl -- \"\${__m[@]}\" >> ${(q)out}; builtin compadd \"\$@\" }"
zpty -w gl "__gl_done() { zle complete-word; print -r -- __GL_DONE__ >> ${(q)out} }; zle -N __gl_done; bindkey '^I' __gl_done"
zpty -w -n gl "$line"$'\t'
for i in {1..100}; do
	grep -q '^__GL_DONE__$' $out 2>/dev/null && break
	sleep 0.1
done
grep -q '^__GL_DONE__$' $out || { print -u2 "zsh-complete: no answer for '$line'"; exit 3 }
grep -v '^__GL_DONE__$' $out | sort -u
