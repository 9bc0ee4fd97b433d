/* catalog_schema.h: the libcyaml schema of rules/catalog.yaml, shared by the build-time generator and --rules-dir. */
#ifndef GL_CATALOG_SCHEMA_H
#define GL_CATALOG_SCHEMA_H

#include "core/core.h"
#include "rules/rules.h"

struct cat_file {
	struct rule_meta *rules;
	unsigned nrules;
};

extern const cyaml_schema_value_t cat_file_schema;

/*
 * Loads and checks a catalogue: ids are GLnnn and unique, slugs are unique
 * lower-case words joined by '-', and summary, rationale and fix are set.
 * The rules come back sorted by id.  -1 with *err on failure.
 */
int cat_file_load(const char *path, struct cat_file **out, char **err);
void cat_file_free(struct cat_file *cf);

#endif
