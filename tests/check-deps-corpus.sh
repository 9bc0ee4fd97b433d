#!/bin/sh
# check-deps-corpus.sh GUNILINT: every dependency file of the shared
# real-world corpus ($GUNILINT_SHARED/corpus/requirements, default
# ../shared) is read as kind deps with no GL001 finding and nothing on
# stderr.  The corpus flattens paths ("owner__repo__dir__name", "__" for
# "/"), so each file is copied into a temporary folder under its real base
# name (the part after the last "__").  A name the deps globs know is
# found by a directory walk, which must count it as one file; another
# name (requirements/production.txt) is named with --kind deps.  Skipped,
# with the reason, when the corpus is absent.
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${GUNILINT_SHARED:-$top/../shared}
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$shared/corpus/requirements
if [ ! -d "$dir" ]; then
	echo "check-deps-corpus: skipped: $dir is absent"
	echo "0 passed, 0 failed"
	exit 0
fi
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$dir"/*; do
	[ -f "$f" ] || continue
	name=$(basename "$f")
	base=${name##*__}
	rm -rf "$tmp/case"
	mkdir "$tmp/case"
	cp "$f" "$tmp/case/$base"
	case $base in
	requirements*.txt|*requirements.txt|constraints*.txt|pyproject.toml|\
	Pipfile|Pipfile.lock|poetry.lock|uv.lock)
		(cd "$tmp/case" && NO_COLOR=1 "$bin" check . >"$tmp/out" \
		    2>"$tmp/err"; echo $? >"$tmp/rc")
		want="in 1 file" ;;
	*)
		(cd "$tmp/case" && NO_COLOR=1 "$bin" check --kind deps "$base" \
		    >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc")
		want="in 1 file" ;;
	esac
	rc=$(cat "$tmp/rc")
	why=
	[ "$rc" -le 1 ] || why="exit status $rc"
	[ -s "$tmp/err" ] && why="$why; stderr: $(head -1 "$tmp/err")"
	grep -q '\[GL001 ' "$tmp/out" && why="$why; $(grep -m1 '\[GL001 ' "$tmp/out")"
	grep -q "$want" "$tmp/out" || why="$why; not read as one file"
	if [ -z "$why" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name:$why"
	fi
done
echo "deps-corpus: $pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
