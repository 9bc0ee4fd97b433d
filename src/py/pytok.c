/*
 * pytok.c: Python's tokenizer for gunicorn config files: names, numbers,
 * strings with their prefixes (f-strings scanned as Python 3.12 does, so
 * nested quotes in fields work), operators, and the NEWLINE, INDENT and
 * DEDENT tokens that give Python its blocks.  Errors carry CPython's words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "py/py_int.h"

#define PT_MAXDEPTH 200

struct lexer {
	const char *t;
	size_t pos, end;
	int expr;
	struct pt_tokens *out;
	struct pt_err *err;
	char open[PT_MAXDEPTH];
	size_t open_off[PT_MAXDEPTH];
	int depth;
	size_t indent[100];
	int nindent;
};

static const char *const ops[] = {
	"**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>",
	"<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
	"@=", "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(",
	")", "[", "]", "{", "}", ",", ":", ".", ";", "=",
};

static int
lx_fail(struct pt_err *err, size_t off, const char *fmt, ...)
    GL_PRINTF(3, 4);

static int
lx_fail(struct pt_err *err, size_t off, const char *fmt, ...)
{
	va_list ap;

	err->off = off;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

int
pt_is(const char *text, const struct pt_token *t, enum pt_kind k,
    const char *s)
{
	size_t n = strlen(s);

	return t->kind == k && t->len == n && memcmp(text + t->off, s, n) == 0;
}

static void
lx_emit(struct lexer *lx, enum pt_kind k, size_t off, size_t len)
{
	struct pt_token tok = { k, 0, off, len, 0, 0 };

	VEC_PUSH(lx->out, tok);
}

static int
is_name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    c >= 0x80;
}

static int
is_name_char(unsigned char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

/* String prefix letters before a quote, as flags; -1 when not a prefix. */
static int
prefix_flags(const char *s, size_t n)
{
	unsigned f = 0;
	size_t i;

	if (n > 2)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned bit;

		switch (s[i] | 0x20) {
		case 'r': bit = PT_RAW; break;
		case 'b': bit = PT_BYTES; break;
		case 'f': bit = PT_FSTR; break;
		case 'u': bit = 8; break;
		default: return -1;
		}
		if (f & bit)
			return -1;
		f |= bit;
	}
	if ((f & 8) && n > 1)
		return -1;
	if ((f & PT_BYTES) && (f & PT_FSTR))
		return -1;
	return (int)(f & ~8u);
}

static int scan_string(const char *t, size_t pos, size_t end, unsigned flags,
    struct pt_token *tok, struct pt_err *err);

/* Skips an f-string field from just after its '{' to just after '}'. */
static int
skip_field(const char *t, size_t p, size_t end, size_t *next,
    struct pt_err *err)
{
	int depth = 0;
	size_t start = p;

	while (p < end) {
		unsigned char c = (unsigned char)t[p];
		struct pt_token s;
		size_t q = p;
		int f;

		if (c == '\'' || c == '"' || is_name_start(c)) {
			while (q < end && is_name_char((unsigned char)t[q]))
				q++;
			f = q < end && (t[q] == '\'' || t[q] == '"') ?
			    prefix_flags(t + p, q - p) : -1;
			if (f >= 0) {
				s.off = p;
				if (scan_string(t, q, end, (unsigned)f, &s,
				    err) != 0)
					return -1;
				p = s.off + s.len;
			} else
				p = q > p ? q : p + 1;
			continue;
		}
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if (c == ')' || c == ']' || (c == '}' && depth > 0))
			depth--;
		else if (c == '}') {
			*next = p + 1;
			return 0;
		}
		p++;
	}
	return lx_fail(err, start - 1, "f-string: expecting '}'");
}

static int
scan_string(const char *t, size_t pos, size_t end, unsigned flags,
    struct pt_token *tok, struct pt_err *err)
{
	char q = t[pos];
	int triple = pos + 2 < end && t[pos + 1] == q && t[pos + 2] == q;
	size_t p = pos + (triple ? 3 : 1);

