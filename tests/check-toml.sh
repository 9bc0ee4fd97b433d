#!/bin/sh
# check-toml.sh: the TOML reader (src/front/toml.c) against Python's
# tomllib.  A small driver (tests/toml_driver.c, linked with the library)
# prints each document as toml-test "tagged" JSON; tests/toml_tagged.py
# does the same with tomllib; the two must be equal.  Files under
# testdata/toml/valid/ must be accepted by both, files under
# testdata/toml/invalid/ rejected by both, and so are the TOML files of
# testdata/deps/ (see below); every .toml file of
# ../shared/corpus/requirements/ (GUNILINT_SHARED overrides ../shared) is
# compared too.  Prints "N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
corpus="${GUNILINT_SHARED:-$top/../shared}/corpus/requirements"
build=${BUILD:-build}
cd "$top" || exit 1
py=${PYTHON:-python3}
"$py" -c 'import tomllib' 2>/dev/null || py=/usr/bin/python3
"$py" -c 'import tomllib' 2>/dev/null || { echo "check-toml: skipped: no python3 with tomllib"; exit 0; }
make --no-print-directory "$build/libgunilint.a" >/dev/null || exit 1
pkgs="libcyaml yaml-0.1 libcjson openssl libpcre2-8"
driver="$build/tests/toml_driver"
mkdir -p "$build/tests"
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g ${OPT:-} -Isrc \
	-I"$build/gen" $(pkg-config --cflags $pkgs) -o "$driver" \
	tests/toml_driver.c "$build/libgunilint.a" \
	$(pkg-config --libs $pkgs) -lm || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# compare FILE: both accept and agree (0), or say why not (1).
compare() {
	if ! "$driver" "$1" >"$tmp/c.json" 2>"$tmp/c.err"; then
		echo "FAIL: $1: rejected by toml_driver: $(cat "$tmp/c.err")"
		return 1
	fi
	if ! "$py" tests/toml_tagged.py "$1" >"$tmp/py.json" 2>"$tmp/py.err"; then
		echo "FAIL: $1: accepted by toml_driver, $(cat "$tmp/py.err") by tomllib"
		return 1
	fi
	"$py" tests/toml_tagged.py --canon <"$tmp/c.json" >"$tmp/c.canon" || return 1
	if ! diff -u "$tmp/py.json" "$tmp/c.canon" >"$tmp/diff"; then
		echo "FAIL: $1: differs from tomllib (- tomllib, + toml_driver)"
		sed 's/^/    /' "$tmp/diff"
		return 1
	fi
	return 0
}

# reject FILE: both reject it.
reject() {
	if "$driver" "$1" >/dev/null 2>"$tmp/c.err"; then
		echo "FAIL: $1: accepted by toml_driver, should be rejected"
		return 1
	fi
	if "$py" tests/toml_tagged.py "$1" >/dev/null 2>&1; then
		echo "FAIL: $1: accepted by tomllib (the test file is wrong)"
		return 1
	fi
	grep -q '^[^:]*:[0-9]*:[0-9]*: error: ' "$tmp/c.err" || {
		echo "FAIL: $1: no FILE:LINE:COL message: $(cat "$tmp/c.err")"
		return 1
	}
	[ -n "${VERBOSE:-}" ] && cat "$tmp/c.err"
	return 0
}

count() {
	if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

for f in testdata/toml/valid/*.toml; do
	[ -f "$f" ] && count compare "$f"
done
for f in testdata/toml/invalid/*.toml; do
	[ -f "$f" ] && count reject "$f"
done
# The TOML files of the dependency goldens (Pipfile.lock is JSON): a
# file whose first line starts with "# invalid" must be rejected.
for f in $(find testdata/deps -type f \( -name '*.toml' -o -name Pipfile \
    -o -name poetry.lock -o -name uv.lock \) | sort); do
	if head -1 "$f" | grep -q '^# invalid'; then
		count reject "$f"
	else
		count compare "$f"
	fi
done
if [ -d "$corpus" ]; then
	for f in "$corpus"/*.toml; do
		[ -f "$f" ] && count compare "$f"
	done
else
	echo "check-toml: corpus skipped (no ../shared/corpus/requirements)"
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
