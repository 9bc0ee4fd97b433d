#!/bin/sh
# run.sh GUNILINT [measure.py options]: `make bench`.  Prints the median
# wall time and peak RSS of gunilint's explain (text and gunicorn formats)
# and check on the GUNICORN_CMD_ARGS line of the mission example, beside
# `gunicorn --print-config` on the same input, the instructions one
# `check --args` costs, the throughput of `gunilint check` over a
# generated corpus of 2,000 Dockerfiles, files/s, MB/s and peak RSS over
# 1k, 4k and 16k copies of the real manifests and compose files (beside
# yamllint on the 4k set), then the probe beside `openssl s_client`.
# Parts that cannot be measured here print "not measured: ..." instead of
# failing.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -lt 1 ]; then
	echo "usage: bench/run.sh GUNILINT [--runs N] [--corpus N]" >&2
	exit 2
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "bench: not measured: python3 is not installed" >&2
	exit 1
fi
python3 "$top/bench/measure.py" --top "$top" "$@" || exit 1
echo
sh "$top/bench/probe.sh" "$1"