	tok->kind = PT_STRING;
	tok->flags = flags;
	tok->body = p;
	while (p < end) {
		char c = t[p];

		if (c == '\\') {
			p += (p + 2 < end && t[p + 1] == '\r' &&
			    t[p + 2] == '\n') ? 3 : 2;
			continue;
		}
		if (!triple && (c == '\n' || c == '\r'))
			break;
		if ((flags & PT_FSTR) && c == '{') {
			if (p + 1 < end && t[p + 1] == '{')
				p += 2;
			else if (skip_field(t, p + 1, end, &p, err) != 0)
				return -1;
			continue;
		}
		if (c == q && (!triple || (p + 2 < end && t[p + 1] == q &&
		    t[p + 2] == q))) {
			tok->body_len = p - tok->body;
			tok->len = p + (triple ? 3 : 1) - tok->off;
			return 0;
		}
		p++;
	}
	return lx_fail(err, tok->off, triple ?
	    "unterminated triple-quoted string literal" :
	    "unterminated string literal");
}

static int
lx_string(struct lexer *lx, size_t start, size_t quote, unsigned flags)
{
	struct pt_token tok = { PT_STRING, flags, start, 0, 0, 0 };
	struct strbuf sb = STRBUF_INIT;
	int rc;

	if (scan_string(lx->t, quote, lx->end, flags, &tok, lx->err) != 0)
		return -1;
	/* Bad escapes are compile-time errors; f-strings are checked when
	 * their pieces are decoded. */
	rc = (flags & PT_FSTR) ? 0 : pt_decode(lx->t + tok.body, tok.body_len,
	    flags, tok.body, &sb, lx->err);
	sb_release(&sb);
	if (rc == -1)
		return -1;
	VEC_PUSH(lx->out, tok);
	lx->pos = tok.off + tok.len;
	return 0;
}

static size_t
digits(const char *t, size_t p, size_t end, const char *set)
{
	while (p < end && (strchr(set, t[p]) != NULL && t[p] != '\0'))
		p++;
	return p;
}

static int
lx_number(struct lexer *lx)
{
	const char *t = lx->t;
	size_t s = lx->pos, p = s;
	int is_float = 0;

	if (t[p] == '0' && p + 1 < lx->end && strchr("xXoObB", t[p + 1]) &&
	    t[p + 1] != '\0') {
		const char *set = strchr("xX", t[p + 1]) ? "0123456789abcdefABCDEF_" :
		    strchr("oO", t[p + 1]) ? "01234567_" : "01_";

		p = digits(t, p + 2, lx->end, set);
		if (p == s + 2)
			return lx_fail(lx->err, s, "invalid %s literal",
			    strchr("xX", t[s + 1]) ? "hexadecimal" :
			    strchr("oO", t[s + 1]) ? "octal" : "binary");
	} else {
		p = digits(t, p, lx->end, "0123456789_");
		if (p < lx->end && t[p] == '.') {
			is_float = 1;
			p = digits(t, p + 1, lx->end, "0123456789_");
		}
		if (p < lx->end && (t[p] == 'e' || t[p] == 'E')) {
			size_t q = p + 1;

			if (q < lx->end && (t[q] == '+' || t[q] == '-'))
				q++;
			if (q < lx->end && t[q] >= '0' && t[q] <= '9') {
				is_float = 1;
				p = digits(t, q, lx->end, "0123456789_");
			}
		}
		if (p < lx->end && (t[p] == 'j' || t[p] == 'J'))
			p++;
		else if (!is_float && t[s] == '0' &&
		    strspn(t + s, "0_") < p - s)
			return lx_fail(lx->err, s, "leading zeros in decimal "
			    "integer literals are not permitted; use an 0o "
			    "prefix for octal integers");
	}
	if (t[p - 1] == '_' || (p < lx->end && is_name_char(
	    (unsigned char)t[p])))
		return lx_fail(lx->err, s, "invalid decimal literal");
	lx_emit(lx, PT_NUMBER, s, p - s);
	lx->pos = p;
	return 0;
}

static int
lx_op(struct lexer *lx)
{
	static const char closers[] = ")]}", openers[] = "([{";
	size_t i, n;
	char c;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		n = strlen(ops[i]);
		if (lx->pos + n <= lx->end &&
		    memcmp(lx->t + lx->pos, ops[i], n) == 0)
			break;
	}
	if (i == sizeof(ops) / sizeof(ops[0])) {
		unsigned char u = (unsigned char)lx->t[lx->pos];

		return lx_fail(lx->err, lx->pos, u < 0x20 || u >= 0x7f ?
		    "invalid non-printable character U+%04X" :
		    "invalid character '%c' (U+%04X)", u < 0x20 || u >= 0x7f ?
		    u : (unsigned)u, u);
	}
	c = ops[i][0];
	if (n == 1 && strchr(openers, c)) {
		if (lx->depth == PT_MAXDEPTH)
			return lx_fail(lx->err, lx->pos,
			    "too many nested parentheses");
		lx->open[lx->depth] = c;
		lx->open_off[lx->depth++] = lx->pos;
	} else if (n == 1 && strchr(closers, c)) {
		if (lx->depth == 0)
			return lx_fail(lx->err, lx->pos, "unmatched '%c'", c);
		if (strchr(openers, lx->open[lx->depth - 1]) - openers !=
		    strchr(closers, c) - closers)
			return lx_fail(lx->err, lx->pos, "closing parenthesis "
			    "'%c' does not match opening parenthesis '%c'", c,
			    lx->open[lx->depth - 1]);
		lx->depth--;
	}
	lx_emit(lx, PT_OP, lx->pos, n);
	lx->pos += n;
	return 0;
}

