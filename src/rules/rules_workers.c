/*
 * rules_workers.c: worker class, process count and timeouts (GL2xx).
 * Facts: gunicorn's SUPPORTED_WORKERS and Config.worker_class (the sync →
 * gthread swap), which settings each worker reads (gunicorn-semantics.md
 * sections 5, 7, 8), uvicorn 0.30.0's deprecation of uvicorn.workers.
 */
#include <math.h>
#include <string.h>

#include "rules/rules_int.h"

/* GL201 unknown-worker-class, GL212/GL213 release-dependent classes. */
static void
check_class(const struct gl_launch *l, struct findings *fs)
{
	const struct wk_info *w = &l->worker;
	struct span sp = lv_span(l, "worker_class");
	struct finding *f;
	const struct pydeps_rec *u;

	if (w->family == WK_INVALID) {
		f = fnd_add(fs, "GL201", sp, "'%s' is not a worker class of "
		    "gunicorn %s: it stops at start with \"class uri '%s' "
		    "invalid or not found\"", w->as_written, gv_name(l->version),
		    w->as_written);
		if (w->suggestion)
			fnd_set_help(f, "did you mean '%s'?", w->suggestion);
	} else if (w->family == WK_OTHER && w->suggestion != NULL &&
	    strcmp(w->suggestion, w->as_written) != 0) {
		fnd_set_help(fnd_add(fs, "GL201", sp, "'%s' is not a worker "
		    "class gunilint knows; gunicorn stops at start if it cannot "
		    "import it", w->as_written), "did you mean '%s'?",
		    w->suggestion);
	} else if (w->family == WK_ASGI && w->removed) {
		fnd_set_help(fnd_add(fs, "GL212", sp, "the 'asgi' worker exists "
		    "from gunicorn 24.0 on; gunicorn %s stops at start with "
		    "\"class uri 'asgi' invalid or not found\"",
		    gv_name(l->version)), "use uvicorn's worker "
		    "(uvicorn_worker.UvicornWorker) or gunicorn 24.0 or newer");
	} else if (w->family == WK_EVENTLET && (w->removed || w->deprecated)) {
		f = fnd_add(fs, "GL213", sp, w->removed ? "the eventlet worker "
		    "was removed in gunicorn 26.0: gunicorn %s stops at start" :
		    "the eventlet worker is deprecated since gunicorn 25.0 "
		    "(removed in 26.0); gunicorn %s still runs it",
		    gv_name(l->version));
		if (w->removed)
			f->severity = SEV_ERROR;
		fnd_set_help(f, "move to gevent, gthread or an ASGI worker");
	}
	/* a pinned uvicorn says whether it is deprecated there: GL607 */
	if (w->family == WK_UVICORN && w->uvicorn_deprecated_module &&
	    ((u = deps_find(l, "uvicorn", NULL)) == NULL || u->pinned == NULL)) {
		f = fnd_add(fs, "GL202", sp, "'%s' lives in uvicorn's "
		    "uvicorn.workers module, deprecated since uvicorn 0.30.0 in "
		    "favour of the separate uvicorn-worker package",
		    w->as_written);
		fnd_set_help(f, "install uvicorn-worker and use '%s'",
		    strstr(w->class_path, "H11") ?
		    "uvicorn_worker.UvicornH11Worker" :
		    "uvicorn_worker.UvicornWorker");
	}
}

/* GL203 threads-ignored-by-worker, GL204 sync-switches-to-gthread. */
static void
check_threads(const struct gl_launch *l, struct findings *fs)
{
	long long threads = lv_int(l, "threads", 1);
	const struct wk_info *w = &l->worker;

	if (threads <= 1 || !lv_given(l, "threads"))
		return;
	if (w->swapped_to_gthread) {
		fnd_add(fs, "GL204", lv_span(l, "threads"), "'%s' with the sync "
		    "worker makes gunicorn load the gthread worker instead "
		    "(%lld threads per process); --print-config still says "
		    "'sync'", lv_written(l, "threads"), threads);
		return;
	}
	if (w->family == WK_OTHER || (w->reads & WK_READS_THREADS))
		return;
	fnd_set_help(fnd_add(fs, "GL203", lv_span(l, "threads"), "'%s' has no "
	    "effect: the %s worker does not use threads%s",
	    lv_written(l, "threads"), w->name, w->is_asgi ?
	    F_(" (it serves many connections from one event loop per process)") :
	    ""), "remove it, or use more --workers to use more CPUs");
}

/* GL205 worker-connections-ignored. */
static void
check_connections(const struct gl_launch *l, struct findings *fs)
{
	const struct wk_info *w = &l->worker;

	if (!lv_given(l, "worker_connections") || w->family == WK_OTHER ||
	    w->family == WK_INVALID || (w->reads & WK_READS_WORKER_CONNECTIONS))
		return;
	fnd_add(fs, "GL205", lv_span(l, "worker_connections"), "'%s' has no "
	    "effect with the %s worker%s", lv_written(l, "worker_connections"),
	    w->name, w->family == WK_UVICORN ? F_(" (uvicorn has no connection "
	    "limit setting that gunicorn passes on)") : "");
}

