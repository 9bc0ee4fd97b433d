/*
 * probe_report.c: prints a probe report as text (one line per step with
 * its time) or as JSON (schema 1, cJSON).  The probe's report is not a
 * list of findings, so it has its own printer; its static findings are
 * printed the way the text/json reporters print findings.  The text is in
 * the selected language but for the step names, which are ids; JSON is
 * English.
 */
#include <string.h>

#include <cjson/cJSON.h>

#include "probe_int.h"
#include "report/report.h"

static const char *const status_names[] = {
	[PROBE_PASS] = "pass", [PROBE_WARN] = "warn", [PROBE_FAIL] = "fail",
	[PROBE_SKIP] = "skip", [PROBE_INFO] = "info",
};

/* TRANSLATORS: a probe step's status in the text report; at most 4
 * columns wide */
static const char *const status_words[] = {
	[PROBE_PASS] = N_("pass"), [PROBE_WARN] = N_("warn"),
	[PROBE_FAIL] = N_("fail"), [PROBE_SKIP] = N_("skip"),
	[PROBE_INFO] = N_("info"),
};

static const char *const mode_names[] = {
	[PROBE_INPROC] = "in-process", [PROBE_EXEC] = "exec",
	[PROBE_TARGET] = "target",
};

/* TRANSLATORS: how the probe ran: in gunilint, or by running gunicorn */
static const char *const mode_words[] = {
	[PROBE_INPROC] = N_("in-process"), [PROBE_EXEC] = N_("exec"),
	[PROBE_TARGET] = N_("target"),
};

static void
where_of(const struct finding *f, char *buf, size_t n)
{
	unsigned line, col;

	if (f->span.src == NULL) {
		snprintf(buf, n, "settings");
		return;
	}
	src_position(f->span.src, f->span.off, &line, &col);
	snprintf(buf, n, "%s:%u:%u", f->span.src->name, line, col);
}

static void
counts(const struct probe_report *r, int c[5])
{
	size_t i;

	memset(c, 0, 5 * sizeof(int));
	for (i = 0; i < r->steps.n; i++)
		c[r->steps.v[i].status]++;
}

void
probe_print_text(FILE *fp, const struct probe_report *r)
{
	size_t i;
	int c[5];
	char where[256], pad[32];

	if (r->mode == PROBE_TARGET)
		fprintf(fp, _("probe (target): %s\n"), r->where ? r->where : "");
	else
		/* TRANSLATORS: the mode (static checks, in-process, exec), the
		 * worker class, gunicorn's release, then ", ADDRESS" or "" */
		fprintf(fp, _("probe (%s): %s worker, gunicorn %s%s%s\n"),
		    r->static_only ? _("static checks") : _(mode_words[r->mode]),
		    r->worker, r->version, r->where ? ", " : "",
		    r->where ? r->where : "");
	for (i = 0; i < r->static_findings.n; i++) {
		const struct finding *f = &r->static_findings.v[i];

		where_of(f, where, sizeof(where));
		fprintf(fp, "  %s: %s: %s [%s %s]\n", where,
		    rpt_sev_word(f->severity), fnd_message(f), f->rule, f->slug);
	}
	for (i = 0; i < r->steps.n; i++) {
		const struct probe_step *s = &r->steps.v[i];

		fprintf(fp, "  %s  %-12s %8.1f ms  %s\n",
		    rpt_pad(_(status_words[s->status]), 4, pad, sizeof(pad)),
		    s->name, s->ms,
		    s->detail_l10n && gl_i18n_on() ? s->detail_l10n :
		    s->detail);
	}
	counts(r, c);
	if (r->static_only) {
		fprintf(fp, gl_ngettext("%zu finding\n", "%zu findings\n",
		    r->static_findings.n), r->static_findings.n);
		return;
	}
	fprintf(fp, _("%d passed, %d warnings, %d failed, %d info (%.0f ms)\n"),
	    c[PROBE_PASS], c[PROBE_WARN], c[PROBE_FAIL], c[PROBE_INFO],
	    r->total_ms);
	if (r->server_log != NULL && c[PROBE_FAIL] > 0)
		fprintf(fp, _("--- gunicorn's output ---\n%s%s"), r->server_log,
		    r->server_log[0] && r->server_log[strlen(r->server_log) - 1]
		    != '\n' ? "\n" : "");
}

static cJSON *
findings_json(const struct findings *fs)
{
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		cJSON *o = cJSON_CreateObject();
		unsigned line, col;

		cJSON_AddStringToObject(o, "rule", f->rule);
		cJSON_AddStringToObject(o, "slug", f->slug);
		cJSON_AddStringToObject(o, "severity", sev_name(f->severity));
		cJSON_AddStringToObject(o, "message", f->message);
		if (f->span.src != NULL) {
			src_position(f->span.src, f->span.off, &line, &col);
			cJSON_AddStringToObject(o, "file", f->span.src->name);
			cJSON_AddNumberToObject(o, "line", line);
			cJSON_AddNumberToObject(o, "column", col);
		}
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

void
probe_print_json(FILE *fp, const struct probe_report *r)
{
	cJSON *root = cJSON_CreateObject(), *steps, *sum;
	size_t i;
	int c[5];
	char *text;

	cJSON_AddNumberToObject(root, "schema", 1);
	cJSON_AddStringToObject(root, "mode", mode_names[r->mode]);
	cJSON_AddStringToObject(root, "worker", r->worker);
	cJSON_AddStringToObject(root, "gunicorn", r->version);
	if (r->where)
		cJSON_AddStringToObject(root, "address", r->where);
	if (r->protocol)
		cJSON_AddStringToObject(root, "protocol", r->protocol);
	if (r->cipher)
		cJSON_AddStringToObject(root, "cipher", r->cipher);
	cJSON_AddItemToObject(root, "findings",
	    findings_json(&r->static_findings));
	steps = cJSON_AddArrayToObject(root, "steps");
	for (i = 0; i < r->steps.n; i++) {
		const struct probe_step *s = &r->steps.v[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "name", s->name);
		cJSON_AddStringToObject(o, "status", status_names[s->status]);
		cJSON_AddNumberToObject(o, "ms", (double)(long)(s->ms * 10) / 10);
		cJSON_AddStringToObject(o, "detail", s->detail);
		cJSON_AddItemToArray(steps, o);
	}
	counts(r, c);
	sum = cJSON_AddObjectToObject(root, "summary");
	cJSON_AddNumberToObject(sum, "pass", c[PROBE_PASS]);
	cJSON_AddNumberToObject(sum, "warn", c[PROBE_WARN]);
	cJSON_AddNumberToObject(sum, "fail", c[PROBE_FAIL]);
	cJSON_AddNumberToObject(sum, "info", c[PROBE_INFO]);
	cJSON_AddNumberToObject(sum, "ms", (double)(long)r->total_ms);
	cJSON_AddBoolToObject(sum, "failed", probe_failed(r));
	if (r->server_log)
		cJSON_AddStringToObject(root, "server_log", r->server_log);
	text = cJSON_Print(root);
	fprintf(fp, "%s\n", text);
	cJSON_free(text);
	cJSON_Delete(root);
}
