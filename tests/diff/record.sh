#!/bin/sh
# record.sh GUNICORN_GIT_DIR: rewrites the recordings under testdata/diff/.
# GUNICORN_GIT_DIR is a clone (or bare repository) of benoitc/gunicorn with
# its release tags.  The tags 23.0.0 and 26.1.0 are exported into a
# temporary folder outside this repository, run with Debian's python3, and
# deleted afterwards; Debian's installed gunicorn 20.1 is run as is.  No
# gunicorn code ends up in this repository, only what it printed.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -ne 1 ]; then
	echo "usage: tests/diff/record.sh GUNICORN_GIT_DIR" >&2
	exit 2
fi
gitdir=$1
shared=${GUNILINT_SHARED:-$top/../shared}
tsv=$shared/reference/gunicorn-argparse-cases.tsv
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gl-gunicorn-src.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

python3 "$top/tests/diff/gencases.py" >"$top/testdata/diff/cases.jsonl"
src=
for tag in 23.0.0 26.1.0; do
	mkdir "$tmp/$tag"
	git -C "$gitdir" archive "$tag" | tar -x -C "$tmp/$tag"
	echo "gunicorn $tag = commit $(git -C "$gitdir" rev-parse "$tag^{commit}")"
	src="$src --src $tag=$tmp/$tag"
done
echo "python: $(/usr/bin/python3 --version 2>&1); debian: $(dpkg-query -W -f='${Version}' gunicorn)"
for v in 20.1-debian 23.0.0 26.1.0; do
	# shellcheck disable=SC2086
	python3 "$top/tests/diff/difftest.py" record --version "$v" \
		--tsv "$tsv" $src
done
