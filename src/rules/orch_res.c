/*
 * orch_res.c: workers against the CPU and memory the container gets
 * (GL250-GL254).  The CPU that counts is the limit, else the request:
 * gunicorn's (2 x cores) + 1 advice is for sync and gthread workers,
 * async workers want about one per core (docs.gunicorn.org, design.html
 * "How Many Workers?").
 */
#include <ctype.h>
#include <string.h>

#include "orch_int.h"

static const char *const async_classes[] = {
	"uvicorn", "gevent", "eventlet", "tornado", "aiohttp",
};

/* Whether hay contains needle (lower case), ignoring case. */
static int
contains_ci(const char *hay, const char *needle)
{
	size_t i, n = strlen(needle);

	for (; *hay; hay++) {
		for (i = 0; i < n && tolower((unsigned char)hay[i]) == needle[i];
		    i++)
			;
		if (i == n)
			return 1;
	}
	return 0;
}

static int
is_async(const struct gl_launch *l)
{
	const char *wc = lv_str(l, "worker_class");
	size_t i;

	if (!orch_known(l, "worker_class") || wc == NULL)
		return 0;
	for (i = 0; i < sizeof(async_classes) / sizeof(async_classes[0]); i++)
		if (contains_ci(wc, async_classes[i]))
			return 1;
	return 0;
}

static const struct k8s_amount *
cpu_of(const struct k8s_launch *l, const char **which)
{
	if (l->res.cpu_limit.set) {
		*which = F_("limit");
		return &l->res.cpu_limit;
	}
	if (l->res.cpu_request.set) {
		*which = F_("request");
		return &l->res.cpu_request;
	}
	return NULL;
}

static void
fmt_cpu(char *buf, size_t n, int64_t milli)
{
	if (milli % 1000 == 0)
		snprintf(buf, n, "%lld", (long long)(milli / 1000));
	else
		snprintf(buf, n, "%lldm", (long long)milli);
}

/* GL250 and GL251. */
static void
check_cpu(const struct gl_launch *gl, struct findings *fs)
{
	const struct k8s_launch *l = gl->k8s;
	const char *which;
	const struct k8s_amount *cpu = cpu_of(l, &which);
	long long cores, max, w = lv_int(gl, "workers", 0);
	char cbuf[32];
	struct finding *f;
	int async = is_async(gl);

	/* a billion cores or more: a mistyped or saturated quantity, whose
	 * sums would overflow; nothing sensible to say about workers */
	if (cpu == NULL || !orch_known(gl, "workers") || cpu->milli <= 0 ||
	    cpu->milli >= 1000000000000LL)
		return;
	cores = (cpu->milli + 999) / 1000;
	max = async ? cores : 2 * cores + 1;
	fmt_cpu(cbuf, sizeof(cbuf), cpu->milli);
	if (w > max) {
		/* an unknown class is judged as sync, the lenient case */
		f = orch_add(fs, l, "GL250", orch_span(gl, "workers"), "%lld "
		    "%sworkers for a CPU %s of %s: at most %lld fit", w,
		    async ? F_("async ") : orch_known(gl, "worker_class") ?
		    "sync/gthread " : "",
		    which, cbuf, max);
		fnd_set_help(f, "use --workers %lld (%s)", max, async ?
		    F_("about one async worker per core") : F_("2 x cores + 1"));
	}
	if (l->res.cpu_limit.set && l->res.cpu_limit.milli % 1000 != 0 && w > 1) {
		fmt_cpu(cbuf, sizeof(cbuf), l->res.cpu_limit.milli);
		f = orch_add(fs, l, "GL251", l->res.cpu_limit.span, "CPU limit "
		    "%s is a fraction of a core shared by %lld workers: the "
		    "CFS quota throttles them all", cbuf, w);
		fnd_set_help(f, "use a whole number of cores, or fewer workers");
	}
}

/*
 * GL252: WEB_CONCURRENCY taken from the CPU limit by resourceFieldRef,
 * with no limit or request to bound it.
 */
static void
check_node_cpus(const struct k8s_launch *l, struct findings *fs)
{
	size_t i;

	if (l->res.cpu_limit.set || l->res.cpu_request.set)
		return;
	for (i = 0; i < l->nenv; i++) {
		const struct k8s_env *e = &l->env[i];

		if (e->origin != K8S_ENV_RESOURCE || e->ref == NULL ||
		    strstr(e->ref, "cpu") == NULL ||
		    strcmp(e->name, "WEB_CONCURRENCY") != 0 ||
		    k8s_env_get(l, e->name) != e)
			continue;
		orch_add(fs, l, "GL252", e->span, "WEB_CONCURRENCY comes from "
		    "resourceFieldRef %s, but the container has no CPU limit or "
		    "request: Kubernetes gives the node's allocatable CPU", e->ref);
	}
}

/* GL253 */
static void
check_memory(const struct gl_launch *gl, const struct orch_opts *o,
    struct findings *fs)
{
	const struct k8s_launch *l = gl->k8s;
	const struct k8s_amount *m = &l->res.mem_limit;
	long long need, have, fit, w = lv_int(gl, "workers", 0);
	struct finding *f;

	if (!m->set || !orch_known(gl, "workers") || w <= 0)
		return;
	need = (long long)o->arbiter_mib + w * o->per_worker_mib;
	have = (long long)(m->value / (1024 * 1024));
	if (have >= need)
		return;
	fit = (have - o->arbiter_mib) / o->per_worker_mib;
	f = orch_add(fs, l, "GL253", m->span, "memory limit %lld MiB for %lld "
	    "workers: about %lld MiB needed at %ld MiB per worker", have,
	    w, need, o->per_worker_mib);
	if (fit >= 1)
		fnd_set_help(f, "raise the limit to %lldMi or use --workers %lld",
		    need, fit);
	else
		fnd_set_help(f, "raise the limit to %lldMi", need);
}

/* GL254 */
static void
check_invalid(const struct k8s_launch *l, struct findings *fs)
{
	const struct { const struct k8s_amount *a; const char *what; } v[] = {
		{ &l->res.cpu_limit, "CPU limit" },
		{ &l->res.cpu_request, "CPU request" },
		{ &l->res.mem_limit, "memory limit" },
		{ &l->res.mem_request, "memory request" },
	};
	int compose = l->from == K8S_FROM_COMPOSE;
	struct finding *f;
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		if (!v[i].a->invalid)
			continue;
		f = orch_add(fs, l, "GL254", v[i].a->span, "the %s '%.*s' is not "
		    "a valid %s", v[i].what, (int)v[i].a->span.len,
		    v[i].a->span.src->text + v[i].a->span.off, compose ?
		    F_("compose value") : F_("Kubernetes quantity"));
		fnd_set_help(f, "%s", compose ? F_("write cpus as a number (0.5) and "
		    "memory as 512m or 1g") : F_("write CPU as 500m or 0.5 and memory "
		    "as 512Mi or 1Gi (M and G are powers of ten)"));
	}
}

void
orch_resources(const struct gl_launch *l, struct findings *fs)
{
	struct orch_opts o;

	orch_opts_default(&o);
	check_invalid(l->k8s, fs);
	check_node_cpus(l->k8s, fs);
	check_cpu(l, fs);
	check_memory(l, &o, fs);
}
