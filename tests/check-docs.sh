#!/bin/sh
# check-docs.sh: the committed man page and bash completion must be exactly
# what tools/gen_docs writes from the option table and the rule catalogue
# (run `make docs` after changing either).
top=$(cd "$(dirname "$0")/.." && pwd)
gen=${GEN_DOCS:-$top/build/tools/gen_docs}
pass=0 fail=0
for pair in "man:man/gunilint.1" "bash:completions/gunilint.bash"; do
	kind=${pair%%:*} file=${pair#*:}
	if "$gen" "$kind" | diff -u "$top/$file" - >/dev/null; then
		pass=$((pass + 1))
	else
		echo "FAIL $file is stale: run 'make docs'"
		fail=$((fail + 1))
	fi
done
echo "docs: $pass passed, $fail failed"
[ $fail -eq 0 ]
