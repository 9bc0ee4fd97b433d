/*
 * glob.c: the exclude patterns of .gunilint.yaml: shell globs over paths
 * where `**` crosses directories, as in .gitignore and most CI tools.
 */
#include <fnmatch.h>
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

static int
match(const char *p, const char *s)
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
					if (match(p, s))
						return 1;
					if (*s == '\0')
						return 0;
				}
			}
			for (;; s++) {
				if (match(p + 1, s))
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
		return match(pattern, base ? base + 1 : path);
	}
	/* "dir/" excludes everything under dir. */
	if (pattern[strlen(pattern) - 1] == '/') {
		size_t n = strlen(pattern);

		return strncmp(pattern, path, n) == 0 ||
		    (strncmp(pattern, path, n - 1) == 0 && path[n - 1] == '\0');
	}
	return match(pattern, path);
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
