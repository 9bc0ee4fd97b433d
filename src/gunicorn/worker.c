/*
 * worker.c: resolving worker_class the way gunicorn does (util.load_class):
 * egg:DIST#NAME entry points, dotted paths, and short names (leading '#'
 * stripped) looked up in the release's SUPPORTED_WORKERS table.
 */
#include <string.h>

#include "core/core.h"
#include "gunicorn/gunicorn.h"

struct wk_known {
	const char *path;      /* dotted class path */
	enum wk_family family;
	const char *name;
	const char *package;
	unsigned reads;
};

#define GUNI_HTTP (WK_READS_LIMIT_REQUEST | WK_READS_ACCESS_LOG_FORMAT | WK_READS_SSL_VERSION)

static const struct wk_known known[] = {
	{ "gunicorn.workers.sync.SyncWorker", WK_SYNC, "sync", NULL, GUNI_HTTP },
	{ "gunicorn.workers.gthread.ThreadWorker", WK_GTHREAD, "gthread", NULL,
	  GUNI_HTTP | WK_READS_THREADS | WK_READS_WORKER_CONNECTIONS | WK_READS_KEEPALIVE },
	{ "gunicorn.workers.ggevent.GeventWorker", WK_GEVENT, "gevent", "gevent",
	  GUNI_HTTP | WK_READS_WORKER_CONNECTIONS | WK_READS_KEEPALIVE },
	{ "gunicorn.workers.ggevent.GeventPyWSGIWorker", WK_GEVENT,
	  "gevent (pywsgi)", "gevent",
	  GUNI_HTTP | WK_READS_WORKER_CONNECTIONS | WK_READS_KEEPALIVE },
	{ "gunicorn.workers.geventlet.EventletWorker", WK_EVENTLET, "eventlet",
	  "eventlet", GUNI_HTTP | WK_READS_WORKER_CONNECTIONS | WK_READS_KEEPALIVE },
	{ "gunicorn.workers.gtornado.TornadoWorker", WK_TORNADO, "tornado",
	  "tornado", WK_READS_KEEPALIVE | WK_READS_SSL_VERSION },
	{ "gunicorn.workers.gasgi.ASGIWorker", WK_ASGI, "asgi (gunicorn's native ASGI worker)",
	  NULL, WK_READS_WORKER_CONNECTIONS | WK_READS_KEEPALIVE | WK_READS_LIMIT_REQUEST },
	{ "uvicorn.workers.UvicornWorker", WK_UVICORN, "uvicorn (ASGI)", "uvicorn",
	  WK_READS_KEEPALIVE | WK_READS_SSL_VERSION },
	{ "uvicorn.workers.UvicornH11Worker", WK_UVICORN, "uvicorn h11 (ASGI, pure Python)",
	  "uvicorn", WK_READS_KEEPALIVE | WK_READS_SSL_VERSION },
	{ "uvicorn_worker.UvicornWorker", WK_UVICORN, "uvicorn (ASGI)",
	  "uvicorn-worker", WK_READS_KEEPALIVE | WK_READS_SSL_VERSION },
	{ "uvicorn_worker.UvicornH11Worker", WK_UVICORN,
	  "uvicorn h11 (ASGI, pure Python)", "uvicorn-worker",
	  WK_READS_KEEPALIVE | WK_READS_SSL_VERSION },
};

