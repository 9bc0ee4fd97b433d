/*
 * probe.h: `gunilint probe`: proves a TLS configuration boots and serves.
 * In-process, it builds the server context the way the configured worker
 * would and serves on 127.0.0.1; with exec it starts the real gunicorn;
 * with a target it probes a running server.  Then a client handshakes,
 * sends one HTTP/1.1 request and checks protocols, suites, the chain, the
 * host name and client-certificate enforcement.  Every step is timed and
 * bounded by a timeout.
 */
#ifndef GL_PROBE_H
#define GL_PROBE_H

#include <stdio.h>

#include "tls/tls.h"

enum probe_mode {
	PROBE_INPROC, /* OpenSSL server in a thread of this process */
	PROBE_EXEC,   /* the real gunicorn on 127.0.0.1 */
	PROBE_TARGET, /* a server that is already running */
};

struct probe_opts {
	enum probe_mode mode;
	const char *client_cert, *client_key; /* for cert_reqs 1/2 */
	const char *cafile;      /* trust anchors for the server's chain */
	const char *server_name; /* NULL: the leaf's first SAN */
	enum tls_profile profile;
	int timeout_ms;          /* bound of each step (default 5000) */
	/* PROBE_EXEC */
	const char *gunicorn;    /* NULL: "gunicorn" from PATH */
	const char *app;         /* NULL: the bundled probe_app */
	const char *share_dir;   /* where probe_app.py is; NULL: found */
	int as_configured;       /* keep the worker count */
	const char *workers;     /* the configured --workers, or NULL */
	int graceful_timeout;    /* seconds; gunicorn's default is 30 */
	/*
	 * The launch's other options, replayed as written ("--timeout=60",
	 * "--preload"), NULL-terminated; NULL for none.
	 */
	char *const *extra;
	/* PROBE_TARGET */
	const char *target;      /* "HOST:PORT" */
	int allow_remote;
	int static_only;         /* the GL3xx checks only, no connection */
	int suites;              /* enumerate the accepted cipher suites */
	struct tls_opts tls;     /* for the static checks run first */
	const char *argv0;       /* to find share/ next to the binary */
};

enum probe_status { PROBE_PASS, PROBE_WARN, PROBE_FAIL, PROBE_SKIP,
	PROBE_INFO };

struct probe_step {
	char *name;    /* "handshake" */
	enum probe_status status;
	double ms;
	char *detail;  /* what happened, or why it failed */
	char *detail_l10n; /* the same in the selected language, or NULL */
};

struct probe_report {
	enum probe_mode mode;
	int static_only;
	char *where;       /* "127.0.0.1:40123" */
	char *worker;      /* "sync", "uvicorn"... */
	char *version;     /* gunicorn release the context follows */
	char *protocol, *cipher;
	struct {
		struct probe_step *v;
		size_t n, cap;
	} steps;
	struct findings static_findings;
	char *server_log;  /* exec: gunicorn's output, shown on failure */
	double total_ms;
};

void probe_opts_init(struct probe_opts *o);
/* The release of the gunicorn --exec would run (`gunicorn --version`). */
int probe_exec_version(const struct probe_opts *o, enum gl_version *out);
/* Runs every step; returns 0 (report filled) or -1 on a usage error (*err). */
int probe_run(const struct tls_settings *ts, const struct probe_opts *o,
    struct probe_report *r, char **err);
/* 1 when any step failed or a static finding is an error, else 0. */
int probe_failed(const struct probe_report *r);
void probe_print_text(FILE *fp, const struct probe_report *r);
void probe_print_json(FILE *fp, const struct probe_report *r);
void probe_report_free(struct probe_report *r);

/*
 * The whole command for a filled settings record: runs, prints in the
 * format ("text" or "json") and returns the exit status (0, 1, or 2).
 * The lead's launch inputs (Dockerfile, manifests, --args) call this.
 */
int probe_main(const struct tls_settings *ts, const struct probe_opts *o,
    const char *format, FILE *out);

/*
 * Probes each launch of the set: its TLS settings with ov laid over them
 * (gv_given, worker_given: ov's release and worker count too), printed
 * in `format`.  The worst exit status.
 */
struct gl_launches;
int probe_launch_set(const struct gl_launches *set,
    const struct tls_settings *ov, int gv_given, int worker_given,
    const struct probe_opts *o, const char *format);

#endif
