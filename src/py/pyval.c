/*
 * pyval.c: small Python values and CPython's repr()/str() rules for them,
 * so printed settings and argparse messages match gunicorn byte for byte.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "py/py.h"

static struct pyval *
pv_new(enum pv_kind k)
{
	struct pyval *v = xcalloc(1, sizeof(*v));

	v->kind = k;
	return v;
}

struct pyval *
pv_none(void)
{
	return pv_new(PV_NONE);
}

struct pyval *
pv_bool(int b)
{
	struct pyval *v = pv_new(PV_BOOL);

	v->b = b != 0;
	return v;
}

struct pyval *
pv_int(long long i)
{
	struct pyval *v = pv_new(PV_INT);

	char buf[24], *p = buf + sizeof(buf);
	unsigned long long u = i < 0 ? 0ULL - (unsigned long long)i :
	    (unsigned long long)i;

	/* by hand: printf's machinery costs more than the whole rest */
	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (i < 0)
		*--p = '-';
	v->i = i;
	v->s = xstrdup(p);
	return v;
}

struct pyval *
pv_int_text(const char *digits)
{
	struct pyval *v = pv_new(PV_INT);
	const char *d = digits + (*digits == '-');
	size_t nd = strlen(d);

	v->s = xstrdup(digits);
	/* 18 digits always fit; longer ones are kept as text only. */
	if (nd <= 18)
		v->i = strtoll(digits, NULL, 10);
	else
		v->big = 1;
	return v;
}

struct pyval *
pv_str(const char *s, size_t len)
{
	struct pyval *v = pv_new(PV_STR);

	v->s = xstrndup(s, len);
	v->len = len;
	return v;
}

struct pyval *
pv_strz(const char *s)
{
	return pv_str(s, strlen(s));
}

struct pyval *
pv_list(void)
{
	return pv_new(PV_LIST);
}

struct pyval *
pv_tuple(void)
{
	return pv_new(PV_TUPLE);
}

struct pyval *
pv_dict(void)
{
	return pv_new(PV_DICT);
}

struct pyval *
pv_object(const char *str_text)
{
	struct pyval *v = pv_new(PV_OBJECT);

	v->s = xstrdup(str_text);
	return v;
}

void
pv_append(struct pyval *c, struct pyval *item)
{
	c->items = xrealloc(c->items, (c->n + 1) * sizeof(*c->items));
	c->items[c->n++] = item;
}

struct pyval *
pv_copy(const struct pyval *v)
{
	struct pyval *c;
	size_t i;

	if (v == NULL)
		return NULL;
	c = pv_new(v->kind);
	c->b = v->b;
	c->i = v->i;
	c->big = v->big;
	c->len = v->len;
	if (v->s != NULL)
		c->s = v->kind == PV_STR ? xstrndup(v->s, v->len) :
		    xstrdup(v->s);
	for (i = 0; i < v->n; i++)
		pv_append(c, pv_copy(v->items[i]));
	return c;
}

int
pv_equal(const struct pyval *a, const struct pyval *b)
{
	size_t i;

	if (a == NULL || b == NULL)
		return a == b;
	if (a->kind != b->kind || a->n != b->n)
		return 0;
	switch (a->kind) {
	case PV_NONE:
		return 1;
	case PV_BOOL:
		return a->b == b->b;
	case PV_INT:
	case PV_OBJECT:
		return strcmp(a->s, b->s) == 0;
	case PV_STR:
		return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
	default:
		for (i = 0; i < a->n; i++)
			if (!pv_equal(a->items[i], b->items[i]))
				return 0;
		return 1;
	}
}

void
pv_free(struct pyval *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->n; i++)
		pv_free(v->items[i]);
	free(v->items);
	free(v->s);
	free(v);
}

/* Decodes one UTF-8 sequence; -1 for an invalid byte (Python would hold a
 * surrogate escape for it). */
static long
utf8_next(const unsigned char *s, size_t len, size_t *adv)
{
	unsigned char c = s[0];
	size_t n, k;
	long cp;

	*adv = 1;
	if (c < 0x80)
		return c;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return -1;
	if (n > len)
		return -1;
	for (k = 1; k < n; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[k] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 ||
	    cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	*adv = n;
	return cp;
}

/* str.isprintable() for the code points settings plausibly hold. */
static int
cp_printable(long cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp == 0xad)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x200f) || (cp >= 0x2028 &&
	    cp <= 0x202f) || (cp >= 0x205f && cp <= 0x206f) ||
	    cp == 0x3000 || cp == 0xfeff || cp == 0x1680)
		return 0;
	return 1;
}

