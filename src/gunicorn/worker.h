/*
 * worker.h: what a worker_class value means for a given gunicorn release:
 * which class gunicorn loads, whether it is async or ASGI, which settings
 * that worker reads or ignores, and which package it needs.  Facts from
 * gunicorn's workers/__init__.py, util.load_class and Config.worker_class,
 * and uvicorn's workers module (reference: gunicorn-semantics.md 5, 7, 8).
 */
#ifndef GL_WORKER_H
#define GL_WORKER_H

#include "settings.h"

enum wk_family {
	WK_SYNC,
	WK_GTHREAD,
	WK_GEVENT,
	WK_EVENTLET,
	WK_TORNADO,
	WK_ASGI,      /* gunicorn's own native ASGI worker (24.0+, beta) */
	WK_UVICORN,   /* uvicorn.workers.* or uvicorn_worker.* */
	WK_OTHER,     /* a dotted path gunilint does not know: third party */
	WK_INVALID,   /* a single word that is no short name of this release */
};

/* Settings a worker may or may not read. */
enum {
	WK_READS_THREADS = 1 << 0,
	WK_READS_WORKER_CONNECTIONS = 1 << 1,
	WK_READS_KEEPALIVE = 1 << 2,
	WK_READS_LIMIT_REQUEST = 1 << 3,   /* limit_request_line/fields/field_size */
	WK_READS_ACCESS_LOG_FORMAT = 1 << 4,
	WK_READS_SSL_VERSION = 1 << 5,     /* uses ssl_version for its TLS context */
};

struct wk_info {
	enum wk_family family;
	const char *as_written;  /* the worker_class value */
	const char *class_path;  /* dotted path gunicorn imports, NULL if unknown */
	const char *name;        /* short human name: "uvicorn (ASGI)", "sync" */
	const char *package;     /* pip package the class needs besides gunicorn, or NULL */
	int is_async;            /* handles many connections per process */
	int is_asgi;             /* serves ASGI apps (FastAPI, Starlette) */
	int swapped_to_gthread;  /* sync + threads > 1: gunicorn loads gthread */
	int uvicorn_deprecated_module; /* uvicorn.workers: deprecated since uvicorn 0.30.0 */
	int deprecated;          /* eventlet on 25.x */
	int removed;             /* eventlet on 26.0+, asgi before 24.0 */
	unsigned reads;          /* WK_READS_* */
	const char *suggestion;  /* nearest known class for a misspelling, or NULL */
};

/* Resolves a worker_class value (with the effective threads) for release v. */
void wk_resolve(const char *value, long threads, enum gl_version v,
    struct wk_info *out);

#endif
