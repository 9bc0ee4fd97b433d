/* inputs_int.h: internal to the input loaders of src/cmd (inputs.c, input_*.c). */
#ifndef GL_INPUTS_INT_H
#define GL_INPUTS_INT_H

#include "files.h"
#include "inputs.h"

struct launch_opts {
	enum gl_version version;
	int check_host;
	const char *cwd;       /* startup directory (WORKDIR in a container) */
	long uid, gid;
	int cli_unknown;       /* the real command line is not known */
	double cpus;           /* --cpus, or < 0 */
	const char *root;      /* --root: where the image's files are, or NULL */
};

struct gl_launch *launch_begin(struct gl_launches *out, const char *id,
    const struct launch_opts *lo);
/* An environment variable; offmap (taken, may be NULL) maps value bytes. */
void launch_add_env(struct gl_launch *l, const char *name, const char *value,
    struct span span, size_t *offmap);
void launch_finish(struct gl_launch *l, const struct launch_opts *lo,
    struct span anchor);

/* Loads every Dockerfile input; its final stage's gunicorn launch, if any. */
void input_docker_load(struct gl_launches *out, const struct gl_opts *o,
    const struct launch_opts *lo, const struct input_files *files,
    struct findings *fs);

/* Loads every YAML input (Kubernetes and compose) as launches. */
void input_yaml_load(struct gl_launches *out, const struct gl_opts *o,
    const struct launch_opts *lo, const struct input_files *files,
    struct findings *fs);

/*
 * The byte offsets in sp's source of each byte of value, matched in order
 * (quotes and YAML folding skipped); NULL when value is not found that way.
 */
size_t *span_offmap(struct span sp, const char *value, size_t len);

#endif
