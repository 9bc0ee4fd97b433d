#!/bin/sh
# mk.sh: makes the keys and certificates the tls golden cases read, into
# testdata/tls/gen/ (not committed: no private key is ever in the tree).
# Dates are fixed (2025-2035 CA, leaves in 2026) so the output does not
# depend on the day; cases pin the clock with --now.  Silent; regenerates
# only when this script changed.  Run from a case folder: sh ../mk.sh
here=$(cd "$(dirname "$0")" && pwd)
gen=$here/gen
stamp=$(cksum <"$here/mk.sh")
[ -f "$gen/stamp" ] && [ "$(cat "$gen/stamp")" = "$stamp" ] && exit 0
rm -rf "$gen" && mkdir -p "$gen/ca.d" && cd "$gen" || exit 1
exec >/dev/null 2>&1
umask 077
: >ca.d/index.txt
echo 1000 >ca.d/serial
printf '%s\n' '[ca]' 'default_ca = d' '[d]' 'database = ca.d/index.txt' \
	'serial = ca.d/serial' 'new_certs_dir = ca.d' 'default_md = sha256' \
	'policy = p' 'unique_subject = no' 'copy_extensions = none' \
	'[p]' 'commonName = supplied' \
	'[req]' 'distinguished_name = dn' '[dn]' >ca.cnf
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
csr() { openssl req -new -config ca.cnf -key "$1" -subj "/CN=$2" -out "$3"; }
# sign NAME START END EXTFILE [ca options...]
sign() {
	n=$1 s=$2 e=$3 x=$4
	shift 4
	openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key \
		-in "$n.csr" -out "$n.pem" -startdate "$s" -enddate "$e" \
		-extfile "$x" -notext "$@"
}
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=keyCertSign,cRLSign\n' >ca.ext
printf 'basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n' >leaf.ext
printf 'basicConstraints=CA:FALSE\n' >nosan.ext
key ca.key
csr ca.key probe-golden-ca ca.csr
openssl ca -batch -config ca.cnf -selfsign -keyfile ca.key -in ca.csr \
	-out ca.pem -startdate 20250101000000Z -enddate 20350101000000Z \
	-extfile ca.ext -notext
key leaf.key
csr leaf.key localhost leaf.csr
sign leaf 20260101000000Z 20261231000000Z leaf.ext
cat leaf.pem ca.pem >chain.pem
cat ca.pem leaf.pem >wrong-order.pem
cat leaf.pem leaf.key >combined.pem
key other.key
openssl pkey -in leaf.key -aes256 -passout pass:golden -out enc.key
cp leaf.key loose.key && chmod 644 loose.key
cp leaf.csr nosan.csr
sign nosan 20260101000000Z 20261231000000Z nosan.ext
cp leaf.csr sha1.csr
sign sha1 20260101000000Z 20261231000000Z leaf.ext -md sha1
cp leaf.csr ten.csr
# ten years: for `check` cases, which judge dates against today's clock
sign ten 20260101000000Z 20360101000000Z leaf.ext
cat ten.pem ca.pem >chain10.pem
cp leaf.csr long.csr
sign long 20260101000000Z 20280101000000Z leaf.ext
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out small.key
csr small.key localhost small.csr
sign small 20260101000000Z 20261231000000Z leaf.ext
csr leaf.key localhost self.csr
openssl ca -batch -config ca.cnf -selfsign -keyfile leaf.key -in self.csr \
	-out self.pem -startdate 20260101000000Z -enddate 20261231000000Z \
	-extfile leaf.ext -notext
printf '%s\n' '-----BEGIN CERTIFICATE-----' 'bm90IGEgY2VydGlmaWNhdGU=' \
	'-----END CERTIFICATE-----' >garbage.pem
: >empty.pem
mkdir -p root/etc/tls root/srv
cp chain.pem chain10.pem root/srv/
cp leaf.key other.key root/srv/
ln -s /srv/chain.pem root/etc/tls/cert.pem
ln -s ../../../../../../../../etc/hostname root/etc/tls/evil
chmod 644 *.pem
echo "$stamp" >stamp
