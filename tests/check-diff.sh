#!/bin/sh
# check-diff.sh [--live|--recorded] GUNILINT [difftest options]: the
# differential test.  `gunilint explain --format=gunicorn` must print what
# `gunicorn --print-config` prints for the same input (stdout, stderr, exit
# status), for Debian's gunicorn 20.1 and for upstream 23.0.0 and 26.1.0.
#
# By default gunilint is compared with the recordings under testdata/diff/
# (about 10 s for the three releases).  --live (or GUNILINT_DIFF=live) also
# runs Debian's installed gunicorn on every case, compares gunilint with it,
# and checks that the recording still says what the real program says:
# each gunicorn run costs about 0.25 s of CPU, some 270 CPU-seconds for
# the whole table, so at least two and a half minutes on two idle cores.
# Add `--src 23.0.0=TREE --src 26.1.0=TREE` to rerun the upstream releases
# too (testdata/diff/README.md).
# The reference cases come from ../shared (GUNILINT_SHARED overrides it);
# without it that part is skipped and says so.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
mode=${GUNILINT_DIFF:-recorded}
case "${1:-}" in
--live) mode=live; shift ;;
--recorded) mode=recorded; shift ;;
esac
if [ $# -lt 1 ]; then
	echo "usage: check-diff.sh [--live|--recorded] GUNILINT [options]" >&2
	exit 2
fi
bin=$1
shift
if ! command -v python3 >/dev/null 2>&1; then
	echo "check-diff: skipped: python3 is not installed"
	echo "check-diff: 0 passed, 0 failed"
	exit 0
fi
shared=${GUNILINT_SHARED:-$top/../shared}
exec python3 "$top/tests/diff/difftest.py" check --gunilint "$bin" \
	--mode "$mode" --tsv "$shared/reference/gunicorn-argparse-cases.tsv" "$@"
