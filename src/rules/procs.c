/*
 * procs.c: the rules of processes a platform starts from a file: env files
 * on their own (GL508: near-miss names, GL509: names set twice, as in
 * manifests) and Procfiles or
 * App Engine's app.yaml (GL516: the web process must listen on the port
 * the platform gives it in $PORT; GL517: a process type defined twice;
 * GL518: the web process runs a development server instead).
 * The settings families judge these launches like any other.
 */
#include <stdlib.h>
#include <string.h>

#include "gunicorn/gunicorn.h"
#include "rules/envnames_int.h"
#include "rules/procs_int.h"
#include "rules/rules_int.h"

/* ---- GL508: near-miss names in an env file of its own ---- */

static void
check_env_names(const struct env_file *ef, struct findings *fs)
{
	size_t i;

	for (i = 0; i < ef->items.n; i++) {
		const struct env_item *it = &ef->items.v[i];
		const char *want;

		if (it->kind == ENV_TEMPLATE ||
		    (want = env_near_miss(it->name)) == NULL ||
		    env_get(ef, want) != NULL)
			continue;
		fnd_set_help(fnd_add(fs, "GL508", it->name_span, "'%s' is not "
		    "read by gunicorn: did you mean '%s'?", it->name, want),
		    "gunicorn reads %s by this exact name", want);
	}
}

/* ---- GL509: a name set twice in an env file (the later line wins) ---- */

static void
check_env_duplicates(const struct env_file *ef, struct findings *fs)
{
	size_t i, j;
	unsigned line, col;

	for (i = 0; i < ef->items.n; i++) {
		const struct env_item *a = &ef->items.v[i];

		if (a->kind != ENV_ASSIGN)
			continue;
		for (j = i + 1; j < ef->items.n; j++) {
			const struct env_item *b = &ef->items.v[j];

			if (b->kind != ENV_ASSIGN || strcmp(a->name, b->name) != 0)
				continue;
			src_position(ef->src, b->name_span.off, &line, &col);
			fnd_set_help(fnd_add(fs, "GL509", a->name_span, "%s is "
			    "set again at line %u; the later value '%.*s' wins",
			    a->name, line, (int)strnlen(b->value, b->len),
			    b->value), "remove this entry");
			break;
		}
	}
}

/* ---- GL517: a process type defined twice ---- */

static void
check_duplicates(const struct procfile *pf, struct findings *fs)
{
	size_t i, j;
	unsigned line, col;

	if (pf->format != PROC_PROCFILE)
		return;
	for (i = 0; i < pf->entries.n; i++) {
		const struct proc_entry *e = &pf->entries.v[i];

		if (e->kind != PROC_PROCESS)
			continue;
		for (j = pf->entries.n; j-- > i + 1;)
			if (pf->entries.v[j].kind == PROC_PROCESS &&
			    strcmp(pf->entries.v[j].name, e->name) == 0)
				break;
		if (j == i)
			continue;
		src_position(pf->src, pf->entries.v[j].span.off, &line, &col);
		fnd_set_help(fnd_add(fs, "GL517", e->name_span, "process type "
		    "'%s' is defined again on line %u: Heroku keeps one command "
		    "per process type, the last, so this one never runs",
		    e->name, line),
		    "keep one '%s:' line (use another name for a second "
		    "process)", e->name);
	}
}

/* ---- GL518: the web process runs a development server ---- */

/* Index of the word that starts a development server in e, or -1. */
static long
dev_server(const struct proc_entry *e, const char **what)
{
	size_t i;

	for (i = 0; i + 1 < e->words.n; i++) {
		const char *w = e->words.v[i].value;
		const char *next = e->words.v[i + 1].value;
		const char *base = strrchr(w, '/') ? strrchr(w, '/') + 1 : w;

		if ((strcmp(base, "manage.py") == 0 ||
		    strcmp(base, "django-admin") == 0) &&
		    strcmp(next, "runserver") == 0) {
			*what = "Django's runserver";
			return (long)i + 1;
		}
		if (strcmp(base, "flask") == 0 && strcmp(next, "run") == 0) {
			*what = "Flask's development server";
			return (long)i + 1;
		}
	}
	return -1;
}

