/*
 * cmd_explain.c: `gunilint explain`: what a launch does, option by option.
 * Formats: text for people, json, and gunicorn (exactly what
 * `gunicorn --print-config` prints for the same input: the differential
 * contract tested against the real gunicorn).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/cmd_int.h"
#include "core/core.h"
#include "rules/rules.h"
#include "report/report.h"

enum ex_format { EX_TEXT, EX_JSON, EX_GUNICORN };

/* ---- the command ---- */

static int
parse_format(const struct gl_opts *o, enum ex_format *f)
{
	*f = EX_TEXT;
	if (o->format == NULL || strcmp(o->format, "text") == 0)
		return 0;
	if (strcmp(o->format, "json") == 0)
		*f = EX_JSON;
	else if (strcmp(o->format, "gunicorn") == 0)
		*f = EX_GUNICORN;
	else {
		gl_cmd_error("explain", "unknown format '%s' "
		    "(text, json, gunicorn)", o->format);
		return -1;
	}
	return 0;
}

static int
run(const struct gl_opts *o, enum ex_format fmt, struct gl_launches *ls,
    struct findings *front, FILE *fp)
{
	struct findings fs = { 0 }, one = { 0 };
	struct rpt_style st;
	size_t i;
	int rc = 0;

	if (fmt == EX_GUNICORN)
		return rpt_explain_gunicorn(&ls->v[0], fp);
	style_init(&st, o, fp);
	for (i = 0; i < ls->n; i++) {
		rules_run_launch(&ls->v[i], fmt == EX_JSON ? &fs : &one);
		if (fmt == EX_TEXT) {
			fnd_sort(&one);
			if (i)
				fputc('\n', fp);
			rpt_explain_text(&ls->v[i], &one, fp, &st);
			fnd_free(&one);
		}
	}
	for (i = 0; i < front->n; i++)
		fnd_copy(&fs, &front->v[i]);
	cat_resolve(&fs); /* their slugs */
	if (fmt == EX_TEXT && fs.n > 0) {
		char *shown = xcalloc(fs.n, 1);

		fputs(_("\nInput problems\n"), fp);
		rpt_explain_findings_at(fp, &fs, (struct span){ NULL, 0, 0 }, shown,
		    &st);
		free(shown);
	}
	if (fmt == EX_JSON) {
		fnd_sort(&fs);
		rpt_explain_json(ls, &fs, fp);
	}
	fnd_free(&fs);
	return rc;
}

int
cmd_explain(int argc, char **argv)
{
	struct gl_opts o;
	struct model_opts mo;
	struct gl_launches ls;
	struct findings front = { 0 };
	enum ex_format fmt;
	FILE *fp;
	int rc;

	if ((rc = opts_parse(&o, OC_EXPLAIN, argc, argv)) != 0)
		return rc == 1 ? 0 : rc;
	if (parse_format(&o, &fmt) < 0 || common_stdin_named(&o) != 0 ||
	    common_setup(&o) != 0) {
		opts_free(&o);
		return 2;
	}
	if ((rc = common_inputs(&o, fmt == EX_GUNICORN, NULL, &mo)) != 0 ||
	    (rc = model_collect(&mo, &ls, &front)) != 0) {
		fnd_free(&front);
		opts_free(&o);
		return rc;
	}
	rules_run_files(&ls, &front);
	if (ls.n == 0 || (fmt == EX_GUNICORN && ls.n != 1)) {
		gl_cmd_error("explain", "%s", ls.n == 0 ?
		    _("nothing to explain: give --args, --env or a gunicorn "
		    "command line after --") : _("--format=gunicorn explains "
		    "one launch at a time"));
		model_free(&ls);
		fnd_free(&front);
		opts_free(&o);
		return 2;
	}
	if ((fp = common_output_open(&o)) == NULL)
		rc = 2;
	else {
		rc = run(&o, fmt, &ls, &front, fp);
		if (common_output_close(&o, fp) != 0 || ls.unreadable > 0)
			rc = 2;
	}
	fnd_free(&front);
	model_free(&ls);
	opts_free(&o);
	return rc;
}
