/*
 * tls_int.h: declarations shared by the files of src/tls/ only.
 */
#ifndef GL_TLS_INT_H
#define GL_TLS_INT_H

#include "tls.h"
#include "tls_pem.h"

/* True when gunicorn release v builds the context itself (21.0+). */
#define TLS_V21(v) ((v) >= GV_21_0_0)

int tls_is_set(const struct tls_val *v);
int tls_val_int(const struct tls_val *v, long *out); /* 0 or -1 */
int tls_val_bool(const struct tls_val *v, int *out); /* 0 or -1 */

/*
 * Applies a cipher string to a scratch server context.  Returns 0 and the
 * selected TLS <= 1.2 suite names (colon-separated, malloc'd) in *selected,
 * or -1 and OpenSSL's reason in *why (malloc'd).
 */
int tls_cipher_select(const char *ciphers, char **selected, char **why);
/* The suites of a selection that Mozilla's intermediate profile lacks. */
char *tls_cipher_outside_profile(const char *selected);
/* Weak suites (RC4, DES, 3DES, MD5, NULL, EXPORT, anonymous) in it. */
char *tls_cipher_weak(const char *selected);

void tls_check_ciphers(const struct tls_settings *ts,
    const struct tls_opts *o, struct findings *fs);
void tls_check_settings(const struct tls_settings *ts,
    const struct tls_opts *o, struct findings *fs);
void tls_check_files(const struct tls_settings *ts, const struct tls_opts *o,
    struct findings *fs);

/* Per-certificate checks of a chain file (dates, sizes, digests, leaf). */
void tls_check_cert(const struct tls_val *v, const char *path,
    const struct tls_pem *pem, size_t leaf, const struct tls_opts *o,
    struct findings *fs);

#endif
