/*
 * pyeval_call.c: calls in config files: the builtins settings are built
 * with (str, int, float, bool, len, max, min, abs, round, ...), the
 * environment and CPU-count functions of os and multiprocessing, and the
 * str, list and dict methods config files use.  Anything else is runtime.
 */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "py/py_int.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

typedef struct pe_val *(*call_fn)(struct pe *, struct pe_arg *, size_t,
    unsigned);

static struct pe_val *
ret(struct pe *p, struct pyval *v, unsigned fl)
{
	return pe_flag(pe_value(p, v), fl);
}

static int
nargs_ok(struct pe *p, const char *fn, size_t n, size_t lo, size_t hi)
{
	if (n >= lo && n <= hi)
		return 1;
	if (lo == hi)
		pe_raise(p, "TypeError", "TypeError: %s() takes exactly %s "
		    "argument%s (%zu given)", fn, lo == 1 ? "one" : "two",
		    lo == 1 ? "" : "s", n);
	else
		pe_raise(p, "TypeError", "TypeError: %s expected at most %zu "
		    "argument%s, got %zu", fn, hi, hi == 1 ? "" : "s", n);
	return 0;
}

/* ---- environment and CPU count ------------------------------------ */

static struct pe_val *
env_read(struct pe *p, struct pe_arg *a, size_t n, unsigned fl,
    const char *fn)
{
	const char *v;
	int unknown = 0;

	if (!nargs_ok(p, fn, n, 1, 2))
		return NULL;
	if (a[0].val->kind == PE_UNKNOWN)
		return pe_propagate(p, a[0].val, fl);
	if (a[0].val->kind != PE_VAL || a[0].val->v->kind != PV_STR)
		return pe_unknown(p, fl, "calls %s() with a non-str name", fn);
	v = pe_env_get(p, a[0].val->v->s, p->stmt, &unknown);
	fl |= PE_ENV;
	if (unknown)
		return pe_unknown(p, fl, "reads environment variable %s",
		    a[0].val->v->s);
	if (v != NULL)
		return ret(p, pv_strz(v), fl & ~PE_CPU);
	if (n == 1)
		return ret(p, pv_none(), fl & ~PE_CPU);
	return pe_flag(a[1].val->kind == PE_UNKNOWN ? pe_propagate(p,
	    a[1].val, 0) : a[1].val, fl);
}

static struct pe_val *
fn_getenv(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	return env_read(p, a, n, fl, "getenv");
}

static struct pe_val *
fn_env_get(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	return env_read(p, a, n, fl, "get");
}

static struct pe_val *
fn_setdefault(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	struct pe_val *r;

	if (n == 1)
		return pe_unknown(p, fl, "calls os.environ.setdefault() "
		    "without a value");
	if ((r = env_read(p, a, n, fl, "setdefault")) == NULL ||
	    r != a[1].val)
		return r;
	if (a[1].val->kind != PE_VAL || a[1].val->v->kind != PV_STR) {
		if (a[1].val->kind == PE_VAL)
			pe_raise(p, "TypeError", "TypeError: str expected, "
			    "not %s", pe_type_name(a[1].val));
		else
			p->env_unknown = 1;
		return a[1].val->kind == PE_VAL ? NULL : r;
	}
	pe_env_set(p, a[0].val->v->s, a[1].val->v->s);
	return r;
}

static struct pe_val *
fn_env_pop(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	struct pe_val *r;

	if (n == 1 && a[0].val->kind == PE_VAL && a[0].val->v->kind == PV_STR) {
		int unknown = 0;

		if (pe_env_get(p, a[0].val->v->s, p->stmt, &unknown) == NULL &&
		    !unknown) {
			char *k = pv_repr_text(a[0].val->v);

			pe_raise(p, "KeyError", "KeyError: %s", k);
			free(k);
			return NULL;
		}
	}
	if ((r = env_read(p, a, n, fl, "pop")) != NULL && r->kind != PE_UNKNOWN)
		pe_env_set(p, a[0].val->v->s, NULL);
	else if (r != NULL)
		p->env_unknown = 1;
	return r;
}

