/*
 * orch.c: the entry point of the orchestration rules, gunicorn's bind
 * syntax, and the rules about the container's environment: near-miss
 * names of the variables gunicorn reads (GL508), names set twice
 * (GL509) and WEB_CONCURRENCY shadowed by an explicit worker count
 * (GL511).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "envnames.h"
#include "gunicorn/bind.h"
#include "orch_int.h"

void
orch_opts_default(struct orch_opts *o)
{
	o->per_worker_mib = ORCH_PER_WORKER_MIB;
	o->arbiter_mib = ORCH_ARBITER_MIB;
}

struct span
orch_pick(struct span a, struct span b)
{
	return a.src != NULL ? a : b;
}

struct finding *
orch_add(struct findings *fs, const struct k8s_launch *l, const char *id,
    struct span sp, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	f = fnd_add(fs, id, orch_pick(sp, l->span), "%s", msg);
	free(msg);
	f->launch = xstrdup(l->id);
	return f;
}

int
orch_has_tcp_bind(const struct orch_gunicorn *g)
{
	size_t i;

	for (i = 0; g != NULL && i < g->nbinds; i++)
		if (g->binds[i].port > 0)
			return 1;
	return 0;
}

int
orch_binds_port(const struct orch_gunicorn *g, long port)
{
	size_t i;

	for (i = 0; i < g->nbinds; i++)
		if (g->binds[i].port == port)
			return 1;
	return 0;
}

char *
orch_bind_ports(const struct orch_gunicorn *g)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < g->nbinds; i++)
		if (g->binds[i].port > 0)
			sb_addf(&sb, "%s%ld", sb.len ? ", " : "", g->binds[i].port);
	return sb_detach(&sb);
}

const struct k8s_mount *
orch_mount_for(const struct k8s_launch *l, const char *file)
{
	const struct k8s_mount *best = NULL;
	size_t i, n, bl = 0;

	for (i = 0; i < l->nmounts; i++) {
		const char *p = l->mounts[i].path;

		n = strlen(p);
		while (n > 1 && p[n - 1] == '/')
			n--;
		if (n == 0 || strncmp(file, p, n) != 0 ||
		    (file[n] != '\0' && file[n] != '/' && !(n == 1 && p[0] == '/')))
			continue;
		if (best == NULL || n > bl) {
			best = &l->mounts[i];
			bl = n;
		}
	}
	return best;
}

int
orch_parse_bind(struct arena *a, const char *s, struct span sp,
    struct orch_bind *b)
{
	struct bind_addr ba;

	memset(b, 0, sizeof(*b));
	b->span = sp;
	b->port = -1;
	bind_parse(s, &ba);
	if (ba.kind == BIND_UNIX || ba.kind == BIND_FD)
		return 0;
	if (ba.kind == BIND_BAD_PORT)
		return -1;
	b->host = arena_strdup(a, ba.host);
	b->port = ba.port;
	return 0;
}

/* ---- GL508: near-miss names ---- */

static void
check_near_miss(const struct k8s_launch *l, struct findings *fs)
{
	size_t i;

	for (i = 0; i < l->nenv; i++) {
		const char *want = env_near_miss(l->env[i].name);
		struct finding *f;

		if (want == NULL || l->env[i].name[0] == '\0' ||
		    k8s_env_get(l, want) != NULL)
			continue;
		f = orch_add(fs, l, "GL508", l->env[i].span, "'%s' is not read "
		    "by gunicorn: did you mean '%s'?", l->env[i].name, want);
		fnd_set_help(f, "gunicorn reads %s by this exact name", want);
	}
}

/* ---- GL509: a name set twice ---- */

static int
same_list(const struct k8s_env *a, const struct k8s_env *b)
{
	/* env over envFrom (environment over env_file, over ENV) is deliberate */
	static const int group[] = {
		[K8S_ENV_VALUE] = 0, [K8S_ENV_CONFIGMAP_KEY] = 0,
		[K8S_ENV_SECRET_KEY] = 0, [K8S_ENV_FIELD] = 0,
		[K8S_ENV_RESOURCE] = 0, [K8S_ENV_FROM_CONFIGMAP] = 1,
		[K8S_ENV_FROM_SECRET] = 1, [K8S_ENV_FILE] = 1, [K8S_ENV_IMAGE] = 2,
	};

	return group[a->origin] == group[b->origin] && a->span.src == b->span.src;
}

static void
check_duplicates(const struct k8s_launch *l, struct findings *fs)
{
	size_t i, j;

	for (i = 0; i < l->nenv; i++) {
		const struct k8s_env *a = &l->env[i];

		if (a->name[0] == '\0')
			continue;
		for (j = i + 1; j < l->nenv; j++) {
			const struct k8s_env *b = &l->env[j];
			unsigned line, col;
			struct finding *f;

			if (strcmp(a->name, b->name) != 0 || !same_list(a, b))
				continue;
			src_position(b->span.src, b->span.off, &line, &col);
			f = orch_add(fs, l, "GL509", a->span, "%s is set again "
			    "at line %u; the later value%s%s%s wins",
			    a->name, line, b->value ? " '" : "",
			    b->value ? b->value : "", b->value ? "'" : "");
			fnd_set_help(f, "remove this entry");
			break;
		}
	}
}

void
orch_check_env(const struct k8s_launch *l, struct findings *fs)
{
	check_near_miss(l, fs);
	check_duplicates(l, fs);
}

/* ---- GL511: WEB_CONCURRENCY that an explicit worker count shadows ---- */

static void
check_web_concurrency(const struct k8s_launch *l, const struct orch_gunicorn *g,
    struct findings *fs)
{
	static const char *const where[] = {
		[ORCH_CONFIG_FILE] = "the config file",
		[ORCH_CMD_ARGS] = "GUNICORN_CMD_ARGS",
		[ORCH_CLI] = "the command line",
	};
	const struct k8s_env *wc = k8s_env_get(l, "WEB_CONCURRENCY");
	struct finding *f;

	if (wc == NULL || !g->workers.set || g->workers.from < ORCH_CONFIG_FILE)
		return;
	f = orch_add(fs, l, "GL511", wc->span, "WEB_CONCURRENCY%s%s%s has no "
	    "effect: --workers %lld from %s wins", wc->value ? "=" : "",
	    wc->value ? wc->value : "", "", g->workers.num,
	    where[g->workers.from]);
	fnd_set_help(f, "keep one of the two");
}

void
orch_check(const struct k8s_launch *l, const struct orch_gunicorn *g,
    const struct k8s_set *ks, const struct orch_opts *o, struct findings *fs)
{
	struct orch_opts dflt;

	if (o == NULL) {
		orch_opts_default(&dflt);
		o = &dflt;
	}
	orch_check_env(l, fs);
	orch_check_resources(l, g, o, fs);
	if (g == NULL)
		return;
	check_web_concurrency(l, g, fs);
	orch_check_net(l, g, ks, fs);
	orch_check_files(l, g, fs);
}
