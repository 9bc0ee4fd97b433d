#!/bin/sh
# check-sarif.sh GUNILINT: validates gunilint's SARIF with Microsoft's SARIF
# Multitool (npm package @microsoft/sarif-multitool), running both the SARIF
# schema and spec rules and GitHub code scanning's ingestion rules
# (--rule-kind "Gh;Sarif").  Any error-level result fails the check.
# scripts/deps.sh installs the tool once into build/sarif-tools (outside
# the sources); without npm or the registry the check is skipped.
# Inputs: reports built from hand-made findings (tests/tools/sarif_sample.c);
# gunilint's own output on bad input, on a Dockerfile, on stdin named with
# --stdin-filename, as the file of a run that writes several reports, and
# on the real-world corpus; and a broken report the validator must reject
# (else it validates nothing).
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tools=$top/build/sarif-tools
mt=$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
pass=0 fail=0 skip=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! why=$(sh "$top/scripts/deps.sh" sarif 2>&1); then
	echo "skipped: no SARIF validator: $why"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
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

# Files with regions and inline suppressions, stdin under a file's name,
# and the SARIF file of a run that also prints text.
df=$top/testdata/dockerfile/check-inline-suppressions
"$bin" check --format sarif "$df/Dockerfile" >"$tmp/df.sarif" 2>/dev/null
validate "check Dockerfile (suppressed results)" "$tmp/df.sarif"
"$bin" check --format sarif - --stdin-filename svc/Dockerfile \
	<"$df/Dockerfile" >"$tmp/stdin.sarif" 2>/dev/null
validate "check - --stdin-filename" "$tmp/stdin.sarif"
"$bin" check --format sarif -o "$tmp/multi.sarif" --format text \
	--args '--workers 0 --bind 0.0.0.0:80' >"$tmp/multi.text" 2>/dev/null
if [ -s "$tmp/multi.text" ]; then
	validate "check --format sarif -o FILE --format text" "$tmp/multi.sarif"
else
	echo "FAIL sarif: the run of two reports printed no text report"
	fail=$((fail + 1))
fi
corpus=${GUNILINT_SHARED:-$top/../shared}/corpus
if [ -d "$corpus" ]; then
	"$bin" check --format sarif "$corpus" >"$tmp/corpus.sarif" 2>/dev/null
	validate "check the real-world corpus" "$tmp/corpus.sarif"
else
	echo "skipped: no corpus at $corpus"
	skip=$((skip + 1))
fi

# The validator must fail a broken report: a result level SARIF has not.
node -e '
	const fs = require("fs");
	const v = JSON.parse(fs.readFileSync(process.argv[1]));
	v.runs[0].results[0].level = "fatal";
	delete v.runs[0].tool.driver.name;
	fs.writeFileSync(process.argv[2], JSON.stringify(v));' \
	"$tmp/multi.sarif" "$tmp/broken.sarif" 2>/dev/null
p0=$pass f0=$fail
if [ -s "$tmp/broken.sarif" ]; then
	validate "broken on purpose" "$tmp/broken.sarif" >"$tmp/broken.out"
fi
# Rejected by the validator itself, not for being no JSON.
if [ $fail -gt $f0 ] && grep -q "validator errors" "$tmp/broken.out"; then
	pass=$((p0 + 1)) fail=$f0
else
	pass=$p0 fail=$((f0 + 1))
	echo "FAIL sarif: the validator accepted a report with level 'fatal' and no tool name"
fi

echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
