#!/bin/sh
# check-tls-image.sh GUNILINT: a certificate and key that a Dockerfile
# COPYs into the image are judged from the build context (where the bytes
# are), and a path nothing provides says so.  Material is made here with
# openssl and removed at the end; prints "N passed, N failed".
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
command -v openssl >/dev/null || { echo "tls-image: skipped: no openssl"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
expect() { # expect WHAT PATTERN: the report must (or with !, must not) hold it
	if [ "${2#!}" != "$2" ]; then
		grep -q -- "${2#!}" "$tmp/out" && r=1 || r=0
	else
		grep -q -- "$2" "$tmp/out" && r=0 || r=1
	fi
	if [ $r -eq 0 ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL tls-image: $1"; cat "$tmp/out"; fi
}
mkdir -p "$tmp/ctx/certs"
cd "$tmp/ctx" || exit 1
openssl req -x509 -newkey rsa:1024 -nodes -keyout certs/k.pem \
	-out certs/c.pem -days 400 -subj /CN=api >/dev/null 2>&1
chmod 644 certs/k.pem
printf '%s\n' 'FROM python:3.11-slim' 'RUN pip install gunicorn' \
	'COPY certs/ /opt/key/' 'USER 1000' \
	'CMD ["gunicorn", "--bind", "0.0.0.0:8443", "--certfile", "/opt/key/c.pem", "--keyfile", "/opt/key/k.pem", "app:app"]' \
	>Dockerfile
"$bin" check --format gnu Dockerfile >"$tmp/out" 2>&1
expect "1024-bit key judged from the build context" 'Dockerfile:5:45: error: .* 1024-bit .*\[GL332\]'
expect "key mode judged from the build context" 'mode 0644.*\[GL322\]'
expect "no 'not present' note when the bytes were found" '!\[GL320\]'
sed -i 's|/opt/key/c.pem|/srv/other/c.pem|' Dockerfile
"$bin" check --format gnu Dockerfile >"$tmp/out" 2>&1
expect "a path nothing provides is said to be absent" "'/srv/other/c.pem' is not present here.*\[GL320\]"
echo "tls-image: $pass passed, $fail failed"
[ $fail -eq 0 ]
