/*
 * launches.c: one launch's effective settings as a report record, built
 * while the json or sarif report writes that launch and released after,
 * so no report holds the records of every launch at once.
 */
#include <stdlib.h>

#include "report_int.h"

void
rpt_launch_build(struct rpt_launch *rl, const struct gl_launch *l)
{
	const struct launch_value *const *vals;
	struct rpt_setting *eff;
	size_t j, n;

	n = launch_values(l->model, &vals);
	eff = xcalloc(n ? n : 1, sizeof(*eff));
	for (j = 0; j < n; j++) {
		eff[j].name = vals[j]->def->name;
		eff[j].value_json = pyjson_text(vals[j]->value);
		eff[j].from = vals[j]->origin_name;
		if (vals[j]->spans.n)
			eff[j].span = vals[j]->spans.v[vals[j]->spans.n - 1];
	}
	rl->id = l->id;
	rl->source = l->id;
	rl->eff = eff;
	rl->neff = n;
}

void
rpt_launch_release(struct rpt_launch *rl)
{
	size_t j;

	for (j = 0; j < rl->neff; j++)
		free((char *)rl->eff[j].value_json);
	free((struct rpt_setting *)rl->eff);
	rl->eff = NULL;
	rl->neff = 0;
}
