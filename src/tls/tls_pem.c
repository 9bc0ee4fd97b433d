/*
 * tls_pem.c: reads a PEM file block by block, remembering the line each
 * object starts on, so a finding can say which object failed to parse and
 * where.  Encrypted keys are recognised by their header and never
 * decrypted (no passphrase prompt, ever).
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "tls/tls.h"

static int
is_key_label(const char *label)
{
	return strcmp(label, "PRIVATE KEY") == 0 ||
	    strcmp(label, "RSA PRIVATE KEY") == 0 ||
	    strcmp(label, "EC PRIVATE KEY") == 0 ||
	    strcmp(label, "DSA PRIVATE KEY") == 0 ||
	    strcmp(label, "ENCRYPTED PRIVATE KEY") == 0;
}

static int
has_text(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return 1;
	return 0;
}

static void
pem_error(struct tls_pem *p, unsigned line, const char *fmt, const char *a)
{
	unsigned long e = ERR_peek_last_error();
	const char *r = e ? ERR_reason_error_string(e) : NULL;

	if (p->error != NULL)
		return;
	p->error_line = line;
	p->error = frag_asprintf(fmt, a);
	if (r != NULL) {
		char *with = xasprintf("%s (%s)", p->error, r);

		free(p->error);
		p->error = with;
	}
	ERR_clear_error();
}

/* One block from "-----BEGIN" to its END line, given as bytes. */
static void
read_block(struct tls_pem *p, const char *blk, size_t len, unsigned line,
    const char *label)
{
	BIO *bio = BIO_new_mem_buf(blk, (int)len);
	char *desc = frag_asprintf("the %s block", label);

	if (strcmp(label, "CERTIFICATE") == 0 ||
	    strcmp(label, "TRUSTED CERTIFICATE") == 0) {
		X509 *x = PEM_read_bio_X509_AUX(bio, NULL, NULL, NULL);

		if (x == NULL) {
			pem_error(p, line, "%s does not parse", desc);
		} else if (p->ncerts < TLS_PEM_MAX_CERTS) {
			p->certs[p->ncerts] = x;
			p->cert_line[p->ncerts++] = line;
		} else {
			X509_free(x);
		}
	} else if (is_key_label(label)) {
		p->nkeys++;
		if (strcmp(label, "ENCRYPTED PRIVATE KEY") == 0 ||
		    has_text(blk, len, "Proc-Type: 4,ENCRYPTED")) {
			p->encrypted = 1;
			if (p->key_line == 0)
				p->key_line = line;
		} else if (p->key == NULL) {
			/* A callback that gives no password: never prompt. */
			p->key = PEM_read_bio_PrivateKey(bio, NULL,
			    tls_pem_no_password, NULL);
			if (p->key == NULL)
				pem_error(p, line, "%s does not parse", desc);
			p->key_line = line;
		}
	} else {
		p->nother++;
	}
	free(desc);
	BIO_free(bio);
	ERR_clear_error();
}

int
tls_pem_no_password(char *buf, int size, int rw, void *u)
{
	(void)buf;
	(void)size;
	(void)rw;
	(void)u;
	return 0;
}

/* Whether the bytes [s, end) start with prefix (the input has no NUL). */
static int
starts(const char *s, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);

	return (size_t)(end - s) >= n && memcmp(s, prefix, n) == 0;
}

static const char *
next_line(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));

	return nl ? nl + 1 : end;
}

void
tls_pem_parse(struct tls_pem *p, const char *text, size_t len)
{
	const char *s = text, *end = text + len, *begin = NULL;
	char label[64];
	unsigned line = 1, begin_line = 0;

	memset(p, 0, sizeof(*p));
	for (; s < end; s = next_line(s, end), line++) {
		if (begin == NULL && starts(s, end, "-----BEGIN ")) {
			const char *d = memchr(s + 11, '-', (size_t)(end - s - 11));
			size_t n = d ? (size_t)(d - s - 11) : 0;

			if (n == 0 || n >= sizeof(label))
				continue;
			memcpy(label, s + 11, n);
			label[n] = '\0';
			begin = s;
			begin_line = line;
		} else if (begin != NULL && starts(s, end, "-----END ")) {
			read_block(p, begin, (size_t)(next_line(s, end) - begin),
			    begin_line, label);
			p->nblocks++;
			begin = NULL;
		}
	}
	if (begin != NULL && p->error == NULL) {
		p->error_line = begin_line;
		p->error = frag_asprintf("the %s block that starts here has "
		    "no END line", label);
	}
	if (p->nblocks == 0 && p->error == NULL && len > 0) {
		p->error_line = 1;
		p->error = xstrdup(memchr(text, '\0', len) ||
		    (unsigned char)text[0] == 0x30 ? F_("no PEM object: this "
		    "looks like DER (binary); convert it with openssl x509 "
		    "-inform der") : F_("no PEM object (no -----BEGIN line)"));
	}
}

void
tls_pem_release(struct tls_pem *p)
{
	size_t i;

	for (i = 0; i < p->ncerts; i++)
		X509_free(p->certs[i]);
	EVP_PKEY_free(p->key);
	free(p->error);
	memset(p, 0, sizeof(*p));
}
