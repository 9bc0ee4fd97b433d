#!/bin/sh
# check-pep440.sh: pydeps_version_cmp() and pydeps_spec_allows() against
# Python's packaging (Version ordering; SpecifierSet.contains with
# prereleases=True) on the table below, through tests/pydeps_driver.c -v.
# Prints "N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-build}
cd "$top" || exit 1
py=${PYTHON:-python3}
"$py" -c 'import packaging.version' 2>/dev/null || py=/usr/bin/python3
"$py" -c 'import packaging.version' 2>/dev/null || { echo "check-pep440: skipped: no python3 packaging"; exit 0; }
make --no-print-directory "$build/libgunilint.a" >/dev/null || exit 1
pkgs="libcyaml yaml-0.1 libcjson openssl libpcre2-8"
driver="$build/tests/pydeps_driver"
mkdir -p "$build/tests"
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g ${OPT:-} -Isrc \
	-I"$build/gen" $(pkg-config --cflags $pkgs) -o "$driver" \
	tests/pydeps_driver.c "$build/libgunilint.a" \
	$(pkg-config --libs $pkgs) -lm || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# cmp A B / allows SPEC VERSION, tab-separated.
T='	'
cat >"$tmp/cases" <<CASES
cmp${T}1.0${T}1.0.0
cmp${T}1.0${T}1.1
cmp${T}20.1.0${T}20.0.4
cmp${T}23.0.0${T}23.0
cmp${T}1.0a1${T}1.0
cmp${T}1.0.dev0${T}1.0a1
cmp${T}1.0a1${T}1.0b1
cmp${T}1.0b2${T}1.0rc1
cmp${T}1.0rc1${T}1.0c1
cmp${T}1.0${T}1.0.post1
cmp${T}1.0.post1.dev1${T}1.0.post1
cmp${T}1.0.post1${T}1.0-1
cmp${T}1.0-r2${T}1.0.post2
cmp${T}1.0+local${T}1.0
cmp${T}1.0+abc${T}1.0+5
cmp${T}1.0+1.2${T}1.0+1.10
cmp${T}1!1.0${T}2.0
cmp${T}v1.2${T}1.2
cmp${T}1.0ALPHA1${T}1.0a1
cmp${T}1.0-preview-2${T}1.0rc2
cmp${T}2.0.dev1${T}2.0.dev2
cmp${T}1.0.dev1${T}1.0a1.dev1
cmp${T}1.0a1.dev1${T}1.0a1
cmp${T}19.9.0${T}19.10.0
cmp${T}0.29.0${T}0.22.0
cmp${T}1.0.0.0.0${T}1
allows${T}>=20.1,<24${T}23.0.0
allows${T}>=20.1,<24${T}24.0
allows${T}>=20.1,<24${T}20.0.4
allows${T}>=20.1,<24${T}20.1
allows${T}~=22.0${T}22.5
allows${T}~=22.0${T}23.0
allows${T}~=22.0.1${T}22.0.5
allows${T}~=22.0.1${T}22.1.0
allows${T}==23.*${T}23.0.0
allows${T}==23.*${T}24.0
allows${T}==23.*${T}23
allows${T}==23.0.*${T}23.0rc1
allows${T}!=21.2.0${T}21.2
allows${T}!=21.2.0${T}21.2.1
allows${T}!=21.*${T}21.9
allows${T}==1.0${T}1.0+local
allows${T}==1.0+local${T}1.0
allows${T}==1.0+local${T}1.0+local
allows${T}<24${T}24.0a1
allows${T}<24${T}23.9a1
allows${T}<24a2${T}24.0a1
allows${T}>23${T}23.post1
allows${T}>23${T}23.0.1
allows${T}>23${T}23+local
allows${T}>23.post1${T}23.post2
allows${T}<=23${T}23+local
allows${T}>=23${T}23.0a1
allows${T}===1.0${T}1.0
allows${T}===1.0${T}1.0.0
allows${T}${T}1.2.3
allows${T}>=1.0, <2.0${T}1.5
allows${T}==20.1.0${T}20.1
allows${T}>=22.0.0,!=22.1.*,<23${T}22.1.3
allows${T}>=22.0.0,!=22.1.*,<23${T}22.2
allows${T}~=2.2.post3${T}2.3
allows${T}>=1.0.post1${T}1.0
allows${T}==1.0.dev1${T}1.0.dev1
allows${T}>1.0.dev1${T}1.0
allows${T}~=1${T}1.0
allows${T}>=1.0+local${T}1.0
allows${T}==1.*.1${T}1.0
allows${T}=>1.0${T}1.0
CASES
"$py" - "$tmp/cases" >"$tmp/py" <<'PY'
import sys
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version
for line in open(sys.argv[1]):
    op, a, b = line.rstrip("\n").split("\t")
    if op == "cmp":
        va, vb = Version(a), Version(b)
        print(-1 if va < vb else 1 if va > vb else 0)
        continue
    try:
        print(1 if SpecifierSet(a).contains(Version(b), prereleases=True) else 0)
    except (InvalidSpecifier, InvalidVersion):
        print(-1)
PY
"$driver" -v <"$tmp/cases" >"$tmp/c"
pass=0 fail=0
n=$(wc -l <"$tmp/cases")
i=1
while [ "$i" -le "$n" ]; do
	want=$(sed -n "${i}p" "$tmp/py")
	got=$(sed -n "${i}p" "$tmp/c")
	if [ "$want" = "$got" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $(sed -n "${i}p" "$tmp/cases" | tr '\t' ' '): packaging says $want, pydeps $got"
	fi
	i=$((i + 1))
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
