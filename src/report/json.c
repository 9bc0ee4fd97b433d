/*
 * json.c: the versioned JSON report of DESIGN.md (schema 1).  Keys come in
 * a fixed order and absent values are null, so consumers see one shape.
 */
#include <stdlib.h>

#include "report_int.h"

static void
add_pos(cJSON *o, const struct span *sp)
{
	struct rpt_pos p;
	int have = rpt_pos(sp, &p) == 0;

	rpt_json_uint(o, "line", have, p.line);
	rpt_json_uint(o, "column", have, p.col);
	rpt_json_uint(o, "end_line", have, p.end_line);
	rpt_json_uint(o, "end_column", have, p.end_col);
}

static void
add_str(cJSON *o, const char *key, const char *v)
{
	if (v != NULL)
		cJSON_AddStringToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

static cJSON *
fix_json(const struct fix *fx)
{
	cJSON *o = cJSON_CreateObject();
	const struct span *sp = &fx->span;
	char *old = NULL;

	if (sp->src != NULL && sp->off + sp->len <= sp->src->len)
		old = xstrndup(sp->src->text + sp->off, sp->len);
	add_str(o, "replace", old);
	add_str(o, "with", fx->with);
	add_pos(o, sp);
	free(old);
	return o;
}

cJSON *
rpt_finding_json(const struct finding *f)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "rule", f->rule);
	cJSON_AddStringToObject(o, "slug", f->slug);
	cJSON_AddStringToObject(o, "severity", sev_name(f->severity));
	cJSON_AddStringToObject(o, "message", f->message);
	add_str(o, "help", f->help);
	add_str(o, "file", f->span.src ? f->span.src->name : NULL);
	add_pos(o, &f->span);
	add_str(o, "launch", f->launch);
	if (f->fix != NULL)
		cJSON_AddItemToObject(o, "fix", fix_json(f->fix));
	else
		cJSON_AddNullToObject(o, "fix");
	return o;
}

static cJSON *
summary_json(const struct report *r)
{
	cJSON *sum = cJSON_CreateObject();
	struct rpt_counts c;

	rpt_count(r->findings, &c);
	cJSON_AddNumberToObject(sum, "files", (double)r->nfiles);
	cJSON_AddNumberToObject(sum, "launches", (double)r->nlaunches);
	cJSON_AddNumberToObject(sum, "error", (double)c.by_sev[SEV_ERROR]);
	cJSON_AddNumberToObject(sum, "warning", (double)c.by_sev[SEV_WARNING]);
	cJSON_AddNumberToObject(sum, "info", (double)c.by_sev[SEV_INFO]);
	cJSON_AddNumberToObject(sum, "suppressed", (double)c.suppressed);
	return sum;
}

/* Written a launch and a finding at a time (jsonw.c): memory stays flat. */
int
rpt_json(FILE *fp, const struct report *r)
{
	struct rpt_jw w;
	cJSON *tool = cJSON_CreateObject();
	size_t i;

	cJSON_AddStringToObject(tool, "name", "gunilint");
	cJSON_AddStringToObject(tool, "version",
	    r->tool_version ? r->tool_version : "");
	rpt_jw_init(&w, fp);
	rpt_jw_object(&w, NULL);
	rpt_jw_item(&w, "schema", cJSON_CreateNumber(1));
	rpt_jw_item(&w, "tool", tool);
	rpt_jw_launches(&w, r);
	rpt_jw_array(&w, "findings");
	for (i = 0; i < r->findings->n && !rpt_jw_failed(&w); i++)
		if (!r->findings->v[i].suppressed)
			rpt_jw_item(&w, NULL,
			    rpt_finding_json(&r->findings->v[i]));
	rpt_jw_close(&w);
	rpt_jw_item(&w, "summary", summary_json(r));
	rpt_jw_close(&w);
	return rpt_jw_end(&w);
}
