#!/bin/sh
# check-pyconf-corpus.sh GUNILINT: every real config file of
# ../shared/corpus/pyconf/ (GUNILINT_SHARED overrides it), under its real
# base name (the corpus flattens paths with `__`), is found by its name or
# its first bytes, read as a gunicorn config file and executed: `check`
# does not refuse it (exit 2), `explain` makes its launch, and nothing
# says the file does not parse or fails to run (GL001, GL006 "Failed to
# read config file").  Findings are listed for review.
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${GUNILINT_SHARED:-$top/../shared}
bin=${1:?usage: check-pyconf-corpus.sh GUNILINT}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
corpus=$shared/corpus/pyconf
if [ ! -d "$corpus" ]; then
	echo "pyconf corpus: skipped (no $corpus)"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for f in "$corpus"/*; do
	[ -f "$f" ] || continue
	name=${f##*__}
	dir=$tmp/$(basename "$f")
	mkdir -p "$dir" && cp "$f" "$dir/$name" || exit 1
	why=
	(cd "$dir" && "$bin" check --format json "$name" >out.json 2>err.txt)
	rc=$?
	[ $rc -eq 2 ] && why="check exits 2: $(cat "$dir/err.txt")"
	if [ -z "$why" ] && ! (cd "$dir" && "$bin" explain --format json "$name" 2>/dev/null) |
	    grep -q "\"id\":[[:space:]]*\"$name\""; then
		why="explain makes no launch of it"
	fi
	if [ -z "$why" ] && grep -q '"GL001"\|Failed to read config file' "$dir/out.json"; then
		why="reported as unreadable: $(grep -o '"message":[^}]*' "$dir/out.json" | head -2)"
	fi
	rules=$(grep -o '"rule":[[:space:]]*"GL[0-9]*"' "$dir/out.json" | grep -o 'GL[0-9]*' | sort | uniq -c | tr -s ' \n' ' ')
	if [ -n "$why" ]; then
		fail=$((fail + 1))
		echo "FAIL $name ($(basename "$f")): $why"
	else
		pass=$((pass + 1))
		echo "ok   $(basename "$f"):${rules:- no findings}"
	fi
done
echo "pyconf corpus: $pass passed, $fail failed"
[ $fail -eq 0 ]
