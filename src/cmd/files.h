/*
 * files.h: which files to read: the paths given, directories walked in a
 * stable (sorted) order, each file's kind told from its name and, for
 * paths named explicitly, its content.  Excluded globs come from the
 * config file.
 */
#ifndef GL_FILES_H
#define GL_FILES_H

#include <stddef.h>

#include "config/config.h"

enum file_kind {
	FK_UNKNOWN,
	FK_DOCKERFILE,
	FK_YAML,       /* Kubernetes or compose: told apart after parsing */
	FK_ARGS,       /* a GUNICORN_CMD_ARGS value (stdin with --kind args) */
};

struct input_file {
	char *path;           /* as given or found; "-" for stdin */
	enum file_kind kind;
	int explicit_path;    /* named on the command line */
};

struct input_files {
	struct input_file *v;
	size_t n, cap;
};

/* "dockerfile", "k8s", "compose", "yaml", "args" → kind; -1 if unknown. */
int files_kind_parse(const char *name, enum file_kind *out);
/* The kind a file name suggests (FK_UNKNOWN when none). */
enum file_kind files_kind_of(const char *path);

/*
 * Collects the inputs under `paths` (files and directories).  stdin_kind
 * is the kind of "-" (--kind).  Returns 0, or 2 after printing why (a path
 * that does not exist, an explicit file of unknown kind).
 */
int files_collect(const char *const *paths, size_t n, enum file_kind stdin_kind,
    const struct gcfg *cfg, struct input_files *out);
void files_free(struct input_files *f);

#endif
