/*
 * tls_cipher.c: what a `ciphers` string really selects, asked of OpenSSL
 * itself (SSL_CTX_set_cipher_list on a scratch context, as Python's
 * SSLContext.set_ciphers does), and how the selection compares with the
 * weak-suite list and Mozilla's intermediate profile.
 */
#include <string.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "tls/tls.h"

/* Mozilla server-side TLS 6.0, intermediate, TLS 1.2 suites. */
static const char *const mozilla_intermediate[] = {
	"ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
	"ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
	"ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
};

/* Substrings of OpenSSL suite names that mark a broken or unauthenticated suite. */
static const char *const weak_marks[] = {
	"RC4", "DES", "MD5", "NULL", "EXP", "ADH", "AECDH", "PSK-NULL", "IDEA",
	"SEED", "RC2",
};

int
tls_cipher_select(const char *ciphers, char **selected, char **why)
{
	SSL_CTX *ctx;
	SSL *ssl;
	STACK_OF(SSL_CIPHER) *sk;
	struct strbuf sb = STRBUF_INIT;
	char buf[256];
	unsigned long e;
	int i, n = 0;

	*selected = *why = NULL;
	ERR_clear_error();
	if ((ctx = SSL_CTX_new(TLS_server_method())) == NULL) {
		*why = xstrdup("cannot create an OpenSSL context");
		return -1;
	}
	if (SSL_CTX_set_cipher_list(ctx, ciphers) != 1) {
		e = ERR_peek_last_error();
		ERR_error_string_n(e, buf, sizeof(buf));
		*why = xstrdup(e ? ERR_reason_error_string(e) ?
		    ERR_reason_error_string(e) : buf : "no cipher match");
		ERR_clear_error();
		SSL_CTX_free(ctx);
		return -1;
	}
	/*
	 * What the security level and protocol range really leave: NULL and
	 * anonymous suites stay in the list but are never offered at level 1+.
	 */
	ssl = SSL_new(ctx);
	sk = ssl ? SSL_get1_supported_ciphers(ssl) : NULL;
	for (i = 0; sk && i < sk_SSL_CIPHER_num(sk); i++) {
		const SSL_CIPHER *c = sk_SSL_CIPHER_value(sk, i);

		/* TLS 1.3 suites are always listed; ciphers does not touch them. */
		if (strcmp(SSL_CIPHER_get_version(c), "TLSv1.3") == 0)
			continue;
		if (n++)
			sb_addch(&sb, ':');
		sb_adds(&sb, SSL_CIPHER_get_name(c));
	}
	sk_SSL_CIPHER_free(sk);
	SSL_free(ssl);
	SSL_CTX_free(ctx);
	if (n == 0) {
		/* Only TLS 1.3 names, which set_cipher_list does not apply. */
		*why = xstrdup("no cipher match");
		sb_release(&sb);
		return -1;
	}
	*selected = sb_detach(&sb);
	return 0;
}

static int
in_list(const char *name, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return 1;
	return 0;
}

static int
is_weak(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(weak_marks) / sizeof(weak_marks[0]); i++)
		if (strstr(name, weak_marks[i]) != NULL)
			return 1;
	return 0;
}

/* Keeps the names of a colon list for which keep() says yes; NULL if none. */
static char *
filter(const char *selected, int (*keep)(const char *))
{
	struct strbuf sb = STRBUF_INIT;
	char *copy = xstrdup(selected), *tok, *save = NULL;

	for (tok = strtok_r(copy, ":", &save); tok;
	    tok = strtok_r(NULL, ":", &save)) {
		if (!keep(tok))
			continue;
		if (sb.len)
			sb_addch(&sb, ':');
		sb_adds(&sb, tok);
	}
	free(copy);
	return sb.len ? sb_detach(&sb) : NULL;
}

static int
not_mozilla(const char *name)
{
	return !in_list(name, mozilla_intermediate,
	    sizeof(mozilla_intermediate) / sizeof(mozilla_intermediate[0]));
}

char *
tls_cipher_outside_profile(const char *selected)
{
	return filter(selected, not_mozilla);
}

char *
tls_cipher_weak(const char *selected)
{
	return filter(selected, is_weak);
}
