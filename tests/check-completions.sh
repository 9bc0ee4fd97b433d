#!/bin/sh
# check-completions.sh GUNILINT: the bash, zsh and fish completions in
# completions/ offer what the program accepts.  Each case is a command line
# typed so far and the words the completion must offer (and some it must
# not); the expected words come from the program itself (--help, version,
# rules --format json), not from the completion files.
#   bash: the file is sourced and _gunilint called with COMP_WORDS and
#         COMP_CWORD set, as bash-completion does; COMPREPLY is the answer.
#   fish: `fish -c 'source FILE; complete -C LINE'`.
#   zsh:  tests/tools/zsh-complete.zsh drives an interactive zsh -f in a
#         pseudo-terminal (zsh/zpty) with compinit, and records the words
#         each compadd call adds.
# A shell that is not installed is skipped, saying so (scripts/deps.sh test
# installs all three).
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "${1:-$top/gunilint}")" && pwd)/$(basename "${1:-$top/gunilint}")
comp=$top/completions
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0

# ---- what the program says it accepts ----------------------------------------
commands=$("$bin" --help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p' | tr '\n' ' ')
kinds=$("$bin" check --help | sed -n 's/.*--kind KIND.*holds: //p' | tr -d ,)
check_formats=$("$bin" check --help | sed -n 's/.*--format FORMAT *check: \([^;]*\);.*/\1/p')
explain_formats=$("$bin" explain --help | sed -n 's/.*; explain: \([^;]*\);.*/\1/p')
versions=$("$bin" version | sed -n 's/^gunicorn releases: \(.*\) (default.*/\1/p')
"$bin" rules --format json | sed -n 's/.*"id":[^"]*"\([^"]*\)".*/\1/p' > "$tmp/ids"
"$bin" rules --format json | sed -n 's/.*"slug":[^"]*"\([^"]*\)".*/\1/p' > "$tmp/slugs"
ids00=$(grep '^GL00' "$tmp/ids" | tr '\n' ' ')
second=$(grep '^GL00' "$tmp/ids" | sed -n 2p)
slug=$(sed -n 3p "$tmp/slugs")
slugpre=$(printf %s "$slug" | cut -c1-4)
slugs_pre=$(grep "^$slugpre" "$tmp/slugs" | tr '\n' ' ')
for v in commands kinds check_formats explain_formats versions ids00 slug; do
	eval "[ -n \"\$$v\" ]" || { echo "FAIL cannot read the $v from $bin"; exit 1; }
done

# A directory to complete paths in.
mkdir -p "$tmp/work/deploy" "$tmp/work/docs"
: > "$tmp/work/Dockerfile"
: > "$tmp/work/deploy.yaml"
: > "$tmp/work/notes.txt"

# ---- the cases: LINE | words it must offer | words it must not -------------------
cat > "$tmp/cases" <<EOF
gunilint |$commands|
gunilint he|help|check
gunilint check --fo|--format|--fail-level
gunilint check --format |$check_formats|gunicorn
gunilint explain --format |$explain_formats|sarif
gunilint explain -f |$explain_formats|
gunilint check --kind |$kinds|
gunilint check --fail-level |error warning info none|
gunilint check --gunicorn-version |$versions|
gunilint check --select GL00|$ids00|$slug
gunilint check --ignore $slugpre|$slugs_pre|GL001
gunilint check --select GL001,GL00|$second|
gunilint rules $slugpre|$slugs_pre|
gunilint rules --f|--format|--select
gunilint probe --tls-profile |intermediate modern|
gunilint probe --cert|--certfile --cert-reqs|--select
gunilint help |$commands|
gunilint check Do|Dockerfile|deploy.yaml
gunilint check --config dep|deploy.yaml deploy|Dockerfile
gunilint check --rules-dir d|deploy docs|deploy.yaml
gunilint explain -- gunicorn no|notes.txt|
EOF

# Normalise a shell's answer: one word a line, without a description,
# the "--opt=" or "A,B," before the word, or a directory's slash.
norm() {
	sed 's/	.*//; s/^--[a-z-]*=//; s/.*,//; s|/$||' | sort -u
}

ask_bash() {
	(
		cd "$tmp/work" || exit 1
		# shellcheck disable=SC2016
		bash -c '
			. "$1"
			line=$2
			# bash splits "--format=x" into three words at "=".
			line=$(printf %s "$line" | sed "s/=/ = /")
			read -ra COMP_WORDS <<< "$line"
			case $line in *" ") COMP_WORDS+=("") ;; esac
			COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
			COMPREPLY=()
			_gunilint
			printf "%s\n" "${COMPREPLY[@]}"' sh "$comp/gunilint.bash" "$1"
	)
}

