/*
 * settings.c: look-ups in gunicorn's settings table, the one generated at
 * build time (tools/gen_settings.c) or one loaded with --rules-dir.
 */
#include <stdlib.h>
#include <string.h>

#include "gunicorn/settings_schema_int.h"

/* Generated from rules/gunicorn/settings.yaml. */
extern const struct set_def set_builtin[];
extern const size_t set_builtin_count;
extern const struct set_flag *const set_builtin_flags[GV__COUNT];
extern const size_t set_builtin_nflags[GV__COUNT];

static struct set_table *loaded;

static const struct set_def *
defs(size_t *n)
{
	if (loaded != NULL) {
		*n = loaded->ndefs;
		return loaded->defs;
	}
	*n = set_builtin_count;
	return set_builtin;
}

static int
in_release(const struct set_def *d, enum gl_version v)
{
	return (unsigned)v < GV__COUNT && (d->versions & GV_BIT(v));
}

/* Binary search for the first entry named `name`; the table is sorted by name. */
const struct set_def *
set_find(const char *name, enum gl_version v)
{
	size_t n, lo = 0, hi;
	const struct set_def *t = defs(&n);

	hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(t[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && strcmp(t[lo].name, name) == 0; lo++)
		if (in_release(&t[lo], v))
			return &t[lo];
	return NULL;
}

size_t
set_list(enum gl_version v, const struct set_def **out, size_t max)
{
	size_t n, i, k = 0;
	const struct set_def *t = defs(&n);

	for (i = 0; i < n; i++) {
		if (!in_release(&t[i], v))
			continue;
		if (k < max)
			out[k] = &t[i];
		k++;
	}
	return k;
}

static int
order_cmp(const void *a, const void *b)
{
	const struct set_def *x = *(const struct set_def *const *)a;
	const struct set_def *y = *(const struct set_def *const *)b;

	return (x->order > y->order) - (x->order < y->order);
}

size_t
set_list_defined(enum gl_version v, const struct set_def **out, size_t max)
{
	size_t n = set_list(v, out, max), all, i, k;
	const struct set_def **slot;

	if (out == NULL || n == 0 || max < n) {
		if (out != NULL && n > 0 && max > 0)
			qsort(out, n < max ? n : max, sizeof(*out), order_cmp);
		return n;
	}
	/* orders are distinct and below the table's size: place each */
	(void)defs(&all);
	slot = xcalloc(all + 1, sizeof(*slot));
	for (i = 0, k = 0; i < n; i++)
		if (out[i]->order < all && slot[out[i]->order] == NULL) {
			slot[out[i]->order] = out[i];
			k++;
		}
	if (k == n) {
		for (i = 0, k = 0; i < all; i++)
			if (slot[i] != NULL)
				out[k++] = slot[i];
	} else /* not so (a table from --rules-dir?): sort */
		qsort(out, n, sizeof(*out), order_cmp);
	free(slot);
	return n;
}

size_t
set_count_all(void)
{
	size_t n;

	defs(&n);
	return n;
}

const struct set_def *
set_at(size_t i)
{
	size_t n;
	const struct set_def *t = defs(&n);

	return i < n ? &t[i] : NULL;
}

size_t
set_flags(enum gl_version v, const struct set_flag **out)
{
	if ((unsigned)v >= GV__COUNT) {
		*out = NULL;
		return 0;
	}
	if (loaded != NULL) {
		*out = loaded->flags[v];
		return loaded->nflags[v];
	}
	*out = set_builtin_flags[v];
	return set_builtin_nflags[v];
}

const struct set_def *
set_find_flag(const char *flag, enum gl_version v)
{
	const struct set_flag *f;
	size_t lo = 0, hi = set_flags(v, &f);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(flag, f[mid].flag);

		if (c == 0)
			return f[mid].def;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

int
set_load_dir(const char *dir, char **err)
{
	struct set_table *t;
	char *path;
	int rc;

	if (dir == NULL) {
		set_table_free(loaded);
		loaded = NULL;
		return 0;
	}
	path = xasprintf("%s/gunicorn/settings.yaml", dir);
	rc = set_table_load(path, NULL, 0, &t, err);
	free(path);
	if (rc < 0)
		return -1;
	set_table_free(loaded);
	loaded = t;
	return 0;
}

size_t
set_flags_prefix(enum gl_version v, const char *prefix,
    const struct set_flag **first)
{
	const struct set_flag *f;
	size_t n = set_flags(v, &f), lo = 0, hi = n, k, len = strlen(prefix);

	/* Lower bound: the first flag not sorting before the prefix. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(f[mid].flag, prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < n && strncmp(f[k].flag, prefix, len) == 0; k++)
		;
	*first = lo < n ? &f[lo] : NULL;
	return k - lo;
}
