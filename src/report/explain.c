/*
 * explain.c: the three renderings of `gunilint explain`: text for people
 * (each option with the setting it sets, its effective value, its default,
 * a plain-language explanation and its findings), json, and the gunicorn
 * format (exactly what `gunicorn --print-config` prints).
 */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"
#include "core/core.h"
#include "version.h"

/* ---- gunicorn format ---- */

int
rpt_explain_gunicorn(const struct gl_launch *l, FILE *fp)
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
		else if (e->origin == LO_CONFIG && e->detail != NULL &&
		    strncmp(e->detail, "Invalid value for ", 18) == 0)
			/* print("Invalid value ...\n"), then "\nError: ..." */
			fprintf(stderr, "%s\n\n\n", e->detail);
		else if (e->status == 1)
			fputc('\n', stderr);
		if (e->detail && !(e->origin == LO_CONFIG &&
		    strncmp(e->detail, "Invalid value for ", 18) == 0))
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
/* Columns of the character at p (a CJK character takes 2), and its bytes. */
static int
char_cols(const char *p, int *bytes)
{
	unsigned char c = (unsigned char)*p;

	*bytes = 1;
	while (p[*bytes] != '\0' && ((unsigned char)p[*bytes] & 0xc0) == 0x80)
		(*bytes)++;
	return c >= 0xe0 ? 2 : 1;
}

/* Chinese punctuation a line must not start with, or end with. */
static int
starts_with_any(const char *p, const char *const *set)
{
	for (; *set; set++)
		if (strncmp(p, *set, strlen(*set)) == 0)
			return 1;
	return 0;
}

static const char *const closing_marks[] = { "，", "。", "、", "；", "：",
	"）", "！", "？", "」", "』", "》", "”", "’", "…", NULL };
static const char *const opening_marks[] = { "（", "「", "『", "《", "“",
	"‘", NULL };

/*
 * A line may break at a space, or between a wide (CJK) character, which
 * has no spaces around it, and a wide one or a letter or digit, unless
 * that puts a closing mark at the start of a line or an opening mark at
 * its end.
 */
static int
may_break_before(const char *prev, int prev_wide, const char *at)
{
	unsigned char c = (unsigned char)*at, b = (unsigned char)*prev;

	if (c == '\0' || (!prev_wide && c < 0xe0))
		return 0;
	if ((!prev_wide && !isalnum(b)) || (c < 0x80 && !isalnum(c)))
		return 0;
	return !starts_with_any(at, closing_marks) &&
	    !starts_with_any(prev, opening_marks);
}

static void
wrap(FILE *fp, const char *text, int col, int indent, int width)
{
	const char *p = text;
	int first = 1, n, w;

	while (*p) {
		const char *end = p, *brk = NULL, *prev = NULL;
		int c = first ? col : indent, prev_wide = 0;

		while (*end && *end != '\n' && c < width) {
			if (*end == ' ')
				brk = end;
			else if (prev && may_break_before(prev, prev_wide, end))
				brk = end;
			w = char_cols(end, &n);
			if (c + w > width)
				break;
			prev = end;
			prev_wide = w == 2;
			end += n;
			c += w;
		}
		if (*end && *end != '\n' && brk != NULL)
			end = brk;
		if (end == p && *end && *end != '\n')
			end += (char_cols(end, &n), n); /* always one character */
		fprintf(fp, "%*s%.*s\n", first ? 0 : indent, "", (int)(end - p),
		    p);
		first = 0;
		p = end;
		while (*p == ' ' || *p == '\n')
			p++;
	}
}

/*
 * The summary's topics (explain_summary.c), listed here for xgettext: the
 * text report prints them translated, padded to 12 columns; json keeps
 * them as its keys.
 */
static const char *const topic_words[] = {
	N_("processes"), N_("threads"), N_("worker"), N_("listen"),
	N_("tls"), N_("tls-protocol"), N_("ciphers"), N_("timeout"),
	N_("graceful"), N_("keepalive"), N_("logs"), N_("app"),
};

