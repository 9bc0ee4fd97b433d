/*
 * pyeval_method.c: the str, list and dict methods config files call
 * (format, join, split, strip, replace, startswith; append, extend,
 * insert; get).  A list method changes the value in place and records a
 * new binding for every global that holds it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "py/py_int.h"

static int
nargs_ok(struct pe *p, const char *fn, size_t n, size_t lo, size_t hi)
{
	if (n >= lo && n <= hi)
		return 1;
	pe_raise(p, "TypeError", "TypeError: %s() takes %zu argument%s "
	    "(%zu given)", fn, lo, lo == 1 ? "" : "s", n);
	return 0;
}

static struct pe_val *
ret(struct pe *p, struct pyval *v, unsigned fl)
{
	return pe_flag(pe_value(p, v), fl);
}

/* ---- methods of plain values ---------------------------------------- */

static struct pe_val *
str_arg(struct pe *p, struct pe_arg *a, size_t n, size_t i, const char *m)
{
	if (i >= n)
		return NULL;
	if (a[i].val->kind != PE_VAL || a[i].val->v->kind != PV_STR) {
		pe_raise(p, "TypeError", "TypeError: %s arg must be None or "
		    "str", m);
		return NULL;
	}
	return a[i].val;
}

static struct pyval *
m_strip(const struct pyval *s, const struct pyval *chars, int l, int r)
{
	const char *b = s->s, *e = s->s + s->len;
	const char *set = chars ? chars->s : " \t\n\r\v\f";

	while (l && b < e && *b && strchr(set, *b))
		b++;
	while (r && e > b && e[-1] && strchr(set, e[-1]))
		e--;
	return pv_str(b, (size_t)(e - b));
}

static struct pyval *
m_split(const struct pyval *s, const struct pyval *sep, long long max)
{
	struct pyval *r = pv_list();
	const char *b = s->s, *e = s->s + s->len, *q;

	if (sep == NULL) {
		for (;;) {
			while (b < e && isspace((unsigned char)*b))
				b++;
			if (b == e)
				break;
			if (max-- == 0) {
				while (e > b && isspace((unsigned char)e[-1]))
					e--;
				pv_append(r, pv_str(b, (size_t)(e - b)));
				break;
			}
			for (q = b; q < e && !isspace((unsigned char)*q); q++)
				;
			pv_append(r, pv_str(b, (size_t)(q - b)));
			b = q;
		}
		return r;
	}
	while (max-- != 0 && (q = pe_memmem(b, (size_t)(e - b), sep->s,
	    sep->len)) != NULL) {
		pv_append(r, pv_str(b, (size_t)(q - b)));
		b = q + sep->len;
	}
	pv_append(r, pv_str(b, (size_t)(e - b)));
	return r;
}

static struct pyval *
m_replace(const struct pyval *s, const struct pyval *old,
    const struct pyval *new, long long count)
{
	struct strbuf sb = STRBUF_INIT;
	const char *b = s->s, *e = s->s + s->len, *q;
	struct pyval *r;

	while (count-- != 0 && b <= e) {
		if (old->len == 0) {
			sb_add(&sb, new->s, new->len);
			if (b == e)
				break;
			sb_addch(&sb, *b++);
			continue;
		}
		if ((q = pe_memmem(b, (size_t)(e - b), old->s, old->len)) == NULL)
			break;
		sb_add(&sb, b, (size_t)(q - b));
		sb_add(&sb, new->s, new->len);
		b = q + old->len;
	}
	if (b < e)
		sb_add(&sb, b, (size_t)(e - b));
	r = pv_str(sb_str(&sb), sb.len);
	sb_release(&sb);
	return r;
}

static int
affix(const struct pyval *s, const struct pyval *x, int end)
{
	size_t i;

	if (x->kind == PV_TUPLE) {
		for (i = 0; i < x->n; i++)
			if (x->items[i]->kind == PV_STR &&
			    affix(s, x->items[i], end))
				return 1;
		return 0;
	}
	return x->len <= s->len && memcmp(s->s + (end ? s->len - x->len : 0),
	    x->s, x->len) == 0;
}

static struct pe_val *
m_join(struct pe *p, const struct pyval *s, struct pe_val *it, unsigned fl)
{
	struct strbuf sb = STRBUF_INIT;
	const struct pyval *v = it->v;
	struct pyval *r;
	size_t i, step = 1;

	if (it->kind != PE_VAL || (v->kind != PV_LIST && v->kind != PV_TUPLE &&
	    v->kind != PV_DICT))
		return pe_unknown(p, fl, "calls str.join() on an object");
	if (v->kind == PV_DICT)
		step = 2;
	for (i = 0; i < v->n; i += step) {
		if (v->items[i]->kind != PV_STR) {
			struct pe_val x = { PE_VAL, v->items[i], 0, 0, 0, 0 };

			sb_release(&sb);
			pe_raise(p, "TypeError", "TypeError: sequence item %zu: "
			    "expected str instance, %s found", i / step,
			    pe_type_name(&x));
			return NULL;
		}
		if (i > 0)
			sb_add(&sb, s->s, s->len);
		sb_add(&sb, v->items[i]->s, v->items[i]->len);
	}
	r = pv_str(sb_str(&sb), sb.len);
	sb_release(&sb);
	return ret(p, r, fl);
}

static int
is_ascii_str(const struct pyval *s)
{
	size_t i;

	for (i = 0; i < s->len; i++)
		if ((unsigned char)s->s[i] >= 0x80)
			return 0;
	return 1;
}

