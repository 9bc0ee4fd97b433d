#!/bin/sh
# check-dockerfile-corpus.sh GUNILINT: every real-world Dockerfile in
# ../shared/corpus/dockerfile/ must parse without a GL0xx finding and
# without a crash.  Until `gunilint check Dockerfile` is wired, a small
# driver (tests/dockerfile_driver.c) linked with the library parses and
# runs the image rules.  GUNILINT_SHARED overrides where ../shared is.
# Then the cases under testdata/dockerfile/ (a Dockerfile with its build
# context) are run through the driver with -v and compared with their
# expect.driver (the image model and every finding); UPDATE=1 rewrites them.
# Prints "N passed, N failed" and lists the files that fail.
top=$(cd "$(dirname "$0")/.." && pwd)
corpus="${GUNILINT_SHARED:-$top/../shared}/corpus/dockerfile"
build=${BUILD:-build}
cd "$top" || exit 1
make --no-print-directory "$build/libgunilint.a" >/dev/null || exit 1
pkgs="libcyaml yaml-0.1 libcjson openssl libpcre2-8"
driver="$build/tests/dockerfile_driver"
mkdir -p "$build/tests"
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g ${OPT:-} -Isrc \
	-I"$build/gen" $(pkg-config --cflags $pkgs) -o "$driver" \
	tests/dockerfile_driver.c "$build/libgunilint.a" \
	$(pkg-config --libs $pkgs) -lm || exit 1
pass=0
fail=0
drv=$(cd "$(dirname "$driver")" && pwd)/$(basename "$driver")
for d in testdata/dockerfile/*/; do
	[ -f "$d/Dockerfile" ] || continue
	out=$(cd "$d" && "$drv" -v Dockerfile 2>&1)
	if [ -n "${UPDATE:-}" ]; then
		printf '%s\n' "$out" >"$d/expect.driver"
		continue
	fi
	if printf '%s\n' "$out" | diff -u "$d/expect.driver" - >/dev/null 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL testdata: $d"
		printf '%s\n' "$out" | diff -u "$d/expect.driver" - | sed 's/^/    /'
	fi
done
if [ ! -d "$corpus" ]; then
	echo "dockerfile corpus: skipped (no ../shared/corpus/dockerfile)"
	corpus=/nonexistent
fi
for f in "$corpus"/*; do
	[ -f "$f" ] || continue
	out=$("$driver" "$f" 2>&1)
	rc=$?
	if [ $rc -eq 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL (status $rc): $(basename "$f")"
		printf '%s\n' "$out" | sed 's/^/    /'
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