static const char *
pad_topic(const char *topic, char *buf, size_t len)
{
	(void)topic_words;
	return rpt_pad(_(topic), 12, buf, len);
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

/* Columns of a severity word: a CJK character is 3 bytes and 2 columns. */
static int
word_cols(const char *w)
{
	int cols = 0;

	for (; *w; w++)
		if (((unsigned char)*w & 0xc0) != 0x80)
			cols += (unsigned char)*w >= 0xe0 ? 2 : 1;
	return cols;
}

void
rpt_explain_findings_at(FILE *fp, const struct findings *fs, struct span at,
    char *shown, const struct rpt_style *st)
{
	size_t i;

	for (i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		const char *c = f->severity == SEV_ERROR ? st->red :
		    f->severity == SEV_WARNING ? st->yellow : st->cyan;
		const char *word = rpt_sev_word(f->severity);

		if (shown[i] || (at.src != NULL && !span_inside(f->span, at)))
			continue;
		shown[i] = 1;
		fprintf(fp, "    %s%s%s[%s %s]: ", c, word, st->reset, f->rule,
		    f->slug);
		wrap(fp, fnd_message(f), 4 + word_cols(word) +
		    (int)strlen(f->rule) + (int)strlen(f->slug) + 5, 6, 78);
		if (f->help)
			fprintf(fp, "      %s %s\n", _("help:"), fnd_help(f));
	}
}

static void
print_option(FILE *fp, const struct gl_launch *l, const struct av_opt *o,
    const struct findings *fs, char *shown, const struct rpt_style *st)
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
		fprintf(fp, "    %s\n", o->kind == AV_HELP ? _("prints gunicorn's "
		    "help and exits") : _("prints gunicorn's version and exits"));
		return;
	}
	value = v ? xstrdup(launch_value_printed(v)) : xstrdup("?");
	fprintf(fp, _("    sets %s = %s%s%s (default %s)\n"), o->def->name,
	    st->green, value, st->reset, o->def->default_text);
	free(value);
	if (o->def->summary)
		fputs("    ", fp), wrap(fp, _(o->def->summary), 4, 4, 78);
	if (o->def->explain)
		fputs("    ", fp), wrap(fp, _(o->def->explain), 4, 4, 78);
	rpt_explain_findings_at(fp, fs, whole, shown, st);
}

static void
print_parse(FILE *fp, const struct gl_launch *l, const struct av_result *r,
    const char *title, const struct findings *fs, char *shown,
    const struct rpt_style *st)
{
	size_t i;

	if (r == NULL || r->opts.n == 0)
		return;
	fprintf(fp, "\n%s", st->bold);
	fprintf(fp, _("Options in %s"), title);
	fprintf(fp, "%s\n", st->reset);
	for (i = 0; i < r->opts.n; i++) {
		if (i)
			fputc('\n', fp);
		print_option(fp, l, &r->opts.v[i], fs, shown, st);
	}
}

/* Settings that came from the environment rather than an option. */
static void
print_env_values(FILE *fp, const struct gl_launch *l, const struct rpt_style *st)
{
	const struct launch_value *const *vals;
	size_t i, n = launch_values(l->model, &vals), shown = 0;

	for (i = 0; i < n; i++) {
		if (vals[i]->origin != LO_ENV_DEFAULT)
			continue;
		if (shown++ == 0)
			fprintf(fp, "\n%s%s%s\n", st->bold, _("From the environment"),
			    st->reset);
		fprintf(fp, _("  %s = %s (from %s)\n"), vals[i]->def->name,
		    launch_value_printed(vals[i]), vals[i]->origin_name);
	}
}

/* What the config file sets: each setting at its last binding, in file order. */
static void
print_config(FILE *fp, const struct gl_launch *l, const struct findings *fs,
    char *shown, const struct rpt_style *st)
{
	const struct gl_launch_conf *c = l->conf;
	const struct launch_value *v;
	const struct py_item *it;
	size_t i, n = 0;

	if (!launch_conf_read(l) || c->file == NULL)
		return;
	for (i = 0; i < c->res.n; i++) {
		it = &c->res.v[i];
		if (it->name == NULL || py_result_final(&c->res, it->name) != it ||
		    (v = launch_get(l->model, it->name)) == NULL ||
		    (it->kind != PY_ASSIGN && it->kind != PY_RUNTIME &&
		    it->kind != PY_HOOK))
			continue;
		fprintf(fp, "%s", n++ ? "\n" : "");
		if (n == 1) {
			fprintf(fp, "\n%s", st->bold);
			fprintf(fp, _("Settings in %s"), c->file->src->name);
			fprintf(fp, "%s\n", st->reset);
		}
		fprintf(fp, "  %s%.*s%s  %s(", st->bold, (int)it->span.len,
		    it->span.src->text + it->span.off, st->reset, st->dim);
		where(fp, it->span);
		fprintf(fp, ")%s\n", st->reset);
		if (it->kind == PY_RUNTIME) {
			char *t = xasprintf(_("sets %s when gunicorn runs: not "
			    "known here (%s)"), it->name, it->why);

			fputs("    ", fp), wrap(fp, t, 4, 4, 78);
			free(t);
		} else if (v->origin > LO_CONFIG)
			fprintf(fp, _("    overridden: %s = %s%s%s comes from %s\n"),
			    it->name, st->green, launch_value_printed(v),
			    st->reset, v->origin_name);
		else
			fprintf(fp, _("    sets %s = %s%s%s (default %s)\n"),
			    it->name, st->green, launch_value_printed(v),
			    st->reset, v->def->default_text);
		if (v->def->summary)
			fputs("    ", fp), wrap(fp, _(v->def->summary), 4, 4, 78);
		rpt_explain_findings_at(fp, fs, it->span, shown, st);
	}
}

