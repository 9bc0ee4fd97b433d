#!/bin/sh
# check-catalog.sh GUNILINT: every rule in the catalogue has a golden case
# that must report it (a line "GLnnn" in some testdata/**/expect) and a near
# miss that must not ("!GLnnn"); and every id a golden case expects exists.
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$1
pass=0 fail=0
expects=$(find "$top/testdata" -name expect -type f -exec cat {} + 2>/dev/null)
for id in $("$bin" rules | awk '{print $1}'); do
	if printf '%s\n' "$expects" | grep -qx "$id" &&
	    printf '%s\n' "$expects" | grep -qx "!$id"; then
		pass=$((pass + 1))
	else
		echo "FAIL $id: needs a golden case that triggers it and a near miss (testdata/**/expect)"
		fail=$((fail + 1))
	fi
done
for id in $(printf '%s\n' "$expects" | sed 's/^!//' | sort -u); do
	"$bin" rules "$id" >/dev/null 2>&1 || {
		echo "FAIL an expect file names '$id', which is not in the catalogue"
		fail=$((fail + 1))
	}
done
echo "catalog: $pass passed, $fail failed"
[ $fail -eq 0 ]
