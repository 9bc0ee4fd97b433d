/*
 * run.c: the one rules runner.  Every family is a table of checks over a
 * read-only launch; which families apply to a launch is the table below.
 * A launch gunicorn would refuse gets the parse family; otherwise the
 * settings families run, and for a container the image or orchestration
 * family too.  The file rules of each Dockerfile run once per file.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "image.h"
#include "orch.h"
#include "rules.h"

static enum orch_from
orch_origin(enum launch_origin o)
{
	switch (o) {
	case LO_ENV_DEFAULT: return ORCH_ENV_VAR;
	case LO_CONFIG: return ORCH_CONFIG_FILE;
	case LO_CMD_ARGS: return ORCH_CMD_ARGS;
	case LO_CLI: return ORCH_CLI;
	case LO_DEFAULT:
	case LO_APP: break;
	}
	return ORCH_DEFAULT;
}

/*
 * One effective value in the orchestration rules' terms.  A default is
 * left unknown (set 0) when `guess`: something gunilint cannot read may
 * have set it.
 */
static void
orch_value(const struct gl_launch *l, const char *name, struct orch_val *out,
    int guess)
{
	const struct launch_value *v = launch_get(l->model, name);

	memset(out, 0, sizeof(*out));
	if (v == NULL || v->value == NULL || (guess && v->origin == LO_DEFAULT))
		return;
	out->set = 1;
	out->from = orch_origin(v->origin);
	if (v->spans.n)
		out->span = v->spans.v[v->spans.n - 1];
	if (v->value->kind == PV_INT)
		out->num = v->value->i;
	else if (v->value->kind == PV_STR)
		out->str = v->value->s;
}

/* An explicit -c file, which gunilint does not read. */
static int
config_unread(const struct gl_launch *l)
{
	const struct launch_value *c = launch_get(l->model, "config");

	return c != NULL && c->value != NULL && c->origin != LO_DEFAULT &&
	    c->value->kind == PV_STR;
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
	return config_unread(l);
}

/*
 * The --bind that gave item i of the bind list: the spans end with one
 * per item of the source in force; else the last one.
 */
static struct span
bind_span(const struct launch_value *v, size_t i, const struct orch_val *b)
{
	size_t n = v->value->n;

	if (v->spans.n >= n)
		return v->spans.v[v->spans.n - n + i];
	return b->span;
}

static void
orch_run(const struct gl_launch *l, struct findings *fs)
{
	const struct launch_value *bind = launch_get(l->model, "bind");
	struct orch_gunicorn g;
	struct orch_opts oo;
	struct orch_bind *binds = NULL;
	struct arena *a = arena_new();
	int guess = defaults_unknown(l);
	size_t i, n = 0;

	memset(&g, 0, sizeof(g));
	orch_value(l, "workers", &g.workers, guess);
	orch_value(l, "worker_class", &g.worker_class, guess);
	orch_value(l, "threads", &g.threads, guess);
	orch_value(l, "bind", &g.bind, guess);
	orch_value(l, "timeout", &g.timeout, guess);
	orch_value(l, "graceful_timeout", &g.graceful_timeout, guess);
	orch_value(l, "keyfile", &g.keyfile, guess);
	orch_value(l, "certfile", &g.certfile, guess);
	orch_value(l, "worker_tmp_dir", &g.worker_tmp_dir, guess);
	if (!g.bind.set)
		bind = NULL; /* the port rules would judge a guess */
	if (bind != NULL && bind->value != NULL && bind->value->kind == PV_LIST) {
		binds = arena_alloc(a, (bind->value->n + 1) * sizeof(*binds));
		for (i = 0; i < bind->value->n; i++)
			if (bind->value->items[i]->kind == PV_STR &&
			    orch_parse_bind(a, bind->value->items[i]->s,
			    bind_span(bind, i, &g.bind), &binds[n]) == 0)
				n++;
	}
	g.binds = binds;
	g.nbinds = n;
	orch_opts_default(&oo);
	orch_check(l->k8s, &g, l->k8s_set, &oo, fs);
	arena_free(a);
}

/* The image rules that need the effective settings (GL413). */
static void
image_run(const struct gl_launch *l, struct findings *fs)
{
	const struct launch_value *bind = launch_get(l->model, "bind");
	struct img_settings st;
	const char **binds = NULL;
	size_t i;

	memset(&st, 0, sizeof(st));
	if (bind != NULL && bind->value != NULL && bind->value->kind == PV_LIST) {
		binds = xcalloc(bind->value->n + 1, sizeof(*binds));
		for (i = 0; i < bind->value->n; i++)
			if (bind->value->items[i]->kind == PV_STR)
				binds[st.nbinds++] = bind->value->items[i]->s;
		st.bind_is_default = bind->origin <= LO_ENV_DEFAULT;
		if (bind->spans.n)
			st.bind_span = bind->spans.v[bind->spans.n - 1];
	}
	st.binds = binds;
	img_check_settings(l->df, &st, fs);
	free(binds);
}

/*
 * Whether gunicorn stops at a word the front-end could not expand (a
 * shell's ${WORKERS:-2}, a $(VAR) from a Secret): its real value is
 * unknown here, so the stop is no finding.
 */
