/*
 * run.c: the one rules runner.  Every family is a table of checks over a
 * read-only launch; which families apply to a launch is the table below.
 * A launch gunicorn would refuse gets the parse family; otherwise the
 * settings families run, and for a container the image or orchestration
 * family too.  The file rules of each Dockerfile run once per file.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "rules/image_int.h"
#include "rules/procs_int.h"
#include "rules/rules_int.h"

int
rules_config_unread(const struct gl_launch *l)
{
	const struct launch_value *c = launch_get(l->model, "config");

	return c != NULL && c->value != NULL && c->origin != LO_DEFAULT &&
	    c->value->kind == PV_STR && !launch_conf_read(l);
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
	size_t r;
	long i;

	/* a word with a $NAME only the shell fills in (a Procfile's) */
	for (r = 0; e != NULL && r < l->runtime.n; r++)
		if (l->runtime.v[r].src == e->span.src && e->span.src != NULL &&
		    e->span.off < l->runtime.v[r].off + l->runtime.v[r].len &&
		    l->runtime.v[r].off < e->span.off + (e->span.len ?
		    e->span.len : 1))
			return 1;
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
	    rules_config_unread(l);
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
platform_launch(const struct gl_launch *l)
{
	return judged(l) && l->proc != NULL;
}

static int
image_launch(const struct gl_launch *l)
{
	return !l->stopped && l->df != NULL;
}

static int
systemd_launch(const struct gl_launch *l)
{
	return judged(l) && l->sd != NULL;
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
	{ "systemd", rules_systemd, systemd_launch },
	{ "deps", rules_deps, judged },
	{ "platform", rules_procs, platform_launch },
	/* after the others' findings on runtime values are dropped: this
	 * family's findings are about those values */
	{ "config", rules_config, judged },
};
#define NFAMILIES (sizeof(families) / sizeof(families[0]))
#define NBEFORE_DROP (NFAMILIES - 1)

void
rules_run_launch(const struct gl_launch *l, struct findings *fs)
{
	const struct rule_check *c;
	size_t start = fs->n, first = fs->n, i;

	for (i = 0; i < NFAMILIES; i++) {
		if (i == NBEFORE_DROP)
			drop_runtime(l, fs, first);
		if (families[i].applies(l))
			for (c = families[i].checks; c->ids != NULL; c++)
				c->run(l, fs);
	}
	for (; first < fs->n; first++)
		if (fs->v[first].launch == NULL)
			fs->v[first].launch = xstrdup(l->id);
	cat_resolve_from(fs, start);
}

/* What img_check() reports: the rules of a Dockerfile on its own. */
static const char image_file_rules[] = "GL401 GL402 GL403 GL404 GL405 "
    "GL406 GL407 GL409 GL410 GL411 GL412 GL418";

/* What procs_check_files() reports: env files and Procfiles on their own. */
static const char procs_file_rules[] = "GL508 GL509 GL517 GL518";

void
rules_run_files(const struct gl_launches *set, struct findings *fs)
{
	size_t i;

	for (i = 0; i < set->dfs.n; i++)
		img_check(set->dfs.v[i], fs);
	procs_check_files(set, fs);
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
		ids[n++] = procs_file_rules;
	}
	*out = ids;
	return n;
}