/*
 * Only the files the platform runs: a Procfile named exactly so (Heroku
 * reads no other; Procfile.dev and friends are for local runners) and
 * app.yaml's entrypoint.
 */
static void
check_dev_server(const struct procfile *pf, struct findings *fs)
{
	const char *base = strrchr(pf->src->name, '/') ?
	    strrchr(pf->src->name, '/') + 1 : pf->src->name;
	const char *what = NULL;
	size_t i, j;
	long at;

	if (pf->format == PROC_PROCFILE && strcmp(base, "Procfile") != 0)
		return;
	for (i = 0; i < pf->entries.n; i++) {
		const struct proc_entry *e = &pf->entries.v[i];

		if (e->kind != PROC_PROCESS || (pf->format == PROC_PROCFILE &&
		    strcmp(e->name, "web") != 0))
			continue;
		for (j = i + 1; j < pf->entries.n; j++)
			if (pf->entries.v[j].kind == PROC_PROCESS &&
			    strcmp(pf->entries.v[j].name, e->name) == 0)
				break;
		if (j < pf->entries.n || (at = dev_server(e, &what)) < 0)
			continue; /* a later line wins (GL517) */
		fnd_set_help(fnd_add(fs, "GL518", span_join(
		    e->words.v[at - 1].span, e->words.v[at].span), "the %s "
		    "process runs %s, which is not made for production: one "
		    "process, no worker supervision, and it says so itself",
		    pf->format == PROC_APP_YAML ? "entrypoint" : "web", what),
		    "serve the app with gunicorn (%s: gunicorn PROJECT.wsgi)",
		    pf->format == PROC_APP_YAML ? "entrypoint" : "web");
	}
}

void
procs_check_files(const struct gl_launches *set, struct findings *fs)
{
	size_t i;

	for (i = 0; i < set->envs.n; i++)
		if (!set->envs.v[i].in_service) {
			check_env_names(set->envs.v[i].ef, fs);
			check_env_duplicates(set->envs.v[i].ef, fs);
		}
	for (i = 0; i < set->procs.n; i++) {
		check_duplicates(set->procs.v[i], fs);
		check_dev_server(set->procs.v[i], fs);
	}
}

/* ---- GL516: the web process does not listen on $PORT ---- */

/*
 * Why the router cannot reach this bind, or NULL when it can (or when
 * the value is only known at start: another variable).
 */
static const char *
unreachable(const char *b, char *buf, size_t cap)
{
	/* HOST:$PORT, HOST:${PORT:-5000}: the port is the shell's */
	const char *colon = strstr(b, ":$");
	struct bind_addr a;
	char *t;

	if (strncmp(b, "unix:", 5) == 0)
		return "a unix socket";
	if (strncmp(b, "fd://", 5) == 0)
		return "an inherited file descriptor";
	if (colon != NULL) {
		/* the host alone decides: is it the loopback interface? */
		t = xasprintf("%.*s:1", (int)(colon - b), b);
		bind_parse(t, &a);
		free(t);
		if (a.kind == BIND_TCP && a.loopback)
			return "the loopback interface only";
		return NULL;
	}
	if (strchr(b, '$') != NULL)
		return NULL;
	bind_parse(b, &a);
	if (a.kind != BIND_TCP)
		return NULL; /* GL146 says what is wrong with it */
	if (a.loopback)
		return "the loopback interface only";
	snprintf(buf, cap, "the fixed port %ld", a.port);
	return buf;
}

/*
 * Whether gunicorn is the process the platform talks to: started
 * directly, or through a wrapper that runs it in its place (python -m,
 * exec, an APM agent, a package manager's run).  Another program before
 * it (bin/start-nginx) may listen on $PORT itself and proxy to gunicorn.
 */
