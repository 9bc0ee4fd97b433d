/*
 * rules_config.c: the config file a launch executes (gunicorn.conf.py or
 * -c FILE): what it computes from the machine's CPU count, what the
 * command line silently overrides, names gunicorn ignores, values only
 * known at run time, and a named file the image does not hold.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules_int.h"

static const struct gl_launch_conf *
conf_of(const struct gl_launch *l)
{
	return launch_conf_read(l) && l->conf->file != NULL ? l->conf : NULL;
}

/* The item that holds a setting's final binding in the file, or NULL. */
static const struct py_item *
setting_item(const struct gl_launch_conf *c, const struct launch_value *v)
{
	return v != NULL ? py_result_final(&c->res, v->def->name) : NULL;
}

/* ---- GL150 GL151: the CPU count of the node, not of the container ---- */

static void
cpu_count(const struct gl_launch *l, struct findings *fs)
{
	static const char *const names[] = { "workers", "threads" };
	const struct gl_launch_conf *c = conf_of(l);
	const struct py_item *it;
	struct finding *f;
	size_t i;

	if (c == NULL || l->where.in_container != 1)
		return;
	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		it = setting_item(c, lv(l, names[i]));
		if (it == NULL || !it->uses_cpu_count ||
		    lv(l, names[i])->origin != LO_CONFIG)
			continue;
		if (l->where.cpus > 0)
			f = fnd_add(fs, "GL150", it->span, "%s is computed from the "
			    "CPU count, which in a container is the node's CPUs, "
			    "not the limit of %g (%s)", names[i], l->where.cpus,
			    l->where.cpus_from ? l->where.cpus_from : F_("limit"));
		else
			f = fnd_add(fs, "GL151", it->span, "%s is computed from the "
			    "CPU count, which in a container is the node's CPUs, "
			    "not the container's CPU limit", names[i]);
		fnd_set_help(f, "derive %s from an environment variable the "
		    "deployment sets (WEB_CONCURRENCY), or from the cgroup "
		    "quota", names[i]);
	}
}

/* ---- GL152: settings the command line overrides ---- */

static void
overridden(const struct gl_launch *l, struct findings *fs)
{
	const struct gl_launch_conf *c = conf_of(l);
	const struct launch_value *const *vals;
	const struct py_item *it;
	size_t i, n;

	if (c == NULL)
		return;
	n = launch_values(l->model, &vals);
	for (i = 0; i < n; i++) {
		const struct launch_value *v = vals[i];
		struct span at;
		unsigned line, col;
		char where[256] = "";

		if (v->origin != LO_CMD_ARGS && v->origin != LO_CLI)
			continue;
		it = setting_item(c, v);
		if (it == NULL || (it->kind != PY_ASSIGN && it->kind != PY_RUNTIME))
			continue;
		at = lv_value_span(l, v->def->name);
		if (at.src != NULL) {
			src_position(at.src, at.off, &line, &col);
			snprintf(where, sizeof(where), " (%s:%u)", at.src->name,
			    line);
		}
		fnd_set_help(fnd_add(fs, "GL152", it->span, "%s set here is "
		    "overridden by %s%s: gunicorn runs with %s = %s",
		    v->def->name, v->origin_name, where, v->def->name,
		    launch_value_printed(v)), "set %s in one place only",
		    v->def->name);
	}
}

/* ---- GL153: a named config file the image does not hold ---- */

static void
absent(const struct gl_launch *l, struct findings *fs)
{
	const struct gl_launch_conf *c = l->conf;

	if (c == NULL || !c->absent)
		return;
	fnd_set_help(fnd_add(fs, "GL153", c->span, "the config file '%s' is "
	    "not in %s: no COPY or ADD puts it there, so gunicorn stops with "
	    "\"doesn't exist\" unless a volume provides it", c->path,
	    c->absent_where), "COPY the file into the image, or fix the path");
}

/* ---- GL154: a global gunicorn ignores that was meant as a setting ---- */

