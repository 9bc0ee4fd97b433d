/*
 * pyeval_fmt.c: Python's string formatting as config files use it to
 * build bind addresses and log formats: printf-style '%', str.format()
 * and the format-spec mini-language behind f-strings.  Specs gunilint
 * does not implement make the value runtime rather than approximate.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "py/py_int.h"

struct spec {
	char fill, align, sign, type, group;
	int alt, width, prec;
};

static int
parse_spec(const char *s, size_t len, struct spec *sp)
{
	size_t i = 0;

	memset(sp, 0, sizeof(*sp));
	sp->fill = ' ';
	sp->prec = -1;
	if (len >= 2 && strchr("<>=^", s[1]) && s[1]) {
		sp->fill = s[0];
		sp->align = s[1];
		i = 2;
	} else if (len >= 1 && strchr("<>=^", s[0]) && s[0])
		sp->align = s[i++];
	if (i < len && strchr("+- ", s[i]) && s[i])
		sp->sign = s[i++];
	if (i < len && s[i] == '#')
		sp->alt = s[i++] != 0;
	if (i < len && s[i] == '0') {
		if (sp->align == 0) {
			sp->fill = '0';
			sp->align = '=';
		}
		i++;
	}
	for (; i < len && isdigit((unsigned char)s[i]) && sp->width < 10000; i++)
		sp->width = sp->width * 10 + (s[i] - '0');
	if (i < len && (s[i] == ',' || s[i] == '_'))
		sp->group = s[i++];
	if (i < len && s[i] == '.') {
		for (sp->prec = 0, i++; i < len && isdigit((unsigned char)s[i]) &&
		    sp->prec < 1000; i++)
			sp->prec = sp->prec * 10 + (s[i] - '0');
	}
	if (i < len)
		sp->type = s[i++];
	return i == len && (unsigned char)sp->fill < 0x80 ? 0 : -1;
}

static void
pad(struct strbuf *out, const struct spec *sp, const char *pre, size_t npre,
    const char *body, size_t nbody, char def_align)
{
	size_t w = pe_cplen(pre, npre) + pe_cplen(body, nbody), k, left = 0;
	size_t fillc = sp->width > 0 && (size_t)sp->width > w ?
	    (size_t)sp->width - w : 0;
	char al = sp->align ? sp->align : def_align;

	if (al == '>')
		left = fillc;
	else if (al == '^')
		left = fillc / 2;
	if (al == '=') {
		sb_add(out, pre, npre);
		for (k = 0; k < fillc; k++)
			sb_addch(out, sp->fill);
		sb_add(out, body, nbody);
		return;
	}
	for (k = 0; k < left; k++)
		sb_addch(out, sp->fill);
	sb_add(out, pre, npre);
	sb_add(out, body, nbody);
	for (k = left; k < fillc; k++)
		sb_addch(out, sp->fill);
}

/* Inserts a separator every n digits of the leading digit run. */
static void
group_digits(struct strbuf *sb, const char *d, char sep, int every)
{
	size_t nd = strspn(d, "0123456789abcdefABCDEF"), i;

	if (sep == 0) {
		sb_adds(sb, d);
		return;
	}
	for (i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % (size_t)every == 0)
			sb_addch(sb, sep);
		sb_addch(sb, d[i]);
	}
	sb_adds(sb, d + nd);
}

static int
spec_float(const struct spec *sp, double d, struct strbuf *out)
{
	char buf[1200], cf[8], pre[2] = { 0, 0 };
	struct strbuf body = STRBUF_INIT;
	int prec = sp->prec < 0 ? 6 : sp->prec;
	char t = sp->type;

	if (t == 0 && sp->prec < 0) {
		struct pyval *f = pv_float(fabs(d));

		snprintf(buf, sizeof(buf), "%s", f->s);
		pv_free(f);
	} else if (t && strchr("eEfFgG%", t)) {
		snprintf(cf, sizeof(cf), "%%.*%c", t == '%' ? 'f' : t);
		snprintf(buf, sizeof(buf) - 2, cf, prec, fabs(t == '%' ?
		    d * 100 : d));
		if (t == '%')
			strcat(buf, "%");
	} else
		return 1;
	if (sp->alt || (sp->group && t && strchr("eEgG", t)))
		return 1;
	if (signbit(d) && !isnan(d))
		pre[0] = '-';
	else if (sp->sign == '+' || sp->sign == ' ')
		pre[0] = sp->sign;
	group_digits(&body, buf, sp->group, 3);
	pad(out, sp, pre, strlen(pre), body.buf ? body.buf : "", body.len, '>');
	sb_release(&body);
	return 0;
}

