/* engine.c: runs every rule family's checks over a launch. */
#include <string.h>

#include "catalog.h"
#include "rules.h"

static const struct rule_check *const families[] = {
	rules_options,
	rules_bind,
	rules_workers,
	rules_tls,
};

void
lint_where_unknown(struct lint_where *w)
{
	memset(w, 0, sizeof(*w));
	w->in_container = -1;
	w->cpus = -1;
	w->run_uid = -1;
	w->net_bind_service = -1;
	w->app_is_asgi = -1;
}

void
lint_launch_init(struct lint_launch *l, const char *id,
    const struct launch *model, enum gl_version v, struct span anchor)
{
	const struct launch_value *wc = launch_get(model, "worker_class");
	const struct launch_value *th = launch_get(model, "threads");
	long threads = 1;

	l->id = id;
	l->model = model;
	l->version = v;
	l->anchor = anchor;
	if (th != NULL && th->value != NULL && th->value->kind == PV_INT)
		threads = (long)th->value->i;
	wk_resolve(wc != NULL && wc->value != NULL &&
	    wc->value->kind == PV_STR ? wc->value->s : "sync", threads, v,
	    &l->worker);
}

void
rules_run(const struct lint_launch *l, struct findings *fs)
{
	size_t i;
	const struct rule_check *c;

	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		for (c = families[i]; c->ids != NULL; c++)
			c->run(l, fs);
	cat_resolve(fs);
}

size_t
rules_check_ids(const char *const **out)
{
	static const char *ids[256];
	static size_t n;
	size_t i;
	const struct rule_check *c;

	if (n == 0)
		for (i = 0; i < sizeof(families) / sizeof(families[0]); i++)
			for (c = families[i]; c->ids != NULL; c++)
				if (n < sizeof(ids) / sizeof(ids[0]))
					ids[n++] = c->ids;
	*out = ids;
	return n;
}
