#!/bin/sh
# check-unreadable.sh GUNILINT: an input that cannot be read is said on
# stderr and makes the exit status 2, while every other file is still
# checked and reported; the same for a directory the walk cannot enter.  Needs a user that root permissions do not cover:
# runs as nobody when started as root, skips (with the reason) otherwise.
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(id -u)" -ne 0 ] || ! id nobody >/dev/null 2>&1 || ! command -v su >/dev/null; then
	echo "unreadable: skipped: needs root to run gunilint as nobody"
	echo "0 passed, 0 failed"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
cp "$bin" "$tmp/gunilint"
cp "$top/testdata/examples/fastapi-tls/k8s/deployment.yaml" "$tmp/a.yaml"
cp "$tmp/a.yaml" "$tmp/b.yaml"
chmod 000 "$tmp/b.yaml"
chmod 644 "$tmp/a.yaml"
mkdir "$tmp/locked"
cp "$tmp/a.yaml" "$tmp/locked/c.yaml"
chmod 000 "$tmp/locked"
su nobody -s /bin/sh -c "cd '$tmp' && exec ./gunilint check --format gnu ." \
	>"$tmp/out" 2>"$tmp/err"
echo $? >"$tmp/status"
pass=0 fail=0
t() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL unreadable: $1"; fi; }
t "exit status 2" '[ "$(cat "$tmp/status")" = 2 ]'
t "the unreadable file is named on stderr" 'grep -q "b.yaml.*Permission denied" "$tmp/err"'
t "the readable file is still reported" 'grep -q "^a.yaml:.*\[GL503\]" "$tmp/out"'
t "the directory that cannot be entered is named on stderr" 'grep -q "locked.*cannot enter the directory: Permission denied" "$tmp/err"'
echo "unreadable: $pass passed, $fail failed"
[ $fail -eq 0 ]
