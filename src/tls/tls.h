/*
 * tls: TLS facts for the rules and the probe: a launch's TLS settings
 * checked without a network (GL3xx), the PEM, certificate, key and cipher
 * readers under them, and the server-context builder the probe serves with.
 */
#ifndef GL_TLS_PUBLIC_H
#define GL_TLS_PUBLIC_H

#include <stddef.h>
#include <time.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "core/core.h"
#include "gunicorn/gunicorn.h"

/*
 * tls: static checks of a launch's TLS settings and of the certificate,
 * key and CA files they name (rules GL3xx).  The caller fills a
 * tls_settings record from the effective settings; nothing here reads the
 * launch model, so the checks can be tested and used by `probe` alone.
 */
/* Which code builds the server context: they honour different settings. */
enum tls_worker {
	TLS_W_SYNC,     /* gunicorn sync (the default) */
	TLS_W_GTHREAD,
	TLS_W_GEVENT,   /* gevent, gevent_wsgi, gevent_pywsgi, eventlet, tornado */
	TLS_W_ASGI,     /* gunicorn's own asgi worker (24.0+) */
	TLS_W_UVICORN,  /* uvicorn.workers.UvicornWorker, uvicorn_worker.* */
	TLS_W_OTHER,
};

/* One effective setting: the text as given (NULL = not set) and its span. */
struct tls_val {
	const char *text;
	struct span span;
};

#define TLS_MAX_BINDS 16

struct tls_bind {
	int port;          /* -1 for unix sockets and fd:// */
	struct span span;
};

struct tls_settings {
	struct tls_val certfile, keyfile, ca_certs, ciphers;
	struct tls_val ssl_version;   /* "TLSv1_2", "5", "2"... as given */
	int ssl_version_is_str;       /* 1: command line or GUNICORN_CMD_ARGS
					 (Python sees a str); 0: config-file int */
	struct tls_val cert_reqs;     /* "0", "1", "2" */
	struct tls_val do_handshake_on_connect, suppress_ragged_eofs;
	struct tls_val chdir;         /* --chdir, else the image's WORKDIR */
	struct tls_val worker_class;  /* as given, for messages */
	enum tls_worker worker;
	enum gl_version version;
	struct tls_bind binds[TLS_MAX_BINDS];
	size_t nbinds;
};

enum tls_profile {
	TLS_PROFILE_INTERMEDIATE, /* Mozilla 6.0: TLS 1.2 + 1.3, ECDHE AEAD */
	TLS_PROFILE_MODERN,       /* Mozilla 6.0: TLS 1.3 only */
};

struct tls_opts {
	const char *root;      /* --root DIR: where absolute paths live, or NULL */
	int files_expected;    /* 1: a missing file is an error, not "not here" */
	int expiry_warn_days;  /* default 30 */
	enum tls_profile profile;
	time_t now;            /* 0: the current time (tests pin it) */
	int skip_files;        /* settings-level checks only */
	/*
	 * What provides a file at this container path ("Secret 'tls' mounted
	 * at /opt/key"), for the message about a file that is not here;
	 * NULL when nothing is known.  The result lives as long as ctx.
	 */
	const char *(*provider)(const void *ctx, const char *path);
	const void *provider_ctx;
	/*
	 * Where the bytes of a container path are on this disk when they are
	 * not at the path itself (the build-context file a COPY puts there);
	 * newly allocated, or NULL.
	 */
	char *(*local)(const void *ctx, const char *path);
	const void *local_ctx;
};

/* Fills opts with the defaults. */
void tls_opts_init(struct tls_opts *o);
/* "sync", "uvicorn.workers.UvicornWorker"... → the kind of worker. */
enum tls_worker tls_worker_kind(const char *worker_class);
const char *tls_worker_name(enum tls_worker w);
int tls_profile_parse(const char *s, enum tls_profile *out); /* 0 or -1 */

/* Runs every GL3xx check; findings carry the span of the setting concerned. */
void tls_check(const struct tls_settings *ts, const struct tls_opts *o,
    struct findings *fs);

/*
 * Where `path` is on this disk: relative to chdir (when set), absolute
 * paths under root (when set) without ever leaving root through "..", a
 * symlink or an absolute link target.  Returns a malloc'd path, or NULL
 * with *why (static text) when it escapes root.
 */
char *tls_resolve_path(const char *path, const char *chdir, const char *root,
    const char **why);

/*
 * What ssl_version means: the Python constant's value for a name or number
 * ("TLSv1_2" → 5), or -1 when unknown.
 */
int tls_ssl_version_value(const char *text);

/*
 * tls_pem: the objects of one PEM file with the line each starts on;
 * shared by the static checks and the probe.
 */
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

/*
 * Helpers the TLS checks and the probe share.
 */
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