struct pe_val *
pe_str_method(struct pe *p, struct pe_val *m, struct pe_arg *a, size_t n,
    unsigned fl)
{
	const struct pyval *s = m->v;
	const char *name = m->name;
	struct pe_val *x, *y;
	long long cnt = -1, i;
	struct pyval *r;
	int f;
	double d;

	if (strcmp(name, "format") == 0)
		return pe_flag(fmt_braces(p, s, a, n), fl);
	if (strcmp(name, "join") == 0)
		return nargs_ok(p, "join", n, 1, 1) ? m_join(p, s, a[0].val,
		    fl) : NULL;
	if ((strcmp(name, "lower") == 0 || strcmp(name, "upper") == 0) &&
	    n == 0 && is_ascii_str(s)) {
		r = pv_str(s->s, s->len);
		for (i = 0; i < (long long)r->len; i++)
			r->s[i] = (char)(name[0] == 'l' ? tolower(
			    (unsigned char)r->s[i]) : toupper(
			    (unsigned char)r->s[i]));
		return ret(p, r, fl);
	}
	if (strcmp(name, "isdigit") == 0 && n == 0 && is_ascii_str(s))
		return ret(p, pv_bool(s->len > 0 && strspn(s->s, "0123456789")
		    == s->len), fl);
	if (strstr(name, "strip") != NULL && n <= 1) {
		x = n == 1 && !(a[0].val->v->kind == PV_NONE) ?
		    str_arg(p, a, n, 0, name) : NULL;
		if (p->exc.set)
			return NULL;
		return ret(p, m_strip(s, x ? x->v : NULL, name[0] != 'r',
		    name[0] != 'l'), fl);
	}
	if (strcmp(name, "split") == 0 && n <= 2) {
		x = n >= 1 && a[0].val->v->kind != PV_NONE ?
		    str_arg(p, a, n, 0, name) : NULL;
		if (n == 2 && (pe_num(a[1].val->v, &f, &cnt, &d) != 1 || f))
			return pe_unknown(p, fl, "calls str.split() with an "
			    "odd maxsplit");
		if (p->exc.set)
			return NULL;
		if (x != NULL && x->v->len == 0) {
			pe_raise(p, "ValueError", "ValueError: empty "
			    "separator");
			return NULL;
		}
		return ret(p, m_split(s, x ? x->v : NULL, cnt), fl);
	}
	if (strcmp(name, "replace") == 0 && (n == 2 || n == 3)) {
		x = str_arg(p, a, n, 0, name);
		y = str_arg(p, a, n, 1, name);
		if (n == 3 && (pe_num(a[2].val->v, &f, &cnt, &d) != 1 || f))
			return pe_unknown(p, fl, "calls str.replace() with an "
			    "odd count");
		if (x == NULL || y == NULL)
			return NULL;
		return ret(p, m_replace(s, x->v, y->v, cnt), fl);
	}
	if ((strcmp(name, "startswith") == 0 || strcmp(name, "endswith") == 0) &&
	    n == 1 && (a[0].val->v->kind == PV_STR ||
	    a[0].val->v->kind == PV_TUPLE))
		return ret(p, pv_bool(affix(s, a[0].val->v, name[0] == 'e')),
		    fl);
	return pe_unknown(p, fl, "calls str.%s()", name);
}

struct pe_val *
pe_list_method(struct pe *p, struct pe_val *m, struct pe_arg *a, size_t n,
    unsigned fl)
{
	struct pyval *l = m->v;
	const struct pyval *x;
	long long at;
	size_t i;
	int f;
	double d;

	if (strcmp(m->name, "append") == 0 && n == 1)
		pv_append(l, pv_copy(a[0].val->v));
	else if (strcmp(m->name, "extend") == 0 && n == 1 &&
	    ((x = a[0].val->v)->kind == PV_LIST || x->kind == PV_TUPLE)) {
		size_t cnt = x->n;

		for (i = 0; i < cnt; i++)
			pv_append(l, pv_copy(x->items[i]));
	} else if (strcmp(m->name, "insert") == 0 && n == 2 &&
	    pe_num(a[0].val->v, &f, &at, &d) == 1 && !f) {
		if (at < 0)
			at += (long long)l->n;
		at = at < 0 ? 0 : at > (long long)l->n ? (long long)l->n : at;
		struct pyval *tmp;

		pv_append(l, pv_copy(a[1].val->v));
		tmp = l->items[l->n - 1];
		memmove(l->items + at + 1, l->items + at,
		    (l->n - 1 - (size_t)at) * sizeof(*l->items));
		l->items[at] = tmp;
	} else
		return pe_unknown(p, fl, "calls list.%s()", m->name);
	pe_rebind_mutated(p, l, p->stmt);
	return ret(p, pv_none(), fl);
}

struct pe_val *
pe_dict_method(struct pe *p, struct pe_val *m, struct pe_arg *a, size_t n,
    unsigned fl)
{
	const struct pyval *dct = m->v;
	size_t i;

	if (strcmp(m->name, "get") == 0 && (n == 1 || n == 2)) {
		for (i = 0; i < dct->n; i += 2)
			if (pe_eq(dct->items[i], a[0].val->v))
				return ret(p, pv_copy(dct->items[i + 1]), fl);
		return n == 2 ? pe_flag(a[1].val, fl) : ret(p, pv_none(), fl);
	}
	return pe_unknown(p, fl, "calls dict.%s()", m->name);
}
