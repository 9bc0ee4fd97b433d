#!/bin/sh
# check-docs.sh: the committed man page, completions and pre-commit hook
# must be exactly what tools/gen_docs writes from the command, option and
# kind tables and the rule catalogue (run `make docs` after changing any).
top=$(cd "$(dirname "$0")/.." && pwd)
gen=${GEN_DOCS:-$top/build/tools/gen_docs}
pass=0 fail=0
for pair in "man:man/gunilint.1" "bash:completions/gunilint.bash" \
    "zsh:completions/_gunilint" "fish:completions/gunilint.fish" \
    "precommit:.pre-commit-hooks.yaml"; do
	kind=${pair%%:*} file=${pair#*:}
	if "$gen" "$kind" | diff -u "$top/$file" - >/dev/null; then
		pass=$((pass + 1))
	else
		echo "FAIL $file is stale: run 'make docs'"
		fail=$((fail + 1))
	fi
done
# Every kind --help names is one --kind takes, and one the man page
# describes: a kind listed without a reader fails here.
bin=${1:-$top/gunilint}
kinds=$("$bin" check --help | sed -n "s/.*--kind KIND.*holds: //p" | tr -d ,)
[ -n "$kinds" ] || { echo "FAIL --help lists no --kind values"; fail=$((fail + 1)); }
for k in $kinds; do
	if printf '' | "$bin" check --kind "$k" - 2>&1 | grep -q "unknown --kind"; then
		echo "FAIL --help lists --kind $k, which is refused"
		fail=$((fail + 1))
	elif ! grep -qxF ".It Cm $k" "$top/man/gunilint.1"; then
		echo "FAIL the man page does not describe input kind $k"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "docs: $pass passed, $fail failed"
[ $fail -eq 0 ]