/* SUPPORTED_WORKERS: short name → class, and the releases that have it. */
static const struct {
	const char *shortname;
	const char *path;
	enum gl_version from;  /* first release with it */
	enum gl_version until; /* last release with it */
} short_names[] = {
	{ "sync", "gunicorn.workers.sync.SyncWorker", GV_20_1_DEBIAN, GV_NEWEST },
	{ "gthread", "gunicorn.workers.gthread.ThreadWorker", GV_20_1_DEBIAN, GV_NEWEST },
	{ "gevent", "gunicorn.workers.ggevent.GeventWorker", GV_20_1_DEBIAN, GV_NEWEST },
	{ "gevent_wsgi", "gunicorn.workers.ggevent.GeventPyWSGIWorker", GV_20_1_DEBIAN, GV_NEWEST },
	{ "gevent_pywsgi", "gunicorn.workers.ggevent.GeventPyWSGIWorker", GV_20_1_DEBIAN, GV_NEWEST },
	{ "tornado", "gunicorn.workers.gtornado.TornadoWorker", GV_20_1_DEBIAN, GV_NEWEST },
	{ "eventlet", "gunicorn.workers.geventlet.EventletWorker", GV_20_1_DEBIAN, GV_25_3_0 },
	{ "asgi", "gunicorn.workers.gasgi.ASGIWorker", GV_24_0_0, GV_NEWEST },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct wk_known *
find_path(const char *path)
{
	size_t i;

	for (i = 0; i < NELEM(known); i++)
		if (strcmp(known[i].path, path) == 0)
			return &known[i];
	return NULL;
}

/* Every spelling a user could mean, for the nearest-match hint. */
static const char *
suggest(const char *value)
{
	const char *cands[NELEM(known) + NELEM(short_names)];
	size_t i, n = 0, len = strlen(value);

	for (i = 0; i < NELEM(short_names); i++)
		cands[n++] = short_names[i].shortname;
	for (i = 0; i < NELEM(known); i++)
		cands[n++] = known[i].path;
	return str_nearest(value, cands, n, len < 8 ? 2 : len / 4, 1);
}

static void
fill(struct wk_info *out, const struct wk_known *k)
{
	out->family = k->family;
	out->class_path = k->path;
	out->name = k->name;
	out->package = k->package;
	out->reads = k->reads;
	out->is_asgi = k->family == WK_UVICORN || k->family == WK_ASGI;
	out->is_async = k->family != WK_SYNC && k->family != WK_GTHREAD;
	out->uvicorn_deprecated_module = strncmp(k->path, "uvicorn.workers.",
	    16) == 0;
}

/* A single word: '#' prefixes stripped, then the release's short names. */
static const char *
short_name_path(const char *word, enum gl_version v, int *removed)
{
	size_t i;

	while (*word == '#')
		word++;
	*removed = 0;
	for (i = 0; i < NELEM(short_names); i++) {
		if (strcmp(short_names[i].shortname, word) != 0)
			continue;
		if (gv_cmp(v, short_names[i].from) >= 0 &&
		    gv_cmp(v, short_names[i].until) <= 0)
			return short_names[i].path;
		*removed = 1;
		return short_names[i].path;
	}
	return NULL;
}

void
wk_resolve(const char *value, long threads, enum gl_version v,
    struct wk_info *out)
{
	const struct wk_known *k = NULL;
	const char *path = NULL;
	size_t n = strlen(value);
	int removed = 0;

	memset(out, 0, sizeof(*out));
	out->as_written = value;
	if (strncmp(value, "egg:", 4) == 0) {
		const char *hash = strchr(value, '#');

		/* egg:gunicorn#NAME names gunicorn's own entry points. */
		if (strncmp(value + 4, "gunicorn", 8) == 0 && hash != NULL)
			path = short_name_path(hash + 1, v, &removed);
		else if (strcmp(value + 4, "gunicorn") == 0)
			path = known[0].path;
	} else if (strchr(value, '.') != NULL) {
		path = value;
	} else {
		path = short_name_path(value, v, &removed);
	}
	if (path != NULL)
		k = find_path(path);
	if (k != NULL) {
		fill(out, k);
		out->removed = removed;
	} else if (path != NULL || strchr(value, '.') != NULL) {
		out->family = WK_OTHER;
		out->class_path = path ? path : value;
		out->name = out->class_path;
		out->is_async = 1;
		out->reads = ~0u; /* unknown: assume it may read anything */
		out->suggestion = suggest(value);
	} else {
		out->family = WK_INVALID;
		out->name = value;
		out->suggestion = suggest(value);
	}
	if (out->family == WK_EVENTLET && gv_cmp(v, GV_25_0_0) >= 0)
		out->deprecated = 1;
	if (out->family == WK_ASGI && gv_cmp(v, GV_24_0_0) < 0)
		out->removed = 1;
	/* Config.worker_class: "sync" or "...SyncWorker" with threads > 1. */
	if (threads > 1 && (strcmp(value, "sync") == 0 ||
	    (n >= 10 && strcmp(value + n - 10, "SyncWorker") == 0))) {
		fill(out, find_path("gunicorn.workers.gthread.ThreadWorker"));
		out->swapped_to_gthread = 1;
	}
}
