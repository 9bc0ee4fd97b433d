#!/bin/sh
# check-help.sh GUNILINT: `gunilint help COMMAND`, `gunilint COMMAND --help`
# and the man page say the same thing, since all come from the command and
# option tables in src/cmd:
#   - for every command `gunilint --help` lists, `help COMMAND` prints
#     exactly what `COMMAND --help` prints, and both exit 0;
#   - the man page's SYNOPSIS has the usage line's command, its section for
#     the command has the same description, and the same options as --help
#     (both ways);
#   - every option probe's --help shows is one it accepts, and every option
#     probe's parser knows (cmd_probe.c) is in its --help.
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$top/gunilint}
man=$top/man/gunilint.1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

commands=$("$bin" --help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
[ -n "$commands" ] || bad "gunilint --help lists no command"
"$bin" help > "$tmp/top" && "$bin" --help | cmp -s - "$tmp/top" && ok ||
    bad "'gunilint help' differs from 'gunilint --help'"
"$bin" help no-such-command >/dev/null 2>&1; [ $? -eq 2 ] && ok ||
    bad "'gunilint help no-such-command' does not exit 2"

for c in $commands; do
	"$bin" help "$c" > "$tmp/help" 2>&1; rc1=$?
	"$bin" "$c" --help > "$tmp/dash" 2>&1; rc2=$?
	if [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && cmp -s "$tmp/help" "$tmp/dash"; then
		ok
	else
		bad "'gunilint help $c' (exit $rc1) and '$c --help' (exit $rc2) differ"
	fi
	head -1 "$tmp/help" | grep -q "^usage: gunilint $c\\b" && ok ||
	    bad "$c --help does not start with its usage line"
	# The man page: the synopsis line, and the command's subsection.
	grep -qxF ".Cm $c" "$man" && ok || bad "the man page's SYNOPSIS lacks $c"
	sed -n "/^\\.Ss $c\$/,/^\\.S[sh] /p" "$man" | sed '$d' > "$tmp/sect"
	[ -s "$tmp/sect" ] || { bad "the man page has no section for $c"; continue; }
	# The description: the paragraph after the usage line, as one line.
	desc=$(sed -n '3,/^$/p' "$tmp/help" | tr '\n' ' ' | sed 's/  *$//')
	grep -v '^\.' "$tmp/sect" | tr '\n' ' ' | grep -qF -- "$desc" && ok ||
	    bad "the man page's $c section lacks its --help description"
	# The options, both ways.
	grep -o '^  *\(-[a-zA-Z], \)\{0,1\}--[a-z][a-z-]*' "$tmp/help" |
	    sed 's/.*--//' | sort -u > "$tmp/opts.help"
	sed -n 's/^\.It.* Fl \\-\([a-z][a-z-]*\).*/\1/p' "$tmp/sect" | sort -u > "$tmp/opts.man"
	if cmp -s "$tmp/opts.help" "$tmp/opts.man"; then
		ok
	else
		bad "$c: --help and the man page list different options (< help, > man):"
		diff "$tmp/opts.help" "$tmp/opts.man" | grep '^[<>]'
	fi
done

# probe: its parser's table and its --help.
"$bin" probe --help | sed -n 's/^  --\([a-z][a-z-]*\).*/\1/p' | sort -u > "$tmp/probe.help"
sed -n 's/^	{ "\([a-z-]*\)", [a-z_]*_argument,.*/\1/p' "$top/src/cmd/cmd_probe.c" |
    sort -u > "$tmp/probe.parser"
[ -s "$tmp/probe.parser" ] || bad "no option table read from cmd_probe.c"
if cmp -s "$tmp/probe.help" "$tmp/probe.parser"; then
	ok
else
	bad "probe: its --help and its parser differ (< help, > parser):"
	diff "$tmp/probe.help" "$tmp/probe.parser" | grep '^[<>]'
fi
while read -r o; do
	if "$bin" probe "--$o" 2>&1 | grep -q "unrecognized option\|unknown option"; then
		bad "probe --help shows --$o, which probe refuses"
	fi
done < "$tmp/probe.help"
ok
echo "help: $pass passed, $fail failed"
[ $fail -eq 0 ]
