/*
 * tls_pem.h: the objects of one PEM file with the line each starts on;
 * shared by the static checks and the probe.
 */
#ifndef GL_TLS_PEM_H
#define GL_TLS_PEM_H

#include <stddef.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "../core/core.h"

#define TLS_PEM_MAX_CERTS 16

struct tls_pem {
	X509 *certs[TLS_PEM_MAX_CERTS];
	unsigned cert_line[TLS_PEM_MAX_CERTS];
	size_t ncerts;
	EVP_PKEY *key;      /* the first unencrypted key */
	unsigned key_line;  /* line of the first key block */
	int nkeys, encrypted, nother, nblocks;
	char *error;        /* the first object that did not parse, or NULL */
	unsigned error_line;
};

void tls_pem_parse(struct tls_pem *p, const char *text, size_t len);
void tls_pem_release(struct tls_pem *p);
/* A pem_password_cb that refuses: an encrypted key fails, never prompts. */
int tls_pem_no_password(char *buf, int size, int rw, void *u);

#endif
