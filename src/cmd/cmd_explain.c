/*
 * cmd_explain.c: `gunilint explain`: what a launch does, option by option.
 * Formats: text for people, json, and gunicorn (exactly what
 * `gunicorn --print-config` prints for the same input: the differential
 * contract tested against the real gunicorn).
 */
#include <cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "common.h"
#include "explain_text.h"
#include "rules/engine.h"
#include "pyjson.h"
#include "report/report.h"
#include "version.h"

enum ex_format { EX_TEXT, EX_JSON, EX_GUNICORN };

/* ---- gunicorn format ---- */

static int
explain_gunicorn(const struct gl_launch *l, FILE *fp)
{
	const struct launch_error *e = launch_error(l->model);
	const struct launch_value *pc, *cc;
	const char *const *warn;
	size_t i, n;
	char *out;

	n = launch_warnings(l->model, &warn);
	for (i = 0; i < n; i++)
		fprintf(stderr, "%s\n", warn[i]);
	if (e != NULL) {
		/* argparse prints its usage line first; load_config a blank line. */
		if (e->status == 2)
			fputs("usage: gunicorn [OPTIONS] [APP_MODULE]\n", stderr);
		else if (e->status == 1)
			fputc('\n', stderr);
		if (e->detail)
			fprintf(stderr, "%s\n", e->detail);
		fprintf(e->status == 0 ? fp : stderr, "%s\n", e->message);
		return e->status;
	}
	/* Application.run: --print-config prints; --check-config alone is quiet. */
	pc = launch_get(l->model, "print_config");
	cc = launch_get(l->model, "check_config");
	if (cc != NULL && cc->value != NULL && cc->value->kind == PV_BOOL &&
	    cc->value->b && !(pc != NULL && pc->value != NULL &&
	    pc->value->kind == PV_BOOL && pc->value->b))
		return 0;
	out = launch_print_config(l->model);
	fputs(out, fp);
	free(out);
	return 0;
}

/* ---- text format ---- */

/*
 * Writes text wrapped to `width` columns.  The first line starts at column
 * `col` (whatever is already on it); the others are indented by `indent`.
 */
static void
wrap(FILE *fp, const char *text, int col, int indent, int width)
{
	const char *p = text;
	int first = 1;

	while (*p) {
		const char *end = p, *brk = NULL;
		int c = first ? col : indent;

		while (*end && *end != '\n' && c < width) {
			if (*end == ' ')
				brk = end;
			end++;
			c++;
		}
		if (*end && *end != '\n' && brk != NULL)
			end = brk;
		fprintf(fp, "%*s%.*s\n", first ? 0 : indent, "", (int)(end - p),
		    p);
		first = 0;
		p = end;
		while (*p == ' ' || *p == '\n')
			p++;
	}
}

static void
where(FILE *fp, struct span sp)
{
	unsigned line, col;

	if (sp.src == NULL)
		return;
	src_position(sp.src, sp.off, &line, &col);
	fprintf(fp, "%s:%u:%u", sp.src->name, line, col);
}

static int
span_inside(struct span inner, struct span outer)
{
	return inner.src != NULL && inner.src == outer.src &&
	    inner.off >= outer.off && inner.off <= outer.off + outer.len;
}

static void
print_findings_at(FILE *fp, const struct findings *fs, struct span at,
    char *shown, const struct gl_style *st)
{
	size_t i;

	for (i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		const char *c = f->severity == SEV_ERROR ? st->red :
		    f->severity == SEV_WARNING ? st->yellow : st->cyan;

		if (shown[i] || (at.src != NULL && !span_inside(f->span, at)))
			continue;
		shown[i] = 1;
		fprintf(fp, "    %s%s%s[%s %s]: ", c, sev_name(f->severity),
		    st->reset, f->rule, f->slug);
		wrap(fp, f->message, 4 + (int)strlen(sev_name(f->severity)) +
		    (int)strlen(f->rule) + (int)strlen(f->slug) + 5, 6, 78);
		if (f->help)
			fprintf(fp, "      help: %s\n", f->help);
	}
}

