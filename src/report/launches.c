/* launches.c: each launch's effective settings as report records, for the json and sarif reports. */
#include <stdlib.h>

#include "report_int.h"

void
rpt_launches_build(struct rpt_launches *t, const struct gl_launches *ls)
{
	size_t i, j, n;
	const struct launch_value *const *vals;

	t->n = ls->n;
	t->launches = xcalloc(ls->n ? ls->n : 1, sizeof(*t->launches));
	t->eff = xcalloc(ls->n ? ls->n : 1, sizeof(*t->eff));
	for (i = 0; i < ls->n; i++) {
		n = launch_values(ls->v[i].model, &vals);
		t->eff[i] = xcalloc(n ? n : 1, sizeof(**t->eff));
		for (j = 0; j < n; j++) {
			struct rpt_setting *s = &t->eff[i][j];

			s->name = vals[j]->def->name;
			s->value_json = pyjson_text(vals[j]->value);
			s->from = vals[j]->origin_name;
			if (vals[j]->spans.n)
				s->span = vals[j]->spans.v[vals[j]->spans.n - 1];
		}
		t->launches[i].id = ls->v[i].id;
		t->launches[i].source = ls->v[i].id;
		t->launches[i].eff = t->eff[i];
		t->launches[i].neff = n;
	}
}

void
rpt_launches_free(struct rpt_launches *t)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		for (j = 0; j < t->launches[i].neff; j++)
			free((char *)t->eff[i][j].value_json);
		free(t->eff[i]);
	}
	free(t->eff);
	free(t->launches);
}