static int
started_directly(const struct gl_launch *l)
{
	static const char *const through[] = {
		"exec", "env", "nice", "-m", "-u", "-O", "--", "run",
		"newrelic-admin", "run-program", "ddtrace-run",
		"opentelemetry-instrument", "poetry", "pipenv", "uv", "pdm",
		"hatch", "doppler",
	};
	const struct sw_words *ws = &l->proc->words;
	size_t j, k, t;

	for (j = 0; j < ws->n; j++)
		if (ws->v[j].span.src == l->anchor.src &&
		    ws->v[j].span.off == l->anchor.off)
			break;
	for (k = j; k-- > 0;) {
		const char *w = ws->v[k].value;
		const char *base = strrchr(w, '/') ? strrchr(w, '/') + 1 : w;
		const struct span *sp = &ws->v[k].span;

		/* the start of this simple command: an operator as written */
		if (sp->src != NULL && sp->len > 0 &&
		    strchr(";&|", sp->src->text[sp->off + sp->len - 1]) &&
		    sp->src->text[sp->off + sp->len - 1] != '\0')
			break;
		if (strchr(w, '=') != NULL && w[0] != '-' && w[0] != '=')
			continue; /* NAME=value before the command */
		for (t = 0; t < sizeof(through) / sizeof(*through); t++)
			if (strcmp(base, through[t]) == 0)
				break;
		if (t == sizeof(through) / sizeof(*through) &&
		    strncmp(base, "python", 6) != 0)
			return 0;
	}
	return 1;
}

static void
check_platform_port(const struct gl_launch *l, struct findings *fs)
{
	const struct launch_value *v = lv(l, "bind");
	const char *why = NULL, *first = NULL, *w;
	char buf[64], wbuf[64];
	struct span sp;
	size_t i, hl;

	if (l->proc == NULL || (l->procfile->format == PROC_PROCFILE &&
	    strcmp(l->proc->name, "web") != 0))
		return;
	if (!lv_given(l, "bind") || v == NULL || v->value == NULL ||
	    v->value->kind != PV_LIST)
		return; /* 0.0.0.0:$PORT, gunicorn's default with PORT set */
	if (!started_directly(l))
		return;
	for (i = 0; i < v->value->n; i++) {
		const struct pyval *it = v->value->items[i];

		if (it->kind != PV_STR)
			return;
		if ((w = unreachable(it->s, wbuf, sizeof(wbuf))) == NULL)
			return; /* one reachable $PORT address is enough */
		if (first == NULL) {
			first = it->s;
			why = w == wbuf ? strcpy(buf, wbuf) : w;
		}
	}
	if (first == NULL)
		return;
	sp = lv_value_span(l, "bind");
	/* point at the host of HOST:$PORT: the $PORT part is a runtime span */
	hl = strstr(first, ":$") ? (size_t)(strstr(first, ":$") - first) : 0;
	if (sp.src != NULL && hl > 0 &&
	    sp.off + hl <= sp.src->len &&
	    memcmp(sp.src->text + sp.off, first, hl) == 0)
		sp.len = hl;
	fnd_set_help(fnd_add(fs, "GL516", sp, "the %s process listens on %s "
	    "(%s), but %s sends requests to the port in $PORT: %s",
	    l->procfile->format == PROC_APP_YAML ? "entrypoint" : "web",
	    first, why, l->procfile->format == PROC_APP_YAML ? "App Engine" :
	    F_("Heroku's router"), l->procfile->format == PROC_APP_YAML ?
	    F_("the instance never becomes ready") :
	    F_("the dyno fails to boot (error R10)")),
	    "drop --bind (gunicorn then listens on 0.0.0.0:$PORT), or use "
	    "--bind 0.0.0.0:$PORT");
}

const struct rule_check rules_procs[] = {
	{ "GL516", check_platform_port },
	{ NULL, NULL },
};
