#!/bin/sh
# seeds.sh NAME OUT: fills folder OUT with seeds for harness fuzz_NAME from
# the goldens (testdata/) and the real-world corpus
# (${GUNILINT_SHARED:-../shared}/corpus/), at run time: copies live under
# build/, never in the tree.  For fuzz_check each seed is prefixed with
# the two bytes that make the harness write it under its own file name.
# Prints the number of seeds.
set -u
name=$1 out=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=${GUNILINT_SHARED:-$top/../shared}
mkdir -p "$out"
n=0
# files under testdata/ and the corpus whose base name matches a glob
files() {
	for d in "$top/testdata" "$shared/corpus"; do
		[ -d "$d" ] || continue
		for g in "$@"; do
			find "$d" -type f -name "$g" -size -64k
		done
	done | sort -u | head -400
}
# the files of one folder of the corpus
corpus() {
	[ -d "$shared/corpus/$1" ] && find "$shared/corpus/$1" -type f -size -64k | sort | head -200
}
add() { # add PREFIX-OCTAL FILE
	n=$((n + 1))
	if [ -n "$1" ]; then
		{ printf "$1"; cat "$2"; } >"$out/seed-$n"
	else
		cp "$2" "$out/seed-$n"
	fi
}
case $name in
check)
	# the index in fuzz_check.c's names[], as an octal escape, then
	# \000 (a path, text), \001 (a walk, text), \003 (a walk, json)
	i=0
	for g in 'Dockerfile*' 'gunicorn*.py' 'requirements*.txt' 'Procfile*' \
	    '.env*' '*.service' '*.yaml' 'compose*.y*ml' 'pyproject.toml' \
	    'app.yaml' '*.dockerfile' cmd; do
		for f in $(files "$g" | head -60); do
			add "\\$(printf %03o $i)\\00$((n % 4))" "$f"
		done
		i=$((i + 1))
	done
	# the corpus by folder: dockerfile pyconf requirements procfile env k8s compose
	for pair in dockerfile:0 pyconf:1 requirements:2 procfile:3 cmdargs:4 \
	    k8s:6 compose:7; do
		for f in $(corpus "${pair%:*}"); do
			add "\\$(printf %03o "${pair#*:}")\\00$((n % 4))" "$f"
		done
	done ;;
dockerfile)
	for f in $(files 'Dockerfile*' '*.dockerfile' 'Containerfile*') $(corpus dockerfile); do
		add "" "$f"
	done ;;
cli)
	# a command byte, then the words of a golden's cmd one a line
	for f in $(files cmd); do
		n=$((n + 1))
		{ printf "\\00$((n % 4))"; sed 's/^[a-z]* *//' "$f" | tr ' ' '\n'; } >"$out/seed-$n"
	done
	n=$((n + 1))
	printf '\000**/vendor/**\nvendor/a/b.yaml\nsrc/vendor/x\n[!a]*.y?ml\n' >"$out/seed-$n" ;;
argv|shellwords)
	for f in $(files cmd); do add "" "$f"; done
	for f in $(files 'Procfile*' '*.args'); do add "" "$f"; done ;;
settings)
	[ -f "$top/rules/gunicorn/settings.yaml" ] && add "" "$top/rules/gunicorn/settings.yaml" ;;
report)
	for f in $(files '*.yaml' 'Dockerfile' | head -100); do add "" "$f"; done ;;
esac
echo "$n"
