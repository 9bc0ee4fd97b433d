#!/bin/sh
# run-golden.sh GUNILINT: golden tests.  Each case is a folder
# testdata/<area>/<case>/ with a file `cmd` (the arguments to gunilint, one
# shell line, run inside the case folder) and the expected outputs:
# `out.text` (stdout), `out.err` (stderr, optional) and `out.status` (exit
# status).  Output is compared byte for byte.  UPDATE=1 rewrites the
# expected files instead, so `git diff` is the review.  An optional file
# `expect` holds rule ids, one a line: "GL203" must be reported (as
# "[GL203 " in the output), "!GL203" must not; these hold even when the
# goldens are rewritten, so a regenerated golden cannot hide a lost finding.
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for cmdfile in $(find "$top/testdata" -name cmd -type f | sort); do
	dir=$(dirname "$cmdfile")
	name=${dir#"$top/testdata/"}
	(cd "$dir" && NO_COLOR=1 TERM=dumb LC_ALL= LC_MESSAGES=C LANGUAGE= GUNILINT=$bin \
		eval "\"\$GUNILINT\" $(cat cmd)" >"$tmp/out" 2>"$tmp/err" </dev/null
	 echo $? >"$tmp/status")
	bad_expect=
	if [ -f "$dir/expect" ]; then
		while read -r want; do
			case $want in
			"") ;;
			!*) grep -q "\[${want#!} " "$tmp/out" && bad_expect="$bad_expect $want" ;;
			*) grep -q "\[$want " "$tmp/out" || bad_expect="$bad_expect $want" ;;
			esac
		done <"$dir/expect"
	fi
	if [ -n "$bad_expect" ]; then
		fail=$((fail + 1))
		echo "FAIL golden $name: expectations not met:$bad_expect"
		cat "$tmp/out"
		continue
	fi
	if [ -n "${UPDATE:-}" ]; then
		cp "$tmp/out" "$dir/out.text"
		cp "$tmp/status" "$dir/out.status"
		if [ -s "$tmp/err" ]; then cp "$tmp/err" "$dir/out.err"; else rm -f "$dir/out.err"; fi
		continue
	fi
	ok=1
	diff -u "$dir/out.text" "$tmp/out" >"$tmp/diff" 2>&1 || ok=0
	diff -u "$dir/out.status" "$tmp/status" >>"$tmp/diff" 2>&1 || ok=0
	if [ -f "$dir/out.err" ]; then
		diff -u "$dir/out.err" "$tmp/err" >>"$tmp/diff" 2>&1 || ok=0
	elif [ -s "$tmp/err" ]; then
		echo "unexpected stderr:" >>"$tmp/diff"; cat "$tmp/err" >>"$tmp/diff"; ok=0
	fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL golden $name"
		cat "$tmp/diff"
	fi
done
[ -n "${UPDATE:-}" ] && { echo "golden files rewritten; review with git diff"; exit 0; }
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
