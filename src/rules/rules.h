/*
 * rules.h: the rules: the catalogue of every rule, the one runner that
 * judges the launch set, and the filters between the rules and the
 * reporters (suppressions, --select/--ignore, the config file).
 */
#ifndef GL_RULES_PUBLIC_H
#define GL_RULES_PUBLIC_H

#include <stddef.h>

#include "core/core.h"
#include "model/model.h"
#include "config/config.h"

/*
 * catalog: the rule catalogue (rules/catalog.yaml): every rule's id, slug,
 * default severity and documentation.  The table is turned into C at build
 * time (tools/gen_catalog.c), so no YAML is parsed at start-up;
 * cat_load_file() replaces it from disk for development (--rules-dir).
 */
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
/* The same for the findings from index `from` on (those just added). */
void cat_resolve_from(struct findings *fs, size_t from);
size_t cat_count(void);
const struct rule_meta *cat_at(size_t i); /* sorted by id */

/* Replaces the built-in table with dir/catalog.yaml; -1 and *err on failure. */
int cat_load_file(const char *path, char **err);

/*
 * engine: the rules engine.  A rule is a C check over one launch of the
 * model (its effective settings with provenance, the resolved worker, and
 * whatever is known about where it runs), read-only, that appends
 * findings; it never prints.  The families of checks are tables (run.c);
 * each check's id must have a catalogue entry (a unit test enforces both
 * directions).
 */
/*
 * Runs every rule family over the launch set: the file rules of each
 * Dockerfile, then each launch's families (tables in run.c).  Findings
 * come out with the catalogue's slug and severity.
 */
void rules_run(const struct gl_launches *set, struct findings *fs);
/* Its two halves, for `explain`, which shows each launch's findings apart. */
void rules_run_files(const struct gl_launches *set, struct findings *fs);
void rules_run_launch(const struct gl_launch *l, struct findings *fs);

/* A launch's effective TLS settings, for `probe` (rules_tls.c). */
struct tls_settings;
void tls_settings_from_launch(const struct gl_launch *l,
    struct tls_settings *ts);

/* The ids of the C checks, for the catalogue-coverage test. */
size_t rules_check_ids(const char *const **ids);

/*
 * suppress: the filters between the rules and the reporters: inline
 * suppressions ("# gunilint ignore=GL203,GL301 until=2027-03-31 -- why"),
 * file-wide ones ("# gunilint ignore-file=GL203"), Kubernetes annotations
 * (gunilint.io/ignore), the config file's ignore list and severity
 * overrides, and --ignore/--select.  Filters never delete a finding: they
 * set its `suppressed` flag (and may change its severity), and add the
 * findings about suppressions themselves (GL010 expired, GL011 unused,
 * GL012 malformed).
 *
 * A comment is a '#' at the start of a line or after white space.  Alone
 * on its line, it applies to the next line that is neither blank nor a
 * comment; after code, to its own line.  A finding is covered when its
 * span starts on, or runs across, that line.  "until=DATE" keeps it in
 * force through that day (UTC).
 */
struct sup_set;

struct sup_opts {
	int no_inline;     /* --no-inline-ignores: comments and annotations count for nothing */
	int report_unused; /* --report-unused-ignores: GL011 for each unused id */
	const char *today; /* "YYYY-MM-DD" for tests; NULL: today (UTC) */
	const struct rule_meta *const *ignore; /* --ignore */
	size_t nignore;
	const struct rule_meta *const *select; /* --select: report only these */
	size_t nselect;
};

/* Reads the "# gunilint" comments of one source.  Never fails. */
struct sup_set *sup_scan(const struct source *src);

/*
 * A Kubernetes object's gunilint.io/ignore annotation: `value` is its text
 * ("GL203,GL301 until=2027-03-31 -- reason"), `at` where that text is in
 * the set's source, `scope` the span of the whole object, within which it
 * suppresses.
 */
void sup_add_annotation(struct sup_set *set, const char *value,
    struct span at, struct span scope);

/*
 * Applies, in order, --select, --ignore, the config's ignore and severity
 * entries (cfg may be NULL) and, unless opts->no_inline, the inline
 * suppressions of `sets`, to every finding of fs; then appends the
 * findings about the suppressions (which the config and --ignore/--select
 * filter too).  The caller sorts afterwards.
 */
void sup_apply(struct findings *fs, struct sup_set *const *sets, size_t nsets,
    const struct gcfg *cfg, const struct sup_opts *opts);

void sup_set_free(struct sup_set *set);

/*
 * sup_apply() with the inline suppressions of every file of the launch
 * set whose kind allows them: '#' comments, and a Kubernetes manifest's
 * gunilint.io/ignore annotations.
 */
void sup_apply_set(struct findings *fs, const struct gl_launches *set,
    const struct gcfg *cfg, const struct sup_opts *opts);

/*
 * Parses a comma-separated list of rule ids or slugs (--ignore GL003,
 * unknown-option) and appends the rules to *rules (grown with xrealloc).
 * -1 with *err naming the unknown entry.
 */
int sup_rules_parse(const char *csv, const struct rule_meta ***rules,
    size_t *n, char **err);

#endif
