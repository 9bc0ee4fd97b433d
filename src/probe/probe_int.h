/*
 * probe_int.h: declarations shared by the files of src/probe/ only.
 */
#ifndef GL_PROBE_INT_H
#define GL_PROBE_INT_H

#include <pthread.h>

#include <openssl/ssl.h>

#include "probe.h"

/* What the client saw on one connection. */
struct probe_conn {
	int ok;              /* handshake (and request, when asked) done */
	int handshake_ok;
	char err[600];       /* why not: client side, then server side (each
			      * may be a fragment in two languages) */
	char proto[16], cipher[64], group[32];
	int http_status;     /* 0 when no status line was read */
	X509 *leaf;          /* the server's certificate (owned) */
	STACK_OF(X509) *chain; /* as sent, leaf first (owned) */
	double ms;
};

/* The in-process server: a thread that serves connections one by one. */
struct probe_server {
	SSL_CTX *ctx;
	int lfd, port, timeout_ms;
	pthread_t thread;
	pthread_mutex_t mu;
	int stop, served, started;
	int wake[2];         /* a byte written here ends the server's poll */
	int busy;            /* a connection is being served */
	char last_error[256];
};

/* The address the client steps talk to, and what they may compare with. */
struct probe_peer {
	const char *host;    /* "127.0.0.1" */
	int port;
	struct probe_server *srv; /* in-process: its side of each failure */
};

double probe_now_ms(void);
void probe_step(struct probe_report *r, const char *name,
    enum probe_status st, double ms, const char *fmt, ...) GL_PRINTF(5, 6);
/* OpenSSL's last error as "lib: reason", and clears the queue. */
void probe_ssl_error(char *buf, size_t n);

/* probe_ctx.c: the server context as the worker builds it. */
SSL_CTX *probe_server_ctx(const struct tls_settings *ts, struct strbuf *how,
    char **why);
const char *probe_ctx_failure_effect(const struct tls_settings *ts);

/* probe_net.c */
int probe_server_start(struct probe_server *s, SSL_CTX *ctx, int timeout_ms,
    char **why);
void probe_server_stop(struct probe_server *s);
int probe_connect(const char *host, int port, int timeout_ms, char *err,
    size_t errn);
/* One client connection; http != 0 also sends GET / and reads the answer. */
void probe_session(const struct probe_peer *p, SSL_CTX *cctx,
    const char *sni, int http, int timeout_ms, struct probe_conn *c);
void probe_conn_release(struct probe_conn *c);
/* What the server sends back to a bare ClientHello: names plaintext replies. */
void probe_raw_reply(const struct probe_peer *p, int timeout_ms, char *out,
    size_t n);

/* probe_steps.c: the client-side checks shared by every mode. */
void probe_client_steps(const struct tls_settings *ts,
    const struct probe_opts *o, const struct probe_peer *p,
    struct probe_report *r);

/* probe_exec.c (probe_exec_version is in probe.h). */
int probe_exec(const struct tls_settings *ts, const struct probe_opts *o,
    struct probe_report *r, char **err);

#endif
