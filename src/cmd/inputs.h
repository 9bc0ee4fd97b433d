/*
 * inputs.h: turns what the user gave on gunilint's command line (--args
 * values, --env, a gunicorn command line after --, files) into launches:
 * each one evaluated with gunicorn's own precedence and ready for the
 * rules and the explainer.
 */
#ifndef GL_INPUTS_H
#define GL_INPUTS_H

#include "config/config.h"
#include "front/dockerfile.h"
#include "front/k8s.h"
#include "model/launch.h"
#include "opts.h"
#include "rules/engine.h"
#include "rules/suppress.h"

struct gl_launch {
	char *id;                  /* "GUNICORN_CMD_ARGS", "command line"... */
	struct launch *model;
	struct lint_launch lint;
	int stopped;               /* launch_eval said gunicorn would stop */
	/* Where it came from, for the orchestration and image rules. */
	const struct k8s_launch *k8s;  /* a Kubernetes container or compose service */
	const struct df_file *df;      /* the Dockerfile whose final stage runs it */
	/*
	 * Words a shell computes when the container starts ($NAME the image
	 * does not set): findings about them are dropped, their value is
	 * not known here.
	 */
	VEC(struct span) runtime;
	/* Storage the model points into. */
	struct sw_words argv;
	VEC(struct launch_env) env;
	VEC(size_t *) offmaps;
};

struct gl_launches {
	struct gl_launch *v;
	size_t n, cap;
	size_t nfiles;             /* inputs read, for the report summary */
	const char **paths;        /* their names, so -o never overwrites one */
	size_t unreadable;         /* inputs that could not be read: exit 2 */
	size_t npaths;
	/* What the launches point into, freed with them. */
	struct k8s_set *ks;
	VEC(struct ydoc_stream *) docs;
	VEC(struct df_file *) dfs;
	VEC(struct sup_set *) sups; /* inline suppressions of each file */
	/* Each release's settings in definition order, listed once per run. */
	const struct set_def **defs[GV__COUNT];
	size_t ndefs[GV__COUNT];
};

/* The release selected with --gunicorn-version (or the newest). */
int inputs_version(const struct gl_opts *o, enum gl_version *v);

/*
 * Builds and evaluates every launch the options name.  check_host: judge
 * paths, users and groups on this machine (the gunicorn format).
 * Returns 0, or 2 after printing a usage error.
 */
int inputs_collect(const struct gl_opts *o, int check_host,
    const struct gcfg *cfg, struct gl_launches *out, struct findings *fs);
void inputs_free(struct gl_launches *ls);

/*
 * Reads one input file ("-": stdin).  NULL after saying on stderr why it
 * could not be read (counted in ls->unreadable; the other inputs are
 * still checked).
 */
struct source *inputs_read(struct gl_launches *ls, const char *path);

/* Parse-level findings (GL002–GL007) for a launch gunicorn would stop. */
void inputs_parse_findings(const struct gl_launch *l, struct findings *fs);

/*
 * Every check on one launch: the parse errors gunicorn would stop with, or
 * the settings rules, plus the orchestration rules for containers (lint.c).
 */
void lint_launch(const struct gl_launches *ls, const struct gl_launch *l,
    struct findings *fs);

#endif
