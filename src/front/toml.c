/*
 * toml.c: the TOML 1.0 reader: one pass over the bytes, building the tree
 * of toml.h, with the table-definition rules of the specification (the
 * same ones Python's tomllib applies) checked as each key is added.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "front/front.h"
#include "front/toml_int.h"

static const char *const kind_names[] = {
	[TOML_TABLE] = "table",
	[TOML_ARRAY] = "array",
	[TOML_STRING] = "string",
	[TOML_INTEGER] = "integer",
	[TOML_FLOAT] = "float",
	[TOML_BOOL] = "bool",
	[TOML_DATETIME] = "datetime",
	[TOML_DATETIME_LOCAL] = "datetime-local",
	[TOML_DATE_LOCAL] = "date-local",
	[TOML_TIME_LOCAL] = "time-local",
};

const char *
toml_kind_name(enum toml_kind kind)
{
	if ((size_t)kind >= sizeof(kind_names) / sizeof(kind_names[0]))
		return "?";
	return kind_names[kind];
}

int
tp_fail(struct tp *p, size_t off, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (p->err != NULL)
		return -1;
	if (off > p->len)
		off = p->len;
	if (off + len > p->len)
		len = p->len - off;
	va_start(ap, fmt);
	p->err = xvasprintf_en(fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	p->err_l10n = xvasprintf_l10n(fmt, ap);
	va_end(ap);
	p->err_span = span_make(p->src, off, len);
	return -1;
}

struct toml_val *
toml_new_val(struct toml_doc *doc, enum toml_kind kind, struct span span)
{
	struct toml_val *v = arena_alloc(doc->arena, sizeof(*v));

	v->kind = kind;
	v->span = span;
	VEC_PUSH(&doc->all, v);
	return v;
}

static void
val_push(struct toml_val *parent, struct toml_val *child)
{
	if (parent->n == parent->cap) {
		parent->cap = parent->cap ? parent->cap * 2 : 4;
		parent->items = xrealloc(parent->items,
		    parent->cap * sizeof(*parent->items));
	}
	parent->items[parent->n++] = child;
}

const struct toml_val *
toml_get_key(const struct toml_val *table, const char *key, size_t len)
{
	size_t i;

	if (table == NULL || table->kind != TOML_TABLE)
		return NULL;
	for (i = 0; i < table->n; i++) {
		const struct toml_val *v = table->items[i];

		if (v->key_len == len && memcmp(v->key, key, len) == 0)
			return v;
	}
	return NULL;
}

const struct toml_val *
toml_get(const struct toml_val *table, const char *dotted_key)
{
	const char *s = dotted_key, *dot;

	while (table != NULL) {
		dot = strchr(s, '.');
		if (dot == NULL)
			return toml_get_key(table, s, strlen(s));
		table = toml_get_key(table, s, (size_t)(dot - s));
		s = dot + 1;
	}
	return NULL;
}

const struct toml_val *
toml_get_kind(const struct toml_val *table, const char *dotted_key,
    enum toml_kind kind)
{
	const struct toml_val *v = toml_get(table, dotted_key);

	return v != NULL && v->kind == kind ? v : NULL;
}

const char *
toml_get_str(const struct toml_val *table, const char *dotted_key)
{
	const struct toml_val *v = toml_get_kind(table, dotted_key, TOML_STRING);

	return v != NULL ? v->u.str.s : NULL;
}

const struct toml_val *
toml_root(const struct toml_doc *doc)
{
	return doc != NULL ? doc->root : NULL;
}

void
toml_free(struct toml_doc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->all.n; i++)
		free(doc->all.v[i]->items);
	free(doc->all.v);
	arena_free(doc->arena);
	free(doc);
}

/* ---- bytes: UTF-8, whitespace, comments, newlines ---- */

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
size_t
toml_utf8_len(const unsigned char *s, size_t n)
{
	uint32_t c;
	size_t k, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		k = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		k = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		k = 4, c = s[0] & 0x07;
	else
		return 0;
	if (n < k)
		return 0;
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((k == 3 && c < 0x800) || (k == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	return k;
}

static int
tp_check_utf8(struct tp *p)
{
	size_t i = p->pos, k;

	while (i < p->len) {
		k = toml_utf8_len((const unsigned char *)p->s + i, p->len - i);
		if (k == 0)
			return tp_fail(p, i, 1, "invalid UTF-8 byte 0x%02x",
			    (unsigned char)p->s[i]);
		i += k;
	}
	return 0;
}

static int
is_ctrl(int c)
{
	return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7f;
}

static void
skip_ws(struct tp *p)
{
	while (tp_at(p, 0) == ' ' || tp_at(p, 0) == '\t')
		p->pos++;
}

/* 1 (and consumes it) when at LF or CRLF. */
static int
eat_newline(struct tp *p)
{
	if (tp_at(p, 0) == '\n') {
		p->pos++;
		return 1;
	}
	if (tp_at(p, 0) == '\r' && tp_at(p, 1) == '\n') {
		p->pos += 2;
		return 1;
	}
	return 0;
}

static int
skip_comment(struct tp *p)
{
	int c;

	if (tp_at(p, 0) != '#')
		return 0;
	for (p->pos++; (c = tp_at(p, 0)) != -1 && c != '\n'; p->pos++) {
		if (c == '\r' && tp_at(p, 1) == '\n')
			break;
		if (is_ctrl(c))
			return tp_fail(p, p->pos, 1,
			    "control character U+%04X in a comment", c);
	}
	return 0;
}

/* Whitespace, comments and newlines, as between array elements. */
static int
skip_blank(struct tp *p)
{
	for (;;) {
		skip_ws(p);
		if (skip_comment(p) < 0)
			return -1;
		if (!eat_newline(p))
			return 0;
	}
}

/* After a key/value or a header: only a comment, then a newline or the end. */
static int
expect_line_end(struct tp *p, const char *what)
{
	skip_ws(p);
	if (skip_comment(p) < 0)
		return -1;
	if (p->pos >= p->len || eat_newline(p))
		return 0;
	if (tp_at(p, 0) == '\r')
		return tp_fail(p, p->pos, 1, "carriage return not followed by a newline");
	return tp_fail(p, p->pos, 1, "unexpected '%c' after %s; expected a newline",
	    p->s[p->pos], what);
}

/* ---- strings ---- */

static void
add_utf8(struct strbuf *sb, uint32_t c)
{
	if (c < 0x80) {
		sb_addch(sb, (char)c);
	} else if (c < 0x800) {
		sb_addch(sb, (char)(0xc0 | c >> 6));
		sb_addch(sb, (char)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		sb_addch(sb, (char)(0xe0 | c >> 12));
		sb_addch(sb, (char)(0x80 | (c >> 6 & 0x3f)));
		sb_addch(sb, (char)(0x80 | (c & 0x3f)));
	} else {
		sb_addch(sb, (char)(0xf0 | c >> 18));
		sb_addch(sb, (char)(0x80 | (c >> 12 & 0x3f)));
		sb_addch(sb, (char)(0x80 | (c >> 6 & 0x3f)));
		sb_addch(sb, (char)(0x80 | (c & 0x3f)));
	}
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
parse_unicode_escape(struct tp *p, int ndig, struct strbuf *sb)
{
	size_t start = p->pos - 2;
	uint32_t c = 0;
	int i, h;

	for (i = 0; i < ndig; i++) {
		if ((h = hexval(tp_at(p, 0))) < 0)
			return tp_fail(p, start, 2 + (size_t)i,
			    "\\%c escape needs %d hexadecimal digits",
			    ndig == 4 ? 'u' : 'U', ndig);
		c = c << 4 | (uint32_t)h;
		p->pos++;
	}
	if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return tp_fail(p, start, 2 + (size_t)ndig,
		    "escape is not a Unicode scalar value");
	add_utf8(sb, c);
	return 0;
}

/* After a backslash in a multi-line basic string: trims to the next text. */
static int
line_ending_backslash(struct tp *p, size_t bs)
{
	skip_ws(p);
	if (!eat_newline(p))
		return tp_fail(p, bs, 1, "a backslash followed by whitespace "
		    "must end the line");
	for (;;) {
		skip_ws(p);
		if (!eat_newline(p))
			return 0;
	}
}

static int
parse_escape(struct tp *p, int multi, struct strbuf *sb)
{
	static const char from[] = "btnfr\"\\", to[] = "\b\t\n\f\r\"\\";
	size_t bs = p->pos;
	const char *m;
	int c = tp_at(p, 1);

	if (c > 0 && (m = strchr(from, c)) != NULL) {
		sb_addch(sb, to[m - from]);
		p->pos += 2;
		return 0;
	}
	p->pos += 2;
	if (c == 'u')
		return parse_unicode_escape(p, 4, sb);
	if (c == 'U')
		return parse_unicode_escape(p, 8, sb);
	if (multi && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
		p->pos = bs + 1;
		return line_ending_backslash(p, bs);
	}
	if (c == -1)
		return tp_fail(p, bs, 1, "unterminated string");
	return tp_fail(p, bs, 2, "invalid escape '\\%c' in a string", c);
}

/*
 * A string of any of the four forms at p->pos; the value goes to sb.
 * *multi is set for the triple-quoted forms.
 */
static int
parse_string(struct tp *p, struct strbuf *sb, int *multi)
{
	size_t start = p->pos;
	int q = tp_at(p, 0), c;

	*multi = q == '"' ? tp_starts(p, "\"\"\"") : tp_starts(p, "'''");
	p->pos += *multi ? 3 : 1;
	if (*multi)
		eat_newline(p);
	for (;;) {
		if ((c = tp_at(p, 0)) == -1)
			return tp_fail(p, start, *multi ? 3 : 1,
			    "unterminated string");
		if (c == q) {
			int k;

			if (!*multi) {
				p->pos++;
				return 0;
			}
			for (k = 0; k < 5 && tp_at(p, k) == q; k++)
				;
			if (k >= 3) {
				/* Up to two quotes just before the closing three are text. */
				sb_add(sb, p->s + p->pos, (size_t)k - 3);
				p->pos += (size_t)k;
				return 0;
			}
			sb_add(sb, p->s + p->pos, (size_t)k);
			p->pos += (size_t)k;
			continue;
		}
		if (c == '\\' && q == '"') {
			if (parse_escape(p, *multi, sb) < 0)
				return -1;
			continue;
		}
		if (*multi && (c == '\n' || (c == '\r' && tp_at(p, 1) == '\n'))) {
			eat_newline(p);
			sb_addch(sb, '\n');
			continue;
		}
		if (c == '\n' || c == '\r')
			return tp_fail(p, start, p->pos - start,
			    "unterminated string (newline before the closing quote)");
		if (is_ctrl(c))
			return tp_fail(p, p->pos, 1, "control character U+%04X "
			    "must be escaped in a string", c);
		sb_addch(sb, (char)c);
		p->pos++;
	}
}

/* ---- keys ---- */

static int
is_bare(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static int
parse_simple_key(struct tp *p, struct tkey *k)
{
	struct strbuf sb = STRBUF_INIT;
	size_t start = p->pos;
	int c = tp_at(p, 0), multi;

	if (c == '"' || c == '\'') {
		if (parse_string(p, &sb, &multi) < 0) {
			sb_release(&sb);
			return -1;
		}
		if (multi) {
			sb_release(&sb);
			return tp_fail(p, start, p->pos - start,
			    "a key cannot be a multi-line string");
		}
	} else if (is_bare(c)) {
		while (is_bare(tp_at(p, 0)))
			p->pos++;
		sb_add(&sb, p->s + start, p->pos - start);
	} else {
		if (c == -1 || c == '\n' || c == '\r')
			return tp_fail(p, p->pos, 0, "expected a key");
		return tp_fail(p, p->pos, 1, "unexpected '%c': expected a key", c);
	}
	k->len = sb.len;
	k->s = arena_strndup(p->doc->arena, sb_str(&sb), sb.len);
	if (sb.len > 0)
		memcpy(k->s, sb.buf, sb.len);
	k->span = span_make(p->src, start, p->pos - start);
	sb_release(&sb);
	return 0;
}

typedef VEC(struct tkey) tkeys;

static int
parse_key(struct tp *p, tkeys *keys)
{
	struct tkey k;

	for (;;) {
		if (parse_simple_key(p, &k) < 0)
			return -1;
		VEC_PUSH(keys, k);
		skip_ws(p);
		if (tp_at(p, 0) != '.')
			return 0;
		p->pos++;
		skip_ws(p);
	}
}

static struct toml_val *
find_key(const struct toml_val *t, const struct tkey *k)
{
	return (struct toml_val *)toml_get_key(t, k->s, k->len);
}

static struct toml_val *
new_child(struct tp *p, struct toml_val *parent, enum toml_kind kind,
    const struct tkey *k, struct span span)
{
	struct toml_val *v = toml_new_val(p->doc, kind, span);

	v->key = k->s;
	v->key_len = k->len;
	v->key_span = k->span;
	val_push(parent, v);
	return v;
}

/* ---- values ---- */

/* "an integer", "an inline table", "an array of tables", ... for messages
 * (fragments: only for tp_fail). */
static const char *
what_is(const struct toml_val *v)
{
	static const char *const names[] = {
		[TOML_TABLE] = F_("a table"), [TOML_ARRAY] = F_("an array"),
		[TOML_STRING] = F_("a string"), [TOML_INTEGER] = F_("an integer"),
		[TOML_FLOAT] = F_("a float"), [TOML_BOOL] = F_("a boolean"),
		[TOML_DATETIME] = F_("a date-time"),
		[TOML_DATETIME_LOCAL] = F_("a local date-time"),
		[TOML_DATE_LOCAL] = F_("a date"), [TOML_TIME_LOCAL] = F_("a time"),
	};

	if (v->kind == TOML_TABLE && (v->flags & TF_FROZEN))
		return F_("an inline table");
	if (v->kind == TOML_ARRAY && (v->flags & TF_AOT))
		return F_("an array of tables");
	return names[v->kind];
}

static int parse_value(struct tp *p, struct toml_val **out);

/*
 * Adds value under the dotted key in table t: the tables on the way are
 * made (or extended, when they were themselves made by dotted keys).
 */
static int
insert_dotted(struct tp *p, struct toml_val *t, const tkeys *keys,
    struct toml_val *value)
{
	const struct tkey *k;
	struct toml_val *c;
	size_t i;

	for (i = 0; i + 1 < keys->n; i++) {
		k = &keys->v[i];
		if ((c = find_key(t, k)) == NULL) {
			c = new_child(p, t, TOML_TABLE, k, k->span);
		} else if (c->kind != TOML_TABLE) {
			return tp_fail(p, k->span.off, k->span.len,
			    "key '%s' already holds %s; it cannot be a table",
			    k->s, what_is(c));
		} else if (c->flags & (TF_EXPLICIT | TF_FROZEN)) {
			return tp_fail(p, k->span.off, k->span.len,
			    "table '%s' is defined %s; a dotted key cannot "
			    "add to it", k->s, c->flags & TF_FROZEN ?
			    F_("inline") : F_("by a [header]"));
		}
		c->flags |= TF_DOTTED;
		t = c;
	}
	k = &keys->v[keys->n - 1];
	if (find_key(t, k) != NULL)
		return tp_fail(p, k->span.off, k->span.len,
		    "duplicate key '%s'", k->s);
	value->key = k->s;
	value->key_len = k->len;
	value->key_span = k->span;
	if (value->kind == TOML_TABLE || value->kind == TOML_ARRAY)
		value->flags |= TF_FROZEN;
	val_push(t, value);
	return 0;
}

/* key = value, at p->pos; the key parts are appended to keys. */
static int
parse_keyval(struct tp *p, tkeys *keys, struct toml_val **value)
{
	if (parse_key(p, keys) < 0)
		return -1;
	if (tp_at(p, 0) != '=') {
		if (tp_at(p, 0) == -1 || tp_at(p, 0) == '\n' || tp_at(p, 0) == '\r')
			return tp_fail(p, p->pos, 0, "expected '=' after the key");
		return tp_fail(p, p->pos, 1, "unexpected '%c': expected '=' "
		    "after the key", p->s[p->pos]);
	}
	p->pos++;
	skip_ws(p);
	return parse_value(p, value);
}

static int
parse_inline_table(struct tp *p, struct toml_val **out)
{
	size_t start = p->pos;
	struct toml_val *t, *v;
	tkeys keys = { 0 };
	int rc = -1;

	t = toml_new_val(p->doc, TOML_TABLE, span_make(p->src, start, 1));
	p->pos++;
	skip_ws(p);
	if (tp_at(p, 0) == '}')
		goto done;
	for (;;) {
		keys.n = 0;
		if (parse_keyval(p, &keys, &v) < 0 ||
		    insert_dotted(p, t, &keys, v) < 0)
			goto out;
		skip_ws(p);
		if (tp_at(p, 0) == '}')
			break;
		if (tp_at(p, 0) != ',') {
			tp_fail(p, p->pos, 1, "expected ',' or '}' in an "
			    "inline table");
			goto out;
		}
		p->pos++;
		skip_ws(p);
	}
done:
	p->pos++;
	t->span = span_make(p->src, start, p->pos - start);
	*out = t;
	rc = 0;
out:
	free(keys.v);
	return rc;
}

static int
parse_array(struct tp *p, struct toml_val **out)
{
	size_t start = p->pos;
	struct toml_val *a, *v;

	a = toml_new_val(p->doc, TOML_ARRAY, span_make(p->src, start, 1));
	p->pos++;
	for (;;) {
		if (skip_blank(p) < 0)
			return -1;
		if (tp_at(p, 0) == ']')
			break;
		if (parse_value(p, &v) < 0)
			return -1;
		val_push(a, v);
		if (skip_blank(p) < 0)
			return -1;
		if (tp_at(p, 0) == ']')
			break;
		if (tp_at(p, 0) != ',')
			return tp_fail(p, p->pos, p->pos < p->len,
			    "expected ',' or ']' in an array");
		p->pos++;
	}
	p->pos++;
	a->span = span_make(p->src, start, p->pos - start);
	*out = a;
	return 0;
}

static int
parse_string_value(struct tp *p, struct toml_val **out)
{
	struct strbuf sb = STRBUF_INIT;
	size_t start = p->pos;
	struct toml_val *v;
	char *s;
	int multi;

	if (parse_string(p, &sb, &multi) < 0) {
		sb_release(&sb);
		return -1;
	}
	v = toml_new_val(p->doc, TOML_STRING,
	    span_make(p->src, start, p->pos - start));
	s = arena_alloc(p->doc->arena, sb.len + 1);
	if (sb.len > 0)
		memcpy(s, sb.buf, sb.len);
	v->u.str.s = s;
	v->u.str.len = sb.len;
	sb_release(&sb);
	*out = v;
	return 0;
}

static int
parse_bool(struct tp *p, struct toml_val **out)
{
	int b = tp_starts(p, "true");

	if (!b && !tp_starts(p, "false"))
		return tp_fail(p, p->pos, 1, "invalid value");
	*out = toml_new_val(p->doc, TOML_BOOL,
	    span_make(p->src, p->pos, b ? 4 : 5));
	(*out)->u.b = b;
	p->pos += b ? 4 : 5;
	if (is_bare(tp_at(p, 0)))
		return tp_fail(p, (*out)->span.off, p->pos + 1 -
		    (*out)->span.off, "invalid value");
	return 0;
}

static int
parse_value(struct tp *p, struct toml_val **out)
{
	int c = tp_at(p, 0), rc;

	switch (c) {
	case '"':
	case '\'':
		return parse_string_value(p, out);
	case 't':
	case 'f':
		return parse_bool(p, out);
	case '[':
	case '{':
		if (p->depth >= TOML_MAX_DEPTH)
			return tp_fail(p, p->pos, 1, "arrays and inline "
			    "tables nested too deeply");
		p->depth++;
		rc = c == '[' ? parse_array(p, out) : parse_inline_table(p, out);
		p->depth--;
		return rc;
	case -1:
	case '\n':
	case '\r':
	case '#':
		return tp_fail(p, p->pos, 0, "expected a value");
	default:
		break;
	}
	if ((c >= '0' && c <= '9') &&
	    (rc = toml_parse_datetime(p, out)) != 1)
		return rc;
	return toml_parse_number(p, out);
}

/* ---- headers and the top level ---- */

/* The table a header's key leads to, walking into arrays of tables. */
static int
walk_header(struct tp *p, struct toml_val **t, const tkeys *keys)
{
	const struct tkey *k;
	struct toml_val *c;
	size_t i;

	for (i = 0; i + 1 < keys->n; i++) {
		k = &keys->v[i];
		if ((c = find_key(*t, k)) == NULL)
			c = new_child(p, *t, TOML_TABLE, k, k->span);
		else if (c->kind == TOML_ARRAY && (c->flags & TF_AOT))
			c = c->items[c->n - 1];
		else if (c->kind != TOML_TABLE || (c->flags & TF_FROZEN))
			return tp_fail(p, k->span.off, k->span.len,
			    "key '%s' already holds %s; it cannot be "
			    "extended", k->s, what_is(c));
		*t = c;
	}
	return 0;
}

static int
parse_header(struct tp *p, struct toml_val **cur)
{
	size_t start = p->pos;
	int aot = tp_starts(p, "[[");
	struct toml_val *t = p->doc->root, *c;
	const struct tkey *k;
	tkeys keys = { 0 };
	struct span sp;
	int rc = -1;

	p->pos += aot ? 2 : 1;
	skip_ws(p);
	if (parse_key(p, &keys) < 0)
		goto out;
	if (!tp_starts(p, aot ? "]]" : "]")) {
		tp_fail(p, p->pos, 1, "expected '%s' to end the table header",
		    aot ? "]]" : "]");
		goto out;
	}
	p->pos += aot ? 2 : 1;
	sp = span_make(p->src, start, p->pos - start);
	if (walk_header(p, &t, &keys) < 0)
		goto out;
	k = &keys.v[keys.n - 1];
	c = find_key(t, k);
	if (aot) {
		if (c == NULL) {
			c = new_child(p, t, TOML_ARRAY, k, sp);
			c->flags = TF_AOT;
		}
		if (c->kind != TOML_ARRAY || !(c->flags & TF_AOT)) {
			tp_fail(p, k->span.off, k->span.len, "key '%s' already "
			    "holds %s; it cannot be an array of tables", k->s,
			    what_is(c));
			goto out;
		}
		c->flags |= TF_AOT | TF_EXPLICIT;
		t = toml_new_val(p->doc, TOML_TABLE, sp);
		t->flags = TF_EXPLICIT;
		val_push(c, t);
	} else {
		if (c == NULL)
			c = new_child(p, t, TOML_TABLE, k, sp);
		else if (c->kind != TOML_TABLE || (c->flags & TF_FROZEN)) {
			tp_fail(p, k->span.off, k->span.len, "key '%s' already "
			    "holds %s; it cannot be a table", k->s, what_is(c));
			goto out;
		} else if (c->flags & (TF_EXPLICIT | TF_DOTTED)) {
			tp_fail(p, start, p->pos - start, "table '%s' is "
			    "defined twice%s", k->s, c->flags & TF_DOTTED ?
			    F_(" (first by a dotted key)") : "");
			goto out;
		}
		c->flags |= TF_EXPLICIT;
		c->span = sp;
		t = c;
	}
	*cur = t;
	rc = expect_line_end(p, "a table header");
out:
	free(keys.v);
	return rc;
}

static int
parse_body(struct tp *p)
{
	struct toml_val *cur = p->doc->root, *v;
	tkeys keys = { 0 };
	int rc = 0, c;

	while (rc == 0) {
		skip_ws(p);
		if ((c = tp_at(p, 0)) == -1)
			break;
		if (eat_newline(p))
			continue;
		if (c == '#') {
			rc = expect_line_end(p, "a comment");
		} else if (c == '[') {
			rc = parse_header(p, &cur);
		} else {
			keys.n = 0;
			if ((rc = parse_keyval(p, &keys, &v)) == 0 &&
			    (rc = insert_dotted(p, cur, &keys, v)) == 0)
				rc = expect_line_end(p, "a value");
		}
	}
	free(keys.v);
	return rc;
}

struct toml_doc *
toml_parse(const struct source *src, char **err, char **err_l10n,
    struct span *err_span)
{
	struct tp p = { 0 };

	p.src = src;
	p.s = src->text;
	p.len = src->len;
	p.doc = xcalloc(1, sizeof(*p.doc));
	p.doc->arena = arena_new();
	p.doc->root = toml_new_val(p.doc, TOML_TABLE, span_make(src, 0, 0));
	p.doc->root->flags = TF_EXPLICIT;
	if (tp_starts(&p, "\xef\xbb\xbf"))
		p.pos = 3;
	if (tp_check_utf8(&p) == 0)
		parse_body(&p);
	if (err != NULL)
		*err = NULL;
	if (err_l10n != NULL)
		*err_l10n = NULL;
	if (p.err == NULL)
		return p.doc;
	if (err != NULL)
		*err = p.err;
	else
		free(p.err);
	if (err_l10n != NULL)
		*err_l10n = p.err_l10n;
	else
		free(p.err_l10n);
	if (err_span != NULL)
		*err_span = p.err_span;
	toml_free(p.doc);
	return NULL;
}
