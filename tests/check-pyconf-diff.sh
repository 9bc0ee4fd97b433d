#!/bin/sh
# check-pyconf-diff.sh GUNILINT: config files through the real gunicorn.
# Every config file of ../shared/corpus/pyconf/ (GUNILINT_SHARED
# overrides it), of testdata/pyconf/ and of testdata/pyconf-eval/ is run
# with Debian's gunicorn (`gunicorn -c FILE --print-config app:app`, with
# an empty and with a typical environment) and compared with `gunilint
# explain --format=gunicorn` for the same folder and variables
# (tests/tools/pyconf_diff.py says how).  About 10 s.
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${GUNILINT_SHARED:-$top/../shared}
bin=${1:?usage: check-pyconf-diff.sh GUNILINT}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
cd "$top" || exit 1
if ! command -v python3 >/dev/null 2>&1; then
	echo "pyconf-diff: skipped: python3 is not installed"
	exit 0
fi
if [ ! -x /usr/bin/gunicorn ]; then
	echo "pyconf-diff: skipped: Debian's gunicorn (/usr/bin/gunicorn) is not installed (make test installs it)"
	exit 0
fi
set --
for f in "$shared"/corpus/pyconf/* testdata/pyconf/*/*.py testdata/pyconf-eval/*.py; do
	[ -f "$f" ] && set -- "$@" "$f"
done
[ -d "$shared/corpus/pyconf" ] || echo "pyconf-diff: corpus part skipped (no $shared/corpus/pyconf)"
out=$(python3 tests/tools/pyconf_diff.py "$bin" "$@")
rc=$?
printf '%s\n' "$out" | grep -v '^ok '
exit $rc