/* Whether name occurs in the source other than where the file binds it. */
static int
name_read(const struct py_result *r, const struct source *src,
    const char *name)
{
	size_t n = strlen(name), uses = 0, binds = 0, i;
	const char *p = src->text;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == src->text || !(isalnum((unsigned char)p[-1]) ||
		    p[-1] == '_' || p[-1] == '.')) &&
		    !(isalnum((unsigned char)p[n]) || p[n] == '_'))
			uses++;
		p += n;
	}
	for (i = 0; i < r->n; i++)
		if (r->v[i].name != NULL && strcmp(r->v[i].name, name) == 0)
			binds++;
	return uses > binds;
}

/*
 * The setting a name was likely meant to be: a near spelling
 * (`worker`, `access_log`), another case (`WORKERS`), or a setting's name
 * with a suffix (`bind_address`).
 */
static const char *
meant_setting(const struct gl_launch *l, const char *name,
    const char *const *names, size_t n)
{
	char lower[64];
	size_t i, k;
	const char *near;

	for (k = 0; name[k] != '\0' && k + 1 < sizeof(lower); k++)
		lower[k] = (char)tolower((unsigned char)name[k]);
	lower[k] = '\0';
	if (strcmp(lower, name) != 0 && lv(l, lower) != NULL)
		return lv(l, lower)->def->name;
	if (strlen(name) >= 5 &&
	    (near = str_nearest(lower, names, n, 2, 0)) != NULL)
		return near;
	for (i = 0; i < n; i++) {
		size_t m = strlen(names[i]);

		if (m >= 4 && strncmp(lower, names[i], m) == 0 &&
		    lower[m] == '_' && strchr(lower + m + 1, '_') == NULL)
			return names[i];
	}
	return NULL;
}

static void
unknown_names(const struct gl_launch *l, struct findings *fs)
{
	const struct gl_launch_conf *c = conf_of(l);
	const struct launch_value *const *vals;
	const char **names;
	const char *meant;
	size_t i, n;

	if (c == NULL)
		return;
	n = launch_values(l->model, &vals);
	names = xcalloc(n + 1, sizeof(*names));
	for (i = 0; i < n; i++)
		names[i] = vals[i]->def->name;
	for (i = 0; i < c->res.n; i++) {
		const struct py_item *it = &c->res.v[i];

		if (it->name == NULL || it->kind != PY_ASSIGN ||
		    it->name[0] == '_' || lv(l, it->name) != NULL ||
		    py_result_final(&c->res, it->name) != it ||
		    name_read(&c->res, c->file->src, it->name) ||
		    (meant = meant_setting(l, it->name, names, n)) == NULL)
			continue;
		fnd_set_help(fnd_add(fs, "GL154", it->span, "gunicorn ignores "
		    "'%s': it is not a setting name, and nothing in the file "
		    "reads it", it->name), "did you mean '%s'?", meant);
	}
	free(names);
}

/* ---- GL155: settings the file computes only when it runs ---- */

static void
runtime(const struct gl_launch *l, struct findings *fs)
{
	const struct gl_launch_conf *c = conf_of(l);
	const struct launch_value *const *vals;
	const struct py_item *it;
	size_t i, n;

	if (c == NULL)
		return;
	n = launch_values(l->model, &vals);
	for (i = 0; i < n; i++) {
		if (vals[i]->runtime == NULL || vals[i]->origin != LO_CONFIG ||
		    (it = setting_item(c, vals[i])) == NULL)
			continue;
		if (it->uses_cpu_count && l->where.in_container == 1)
			continue; /* GL150/GL151 say why */
		fnd_add(fs, "GL155", it->span, "%s is computed when gunicorn "
		    "runs, not here: %s", vals[i]->def->name, vals[i]->runtime);
	}
}

const struct rule_check rules_config[] = {
	{ "GL150 GL151", cpu_count },
	{ "GL152", overridden },
	{ "GL153", absent },
	{ "GL154", unknown_names },
	{ "GL155", runtime },
	{ NULL, NULL },
};
