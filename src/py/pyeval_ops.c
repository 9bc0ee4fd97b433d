/*
 * pyeval_ops.c: Python's operators over the evaluator's values: int
 * arithmetic with floor division and modulo signs, floats, str, list and
 * tuple operators, comparisons, membership, subscripts and attributes,
 * with CPython's exception messages when the operation fails.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "py/py_int.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct pe_val *
pe_value(struct pe *p, struct pyval *v)
{
	struct pe_val *r = arena_alloc(p->ar, sizeof(*r));

	VEC_PUSH(&p->owned, v);
	r->kind = PE_VAL;
	r->v = v;
	return r;
}

struct pe_val *
pe_unknown(struct pe *p, unsigned flags, const char *fmt, ...)
{
	struct pe_val *r = arena_alloc(p->ar, sizeof(*r));
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	r->kind = PE_UNKNOWN;
	r->why = arena_strdup(p->ar, s);
	r->flags = flags;
	free(s);
	p->unknowns++;
	return r;
}

struct pe_val *
pe_propagate(struct pe *p, struct pe_val *u, unsigned flags)
{
	struct pe_val *r = arena_alloc(p->ar, sizeof(*r));

	*r = *u;
	r->name = NULL;
	r->flags |= flags;
	p->unknowns++;
	return r;
}

struct pe_val *
pe_flag(struct pe_val *v, unsigned flags)
{
	if (v != NULL)
		v->flags |= flags;
	return v;
}

struct pe_val *
pe_known(struct pe *p, enum pe_kind k, int id, const char *name)
{
	struct pe_val *r = arena_alloc(p->ar, sizeof(*r));

	r->kind = k;
	r->id = id;
	r->name = name;
	return r;
}

void
pe_raise(struct pe *p, const char *type, const char *fmt, ...)
{
	va_list ap;
	char *m;

	if (!pe_live(p))
		return;
	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	p->exc.set = 1;
	p->exc.type = type;
	p->exc.msg = arena_strdup(p->ar, m);
	p->exc.where = p->stmt;
	free(m);
}

const char *
pe_type_name(const struct pe_val *v)
{
	static const char *const names[] = {
		"NoneType", "bool", "int", "str", "list", "tuple", "dict",
	};
	double d;

	switch (v->kind) {
	case PE_VAL:
		if (pv_as_float(v->v, &d))
			return "float";
		return v->v->kind <= PV_DICT ? names[v->v->kind] : "object";
	case PE_MOD:
		return "module";
	case PE_FN:
	case PE_METHOD:
		return "builtin_function_or_method";
	case PE_USER:
		return "function";
	case PE_CPUSET:
		return "set";
	default:
		return "object";
	}
}

int
pe_truth(const struct pyval *v)
{
	return pv_truthy(v);
}

/* 1 for a number (bool, int, float), 0 otherwise, -1 for an int beyond
 * 64 bits. */
int
pe_num(const struct pyval *v, int *is_float, long long *i, double *f)
{
	*is_float = 0;
	if (v->kind == PV_BOOL) {
		*i = v->b;
		return 1;
	}
	if (v->kind == PV_INT) {
		*i = v->i;
		return v->big ? -1 : 1;
	}
	if (pv_as_float(v, f)) {
		*is_float = 1;
		return 1;
	}
	return 0;
}

const char *
pe_memmem(const char *h, size_t hn, const char *n, size_t nn)
{
	size_t i;

	if (nn == 0)
		return h;
	for (i = 0; i + nn <= hn; i++)
		if (h[i] == n[0] && memcmp(h + i, n, nn) == 0)
			return h + i;
	return NULL;
}

