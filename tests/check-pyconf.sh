#!/bin/sh
# check-pyconf.sh [GUNILINT]: differential test of the config-file
# evaluator (src/py/pyeval*.c) against CPython.  A small driver
# (tests/pyconf_driver.c, linked with the library) prints each global's
# final value; python3 execs the same file as gunicorn does (module name
# __config__, env -i plus chosen variables, a fixed CPU count, imports of
# modules that are not installed replaced by stubs) and prints repr() of
# every global of a plain type.  Every value the evaluator claims must equal
# Python's, and so must the exception a failing file raises.
#
# Cases: testdata/pyconf-eval/*.py, whose header comments may say
#   # env: NAME=VALUE ...     variables set for the run
#   # cpus: N                 the CPU count both sides see (default 4)
#   # runtime: a b           the names the evaluator must leave runtime
# (any other name it leaves runtime fails the case), then every file of
# ../shared/corpus/pyconf/ (GUNILINT_SHARED or $1's sibling overrides),
# run with an empty environment and with a typical one; there runtime
# names are skipped.  Prints "N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${GUNILINT_SHARED:-$top/../shared}
corpus="$shared/corpus/pyconf"
build=${BUILD:-build}
cd "$top" || exit 1
if ! command -v python3 >/dev/null 2>&1; then
	echo "pyconf: skipped: python3 is not installed"
	exit 0
fi
make --no-print-directory "$build/libgunilint.a" >/dev/null || exit 1
pkgs="libcyaml yaml-0.1 libcjson openssl libpcre2-8"
driver="$build/tests/pyconf_driver"
mkdir -p "$build/tests"
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g ${OPT:-} -Isrc \
	-I"$build/gen" $(pkg-config --cflags $pkgs) -o "$driver" \
	tests/pyconf_driver.c "$build/libgunilint.a" \
	$(pkg-config --libs $pkgs) -lm || exit 1
drv=$(cd "$(dirname "$driver")" && pwd)/$(basename "$driver")
set --
for f in testdata/pyconf-eval/*.py; do
	[ -f "$f" ] && set -- "$@" "case:$f"
done
if [ -d "$corpus" ]; then
	for f in "$corpus"/*; do
		[ -f "$f" ] && set -- "$@" "corpus:$f"
	done
else
	echo "pyconf corpus: skipped (no $corpus)"
fi
python3 tests/tools/pyconf_compare.py "$drv" "$@"
