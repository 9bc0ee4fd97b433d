#!/bin/sh
# check-probe.sh GUNILINT: end-to-end tests of `gunilint probe` on
# 127.0.0.1 only.  Keys and certificates are made here with the openssl
# command (nothing secret is committed).  The --exec part runs Debian's
# gunicorn with the sync and the uvicorn worker; it says why when it is
# skipped.  Prints "N passed, N failed".
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0
tmp=$(mktemp -d)
spid=
cleanup() {
	[ -n "$spid" ] && kill "$spid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
cd "$tmp" || exit 1

# ---- material ------------------------------------------------------------
gen() { openssl "$@" >/dev/null 2>&1 || { echo "openssl $1 failed"; exit 1; }; }
gen req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 365 \
	-subj /CN=probe-test-ca -addext basicConstraints=critical,CA:TRUE
leaf() { # name days [extra req args]
	name=$1 days=$2
	gen req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" \
		-subj /CN=localhost
	printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$name.ext"
	gen x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key \
		-CAcreateserial -out "$name.pem" -days "$days" -extfile "$name.ext"
	chmod 600 "$name.key"
}
leaf good 60
gen req -x509 -newkey rsa:2048 -nodes -keyout self.key -out self.pem -days 60 \
	-subj /CN=localhost -addext subjectAltName=DNS:localhost
chmod 600 self.key
cat good.pem ca.pem >chain.pem
cat ca.pem good.pem >wrong-order.pem
gen genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out other.key
chmod 600 other.key
gen pkey -in good.key -aes256 -passout pass:secret -out enc.key
chmod 600 enc.key
# An expired leaf: issued by the CA with dates in the past.
gen req -newkey rsa:2048 -nodes -keyout old.key -out old.csr -subj /CN=localhost
chmod 600 old.key
printf 'subjectAltName=DNS:localhost\n' >old.ext
mkdir ca.d && : >ca.d/index.txt && echo 01 >ca.d/serial
printf '%s\n' '[ca]' 'default_ca = d' '[d]' 'database = ca.d/index.txt' \
	'serial = ca.d/serial' 'new_certs_dir = ca.d' 'default_md = sha256' \
	'policy = p' '[p]' 'commonName = supplied' >ca.cnf
# openssl ca takes explicit dates: a leaf that expired in 2020.
openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in old.csr \
	-out old.pem -startdate 20200101000000Z -enddate 20200201000000Z \
	-extfile old.ext >/dev/null 2>&1 || rm -f old.pem
gen req -newkey rsa:2048 -nodes -keyout client.key -out client.csr \
	-subj /CN=probe-client
gen x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
	-out client.pem -days 30
chmod 600 client.key

# ---- helpers -------------------------------------------------------------
# check NAME STATUS PATTERN ARGS...: runs probe, wants the exit status and
# a line matching the extended regular expression PATTERN.
check() {
	name=$1 want=$2 pat=$3
	shift 3
	"$bin" probe "$@" >out 2>&1
	got=$?
	if [ "$got" = "$want" ] && grep -Eq -- "$pat" out; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name (status $got, want $want; pattern '$pat')"
		sed 's/^/    /' out | head -40
	fi
}

good="--certfile chain.pem --keyfile good.key --cafile ca.pem"

# ---- in-process ----------------------------------------------------------
check good-pair 0 'pass +handshake .*TLSv1\.3' $good
check good-pair-chain 0 'pass +chain .*2 certificates sent' $good
check good-pair-http 0 'pass +http .*answered 200' $good
check good-pair-old-versions 0 'pass +TLSv1\.0 .*refused' $good
check good-pair-hostname 0 "pass +hostname .*'localhost' matches" $good
check good-pair-json 0 '"failed":[[:space:]]*false' $good --format json
"$bin" probe $good --format json >out.json 2>&1
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["schema"]==1 and d["steps"]' out.json; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: json does not parse"; head -20 out.json
fi
check wrong-hostname 1 "fail +hostname .*'api.example.com' does not match" \
	$good --server-name api.example.com
check self-signed-no-cafile 0 'info +chain .*verified against itself: self-signed' \
	--certfile self.pem --keyfile self.key
check mismatched-pair 1 'GL327' --certfile chain.pem --keyfile other.key
check mismatched-pair-context 1 'fail +context .*load_cert_chain' \
	--certfile chain.pem --keyfile other.key
if [ -f old.pem ]; then
	check expired 1 'fail +chain .*certificate has expired' \
		--certfile old.pem --keyfile old.key --cafile ca.pem
	check expired-static 1 'GL329' --certfile old.pem --keyfile old.key
else
	echo "skipped: expired certificate (this openssl cannot back-date)"
fi
check wrong-chain-order 1 'GL334' --certfile wrong-order.pem --keyfile good.key
check wrong-chain-order-context 1 'fail +context' \
	--certfile wrong-order.pem --keyfile good.key
check encrypted-key 1 'GL328' --certfile chain.pem --keyfile enc.key
check encrypted-key-context 1 'fail +context .*PEM lib|bad decrypt' \
	--certfile chain.pem --keyfile enc.key
check bad-cipher 1 'fail +context .*no cipher match' $good --ciphers FOO-BAR
check bad-cipher-static 1 'GL310' $good --ciphers FOO-BAR
check tls13-cipher-names 1 'GL311' $good --ciphers TLS_AES_128_GCM_SHA256
check weak-ciphers 1 'GL317' $good --ciphers 'ALL:@SECLEVEL=0'
check cbc-ciphers 0 'warn +suites .*outside Mozilla' $good --ciphers TLSv1 --suites
check modern-profile 1 'fail +TLSv1\.2 .*accepted; Mozilla modern' \
	$good --tls-profile modern
check legacy-tls1 1 'fail +handshake' $good --ssl-version TLSv1 \
	--gunicorn-version 20.1
check legacy-tls1-static 1 'GL305' $good --ssl-version TLSv1 \
	--gunicorn-version 20.1
check pinned-tls12 1 'fail +TLSv1\.3 .*refused' $good --ssl-version TLSv1_2 \
	--gunicorn-version 20.1
check ssl-version-ignored-21 0 'pass +TLSv1\.3 .*accepted' $good \
	--ssl-version TLSv1_2 --gunicorn-version 23.0
check uvicorn-ssl-version-str 1 'GL308' $good --ssl-version TLSv1_2 \
	--gunicorn-version 23.0 --worker uvicorn
check uvicorn-ssl-version-str-context 1 "fail +context .*TypeError" $good \
	--ssl-version TLSv1_2 --gunicorn-version 23.0 --worker uvicorn
check client-cert-required 0 'pass +client-auth .*without a certificate is refused' \
	$good --cert-reqs 2 --ca-certs ca.pem --client-cert client.pem \
	--client-key client.key
check client-cert-required-no-client 0 'info +handshake .*refused without a client certificate' \
	$good --cert-reqs 2 --ca-certs ca.pem
check client-cert-no-ca 1 'GL312' $good --cert-reqs 2
check keyfile-only 1 'GL301' --keyfile good.key
check launch-args 0 'pass +handshake' --args "--certfile chain.pem --keyfile good.key" \
	--cafile ca.pem
check launch-cmdline-override 0 'pass +handshake' --cafile ca.pem \
	--keyfile good.key -- gunicorn --certfile chain.pem --keyfile other.key app:app
check launch-cmdline-keyfile-only 1 'GL301' -- gunicorn --keyfile good.key app:app
check launch-tls-off 1 'TLS is off' --args "--workers 2"
check launch-would-not-start 1 'would not start' --args "--certfile"
check usage-remote 2 'allow-remote' --target 192.0.2.1:443
check usage-nothing 2 'nothing to probe'
check usage-bad-option 2 'usage' --no-such-option

# ---- a running server (openssl s_server) ---------------------------------
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
openssl s_server -accept "127.0.0.1:$port" -cert good.pem -key good.key \
	-cert_chain ca.pem -tls1_3 -www -quiet >/dev/null 2>&1 &
spid=$!
i=0
while ! python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 50 ] && break; sleep 0.1
done
check target-tls13-only-modern 0 'pass +TLSv1\.2 .*refused \(modern\)' \
	--target "127.0.0.1:$port" --cafile ca.pem --tls-profile modern