static void
print_option(FILE *fp, const struct gl_launch *l, const struct av_opt *o,
    const struct findings *fs, char *shown, const struct gl_style *st)
{
	const struct launch_value *v = o->def ? launch_get(l->model,
	    o->def->name) : NULL;
	struct span whole = span_join(o->opt_span, o->value_span);
	char *value;

	if (whole.src != NULL)
		fprintf(fp, "  %s%.*s%s", st->bold, (int)whole.len,
		    whole.src->text + whole.off, st->reset);
	else
		fprintf(fp, "  %s%s%s%s%s", st->bold, o->written,
		    o->value ? " " : "", o->value ? o->value : "", st->reset);
	fprintf(fp, "  %s(", st->dim);
	where(fp, whole);
	fprintf(fp, ")%s\n", st->reset);
	if (o->kind != AV_SETTING) {
		fprintf(fp, "    %s\n", o->kind == AV_HELP ? "prints gunicorn's "
		    "help and exits" : "prints gunicorn's version and exits");
		return;
	}
	value = v ? xstrdup(v->printed) : xstrdup("?");
	fprintf(fp, "    sets %s = %s%s%s (default %s)\n", o->def->name,
	    st->green, value, st->reset, o->def->default_text);
	free(value);
	if (o->def->summary)
		fputs("    ", fp), wrap(fp, o->def->summary, 4, 4, 78);
	if (o->def->explain)
		fputs("    ", fp), wrap(fp, o->def->explain, 4, 4, 78);
	print_findings_at(fp, fs, whole, shown, st);
}

static void
print_parse(FILE *fp, const struct gl_launch *l, const struct av_result *r,
    const char *title, const struct findings *fs, char *shown,
    const struct gl_style *st)
{
	size_t i;

	if (r == NULL || r->opts.n == 0)
		return;
	fprintf(fp, "\n%sOptions in %s%s\n", st->bold, title, st->reset);
	for (i = 0; i < r->opts.n; i++) {
		if (i)
			fputc('\n', fp);
		print_option(fp, l, &r->opts.v[i], fs, shown, st);
	}
}

/* Settings that came from the environment rather than an option. */
static void
print_env_values(FILE *fp, const struct gl_launch *l, const struct gl_style *st)
{
	const struct launch_value *vals;
	size_t i, n = launch_values(l->model, &vals), shown = 0;

	for (i = 0; i < n; i++) {
		if (vals[i].origin != LO_ENV_DEFAULT)
			continue;
		if (shown++ == 0)
			fprintf(fp, "\n%sFrom the environment%s\n", st->bold,
			    st->reset);
		fprintf(fp, "  %s = %s (from %s)\n", vals[i].def->name,
		    vals[i].printed, vals[i].origin_name);
	}
}

static void
explain_text(const struct gl_launch *l, const struct findings *fs, FILE *fp,
    const struct gl_style *st)
{
	struct ex_summary sum = { 0 };
	char *shown = xcalloc(fs->n + 1, 1);
	size_t i;

	fprintf(fp, "%s%s%s (gunicorn %s)\n", st->bold, l->id, st->reset,
	    gv_name(l->version));
	if (l->stopped) {
		fputs("\ngunicorn would not start:\n", fp);
		print_findings_at(fp, fs, (struct span){ NULL, 0, 0 }, shown, st);
	} else {
		ex_summarize(l, &sum);
		fputc('\n', fp);
		for (i = 0; i < sum.n; i++) {
			fprintf(fp, "  %-12s ", sum.v[i].topic);
			wrap(fp, sum.v[i].text, 15, 15, 78);
		}
		ex_summary_free(&sum);
	}
	print_parse(fp, l, launch_cmd_args(l->model), "GUNICORN_CMD_ARGS", fs,
	    shown, st);
	print_parse(fp, l, launch_cli(l->model), "the command line", fs, shown,
	    st);
	print_env_values(fp, l, st);
	for (i = 0; i < fs->n && shown[i]; i++)
		;
	if (i < fs->n) {
		fprintf(fp, "\n%sAlso%s\n", st->bold, st->reset);
		print_findings_at(fp, fs, (struct span){ NULL, 0, 0 }, shown, st);
	}
	free(shown);
}

/* ---- json format ---- */

static cJSON *
span_json(struct span sp)
{
	cJSON *o = cJSON_CreateObject();
	unsigned line, col, eline, ecol;

	if (sp.src == NULL)
		return o;
	src_position(sp.src, sp.off, &line, &col);
	src_position(sp.src, sp.off + sp.len, &eline, &ecol);
	cJSON_AddStringToObject(o, "file", sp.src->name);
	cJSON_AddNumberToObject(o, "line", line);
	cJSON_AddNumberToObject(o, "column", col);
	cJSON_AddNumberToObject(o, "end_line", eline);
	cJSON_AddNumberToObject(o, "end_column", ecol);
	return o;
}

