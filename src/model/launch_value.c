/* launch_value.c: read-only helpers to look at one launch's effective settings. */
#include <string.h>

#include "model.h"

const struct launch_value *
lv(const struct gl_launch *l, const char *name)
{
	return launch_get(l->model, name);
}

int
lv_given(const struct gl_launch *l, const char *name)
{
	const struct launch_value *v = lv(l, name);

	return v != NULL && v->origin > LO_DEFAULT;
}

long long
lv_int(const struct gl_launch *l, const char *name, long long dflt)
{
	const struct launch_value *v = lv(l, name);

	if (v == NULL || v->value == NULL)
		return dflt;
	if (v->value->kind == PV_INT && !v->value->big)
		return v->value->i;
	if (v->value->kind == PV_BOOL)
		return v->value->b;
	return dflt;
}

const char *
lv_str(const struct gl_launch *l, const char *name)
{
	const struct launch_value *v = lv(l, name);

	if (v == NULL || v->value == NULL || v->value->kind == PV_NONE)
		return NULL;
	if (v->value->kind == PV_STR)
		return v->value->s;
	return launch_value_printed(v);
}

int
lv_bool(const struct gl_launch *l, const char *name)
{
	const struct launch_value *v = lv(l, name);

	return v != NULL && v->value != NULL && v->value->kind == PV_BOOL &&
	    v->value->b;
}

struct span
lv_span(const struct gl_launch *l, const char *name)
{
	const struct launch_value *v = lv(l, name);

	if (v == NULL || v->spans.n == 0)
		return l->anchor;
	return v->spans.v[v->spans.n - 1];
}

/* The last occurrence of setting d in one parse, or NULL. */
static const struct av_opt *
last_opt(const struct av_result *r, const struct set_def *d)
{
	size_t i;

	if (r == NULL)
		return NULL;
	for (i = r->opts.n; i-- > 0;)
		if (r->opts.v[i].def == d)
			return &r->opts.v[i];
	return NULL;
}

const char *
lv_written(const struct gl_launch *l, const char *name)
{
	const struct launch_value *v = lv(l, name);
	const struct av_opt *o;

	if (v == NULL)
		return name;
	if ((o = last_opt(launch_cli(l->model), v->def)) == NULL)
		o = last_opt(launch_cmd_args(l->model), v->def);
	return o != NULL ? o->written : name;
}

struct span
lv_value_span(const struct gl_launch *l, const char *name)
{
	const struct launch_value *v = lv(l, name);
	const struct av_opt *o = NULL;

	if (v != NULL && v->origin == LO_CLI)
		o = last_opt(launch_cli(l->model), v->def);
	else if (v != NULL && v->origin == LO_CMD_ARGS)
		o = last_opt(launch_cmd_args(l->model), v->def);
	if (o != NULL && o->value != NULL && o->value_span.src != NULL)
		return o->value_span;
	return lv_span(l, name);
}