static void
repr_cp(struct strbuf *sb, const unsigned char *p, size_t adv, long cp,
    char q)
{
	if (cp == '\\' || cp == q)
		sb_addf(sb, "\\%c", (char)cp);
	else if (cp == '\t')
		sb_adds(sb, "\\t");
	else if (cp == '\n')
		sb_adds(sb, "\\n");
	else if (cp == '\r')
		sb_adds(sb, "\\r");
	else if (cp < 0)
		sb_addf(sb, "\\udc%02x", p[0]);
	else if (cp_printable(cp))
		sb_add(sb, (const char *)p, adv);
	else if (cp < 0x100)
		sb_addf(sb, "\\x%02x", (unsigned)cp);
	else if (cp < 0x10000)
		sb_addf(sb, "\\u%04lx", cp);
	else
		sb_addf(sb, "\\U%08lx", cp);
}

void
pv_repr_bytes(struct strbuf *sb, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	char q = '\'';
	size_t i, adv;

	/* Double quotes only when there is a ' and no ". */
	if (memchr(s, '\'', len) != NULL && memchr(s, '"', len) == NULL)
		q = '"';
	sb_addch(sb, q);
	for (i = 0; i < len; i += adv) {
		long cp = utf8_next(p + i, len - i, &adv);

		repr_cp(sb, p + i, adv, cp, q);
	}
	sb_addch(sb, q);
}

static void
repr_items(struct strbuf *sb, const struct pyval *v, const char *open,
    const char *close)
{
	size_t i;

	sb_adds(sb, open);
	for (i = 0; i < v->n; i++) {
		if (v->kind == PV_DICT) {
			if (i > 0)
				sb_adds(sb, i % 2 ? ": " : ", ");
		} else if (i > 0)
			sb_adds(sb, ", ");
		pv_repr(sb, v->items[i]);
	}
	if (v->kind == PV_TUPLE && v->n == 1)
		sb_addch(sb, ',');
	sb_adds(sb, close);
}

void
pv_repr(struct strbuf *sb, const struct pyval *v)
{
	if (v == NULL) {
		sb_adds(sb, "None");
		return;
	}
	switch (v->kind) {
	case PV_NONE:
		sb_adds(sb, "None");
		break;
	case PV_BOOL:
		sb_adds(sb, v->b ? "True" : "False");
		break;
	case PV_INT:
	case PV_OBJECT:
		sb_adds(sb, v->s);
		break;
	case PV_STR:
		pv_repr_bytes(sb, v->s, v->len);
		break;
	case PV_LIST:
		repr_items(sb, v, "[", "]");
		break;
	case PV_TUPLE:
		repr_items(sb, v, "(", ")");
		break;
	case PV_DICT:
		repr_items(sb, v, "{", "}");
		break;
	}
}

void
pv_str_of(struct strbuf *sb, const struct pyval *v)
{
	if (v != NULL && v->kind == PV_STR)
		sb_add(sb, v->s, v->len);
	else
		pv_repr(sb, v);
}

char *
pv_repr_text(const struct pyval *v)
{
	struct strbuf sb = STRBUF_INIT;

	pv_repr(&sb, v);
	return sb_detach(&sb);
}

char *
pv_str_text(const struct pyval *v)
{
	struct strbuf sb = STRBUF_INIT;

	pv_str_of(&sb, v);
	return sb_detach(&sb);
}

/* ---- a reader for the literals repr() writes --------------------------- */

struct lit {
	const char *p;
};

static void
lit_ws(struct lit *l)
{
	while (*l->p == ' ')
		l->p++;
}

static struct pyval *lit_value(struct lit *l);

static struct pyval *
lit_string(struct lit *l)
{
	struct strbuf sb = STRBUF_INIT;
	char q = *l->p++;
	struct pyval *v;

	while (*l->p != q) {
		char c = *l->p++;

		if (c == '\0') {
			sb_release(&sb);
			return NULL;
		}
		if (c == '\\') {
			c = *l->p++;
			if (c == 'n')
				c = '\n';
			else if (c == 't')
				c = '\t';
			else if (c == 'r')
				c = '\r';
			else if (c == 'x' && l->p[0] && l->p[1]) {
				char hex[3] = { l->p[0], l->p[1], 0 };

				c = (char)strtol(hex, NULL, 16);
				l->p += 2;
			} else if (c == '\0') {
				sb_release(&sb);
				return NULL;
			}
		}
		sb_addch(&sb, c);
	}
	l->p++;
	v = pv_str(sb_str(&sb), sb.len);
	sb_release(&sb);
	return v;
}

static struct pyval *
lit_seq(struct lit *l, struct pyval *c, char close)
{
	int dict = c->kind == PV_DICT;

	l->p++;
	for (;;) {
		struct pyval *x;

		lit_ws(l);
		if (*l->p == close) {
			l->p++;
			return c;
		}
		if ((x = lit_value(l)) == NULL)
			break;
		pv_append(c, x);
		lit_ws(l);
		if (dict && c->n % 2 == 1) {
			if (*l->p++ != ':')
				break;
			continue;
		}
		if (*l->p == ',')
			l->p++;
		else if (*l->p != close)
			break;
	}
	pv_free(c);
	return NULL;
}

