#!/bin/sh
# check-install.sh GUNILINT: `make install` into a DESTDIR puts the binary,
# the man pages (1, 5, 7), the completions where bash-completion, zsh and
# fish look, and the probe's app where the installed binary finds it, and
# `make uninstall` removes them again.
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL install: $1"; fi; }
make -C "$top" --no-print-directory install DESTDIR="$tmp" PREFIX=/usr >/dev/null 2>&1
ok "binary installed and runs" '"$tmp/usr/bin/gunilint" version >/dev/null'
for f in share/man/man1/gunilint.1 share/man/man5/gunilint.yaml.5 \
    share/man/man7/gunilint-rules.7 \
    share/bash-completion/completions/gunilint \
    share/zsh/vendor-completions/_gunilint \
    share/fish/vendor_completions.d/gunilint.fish; do
	ok "$f installed" '[ -s "$tmp/usr/$f" ]'
done
ok "installed man page is the committed one" 'cmp -s "$tmp/usr/share/man/man1/gunilint.1" "$top/man/gunilint.1"'
ok "installed bash completion is the committed one" 'cmp -s "$tmp/usr/share/bash-completion/completions/gunilint" "$top/completions/gunilint.bash"'
ok "the rules page has every rule" '[ "$(grep -c "^\.Ss GL" "$tmp/usr/share/man/man7/gunilint-rules.7")" -eq "$("$tmp/usr/bin/gunilint" rules | grep -c "^GL")" ]'
if command -v man >/dev/null 2>&1; then
	ok "man finds the installed pages" 'MANPATH="$tmp/usr/share/man" man -w gunilint.yaml >/dev/null 2>&1 && MANPATH="$tmp/usr/share/man" man -w 7 gunilint-rules >/dev/null 2>&1'
fi
ok "zh_CN catalogue installed and found by the installed binary" '[ -s "$tmp/usr/share/locale/zh_CN/LC_MESSAGES/gunilint.mo" ] && "$tmp/usr/bin/gunilint" rules --lang zh_CN GL001 | grep -q "^修复："'
ok "probe app next to the binary's ../share/gunilint" '[ -f "$tmp/usr/bin/../share/gunilint/probe_app.py" ]'
make -C "$top" --no-print-directory uninstall DESTDIR="$tmp" PREFIX=/usr >/dev/null 2>&1
ok "uninstall removes every file" '[ -z "$(find "$tmp" -type f)" ]'
[ -n "$(find "$tmp" -type f)" ] && find "$tmp" -type f | sed "s|$tmp|  left: |"
echo "install: $pass passed, $fail failed"
[ $fail -eq 0 ]
