/*
 * toml_int.h: what the parts of the TOML reader (toml.c, toml_scalar.c)
 * share: the parser state and the flags that enforce the rules on where
 * a table may be defined.
 */
#ifndef GL_TOML_INT_H
#define GL_TOML_INT_H

#include <stddef.h>
#include <string.h>

#include "core/core.h"
#include "front/front.h"

/* Deeper nesting of arrays and inline tables is refused, not recursed. */
#define TOML_MAX_DEPTH 200

/* toml_val.flags */
enum {
	TF_EXPLICIT = 1, /* made by a [header] or [[header]]: not reopened */
	TF_DOTTED = 2,   /* made or extended by a dotted key: no [header] later */
	TF_FROZEN = 4,   /* an inline table or a static array: complete */
	TF_AOT = 8,      /* an array of tables made by [[header]] */
};

struct toml_doc {
	struct arena *arena;
	struct toml_val *root;
	VEC(struct toml_val *) all; /* every value, so their item arrays can be freed */
};

/* One part of a dotted key. */
struct tkey {
	char *s;
	size_t len;
	struct span span;
};

struct tp {
	const struct source *src;
	const char *s;
	size_t len, pos;
	struct toml_doc *doc;
	char *err;
	char *err_l10n;      /* its translation, or NULL */
	struct span err_span;
	int depth;
};

/* Records the first error (message and span); returns -1. */
int tp_fail(struct tp *p, size_t off, size_t len, const char *fmt, ...)
    GL_PRINTF(4, 5);

/* The byte i after the position, or -1 past the end. */
static inline int
tp_at(const struct tp *p, size_t i)
{
	return p->pos + i < p->len ? (unsigned char)p->s[p->pos + i] : -1;
}

static inline int
tp_starts(const struct tp *p, const char *lit)
{
	size_t n = strlen(lit);

	return p->len - p->pos >= n && memcmp(p->s + p->pos, lit, n) == 0;
}

struct toml_val *toml_new_val(struct toml_doc *doc, enum toml_kind kind,
    struct span span);
/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
size_t toml_utf8_len(const unsigned char *s, size_t n);

/*
 * toml_scalar.c: a date, time or date-time at p->pos (1 when there is
 * none there, so the caller tries a number), and a number (or inf/nan).
 */
int toml_parse_datetime(struct tp *p, struct toml_val **out);
int toml_parse_number(struct tp *p, struct toml_val **out);

#endif
