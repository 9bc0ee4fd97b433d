#!/bin/sh
# run.sh: builds every libFuzzer harness tests/fuzz/fuzz_<name>.c against
# the library compiled with clang, ASan and UBSan, and runs each for
# FUZZ_SECONDS (default 30) on its seed folder (tests/fuzz/corpus_<name>
# or tests/fuzz/seeds/<name>; else tests/fuzz/seeds.sh makes them from
# testdata/ and the shared corpus under build/fuzz/seeds-<name>).  New inputs go under build/fuzz/,
# never into the tree.  A crash, leak or sanitizer report fails the run.
# FUZZ_ONLY=NAME runs one harness.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
secs=${FUZZ_SECONDS:-30}
san="-fsanitize=address,undefined -fno-sanitize-recover=all"
command -v clang >/dev/null || { echo "fuzz: skipped: clang is not installed"; exit 0; }
make --no-print-directory CC=clang BUILD=build/fuzz \
	OPT="-O1 -g $san -fsanitize=fuzzer-no-link" build/fuzz/libgunilint.a >/dev/null || exit 1
libs=$(pkg-config --libs libcyaml yaml-0.1 libcjson openssl libpcre2-8)
pass=0 fail=0
for h in tests/fuzz/fuzz_*.c; do
	name=$(basename "$h" .c)
	name=${name#fuzz_}
	[ -n "${FUZZ_ONLY:-}" ] && [ "$name" != "$FUZZ_ONLY" ] && continue
	bin=build/fuzz/fuzz_$name
	if ! clang -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O1 -g $san \
	    -fsanitize=fuzzer $(pkg-config --cflags libcjson) -Isrc -Ibuild/fuzz/gen \
	    -o "$bin" "$h" build/fuzz/libgunilint.a $libs -lm 2>build/fuzz/$name.build.log; then
		echo "FAIL fuzz $name: does not build (build/fuzz/$name.build.log)"
		fail=$((fail + 1))
		continue
	fi
	work=build/fuzz/corpus-$name
	mkdir -p "$work"
	seeds=
	for d in tests/fuzz/corpus_$name tests/fuzz/seeds/$name; do
		[ -d "$d" ] && seeds="$seeds $d"
	done
	# no seeds in the tree: made from testdata/ and the corpus at run time
	if [ -z "$seeds" ]; then
		rm -rf "build/fuzz/seeds-$name"
		[ "$(sh tests/fuzz/seeds.sh "$name" "build/fuzz/seeds-$name")" -gt 0 ] &&
			seeds=build/fuzz/seeds-$name
	fi
	# shellcheck disable=SC2086
	if "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=build/fuzz/$name- "$work" $seeds \
	    >build/fuzz/$name.log 2>&1; then
		pass=$((pass + 1))
		echo "fuzz $name: $(grep -c '' "$work"/* 2>/dev/null | wc -l) corpus files, no crash in ${secs}s: $(grep -E '^#[0-9]+.*(DONE|pulse|REDUCE|NEW)' build/fuzz/$name.log | tail -1)"
	else
		fail=$((fail + 1))
		echo "FAIL fuzz $name: see build/fuzz/$name.log"
		tail -20 build/fuzz/$name.log
	fi
done
echo "fuzz: $pass passed, $fail failed"
[ $fail -eq 0 ]