static int
lx_word(struct lexer *lx)
{
	size_t s = lx->pos, p = s;
	int f;

	while (p < lx->end && is_name_char((unsigned char)lx->t[p]))
		p++;
	if (p < lx->end && (lx->t[p] == '\'' || lx->t[p] == '"') &&
	    (f = prefix_flags(lx->t + s, p - s)) >= 0)
		return lx_string(lx, s, p, (unsigned)f);
	lx_emit(lx, PT_NAME, s, p - s);
	lx->pos = p;
	return 0;
}

/* At the start of a logical line: the INDENT and DEDENT tokens, or 1
 * when the line is blank. */
static int
lx_indent(struct lexer *lx)
{
	size_t col = 0, p = lx->pos;

	for (; p < lx->end; p++) {
		if (lx->t[p] == ' ')
			col++;
		else if (lx->t[p] == '\t')
			col = (col / 8 + 1) * 8;
		else if (lx->t[p] == '\f')
			col = 0;
		else
			break;
	}
	lx->pos = p;
	if (p >= lx->end || lx->t[p] == '#' || lx->t[p] == '\n' ||
	    lx->t[p] == '\r')
		return 1;
	if (col > lx->indent[lx->nindent - 1]) {
		if (lx->nindent == 100)
			return lx_fail(lx->err, p, "too many levels of "
			    "indentation");
		lx->indent[lx->nindent++] = col;
		lx_emit(lx, PT_INDENT, p, 0);
		return 0;
	}
	while (col < lx->indent[lx->nindent - 1]) {
		lx->nindent--;
		lx_emit(lx, PT_DEDENT, p, 0);
	}
	if (col != lx->indent[lx->nindent - 1])
		return lx_fail(lx->err, p, "unindent does not match any outer "
		    "indentation level");
	return 0;
}

/* Line breaks, blanks, comments and continuations; 1 when it ate one. */
static int
lx_space(struct lexer *lx, int *bol)
{
	const char *t = lx->t;
	char c = t[lx->pos];

	if (c == ' ' || c == '\t' || c == '\f') {
		lx->pos++;
		return 1;
	}
	if (c == '#') {
		while (lx->pos < lx->end && t[lx->pos] != '\n' &&
		    t[lx->pos] != '\r')
			lx->pos++;
		return 1;
	}
	if (c == '\\') {
		size_t p = lx->pos + 1;

		if (p == lx->end)
			return lx_fail(lx->err, lx->pos,
			    "unexpected EOF while parsing");
		if (t[p] == '\r' && p + 1 < lx->end && t[p + 1] == '\n')
			p++;
		else if (t[p] != '\n' && t[p] != '\r')
			return lx_fail(lx->err, lx->pos, "unexpected "
			    "character after line continuation character");
		lx->pos = p + 1;
		return 1;
	}
	if (c == '\n' || c == '\r') {
		lx->pos += (c == '\r' && lx->pos + 1 < lx->end &&
		    t[lx->pos + 1] == '\n') ? 2 : 1;
		if (lx->depth == 0 && !lx->expr) {
			struct pt_token *last = lx->out->n ?
			    &lx->out->v[lx->out->n - 1] : NULL;

			if (last != NULL && last->kind != PT_NEWLINE &&
			    last->kind != PT_INDENT && last->kind != PT_DEDENT)
				lx_emit(lx, PT_NEWLINE, lx->pos - 1, 0);
			*bol = 1;
		}
		return 1;
	}
	return 0;
}

