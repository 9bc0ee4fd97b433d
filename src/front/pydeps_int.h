/*
 * pydeps_int.h: what the dependency readers share: adding records, text
 * whose bytes map back to source spans, and the PEP 508 parser.
 */
#ifndef GL_PYDEPS_INT_H
#define GL_PYDEPS_INT_H

#include <stddef.h>

#include "core/core.h"
#include "front/front.h"

/*
 * A string to parse and where its bytes came from: byte i is at source
 * offset off[i] when off is set, at base + i when linear is set, and
 * otherwise only somewhere in whole (a TOML string with escapes).
 */
struct pd_text {
	const char *s;
	size_t len;
	const size_t *off;
	int linear;
	size_t base;
	struct span whole;
};

/* The span of bytes [from, to) of t. */
struct span pd_text_span(const struct pd_text *t, size_t from, size_t to);

/* A new record (zeroed but for these); valid until the next pd_add(). */
struct pydeps_rec *pd_add(struct pydeps *d, enum pydeps_rec_kind kind,
    enum pydeps_source source, struct span span);
struct pydeps_rec *pd_error(struct pydeps *d, enum pydeps_source source,
    struct span span, const char *fmt, ...) GL_PRINTF(4, 5);
/* pd_error() with a text made already and its translation (or NULL). */
struct pydeps_rec *pd_error_text(struct pydeps *d, enum pydeps_source source,
    struct span span, const char *message, const char *message_l10n);
char *pd_strndup(struct pydeps *d, const char *s, size_t n);
char *pd_strdup(struct pydeps *d, const char *s);
/* Appends s to a string list kept in the arena. */
void pd_list_add(struct pydeps *d, const char ***list, size_t *n,
    const char *s);
/* Sets name and name_raw (normalized) from n bytes at s. */
void pd_set_name(struct pydeps *d, struct pydeps_rec *r, const char *s,
    size_t n);
/* pinned from spec when it is one ==X or ===X clause without a wildcard. */
void pd_set_pinned(struct pydeps *d, struct pydeps_rec *r);
/* 1 when s[0..n) is a valid PEP 508 project name. */
int pd_valid_name(const char *s, size_t n);

/*
 * Parses t as a PEP 508 requirement into r (a PYDEPS_REQ record already
 * added: the name, extras, spec, marker, url and name_span are set).
 * Returns 0, or -1 after turning r into a PYDEPS_ERROR.  r is found again
 * by index since the parser adds nothing.
 */
int pd_parse_pep508(struct pydeps *d, size_t ri, const struct pd_text *t);

int pd_read_requirements(const struct source *src, struct pydeps *d);
int pd_read_pyproject(const struct source *src, struct pydeps *d);
int pd_read_pipfile(const struct source *src, struct pydeps *d);
int pd_read_toml_lock(const struct source *src, struct pydeps *d,
    enum pydeps_source source);
int pd_read_pipfile_lock(const struct source *src, struct pydeps *d);
/* Poetry's constraint ("^1.2", "~1.2", "1.2.*", ">=1,<2") in PEP 440, or NULL. */
char *pd_poetry_spec(struct pydeps *d, const char *s);

#endif
