/*
 * glob.c: the exclude patterns of .gunilint.yaml: shell globs over paths
 * where `**` crosses directories, as in .gitignore and most CI tools.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

/* One [...] class at p against c; returns the pattern after it, or NULL. */
static const char *
match_class(const char *p, char c, int *ok)
{
	const char *end = p + 1;
	char cls[256], s[2] = { c, '\0' };
	size_t n;

	if (*end == '!' || *end == '^')
		end++;
	if (*end == ']')
		end++;
	while (*end != '\0' && *end != ']')
		end++;
	if (*end != ']')
		return NULL; /* no closing bracket: '[' is literal */
	n = (size_t)(end - p + 1);
	if (n >= sizeof(cls))
		return NULL;
	memcpy(cls, p, n);
	cls[n] = '\0';
	if (cls[1] == '^')
		cls[1] = '!';
	*ok = c != '/' && fnmatch(cls, s, 0) == 0;
	return end + 1;
}

/*
 * Backtracking over stars is exponential in their number ("*a*a*a*a*b",
 * "**" + "/" + "**" ...): each (pattern, path) position pair is tried at
 * most once, its failure remembered in a bit set.
 */
struct matcher {
	const char *p0, *s0;
	size_t slen;
	unsigned char *failed; /* bit (p - p0) * (slen + 1) + (s - s0) */
	size_t budget;         /* tries left: a hostile pattern matches nothing */
};

static int
match(struct matcher *m, const char *p, const char *s);

static int
match_at(struct matcher *m, const char *p, const char *s)
{
	size_t bit = (size_t)(p - m->p0) * (m->slen + 1) + (size_t)(s - m->s0);

	if (m->budget == 0 || (m->failed[bit / 8] & (1u << (bit % 8))))
		return 0;
	m->budget--;
	if (match(m, p, s))
		return 1;
	m->failed[bit / 8] |= (unsigned char)(1u << (bit % 8));
	return 0;
}

static int
match(struct matcher *m, const char *p, const char *s)
{
	const char *next;
	int ok;

	for (; *p != '\0'; p++, s++) {
		switch (*p) {
		case '*':
			if (p[1] == '*') {
				/* "**" (and "**" + "/"): any number of components. */
				p += 2;
				if (*p == '/')
					p++;
				for (;; s++) {
					if (match_at(m, p, s))
						return 1;
					if (*s == '\0')
						return 0;
				}
			}
			for (;; s++) {
				if (match_at(m, p + 1, s))
					return 1;
				if (*s == '\0' || *s == '/')
					return 0;
			}
		case '?':
			if (*s == '\0' || *s == '/')
				return 0;
			break;
		case '[':
			if (*s == '\0')
				return 0;
			if ((next = match_class(p, *s, &ok)) != NULL) {
				if (!ok)
					return 0;
				p = next - 1;
				break;
			}
			/* FALLTHROUGH */
		default:
			if (*p == '\\' && p[1] != '\0')
				p++;
			if (*p != *s)
				return 0;
		}
	}
	return *s == '\0';
}

/* No real pattern and path come near these: 512 KiB, 10 M tries. */
#define GLOB_MAX_STATES ((size_t)1 << 22)
#define GLOB_MAX_TRIES ((size_t)10000000)

static int
glob_match(const char *p, const char *s)
{
	struct matcher m;
	size_t plen = strlen(p), slen = strlen(s), states;
	int r;

	if (slen + 1 > GLOB_MAX_STATES / (plen + 1))
		return 0;
	states = (plen + 1) * (slen + 1);
	m.p0 = p;
	m.s0 = s;
	m.slen = slen;
	m.failed = xcalloc(states / 8 + 1, 1);
	m.budget = GLOB_MAX_TRIES;
	r = match(&m, p, s);
	free(m.failed);
	return r;
}

static const char *
strip_dot(const char *s)
{
	while (s[0] == '.' && s[1] == '/')
		s += 2;
	return s;
}

int
gcfg_glob_match(const char *pattern, const char *path)
{
	const char *base;

	pattern = strip_dot(pattern);
	path = strip_dot(path);
	if (strchr(pattern, '/') == NULL) {
		base = strrchr(path, '/');
		return glob_match(pattern, base ? base + 1 : path);
	}
	/* "dir/" excludes everything under dir. */
	if (pattern[strlen(pattern) - 1] == '/') {
		size_t n = strlen(pattern);

		return strncmp(pattern, path, n) == 0 ||
		    (strncmp(pattern, path, n - 1) == 0 && path[n - 1] == '\0');
	}
	return glob_match(pattern, path);
}

int
gcfg_excluded(const struct gcfg *cfg, const char *path)
{
	size_t i;

	for (i = 0; cfg != NULL && i < cfg->nexclude; i++)
		if (gcfg_glob_match(cfg->exclude[i], path))
			return 1;
	return 0;
}
