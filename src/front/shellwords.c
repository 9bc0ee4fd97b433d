/*
 * shellwords.c: a transcription of CPython's shlex.shlex.read_token for
 * posix=True, whitespace_split=True, commenters='' (what shlex.split uses),
 * recording for every output byte the source offset it came from.
 */
#include <stdlib.h>
#include <string.h>

#include "front/front.h"

/* shlex's whitespace is exactly these four characters. */
static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

struct splitter {
	const char *text;
	size_t len;
	const struct source *src;
	size_t base;
	const size_t *offmap;
	struct strbuf tok;
	VEC(size_t) offs;
	size_t start, end; /* text indices covered by the current word */
};

static size_t
src_off(const struct splitter *sp, size_t i)
{
	return sp->offmap ? sp->offmap[i] : sp->base + i;
}

static void
tok_add(struct splitter *sp, char c, size_t i)
{
	sb_addch(&sp->tok, c);
	VEC_PUSH(&sp->offs, src_off(sp, i));
}

static struct span
text_span(const struct splitter *sp, size_t from, size_t to)
{
	size_t a, b;

	if (from >= to)
		return span_make(sp->src, src_off(sp, from < sp->len ? from :
		    sp->len ? sp->len - 1 : 0), 0);
	a = src_off(sp, from);
	b = src_off(sp, to - 1) + 1;
	return span_make(sp->src, a, b > a ? b - a : 0);
}

static void
emit(struct splitter *sp, struct sw_words *out)
{
	struct sw_word w;

	w.len = sp->tok.len;
	w.value = xstrndup(sb_str(&sp->tok), w.len);
	w.off = xmalloc((w.len ? w.len : 1) * sizeof(size_t));
	if (w.len)
		memcpy(w.off, sp->offs.v, w.len * sizeof(size_t));
	w.span = text_span(sp, sp->start, sp->end);
	VEC_PUSH(out, w);
	sb_reset(&sp->tok);
	sp->offs.n = 0;
}

static int
fail(struct splitter *sp, struct sw_error *err, const char *msg, size_t at)
{
	if (err != NULL) {
		err->message = msg;
		err->span = text_span(sp, at, at + 1);
	}
	return -1;
}

/*
 * States as in shlex: ' ' between words, 'a' in a word, '\'' or '"' in
 * quotes, '\\' after a backslash (esc_from is the state to return to).
 */
int
sw_split(const char *text, size_t len, const struct source *src, size_t base,
    const size_t *offmap, struct sw_words *out, struct sw_error *err)
{
	struct splitter sp = { text, len, src, base, offmap, STRBUF_INIT,
	    { NULL, 0, 0 }, 0, 0 };
	char state = ' ', esc_from = 'a';
	size_t i, quote_at = 0, esc_at = 0;
	int quoted = 0, rc = 0;

	for (i = 0; i <= len && rc == 0; i++) {
		int eof = i == len;
		char c = eof ? 0 : text[i];

		switch (state) {
		case ' ':
		case 'a':
			if (eof || is_ws(c)) {
				if (state == 'a' || quoted) {
					sp.end = i;
					emit(&sp, out);
				}
				state = ' ';
				quoted = 0;
				break;
			}
			if (state == ' ')
				sp.start = i;
			state = 'a';
			if (c == '\'' || c == '"') {
				state = c;
				quote_at = i;
			} else if (c == '\\') {
				esc_from = 'a';
				esc_at = i;
				state = '\\';
			} else
				tok_add(&sp, c, i);
			break;
		case '\'':
		case '"':
			quoted = 1;
			if (eof)
				rc = fail(&sp, err, "No closing quotation",
				    quote_at);
			else if (c == state)
				state = 'a';
			else if (c == '\\' && state == '"') {
				esc_from = state;
				esc_at = i;
				state = '\\';
			} else
				tok_add(&sp, c, i);
			break;
		case '\\':
			if (eof) {
				rc = fail(&sp, err, "No escaped character",
				    esc_at);
				break;
			}
			/* In double quotes only " and \ are escaped. */
			if (esc_from == '"' && c != '\\' && c != '"')
				tok_add(&sp, '\\', esc_at);
			tok_add(&sp, c, i);
			state = esc_from;
			break;
		}
	}
	sb_release(&sp.tok);
	free(sp.offs.v);
	return rc;
}

void
sw_push(struct sw_words *w, const char *value, size_t len, struct span span)
{
	struct sw_word x;

	x.value = xstrndup(value, len);
	x.len = len;
	x.span = span;
	x.off = NULL;
	VEC_PUSH(w, x);
}

struct span
sw_value_span(const struct sw_word *w, size_t from, size_t n)
{
	size_t a, b;

	if (w->off == NULL || from > w->len)
		return w->span;
	if (n == 0 || from == w->len) {
		a = from < w->len ? w->off[from] :
		    w->span.off + w->span.len;
		return span_make(w->span.src, a, 0);
	}
	if (from + n > w->len)
		n = w->len - from;
	a = w->off[from];
	b = w->off[from + n - 1] + 1;
	return span_make(w->span.src, a, b > a ? b - a : 0);
}

void
sw_words_free(struct sw_words *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->n; i++) {
		free(w->v[i].value);
		free(w->v[i].off);
	}
	free(w->v);
	w->v = NULL;
	w->n = w->cap = 0;
}
