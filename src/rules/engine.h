/*
 * engine.h: the rules engine.  A rule is a C check over one launch (its
 * effective settings with provenance, the resolved worker, and whatever is
 * known about where it runs) that appends findings; it never prints.  The
 * table of checks lives in engine.c; each check's id must have a catalogue
 * entry (a unit test enforces both directions).
 */
#ifndef GL_ENGINE_H
#define GL_ENGINE_H

#include "core/core.h"
#include "model/launch.h"
#include "gunicorn/worker.h"

/* Where the launch runs, as far as the inputs tell; unknown = -1 / NULL. */
struct lint_where {
	int in_container;       /* 1: a Dockerfile, manifest or compose service */
	double cpus;            /* CPUs the process may use; < 0 unknown */
	const char *cpus_from;  /* "--cpus", "resources.limits.cpu"... */
	struct span cpus_span;
	long run_uid;           /* user the process runs as; -1 unknown */
	int net_bind_service;   /* 1: may bind ports below 1024 as non-root */
	int app_is_asgi;        /* 1 ASGI app, 0 WSGI app, -1 unknown */
	const char *framework;  /* the installed web framework that says so */
	struct span framework_span;
	int config_unread;      /* a config file gunilint does not read (-c,
				   or gunicorn.conf.py in WORKDIR) may set
				   any setting: defaults are only guesses */
	int orchestrated;       /* Kubernetes or compose: their own rules
				   judge CPU, binds and ports there */
	const char *root;       /* --root: the image's files on this disk */
	/* What provides a container path (a Secret volume, a COPY), or NULL. */
	const char *(*file_source)(const void *ctx, const char *path);
	const void *file_source_ctx;
	/* Where that file's bytes are on this disk, newly allocated, or NULL. */
	char *(*file_local)(const void *ctx, const char *path);
};

struct lint_launch {
	const char *id;            /* stable name for reports */
	const struct launch *model;
	enum gl_version version;
	struct wk_info worker;
	struct lint_where where;
	/* Where findings about defaults point (the ENV line, the --args text). */
	struct span anchor;
};

/* Fills the derived parts (worker) of l from l->model; where stays as set. */
void lint_launch_init(struct lint_launch *l, const char *id,
    const struct launch *model, enum gl_version v, struct span anchor);
void lint_where_unknown(struct lint_where *w);

/* Runs every check on the launch. */
void rules_run(const struct lint_launch *l, struct findings *fs);

/* The ids of the C checks, for the catalogue-coverage test. */
size_t rules_check_ids(const char *const **ids);

/* ---- helpers for checks (rule_util.c) ---- */

/* The effective value or NULL. */
const struct launch_value *lv(const struct lint_launch *l, const char *name);
/* Set by the user (any origin above the default)? */
int lv_given(const struct lint_launch *l, const char *name);
/* Integer value, or dflt when unset or not an int. */
long long lv_int(const struct lint_launch *l, const char *name, long long dflt);
/* String value (str or the printed text), or NULL for None. */
const char *lv_str(const struct lint_launch *l, const char *name);
int lv_bool(const struct lint_launch *l, const char *name);
/* The span of the last occurrence that set it, else the launch anchor. */
struct span lv_span(const struct lint_launch *l, const char *name);
/* The option as the user wrote it ("--threads=2"), or the setting name. */
const char *lv_written(const struct lint_launch *l, const char *name);

#endif
