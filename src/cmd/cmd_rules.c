/* cmd_rules.c: `gunilint rules [ID|SLUG]`: options, then the catalogue's renderer (report/rules_doc.c). */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/cmd_int.h"
#include "rules/rules.h"

int
cmd_rules(int argc, char **argv)
{
	struct gl_opts o;
	struct rpt_style st;
	const struct rule_meta *r = NULL;
	int rc, json;
	FILE *fp;

	if ((rc = opts_parse(&o, OC_RULES, argc, argv)) != 0)
		return rc == 1 ? 0 : rc;
	json = o.format != NULL && strcmp(o.format, "json") == 0;
	if (o.format != NULL && !json && strcmp(o.format, "text") != 0) {
		gl_cmd_error("rules", "unknown format '%s' (text, json)",
		    o.format);
		opts_free(&o);
		return 2;
	}
	if (o.paths.n > 1) {
		gl_cmd_error("rules", "usage: gunilint rules [--format "
		    "text|json] [ID|SLUG]");
		opts_free(&o);
		return 2;
	}
	if (common_setup(&o) != 0 ||
	    (o.paths.n == 1 && (r = cat_find(o.paths.v[0])) == NULL)) {
		if (o.paths.n == 1 && r == NULL)
			gl_cmd_error("rules", "no rule '%s' (see 'gunilint "
			    "rules' for the list)", o.paths.v[0]);
		opts_free(&o);
		return 2;
	}
	if ((fp = common_output_open(&o)) == NULL) {
		opts_free(&o);
		return 2;
	}
	style_init(&st, &o, fp);
	rpt_rules(fp, r, json, &st);
	rc = common_output_close(&o, fp);
	opts_free(&o);
	return rc;
}
