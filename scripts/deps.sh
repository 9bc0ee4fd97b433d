#!/bin/sh
# deps.sh PROFILE: installs the Debian packages gunilint needs, only those
# missing.  PROFILE "build" is what compiling needs; "test" adds what the
# test suite runs against (cmocka, the real gunicorn, uvicorn, FastAPI,
# OpenSSL's command-line tool, pre-commit, valgrind, clang for fuzzing,
# mandoc to lint the man pages, zsh and fish to run their completions,
# debhelper for the package) and then runs the "sarif" profile: Microsoft's
# SARIF Multitool from npm (any npm on PATH; Debian's is package npm),
# installed once into build/sarif-tools of the source tree, never globally.
# As root it runs apt-get; anyone else is told the exact command to run.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
sarif_pkg=@microsoft/sarif-multitool@5.7.0
sarif_dir=$top/build/sarif-tools
sarif_bin=$sarif_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

# The SARIF validator: 0 when it is there; else says why on stderr.
sarif() {
	[ -x "$sarif_bin" ] && return 0
	if ! command -v npm >/dev/null 2>&1; then
		echo "npm is not installed (apt-get install npm)" >&2
		return 1
	fi
	mkdir -p "$sarif_dir"
	if ! (cd "$sarif_dir" && npm install --no-audit --no-fund --prefix . \
	    "$sarif_pkg" >npm.log 2>&1); then
		echo "npm could not install $sarif_pkg (see build/sarif-tools/npm.log)" >&2
		return 1
	fi
	# npm may hold back the package's own "chmod u+x" install script.
	chmod u+x "$sarif_bin" 2>/dev/null || true
	[ -x "$sarif_bin" ] || { echo "$sarif_pkg has no $sarif_bin" >&2; return 1; }
}

build_pkgs="gcc make pkg-config libc6-dev libcyaml-dev libyaml-dev libcjson-dev libssl-dev libpcre2-dev gettext"
test_pkgs="libcmocka-dev gunicorn python3 python3-packaging time python3-uvicorn python3-fastapi openssl pre-commit git valgrind clang libclang-rt-14-dev mandoc zsh fish dpkg-dev debhelper"

case "${1:-build}" in
build) want=$build_pkgs ;;
test) want="$build_pkgs $test_pkgs" ;;
sarif) sarif; exit $? ;;
*) echo "usage: deps.sh build|test|sarif" >&2; exit 2 ;;
esac

missing=
for p in $want; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
if [ -z "$missing" ]; then
	# The validator is a test's tool: its absence skips that test only.
	[ "${1:-build}" = test ] && { sarif || true; }
	exit 0
fi

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
[ "${1:-build}" = test ] && { sarif || true; }
exit 0
