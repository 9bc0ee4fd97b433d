#!/bin/sh
# run-valgrind.sh GUNILINT UNIT-BINARIES...: every unit test binary, and
# gunilint on every golden case, under valgrind's memcheck; any error or
# definite leak fails.  Prints "N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
gl=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
command -v valgrind >/dev/null || { echo "valgrind: skipped: not installed"; exit 0; }
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
pass=0 fail=0
for t in "$@"; do
	if $vg "$t" >/dev/null 2>"$top/build/vg.log"; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL valgrind $t"; tail -30 "$top/build/vg.log"; fi
done
for cmdfile in $(find "$top/testdata" -name cmd -type f | sort); do
	dir=$(dirname "$cmdfile")
	(cd "$dir" && NO_COLOR=1 GUNILINT="$gl" eval "$vg \"\$GUNILINT\" $(cat cmd)" \
	    >/dev/null 2>"$top/build/vg.log" </dev/null)
	if [ $? -eq 99 ]; then
		fail=$((fail + 1)); echo "FAIL valgrind golden ${dir#"$top/"}"
		tail -30 "$top/build/vg.log"
	else
		pass=$((pass + 1))
	fi
done
echo "valgrind: $pass passed, $fail failed"
[ $fail -eq 0 ]