size_t
pe_cplen(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

int
pe_eq(const struct pyval *a, const struct pyval *b)
{
	int fa, fb;
	long long ia = 0, ib = 0;
	double da = 0, db = 0;
	size_t i, k;

	if (pe_num(a, &fa, &ia, &da) > 0 && pe_num(b, &fb, &ib, &db) > 0) {
		if (!fa && !fb)
			return ia == ib;
		return (fa ? da : (double)ia) == (fb ? db : (double)ib);
	}
	if (a->kind != b->kind || a->n != b->n)
		return 0;
	if (a->kind == PV_DICT) {
		for (i = 0; i < a->n; i += 2) {
			for (k = 0; k < b->n; k += 2)
				if (pe_eq(a->items[i], b->items[k]))
					break;
			if (k == b->n || !pe_eq(a->items[i + 1],
			    b->items[k + 1]))
				return 0;
		}
		return 1;
	}
	if (a->kind == PV_LIST || a->kind == PV_TUPLE) {
		for (i = 0; i < a->n; i++)
			if (!pe_eq(a->items[i], b->items[i]))
				return 0;
		return 1;
	}
	return pv_equal(a, b);
}

static int
cmp_result(const char *op, int c)
{
	if (strcmp(op, "<") == 0)
		return c < 0;
	if (strcmp(op, "<=") == 0)
		return c <= 0;
	if (strcmp(op, ">") == 0)
		return c > 0;
	return c >= 0;
}

/* Three-way comparison for an ordering operator; -1 raised TypeError. */
int
pe_order(struct pe *p, const struct pyval *a, const struct pyval *b,
    const char *op, int *cmp)
{
	int fa, fb;
	long long ia = 0, ib = 0;
	double da = 0, db = 0;
	size_t i;

	if (pe_num(a, &fa, &ia, &da) > 0 && pe_num(b, &fb, &ib, &db) > 0) {
		if (!fa && !fb)
			*cmp = (ia > ib) - (ia < ib);
		else {
			da = fa ? da : (double)ia;
			db = fb ? db : (double)ib;
			*cmp = (da > db) - (da < db);
			if (isnan(da) || isnan(db))
				*cmp = 2; /* every comparison is False */
		}
		return 0;
	}
	if (a->kind == PV_STR && b->kind == PV_STR) {
		int c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);

		*cmp = c != 0 ? (c > 0) - (c < 0) :
		    (a->len > b->len) - (a->len < b->len);
		return 0;
	}
	if (a->kind == b->kind && (a->kind == PV_LIST || a->kind == PV_TUPLE)) {
		for (i = 0; i < a->n && i < b->n; i++)
			if (!pe_eq(a->items[i], b->items[i]))
				return pe_order(p, a->items[i], b->items[i],
				    op, cmp);
		*cmp = (a->n > b->n) - (a->n < b->n);
		return 0;
	}
	{
		struct pe_val x = { PE_VAL, (struct pyval *)a, 0, 0, 0, 0 };
		struct pe_val y = { PE_VAL, (struct pyval *)b, 0, 0, 0, 0 };

		pe_raise(p, "TypeError", "TypeError: '%s' not supported "
		    "between instances of '%s' and '%s'", op,
		    pe_type_name(&x), pe_type_name(&y));
	}
	return -1;
}

/* ---- arithmetic --------------------------------------------------- */

static struct pyval *
int_pow(struct pe *p, long long x, long long y, int *unknown)
{
	long long r = 1;

	if (y < 0) {
		if (x == 0) {
			pe_raise(p, "ZeroDivisionError", "ZeroDivisionError: "
			    "0.0 cannot be raised to a negative power");
			return NULL;
		}
		return pv_float(pow((double)x, (double)y));
	}
	/* By squaring: 1 ** 10**18 must not loop. */
	for (; y > 0; y >>= 1) {
		if ((y & 1) && __builtin_mul_overflow(r, x, &r))
			break;
		if (y > 1 && __builtin_mul_overflow(x, x, &x))
			break;
	}
	if (y > 0) {
		*unknown = 1;
		return NULL;
	}
	return pv_int(r);
}

