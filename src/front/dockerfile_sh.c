/*
 * dockerfile_sh.c: a plain POSIX shell word splitter for RUN/CMD shell
 * strings and entry scripts.  It finds words, quote removal and the
 * control operators so a command's argv can be read with spans; it expands
 * nothing (it is not gunicorn's shlex, see src/front/shellwords.h for that).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "dockerfile_int.h"

struct shl {
	struct arena *a;
	const struct df_str *in;
	const struct source *src;
	size_t i;
	VEC(struct df_shword) out;
};

/* Whether the bytes of b came from in[from...] in order, none dropped. */
static int
sh_as_is(const struct df_sbuf *b, const struct df_str *in, size_t from)
{
	size_t k;

	for (k = 0; k < b->sb.len; k++)
		if (dsb_off(b, k) != df_str_off(in, from + k))
			return 0;
	return 1;
}

static void
sh_emit(struct shl *l, struct df_sbuf *b, int op, int quoted, size_t from)
{
	size_t end = l->i < l->in->len ? l->i : l->in->len, n = b->sb.len;
	struct df_shword w;
	struct df_str s;

	/*
	 * A word written as is maps to a run of the input's offsets: share
	 * them rather than copy (8 bytes a byte); the run's next entry is
	 * the end offset, as a map's last entry must be.
	 */
	if (end >= from && end - from == n && sh_as_is(b, l->in, from)) {
		s.len = n;
		s.s = from + n == l->in->len ? l->in->s + from :
		    arena_strndup(l->a, n ? b->sb.buf : "", n);
		s.offmap = l->in->offmap ? l->in->offmap + from : NULL;
		s.span = df_str_span(l->in, from, l->i);
		sb_reset(&b->sb);
		b->map.n = 0;
	} else {
		s = dsb_finish(l->a, b, df_str_off(l->in, end), l->src);
		df_str_set_span(l->a, &s, df_str_span(l->in, from, l->i));
	}
	w.w = df_word_of(&s);
	w.op = op;
	w.quoted = quoted;
	VEC_PUSH(&l->out, w);
}

/* Copies $(…), ${…} or `…` through unchanged, nesting counted. */
/* At $(...), ${...} or `...`, which the shell substitutes. */
static int
sh_at_subst(const struct shl *l)
{
	const struct df_str *s = l->in;
	char c = s->s[l->i];

	return c == '`' || (c == '$' && l->i + 1 < s->len &&
	    (s->s[l->i + 1] == '(' || s->s[l->i + 1] == '{'));
}

static void
sh_copy_subst(struct shl *l, struct df_sbuf *b)
{
	const struct df_str *s = l->in;
	char open = s->s[l->i + 1], close;
	int depth = 0;

	if (s->s[l->i] == '`') {
		dsb_addc(b, '`', df_str_off(s, l->i++));
		while (l->i < s->len && s->s[l->i] != '`') {
			if (s->s[l->i] == '\\' && l->i + 1 < s->len)
				dsb_addc(b, s->s[l->i], df_str_off(s, l->i)), l->i++;
			dsb_addc(b, s->s[l->i], df_str_off(s, l->i));
			l->i++;
		}
		if (l->i < s->len)
			dsb_addc(b, '`', df_str_off(s, l->i++));
		return;
	}
	close = open == '(' ? ')' : '}';
	dsb_addc(b, '$', df_str_off(s, l->i++));
	do {
		char c = s->s[l->i];

		if (c == open)
			depth++;
		else if (c == close)
			depth--;
		dsb_addc(b, c, df_str_off(s, l->i++));
	} while (l->i < s->len && depth > 0);
}

static int
sh_is_op_char(char c)
{
	return c == '&' || c == '|' || c == ';' || c == '\n' || c == '(' ||
	    c == ')' || c == '<' || c == '>';
}

