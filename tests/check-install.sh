#!/bin/sh
# check-install.sh GUNILINT: `make install` into a DESTDIR puts the binary,
# the man page, the completion and the probe's app where the installed
# binary finds them, and `make uninstall` removes them again.
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL install: $1"; fi; }
make -C "$top" --no-print-directory install DESTDIR="$tmp" PREFIX=/usr >/dev/null 2>&1
ok "binary installed and runs" '"$tmp/usr/bin/gunilint" version >/dev/null'
ok "man page installed" '[ -f "$tmp/usr/share/man/man1/gunilint.1" ]'
ok "bash completion installed" '[ -f "$tmp/usr/share/bash-completion/completions/gunilint" ]'
ok "probe app next to the binary's ../share/gunilint" '[ -f "$tmp/usr/bin/../share/gunilint/probe_app.py" ]'
make -C "$top" --no-print-directory uninstall DESTDIR="$tmp" PREFIX=/usr >/dev/null 2>&1
ok "uninstall removes every file" '[ -z "$(find "$tmp" -type f)" ]'
echo "install: $pass passed, $fail failed"
[ $fail -eq 0 ]
