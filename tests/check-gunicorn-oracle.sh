#!/bin/sh
# check-gunicorn-oracle.sh GUNILINT: the expectations the unit tests use
# (tests/unit/*_cases.inc) must still be what the real programs say:
# CPython's shlex.split and the installed gunicorn's argparse parser are
# asked again and the answers compared with the committed files.  The
# launch cases (real gunicorn --print-config runs, a few minutes each) are
# compared only with GL_SLOW=1 and ../shared present; those of 23.0.0 and
# 26.1.0 also need GL_TREE_230 / GL_TREE_261 (unpacked gunicorn source
# trees) and GL_PY311 (a Python 3.11 that can import them).
top=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0 tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() { # name, generator command...
	name=$1
	shift
	# The first line names the Python that answered; the rest must agree.
	tail -n +2 "$top/tests/unit/$name" > "$tmp/$name.want"
	if "$@" > "$tmp/$name" 2> "$tmp/$name.err" &&
	    tail -n +2 "$tmp/$name" | cmp -s - "$tmp/$name.want"; then
		pass=$((pass + 1))
	else
		echo "FAIL: $name differs from what the oracle says now" >&2
		tail -n +2 "$tmp/$name" | diff "$tmp/$name.want" - | head -20 >&2
		fail=$((fail + 1))
	fi
}

if command -v python3 > /dev/null; then
	check shlex_cases.inc python3 "$top/tools/gen-shlex-cases.py"
else
	echo "skipped shlex cases: no python3"
fi
if /usr/bin/python3 -c 'import gunicorn' 2> /dev/null; then
	check argv_cases.inc /usr/bin/python3 "$top/tools/gen-argv-cases.py"
	py313=$(ls -d "$HOME"/.pyenv/versions/3.13*/bin/python3 2>/dev/null | head -1)
	if [ -n "$py313" ]; then
		check argv_cases_py313.inc env PYTHONPATH=/usr/lib/python3/dist-packages \
		    "$py313" "$top/tools/gen-argv-cases.py"
	else
		echo "skipped Python 3.13 argv cases: no python3.13"
	fi
	check g201_table.inc /usr/bin/python3 "$top/tools/gen-test-table.py"
	tsv="$top/../shared/reference/gunicorn-argparse-cases.tsv"
	if [ "${GL_SLOW:-0}" = 1 ] && [ -f "$tsv" ]; then
		check launch_cases.inc /usr/bin/python3 \
		    "$top/tools/gen-launch-cases.py" "$tsv"
		for r in 230 261; do
			eval tree=\${GL_TREE_$r:-}
			if [ -n "$tree" ] && [ -n "${GL_PY311:-}" ]; then
				check launch_cases_$r.inc /usr/bin/python3 \
				    "$top/tools/gen-launch-cases.py" "$tsv" \
				    "$GL_PY311" "$tree"
			else
				echo "skipped launch cases $r: GL_TREE_$r/GL_PY311 unset"
			fi
		done
	else
		echo "skipped launch cases: set GL_SLOW=1 (needs ../shared)"
	fi
else
	echo "skipped argv cases: Debian's gunicorn is not installed"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