static struct pyval *
int_arith(struct pe *p, char op, char op2, long long x, long long y,
    int *unknown)
{
	long long r, m;

	switch (op) {
	case '+':
		if (__builtin_add_overflow(x, y, &r))
			break;
		return pv_int(r);
	case '-':
		if (__builtin_sub_overflow(x, y, &r))
			break;
		return pv_int(r);
	case '*':
		if (op2 == '*')
			return int_pow(p, x, y, unknown);
		if (__builtin_mul_overflow(x, y, &r))
			break;
		return pv_int(r);
	case '/':
		if (y == 0) {
			pe_raise(p, "ZeroDivisionError", op2 == '/' ?
			    "ZeroDivisionError: integer division or modulo "
			    "by zero" : "ZeroDivisionError: division by zero");
			return NULL;
		}
		if (op2 != '/') {
			if (llabs(x) > (1LL << 53) || llabs(y) > (1LL << 53))
				break;
			return pv_float((double)x / (double)y);
		}
		/* FALLTHROUGH */
	case '%':
		if (y == 0) {
			pe_raise(p, "ZeroDivisionError", "ZeroDivisionError: "
			    "integer modulo by zero");
			return NULL;
		}
		if (x == LLONG_MIN && y == -1)
			break;
		r = x / y;
		m = x % y;
		if (m != 0 && ((m < 0) != (y < 0))) {
			r--;
			m += y;
		}
		return pv_int(op == '%' ? m : r);
	case '<':
	case '>':
		if (y < 0) {
			pe_raise(p, "ValueError", "ValueError: negative shift "
			    "count");
			return NULL;
		}
		if (op == '>')
			return pv_int(y >= 64 ? (x < 0 ? -1 : 0) : x >> y);
		if (y >= 63 || (x != 0 && (llabs(x) >> (62 - y)) != 0))
			break;
		return pv_int(x * (1LL << y));
	case '&':
		return pv_int(x & y);
	case '|':
		return pv_int(x | y);
	case '^':
		return pv_int(x ^ y);
	}
	*unknown = 1;
	return NULL;
}

static struct pyval *
float_arith(struct pe *p, char op, char op2, double x, double y, int *unknown)
{
	double m;

	switch (op) {
	case '+':
		return pv_float(x + y);
	case '-':
		return pv_float(x - y);
	case '*':
		if (op2 != '*')
			return pv_float(x * y);
		if (x == 0 && y < 0) {
			pe_raise(p, "ZeroDivisionError", "ZeroDivisionError: "
			    "0.0 cannot be raised to a negative power");
			return NULL;
		}
		if (x < 0 && y != floor(y))
			break;
		m = pow(x, y);
		if (isinf(m) && !isinf(x) && !isinf(y)) {
			pe_raise(p, "OverflowError", "OverflowError: (34, "
			    "'Numerical result out of range')");
			return NULL;
		}
		return pv_float(m);
	case '/':
	case '%':
		if (y == 0) {
			pe_raise(p, "ZeroDivisionError", op == '%' ?
			    "ZeroDivisionError: float modulo" : op2 == '/' ?
			    "ZeroDivisionError: float floor division by zero" :
			    "ZeroDivisionError: float division by zero");
			return NULL;
		}
		if (op == '/' && op2 != '/')
			return pv_float(x / y);
		m = fmod(x, y);
		if (m != 0) {
			if ((y < 0) != (m < 0))
				m += y;
		} else
			m = copysign(0.0, y);
		if (op == '%')
			return pv_float(m);
		{
			double d = (x - m) / y, fd;

			if (d != 0) {
				fd = floor(d);
				if (d - fd > 0.5)
					fd += 1.0;
			} else
				fd = copysign(0.0, x / y);
			return pv_float(fd);
		}
	}
	*unknown = 1;
	return NULL;
}

