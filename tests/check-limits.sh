#!/bin/sh
# check-limits.sh GUNILINT: the input limits, on big inputs made here at
# run time (never committed): a line over 1 MiB, a YAML file of too many
# nodes without an alias, too many documents, a FIFO, a device, stdin that
# never ends, a directory tree deeper than the walk goes, the memory a
# long Dockerfile line and many short ones cost, and the time many stages
# take.  Each limit is a finding (GL013) or a line
# on stderr with exit 2, and the other files are still checked.
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
pass=0 fail=0
t() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL limits: $1"; fi; }
run() { "$bin" check --format gnu "$@" >out 2>err </dev/null; echo $? >status; }
good='FROM python:3.12-slim
USER app
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]'

# a line over 1 MiB: GL013 on that line, and the next file is still read
mkdir long && cd long || exit 2
{ echo 'FROM python:3.12-slim'; printf 'RUN echo '
  head -c 1048576 /dev/zero | tr '\0' x; echo; echo 'CMD gunicorn app:app'; } >Dockerfile
printf 'web: gunicorn --workers 2 --workers 3 app:app\n' >Procfile
cd .. && run long
t "a line over 1 MiB is GL013 at its line" 'grep -q "^long/Dockerfile:2:1: .*line 2 is longer than 1024 KiB" out'
t "the long file is not checked further" '[ "$(grep -c "^long/Dockerfile:" out)" = 1 ]'
t "the other files are still checked" 'grep -q "^long/Procfile:" out'
t "exit status 1 (a finding), not 2" '[ "$(cat status)" = 1 ]'
# a line of exactly 1 MiB is read
{ echo 'FROM python:3.12-slim'; printf 'RUN echo '
  head -c $((1048576 - 9)) /dev/zero | tr '\0' x; echo; echo 'CMD gunicorn app:app'; } >long/Dockerfile
run long/Dockerfile
t "a line of 1 MiB is read" '! grep -q GL013 out && grep -q "long/Dockerfile:3:" out'
# memory per input byte: peak RSS for that 1 MiB line stays bounded
if [ -n "${ASAN_OPTIONS:-}" ]; then
	echo "limits: memory bound skipped: a sanitizer build's shadow memory is no measure"
elif [ -x /usr/bin/time ]; then
	/usr/bin/time -f %M -o rss "$bin" check long/Dockerfile >/dev/null 2>&1
	t "a 1 MiB Dockerfile line takes under 12 MB (was 35 MB, now 7 MB)" '[ "$(tail -1 rss)" -lt 12000 ]'
	# many short instructions: 100,000 ENV lines (4.3 MB) cost per line
	awk 'BEGIN { print "FROM python:3.12"
		for (i = 0; i < 100000; i++) printf "ENV VAR_%d=value_%d_abcdefghijklmnop\n", i, i
		print "CMD [\"gunicorn\",\"-w\",\"3\",\"app:app\"]" }' >env.dockerfile
	/usr/bin/time -f %M -o rss "$bin" check env.dockerfile >out 2>&1
	t "100,000 ENV lines are read (their last line is checked)" 'grep -q "env.dockerfile:100002:" out'
	t "100,000 ENV lines take under 67 MB (was 187 MB, now 63 MB)" '[ "$(tail -1 rss)" -lt 67000 ]'
	# LABEL is checked, not kept: 50,000 of them beside 50,000 COPY lines
	awk 'BEGIN { print "FROM python:3.12"
		for (i = 0; i < 50000; i++) {
			printf "LABEL org.example.label%d=\"value %d abcdefgh\"\n", i, i
			printf "COPY src/file%d.py /app/file%d.py\n", i, i }
		print "CMD [\"gunicorn\",\"app:app\"]" }' >label.dockerfile
	/usr/bin/time -f %M -o rss "$bin" check label.dockerfile >out 2>&1
	t "50,000 LABEL and COPY lines are read" 'grep -q "label.dockerfile:100002:" out'
	t "50,000 LABEL and COPY lines take under 60 MB (was 78 MB, now 54 MB)" '[ "$(tail -1 rss)" -lt 60000 ]'