check target-tls13-only-intermediate 0 'warn +TLSv1\.2 .*refused' \
	--target "127.0.0.1:$port" --cafile ca.pem
kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null; spid=
# Nothing listens there now: said once, as the system says it, not "timed out".
check target-closed-port 1 "fail +handshake .*connect to 127\\.0\\.0\\.1:$port: Connection refused\$" \
	--target "127.0.0.1:$port"

# ---- the real gunicorn ---------------------------------------------------
# gunicorn's own interpreter, which may not be the first python3 on PATH.
py=$(command -v gunicorn >/dev/null 2>&1 &&
	head -1 "$(command -v gunicorn)" | sed -n 's/^#! *\([^ ]*\).*/\1/p')
if [ -z "$py" ]; then
	echo "skipped: --exec tests (no gunicorn on PATH)"
elif ! "$py" -c 'import ssl; ssl.wrap_socket' 2>/dev/null; then
	echo "skipped: --exec tests (this Python has no ssl.wrap_socket, which gunicorn 20.1 needs)"
else
	sd="--share-dir $top/share/gunilint"
	check exec-sync 0 'pass +worker-class .*sync' --exec $sd $good
	check exec-sync-shutdown 0 'pass +shutdown' --exec $sd $good
	# The launch's other options reach the real gunicorn: a request line
	# limit of 10 bytes makes it answer the probe's GET with 400.
	check exec-replays-launch-options 0 'http .*answered 400' --exec $sd \
		--cafile ca.pem --args "--certfile chain.pem --keyfile good.key --limit-request-line 10"
	check exec-default-request-line 0 'http .*answered 200' --exec $sd \
		--cafile ca.pem --args "--certfile chain.pem --keyfile good.key"
	check exec-sync-client-cert 0 'pass +client-auth .*refused' --exec $sd \
		$good --cert-reqs 2 --ca-certs ca.pem --client-cert client.pem \
		--client-key client.key
	check exec-sync-mismatch 1 'plaintext "HTTP/1.1 403"' --exec $sd \
		--certfile chain.pem --keyfile other.key
	check exec-sync-keyfile-only 1 'plaintext "HTTP/1.1 500"' --exec $sd \
		--keyfile good.key
	# A plain-HTTP gunicorn: TLS gets no answer (or a 400 when the random
	# bytes of the ClientHello happen to hold a line end).
	gport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	gunicorn --bind "127.0.0.1:$gport" --pythonpath "$top/share/gunilint" \
		probe_app:app >plain.log 2>&1 &
	spid=$!
	i=0
	while ! grep -q "Booting worker" plain.log 2>/dev/null; do
		i=$((i + 1)); [ $i -gt 100 ] && break; sleep 0.1
	done
	check target-plain-http 1 'no answer within|plaintext "HTTP/1.1 400' \
		--target "127.0.0.1:$gport" --timeout 1
	kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null; spid=
	if "$py" -c 'import uvicorn.workers' 2>/dev/null; then
		check exec-uvicorn 0 'pass +worker-class .*UvicornWorker' \
			--exec $sd $good --worker uvicorn
		check exec-uvicorn-http 0 'pass +http .*answered 200' \
			--exec $sd $good --worker uvicorn
		check exec-uvicorn-mismatch-respawn 1 'fail +respawn .*last error: ssl.SSLError' \
			--exec $sd --certfile chain.pem --keyfile other.key \
			--worker uvicorn --timeout 2
		check exec-uvicorn-launch 0 'pass +respawn .*2 worker boots' --exec \
			$sd --as-configured --cafile ca.pem --args \
			"--certfile chain.pem --keyfile good.key -w 2 -k uvicorn.workers.UvicornWorker"
		check exec-uvicorn-pinned 1 'fail +TLSv1\.3' --exec $sd $good \
			--worker uvicorn --ssl-version TLSv1_2
	else
		echo "skipped: --exec with the uvicorn worker (python3-uvicorn missing)"
	fi
	if "$py" -c 'import fastapi' 2>/dev/null; then
		cat >fapp.py <<'EOF'
from fastapi import FastAPI
app = FastAPI()

@app.get("/")
def root():
    return {"ok": True}
EOF
		check exec-uvicorn-fastapi 0 'pass +http .*answered 200' --exec \
			$good --worker uvicorn --app fapp:app
	else
		echo "skipped: --exec with a FastAPI app (python3-fastapi missing)"
	fi
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
