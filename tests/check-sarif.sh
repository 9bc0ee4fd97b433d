#!/bin/sh
# check-sarif.sh GUNILINT: validates gunilint's SARIF with Microsoft's SARIF
# Multitool (npm package @microsoft/sarif-multitool), running both the SARIF
# schema and spec rules and GitHub code scanning's ingestion rules
# (--rule-kind "Gh;Sarif").  Any error-level result fails the check.
# The tool is installed once into build/sarif-tools (outside the sources).
# Inputs: reports built from hand-made findings (tests/tools/sarif_sample.c),
# and, once `gunilint check` works, gunilint's own output on bad input.
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tools=$top/build/sarif-tools
mt=$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
pass=0 fail=0 skip=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$mt" ]; then
	if ! command -v npm >/dev/null 2>&1; then
		echo "skipped: npm is not installed (apt-get install npm), so no SARIF validator"
		echo "0 passed, 0 failed, 1 skipped"
		exit 0
	fi
	mkdir -p "$tools"
	if ! (cd "$tools" && npm install --no-audit --no-fund --prefix . \
	    @microsoft/sarif-multitool@5.7.0 >npm.log 2>&1); then
		echo "skipped: npm could not install @microsoft/sarif-multitool (see $tools/npm.log)"
		echo "0 passed, 0 failed, 1 skipped"
		exit 0
	fi
	# npm may hold back the package's own "chmod u+x" install script.
	chmod u+x "$mt" 2>/dev/null
fi
if ! "$mt" --version >/dev/null 2>&1; then
	echo "skipped: the SARIF Multitool does not run on this machine ($(uname -m))"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi

# validate NAME FILE: 0 when the validator reports no error.
validate() {
	name=$1 file=$2
	if ! node -e 'JSON.parse(require("fs").readFileSync(process.argv[1]))' "$file" 2>"$tmp/json.err"; then
		echo "FAIL sarif $name: not JSON"; cat "$tmp/json.err"
		fail=$((fail + 1)); return
	fi
	(cd "$tmp" && "$mt" validate "$file" -o "$tmp/v.sarif" --log ForceOverwrite \
		--rule-kind "Gh;Sarif" --level "Error;Warning" >"$tmp/v.log" 2>&1)
	errors=$(node -e '
		const v = JSON.parse(require("fs").readFileSync(process.argv[1]));
		let n = 0;
		for (const run of v.runs)
			for (const r of run.results || [])
				if (r.level === "error") n++;
		for (const run of v.runs)
			for (const i of run.invocations || [])
				if (!i.executionSuccessful) n++;
		console.log(n);' "$tmp/v.sarif" 2>/dev/null)
	if [ "$errors" = 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL sarif $name: ${errors:-no} validator errors"
		grep -E ': (error|warning) ' "$tmp/v.log"
	fi
}

sample=$tmp/sarif_sample
if cc -std=c11 -D_POSIX_C_SOURCE=200809L -I"$top/src" -o "$sample" \
    "$top/tests/tools/sarif_sample.c" "$top/build/libgunilint.a" \
    $(pkg-config --libs libcyaml libcjson) -lm 2>"$tmp/cc.err"; then
	for c in mixed empty; do
		"$sample" sarif $c >"$tmp/$c.sarif"
		validate "sample-$c" "$tmp/$c.sarif"
	done
else
	echo "FAIL sarif: cannot build the sample writer"; cat "$tmp/cc.err"
	fail=$((fail + 1))
fi

# gunilint's own output, once `check` is there.
"$bin" check --args '--workers=-1' >/dev/null 2>&1
if [ $? -eq 1 ]; then
	n=0
	for a in '--workers=-1 --bogus' '--bind 127.0.0.1:80 --threads 4 -k sync' \
	    '--work=3 --keyfile k.pem' '--access-logformat "%(h)s' '--workers=2'; do
		n=$((n + 1))
		"$bin" check --format sarif --args "$a" >"$tmp/check$n.sarif" 2>/dev/null
		validate "check --args '$a'" "$tmp/check$n.sarif"
	done
else
	echo "skipped: 'gunilint check --args' does not report findings yet"
	skip=$((skip + 1))
fi

echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