/* GL206 no-workers, GL207 too-many-workers. */
static void
check_count(const struct gl_launch *l, struct findings *fs)
{
	long long workers = lv_int(l, "workers", 1);
	double cpus = l->where.cpus;
	long long limit;

	if (workers == 0) {
		fnd_add(fs, "GL206", lv_span(l, "workers"), "0 workers (%s): "
		    "gunicorn starts a master with no worker processes; nothing "
		    "serves requests, and gunicorn reports no error",
		    lv(l, "workers")->origin_name);
		return;
	}
	if (cpus <= 0)
		return;
	/* Async workers each use about one CPU; sync/gthread wait on I/O. */
	if (l->worker.is_async)
		limit = (long long)ceil(cpus);
	else
		limit = (long long)floor(2 * cpus + 1);
	if (limit < 1)
		limit = 1;
	if (workers <= limit)
		return;
	fnd_set_help(fnd_add(fs, "GL207", lv_span(l, "workers"), "%lld workers "
	    "for %g %s (%s): %s", workers, cpus,
	    cpus == 1 ? F_("CPU") : F_("CPUs"),
	    l->where.cpus_from ? l->where.cpus_from : F_("given"),
	    l->worker.is_async ? F_("each async worker can keep about one CPU "
	    "busy, so more processes only add memory and contention") :
	    F_("more than 2 × CPUs + 1 sync workers mostly wait for the CPU")),
	    "use --workers=%lld", limit);
}

/* GL208 max-requests-without-jitter: every worker restarts at once. */
static void
check_max_requests(const struct gl_launch *l, struct findings *fs)
{
	if (lv_int(l, "max_requests", 0) <= 0 ||
	    lv_int(l, "max_requests_jitter", 0) > 0)
		return;
	fnd_set_help(fnd_add(fs, "GL208", lv_span(l, "max_requests"), "'%s' "
	    "without --max-requests-jitter: workers that started together "
	    "reach the limit together and restart at the same moment",
	    lv_written(l, "max_requests")),
	    "add --max-requests-jitter (e.g. a tenth of --max-requests)");
}

/* GL209 timeout-disabled, GL210 graceful-timeout-zero. */
static void
check_timeouts(const struct gl_launch *l, struct findings *fs)
{
	if (lv_given(l, "timeout") && lv_int(l, "timeout", 30) == 0)
		fnd_add(fs, "GL209", lv_span(l, "timeout"), "'%s' turns off the "
		    "worker heartbeat check: a hung worker is never killed and "
		    "replaced", lv_written(l, "timeout"));
	if (lv_given(l, "graceful_timeout") &&
	    lv_int(l, "graceful_timeout", 30) == 0)
		fnd_add(fs, "GL210", lv_span(l, "graceful_timeout"), "'%s' kills "
		    "workers at once on every restart or shutdown: requests in "
		    "flight are cut off", lv_written(l, "graceful_timeout"));
}

/*
 * GL214 asgi-app-wsgi-worker, GL215 wsgi-app-asgi-worker: the worker must
 * speak the app's interface.  A WSGI worker calls an ASGI app with
 * (environ, start_response) and every request fails; uvicorn's worker
 * treats a WSGI callable as ASGI and fails the same way.
 */
static void
check_interface(const struct gl_launch *l, struct findings *fs)
{
	const struct wk_info *w = &l->worker;
	struct finding *f;

	if (l->where.app_is_asgi < 0 || w->family == WK_OTHER ||
	    w->family == WK_INVALID)
		return;
	if (l->where.app_is_asgi == 1 && !w->is_asgi) {
		f = fnd_add(fs, "GL214", lv_span(l, "worker_class"), "%s is an "
		    "ASGI framework, but the %s worker speaks WSGI: every request "
		    "fails", l->where.framework, w->name);
		fnd_set_help(f, "use --worker-class uvicorn_worker.UvicornWorker");
	} else if (l->where.app_is_asgi == 0 && w->is_asgi) {
		f = fnd_add(fs, "GL215", lv_span(l, "worker_class"), "%s is a "
		    "WSGI framework, but the %s worker speaks ASGI: every request "
		    "fails", l->where.framework, w->name);
		fnd_set_help(f, "use a WSGI worker such as sync or gthread");
	}
}

const struct rule_check rules_workers[] = {
	{ "GL214 GL215", check_interface },
	{ "GL201 GL202 GL212 GL213", check_class },
	{ "GL203 GL204", check_threads },
	{ "GL205", check_connections },
	{ "GL206 GL207", check_count },
	{ "GL208", check_max_requests },
	{ "GL209 GL210", check_timeouts },
	{ NULL, NULL },
};