static int
spec_int(const struct spec *sp, long long i, struct strbuf *out)
{
	char buf[80], pre[4] = { 0 };
	struct strbuf body = STRBUF_INIT;
	unsigned long long u = i < 0 ? 0ULL - (unsigned long long)i :
	    (unsigned long long)i;
	char t = sp->type ? sp->type : 'd';
	size_t np = 0;
	int k;

	if (strchr("eEfFgG%", t))
		return spec_float(sp, (double)i, out);
	if (sp->prec >= 0 || !strchr("dxXob", t))
		return 1;
	if (i < 0)
		pre[np++] = '-';
	else if (sp->sign == '+' || sp->sign == ' ')
		pre[np++] = sp->sign;
	if (sp->alt && t != 'd') {
		pre[np++] = '0';
		pre[np++] = t;
	}
	if (t == 'b') {
		for (k = 0; k == 0 || (u >> k) != 0; k++)
			;
		for (buf[k] = '\0'; k-- > 0; u >>= 1)
			buf[k] = (char)('0' + (u & 1));
	} else
		snprintf(buf, sizeof(buf), t == 'd' ? "%llu" : t == 'o' ?
		    "%llo" : t == 'x' ? "%llx" : "%llX", u);
	if (sp->group == ',' && t != 'd')
		return 1;
	group_digits(&body, buf, sp->group, t == 'd' ? 3 : 4);
	pad(out, sp, pre, np, body.buf ? body.buf : "", body.len, '>');
	sb_release(&body);
	return 0;
}

int
fmt_spec(struct pe *p, const struct pyval *v, const char *s, size_t len,
    struct strbuf *out)
{
	struct spec sp;
	long long i;
	double d;
	int f, k;

	if (len == 0 && v->kind != PV_OBJECT) {
		pv_str_of(out, v);
		return 0;
	}
	if (memchr(s, '{', len) != NULL || parse_spec(s, len, &sp) != 0)
		return 1;
	if ((k = pe_num(v, &f, &i, &d)) < 0)
		return 1;
	if (k > 0)
		return f ? spec_float(&sp, d, out) : spec_int(&sp, i, out);
	if (v->kind == PV_STR) {
		size_t n = v->len, cp = 0, j;

		if ((sp.type && sp.type != 's') || sp.sign || sp.alt ||
		    sp.group || sp.align == '=')
			return 1;
		if (sp.prec >= 0)
			for (j = 0, n = 0; j < v->len; j++) {
				if (((unsigned char)v->s[j] & 0xc0) != 0x80 &&
				    cp++ == (size_t)sp.prec)
					break;
				n = j + 1;
			}
		pad(out, &sp, "", 0, v->s, n, '<');
		return 0;
	}
	if (v->kind == PV_OBJECT)
		return 1;
	{
		static const char *const tn[] = { "NoneType", "bool", "int",
		    "str", "list", "tuple", "dict" };

		pe_raise(p, "TypeError", "TypeError: unsupported format "
		    "string passed to %s.__format__", tn[v->kind]);
	}
	return -1;
}

/* ---- printf-style ---------------------------------------------------- */

struct pct {
	struct pe *p;
	const struct pyval *args; /* tuple items, or NULL for one value */
	const struct pyval *one;
	size_t next;
	int mapping;
};

static const struct pyval *
pct_next(struct pct *c)
{
	if (c->args == NULL) {
		if (c->next++ == 0)
			return c->one;
	} else if (c->next < c->args->n)
		return c->args->items[c->next++];
	pe_raise(c->p, "TypeError", "TypeError: not enough arguments for "
	    "format string");
	return NULL;
}

