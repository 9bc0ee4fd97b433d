/* rules_doc.c: `gunilint rules`: the catalogue as a list, or one rule's documentation, as text or json. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"
#include "core/core.h"
#include "rules/rules.h"

static cJSON *
rule_json(const struct rule_meta *r, int full)
{
	cJSON *o = cJSON_CreateObject(), *refs;
	unsigned i;

	cJSON_AddStringToObject(o, "id", r->id);
	cJSON_AddStringToObject(o, "slug", r->slug);
	cJSON_AddStringToObject(o, "severity", sev_name(r->severity));
	cJSON_AddStringToObject(o, "category", r->category);
	cJSON_AddStringToObject(o, "summary", r->summary);
	if (!full)
		return o;
	cJSON_AddStringToObject(o, "rationale", r->rationale);
	cJSON_AddStringToObject(o, "fix", r->fix);
	if (r->bad)
		cJSON_AddStringToObject(o, "bad", r->bad);
	if (r->good)
		cJSON_AddStringToObject(o, "good", r->good);
	refs = cJSON_AddArrayToObject(o, "references");
	for (i = 0; i < r->nrefs; i++)
		cJSON_AddItemToArray(refs, cJSON_CreateString(r->refs[i]));
	return o;
}

static void
print_json(FILE *fp, cJSON *root)
{
	char *s = cJSON_Print(root);

	fprintf(fp, "%s\n", s);
	cJSON_free(s);
	cJSON_Delete(root);
}

static void
print_block(FILE *fp, const char *title, const char *text, int indent)
{
	const char *p, *nl;

	if (text == NULL)
		return;
	fprintf(fp, "\n%s\n", _(title));
	for (p = text; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if (nl > p)
			fprintf(fp, "%*s%.*s\n", indent, "", (int)(nl - p), p);
		if (*nl == '\0')
			break;
	}
}

static void
print_rule(FILE *fp, const struct rule_meta *r, const struct rpt_style *st)
{
	unsigned i;

	fprintf(fp, "%s%s %s%s (%s, %s)\n%s\n", st->bold, r->id, r->slug,
	    st->reset, rpt_sev_word(r->severity), _(r->category),
	    _(r->summary));
	print_block(fp, N_("Why:"), _(r->rationale), 2);
	print_block(fp, N_("Fix:"), _(r->fix), 2);
	print_block(fp, N_("Triggers:"), r->bad, 4);
	print_block(fp, N_("Does not trigger:"), r->good, 4);
	if (r->nrefs)
		fprintf(fp, "\n%s\n", _("References:"));
	for (i = 0; i < r->nrefs; i++)
		fprintf(fp, "  - %s\n", r->refs[i]);
}

void
rpt_rules(FILE *fp, const struct rule_meta *r, int json,
    const struct rpt_style *st)
{
	char pad[64];
	size_t i;

	if (r != NULL && json) {
		print_json(fp, rule_json(r, 1));
	} else if (r != NULL) {
		print_rule(fp, r, st);
	} else if (json) {
		cJSON *arr = cJSON_CreateArray();

		for (i = 0; i < cat_count(); i++)
			cJSON_AddItemToArray(arr, rule_json(cat_at(i), 0));
		print_json(fp, arr);
	} else {
		for (i = 0; i < cat_count(); i++) {
			r = cat_at(i);
			fprintf(fp, "%s  %s  %-32s %s\n", r->id,
			    rpt_pad(rpt_sev_word(r->severity), 7, pad, sizeof(pad)),
			    r->slug, _(r->summary));
		}
	}
}
