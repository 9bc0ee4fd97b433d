/* model_int.h: internal to src/model: building launches, and each kind's reader. */
#ifndef GL_MODEL_INT_H
#define GL_MODEL_INT_H

#include "model.h"

/* What a launch starts from before its own file says more. */
struct launch_base {
	enum gl_version version;
	int check_host;
	const char *cwd;       /* startup directory (WORKDIR in a container) */
	long uid, gid;
	int cli_unknown;       /* the real command line is not known */
	double cpus;           /* --cpus, or < 0 */
	const char *root;      /* --root: where the image's files are, or NULL */
	const char *file;      /* the input the launch comes from, or NULL */
	/* Variables it does not set may still be set when it starts (a
	 * platform's PORT): a config file's reads of them are runtime. */
	int env_open;
	/* The dependency files the launch uses and the pin that chose
	 * version (deps_choose). */
	const struct gl_deps *const *deps;
	size_t ndeps;
	int deps_installed;
	const struct pydeps_rec *version_from;
};

struct gl_launch *launch_begin(struct gl_launches *out, const char *id,
    const struct launch_base *lo);
/* An environment variable; offmap (taken, may be NULL) maps value bytes. */
void launch_add_env(struct gl_launch *l, const char *name, const char *value,
    struct span span, size_t *offmap);
void launch_finish(struct gl_launch *l, const struct launch_base *lo,
    struct span anchor);

/*
 * Reads one input file ("-": stdin) and records it in set->files.  NULL
 * after saying on stderr why it could not be read (counted in
 * set->unreadable; the other inputs are still read).
 */
struct source *set_read(struct gl_launches *set, const struct input_file *f);
/*
 * set_read() for line-oriented files (Dockerfile, requirements, Procfile,
 * env file): NULL too, after a GL013 finding, when a line is longer than
 * SET_MAX_LINE bytes; such a file is not made by hand, and the readers
 * need not cope with it.
 */
#define SET_MAX_LINE (1 << 20)
struct source *set_read_lines(struct gl_launches *set,
    const struct input_file *f, struct findings *fs);
/* The same test on a source read already: 0 after the GL013 finding. */
int set_lines_ok(const struct source *src, struct findings *fs);

/* The readers of kinds.c's table. */
void args_read(struct gl_launches *set, const struct model_opts *o,
    const struct input_file *f, struct findings *fs);
void dockerfile_read(struct gl_launches *set, const struct model_opts *o,
    const struct input_file *f, struct findings *fs);
void *dockerfile_parse(const struct model_opts *o, const struct source *src,
    struct findings *fs);
void dockerfile_take(struct gl_launches *set, const struct model_opts *o,
    const struct input_file *f, struct source *src, void *parsed,
    struct findings *fs);
void yaml_read(struct gl_launches *set, const struct model_opts *o,
    const struct input_file *f, struct findings *fs);
void *yaml_parse(const struct model_opts *o, const struct source *src,
    struct findings *fs);
void yaml_take(struct gl_launches *set, const struct model_opts *o,
    const struct input_file *f, struct source *src, void *parsed,
    struct findings *fs);
void deps_read(struct gl_launches *set, const struct model_opts *o,
    const struct input_file *f, struct findings *fs);
/*
 * Chooses the dependency files of a launch about to begin: those the
 * image installs (im, may be NULL), else, when the image has no install
 * step of its own, the nearest to `path` (the launch's file; NULL: the
 * working directory); and, unless the version
 * was given, the settings table their gunicorn pin selects.  Fills
 * lo's deps fields and version.
 */
void deps_choose(struct gl_launches *set, const struct model_opts *o,
    const struct df_image *im, const char *path, struct launch_base *lo);

void deps_free_all(struct gl_launches *set);

void yaml_finish(struct gl_launches *set, const struct model_opts *o,
    struct findings *fs);
void pyconf_read(struct gl_launches *set, const struct model_opts *o,
    const struct input_file *f, struct findings *fs);
void pyconf_after(struct gl_launches *set, const struct model_opts *o,
    struct findings *fs);
/* The config-file callback of every launch (arg: the launch set). */
enum launch_cfg_status pyconf_load(void *arg, struct launch *m,
    const char *path, struct span sp, int is_default);
void pyconf_free_all(struct gl_launches *set);
void launch_conf_free(struct gl_launch_conf *c);

/* The build-context file a Dockerfile's COPY puts at a path (ctx: the df_file). */
char *df_copy_local(const void *ctx, const char *path);
const char *df_copy_source(const void *ctx, const char *path);
void envfile_read(struct gl_launches *set, const struct model_opts *o,
    const struct input_file *f, struct findings *fs);
void envfile_after(struct gl_launches *set, const struct model_opts *o,
    struct findings *fs);
void procfile_read(struct gl_launches *set, const struct model_opts *o,
    const struct input_file *f, struct findings *fs);
/* Whether an app.yaml is App Engine's (not a Kubernetes or compose file). */
int procfile_claims(const char *path);
void systemd_read(struct gl_launches *set, const struct model_opts *o,
    const struct input_file *f, struct findings *fs);
void systemd_finish(struct gl_launches *set, const struct model_opts *o,
    struct findings *fs);

/*
 * The byte offsets in sp's source of each byte of value, matched in order
 * (quotes and YAML folding skipped); NULL when value is not found that way.
 */
size_t *span_offmap(struct span sp, const char *value, size_t len);

#endif
