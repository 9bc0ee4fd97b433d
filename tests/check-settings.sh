#!/bin/sh
# check-settings.sh GUNILINT: checks rules/gunicorn/settings.yaml against
# (a) the reference settings table in ../shared/reference (names, flags,
# action and printed default of every release) and (b) Debian's real
# gunicorn 20.1: its --print-config defaults and its --help metavars must
# match the 20.1-debian entries.  Parts whose oracle is missing say so and
# are skipped.  The table is read with build/tools/gen_settings --dump, the
# same loader the build uses.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
yaml=rules/gunicorn/settings.yaml
# SHARED_DIR overrides where ../shared is (a worktree elsewhere).
tsv="${SHARED_DIR:-$top/../shared}/reference/gunicorn-settings.tsv"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

make -s --no-print-directory build/tools/gen_settings >/dev/null || exit 2
build/tools/gen_settings --dump "$yaml" > "$tmp/dump" || exit 2
releases=$(cut -f1 "$tmp/dump" | uniq)

# ---- (a) the reference table -------------------------------------------
if [ -f "$tsv" ]; then
	# One line per release and setting, in the dump's layout (without
	# metavar).  Debian's 20.1 is upstream 20.1.0 plus
	# tolerate_dangerous_framing; main@ is not modelled.
	awk -F'\t' 'NR > 1 {
		a = $4
		if (a == "(no CLI flag)") a = "none"
		else if (a ~ /^store_const/) a = "store_const"
		else if (a ~ /^store,nargs=\?/) a = "store_opt"
		d = $6; if (d == "\"\"") d = ""
		n = split($9, vs, ",")
		for (i = 1; i <= n; i++) {
			if (vs[i] ~ /^main@/) continue
			print vs[i] "\t" $1 "\t" $3 "\t" a "\t" d
			if (vs[i] == "20.1.0" || $1 == "tolerate_dangerous_framing" && vs[i] == "22.0.0")
				print "20.1-debian\t" $1 "\t" $3 "\t" a "\t" d
		}
	}' "$tsv" | sort > "$tmp/want"
	cut -f1-5 "$tmp/dump" | sort > "$tmp/got"
	for r in $(cut -f1 "$tmp/want" | sort -u) $releases; do
		echo "$r"
	done | sort -u > "$tmp/rels"
	while read -r r; do
		grep "^$r	" "$tmp/want" > "$tmp/w1"
		grep "^$r	" "$tmp/got" > "$tmp/g1"
		if cmp -s "$tmp/w1" "$tmp/g1" && [ -s "$tmp/w1" ]; then
			ok
		else
			bad "release $r differs from the reference table (- reference, + yaml):"
			diff "$tmp/w1" "$tmp/g1" | grep '^[<>]' | sed 's/^</-/; s/^>/+/' | head -20
		fi
	done < "$tmp/rels"
else
	echo "skipped (a): no reference table at ../shared/reference"
fi

# ---- (b) the real gunicorn (Debian 20.1) -------------------------------
if command -v gunicorn >/dev/null 2>&1 &&
    gunicorn --version 2>&1 | grep -q ' 20\.1\.'; then
	mkdir "$tmp/run"
	# A clean environment: these variables change printed defaults.
	(cd "$tmp/run" && env -u PORT -u WEB_CONCURRENCY -u FORWARDED_ALLOW_IPS \
	    -u GUNICORN_CMD_ARGS -u SENDFILE \
	    gunicorn --print-config app:app 2>/dev/null) |
	    sed -n 's/^\([a-z_0-9]*\) *= \(.*\)$/\1	\2/p' | sort > "$tmp/real"
	cwd=$(cd "$tmp/run" && pwd)
	uid=$(id -u) gid=$(id -g)
	# Placeholders become this run's values; --print-config is on and the
	# app module names the processes.
	grep '^20\.1-debian	' "$tmp/dump" | awk -F'\t' -v cwd="$cwd" \
	    -v uid="$uid" -v gid="$gid" '{
		d = $5
		if (d == "<startup cwd>") d = cwd
		else if (d == "<effective uid>") d = uid
		else if (d == "<effective gid>") d = gid
		if ($2 == "default_proc_name") d = "app:app"
		if ($2 == "print_config") d = "True"
		print $2 "\t" d
	}' | sort > "$tmp/mine"
	if [ ! -s "$tmp/real" ]; then
		bad "gunicorn --print-config printed nothing"
	fi
	join -t '	' -a1 -a2 -e '(missing)' -o 0,1.2,2.2 "$tmp/real" "$tmp/mine" |
	while IFS='	' read -r name real mine; do
		if [ "$real" = "$mine" ]; then echo ok; else
			echo "FAIL: $name: gunicorn prints '$real', settings.yaml says '$mine'"
		fi
	done > "$tmp/res"
	p=$(grep -c '^ok$' "$tmp/res"); f=$(grep -c '^FAIL' "$tmp/res")
	grep '^FAIL' "$tmp/res"
	pass=$((pass + p)) fail=$((fail + f))

	# Metavars as `gunicorn --help` shows them: "--flag META" pairs.
	COLUMNS=200 gunicorn --help 2>/dev/null |
	    sed -n 's/^  \(-[^ ].*\)$/\1/p' | sed 's/   .*//' | tr ',' '\n' |
	    sed 's/^ *//' | grep '^--' | grep -v '^--help$\|^--version$' |
	    awk '{ print $1 "\t" ($2 == "" ? "" : $2) }' | sort > "$tmp/help"
	grep '^20\.1-debian	' "$tmp/dump" | awk -F'\t' '$3 != "" {
		n = split($3, fl, ",")
		for (i = 1; i <= n; i++) if (fl[i] ~ /^--/) print fl[i] "\t" $6
	}' | sort > "$tmp/meta"
	if cmp -s "$tmp/help" "$tmp/meta"; then
		ok
	else
		bad "metavars differ from gunicorn --help (- gunicorn, + yaml):"
		diff "$tmp/help" "$tmp/meta" | grep '^[<>]' | sed 's/^</-/; s/^>/+/'
	fi
else
	echo "skipped (b): Debian's gunicorn 20.1 is not installed"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
