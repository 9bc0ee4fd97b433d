/* patterns_schema.h: the libcyaml schema of rules/patterns.yaml, for the build-time generator. */
#ifndef GL_PATTERNS_SCHEMA_H
#define GL_PATTERNS_SCHEMA_H

#include "core/core.h"
#include "rules/envnames_int.h"

#define PATTERNS_MAX_ENV_NAMES 64

struct patterns_file {
	struct env_name *env_names;
	unsigned nenv_names;
};

/*
 * Loads rules/patterns.yaml and checks that every pattern compiles with
 * PCRE2; -1 with *err (naming the file and the pattern) on failure.
 */
int patterns_load(const char *path, struct patterns_file **out, char **err);
void patterns_free(struct patterns_file *pf);

#endif
