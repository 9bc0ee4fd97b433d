/*
 * toml.h: a small, strict TOML 1.0 reader for the dependency files
 * (pyproject.toml, Pipfile, poetry.lock, uv.lock).  It builds a read-only
 * tree in which every value keeps the span of its text; it never judges
 * what the document says.
 *
 * Ownership: toml_parse() returns a document that owns every value and
 * string in it; toml_free() releases all of it.  Spans point into the
 * source given to toml_parse(), which must outlive the document's users.
 */
#ifndef GL_TOML_H
#define GL_TOML_H

#include <stddef.h>

#include "core/core.h"

enum toml_kind {
	TOML_TABLE,
	TOML_ARRAY,
	TOML_STRING,
	TOML_INTEGER,
	TOML_FLOAT,
	TOML_BOOL,
	TOML_DATETIME,       /* offset date-time: 1979-05-27T07:32:00Z */
	TOML_DATETIME_LOCAL, /* 1979-05-27T07:32:00 */
	TOML_DATE_LOCAL,     /* 1979-05-27 */
	TOML_TIME_LOCAL,     /* 07:32:00 */
};

/* The parts of a date, time or date-time (those the kind has). */
struct toml_datetime {
	int year, month, day;
	int hour, minute, second;
	long usec;      /* fraction of a second, truncated to microseconds */
	int off_minutes; /* offset from UTC (TOML_DATETIME only) */
};

/*
 * One value.  Tables keep their entries in the order they were defined
 * (key/key_len/key_span are those of the entry in its parent table; key
 * is NULL for array elements and the root).  Strings and keys are
 * NUL-terminated but may hold NULs (\u0000), hence the lengths.
 *
 * span: the value as written; for a table made by a [header] or [[header]]
 * the header line, for one made implicitly (a.b.c = 1, or [a.b] making a)
 * the first key that named it.
 */
struct toml_val {
	enum toml_kind kind;
	struct span span;
	const char *key;
	size_t key_len;
	struct span key_span;
	union {
		struct {
			const char *s;
			size_t len;
		} str;                  /* TOML_STRING; datetimes: the text */
		long long i;            /* TOML_INTEGER */
		double f;               /* TOML_FLOAT */
		int b;                  /* TOML_BOOL */
	} u;
	struct toml_datetime dt;        /* the datetime kinds */
	struct toml_val **items;        /* TOML_TABLE entries, TOML_ARRAY elements */
	size_t n, cap;
	unsigned flags;                 /* the reader's own bookkeeping */
};

struct toml_doc;

/*
 * Parses src.  Returns the document, or NULL with *err set to a message
 * (caller frees) and *err_span to where (err and err_span may be NULL).
 * A UTF-8 byte-order mark at the start is skipped.
 */
struct toml_doc *toml_parse(const struct source *src, char **err,
    struct span *err_span);
const struct toml_val *toml_root(const struct toml_doc *doc);
void toml_free(struct toml_doc *doc);

/*
 * The value at dotted_key ("tool.poetry.dependencies") under table, or
 * NULL.  Parts are bare keys split at '.'; use toml_get_key() for keys
 * holding dots or quotes.  Arrays are not entered.
 */
const struct toml_val *toml_get(const struct toml_val *table,
    const char *dotted_key);
const struct toml_val *toml_get_key(const struct toml_val *table,
    const char *key, size_t len);

/* Typed lookups: the value when it exists with that kind, else NULL. */
const struct toml_val *toml_get_kind(const struct toml_val *table,
    const char *dotted_key, enum toml_kind kind);
/* The string at dotted_key, or NULL. */
const char *toml_get_str(const struct toml_val *table, const char *dotted_key);

/* "table", "array", "string", "integer", ..., "time-local". */
const char *toml_kind_name(enum toml_kind kind);

#endif