/* An operator at l->i; redirections are op 2, control operators op 1. */
static void
sh_operator(struct shl *l, struct df_sbuf *b)
{
	const struct df_str *s = l->in;
	size_t from = l->i;
	char c = s->s[l->i];
	int op = (c == '<' || c == '>') ? 2 : 1;

	dsb_addc(b, c, df_str_off(s, l->i++));
	if (l->i < s->len && c != '\n' && c != '(' && c != ')' &&
	    (s->s[l->i] == c || (op == 2 && (s->s[l->i] == '&' ||
	    s->s[l->i] == '|')) || (c == '&' && s->s[l->i] == '>')))
		dsb_addc(b, s->s[l->i], df_str_off(s, l->i)), l->i++;
	if (c == '&' && b->sb.len == 2 && b->sb.buf[1] == '>')
		op = 2;
	sh_emit(l, b, op, 0, from);
}

static void
sh_double(struct shl *l, struct df_sbuf *b)
{
	const struct df_str *s = l->in;

	l->i++;
	while (l->i < s->len && s->s[l->i] != '"') {
		char c = s->s[l->i];

		if (c == '\\' && l->i + 1 < s->len &&
		    strchr("$`\"\\\n", s->s[l->i + 1]) != NULL) {
			l->i++;
			if (s->s[l->i] != '\n')
				dsb_addc(b, s->s[l->i], df_str_off(s, l->i));
			l->i++;
		} else if (sh_at_subst(l))
			sh_copy_subst(l, b);
		else
			dsb_addc(b, c, df_str_off(s, l->i++));
	}
	if (l->i < s->len)
		l->i++;
}

/* One word starting at l->i (not blank, not an operator). */
static void
sh_word(struct shl *l, struct df_sbuf *b)
{
	const struct df_str *s = l->in;
	size_t from = l->i;
	int quoted = 0;

	while (l->i < s->len) {
		char c = s->s[l->i];

		if (c == ' ' || c == '\t' || c == '\r' || sh_is_op_char(c))
			break;
		if (c == '\'') {
			quoted = 1;
			for (l->i++; l->i < s->len && s->s[l->i] != '\''; l->i++)
				dsb_addc(b, s->s[l->i], df_str_off(s, l->i));
			if (l->i < s->len)
				l->i++;
		} else if (c == '"') {
			quoted = 1;
			sh_double(l, b);
		} else if (c == '\\') {
			quoted = 1;
			l->i++;
			if (l->i < s->len && s->s[l->i] != '\n')
				dsb_addc(b, s->s[l->i], df_str_off(s, l->i));
			if (l->i < s->len)
				l->i++;
		} else if (sh_at_subst(l))
			sh_copy_subst(l, b);
		else
			dsb_addc(b, c, df_str_off(s, l->i++));
	}
	/* "2>" : a descriptor number belongs to the redirection */
	if (!quoted && l->i < s->len && (s->s[l->i] == '<' ||
	    s->s[l->i] == '>') && b->sb.len > 0 &&
	    strspn(b->sb.buf, "0123456789") == b->sb.len) {
		sb_reset(&b->sb);
		b->map.n = 0;
		return;
	}
	sh_emit(l, b, 0, quoted, from);
}

/* Splits in into l->out (a heap vector the caller owns). */
static void
sh_split(struct shl *l)
{
	struct df_sbuf b = DSB_INIT;
	const struct df_str *in = l->in;

	while (l->i < in->len) {
		char c = in->s[l->i];

		if (c == ' ' || c == '\t' || c == '\r') {
			l->i++;
		} else if (c == '\\' && l->i + 1 < in->len && in->s[l->i + 1] == '\n') {
			l->i += 2;
		} else if (c == '#') {
			while (l->i < in->len && in->s[l->i] != '\n')
				l->i++;
		} else if (sh_is_op_char(c)) {
			sh_operator(l, &b);
		} else
			sh_word(l, &b);
	}
	dsb_release(&b);
}

size_t
df_sh_split(struct arena *a, const struct df_str *in, const struct source *src,
    struct df_shword **out)
{
	struct shl l = { a, in, src, 0, { 0 } };

	sh_split(&l);
	*out = arena_alloc(a, (l.out.n + 1) * sizeof(**out));
	if (l.out.n)
		memcpy(*out, l.out.v, l.out.n * sizeof(**out));
	free(l.out.v);
	return l.out.n;
}

size_t
df_sh_split_tmp(struct arena *a, const struct df_str *in,
    const struct source *src, struct df_shword **out)
{
	struct shl l = { a, in, src, 0, { 0 } };

	sh_split(&l);
	*out = l.out.v;
	return l.out.n;
}