static const struct pyval *
pct_key(struct pct *c, const char *k, size_t n)
{
	size_t i;
	struct pyval *key;

	if (c->one == NULL || c->one->kind != PV_DICT) {
		pe_raise(c->p, "TypeError", "TypeError: format requires a "
		    "mapping");
		return NULL;
	}
	c->mapping = 1;
	for (i = 0; i < c->one->n; i += 2)
		if (c->one->items[i]->kind == PV_STR &&
		    c->one->items[i]->len == n &&
		    memcmp(c->one->items[i]->s, k, n) == 0)
			return c->one->items[i + 1];
	key = pv_str(k, n);
	{
		char *r = pv_repr_text(key);

		pe_raise(c->p, "KeyError", "KeyError: %s", r);
		free(r);
	}
	pv_free(key);
	return NULL;
}

/* One conversion; 0, -1 raised, 1 unsupported. */
static int
pct_conv(struct pct *c, const struct pyval *v, char conv, const char *flags,
    int width, int prec, struct strbuf *out)
{
	struct pe_val tv = { PE_VAL, (struct pyval *)v, 0, 0, 0, 0 };
	char cf[32], buf[1200];
	long long i;
	double d;
	int f, k = pe_num(v, &f, &i, &d);

	if (conv == 's' || conv == 'r' || conv == 'a') {
		struct strbuf s = STRBUF_INIT;
		struct spec sp = { ' ', strchr(flags, '-') ? '<' : '>', 0, 0, 0,
		    0, width, prec };

		if (conv == 's')
			pv_str_of(&s, v);
		else
			pv_repr(&s, v);
		if (prec >= 0 && (size_t)prec < s.len)
			s.len = (size_t)prec; /* ASCII only: checked below */
		if (prec >= 0 && pe_cplen(s.buf, s.len) != s.len) {
			sb_release(&s);
			return 1;
		}
		pad(out, &sp, "", 0, s.buf ? s.buf : "", s.len, '>');
		sb_release(&s);
		return 0;
	}
	if (k < 0 || !strchr("diouxXeEfFgG", conv))
		return 1;
	if (k == 0) {
		if (strchr("diu", conv))
			pe_raise(c->p, "TypeError", "TypeError: %%%c format: a "
			    "real number is required, not %s", conv,
			    pe_type_name(&tv));
		else if (strchr("oxX", conv))
			pe_raise(c->p, "TypeError", "TypeError: %%%c format: an "
			    "integer is required, not %s", conv,
			    pe_type_name(&tv));
		else
			pe_raise(c->p, "TypeError", "TypeError: must be real "
			    "number, not %s", pe_type_name(&tv));
		return -1;
	}
	if (strchr("oxX", conv) && f) {
		pe_raise(c->p, "TypeError", "TypeError: %%%c format: an "
		    "integer is required, not float", conv);
		return -1;
	}
	if (strchr("diuoxX", conv)) {
		if (f) {
			if (isnan(d) || isinf(d) || fabs(d) >= 9.2e18)
				return 1;
			i = (long long)d;
		}
		if ((strchr("oxX", conv) && i < 0) || strchr(flags, '#'))
			return 1;
		snprintf(cf, sizeof(cf), "%%%s*.*ll%c", flags,
		    conv == 'u' || conv == 'i' ? 'd' : conv);
		snprintf(buf, sizeof(buf), cf, width, prec, i);
	} else {
		snprintf(cf, sizeof(cf), "%%%s*.*%c", flags, conv);
		snprintf(buf, sizeof(buf), cf, width, prec < 0 ? 6 : prec,
		    f ? d : (double)i);
	}
	sb_adds(out, buf);
	return 0;
}

static int
pct_one(struct pct *c, const char *s, size_t len, size_t *ip,
    struct strbuf *out)
{
	char flags[8] = { 0 };
	size_t i = *ip, nf = 0;
	int width = 0, prec = -1;
	const struct pyval *v = NULL;

