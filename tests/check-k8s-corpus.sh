#!/bin/sh
# check-k8s-corpus.sh GUNILINT: every Kubernetes manifest and compose file
# of the shared real-world corpus ($top/../shared/corpus/{k8s,compose})
# loads through the YAML, Kubernetes and compose front-ends without a
# crash and without a GL0xx finding.  `gunilint check` does not read
# Kubernetes yet, so the unit-test driver test_k8s_corpus does the work.
# Skipped, with the reason, when the corpus is absent.
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${GUNILINT_SHARED:-$top/../shared}
build=${BUILD:-build}
if [ ! -d "$shared/corpus/k8s" ]; then
	echo "check-k8s-corpus: skipped: $shared/corpus/k8s is absent"
	echo "0 passed, 0 failed"
	exit 0
fi
cd "$top" || exit 1
if [ ! -x "$build/tests/test_k8s_corpus" ]; then
	make --no-print-directory BUILD="$build" "$build/tests/test_k8s_corpus" \
	    >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
fi
out=$(GUNILINT_SHARED=$shared "$build/tests/test_k8s_corpus" 2>&1)
rc=$?
# failures and the summary; "ok" lines only with V=1
if [ "${V:-0}" = 1 ]; then
	printf '%s\n' "$out" | grep -v '^\['
else
	printf '%s\n' "$out" | grep -v '^\[' | grep -v '^ok '
fi
exit $rc
