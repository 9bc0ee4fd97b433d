/* catalog.c: look-ups in the rule catalogue, built in or loaded with --rules-dir. */
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "rules/catalog_schema_int.h"

/* Generated at build time from rules/catalog.yaml (tools/gen_catalog.c). */
extern const struct rule_meta cat_builtin[];
extern const size_t cat_builtin_count;

static const struct rule_meta *table = cat_builtin;
static struct cat_file *loaded;

static size_t
table_count(void)
{
	return loaded ? loaded->nrules : cat_builtin_count;
}

const struct rule_meta *
cat_find(const char *key)
{
	size_t lo = 0, hi = table_count(), i;

	if (strlen(key) == 5 && strncasecmp(key, "GL", 2) == 0) {
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = strcasecmp(key, table[mid].id);

			if (c == 0)
				return &table[mid];
			if (c < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
		return NULL;
	}
	for (i = 0; i < table_count(); i++)
		if (strcmp(key, table[i].slug) == 0)
			return &table[i];
	return NULL;
}

size_t
cat_count(void)
{
	return table_count();
}

const struct rule_meta *
cat_at(size_t i)
{
	return i < table_count() ? &table[i] : NULL;
}

int
cat_load_file(const char *path, char **err)
{
	struct cat_file *cf;

	if (cat_file_load(path, &cf, err) < 0)
		return -1;
	cat_file_free(loaded);
	loaded = cf;
	table = cf->rules;
	return 0;
}

const char *
cat_id(const char *id_or_slug)
{
	const struct rule_meta *rm = cat_find(id_or_slug);

	return rm != NULL ? rm->id : NULL;
}

void
cat_resolve(struct findings *fs)
{
	cat_resolve_from(fs, 0);
}

void
cat_resolve_from(struct findings *fs, size_t from)
{
	const struct rule_meta *rm;
	size_t i;

	for (i = from; i < fs->n; i++) {
		struct finding *f = &fs->v[i];

		if (f->slug != NULL)
			continue;
		if ((rm = cat_find(f->rule)) == NULL)
			gl_die("internal error: finding for unknown rule '%s'",
			    f->rule);
		f->rule = rm->id;
		f->slug = rm->slug;
		f->severity = rm->severity;
	}
}
