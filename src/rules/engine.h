/*
 * engine.h: the rules engine.  A rule is a C check over one launch of the
 * model (its effective settings with provenance, the resolved worker, and
 * whatever is known about where it runs), read-only, that appends
 * findings; it never prints.  The families of checks are tables (run.c);
 * each check's id must have a catalogue entry (a unit test enforces both
 * directions).
 */
#ifndef GL_ENGINE_H
#define GL_ENGINE_H

#include "core/core.h"
#include "model/model.h"

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

#endif
