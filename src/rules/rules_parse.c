/*
 * rules_parse.c: the parse family (GL002-GL007): a launch gunicorn would
 * refuse while reading its options gets one finding, with gunicorn's own
 * message and exit status, at the word that made it stop.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/rules_int.h"

/* argparse's error kinds → the GL0xx rule that reports them. */
static const char *
parse_rule(enum av_err code)
{
	switch (code) {
	case AV_ERR_AMBIGUOUS: return "GL004";
	case AV_ERR_EXPECTED_ARG: return "GL005";
	case AV_ERR_EXPLICIT_ARG: return "GL007";
	case AV_ERR_INVALID_TYPE: return "GL006";
	case AV_ERR_UNRECOGNIZED: return "GL003";
	case AV_OK: break;
	}
	return "GL006";
}

/* "did you mean --keep-alive?" for an unknown option word. */
static void
suggest_flag(struct finding *f, const char *word, enum gl_version v)
{
	const struct set_flag *flags;
	const char **names;
	const char *best;
	size_t i, n = set_flags(v, &flags), len = strcspn(word, "=");
	char *w = xstrndup(word, len);

	names = xcalloc(n + 1, sizeof(*names));
	for (i = 0; i < n; i++)
		names[i] = flags[i].flag;
	if (len > 2 && (best = str_nearest(w, names, n, len / 3 + 1, 0)) != NULL)
		fnd_set_help(f, "did you mean '%s'?", best);
	free(names);
	free(w);
}

static void
parse_stop(const struct gl_launch *l, struct findings *fs)
{
	const struct launch_error *e = launch_error(l->model);
	const struct av_result *r;
	const char *rule, *msg;
	struct finding *f;

	if (e == NULL || e->status == 0)
		return;
	r = e->origin == LO_CMD_ARGS ? launch_cmd_args(l->model) :
	    e->origin == LO_CLI ? launch_cli(l->model) : NULL;
	msg = e->message;
	if (strncmp(msg, "gunicorn: error: ", 17) == 0)
		msg += 17;
	else if (strncmp(msg, "Error: ", 7) == 0)
		msg += 7;
	if (strstr(msg, "No closing quotation") || strstr(msg, "No escaped character"))
		rule = "GL002";
	else if (r != NULL && r->err.code != AV_OK)
		rule = parse_rule(r->err.code);
	else
		rule = "GL006";
	f = fnd_add(fs, rule, e->span.src ? e->span : l->anchor,
	    "gunicorn stops (exit status %d): %s%s%s", e->status,
	    e->detail ? e->detail : "", e->detail ? ": " : "", msg);
	f->launch = xstrdup(l->id);
	if (strcmp(rule, "GL003") == 0 && r != NULL && r->unknown.n > 0)
		suggest_flag(f, l->stopped && e->origin == LO_CMD_ARGS ?
		    launch_cmd_args_words(l->model)->v[r->unknown.v[0]].value :
		    l->argv.v[r->unknown.v[0]].value, l->version);
}

const struct rule_check rules_parse[] = {
	{ "GL002 GL003 GL004 GL005 GL006 GL007", parse_stop },
	{ NULL, NULL },
};
