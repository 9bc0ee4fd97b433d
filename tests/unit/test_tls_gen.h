/*
 * test_tls_gen.h: makes keys and certificates at test time (no private key
 * is ever committed): a CA, leaves with chosen dates, digests, key sizes
 * and names, written as PEM into a scratch directory.
 */
#ifndef TEST_TLS_GEN_H
#define TEST_TLS_GEN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

struct gen_opts {
	long nb_days, na_days;  /* validity relative to now */
	const char *san;        /* "DNS:localhost,IP:127.0.0.1", or NULL */
	const EVP_MD *md;       /* NULL: SHA-256 */
	X509 *issuer;           /* NULL: self-signed */
	EVP_PKEY *issuer_key;
	int ca;
};

static inline EVP_PKEY *
gen_rsa(unsigned bits)
{
	EVP_PKEY *k = EVP_RSA_gen(bits);

	if (k == NULL)
		abort();
	return k;
}

static inline EVP_PKEY *
gen_ec(const char *curve)
{
	EVP_PKEY *k = EVP_EC_gen(curve);

	if (k == NULL)
		abort();
	return k;
}

static inline void
gen_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509_EXTENSION *e;

	X509V3_set_ctx(&ctx, issuer, x, NULL, NULL, 0);
	if ((e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value)) == NULL)
		abort();
	X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
}

static inline X509 *
gen_cert(EVP_PKEY *key, const char *cn, const struct gen_opts *o)
{
	static long serial = 1;
	X509 *x = X509_new();
	X509 *issuer;
	X509_NAME *name = X509_NAME_new();

	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial++);
	X509_gmtime_adj(X509_getm_notBefore(x), o->nb_days * 86400L);
	X509_gmtime_adj(X509_getm_notAfter(x), o->na_days * 86400L);
	X509_set_pubkey(x, key);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
	    (const unsigned char *)cn, -1, -1, 0);
	X509_set_subject_name(x, name);
	X509_NAME_free(name);
	issuer = o->issuer ? o->issuer : x;
	X509_set_issuer_name(x, X509_get_subject_name(issuer));
	gen_ext(x, issuer, NID_basic_constraints, o->ca ? "critical,CA:TRUE" :
	    "CA:FALSE");
	gen_ext(x, issuer, NID_subject_key_identifier, "hash");
	if (o->issuer)
		gen_ext(x, issuer, NID_authority_key_identifier, "keyid");
	if (o->san)
		gen_ext(x, issuer, NID_subject_alt_name, o->san);
	if (!X509_sign(x, o->issuer_key ? o->issuer_key : key,
	    o->md ? o->md : EVP_sha256()))
		abort();
	return x;
}

/* Writes certs then (optionally) a key; enc != NULL encrypts the key. */
static inline void
gen_write(const char *path, X509 **certs, int n, EVP_PKEY *key,
    const char *enc, mode_t mode)
{
	FILE *fp = fopen(path, "w");
	int i;

	if (fp == NULL)
		abort();
	for (i = 0; i < n; i++)
		PEM_write_X509(fp, certs[i]);
	if (key && enc)
		PEM_write_PKCS8PrivateKey(fp, key, EVP_aes_256_cbc(),
		    enc, (int)strlen(enc), NULL, NULL);
	else if (key)
		PEM_write_PrivateKey(fp, key, NULL, NULL, 0, NULL, NULL);
	fclose(fp);
	chmod(path, mode);
}

/* A scratch directory removed by gen_rmdir. */
static inline char *
gen_tmpdir(void)
{
	char tmpl[] = "/tmp/gunilint-tls-XXXXXX";
	char *d = mkdtemp(tmpl);

	if (d == NULL)
		abort();
	return strdup(d);
}

static inline void
gen_rmdir(char *dir)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(dir);
}

#endif