	if (i < len && s[i] == '(') {
		size_t k = i + 1;

		while (k < len && s[k] != ')')
			k++;
		if (k == len) {
			pe_raise(c->p, "ValueError", "ValueError: incomplete "
			    "format key");
			return -1;
		}
		if ((v = pct_key(c, s + i + 1, k - i - 1)) == NULL)
			return -1;
		i = k + 1;
	}
	while (i < len && strchr("-+ #0", s[i]) && s[i] && nf < 6)
		flags[nf++] = s[i++];
	if (i < len && s[i] == '*')
		return 1;
	while (i < len && isdigit((unsigned char)s[i]) && width < 10000)
		width = width * 10 + (s[i++] - '0');
	if (i < len && s[i] == '.')
		for (prec = 0, i++; i < len && isdigit((unsigned char)s[i]) &&
		    prec < 1000; i++)
			prec = prec * 10 + (s[i] - '0');
	while (i < len && strchr("hlL", s[i]) && s[i])
		i++;
	if (i == len) {
		pe_raise(c->p, "ValueError", "ValueError: incomplete format");
		return -1;
	}
	*ip = i + 1;
	if (s[i] == '%') {
		sb_addch(out, '%');
		return 0;
	}
	if (!strchr("sradiouxXeEfFgGc", s[i]) || s[i] == 0) {
		pe_raise(c->p, "ValueError", "ValueError: unsupported format "
		    "character '%c' (0x%x) at index %zu", s[i],
		    (unsigned char)s[i], i);
		return -1;
	}
	if (v == NULL && (v = pct_next(c)) == NULL)
		return -1;
	return pct_conv(c, v, s[i], flags, width, prec, out);
}

struct pe_val *
fmt_percent(struct pe *p, struct pe_val *fmt, struct pe_val *args)
{
	struct pct c = { p, NULL, NULL, 0, 0 };
	struct strbuf out = STRBUF_INIT;
	const struct pyval *f = fmt->v;
	size_t i = 0;
	int rc = 0;

	if (args->v->kind == PV_TUPLE)
		c.args = args->v;
	else
		c.one = args->v;
	while (i < f->len && rc == 0) {
		if (f->s[i] != '%') {
			sb_addch(&out, f->s[i++]);
			continue;
		}
		i++;
		rc = pct_one(&c, f->s, f->len, &i, &out);
	}
	if (rc == 0 && !c.mapping && (c.args ? c.next < c.args->n :
	    (c.next == 0 && c.one->kind != PV_DICT && c.one->kind != PV_LIST))) {
		pe_raise(p, "TypeError", "TypeError: not all arguments "
		    "converted during string formatting");
		rc = -1;
	}
	if (rc != 0) {
		sb_release(&out);
		return rc < 0 ? NULL : pe_unknown(p, 0, "uses %%-formatting "
		    "gunilint does not evaluate");
	}
	{
		struct pe_val *r = pe_value(p, pv_str(sb_str(&out), out.len));

		sb_release(&out);
		return r;
	}
}

/* ---- str.format() ----------------------------------------------------- */

static const struct pyval *
brace_arg(struct pe *p, struct pe_arg *a, size_t n, const char *name,
    size_t len, int *autonum, int *rc)
{
	size_t i, pos = 0, idx;

	*rc = 0;
	if (len == 0 || isdigit((unsigned char)name[0])) {
		if (len == 0) {
			if (*autonum < 0) {
				pe_raise(p, "ValueError", "ValueError: cannot "
				    "switch from manual field specification "
				    "to automatic field numbering");
				return NULL;
			}
			idx = (size_t)(*autonum)++;
		} else {
			if (*autonum > 0) {
				pe_raise(p, "ValueError", "ValueError: cannot "
				    "switch from automatic field numbering to "
				    "manual field specification");
				return NULL;
			}
			*autonum = -1;
			for (idx = 0, i = 0; i < len && idx < 100000; i++) {
				if (!isdigit((unsigned char)name[i])) {
					*rc = 1;
					return NULL;
				}
				idx = idx * 10 + (size_t)(name[i] - '0');
			}
		}
		for (i = 0; i < n; i++)
			if (a[i].kw == NULL && pos++ == idx)
				return a[i].val->v;
		pe_raise(p, "IndexError", "IndexError: Replacement index %zu "
		    "out of range for positional args tuple", idx);
		return NULL;
	}
	for (i = 0; i < len; i++)
		if (name[i] == '.' || name[i] == '[') {
			*rc = 1;
			return NULL;
		}
	for (i = 0; i < n; i++)
		if (a[i].kw != NULL && strlen(a[i].kw) == len &&
		    memcmp(a[i].kw, name, len) == 0)
			return a[i].val->v;
	pe_raise(p, "KeyError", "KeyError: '%.*s'", (int)len, name);
	return NULL;
}

static int
brace_field(struct pe *p, const char *s, size_t len, size_t *ip,
    struct pe_arg *a, size_t n, int *autonum, struct strbuf *out)
{
	size_t i = *ip, name = i, nlen, spec = 0, slen = 0;
	const struct pyval *v;
	char conv = 0;
	int rc;