static struct pe_val *
fn_cpu(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	(void)a;
	if (!nargs_ok(p, "cpu_count", n, 0, 0))
		return NULL;
	if (p->env->cpus <= 0)
		return pe_unknown(p, fl | PE_CPU, "the CPU count is not known");
	return ret(p, pv_int((long long)p->env->cpus), fl | PE_CPU);
}

static struct pe_val *
fn_affinity(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	(void)a;
	if (!nargs_ok(p, "sched_getaffinity", n, 1, 1))
		return NULL;
	return pe_flag(pe_known(p, PE_CPUSET, 0, "os.sched_getaffinity"),
	    fl | PE_CPU);
}

/* ---- conversions -------------------------------------------------- */

/* Python's int(s, base) for str; NULL when s is not such an int. */
static struct pyval *
parse_int(const char *s, size_t len, int base)
{
	struct strbuf sb = STRBUF_INIT;
	const char *e = s + len;
	struct pyval *r = NULL;
	int neg = 0, d, nd = 0;

	while (s < e && isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	if (s < e && (*s == '+' || *s == '-'))
		neg = *s++ == '-';
	if (e - s >= 2 && s[0] == '0' && strchr("xXoObB", s[1]) && s[1]) {
		int b = strchr("xX", s[1]) ? 16 : strchr("oO", s[1]) ? 8 : 2;

		if (base == 0 || base == b) {
			base = b;
			s += 2;
			if (s < e && *s == '_')
				s++;
		}
	}
	if (base == 0) {
		base = 10;
		if (s < e && *s == '0' && strspn(s, "0_") < (size_t)(e - s))
			return NULL;
	}
	{
		unsigned long long v = 0;
		int over = 0;

		for (; s < e; s++) {
			if (*s == '_' && nd > 0 && s + 1 < e && s[1] != '_')
				continue;
			d = isdigit((unsigned char)*s) ? *s - '0' :
			    isalpha((unsigned char)*s) ?
			    tolower((unsigned char)*s) - 'a' + 10 : 99;
			if (d >= base) {
				sb_release(&sb);
				return NULL;
			}
			if (v > (ULLONG_MAX - (unsigned)d) / (unsigned)base)
				over = 1;
			v = v * (unsigned)base + (unsigned)d;
			nd++;
			sb_addch(&sb, *s);
		}
		if (nd == 0) {
			sb_release(&sb);
			return NULL;
		}
		if (!over && v <= (unsigned long long)LLONG_MAX)
			r = pv_int(neg ? -(long long)v : (long long)v);
		else if (base == 10) {
			const char *t = sb_str(&sb);
			char *txt;

			t += strspn(t, "0");
			txt = xasprintf("%s%s", neg ? "-" : "", t);
			r = pv_int_text(txt);
			free(txt);
		} else
			r = pv_object("<big>");
	}
	sb_release(&sb);
	return r;
}

static struct pe_val *
fn_int(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	const struct pyval *v;
	long long i, base = 10;
	int f, k;
	double d;
	struct pyval *r;

	if (n == 0)
		return ret(p, pv_int(0), fl);
	if (!nargs_ok(p, "int", n, 1, 2))
		return NULL;
	v = a[0].val->v;
	if (n == 2 && (a[1].val->kind != PE_VAL ||
	    pe_num(a[1].val->v, &f, &base, &d) != 1 || f || base == 1 ||
	    base < 0 || base > 36))
		return pe_unknown(p, fl, "calls int() with an unusual base");
	if (a[0].val->kind != PE_VAL)
		return pe_unknown(p, fl, "calls int() on an object");
	if (v->kind == PV_STR) {
		if ((r = parse_int(v->s, v->len, (int)base)) == NULL) {
			char *q = pv_repr_text(v);

			pe_raise(p, "ValueError", "ValueError: invalid literal "
			    "for int() with base %lld: %s", base, q);
			free(q);
			return NULL;
		}
		if (r->kind == PV_OBJECT) {
			pv_free(r);
			return pe_unknown(p, fl, "integer beyond 64 bits");
		}
		return ret(p, r, fl);
	}
	if (n == 2) {
		pe_raise(p, "TypeError", "TypeError: int() can't convert "
		    "non-string with explicit base");
		return NULL;
	}
	if ((k = pe_num(v, &f, &i, &d)) < 0)
		return ret(p, pv_copy(v), fl);
	if (k == 0) {
		pe_raise(p, "TypeError", "TypeError: int() argument must be a "
		    "string, a bytes-like object or a real number, not '%s'",
		    pe_type_name(a[0].val));
		return NULL;
	}
	if (!f)
		return ret(p, pv_int(i), fl);
	if (isnan(d) || isinf(d)) {
		pe_raise(p, isnan(d) ? "ValueError" : "OverflowError",
		    isnan(d) ? "ValueError: cannot convert float NaN to "
		    "integer" : "OverflowError: cannot convert float infinity "
		    "to integer");
		return NULL;
	}
	if (fabs(d) >= 9.2e18)
		return pe_unknown(p, fl, "integer beyond 64 bits");
	return ret(p, pv_int((long long)d), fl);
}

/* Python's float(str) grammar, underscores between digits included. */
static int
parse_float(const char *s, size_t len, double *out)
{
	char buf[128], *end;
	const char *e = s + len, *w;
	size_t k = 0;

	while (s < e && isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	if (e - s >= (long)sizeof(buf) || s == e)
		return -1;
	for (w = s; w < e; w++) {
		if (*w == '_') {
			if (w == s || w + 1 == e ||
			    !isdigit((unsigned char)w[-1]) ||
			    !isdigit((unsigned char)w[1]))
				return -1;
			continue;
		}
		if (!isalnum((unsigned char)*w) && !strchr("+-.", *w))
			return -1;
		buf[k++] = *w;
	}
	buf[k] = '\0';
	w = buf + (buf[0] == '+' || buf[0] == '-');
	if (strncasecmp(w, "0x", 2) == 0 || (isalpha((unsigned char)*w) &&
	    strcasecmp(w, "inf") != 0 && strcasecmp(w, "infinity") != 0 &&
	    strcasecmp(w, "nan") != 0))
		return -1;
	*out = strtod(buf, &end);
	return *end == '\0' ? 0 : -1;
}

static struct pe_val *
fn_float(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	const struct pyval *v;
	long long i;
	int f, k;
	double d;

	if (n == 0)
		return ret(p, pv_float(0), fl);
	if (!nargs_ok(p, "float", n, 1, 1))
		return NULL;
	if (a[0].val->kind != PE_VAL)
		return pe_unknown(p, fl, "calls float() on an object");
	v = a[0].val->v;
	if (v->kind == PV_STR) {
		if (parse_float(v->s, v->len, &d) != 0) {
			char *q = pv_repr_text(v);

			pe_raise(p, "ValueError", "ValueError: could not "
			    "convert string to float: %s", q);
			free(q);
			return NULL;
		}
		return ret(p, pv_float(d), fl);
	}
	if ((k = pe_num(v, &f, &i, &d)) < 0)
		return pe_unknown(p, fl, "integer beyond 64 bits");
	if (k == 0) {
		pe_raise(p, "TypeError", "TypeError: float() argument must be a "
		    "string or a real number, not '%s'", pe_type_name(a[0].val));
		return NULL;
	}
	return ret(p, pv_float(f ? d : (double)i), fl);
}

static struct pe_val *
fn_str(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	struct strbuf sb = STRBUF_INIT;
	struct pyval *r;

	if (n == 0)
		return ret(p, pv_strz(""), fl);
	if (!nargs_ok(p, "str", n, 1, 1))
		return NULL;
	if (a[0].val->kind != PE_VAL)
		return pe_unknown(p, fl, "calls str() on an object");
	pv_str_of(&sb, a[0].val->v);
	r = pv_str(sb_str(&sb), sb.len);
	sb_release(&sb);
	return ret(p, r, fl);
}

static struct pe_val *
fn_repr(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	char *s;
	struct pyval *r;

	if (!nargs_ok(p, "repr", n, 1, 1))
		return NULL;
	if (a[0].val->kind != PE_VAL)
		return pe_unknown(p, fl, "calls repr() on an object");
	s = pv_repr_text(a[0].val->v);
	r = pv_strz(s);
	free(s);
	return ret(p, r, fl);
}

static struct pe_val *
fn_bool(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	if (n == 0)
		return ret(p, pv_bool(0), fl);
	if (!nargs_ok(p, "bool", n, 1, 1))
		return NULL;
	if (a[0].val->kind != PE_VAL)
		return ret(p, pv_bool(1), fl);
	return ret(p, pv_bool(pe_truth(a[0].val->v)), fl);
}

static struct pe_val *
fn_len(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	const struct pyval *v;

	if (!nargs_ok(p, "len", n, 1, 1))
		return NULL;
	if (a[0].val->kind == PE_CPUSET)
		return fn_cpu(p, NULL, 0, fl | PE_CPU);
	v = a[0].val->v;
	if (a[0].val->kind != PE_VAL || (v->kind != PV_STR &&
	    v->kind != PV_LIST && v->kind != PV_TUPLE && v->kind != PV_DICT)) {
		if (a[0].val->kind != PE_VAL)
			return pe_unknown(p, fl, "calls len() on an object");
		pe_raise(p, "TypeError", "TypeError: object of type '%s' has "
		    "no len()", pe_type_name(a[0].val));
		return NULL;
	}
	return ret(p, pv_int((long long)(v->kind == PV_STR ?
	    pe_cplen(v->s, v->len) : v->kind == PV_DICT ? v->n / 2 : v->n)),
	    fl);
}

static struct pe_val *
minmax(struct pe *p, struct pe_arg *a, size_t n, unsigned fl, int want)
{
	const char *fn = want > 0 ? "max" : "min";
	struct pyval *const *items;
	size_t k, cnt, best = 0;
	int cmp;

	if (n == 0) {
		pe_raise(p, "TypeError", "TypeError: %s expected at least 1 "
		    "argument, got 0", fn);
		return NULL;
	}
	if (n == 1) {
		const struct pyval *v = a[0].val->v;

		if (a[0].val->kind != PE_VAL || (v->kind != PV_LIST &&
		    v->kind != PV_TUPLE))
			return pe_unknown(p, fl, "calls %s() on an object", fn);
		if (v->n == 0) {
			pe_raise(p, "ValueError", "ValueError: %s() arg is an "
			    "empty sequence", fn);
			return NULL;
		}
		items = v->items;
		cnt = v->n;
	} else {
		struct pyval **tmp = arena_alloc(p->ar, n * sizeof(*tmp));

		for (k = 0; k < n; k++) {
			if (a[k].val->kind != PE_VAL)
				return pe_unknown(p, fl, "calls %s() on an "
				    "object", fn);
			tmp[k] = a[k].val->v;
		}
		items = tmp;
		cnt = n;
	}
	for (k = 1; k < cnt; k++) {
		if (pe_order(p, items[k], items[best], want > 0 ? ">" : "<",
		    &cmp) < 0)
			return NULL;
		if (cmp != 2 && cmp * want > 0)
			best = k;
	}
	return ret(p, pv_copy(items[best]), fl);
}

static struct pe_val *
fn_max(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	return minmax(p, a, n, fl, 1);
}

static struct pe_val *
fn_min(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	return minmax(p, a, n, fl, -1);
}

static struct pe_val *
fn_abs(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	long long i;
	double d;
	int f, k;

	if (!nargs_ok(p, "abs", n, 1, 1))
		return NULL;
	if (a[0].val->kind != PE_VAL)
		return pe_unknown(p, fl, "calls abs() on an object");
	if ((k = pe_num(a[0].val->v, &f, &i, &d)) <= 0 ||
	    (!f && i == LLONG_MIN)) {
		if (k == 0) {
			pe_raise(p, "TypeError", "TypeError: bad operand type "
			    "for abs(): '%s'", pe_type_name(a[0].val));
			return NULL;
		}
		return pe_unknown(p, fl, "integer beyond 64 bits");
	}
	return ret(p, f ? pv_float(fabs(d)) : pv_int(llabs(i)), fl);
}

static struct pe_val *
fn_round(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	long long i, nd = 0;
	double d, x;
	int f, k, fn;
	char buf[400];

	if (!nargs_ok(p, "round", n, 1, 2))
		return NULL;
	if (a[0].val->kind != PE_VAL || (n == 2 && (a[1].val->kind != PE_VAL ||
	    pe_num(a[1].val->v, &fn, &nd, &x) != 1 || fn)))
		return pe_unknown(p, fl, "calls round() on an object");
	if ((k = pe_num(a[0].val->v, &f, &i, &d)) <= 0) {
		if (k == 0) {
			pe_raise(p, "TypeError", "TypeError: type %s doesn't "
			    "define __round__ method", pe_type_name(a[0].val));
			return NULL;
		}
		return pe_unknown(p, fl, "integer beyond 64 bits");
	}
	if (!f)
		return nd >= 0 ? ret(p, pv_int(i), fl) : pe_unknown(p, fl,
		    "rounds an int to tens");
	if (n == 1) {
		if (isnan(d) || isinf(d)) {
			pe_raise(p, isnan(d) ? "ValueError" : "OverflowError",
			    isnan(d) ? "ValueError: cannot convert float NaN "
			    "to integer" : "OverflowError: cannot convert "
			    "float infinity to integer");
			return NULL;
		}
		if (fabs(d) >= 9.2e18)
			return pe_unknown(p, fl, "integer beyond 64 bits");
		return ret(p, pv_int((long long)nearbyint(d)), fl);
	}
	if (nd < 0 || nd > 300 || isnan(d) || isinf(d))
		return pe_unknown(p, fl, "rounds a float gunilint does not");
	snprintf(buf, sizeof(buf), "%.*f", (int)nd, d);
	return ret(p, pv_float(strtod(buf, NULL)), fl);
}

static struct pe_val *
fn_print(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	(void)a;
	(void)n;
	return ret(p, pv_none(), fl);
}

static struct pe_val *
fn_seq(struct pe *p, struct pe_arg *a, size_t n, unsigned fl, int list)
{
	const struct pyval *v;
	struct pyval *r = list ? pv_list() : pv_tuple();
	size_t i;

	if (n == 0 || !nargs_ok(p, list ? "list" : "tuple", n, 0, 1))
		return n == 0 ? ret(p, r, fl) : (pv_free(r), NULL);
	v = a[0].val->v;
	if (a[0].val->kind != PE_VAL || (v->kind != PV_LIST &&
	    v->kind != PV_TUPLE && v->kind != PV_DICT)) {
		pv_free(r);
		return pe_unknown(p, fl, "calls %s() on an object or string",
		    list ? "list" : "tuple");
	}
	for (i = 0; i < v->n; i += v->kind == PV_DICT ? 2 : 1)
		pv_append(r, pv_copy(v->items[i]));
	return ret(p, r, fl);
}

static struct pe_val *
fn_list(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	return fn_seq(p, a, n, fl, 1);
}

static struct pe_val *
fn_tuple(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	return fn_seq(p, a, n, fl, 0);
}

static struct pe_val *
fn_exc(struct pe *p, struct pe_arg *a, size_t n, unsigned fl)
{
	(void)p;
	(void)a;
	(void)n;
	(void)fl;
	return NULL;
}

static const struct {
	int id;
	call_fn fn;
	int kwargs_ok;
	int unknown_ok; /* all but the first argument may be runtime */
} fns[] = {
	{ ID_GETENV, fn_getenv, 0, 1 }, { ID_ENV_GET, fn_env_get, 0, 1 },
	{ ID_ENV_SETDEFAULT, fn_setdefault, 0, 1 },
	{ ID_ENV_POP, fn_env_pop, 0, 1 },
	{ ID_OS_CPU, fn_cpu, 0, 0 }, { ID_MP_CPU, fn_cpu, 0, 0 },
	{ ID_AFFINITY, fn_affinity, 0, 0 }, { ID_INT, fn_int, 0, 0 },
	{ ID_FLOAT, fn_float, 0, 0 }, { ID_STR, fn_str, 0, 0 },
	{ ID_REPR, fn_repr, 0, 0 }, { ID_BOOL, fn_bool, 0, 0 },
	{ ID_LEN, fn_len, 0, 0 }, { ID_MAX, fn_max, 0, 0 },
	{ ID_MIN, fn_min, 0, 0 }, { ID_ABS, fn_abs, 0, 0 },
	{ ID_ROUND, fn_round, 0, 0 }, { ID_PRINT, fn_print, 1, 1 },
	{ ID_LIST, fn_list, 0, 0 }, { ID_TUPLE, fn_tuple, 0, 0 },
	{ ID_EXC_CLASS, fn_exc, 0, 1 },
};

/* ---- dispatch ------------------------------------------------------ */

static struct pe_val *
call_unknown_callee(struct pe *p, struct pe_val *fn, unsigned fl)
{
	if (fn->kind == PE_USER)
		return pe_unknown(p, fl, "calls %s(), which gunilint does not "
		    "run", fn->name);
	if (fn->name != NULL) {
		if (strcmp(fn->name, "open") == 0)
			return pe_unknown(p, fl, "reads a file");
		return pe_unknown(p, fl, "calls %s()", fn->name);
	}
	return pe_propagate(p, fn, fl);
}

static struct pe_val *
call_exc(struct pe *p, struct pe_val *fn, struct pe_arg *a, size_t n,
    unsigned fl)
{
	struct pe_val *r = pe_known(p, PE_EXC, 0, fn->name);
	char *s;

	r->flags = fl;
	if (n == 0)
		r->why = "";
	else if (n == 1 && a[0].val->kind == PE_VAL) {
		s = pv_str_text(a[0].val->v);
		r->why = arena_strdup(p->ar, s);
		free(s);
	} else
		r->why = NULL;
	return r;
}

struct pe_val *
op_call(struct pe *p, struct pe_val *fn, struct pe_arg *a, size_t n)
{
	unsigned fl = 0;
	size_t i, k;
	int kw = 0;

	if (fn == NULL || !pe_live(p))
		return NULL;
	for (i = 0; i < n; i++) {
		if (a[i].val == NULL)
			return NULL;
		fl |= a[i].val->flags;
		kw |= a[i].kw != NULL;
	}
	fl |= fn->flags;
	if (fn->kind == PE_UNKNOWN || fn->kind == PE_USER)
		return call_unknown_callee(p, fn, fl);
	if (fn->kind == PE_FN && fn->id == ID_EXC_CLASS)
		return call_exc(p, fn, a, n, fl);
	if (fn->kind == PE_VAL || fn->kind == PE_MOD || fn->kind == PE_EXC ||
	    fn->kind == PE_CPUSET) {
		pe_raise(p, "TypeError", "TypeError: '%s' object is not "
		    "callable", pe_type_name(fn));
		return NULL;
	}
	for (k = 0; k < NELEM(fns); k++)
		if (fn->kind == PE_FN && fns[k].id == fn->id)
			break;
	for (i = fn->kind == PE_FN && k < NELEM(fns) && fns[k].unknown_ok ?
	    1 : 0; i < n; i++)
		if (a[i].val->kind == PE_UNKNOWN &&
		    !(k < NELEM(fns) && fns[k].id == ID_PRINT))
			return pe_propagate(p, a[i].val, fl);
	if (kw && fn->kind == PE_METHOD && strcmp(fn->name, "format") == 0)
		kw = 0;
	if (kw && !(k < NELEM(fns) && fns[k].kwargs_ok))
		return pe_unknown(p, fl, "calls %s() with keyword arguments",
		    fn->name);
	if (fn->kind == PE_METHOD) {
		if (fn->v->kind == PV_STR)
			return pe_str_method(p, fn, a, n, fl);
		if (fn->v->kind == PV_LIST)
			return pe_list_method(p, fn, a, n, fl);
		return pe_dict_method(p, fn, a, n, fl);
	}
	if (k == NELEM(fns))
		return pe_unknown(p, fl, "calls %s()", fn->name);
	return fns[k].fn(p, a, n, fl);
}

/* ---- builtin names -------------------------------------------------- */

static const struct {
	const char *name;
	int id;
} builtins[] = {
	{ "str", ID_STR }, { "int", ID_INT }, { "float", ID_FLOAT },
	{ "bool", ID_BOOL }, { "len", ID_LEN }, { "max", ID_MAX },
	{ "min", ID_MIN }, { "abs", ID_ABS }, { "round", ID_ROUND },
	{ "print", ID_PRINT }, { "list", ID_LIST }, { "tuple", ID_TUPLE },
	{ "repr", ID_REPR },
};

static const char *const exc_names[] = {
	"BaseException", "Exception", "ArithmeticError", "LookupError",
	"AssertionError", "AttributeError", "ImportError",
	"ModuleNotFoundError", "IndexError", "KeyError", "NameError",
	"OSError", "OverflowError", "RuntimeError", "TypeError",
	"ValueError", "ZeroDivisionError", "FileNotFoundError",
	"EnvironmentError", "IOError", "SystemExit", "KeyboardInterrupt",
	"NotImplementedError", "PermissionError", "UnicodeError",
};

/* Builtins gunilint knows exist but does not evaluate. */
static const char *const other_builtins[] = {
	"all", "any", "ascii", "bin", "bytearray", "bytes", "callable", "chr",
	"classmethod", "compile", "complex", "delattr", "dict", "dir",
	"divmod", "enumerate", "eval", "exec", "filter", "format",
	"frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex",
	"id", "input", "isinstance", "issubclass", "iter", "locals", "map",
	"memoryview", "next", "object", "oct", "open", "ord", "pow",
	"property", "range", "reversed", "set", "setattr", "slice", "sorted",
	"staticmethod", "sum", "super", "type", "vars", "zip", "__import__",
	"exit", "quit", "NotImplemented", "Ellipsis", "__debug__",
	"__builtins__", "__file__", "__doc__", "__spec__", "__loader__",
	"__package__", "__cached__",
};

struct pe_val *
pe_builtin(struct pe *p, const char *name)
{
	size_t i;

	for (i = 0; i < NELEM(builtins); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return pe_known(p, PE_FN, builtins[i].id,
			    builtins[i].name);
	for (i = 0; i < NELEM(exc_names); i++)
		if (strcmp(exc_names[i], name) == 0)
			return pe_known(p, PE_FN, ID_EXC_CLASS, exc_names[i]);
	if (strcmp(name, "__name__") == 0)
		return pe_value(p, pv_strz("__config__"));
	for (i = 0; i < NELEM(other_builtins); i++)
		if (strcmp(other_builtins[i], name) == 0) {
			struct pe_val *r = pe_unknown(p, 0, "uses %s", name);

			r->name = other_builtins[i];
			return r;
		}
	return NULL;
}