static struct pyval *
lit_value(struct lit *l)
{
	static const struct { const char *w; int k; } words[] = {
		{ "None", 0 }, { "True", 1 }, { "False", 2 },
	};
	size_t i, n;

	lit_ws(l);
	if (*l->p == '\'' || *l->p == '"')
		return lit_string(l);
	if (*l->p == '[')
		return lit_seq(l, pv_list(), ']');
	if (*l->p == '(')
		return lit_seq(l, pv_tuple(), ')');
	if (*l->p == '{')
		return lit_seq(l, pv_dict(), '}');
	for (i = 0; i < 3; i++) {
		n = strlen(words[i].w);
		if (strncmp(l->p, words[i].w, n) == 0) {
			l->p += n;
			return words[i].k == 0 ? pv_none() : pv_bool(words[i].k == 1);
		}
	}
	n = (*l->p == '-');
	while (l->p[n] >= '0' && l->p[n] <= '9')
		n++;
	if (n > (size_t)(*l->p == '-')) {
		char *d = xstrndup(l->p, n);
		struct pyval *v = pv_int_text(d);

		free(d);
		l->p += n;
		return v;
	}
	return NULL;
}

struct pyval *
pv_parse_literal(const char *text)
{
	struct lit l = { text };
	struct pyval *v = lit_value(&l);

	if (v != NULL && *l.p != '\0') {
		pv_free(v);
		return NULL;
	}
	return v;
}

/* ---- floats: PV_OBJECT whose text is CPython's repr() ------------------ */

/* repr() of a double: the shortest digits that read back to it, laid out
 * as float_repr_style 'short' does (exponent below 1e-4 and from 1e16). */
static void
float_repr(char *out, size_t cap, double d)
{
	char buf[40], digits[24], *e;
	int prec, exp, nd, k, pos = 0;

	if (isnan(d) || isinf(d)) {
		snprintf(out, cap, "%s", isnan(d) ? "nan" : d < 0 ? "-inf" :
		    "inf");
		return;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*e", prec - 1, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	e = strchr(buf, 'e');
	exp = atoi(e + 1);
	for (nd = 0, k = (buf[0] == '-'); buf + k < e; k++)
		if (buf[k] != '.')
			digits[nd++] = buf[k];
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = '\0';
	if (buf[0] == '-')
		out[pos++] = '-';
	if (exp < -4 || exp >= 16) {
		pos += snprintf(out + pos, cap - pos, "%c%s%s", digits[0],
		    nd > 1 ? "." : "", digits + 1);
		snprintf(out + pos, cap - pos, "e%c%02d", exp < 0 ? '-' : '+',
		    exp < 0 ? -exp : exp);
	} else if (exp < 0) {
		pos += snprintf(out + pos, cap - pos, "0.");
		for (k = 0; k < -exp - 1; k++)
			out[pos++] = '0';
		snprintf(out + pos, cap - pos, "%s", digits);
	} else if (nd <= exp + 1) {
		pos += snprintf(out + pos, cap - pos, "%s", digits);
		for (k = nd; k < exp + 1; k++)
			out[pos++] = '0';
		snprintf(out + pos, cap - pos, ".0");
	} else
		snprintf(out + pos, cap - pos, "%.*s.%s", exp + 1, digits,
		    digits + exp + 1);
}

struct pyval *
pv_float(double d)
{
	char text[48];

	float_repr(text, sizeof(text), d);
	return pv_object(text);
}

int
pv_as_float(const struct pyval *v, double *d)
{
	const char *t;
	char *end;

	if (v == NULL || v->kind != PV_OBJECT)
		return 0;
	t = v->s + (v->s[0] == '-');
	if (strcmp(t, "inf") != 0 && strcmp(t, "nan") != 0 &&
	    strspn(t, "0123456789.e+-") != strlen(t))
		return 0;
	if (strcmp(t, "nan") == 0)
		*d = NAN;
	else
		*d = strtod(v->s, &end);
	return 1;
}

int
pv_truthy(const struct pyval *v)
{
	double d;

	if (v == NULL)
		return 0;
	if (pv_as_float(v, &d))
		return d != 0;
	switch (v->kind) {
	case PV_NONE:
		return 0;
	case PV_BOOL:
		return v->b;
	case PV_INT:
		return strcmp(v->s, "0") != 0;
	case PV_STR:
		return v->len > 0;
	case PV_LIST:
	case PV_TUPLE:
	case PV_DICT:
		return v->n > 0;
	default:
		return 1;
	}
}
