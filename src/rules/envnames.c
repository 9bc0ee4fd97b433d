/*
 * envnames.c: near-miss spellings of the variables gunicorn reads: the
 * declarative patterns of rules/patterns.yaml (PCRE2, compiled once, JIT
 * where available) plus case, separators and edit distance.
 */
#include <ctype.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "core/core.h"
#include "rules/envnames_int.h"
#include "rules/patterns_schema_int.h"

/* Generated at build time from rules/patterns.yaml (tools/gen_patterns.c). */
extern const size_t env_names_count;

/* Compiled on first use, once per run. */
static pcre2_code *compiled[PATTERNS_MAX_ENV_NAMES];

static int
pattern_match(size_t k, const char *s)
{
	pcre2_match_data *md;
	int errcode, r;
	PCRE2_SIZE erroff;

	if (compiled[k] == NULL) {
		compiled[k] = pcre2_compile((PCRE2_SPTR)env_names[k].near_miss,
		    PCRE2_ZERO_TERMINATED, PCRE2_CASELESS, &errcode, &erroff,
		    NULL);
		if (compiled[k] == NULL)
			gl_die("internal error: bad pattern '%s'",
			    env_names[k].near_miss);
		(void)pcre2_jit_compile(compiled[k], PCRE2_JIT_COMPLETE);
	}
	md = pcre2_match_data_create_from_pattern(compiled[k], NULL);
	r = pcre2_match(compiled[k], (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return r >= 0;
}

/* Upper case with everything but letters and digits removed. */
static void
letters(const char *s, char *out, size_t cap)
{
	size_t n = 0;

	for (; *s && n + 1 < cap; s++)
		if (isalnum((unsigned char)*s))
			out[n++] = (char)toupper((unsigned char)*s);
	out[n] = '\0';
}

const char *
env_near_miss(const char *name)
{
	char a[64], b[64];
	size_t k, len, max;

	for (k = 0; k < env_names_count; k++)
		if (strcmp(name, env_names[k].name) == 0)
			return NULL;
	letters(name, a, sizeof(a));
	for (k = 0; k < env_names_count; k++) {
		len = strlen(env_names[k].name);
		max = len >= 12 ? 2 : len >= 8 ? 1 : 0;
		letters(env_names[k].name, b, sizeof(b));
		if (pattern_match(k, name) || strcmp(a, b) == 0 ||
		    (max > 0 && str_distance(name, env_names[k].name, 1) <= max))
			return env_names[k].name;
	}
	return NULL;
}
