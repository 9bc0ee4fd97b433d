/*
 * tls_cert.c: checks of the certificates in a chain file: validity dates,
 * key sizes, signature digests, subjectAltName, self-signed leaves, and
 * Mozilla's server-side TLS 6.0 certificate requirements (lifespan, key
 * type) for the chosen profile.
 */
#include <string.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include "tls/tls.h"


static void
fmt_time(const ASN1_TIME *t, char *buf, size_t n)
{
	struct tm tm;

	if (ASN1_TIME_to_tm(t, &tm) == 1)
		strftime(buf, n, "%Y-%m-%d %H:%M UTC", &tm);
	else
		snprintf(buf, n, "?");
}

/* Whole days from `now` to t (negative in the past). */
static long
days_until(const ASN1_TIME *t, time_t now)
{
	ASN1_TIME *a = ASN1_TIME_set(NULL, now);
	int d = 0, s = 0;

	ASN1_TIME_diff(&d, &s, a, t);
	ASN1_TIME_free(a);
	return d;
}

static void
check_dates(const struct tls_val *v, const char *path, X509 *x, size_t i,
    unsigned line, const struct tls_opts *o, struct findings *fs)
{
	time_t now = o->now ? o->now : time(NULL);
	const ASN1_TIME *nb = X509_get0_notBefore(x), *na = X509_get0_notAfter(x);
	char b1[40], b2[40];
	long left;

	fmt_time(nb, b1, sizeof(b1));
	fmt_time(na, b2, sizeof(b2));
	if (X509_cmp_time(na, &now) < 0) {
		fnd_add(fs, "GL329", v->span, "'%s': certificate #%zu (line %u) "
		    "expired on %s", path, i + 1, line, b2);
		return;
	}
	if (X509_cmp_time(nb, &now) > 0) {
		fnd_add(fs, "GL330", v->span, "'%s': certificate #%zu (line %u) "
		    "is not valid before %s", path, i + 1, line, b1);
		return;
	}
	left = days_until(na, now);
	if (left < o->expiry_warn_days)
		fnd_add(fs, "GL331", v->span, "'%s': certificate #%zu (line %u) "
		    "expires in %ld %s, on %s (warning at %d days)", path,
		    i + 1, line, left, left == 1 ? F_("day") : F_("days"), b2,
		    o->expiry_warn_days);
}

static void
check_key_size(const struct tls_val *v, const char *path, X509 *x, size_t i,
    unsigned line, struct findings *fs)
{
	EVP_PKEY *k = X509_get0_pubkey(x);
	int bits, id;

	if (k == NULL)
		return;
	bits = EVP_PKEY_get_bits(k);
	id = EVP_PKEY_get_base_id(k);
	if ((id == EVP_PKEY_RSA || id == EVP_PKEY_RSA_PSS || id == EVP_PKEY_DSA)
	    && bits < 2048)
		fnd_add(fs, "GL332", v->span, "'%s': certificate #%zu (line %u) "
		    "has a %d-bit %s key; at least 2048 bits are needed "
		    "(OpenSSL 3 at level 2 refuses it: EE_KEY_TOO_SMALL)", path,
		    i + 1, line, bits, OBJ_nid2sn(id));
	else if (id == EVP_PKEY_EC && bits < 256)
		fnd_add(fs, "GL332", v->span, "'%s': certificate #%zu (line %u) "
		    "has a %d-bit EC key; use P-256 or larger", path, i + 1,
		    line, bits);
}

static void
check_signature(const struct tls_val *v, const char *path, X509 *x,
    size_t i, unsigned line, struct findings *fs)
{
	int md = NID_undef, pk;

	/* A self-signed root's own signature is never checked by clients. */
	if (i > 0 && (X509_get_extension_flags(x) & EXFLAG_SS))
		return;
	if (!OBJ_find_sigid_algs(X509_get_signature_nid(x), &md, &pk))
		return;
	if (md == NID_sha1 || md == NID_md5 || md == NID_md4 ||
	    md == NID_md5_sha1)
		fnd_add(fs, "GL333", v->span, "'%s': certificate #%zu (line %u) "
		    "is signed with %s, which is broken (OpenSSL 3 refuses a "
		    "CA-issued one: CA_MD_TOO_WEAK)", path, i + 1, line,
		    OBJ_nid2ln(X509_get_signature_nid(x)));
}

static void
check_leaf(const struct tls_val *v, const char *path, X509 *x,
    const struct tls_opts *o, struct findings *fs)
{
	GENERAL_NAMES *san = X509_get_ext_d2i(x, NID_subject_alt_name, NULL,
	    NULL);
	int lifespan = 0, secs = 0, maxdays;
	EVP_PKEY *k = X509_get0_pubkey(x);

	if (san == NULL || sk_GENERAL_NAME_num(san) == 0)
		fnd_add(fs, "GL335", v->span, "'%s': the leaf certificate has no "
		    "subjectAltName; clients ignore the CN, so no host name "
		    "matches", path);
	GENERAL_NAMES_free(san);
	if (X509_get_extension_flags(x) & EXFLAG_SS)
		fnd_add(fs, "GL336", v->span, "'%s': the leaf certificate is "
		    "self-signed; clients must be given it as a trust anchor",
		    path);
	maxdays = o->profile == TLS_PROFILE_MODERN ? 90 : 366;
	ASN1_TIME_diff(&lifespan, &secs, X509_get0_notBefore(x),
	    X509_get0_notAfter(x));
	if (lifespan > maxdays)
		fnd_add(fs, "GL339", v->span, "'%s': the leaf certificate is "
		    "valid for %d days; Mozilla's %s profile allows at most %d",
		    path, lifespan, o->profile == TLS_PROFILE_MODERN ? "modern" :
		    "intermediate", maxdays);
	else if (o->profile == TLS_PROFILE_MODERN && k != NULL &&
	    EVP_PKEY_get_base_id(k) != EVP_PKEY_EC)
		fnd_add(fs, "GL339", v->span, "'%s': the leaf has a %s key; "
		    "Mozilla's modern profile wants ECDSA (P-256 or P-384)",
		    path, OBJ_nid2sn(EVP_PKEY_get_base_id(k)));
}

void
tls_check_cert(const struct tls_val *v, const char *path,
    const struct tls_pem *pem, size_t leaf, const struct tls_opts *o,
    struct findings *fs)
{
	size_t i;

	for (i = 0; i < pem->ncerts; i++) {
		check_dates(v, path, pem->certs[i], i, pem->cert_line[i], o, fs);
		check_key_size(v, path, pem->certs[i], i, pem->cert_line[i],
		    fs);
		check_signature(v, path, pem->certs[i], i, pem->cert_line[i],
		    fs);
	}
	/* leaf: the certificate the key belongs to (not the first when the
	   order is wrong, which is reported already). */
	check_leaf(v, path, pem->certs[leaf], o, fs);
}