static struct pyval *
seq_repeat(const struct pyval *s, long long n)
{
	struct pyval *r;
	long long k;
	size_t i;

	if (s->kind == PV_STR) {
		struct strbuf sb = STRBUF_INIT;

		for (k = 0; k < n; k++)
			sb_add(&sb, s->s, s->len);
		r = pv_str(sb_str(&sb), sb.len);
		sb_release(&sb);
		return r;
	}
	r = s->kind == PV_LIST ? pv_list() : pv_tuple();
	for (k = 0; k < n; k++)
		for (i = 0; i < s->n; i++)
			pv_append(r, pv_copy(s->items[i]));
	return r;
}

static struct pyval *
seq_concat(const struct pyval *a, const struct pyval *b)
{
	struct pyval *r;
	size_t i;

	if (a->kind == PV_STR) {
		struct strbuf sb = STRBUF_INIT;

		sb_add(&sb, a->s, a->len);
		sb_add(&sb, b->s, b->len);
		r = pv_str(sb_str(&sb), sb.len);
		sb_release(&sb);
		return r;
	}
	r = pv_copy(a);
	for (i = 0; i < b->n; i++)
		pv_append(r, pv_copy(b->items[i]));
	return r;
}

static int
is_seq(const struct pyval *v)
{
	return v->kind == PV_STR || v->kind == PV_LIST || v->kind == PV_TUPLE;
}

static void
bad_operands(struct pe *p, const char *op, const struct pe_val *a,
    const struct pe_val *b)
{
	if (strcmp(op, "+") == 0 && a->kind == PE_VAL && a->v->kind == PV_STR)
		pe_raise(p, "TypeError", "TypeError: can only concatenate str "
		    "(not \"%s\") to str", pe_type_name(b));
	else if (strcmp(op, "+") == 0 && a->kind == PE_VAL &&
	    (a->v->kind == PV_LIST || a->v->kind == PV_TUPLE))
		pe_raise(p, "TypeError", "TypeError: can only concatenate %s "
		    "(not \"%s\") to %s", pe_type_name(a), pe_type_name(b),
		    pe_type_name(a));
	else
		pe_raise(p, "TypeError", "TypeError: unsupported operand "
		    "type(s) for %s: '%s' and '%s'", op, pe_type_name(a),
		    pe_type_name(b));
}

static struct pyval *
seq_op(const char *op, const struct pyval *a, const struct pyval *b,
    int na, long long ia, int nb, long long ib)
{
	if (strcmp(op, "+") == 0 && is_seq(a) && a->kind == b->kind)
		return seq_concat(a, b);
	if (strcmp(op, "*") == 0 && is_seq(a) && nb > 0 && b->kind != PV_OBJECT &&
	    (ib <= 0 || (a->kind == PV_STR ? a->len : a->n) <= (size_t)(PE_MAXLEN / ib)))
		return seq_repeat(a, ib);
	if (strcmp(op, "*") == 0 && is_seq(b) && na > 0 && a->kind != PV_OBJECT &&
	    (ia <= 0 || (b->kind == PV_STR ? b->len : b->n) <= (size_t)(PE_MAXLEN / ia)))
		return seq_repeat(b, ia);
	return NULL;
}