fi
# many stages: a FROM or COPY --from each must not search every stage before
awk 'BEGIN { for (i = 0; i < 40000; i++) { printf "FROM python:3.12 AS s%d\n", i
	printf "COPY --from=s%d /a /b\n", (i > 0 ? i - 1 : 0) }
	print "CMD [\"gunicorn\",\"app:app\"]" }' >stages.dockerfile
start=$(date +%s)
run stages.dockerfile
t "40,000 stages take under 10 s (were 16 s, now 0.2 s)" '[ $(($(date +%s) - start)) -lt 10 ] && grep -q "^stages.dockerfile:80001:" out'

# YAML: more nodes than the limit, no alias: "too many nodes", not "aliases"
awk 'BEGIN { print "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:";
	for (i = 0; i < 520000; i++) printf "  k%d: v\n", i }' >many.yaml
run --max-file-size 0 many.yaml
t "an alias-free YAML file of too many nodes says so" 'grep -q "^many.yaml:.*too many nodes.*GL013" out'
t "... and does not blame aliases" '! grep -q "alias" out'
t "... at the line where the limit was passed, not line 1" 'grep -q "^many.yaml:4[0-9][0-9][0-9][0-9][0-9]:" out'
# too many documents: one finding
awk 'BEGIN { for (i = 0; i < 10050; i++) print "---\nkind: ConfigMap" }' >docs.yaml
run docs.yaml
t "too many documents: one GL013" '[ "$(grep -c "too many documents" out)" = 1 ]'

# the size limit: stderr, exit 2, the next file still read (it has a finding)
printf 'web: gunicorn --workers 2 --workers 3 app:app\n' >Procfile
head -c 12000000 /dev/zero | tr '\0' '#' >big.dockerfile
run big.dockerfile Procfile
t "a file over 10 MiB is refused on stderr" 'grep -q "big.dockerfile.*larger than the 10 MiB limit" err'
t "... with exit 2" '[ "$(cat status)" = 2 ]'
t "... and the other file is read" 'grep -q "^Procfile:" out'
run --max-file-size 20M big.dockerfile
t "--max-file-size 20M reads it" '[ "$(cat status)" != 2 ] && [ ! -s err ]'

# special files: refused at once, never read
if mkfifo fifo.dockerfile 2>/dev/null; then
	( sleep 20; exec 3>fifo.dockerfile ) & waiter=$!
	start=$(date +%s)
	run fifo.dockerfile Procfile
	kill "$waiter" 2>/dev/null
	t "a FIFO is refused without blocking" '[ $(($(date +%s) - start)) -lt 10 ]'
	t "... said on stderr with exit 2" 'grep -q "fifo.dockerfile.*FIFO.*not read" err && [ "$(cat status)" = 2 ]'
	t "... and the other file is read" 'grep -q "^Procfile:" out'
fi
run --kind dockerfile /dev/zero
t "a character device is refused" 'grep -q "/dev/zero.*character device" err && [ "$(cat status)" = 2 ]'
timeout 20 "$bin" check --kind dockerfile - </dev/zero >out 2>err; echo $? >status
t "stdin that never ends stops at the size limit" 'grep -q "larger than the 10 MiB limit" err && [ "$(cat status)" = 2 ]'

# the config file too: a device or FIFO is refused, /dev/null is no config
timeout 20 "$bin" check --config /dev/zero --args '-w 2' >out 2>err; echo $? >status
t "--config /dev/zero is refused at once" 'grep -q "/dev/zero: not a regular file" err && [ "$(cat status)" = 2 ]'
"$bin" check --config /dev/null --args '-w 2' >out 2>err; echo $? >status
t "--config /dev/null is an empty config" '[ ! -s err ] && [ "$(cat status)" != 2 ]'

# the walk: how deep it stopped, exit 2, the shallow files still read
p=deep; i=0
while [ $i -lt 66 ]; do p=$p/d; i=$((i + 1)); done
mkdir -p "$p" && printf '%s\n' "$good" 'ENV A=1' >"$p/Dockerfile"
cp Procfile deep/Procfile
run deep
t "the walk says where it stopped" 'grep -q "deep/d/.*not entered: the walk stops 64 directory levels down" err'
t "... with exit 2" '[ "$(cat status)" = 2 ]'
t "... and the shallow file is read" 'grep -q "^deep/Procfile:" out'
echo "limits: $pass passed, $fail failed"
[ $fail -eq 0 ]