static int
lx_check_utf8(const char *t, size_t off, size_t end, struct pt_err *err)
{
	size_t i = off, k, n;

	while (i < end) {
		unsigned char c = (unsigned char)t[i];

		if (c == 0)
			return lx_fail(err, i, "source code cannot contain "
			    "null bytes");
		n = c < 0x80 ? 1 : (c >= 0xc2 && c <= 0xdf) ? 2 :
		    (c >= 0xe0 && c <= 0xef) ? 3 : (c >= 0xf0 && c <= 0xf4) ?
		    4 : 0;
		for (k = 1; n > 0 && k < n; k++)
			if (i + k >= end || ((unsigned char)t[i + k] & 0xc0) !=
			    0x80)
				n = 0;
		if (n == 0)
			return lx_fail(err, i, "(unicode error) 'utf-8' codec "
			    "can't decode byte 0x%02x", c);
		i += n;
	}
	return 0;
}

static int
lx_run(struct lexer *lx)
{
	int bol = !lx->expr, rc;

	while (lx->pos < lx->end) {
		unsigned char c;

		if (bol && lx->depth == 0) {
			if ((rc = lx_indent(lx)) < 0)
				return -1;
			bol = 0;
			if (lx->pos >= lx->end)
				break;
		}
		if ((rc = lx_space(lx, &bol)) < 0)
			return -1;
		if (rc)
			continue;
		c = (unsigned char)lx->t[lx->pos];
		if (is_name_start(c))
			rc = lx_word(lx);
		else if ((c >= '0' && c <= '9') || (c == '.' &&
		    lx->pos + 1 < lx->end && lx->t[lx->pos + 1] >= '0' &&
		    lx->t[lx->pos + 1] <= '9'))
			rc = lx_number(lx);
		else if (c == '\'' || c == '"')
			rc = lx_string(lx, lx->pos, lx->pos, 0);
		else
			rc = lx_op(lx);
		if (rc < 0)
			return -1;
	}
	if (lx->depth > 0)
		return lx_fail(lx->err, lx->open_off[lx->depth - 1],
		    "'%c' was never closed", lx->open[lx->depth - 1]);
	return 0;
}

int
pt_tokenize(const char *text, size_t off, size_t end, int expr_mode,
    struct pt_tokens *out, struct pt_err *err)
{
	struct lexer lx;

	memset(&lx, 0, sizeof(lx));
	lx.t = text;
	lx.pos = off;
	lx.end = end;
	lx.expr = expr_mode;
	lx.out = out;
	lx.err = err;
	lx.nindent = 1;
	if (!expr_mode && end - off >= 3 && memcmp(text + off, "\xef\xbb\xbf",
	    3) == 0)
		lx.pos += 3;
	if (lx_check_utf8(text, lx.pos, end, err) != 0 || lx_run(&lx) != 0)
		return -1;
	if (!expr_mode && out->n > 0 && out->v[out->n - 1].kind != PT_NEWLINE &&
	    out->v[out->n - 1].kind != PT_DEDENT)
		lx_emit(&lx, PT_NEWLINE, end, 0);
	while (lx.nindent > 1) {
		lx.nindent--;
		lx_emit(&lx, PT_DEDENT, end, 0);
	}
	lx_emit(&lx, PT_END, end, 0);
	return 0;
}

/* ---- string values -------------------------------------------------- */

