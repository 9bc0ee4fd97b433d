#!/bin/sh
# check-fuzz.sh GUNILINT: every parser's libFuzzer harness, each for a
# bounded time (FUZZ_SECONDS, 10 by default here; `make fuzz` runs longer),
# so CI catches a crash the seeds reach.  Skips with the reason when clang
# is missing.
top=$(cd "$(dirname "$0")/.." && pwd)
FUZZ_SECONDS=${FUZZ_SECONDS:-10} exec sh "$top/tests/fuzz/run.sh"
