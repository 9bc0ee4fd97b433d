/*
 * envnames.h: the environment variables gunicorn itself reads, in one
 * table, and the one test for a name that nearly spells one of them
 * (used by the Dockerfile rule GL402 and the manifest rule GL508).
 */
#ifndef GL_ENVNAMES_H
#define GL_ENVNAMES_H

struct env_name {
	const char *name;
	const char *near_miss; /* PCRE2 pattern (caseless) of common misspellings */
	const char *what;      /* what gunicorn does with it */
};

/* From rules/patterns.yaml; terminated by a NULL name. */
extern const struct env_name env_names[];

/*
 * The variable gunicorn reads that `name` nearly spells, or NULL (also for
 * the exact names): a known misspelling pattern, the same letters with
 * other case or separators, or an edit distance of 1 (2 for names of 12
 * letters or more).
 */
const char *env_near_miss(const char *name);

#endif
