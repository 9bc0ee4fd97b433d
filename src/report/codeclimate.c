/*
 * codeclimate.c: the Code Climate issue list that GitLab reads as a code
 * quality report (artifacts:reports:codequality).  GitLab needs
 * description, check_name, fingerprint, severity and location.path with
 * location.lines.begin; the fingerprint must be unique per issue.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "report_int.h"

/* GitLab's scale: info, minor, major, critical, blocker. */
static const char *
cc_severity(enum severity s)
{
	return s == SEV_ERROR ? "critical" : s == SEV_WARNING ? "major" :
	    "info";
}

static cJSON *
issue(const struct finding *f, uint64_t h, unsigned nth)
{
	cJSON *o = cJSON_CreateObject(), *loc, *lines, *cat;
	struct rpt_pos p;
	char fp[40];
	char *check;

	cJSON_AddStringToObject(o, "type", "issue");
	check = xasprintf("%s %s", f->rule, f->slug);
	cJSON_AddStringToObject(o, "check_name", check);
	free(check);
	cJSON_AddStringToObject(o, "description", f->message);
	cat = cJSON_AddArrayToObject(o, "categories");
	cJSON_AddItemToArray(cat, cJSON_CreateString(
	    f->severity == SEV_ERROR ? "Bug Risk" : "Style"));
	cJSON_AddStringToObject(o, "severity", cc_severity(f->severity));
	/* Same-looking findings on one line get distinct prints by order. */
	snprintf(fp, sizeof(fp), "%016" PRIx64 "-%u", h, nth);
	cJSON_AddStringToObject(o, "fingerprint", fp);
	loc = cJSON_AddObjectToObject(o, "location");
	cJSON_AddStringToObject(loc, "path",
	    f->span.src ? rpt_path(f) : "gunilint");
	lines = cJSON_AddObjectToObject(loc, "lines");
	cJSON_AddNumberToObject(lines, "begin",
	    rpt_pos(&f->span, &p) == 0 ? p.line : 1);
	return o;
}

/* Written an issue at a time (jsonw.c), as cJSON_Print prints the list. */
int
rpt_codeclimate(FILE *fp, const struct report *r)
{
	size_t i, n = r->findings->n ? r->findings->n : 1;
	uint64_t *h = xcalloc(n, sizeof(*h));
	unsigned *nth = xcalloc(n, sizeof(*nth));
	struct rpt_jw w;

	rpt_fingerprints(r->findings, h, nth);
	rpt_jw_init(&w, fp);
	rpt_jw_array(&w, NULL);
	for (i = 0; i < r->findings->n && !rpt_jw_failed(&w); i++)
		if (!r->findings->v[i].suppressed)
			rpt_jw_item(&w, NULL,
			    issue(&r->findings->v[i], h[i], nth[i]));
	rpt_jw_close(&w);
	free(h);
	free(nth);
	return rpt_jw_end(&w);
}
