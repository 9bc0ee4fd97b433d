/*
 * config.h: the .gunilint.yaml project file: which rules to ignore, per-rule
 * severities, the fail level, the gunicorn release, paths to exclude and
 * the CPU count.  Every mistake in it is an error with file:line:column.
 *
 *   ignore: [GL203, threads-ignored-by-worker]   # ids or slugs
 *   severity: {GL101: error, missing-bind: off}  # error|warning|info|off
 *   fail-level: warning                          # error|warning|info|none
 *   gunicorn-version: "23.0"
 *   exclude: [vendor/, "*.example.yaml"]          # globs; ** spans dirs
 *   cpus: 2                                      # a positive number
 *   max-file-size: 20M                           # as --max-file-size
 *
 * Discovery: without --config, the nearest .gunilint.yaml in the current
 * directory or a parent, stopping after the first directory that holds
 * .git (the repository root) or at the file-system root.
 */
#ifndef GL_CONFIG_H
#define GL_CONFIG_H

#include "core/core.h"

/*
 * How the caller names rules: an id or slug to the rule's canonical id (a
 * static string), or NULL when there is no such rule.  The catalogue lives
 * in rules/; the config file only needs to check and normalise names.
 */
typedef const char *(*gcfg_rule_fn)(const char *id_or_slug);

struct gcfg_severity {
	const char *rule;             /* canonical id */
	enum severity sev;
	int off; /* "off": the rule is ignored */
};

struct gcfg {
	char *path;                     /* the file read, NULL for none */
	const char **ignore;           /* canonical ids */
	size_t nignore;
	struct gcfg_severity *sev;
	size_t nsev;
	int has_fail_level;
	enum severity fail_level;       /* SEV_NONE for "none" */
	char *gunicorn_version;         /* NULL when not given */
	char **exclude;
	size_t nexclude;
	double cpus;                    /* 0 when not given */
	int has_max_file_size;
	size_t max_file_size;           /* 0: no limit */
};

#define GCFG_NAME ".gunilint.yaml"

/*
 * Looks for GCFG_NAME from `dir` (NULL: the current directory) upwards.
 * 1 and *path (caller frees; relative when dir is relative or NULL) when
 * found, 0 when there is none, -1 with *err when a directory cannot be
 * examined.
 */
int gcfg_find(const char *dir, char **path, char **err);

/* Reads a file, or `len` bytes of `text` named `path` when text != NULL. */
int gcfg_load(gcfg_rule_fn rn, const char *path, const char *text,
    size_t len, struct gcfg **out, char **err);
/*
 * The configuration of a run: the file `given` (--config) when not NULL,
 * else the nearest GCFG_NAME from the current directory, else an empty
 * one (path NULL).  -1 with *err when a file is wrong or unreadable.
 */
int gcfg_resolve(gcfg_rule_fn rn, const char *given, struct gcfg **out,
    char **err);
/* An empty configuration: nothing ignored, nothing set. */
struct gcfg *gcfg_new(void);
void gcfg_free(struct gcfg *cfg);

/*
 * 1 when `path` matches an exclude pattern.  Patterns are globs: `*` and
 * `?` stay within one path component, `**` spans any number of them,
 * `[...]` is a character class; a pattern without '/' matches the file's
 * base name at any depth.  A leading "./" on either side is ignored.
 */
int gcfg_excluded(const struct gcfg *cfg, const char *path);
int gcfg_glob_match(const char *pattern, const char *path);

#endif