struct pe_val *
op_binary(struct pe *p, const char *op, struct pe_val *a, struct pe_val *b)
{
	int fa, fb, na, nb, unknown = 0;
	long long ia = 0, ib = 0;
	double da = 0, db = 0;
	struct pyval *r = NULL;
	unsigned fl;

	if (a == NULL || b == NULL || !pe_live(p))
		return NULL;
	fl = a->flags | b->flags;
	if (a->kind == PE_UNKNOWN)
		return pe_propagate(p, a, fl);
	if (b->kind == PE_UNKNOWN)
		return pe_propagate(p, b, fl);
	if (a->kind != PE_VAL || b->kind != PE_VAL) {
		bad_operands(p, op, a, b);
		return NULL;
	}
	if (strcmp(op, "%") == 0 && a->v->kind == PV_STR)
		return pe_flag(fmt_percent(p, a, b), fl);
	na = pe_num(a->v, &fa, &ia, &da);
	nb = pe_num(b->v, &fb, &ib, &db);
	if (na < 0 || nb < 0)
		return pe_unknown(p, fl, "integer beyond 64 bits");
	if ((na > 0 && nb > 0) && strcmp(op, "@") != 0) {
		if (strchr("&|^", op[0]) && a->v->kind == PV_BOOL &&
		    b->v->kind == PV_BOOL) {
			int x = a->v->b, y = b->v->b;

			r = pv_bool(op[0] == '&' ? x & y : op[0] == '|' ?
			    x | y : x ^ y);
		} else if (!fa && !fb)
			r = int_arith(p, op[0], op[1], ia, ib, &unknown);
		else if (strchr("<>&|^", op[0]) == NULL)
			r = float_arith(p, op[0], op[1], fa ? da : (double)ia,
			    fb ? db : (double)ib, &unknown);
	} else
		r = seq_op(op, a->v, b->v, na, ia, nb, ib);
	if (r != NULL)
		return pe_flag(pe_value(p, r), fl);
	if (strcmp(op, "*") == 0 && (is_seq(a->v) || is_seq(b->v)) &&
	    na + nb == 1 && !fa && !fb)
		return pe_unknown(p, fl, "builds a value of more than %d "
		    "items", PE_MAXLEN);
	if (unknown)
		return pe_unknown(p, fl, "integer arithmetic beyond 64 bits");
	if (!p->exc.set)
		bad_operands(p, op, a, b);
	return NULL;
}

struct pe_val *
op_unary(struct pe *p, const char *op, struct pe_val *a)
{
	int f, n;
	long long i;
	double d;

	if (a == NULL || !pe_live(p))
		return NULL;
	if (a->kind == PE_UNKNOWN)
		return pe_propagate(p, a, 0);
	if (strcmp(op, "not") == 0) {
		if (a->kind != PE_VAL)
			return pe_flag(pe_value(p, pv_bool(0)), a->flags);
		return pe_flag(pe_value(p, pv_bool(!pe_truth(a->v))),
		    a->flags);
	}
	n = a->kind == PE_VAL ? pe_num(a->v, &f, &i, &d) : 0;
	if (n < 0 || (n > 0 && !f && i == LLONG_MIN))
		return pe_unknown(p, a->flags, "integer beyond 64 bits");
	if (n == 0 || (f && op[0] == '~')) {
		pe_raise(p, "TypeError", "TypeError: bad operand type for "
		    "unary %s: '%s'", op, pe_type_name(a));
		return NULL;
	}
	if (f)
		return pe_flag(pe_value(p, pv_float(op[0] == '-' ? -d : d)),
		    a->flags);
	return pe_flag(pe_value(p, pv_int(op[0] == '-' ? -i : op[0] == '~' ?
	    ~i : i)), a->flags);
}

/* ---- comparisons and membership ---------------------------------- */

static int
contains(struct pe *p, struct pe_val *item, struct pe_val *c, int *res)
{
	const struct pyval *x = item->v, *s = c->v;
	size_t i;

	if (c->kind == PE_MOD && c->id == ID_ENVIRON) {
		int unknown = 0;

		if (item->v->kind != PV_STR) {
			*res = 0;
			return 0;
		}
		*res = pe_env_get(p, x->s, p->stmt, &unknown) != NULL;
		return unknown ? 1 : 0;
	}
	if (c->kind != PE_VAL || (s->kind != PV_STR && s->kind != PV_LIST &&
	    s->kind != PV_TUPLE && s->kind != PV_DICT)) {
		pe_raise(p, "TypeError", "TypeError: argument of type '%s' is "
		    "not iterable", pe_type_name(c));
		return -1;
	}
	if (s->kind == PV_STR) {
		if (x->kind != PV_STR) {
			pe_raise(p, "TypeError", "TypeError: 'in <string>' "
			    "requires string as left operand, not %s",
			    pe_type_name(item));
			return -1;
		}
		*res = x->len == 0 || (x->len <= s->len &&
		    pe_memmem(s->s, s->len, x->s, x->len) != NULL);
		return 0;
	}
	*res = 0;
	for (i = 0; i < s->n; i += s->kind == PV_DICT ? 2 : 1)
		if (pe_eq(x, s->items[i]))
			*res = 1;
	return 0;
}

