/* catalog_schema.c: reads and checks rules/catalog.yaml with libcyaml. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rules/catalog_schema_int.h"

static const cyaml_strval_t sev_strings[] = {
	{ "info", SEV_INFO },
	{ "warning", SEV_WARNING },
	{ "error", SEV_ERROR },
};

static const cyaml_schema_value_t string_entry = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 0, CYAML_UNLIMITED),
};

#define OPT_STR(name) CYAML_FIELD_STRING_PTR(#name, CYAML_FLAG_POINTER | \
    CYAML_FLAG_OPTIONAL, struct rule_meta, name, 0, CYAML_UNLIMITED)
#define REQ_STR(name) CYAML_FIELD_STRING_PTR(#name, CYAML_FLAG_POINTER, \
    struct rule_meta, name, 1, CYAML_UNLIMITED)

static const cyaml_schema_field_t rule_fields[] = {
	REQ_STR(id),
	REQ_STR(slug),
	CYAML_FIELD_ENUM("severity", CYAML_FLAG_DEFAULT, struct rule_meta,
	    severity, sev_strings, CYAML_ARRAY_LEN(sev_strings)),
	REQ_STR(category),
	REQ_STR(summary),
	REQ_STR(rationale),
	REQ_STR(fix),
	OPT_STR(bad),
	OPT_STR(good),
	CYAML_FIELD_SEQUENCE_COUNT("references", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct rule_meta, refs, nrefs, &string_entry,
	    0, CYAML_UNLIMITED),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t rule_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct rule_meta, rule_fields),
};

static const cyaml_schema_field_t file_fields[] = {
	CYAML_FIELD_SEQUENCE_COUNT("rules", CYAML_FLAG_POINTER,
	    struct cat_file, rules, nrules, &rule_entry, 1, CYAML_UNLIMITED),
	CYAML_FIELD_END
};

const cyaml_schema_value_t cat_file_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct cat_file, file_fields),
};

static int
rule_cmp(const void *a, const void *b)
{
	return strcmp(((const struct rule_meta *)a)->id,
	    ((const struct rule_meta *)b)->id);
}

static int
valid_id(const char *id)
{
	return strlen(id) == 5 && id[0] == 'G' && id[1] == 'L' &&
	    isdigit((unsigned char)id[2]) && isdigit((unsigned char)id[3]) &&
	    isdigit((unsigned char)id[4]);
}

static int
valid_slug(const char *s)
{
	const char *p;

	if (!islower((unsigned char)s[0]))
		return 0;
	for (p = s; *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) &&
		    !(*p == '-' && p[1] != '-' && p[1] != '\0'))
			return 0;
	return 1;
}

static int
cat_check(const char *path, struct cat_file *cf, char **err)
{
	unsigned i, j;

	for (i = 0; i < cf->nrules; i++) {
		const struct rule_meta *r = &cf->rules[i];

		if (!valid_id(r->id)) {
			*err = xasprintf("%s: rule id '%s' is not GLnnn", path,
			    r->id);
			return -1;
		}
		if (!valid_slug(r->slug)) {
			*err = xasprintf("%s: %s: slug '%s' is not lower-case "
			    "words joined by '-'", path, r->id, r->slug);
			return -1;
		}
		for (j = 0; j < i; j++) {
			if (strcmp(cf->rules[j].id, r->id) == 0 ||
			    strcmp(cf->rules[j].slug, r->slug) == 0) {
				*err = xasprintf("%s: %s (%s) repeats the id "
				    "or slug of an earlier rule", path, r->id,
				    r->slug);
				return -1;
			}
		}
	}
	qsort(cf->rules, cf->nrules, sizeof(*cf->rules), rule_cmp);
	return 0;
}

int
cat_file_load(const char *path, struct cat_file **out, char **err)
{
	void *data;

	if (yl_load(path, NULL, 0, &cat_file_schema, &data, err) < 0)
		return -1;
	*out = data;
	if (cat_check(path, *out, err) < 0) {
		cat_file_free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

void
cat_file_free(struct cat_file *cf)
{
	yl_free(&cat_file_schema, cf);
}
