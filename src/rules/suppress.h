/*
 * suppress.h: the filters between the rules and the reporters: inline
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
#ifndef GL_SUPPRESS_H
#define GL_SUPPRESS_H

#include "config/config.h"
#include "core/core.h"
#include "model/model.h"
#include "catalog.h"

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
