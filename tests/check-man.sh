#!/bin/sh
# check-man.sh GUNILINT: the three man pages are clean mdoc, and say what
# the program does.
#   - `mandoc -T lint -W style` reports nothing for gunilint(1),
#     gunilint.yaml(5) and gunilint-rules(7) (the last generated here, as the
#     build does).  -W style is every message but the "base" level, whose
#     checks are OpenBSD base-system conventions; the pages sit in a
#     throw-away man tree (with makewhatis run on it) ahead of the system's,
#     so each .Xr between them, and to gunicorn(1), resolves.
#   - gunilint.yaml(5) describes every key the config file accepts (read
#     from the program's own error for an unknown key).
#   - gunilint-rules(7) has a section for every rule `gunilint rules` lists.
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "${1:-$top/gunilint}")" && pwd)/$(basename "${1:-$top/gunilint}")
gen=${GEN_DOCS:-$top/build/tools/gen_docs}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
if ! command -v mandoc >/dev/null 2>&1; then
	echo "SKIP man: mandoc is not installed (scripts/deps.sh test installs it)"
	exit 0
fi
mkdir -p "$tmp/man/man1" "$tmp/man/man5" "$tmp/man/man7"
cp "$top/man/gunilint.1" "$tmp/man/man1/"
cp "$top/man/gunilint.yaml.5" "$tmp/man/man5/"
"$gen" rules-man > "$tmp/man/man7/gunilint-rules.7" || { echo "FAIL gen_docs rules-man"; exit 1; }
makewhatis "$tmp/man" 2>/dev/null
for page in man1/gunilint.1 man5/gunilint.yaml.5 man7/gunilint-rules.7; do
	# The machine's own database may be stale: that says nothing of the page.
	mandoc -T lint -W style -M "$tmp/man:/usr/share/man" "$tmp/man/$page" 2>&1 |
	    grep -v 'outdated mandoc.db' > "$tmp/lint"
	if [ -s "$tmp/lint" ]; then
		echo "FAIL mandoc -T lint $page:"
		sed "s|$tmp/man/||" "$tmp/lint" | head -20
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done

# Every config key, from the message for an unknown one.
mkdir "$tmp/proj" && : > "$tmp/proj/.git"
printf 'no-such-key: 1\n' > "$tmp/proj/.gunilint.yaml"
keys=$(cd "$tmp/proj" && "$bin" check --args '--workers 2' 2>&1 |
    sed -n 's/.*unknown key .*(expected \(.*\))$/\1/p' | sed 's/,//g; s/ or / /')
[ -n "$keys" ] || { echo "FAIL no key list in the unknown-key error"; fail=$((fail + 1)); }
for k in $keys; do
	if grep -qxF ".It Cm $k" "$top/man/gunilint.yaml.5"; then
		pass=$((pass + 1))
	else
		echo "FAIL gunilint.yaml(5) does not describe the key $k"
		fail=$((fail + 1))
	fi
done

# Every rule has its subsection.
"$bin" rules --format json | sed -n 's/.*"id":[^"]*"\([^"]*\)".*/\1/p' > "$tmp/ids"
[ -s "$tmp/ids" ] || { echo "FAIL gunilint rules lists no rule"; fail=$((fail + 1)); }
missing=0
while read -r id; do
	grep -q "^\.Ss $id " "$tmp/man/man7/gunilint-rules.7" || {
		echo "FAIL gunilint-rules(7) lacks $id"; missing=$((missing + 1)); }
done < "$tmp/ids"
if [ $missing -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
echo "man: $pass passed, $fail failed"
[ $fail -eq 0 ]
