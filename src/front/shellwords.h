/*
 * shellwords.h: splits a string into words exactly as Python's
 * shlex.split(s) does (POSIX mode, no comments), which is how gunicorn
 * splits GUNICORN_CMD_ARGS.  Every word remembers the source bytes it came
 * from, byte by byte, so later stages can point at part of a word.
 */
#ifndef GL_SHELLWORDS_H
#define GL_SHELLWORDS_H

#include <stddef.h>

#include "core/core.h"

/*
 * One word.  value is NUL-terminated (len excludes the NUL).  span covers
 * the source bytes of the whole word, quotes and backslashes included.
 * off[i] is the source offset of value byte i (the character it came from),
 * or NULL when unknown (hand-built words): users then fall back to span.
 * The same record is used for argv words from any front-end.
 */
struct sw_word {
	char *value;
	size_t len;
	struct span span;
	size_t *off;
};

struct sw_words {
	struct sw_word *v;
	size_t n, cap;
};

/* Why a split failed: Python's exact message and where. */
struct sw_error {
	const char *message; /* "No closing quotation" / "No escaped character" */
	struct span span;    /* the opening quote, or the trailing backslash */
};

/*
 * Splits text[0..len) and appends the words to *out.  src may be NULL.
 * offmap, when not NULL, gives the source offset of each text byte (for a
 * front-end that removed its own quoting first); otherwise text byte i is
 * at source offset base + i.  Returns 0, or -1 with *err filled (out then
 * holds the words before the error).
 */
int sw_split(const char *text, size_t len, const struct source *src,
    size_t base, const size_t *offmap, struct sw_words *out,
    struct sw_error *err);

/* A word with the given value and span (off = NULL); for hand-built lists. */
void sw_push(struct sw_words *w, const char *value, size_t len,
    struct span span);

/* Source span of value bytes [from, from+n) of word w (falls back to w->span). */
struct span sw_value_span(const struct sw_word *w, size_t from, size_t n);

void sw_words_free(struct sw_words *w);

#endif
