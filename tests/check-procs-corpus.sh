#!/bin/sh
# check-procs-corpus.sh GUNILINT: every real Procfile and App Engine
# app.yaml of ../shared/corpus/procfile/ and every env file of
# ../shared/corpus/cmdargs/ (not lines.tsv) is checked under its real
# base name (the part after the last "__" of the corpus name) in a
# directory of its own.  Each must get its real kind from its name
# (tests/kinds_driver.c), or be an env file whose name says nothing
# (".django"), which must then be taken for one from its lines when named
# and is also read from stdin with --kind env; gunilint must
# not exit 2 and must report no GL001.  The Heroku getting-started
# Procfile must give no finding at all.  V=1 prints every report, for
# review.  GUNILINT_SHARED overrides where ../shared is.  Prints
# "N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shared=${GUNILINT_SHARED:-$top/../shared}
build=${BUILD:-build}
if [ ! -d "$shared/corpus/procfile" ] || [ ! -d "$shared/corpus/cmdargs" ]; then
	echo "check-procs-corpus: skipped: $shared/corpus/{procfile,cmdargs} is absent"
	echo "0 passed, 0 failed"
	exit 0
fi
cd "$top" || exit 1
make --no-print-directory "$build/libgunilint.a" >/dev/null || exit 1
pkgs="libcyaml yaml-0.1 libcjson openssl libpcre2-8"
driver="$build/tests/kinds_driver"
mkdir -p "$build/tests"
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g ${OPT:-} -Isrc \
	-I"$build/gen" $(pkg-config --cflags $pkgs) -o "$driver" \
	tests/kinds_driver.c "$build/libgunilint.a" \
	$(pkg-config --libs $pkgs) -lm || exit 1
drv=$(cd "$(dirname "$driver")" && pwd)/$(basename "$driver")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
bad() { fail=$((fail + 1)); echo "FAIL $name: $*"; sed 's/^/    /' "$tmp/out"; }

# one corpus file: want is the kind its real name must have
one() {
	f=$1 want=$2
	name=$(basename "$f")
	base=${name##*__}
	dir="$tmp/$name"
	mkdir -p "$dir"
	cp "$f" "$dir/$base"
	kind=$("$drv" "$dir/$base" | cut -f1)
	if [ "$kind" = "$want" ]; then
		(cd "$dir" && NO_COLOR=1 "$bin" check "$base" >"$tmp/out" 2>&1)
		rc=$?
	elif [ "$kind" = - ] && [ "$want" = env ]; then
		# named, its lines must tell what it is; on stdin, --kind does
		(cd "$dir" && NO_COLOR=1 "$bin" check "$base" >"$tmp/out" 2>&1)
		if [ $? -eq 2 ]; then
			bad "named on the command line, not taken for an env file"
			return
		fi
		(cd "$dir" && NO_COLOR=1 "$bin" check --kind env - <"$base" \
		    >"$tmp/out" 2>&1)
		rc=$?
	else
		: >"$tmp/out"
		bad "read as '$kind', not as '$want'"
		return
	fi
	[ "${V:-0}" = 1 ] && { echo "== $name ($want, status $rc)"; cat "$tmp/out"; }
	if [ $rc -eq 2 ]; then
		bad "exit status 2"
	elif grep -q '\[GL001 ' "$tmp/out"; then
		bad "GL001 (a parse error)"
	elif [ "$base" = Procfile ] && case $name in heroku__*) true ;; *) false ;; esac &&
	    ! grep -q '^no findings' "$tmp/out"; then
		bad "findings on Heroku's own getting-started Procfile"
	else
		pass=$((pass + 1))
	fi
}

for f in "$shared"/corpus/procfile/*; do
	[ -f "$f" ] && one "$f" procfile
done
for f in "$shared"/corpus/cmdargs/*; do
	[ -f "$f" ] || continue
	[ "$(basename "$f")" = lines.tsv ] && continue
	one "$f" env
done
[ $((pass + fail)) -gt 0 ] || { echo "FAIL: no corpus file was checked"; fail=1; }
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