void
rpt_explain_text(const struct gl_launch *l, const struct findings *fs, FILE *fp,
    const struct rpt_style *st)
{
	struct ex_summary sum = { 0 };
	char pad[64];
	char *shown = xcalloc(fs->n + 1, 1);
	size_t i;

	fprintf(fp, "%s%s%s (gunicorn %s", st->bold, l->id, st->reset,
	    gv_name(l->version));
	if (l->version_from != NULL && l->version_from->span.src != NULL) {
		unsigned line, col;

		/* the pin that chose the table: gunicorn==X, a lock entry */
		src_position(l->version_from->span.src,
		    l->version_from->span.off, &line, &col);
		if (pydeps_version_cmp(l->version_from->pinned,
		    gv_name(l->version)) != 0)
			fprintf(fp, _(", the table for %s"),
			    l->version_from->pinned);
		fprintf(fp, _(" from %s:%u"), l->version_from->span.src->name,
		    line);
	}
	fputs(")\n", fp);
	if (l->stopped) {
		fputs(_("\ngunicorn would not start:\n"), fp);
		rpt_explain_findings_at(fp, fs, (struct span){ NULL, 0, 0 }, shown, st);
	} else {
		ex_summarize(l, &sum);
		fputc('\n', fp);
		for (i = 0; i < sum.n; i++) {
			fprintf(fp, "  %s ", pad_topic(sum.v[i].topic, pad,
			    sizeof(pad)));
			wrap(fp, sum.v[i].text, 15, 15, 78);
		}
		ex_summary_free(&sum);
	}
	print_config(fp, l, fs, shown, st);
	print_parse(fp, l, launch_cmd_args(l->model), "GUNICORN_CMD_ARGS", fs,
	    shown, st);
	if (!l->conf_only)
		print_parse(fp, l, launch_cli(l->model), _("the command line"), fs,
		    shown, st);
	print_env_values(fp, l, st);
	for (i = 0; i < fs->n && shown[i]; i++)
		;
	if (i < fs->n) {
		fprintf(fp, "\n%s%s%s\n", st->bold, _("Also"), st->reset);
		rpt_explain_findings_at(fp, fs, (struct span){ NULL, 0, 0 }, shown, st);
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
	const struct launch_value *const *vals;
	const struct av_result *parses[2];
	size_t i, j, n;

	cJSON_AddStringToObject(o, "id", l->id);
	cJSON_AddStringToObject(o, "gunicorn_version", gv_name(l->version));
	if (l->version_from != NULL && l->version_from->span.src != NULL) {
		unsigned line, col;
		char *at;

		src_position(l->version_from->span.src,
		    l->version_from->span.off, &line, &col);
		at = xasprintf("%s:%u", l->version_from->span.src->name, line);
		cJSON_AddStringToObject(o, "gunicorn_version_from", at);
		free(at);
	}
	cJSON_AddBoolToObject(o, "starts", !l->stopped);
	arr = cJSON_AddObjectToObject(o, "summary");
	if (!l->stopped) {
		int was = gl_i18n_enable(0); /* json keeps the English text */

		ex_summarize(l, &sum);
		gl_i18n_enable(was);
	}
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
		cJSON_AddItemToObject(it, "value", pyjson(vals[i]->value));
		cJSON_AddStringToObject(it, "printed",
		    launch_value_printed(vals[i]));
		cJSON_AddStringToObject(it, "default", vals[i]->def->default_text);
		cJSON_AddStringToObject(it, "from", vals[i]->origin_name);
		if (vals[i]->runtime != NULL) /* value is only the default */
			cJSON_AddStringToObject(it, "runtime", vals[i]->runtime);
		if (vals[i]->spans.n)
			cJSON_AddItemToObject(it, "span", span_json(
			    vals[i]->spans.v[vals[i]->spans.n - 1]));
		cJSON_AddItemToObject(eff, vals[i]->def->name, it);
	}
	return o;
}

void
rpt_explain_json(const struct gl_launches *ls, const struct findings *fs,
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

void
rpt_style_init(struct rpt_style *st, int color)
{
	static const struct rpt_style off = { 0, "", "", "", "", "", "", "" };
	static const struct rpt_style on = { 1, "\033[1m", "\033[2m",
	    "\033[1;31m", "\033[1;33m", "\033[1;36m", "\033[32m", "\033[0m" };

	*st = color ? on : off;
}
