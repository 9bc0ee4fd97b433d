/*
 * catalog.h: the rule catalogue (rules/catalog.yaml): every rule's id, slug,
 * default severity and documentation.  The table is turned into C at build
 * time (tools/gen_catalog.c), so no YAML is parsed at start-up;
 * cat_load_file() replaces it from disk for development (--rules-dir).
 */
#ifndef GL_CATALOG_H
#define GL_CATALOG_H

#include <stddef.h>

#include "core/core.h"

struct rule_meta {
	const char *id;        /* "GL003" */
	const char *slug;      /* "unknown-option" */
	enum severity severity;
	const char *category;  /* "input", "settings", "workers", "tls", ... */
	const char *summary;   /* one line */
	const char *rationale; /* why it matters, paragraphs */
	const char *fix;       /* how to fix */
	const char *bad;       /* example that triggers the rule */
	const char *good;      /* the nearby correct form */
	const char *const *refs;
	unsigned nrefs;
};

/* By id ("GL003", any case) or slug; NULL when unknown. */
const struct rule_meta *cat_find(const char *id_or_slug);
/* The canonical id of a rule named by id or slug, or NULL (a gcfg_rule_fn). */
const char *cat_id(const char *id_or_slug);
/*
 * Gives every finding that has only its rule id the catalogue's slug and
 * default severity.  A finding for an id the catalogue lacks is a program
 * error: gunilint stops.  Idempotent.
 */
void cat_resolve(struct findings *fs);
size_t cat_count(void);
const struct rule_meta *cat_at(size_t i); /* sorted by id */

/* Replaces the built-in table with dir/catalog.yaml; -1 and *err on failure. */
int cat_load_file(const char *path, char **err);

#endif
