#!/bin/sh
# deps.sh PROFILE: installs the Debian packages gunilint needs, only those
# missing.  PROFILE "build" is what compiling needs; "test" adds what the
# test suite runs against (cmocka, the real gunicorn, uvicorn, FastAPI,
# OpenSSL's command-line tool, pre-commit, valgrind, clang for fuzzing,
# mandoc to lint the man pages, zsh and fish to run their completions).
# As root it runs apt-get; anyone else is told the exact command to run.
set -eu

build_pkgs="gcc make pkg-config libc6-dev libcyaml-dev libyaml-dev libcjson-dev libssl-dev libpcre2-dev"
test_pkgs="libcmocka-dev gunicorn python3 python3-packaging time python3-uvicorn python3-fastapi openssl pre-commit git valgrind clang libclang-rt-14-dev mandoc zsh fish"

case "${1:-build}" in
build) want=$build_pkgs ;;
test) want="$build_pkgs $test_pkgs" ;;
*) echo "usage: deps.sh build|test" >&2; exit 2 ;;
esac

missing=
for p in $want; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "gunilint needs these Debian packages:$missing" >&2
	echo "run as root: apt-get update && $cmd" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