static cJSON *
launch_json(const struct gl_launch *l)
{
	cJSON *o = cJSON_CreateObject(), *arr, *eff, *it;
	struct ex_summary sum = { 0 };
	const struct launch_value *vals;
	const struct av_result *parses[2];
	size_t i, j, n;

	cJSON_AddStringToObject(o, "id", l->id);
	cJSON_AddStringToObject(o, "gunicorn_version", gv_name(l->version));
	cJSON_AddBoolToObject(o, "starts", !l->stopped);
	arr = cJSON_AddObjectToObject(o, "summary");
	if (!l->stopped)
		ex_summarize(l, &sum);
	for (i = 0; i < sum.n; i++)
		cJSON_AddStringToObject(arr, sum.v[i].topic, sum.v[i].text);
	ex_summary_free(&sum);
	arr = cJSON_AddArrayToObject(o, "options");
	parses[0] = launch_cmd_args(l->model);
	parses[1] = launch_cli(l->model);
	for (j = 0; j < 2; j++) {
		for (i = 0; parses[j] != NULL && i < parses[j]->opts.n; i++) {
			const struct av_opt *op = &parses[j]->opts.v[i];

			it = cJSON_CreateObject();
			cJSON_AddStringToObject(it, "written", op->written);
			if (op->value)
				cJSON_AddStringToObject(it, "value", op->value);
			cJSON_AddStringToObject(it, "setting", op->def ?
			    op->def->name : op->kind == AV_HELP ? "help" :
			    "version");
			cJSON_AddStringToObject(it, "from", j == 0 ?
			    "GUNICORN_CMD_ARGS" : "command line");
			cJSON_AddItemToObject(it, "span", span_json(span_join(
			    op->opt_span, op->value_span)));
			cJSON_AddItemToArray(arr, it);
		}
	}
	eff = cJSON_AddObjectToObject(o, "effective");
	n = launch_values(l->model, &vals);
	for (i = 0; i < n; i++) {
		it = cJSON_CreateObject();
		cJSON_AddItemToObject(it, "value", pyjson(vals[i].value));
		cJSON_AddStringToObject(it, "printed", vals[i].printed);
		cJSON_AddStringToObject(it, "default", vals[i].def->default_text);
		cJSON_AddStringToObject(it, "from", vals[i].origin_name);
		if (vals[i].spans.n)
			cJSON_AddItemToObject(it, "span", span_json(
			    vals[i].spans.v[vals[i].spans.n - 1]));
		cJSON_AddItemToObject(eff, vals[i].def->name, it);
	}
	return o;
}

static void
explain_json(const struct gl_launches *ls, const struct findings *fs,
    FILE *fp)
{
	cJSON *root = cJSON_CreateObject(), *tool, *arr;
	char *text;
	size_t i;

	cJSON_AddNumberToObject(root, "schema", 1);
	tool = cJSON_AddObjectToObject(root, "tool");
	cJSON_AddStringToObject(tool, "name", "gunilint");
	cJSON_AddStringToObject(tool, "version", GUNILINT_VERSION);
	arr = cJSON_AddArrayToObject(root, "launches");
	for (i = 0; i < ls->n; i++)
		cJSON_AddItemToArray(arr, launch_json(&ls->v[i]));
	arr = cJSON_AddArrayToObject(root, "findings");
	for (i = 0; i < fs->n; i++)
		cJSON_AddItemToArray(arr, rpt_finding_json(&fs->v[i]));
	text = cJSON_Print(root);
	fprintf(fp, "%s\n", text);
	cJSON_free(text);
	cJSON_Delete(root);
}

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
		fprintf(stderr, "gunilint explain: unknown format '%s' "
		    "(text, json, gunicorn)\n", o->format);
		return -1;
	}
	return 0;
}

static int
run(const struct gl_opts *o, enum ex_format fmt, struct gl_launches *ls,
    struct findings *front, FILE *fp)
{
	struct findings fs = { 0 }, one = { 0 };
	struct gl_style st;
	size_t i;
	int rc = 0;

	if (fmt == EX_GUNICORN)
		return explain_gunicorn(&ls->v[0], fp);
	style_init(&st, o, fp);
	for (i = 0; i < ls->n; i++) {
		rules_run_launch(&ls->v[i], fmt == EX_JSON ? &fs : &one);
		if (fmt == EX_TEXT) {
			fnd_sort(&one);
			if (i)
				fputc('\n', fp);
			explain_text(&ls->v[i], &one, fp, &st);
			fnd_free(&one);
		}
	}
	for (i = 0; i < front->n; i++) {
		struct finding *f = fnd_add(&fs, front->v[i].rule,
		    front->v[i].span, "%s", front->v[i].message);

		f->severity = front->v[i].severity;
	}
	if (fmt == EX_TEXT && fs.n > 0) {
		char *shown = xcalloc(fs.n, 1);

		fputs("\nInput problems\n", fp);
		print_findings_at(fp, &fs, (struct span){ NULL, 0, 0 }, shown,
		    &st);
		free(shown);
	}
	if (fmt == EX_JSON) {
		fnd_sort(&fs);
		explain_json(ls, &fs, fp);
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
	if (parse_format(&o, &fmt) < 0 || common_setup(&o) != 0) {
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
		    "nothing to explain: give --args, --env or a gunicorn "
		    "command line after --" : "--format=gunicorn explains one "
		    "launch at a time");
		model_free(&ls);
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