struct pe_val *
op_compare(struct pe *p, const char *op, struct pe_val *a, struct pe_val *b)
{
	unsigned fl;
	int res = 0, cmp, rc;

	if (a == NULL || b == NULL || !pe_live(p))
		return NULL;
	fl = a->flags | b->flags;
	if (a->kind == PE_UNKNOWN)
		return pe_propagate(p, a, fl);
	if (b->kind == PE_UNKNOWN)
		return pe_propagate(p, b, fl);
	if (strcmp(op, "in") == 0 || strcmp(op, "not in") == 0) {
		if (a->kind != PE_VAL)
			return pe_unknown(p, fl, "tests membership of an "
			    "object");
		if (b->kind == PE_MOD && b->id == ID_ENVIRON)
			fl |= PE_ENV;
		if ((rc = contains(p, a, b, &res)) < 0)
			return NULL;
		if (rc > 0)
			return pe_unknown(p, fl, "tests an environment "
			    "variable gunilint does not know");
		res = op[0] == 'n' ? !res : res;
	} else if (a->kind != PE_VAL || b->kind != PE_VAL) {
		if (strcmp(op, "==") != 0 && strcmp(op, "!=") != 0 &&
		    strncmp(op, "is", 2) != 0)
			return pe_unknown(p, fl, "compares objects");
		res = a == b || (a->kind == b->kind && a->id == b->id &&
		    a->id != ID_NONE);
		res = (op[0] == '!' || strcmp(op, "is not") == 0) ? !res : res;
	} else if (strncmp(op, "is", 2) == 0) {
		if (a->v->kind > PV_BOOL && b->v->kind > PV_BOOL)
			return pe_unknown(p, fl, "compares identity");
		res = a->v->kind == b->v->kind && pv_equal(a->v, b->v);
		res = op[2] != '\0' ? !res : res;
	} else if (strcmp(op, "==") == 0 || strcmp(op, "!=") == 0)
		res = pe_eq(a->v, b->v) == (op[0] == '=');
	else {
		if (pe_order(p, a->v, b->v, op, &cmp) < 0)
			return NULL;
		res = cmp != 2 && cmp_result(op, cmp);
	}
	return pe_flag(pe_value(p, pv_bool(res)), fl);
}

int
pe_exc_matches(const char *raised, const char *handler)
{
	static const struct { const char *e, *parent; } tree[] = {
		{ "KeyError", "LookupError" }, { "IndexError", "LookupError" },
		{ "ZeroDivisionError", "ArithmeticError" },
		{ "OverflowError", "ArithmeticError" },
		{ "ModuleNotFoundError", "ImportError" },
		{ "LookupError", "Exception" },
		{ "ArithmeticError", "Exception" },
		{ "ImportError", "Exception" }, { "ValueError", "Exception" },
		{ "TypeError", "Exception" }, { "NameError", "Exception" },
		{ "AssertionError", "Exception" },
		{ "AttributeError", "Exception" },
		{ "RuntimeError", "Exception" }, { "OSError", "Exception" },
		{ "Exception", "BaseException" },
	};
	size_t i;

	while (raised != NULL) {
		if (strcmp(raised, handler) == 0)
			return 1;
		for (i = 0; i < NELEM(tree); i++)
			if (strcmp(tree[i].e, raised) == 0)
				break;
		raised = i < NELEM(tree) ? tree[i].parent : NULL;
	}
	return 0;
}
