#!/bin/sh
# check-jobs.sh GUNILINT: --jobs N gives the report of --jobs 1, byte for
# byte (stdout, stderr and exit status), for every format, over a tree of
# several parse batches: the real manifests, compose files and Dockerfiles
# of the shared corpus, a YAML syntax error, a Dockerfile line over 1 MiB,
# a file over --max-file-size (not read: exit 2) and a FIFO (refused).
# Then the same under ThreadSanitizer, and the option's usage errors.
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${GUNILINT_SHARED:-$top/../shared}
pass=0 fail=0
t() { # name, then a command that must succeed
	name=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL jobs: $name"
	fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/tree"
# Real files from the shared corpus when it is here, and the goldens'
# own in any case, copied round until there are 150 YAML files (two full
# batches of 64 and a part of one) and 80 Dockerfiles.
yamls=$(ls "$shared"/corpus/k8s/* "$shared"/corpus/compose/* \
    "$top"/testdata/k8s/*/*.yaml "$top"/testdata/compose/*/*.y*ml 2>/dev/null)
dockerfiles=$(ls "$shared"/corpus/dockerfile/* \
    "$top"/testdata/dockerfile/*/Dockerfile 2>/dev/null)
if [ -z "$yamls" ] || [ -z "$dockerfiles" ]; then
	echo "FAIL jobs: no YAML files or Dockerfiles under testdata"
	exit 1
fi
i=0
while [ $i -lt 150 ]; do
	for f in $yamls; do
		i=$((i + 1))
		[ $i -gt 150 ] && break
		mkdir -p "$tmp/tree/d$i"
		case $f in
		*compose*) cp "$f" "$tmp/tree/d$i/compose.yaml" ;;
		*) cp "$f" "$tmp/tree/d$i/deploy$i.yaml" ;;
		esac
	done
done
k=0
while [ $k -lt 80 ]; do
	for f in $dockerfiles; do
		k=$((k + 1))
		[ $k -gt 80 ] && break
		mkdir -p "$tmp/tree/d$k"
		cp "$f" "$tmp/tree/d$k/Dockerfile"
	done
done
printf 'apiVersion: v1\nkind: Pod\nmetadata: {name: [x\n' >"$tmp/tree/d7/broken.yaml"
head -c 1100000 /dev/zero | tr '\0' x >"$tmp/tree/d8/Dockerfile" # GL013
head -c 2200000 /dev/zero | tr '\0' '#' >"$tmp/tree/d9/big.yaml"
mkfifo "$tmp/tree/d11/fifo.yaml" 2>/dev/null || true
run() { # jobs format
	(cd "$tmp" && "$bin" check --max-file-size 2M -j "$1" -f "$2" tree \
	    >"out.$1.$2" 2>"err.$1.$2"; echo $? >"rc.$1.$2")
}
same() { # format jobs
	cmp -s "$tmp/out.1.$1" "$tmp/out.$2.$1" &&
	    cmp -s "$tmp/err.1.$1" "$tmp/err.$2.$1" &&
	    cmp -s "$tmp/rc.1.$1" "$tmp/rc.$2.$1"
}
for fmt in text json sarif gnu github codeclimate; do
	run 1 "$fmt"
	for j in 2 3 64; do
		run "$j" "$fmt"
		t "-j $j -f $fmt is -j 1's report" same "$fmt" "$j"
	done
done
t "the tree was read (findings, the syntax error, the long line, the size limit)" \
    sh -c "grep -q 'GL001' '$tmp/out.1.text' && grep -q 'd8/Dockerfile.*GL013' '$tmp/out.1.text' && grep -q 'Dockerfile:.*GL4' '$tmp/out.1.text' && grep -q 'not read' '$tmp/err.1.text' && [ \$(cat '$tmp/rc.1.text') = 2 ]"
t "more than two batches of files" [ "$(find "$tmp/tree" -name '*.yaml' | wc -l)" -gt 128 ]
# the threads share nothing they write: ThreadSanitizer on the same tree
tsan=$top/build/tsan/gunilint
if (cd "$top" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES make -s \
    --no-print-directory BUILD=build/tsan BIN=build/tsan/gunilint STATIC_LIBS= \
    OPT="-O1 -g -fsanitize=thread" build/tsan/gunilint) >"$tmp/tsan.log" 2>&1; then
	(cd "$tmp" && TSAN_OPTIONS=halt_on_error=1 "$tsan" check --max-file-size 2M \
	    -j 4 -f json tree >tsan.out 2>tsan.err)
	t "no data race under ThreadSanitizer (-j 4)" sh -c \
	    "! grep -q ThreadSanitizer '$tmp/tsan.err' && cmp -s '$tmp/tsan.out' '$tmp/out.1.json'"
else
	echo "jobs: ThreadSanitizer part skipped: the -fsanitize=thread build failed"
	tail -3 "$tmp/tsan.log"
fi
for bad in 0 65 x ''; do
	"$bin" check -j "$bad" "$tmp/tree/d1" >/dev/null 2>"$tmp/usage"
	t "-j '$bad' is a usage error" sh -c "[ $? -eq 2 ] && grep -q 'jobs takes a number from 1 to 64' '$tmp/usage'"
done
echo "jobs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