	while (i < len && !strchr("!:}{", s[i]))
		i++;
	nlen = i - name;
	if (i < len && s[i] == '!' && i + 1 < len) {
		conv = s[i + 1];
		i += 2;
	}
	if (i < len && s[i] == ':') {
		spec = ++i;
		while (i < len && s[i] != '}' && s[i] != '{')
			i++;
		slen = i - spec;
	}
	if (i >= len || s[i] != '}') {
		if (i < len && s[i] == '{')
			return 1;
		pe_raise(p, "ValueError", i >= len ? "ValueError: expected '}' "
		    "before end of string" : "ValueError: unmatched '{' in "
		    "format spec");
		return -1;
	}
	*ip = i + 1;
	if (conv != 0 && conv != 'r' && conv != 's') {
		if (conv == 'a')
			return 1;
		pe_raise(p, "ValueError", "ValueError: Unknown conversion "
		    "specifier %c", conv);
		return -1;
	}
	if ((v = brace_arg(p, a, n, s + name, nlen, autonum, &rc)) == NULL)
		return p->exc.set ? -1 : 1;
	if (conv != 0) {
		struct strbuf t = STRBUF_INIT;
		struct pyval *sv;

		(conv == 'r' ? pv_repr : pv_str_of)(&t, v);
		sv = pv_str(sb_str(&t), t.len);
		sb_release(&t);
		rc = fmt_spec(p, sv, s + spec, slen, out);
		pv_free(sv);
		return rc;
	}
	return fmt_spec(p, v, s + spec, slen, out);
}

struct pe_val *
fmt_braces(struct pe *p, const struct pyval *f, struct pe_arg *a, size_t n)
{
	struct strbuf out = STRBUF_INIT;
	size_t i = 0, k;
	int rc = 0, autonum = 0;

	for (k = 0; k < n; k++)
		if (a[k].val->kind != PE_VAL)
			return a[k].val->kind == PE_UNKNOWN ?
			    pe_propagate(p, a[k].val, 0) : pe_unknown(p, 0,
			    "formats an object");
	while (i < f->len && rc == 0) {
		char c = f->s[i];

		if ((c == '{' || c == '}') && i + 1 < f->len &&
		    f->s[i + 1] == c) {
			sb_addch(&out, c);
			i += 2;
		} else if (c == '}') {
			pe_raise(p, "ValueError", "ValueError: Single '}' "
			    "encountered in format string");
			rc = -1;
		} else if (c == '{') {
			i++;
			rc = brace_field(p, f->s, f->len, &i, a, n, &autonum,
			    &out);
		} else
			sb_addch(&out, f->s[i++]);
	}
	if (rc != 0) {
		sb_release(&out);
		return rc < 0 ? NULL : pe_unknown(p, 0, "uses str.format() "
		    "gunilint does not evaluate");
	}
	{
		struct pe_val *r = pe_value(p, pv_str(sb_str(&out), out.len));

		sb_release(&out);
		return r;
	}
}

/* One f-string replacement field's value, converted and formatted. */
struct pe_val *
op_format_value(struct pe *p, struct pe_val *v, char conv, const char *spec,
    size_t speclen)
{
	struct strbuf out = STRBUF_INIT, t = STRBUF_INIT;
	struct pyval *sv = NULL;
	int rc;

	if (v == NULL || !pe_live(p))
		return NULL;
	if (v->kind == PE_UNKNOWN)
		return pe_propagate(p, v, 0);
	if (v->kind != PE_VAL || conv == 'a')
		return pe_unknown(p, v->flags, "formats an object");
	if (conv != 0) {
		(conv == 'r' ? pv_repr : pv_str_of)(&t, v->v);
		sv = pv_str(sb_str(&t), t.len);
		sb_release(&t);
	}
	rc = fmt_spec(p, sv ? sv : v->v, spec, speclen, &out);
	pv_free(sv);
	if (rc != 0) {
		sb_release(&out);
		return rc < 0 ? NULL : pe_unknown(p, v->flags, "uses a format "
		    "spec gunilint does not evaluate");
	}
	sv = pv_str(sb_str(&out), out.len);
	sb_release(&out);
	return pe_flag(pe_value(p, sv), v->flags);
}
