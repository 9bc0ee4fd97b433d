/*
 * inputs.h: turns what the user gave on gunilint's command line (--args
 * values, --env, a gunicorn command line after --, files) into launches:
 * each one evaluated with gunicorn's own precedence and ready for the
 * rules and the explainer.
 */
#ifndef GL_INPUTS_H
#define GL_INPUTS_H

#include "model/launch.h"
#include "opts.h"
#include "rules/engine.h"

struct gl_launch {
	char *id;                  /* "GUNICORN_CMD_ARGS", "command line"... */
	struct launch *model;
	struct lint_launch lint;
	int stopped;               /* launch_eval said gunicorn would stop */
	/* Storage the model points into. */
	struct sw_words argv;
	VEC(struct launch_env) env;
	const struct set_def **defs;
};

struct gl_launches {
	struct gl_launch *v;
	size_t n, cap;
	size_t nfiles;             /* inputs read, for the report summary */
};

/* The release selected with --gunicorn-version (or the newest). */
int inputs_version(const struct gl_opts *o, enum gl_version *v);

/*
 * Builds and evaluates every launch the options name.  check_host: judge
 * paths, users and groups on this machine (the gunicorn format).
 * Returns 0, or 2 after printing a usage error.
 */
int inputs_collect(const struct gl_opts *o, int check_host,
    struct gl_launches *out);
void inputs_free(struct gl_launches *ls);

/* Parse-level findings (GL002–GL007) for a launch gunicorn would stop. */
void inputs_parse_findings(const struct gl_launch *l, struct findings *fs);

#endif
