#!/bin/sh
# check-corpus.sh GUNILINT: the whole real-world corpus, each file at its
# real path.  ../shared/corpus/SOURCES.tsv (GUNILINT_SHARED overrides
# ../shared) names every file's repository and path; each is put back at
# REPO/PATH in a temporary tree and checked on its own, by path: gunilint
# must tell its kind from its name or first bytes (not exit 2), must say
# nothing on stderr, and must report no GL001 (the file does not parse).
# The expected kind of each corpus folder must be the one used, and the
# tree is also walked as a whole (`check .`), which must read every file
# whose name tells its kind (a walk does not guess from content: the
# others are listed).
# Prints the files per kind and "corpus: N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${GUNILINT_SHARED:-$top/../shared}
bin=${1:?usage: check-corpus.sh GUNILINT}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
corpus=$shared/corpus
if [ ! -f "$corpus/SOURCES.tsv" ]; then
	echo "corpus: skipped (no $corpus/SOURCES.tsv)"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 n=0 named=0
# kind folder -> the --kind name its files are read as
kind_of_folder() {
	case $1 in
	requirements) echo deps ;;
	cmdargs) echo env ;;
	procfile) echo procfile ;;
	*) echo "$1" ;;
	esac
}
tab=$(printf '\t')
while IFS=$tab read -r folder file repo path commit license; do
	[ "$folder" = kind ] && continue
	[ -f "$corpus/$folder/$file" ] || continue
	n=$((n + 1))
	mkdir -p "$tmp/tree/$repo/$(dirname "$path")"
	cp "$corpus/$folder/$file" "$tmp/tree/$repo/$path"
	echo "$folder$tab$repo/$path" >>"$tmp/list"
done <"$corpus/SOURCES.tsv"
while IFS=$tab read -r folder rel; do
	want=$(kind_of_folder "$folder")
	(cd "$tmp/tree" && "$bin" check --format json "$rel" >"$tmp/out" 2>"$tmp/err")
	rc=$?
	why=
	[ $rc -eq 2 ] && why="refused (exit 2)"
	[ -z "$why" ] && [ -s "$tmp/err" ] && why="stderr: $(head -2 "$tmp/err")"
	[ -z "$why" ] && grep -q '"GL001"' "$tmp/out" && why="GL001: $(grep -o '"message":[^,]*' "$tmp/out" | head -1)"
	# the kind used: the same report with --kind forced must not differ
	if [ -z "$why" ]; then
		(cd "$tmp/tree" && "$bin" check --format json --kind "$want" "$rel" >"$tmp/forced" 2>/dev/null)
		cmp -s "$tmp/out" "$tmp/forced" || why="not read as $want"
	fi
	if [ -n "$why" ]; then
		fail=$((fail + 1))
		echo "FAIL $folder $rel: $why"
	else
		pass=$((pass + 1))
	fi
	# alone in a folder: does a walk find it by its name?
	# (with its folder's name: requirements/*.txt)
	parent=$(basename "$(dirname "$rel")")
	rm -rf "$tmp/solo" && mkdir -p "$tmp/solo/$parent" &&
	    cp "$tmp/tree/$rel" "$tmp/solo/$parent/"
	if "$bin" check "$tmp/solo" 2>/dev/null | grep -q ' in 1 file$'; then
		named=$((named + 1))
	else
		echo "  by content only: $rel"
	fi
done <"$tmp/list"
(cd "$tmp/tree" && "$bin" check . >"$tmp/walk" 2>"$tmp/err")
rc=$?
files=$(grep -o 'in [0-9]* files\?$' "$tmp/walk" | grep -o '[0-9]*')
if [ $rc -eq 2 ] || [ -s "$tmp/err" ] || [ "${files:-0}" -ne "$named" ]; then
	fail=$((fail + 1))
	echo "FAIL walk: exit $rc, ${files:-0} files read, $named named: $(head -3 "$tmp/err")"
else
	pass=$((pass + 1))
fi
cut -f1 "$tmp/list" | sort | uniq -c | sed 's/^/  /'
echo "corpus: $pass passed, $fail failed ($n files)"
[ $fail -eq 0 ]