static void
put_utf8(struct strbuf *sb, unsigned long cp)
{
	if (cp < 0x80)
		sb_addch(sb, (char)cp);
	else if (cp < 0x800) {
		sb_addch(sb, (char)(0xc0 | (cp >> 6)));
		sb_addch(sb, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		sb_addch(sb, (char)(0xe0 | (cp >> 12)));
		sb_addch(sb, (char)(0x80 | ((cp >> 6) & 0x3f)));
		sb_addch(sb, (char)(0x80 | (cp & 0x3f)));
	} else {
		sb_addch(sb, (char)(0xf0 | (cp >> 18)));
		sb_addch(sb, (char)(0x80 | ((cp >> 12) & 0x3f)));
		sb_addch(sb, (char)(0x80 | ((cp >> 6) & 0x3f)));
		sb_addch(sb, (char)(0x80 | (cp & 0x3f)));
	}
}

/* \x, \u and \U: exactly n hex digits. */
static int
hex_escape(const char *s, size_t len, size_t i, int n, unsigned long *cp)
{
	int k;

	*cp = 0;
	for (k = 0; k < n; k++) {
		char c = i + k < len ? s[i + k] : '\0';
		int d = (c >= '0' && c <= '9') ? c - '0' :
		    (c >= 'a' && c <= 'f') ? c - 'a' + 10 :
		    (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;

		if (d < 0)
			return -1;
		*cp = *cp * 16 + (unsigned long)d;
	}
	return 0;
}

/* One escape after the backslash at s[i]; returns bytes consumed. */
static long
decode_escape(const char *s, size_t len, size_t i, unsigned flags,
    struct strbuf *out)
{
	static const char simple[] = "\\\\''\"\"a\ab\bf\fn\nr\rt\tv\v";
	char c = s[i + 1];
	unsigned long cp;
	const char *m;
	int n, k;

	if (c == '\n')
		return 2;
	if (c == '\r')
		return (i + 2 < len && s[i + 2] == '\n') ? 3 : 2;
	for (m = simple; *m; m += 2)
		if (*m == c) {
			sb_addch(out, m[1]);
			return 2;
		}
	if (c >= '0' && c <= '7') {
		for (cp = 0, k = 1; k <= 3 && i + k < len && s[i + k] >= '0' &&
		    s[i + k] <= '7'; k++)
			cp = cp * 8 + (unsigned long)(s[i + k] - '0');
		if (flags & PT_BYTES)
			sb_addch(out, (char)cp);
		else
			put_utf8(out, cp);
		return k;
	}
	n = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
	if ((flags & PT_BYTES) && n > 2)
		n = 0;
	if (c == 'N' && !(flags & PT_BYTES))
		return -2;
	if (n == 0) {
		sb_addch(out, '\\');
		return 1;
	}
	if (hex_escape(s, len, i + 2, n, &cp) != 0 || cp > 0x10ffff)
		return -1;
	if (n == 2 && (flags & PT_BYTES))
		sb_addch(out, (char)cp);
	else
		put_utf8(out, cp);
	return 2 + n;
}

int
pt_decode(const char *s, size_t len, unsigned flags, size_t base,
    struct strbuf *out, struct pt_err *err)
{
	size_t i = 0;
	long n;

	while (i < len) {
		if (s[i] == '\r') {
			sb_addch(out, '\n');
			i += (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
		} else if (s[i] != '\\' || (flags & PT_RAW) || i + 1 >= len) {
			if ((flags & PT_RAW) && s[i] == '\\' && i + 1 < len) {
				sb_addch(out, '\\');
				i++;
			}
			sb_addch(out, s[i++]);
		} else if ((n = decode_escape(s, len, i, flags, out)) > 0)
			i += (size_t)n;
		else if (n == -2)
			return -2;
		else
			return lx_fail(err, base + i, "(unicode error) "
			    "'unicodeescape' codec can't decode bytes in "
			    "position %zu-%zu: truncated \\%cXX escape", i,
			    i + 1, s[i + 1]);
	}
	return 0;
}

/* ---- f-string fields ------------------------------------------------ */

int
pt_field(const char *t, size_t open, size_t end, struct pt_field *f,
    struct pt_err *err)
{
	size_t p = open + 1, close;
	int depth = 0;

	memset(f, 0, sizeof(*f));
	if (skip_field(t, p, end, &f->next, err) != 0)
		return -1;
	close = f->next - 1;
	f->expr = p;
	/* The expression ends at the first top-level '!', ':' or '='
	 * that is not part of an operator, outside strings. */
	while (p < close) {
		char c = t[p];

		if (c == '\'' || c == '"') {
			struct pt_token s;

			s.off = p;
			if (scan_string(t, p, close, 0, &s, err) != 0)
				return -1;
			p += s.len;
			continue;
		}
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if (c == ')' || c == ']' || c == '}')
			depth--;
		else if (depth == 0 && (c == ':' || (c == '!' &&
		    t[p + 1] != '=') || (c == '=' && strchr("=!<>", t[p - 1]) ==
		    NULL && t[p + 1] != '=')))
			break;
		p++;
	}
	f->expr_end = p;
	if (p < close && t[p] == '=') {
		for (p++; p < close && strchr(" \t\n", t[p]); p++)
			;
		f->debug_end = p;
	}
	if (p < close && t[p] == '!') {
		f->conv = t[p + 1];
		if (strchr("rsa", f->conv) == NULL || f->conv == '\0')
			return lx_fail(err, p, "f-string: invalid conversion "
			    "character: expected 's', 'r', or 'a'");
		p += 2;
	}
	if (p < close && t[p] == ':')
		p++;
	else if (p != close)
		return lx_fail(err, p, "f-string: expecting '}'");
	f->spec = p;
	f->spec_end = close;
	if (f->expr_end == f->expr || strspn(t + f->expr, " \t\n") ==
	    f->expr_end - f->expr)
		return lx_fail(err, open, "f-string: valid expression "
		    "required before '}'");
	return 0;
}
