/*
 * orch.c: the check tables of the orchestration rules, what they may know
 * of gunicorn's settings (orch_known) and binds, and the rules about the
 * container's environment: near-miss names of the variables gunicorn
 * reads (GL508), names set twice (GL509) and WEB_CONCURRENCY shadowed by
 * an explicit worker count (GL511).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "rules/envnames_int.h"
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

	va_start(ap, fmt);
	f = fnd_vadd(fs, id, orch_pick(sp, l->span), fmt, ap);
	va_end(ap);
	f->launch = xstrdup(l->id);
	return f;
}

/*
 * Whether gunicorn's defaults are only guesses for this launch: a
 * ConfigMap or env file that is not among the inputs may carry
 * GUNICORN_CMD_ARGS or PORT, and a config file chosen with -c (which
 * gunilint does not read) may set anything.
 */
static int
defaults_unknown(const struct gl_launch *l)
{
	const struct k8s_launch *k = l->k8s;
	size_t i;

	for (i = 0; i < k->nenv; i++)
		if (k->env[i].missing)
			return 1;
	return rules_config_unread(l);
}

int
orch_known(const struct gl_launch *l, const char *name)
{
	const struct launch_value *v = lv(l, name);

	if (v == NULL || v->value == NULL)
		return 0;
	return v->origin != LO_DEFAULT || !defaults_unknown(l);
}

struct span
orch_span(const struct gl_launch *l, const char *name)
{
	const struct launch_value *v = lv(l, name);
	struct span none = { NULL, 0, 0 };

	return v != NULL && v->spans.n ? v->spans.v[v->spans.n - 1] : none;
}

/* The bind list when the rules may judge it, else NULL. */
static const struct pyval *
known_binds(const struct gl_launch *l)
{
	const struct launch_value *v = lv(l, "bind");

	if (!orch_known(l, "bind") || v->value->kind != PV_LIST)
		return NULL;
	return v->value;
}

size_t
orch_nbinds(const struct gl_launch *l)
{
	const struct pyval *b = known_binds(l);

	return b != NULL ? b->n : 0;
}

int
orch_bind_at(const struct gl_launch *l, size_t i, struct bind_addr *b,
    struct span *sp)
{
	const struct launch_value *v = lv(l, "bind");
	const struct pyval *list = known_binds(l);
	size_t n;

	if (list == NULL || i >= list->n || list->items[i]->kind != PV_STR)
		return -1;
	bind_parse(list->items[i]->s, b);
	if (b->kind == BIND_BAD_PORT)
		return -1;
	if (sp != NULL) {
		/* the spans end with one per item of the source in force */
		n = list->n;
		*sp = v->spans.n >= n ? v->spans.v[v->spans.n - n + i] :
		    orch_span(l, "bind");
	}
	return 0;
}

/* The TCP port of a bind, -1 for unix: and fd://. */
static long
tcp_port(const struct bind_addr *b)
{
	return b->kind == BIND_TCP ? b->port : -1;
}

int
orch_has_tcp_bind(const struct gl_launch *l)
{
	struct bind_addr b;
	size_t i;

	for (i = 0; i < orch_nbinds(l); i++)
		if (orch_bind_at(l, i, &b, NULL) == 0 && tcp_port(&b) > 0)
			return 1;
	return 0;
}

int
orch_binds_port(const struct gl_launch *l, long port)
{
	struct bind_addr b;
	size_t i;

	for (i = 0; i < orch_nbinds(l); i++)
		if (orch_bind_at(l, i, &b, NULL) == 0 && tcp_port(&b) == port)
			return 1;
	return 0;
}

char *
orch_bind_ports(const struct gl_launch *l)
{
	struct strbuf sb = STRBUF_INIT;
	struct bind_addr b;
	size_t i;

	for (i = 0; i < orch_nbinds(l); i++)
		if (orch_bind_at(l, i, &b, NULL) == 0 && tcp_port(&b) > 0)
			sb_addf(&sb, "%s%ld", sb.len ? ", " : "", b.port);
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

static void
orch_env(const struct gl_launch *l, struct findings *fs)
{
	check_near_miss(l->k8s, fs);
	check_duplicates(l->k8s, fs);
}

/* ---- GL511: WEB_CONCURRENCY that an explicit worker count shadows ---- */

static void
check_web_concurrency(const struct gl_launch *l, struct findings *fs)
{
	static const char *const where[] = {
		[LO_CONFIG] = F_("the config file"),
		[LO_CMD_ARGS] = "GUNICORN_CMD_ARGS",
		[LO_CLI] = F_("the command line"),
	};
	const struct k8s_env *wc = k8s_env_get(l->k8s, "WEB_CONCURRENCY");
	const struct launch_value *w = lv(l, "workers");
	struct finding *f;

	if (wc == NULL || !orch_known(l, "workers") || w->origin < LO_CONFIG)
		return;
	f = orch_add(fs, l->k8s, "GL511", wc->span, "WEB_CONCURRENCY%s%s%s has "
	    "no effect: --workers %lld from %s wins", wc->value ? "=" : "",
	    wc->value ? wc->value : "", "", lv_int(l, "workers", 0),
	    where[w->origin]);
	fnd_set_help(f, "keep one of the two");
}

/*
 * The orchestration family: a container launch gunicorn would start.
 * Its environment, resources, ports and files against the settings.
 */
const struct rule_check rules_orch[] = {
	{ "GL508 GL509", orch_env },
	{ "GL250 GL251 GL252 GL253 GL254", orch_resources },
	{ "GL511", check_web_concurrency },
	{ "GL503 GL504 GL505 GL506 GL507 GL513 GL514 GL515", orch_net },
	{ "GL501 GL502 GL512", orch_files },
	{ NULL, NULL },
};

/*
 * A container launch gunicorn would refuse: its settings are not what
 * will run, only the environment's own rules judge it.
 */
const struct rule_check rules_orch_env[] = {
	{ "GL508 GL509", orch_env },
	{ NULL, NULL },
};