static int
stops_on_unknown(const struct gl_launch *l)
{
	const struct launch_error *e = launch_error(l->model);
	const struct k8s_launch *k = l->k8s;
	long i;

	if (e == NULL || k == NULL || e->span.src == NULL || k->gunicorn_at < 0)
		return 0;
	for (i = k->gunicorn_at + 1; i < (long)k->gunicorn_end; i++) {
		const struct span *w = &k->argv[i].span;

		if (k->argv[i].unresolved && w->src == e->span.src &&
		    e->span.off >= w->off && e->span.off < w->off + w->len + 1)
			return 1;
	}
	return 0;
}

/*
 * gunicorn's last check, "No application module specified.", while a
 * config file gunilint does not read may set wsgi_app.
 */
static int
app_in_unread_config(const struct gl_launch *l)
{
	const struct launch_error *e = launch_error(l->model);

	return e != NULL && strstr(e->message, "No application module") != NULL &&
	    config_unread(l);
}

static int
overlaps(struct span a, struct span b)
{
	return a.src != NULL && a.src == b.src && a.off < b.off + b.len &&
	    b.off < a.off + (a.len ? a.len : 1);
}

/* Findings on a word whose value only the container's shell knows. */
static void
drop_runtime(const struct gl_launch *l, struct findings *fs, size_t first)
{
	size_t i, k;

	for (i = first; i < fs->n;) {
		for (k = 0; k < l->runtime.n; k++)
			if (overlaps(fs->v[i].span, l->runtime.v[k]))
				break;
		if (k < l->runtime.n)
			fnd_drop(fs, i);
		else
			i++;
	}
}

static void
orch_env_run(const struct gl_launch *l, struct findings *fs)
{
	orch_check_env(l->k8s, fs);
}

static const struct rule_check rules_orch[] = {
	{ "GL250 GL251 GL252 GL253 GL254 GL501 GL502 GL503 GL504 GL505 GL506 "
	  "GL507 GL508 GL509 GL510 GL511 GL512 GL513 GL514 GL515", orch_run },
	{ NULL, NULL },
};

static const struct rule_check rules_orch_env[] = {
	{ "GL252 GL508 GL509", orch_env_run },
	{ NULL, NULL },
};

static const struct rule_check rules_image[] = {
	{ "GL413", image_run },
	{ NULL, NULL },
};

/* Which families judge a launch: gunicorn's stop, or the settings. */
static int
judged(const struct gl_launch *l)
{
	/* a stop at the missing app while an unread config may set it:
	 * everything was applied before that stop, judge it all */
	return !l->stopped || app_in_unread_config(l);
}

static int
refused(const struct gl_launch *l)
{
	return !judged(l) && !stops_on_unknown(l);
}

static int
orchestrated(const struct gl_launch *l)
{
	return judged(l) && l->k8s != NULL;
}

static int
refused_container(const struct gl_launch *l)
{
	return !judged(l) && l->k8s != NULL;
}

static int
image_launch(const struct gl_launch *l)
{
	return !l->stopped && l->df != NULL;
}

static const struct family {
	const char *name;
	const struct rule_check *checks;
	int (*applies)(const struct gl_launch *l);
} families[] = {
	{ "parse", rules_parse, refused },
	{ "options", rules_options, judged },
	{ "bind", rules_bind, judged },
	{ "workers", rules_workers, judged },
	{ "tls", rules_tls, judged },
	{ "orchestration", rules_orch, orchestrated },
	{ "orchestration-env", rules_orch_env, refused_container },
	{ "image", rules_image, image_launch },
};
#define NFAMILIES (sizeof(families) / sizeof(families[0]))

void
rules_run_launch(const struct gl_launch *l, struct findings *fs)
{
	const struct rule_check *c;
	size_t first = fs->n, i;

	for (i = 0; i < NFAMILIES; i++)
		if (families[i].applies(l))
			for (c = families[i].checks; c->ids != NULL; c++)
				c->run(l, fs);
	drop_runtime(l, fs, first);
	for (; first < fs->n; first++)
		if (fs->v[first].launch == NULL)
			fs->v[first].launch = xstrdup(l->id);
	cat_resolve(fs);
}

/* What img_check() reports: the rules of a Dockerfile on its own. */
static const char image_file_rules[] = "GL401 GL402 GL403 GL404 GL405 "
    "GL406 GL407 GL408 GL409 GL410 GL411 GL412 GL417 GL418";

void
rules_run_files(const struct gl_launches *set, struct findings *fs)
{
	size_t i;

	for (i = 0; i < set->dfs.n; i++)
		img_check(set->dfs.v[i], fs);
	cat_resolve(fs);
}

void
rules_run(const struct gl_launches *set, struct findings *fs)
{
	size_t i;

	rules_run_files(set, fs);
	for (i = 0; i < set->n; i++)
		rules_run_launch(&set->v[i], fs);
}

size_t
rules_check_ids(const char *const **out)
{
	static const char *ids[256];
	static size_t n;
	const struct rule_check *c;
	size_t i;

	if (n == 0) {
		for (i = 0; i < NFAMILIES; i++)
			for (c = families[i].checks; c->ids != NULL; c++)
				if (n < sizeof(ids) / sizeof(ids[0]))
					ids[n++] = c->ids;
		ids[n++] = image_file_rules;
	}
	*out = ids;
	return n;
}
