#!/bin/sh
# probe.sh GUNILINT: the wall time of `gunilint probe` (in-process; and
# --exec when gunicorn is installed) next to one `openssl s_server` +
# `openssl s_client` handshake on the same certificate, all on 127.0.0.1.
# The key and certificate are made here and removed at the end.
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
runs=${RUNS:-5}
tmp=$(mktemp -d)
spid=
trap '[ -n "$spid" ] && kill "$spid" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem \
	-days 30 -subj /CN=localhost \
	-addext subjectAltName=DNS:localhost,IP:127.0.0.1 >/dev/null 2>&1
chmod 600 key.pem

# best of $runs, in ms, of the command given
best() {
	b=
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1
		t1=$(date +%s%N)
		ms=$(( (t1 - t0) / 1000000 ))
		if [ -z "$b" ] || [ "$ms" -lt "$b" ]; then b=$ms; fi
		i=$((i + 1))
	done
	echo "$b"
}

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
openssl s_server -accept "127.0.0.1:$port" -cert cert.pem -key key.pem \
	-www -quiet >/dev/null 2>&1 &
spid=$!
i=0
until echo | openssl s_client -connect "127.0.0.1:$port" >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -gt 50 ] && { echo "s_server did not start"; exit 1; }
	sleep 0.1
done
hs() { echo | openssl s_client -connect "127.0.0.1:$port" -CAfile cert.pem \
	-verify_return_error -brief; }
t_hs=$(best hs)
t_all=$(best "$bin" probe --target "127.0.0.1:$port" --cafile cert.pem)
kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null; spid=

t_static=$(best "$bin" probe --static-only --certfile cert.pem --keyfile key.pem)
t_inproc=$(best "$bin" probe --certfile cert.pem --keyfile key.pem)
t_suites=$(best "$bin" probe --suites --certfile cert.pem --keyfile key.pem)
printf '%-48s %8s\n' "what (best of $runs)" "ms"
printf '%-48s %8s\n' "openssl s_server + s_client, one handshake" "$t_hs"
printf '%-48s %8s\n' "gunilint probe --static-only" "$t_static"
printf '%-48s %8s  (target: 20; %sx the handshake)\n' \
	"gunilint probe (in-process, all steps)" "$t_inproc" \
	"$(awk "BEGIN { printf \"%.1f\", $t_inproc / ($t_hs ? $t_hs : 1) }")"
printf '%-48s %8s\n' "gunilint probe --suites (a handshake a suite)" "$t_suites"
printf '%-48s %8s\n' "gunilint probe --target (s_server, all steps)" "$t_all"
if command -v gunicorn >/dev/null 2>&1; then
	runs=1
	t_exec=$(best "$bin" probe --exec --certfile cert.pem --keyfile key.pem)
	printf '%-48s %8s\n' "gunilint probe --exec (gunicorn, 1 run)" "$t_exec"
fi
