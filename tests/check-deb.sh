#!/bin/sh
# check-deb.sh GUNILINT: debian/ builds a package that installs and runs.
# A copy of the sources (git's tracked files, so nothing built here leaks
# in) is built with `dpkg-buildpackage -us -uc -b`; the .deb is installed
# with dpkg -i, `gunilint version` and a check run from /usr/bin, and the
# package is removed again with dpkg -r.  It takes about a minute (a full
# compile plus the goldens): it runs with GUNILINT_DEB=1, or, unless
# GUNILINT_DEB=0, when dpkg-buildpackage and debhelper are there, we are
# root (dpkg -i) and no gunilint package is installed (it would be
# replaced, then removed).
top=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0
skip() { echo "skipped: $1"; echo "0 passed, 0 failed, 1 skipped"; exit 0; }
ok() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL deb: $1"; fi; }

[ "${GUNILINT_DEB:-}" = 0 ] && skip "GUNILINT_DEB=0"
command -v dpkg-buildpackage >/dev/null 2>&1 ||
	skip "dpkg-buildpackage is not installed (apt-get install dpkg-dev debhelper)"
dpkg-query -W -f='${Status}' debhelper 2>/dev/null | grep -q ' installed$' ||
	skip "debhelper is not installed (apt-get install debhelper)"
[ "$(id -u)" -eq 0 ] || skip "dpkg -i needs root"
if [ "${GUNILINT_DEB:-}" != 1 ] &&
    dpkg-query -W -f='${Status}' gunilint 2>/dev/null | grep -q ' installed$'; then
	skip "a gunilint package is installed already; GUNILINT_DEB=1 replaces and removes it"
fi
command -v git >/dev/null 2>&1 && [ -e "$top/.git" ] ||
	skip "the sources are not a git checkout (the copy takes git's files)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=$tmp/gunilint-$(cat "$top/VERSION")
mkdir -p "$src"
# Tracked files plus the working tree's changes, not build/ or binaries.
(cd "$top" && git ls-files -z --cached --others --exclude-standard |
	xargs -0 tar cf - 2>/dev/null) | (cd "$src" && tar xf -)
start=$(date +%s)
# The package is built as a packager would, not with the caller's make
# variables (`make asan` passes BIN, BUILD and OPT down through MAKEFLAGS).
if ! (cd "$src" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
    -u BIN -u BUILD -u OPT -u ASAN_OPTIONS -u UBSAN_OPTIONS \
    dpkg-buildpackage -us -uc -b) >"$tmp/build.log" 2>&1; then
	echo "FAIL deb: dpkg-buildpackage failed; its last lines:"
	tail -30 "$tmp/build.log"
	echo "0 passed, 1 failed"
	exit 1
fi
echo "dpkg-buildpackage took $(($(date +%s) - start)) s ($(grep -m1 '^golden:' "$tmp/build.log" || echo 'goldens not run'))"

deb=$(ls "$tmp"/gunilint_*.deb 2>/dev/null | head -1)
ok "a .deb was built" '[ -f "$deb" ]'
# hardening=+all links with -z now: the Makefile passed LDFLAGS on.
if command -v readelf >/dev/null 2>&1; then
	ok "the binary is linked with Debian's LDFLAGS (BIND_NOW)" \
		'dpkg-deb -x "$deb" "$tmp/x" && readelf -d "$tmp/x/usr/bin/gunilint" | grep -q "BIND_NOW"'
fi
ok "the package holds the binary, man page, completion and probe app" \
	'dpkg-deb -c "$deb" >"$tmp/list" &&
	 grep -q " \./usr/bin/gunilint$" "$tmp/list" &&
	 grep -q " \./usr/share/man/man1/gunilint\.1" "$tmp/list" &&
	 grep -q " \./usr/share/bash-completion/completions/gunilint$" "$tmp/list" &&
	 grep -q " \./usr/share/gunilint/probe_app\.py$" "$tmp/list"'
ok "the package depends on the libraries it links" \
	'dpkg-deb -f "$deb" Depends | grep -q libcyaml'
if dpkg -i "$deb" >"$tmp/install.log" 2>&1; then
	pass=$((pass + 1))
	ok "the installed gunilint runs: version" \
		'/usr/bin/gunilint version | grep -q "^gunilint $(cat "$top/VERSION")$"'
	ok "the installed gunilint runs: check finds a finding" \
		'/usr/bin/gunilint check --args "--workers 0" >/dev/null; [ $? -eq 1 ]'
	ok "dpkg -r removes it" \
		'dpkg -r gunilint >"$tmp/remove.log" 2>&1 && [ ! -e /usr/bin/gunilint ]'
else
	fail=$((fail + 1))
	echo "FAIL deb: dpkg -i failed"; cat "$tmp/install.log"
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
