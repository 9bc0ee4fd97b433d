#!/bin/sh
# run-unit.sh BIN...: runs each cmocka unit-test binary; fails if any fails.
# cmocka prints its own "[  PASSED  ] N test(s)." summary per binary.
failed=0
for t in "$@"; do
	"$t" || { echo "unit test binary failed: $t" >&2; failed=1; }
done
exit $failed