ask_fish() {
	(cd "$tmp/work" && fish --no-config -c 'source $argv[1]; complete -C $argv[2]' \
	    "$comp/gunilint.fish" "$1")
}

ask_zsh() {
	# The zsh function is _gunilint: put it on fpath under that name.
	(cd "$tmp/work" && zsh -f "$top/tests/tools/zsh-complete.zsh" "$tmp/zfunc" "$1")
}
mkdir -p "$tmp/zfunc"
cp "$comp/_gunilint" "$tmp/zfunc/_gunilint"

for sh in bash fish zsh; do
	if ! command -v "$sh" >/dev/null 2>&1; then
		echo "SKIP $sh: not installed (scripts/deps.sh test installs it)"
		skip=$((skip + 1))
		continue
	fi
	while IFS='|' read -r line want reject; do
		[ -n "$want" ] || { echo "FAIL a case without words: '$line'"; fail=$((fail + 1)); continue; }
		got=$("ask_$sh" "$line" 2>"$tmp/err" | norm)
		bad=
		for w in $want; do
			printf '%s\n' "$got" | grep -qxF -- "$w" || bad="$bad missing $w;"
		done
		for w in $reject; do
			printf '%s\n' "$got" | grep -qxF -- "$w" && bad="$bad offers $w;"
		done
		if [ -z "$bad" ]; then
			pass=$((pass + 1))
		else
			echo "FAIL $sh '$line':$bad"
			echo "  got: $(printf '%s' "$got" | tr '\n' ' ' | cut -c1-300)"
			[ -s "$tmp/err" ] && sed 's/^/  stderr: /' "$tmp/err" | head -5
			fail=$((fail + 1))
		fi
	done < "$tmp/cases"
done
# Every value a completion offers for an option is one the command takes:
# --format, --kind, --fail-level, --color and --gunicorn-version of check,
# explain and rules, as the bash file lists them per command.
for c in check explain rules; do
	sed -n "/^	$c)\$/,/^		esac/p" "$comp/gunilint.bash" |
	    sed -n "s/^		\(-[a-z]|\)\{0,1\}--\([a-z-]*\)) COMPREPLY=(\$(compgen -W '\([^']*\)'.*/\2 \3/p" > "$tmp/values"
	[ -s "$tmp/values" ] || { echo "FAIL no option values for $c in gunilint.bash"; fail=$((fail + 1)); }
	# refused OPTION VALUE: exit 2 with a message quoting VALUE (an empty
	# input may exit 2 for its own reason: "nothing to explain").
	refused() {
		case $c,$1 in
		rules,*) "$bin" rules "--$1=$2" ;;
		*,kind) printf '' | "$bin" "$c" "--$1=$2" - ;;
		*) printf '' | "$bin" "$c" "--$1=$2" --kind args - ;;
		esac >/dev/null 2>"$tmp/err"
		[ $? -eq 2 ] && grep -qF "'$2'" "$tmp/err"
	}
	while read -r opt vals; do
		refused "$opt" no-such-value || {
			echo "FAIL '$c --$opt no-such-value' is not refused: this check cannot fail"
			fail=$((fail + 1)); }
		for v in $vals; do
			if refused "$opt" "$v"; then
				echo "FAIL the completion offers '$c --$opt $v', which is refused"
				fail=$((fail + 1))
			else
				pass=$((pass + 1))
			fi
		done
	done < "$tmp/values"
done
echo "completions: $pass passed, $fail failed, $skip shells skipped"
[ $fail -eq 0 ]
