/*
 * pyeval_attr.c: subscripts, slices and attribute lookups: indexing of
 * str, list, tuple and dict values and of os.environ, and the attributes
 * of the modules gunilint knows (os, os.environ, multiprocessing).
 */
#include <stdlib.h>
#include <string.h>

#include "py/py_int.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int
is_seq(const struct pyval *v)
{
	return v->kind == PV_STR || v->kind == PV_LIST || v->kind == PV_TUPLE;
}

static int
is_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

static struct pe_val *
env_subscript(struct pe *p, struct pe_val *key, unsigned fl)
{
	const char *v;
	int unknown = 0;

	if (key->v->kind != PV_STR)
		return pe_unknown(p, fl, "indexes os.environ with a non-str");
	v = pe_env_get(p, key->v->s, p->stmt, &unknown);
	if (unknown)
		return pe_unknown(p, fl | PE_ENV, "reads environment variable "
		    "%s", key->v->s);
	if (v == NULL) {
		char *r = pv_repr_text(key->v);

		pe_raise(p, "KeyError", "KeyError: %s", r);
		free(r);
		return NULL;
	}
	return pe_flag(pe_value(p, pv_strz(v)), fl | PE_ENV);
}

struct pe_val *
op_subscript(struct pe *p, struct pe_val *a, struct pe_val *key)
{
	const struct pyval *s;
	unsigned fl;
	size_t i, n;
	long long k;
	int f;
	double d;

	if (a == NULL || key == NULL || !pe_live(p))
		return NULL;
	fl = a->flags | key->flags;
	if (a->kind == PE_UNKNOWN)
		return pe_propagate(p, a, fl);
	if (key->kind == PE_UNKNOWN)
		return pe_propagate(p, key, fl);
	if (a->kind == PE_MOD && a->id == ID_ENVIRON && key->kind == PE_VAL)
		return env_subscript(p, key, fl);
	if (a->kind != PE_VAL || key->kind != PE_VAL)
		return pe_unknown(p, fl, "subscripts an object");
	s = a->v;
	if (s->kind == PV_DICT) {
		for (i = 0; i < s->n; i += 2)
			if (pe_eq(s->items[i], key->v))
				return pe_flag(pe_value(p,
				    pv_copy(s->items[i + 1])), fl);
		{
			char *r = pv_repr_text(key->v);

			pe_raise(p, "KeyError", "KeyError: %s", r);
			free(r);
		}
		return NULL;
	}
	if (!is_seq(s)) {
		pe_raise(p, "TypeError", "TypeError: '%s' object is not "
		    "subscriptable", pe_type_name(a));
		return NULL;
	}
	if (pe_num(key->v, &f, &k, &d) != 1 || f) {
		pe_raise(p, "TypeError", "TypeError: %s indices must be "
		    "integers or slices, not %s", s->kind == PV_STR ?
		    "string" : pe_type_name(a), pe_type_name(key));
		return NULL;
	}
	if (s->kind == PV_STR && !is_ascii(s->s, s->len))
		return pe_unknown(p, fl, "indexes a non-ASCII string");
	n = s->kind == PV_STR ? s->len : s->n;
	if (k < 0)
		k += (long long)n;
	if (k < 0 || (size_t)k >= n) {
		pe_raise(p, "IndexError", "IndexError: %s index out of range",
		    s->kind == PV_STR ? "string" : pe_type_name(a));
		return NULL;
	}
	return pe_flag(pe_value(p, s->kind == PV_STR ? pv_str(s->s + k, 1) :
	    pv_copy(s->items[k])), fl);
}

static int
slice_bound(struct pe *p, struct pe_val *b, long long *out, int *given)
{
	int f;
	double d;

	*given = 0;
	if (b == NULL || (b->kind == PE_VAL && b->v->kind == PV_NONE))
		return 0;
	if (b->kind != PE_VAL || pe_num(b->v, &f, out, &d) != 1 || f) {
		if (b->kind == PE_VAL)
			pe_raise(p, "TypeError", "TypeError: slice indices "
			    "must be integers or None or have an __index__ "
			    "method");
		return -1;
	}
	*given = 1;
	return 0;
}

static long long
clamp(long long v, long long n, long long step)
{
	if (v < 0)
		v += n;
	if (v < 0)
		return step < 0 ? -1 : 0;
	if (v >= n)
		return step < 0 ? n - 1 : n;
	return v;
}

struct pe_val *
op_slice(struct pe *p, struct pe_val *a, struct pe_val *lo, struct pe_val *hi,
    struct pe_val *step)
{
	long long l = 0, h = 0, st = 1, n, i;
	int gl, gh, gs;
	struct pyval *r;
	const struct pyval *s;

	if (a == NULL || !pe_live(p))
		return NULL;
	if (a->kind == PE_UNKNOWN)
		return pe_propagate(p, a, 0);
	if (a->kind != PE_VAL || !is_seq(a->v) || (a->v->kind == PV_STR &&
	    !is_ascii(a->v->s, a->v->len)))
		return pe_unknown(p, a->flags, "slices an object");
	if (slice_bound(p, lo, &l, &gl) < 0 || slice_bound(p, hi, &h, &gh) < 0 ||
	    slice_bound(p, step, &st, &gs) < 0)
		return p->exc.set ? NULL : pe_unknown(p, a->flags,
		    "slices with a bound gunilint cannot compute");
	if (st == 0) {
		pe_raise(p, "ValueError", "ValueError: slice step cannot be "
		    "zero");
		return NULL;
	}
	s = a->v;
	n = (long long)(s->kind == PV_STR ? s->len : s->n);
	l = gl ? clamp(l, n, st) : (st < 0 ? n - 1 : 0);
	h = gh ? clamp(h, n, st) : (st < 0 ? -1 : n);
	if (s->kind == PV_STR) {
		struct strbuf sb = STRBUF_INIT;

		for (i = l; st > 0 ? i < h : i > h; i += st)
			sb_addch(&sb, s->s[i]);
		r = pv_str(sb_str(&sb), sb.len);
		sb_release(&sb);
	} else {
		r = s->kind == PV_LIST ? pv_list() : pv_tuple();
		for (i = l; st > 0 ? i < h : i > h; i += st)
			pv_append(r, pv_copy(s->items[i]));
	}
	return pe_flag(pe_value(p, r), a->flags);
}

/* Known attributes of the modules gunilint evaluates. */
static const struct {
	int mod;
	const char *attr;
	enum pe_kind kind;
	int id;
	const char *name;
} mod_attrs[] = {
	{ ID_OS, "environ", PE_MOD, ID_ENVIRON, "os.environ" },
	{ ID_OS, "getenv", PE_FN, ID_GETENV, "os.getenv" },
	{ ID_OS, "cpu_count", PE_FN, ID_OS_CPU, "os.cpu_count" },
	{ ID_OS, "sched_getaffinity", PE_FN, ID_AFFINITY,
	    "os.sched_getaffinity" },
	{ ID_OS, "path", PE_MOD, ID_OSPATH, "os.path" },
	{ ID_ENVIRON, "get", PE_FN, ID_ENV_GET, "os.environ.get" },
	{ ID_ENVIRON, "setdefault", PE_FN, ID_ENV_SETDEFAULT,
	    "os.environ.setdefault" },
	{ ID_ENVIRON, "pop", PE_FN, ID_ENV_POP, "os.environ.pop" },
	{ ID_MP, "cpu_count", PE_FN, ID_MP_CPU, "multiprocessing.cpu_count" },
};

static const char *const str_methods[] = {
	"format", "join", "split", "strip", "lstrip", "rstrip", "lower",
	"upper", "replace", "startswith", "endswith", "isdigit",
};
static const char *const list_methods[] = { "append", "extend", "insert" };
static const char *const dict_methods[] = { "get" };

static int
in_list(const char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

struct pe_val *
op_attr(struct pe *p, struct pe_val *a, const char *name)
{
	struct pe_val *r;
	const char *path;
	size_t i;
	int ok = 0;

	if (a == NULL || !pe_live(p))
		return NULL;
	if (a->kind == PE_MOD)
		for (i = 0; i < NELEM(mod_attrs); i++)
			if (mod_attrs[i].mod == a->id &&
			    strcmp(mod_attrs[i].attr, name) == 0)
				return pe_flag(pe_known(p, mod_attrs[i].kind,
				    mod_attrs[i].id, mod_attrs[i].name),
				    a->flags);
	if (a->kind == PE_VAL) {
		if (a->v->kind == PV_STR)
			ok = in_list(str_methods, NELEM(str_methods), name);
		else if (a->v->kind == PV_LIST)
			ok = in_list(list_methods, NELEM(list_methods), name);
		else if (a->v->kind == PV_DICT)
			ok = in_list(dict_methods, NELEM(dict_methods), name);
		if (ok) {
			r = pe_known(p, PE_METHOD, 0, arena_strdup(p->ar,
			    name));
			r->v = a->v;
			r->flags = a->flags;
			return r;
		}
	}
	path = a->name != NULL && (a->kind == PE_MOD || a->kind == PE_UNKNOWN) ?
	    a->name : pe_type_name(a);
	if (a->kind == PE_UNKNOWN && a->name == NULL)
		r = pe_propagate(p, a, 0);
	else
		r = pe_unknown(p, a->flags, "uses %s.%s", path, name);
	{
		char *full = xasprintf("%s.%s", path, name);

		r->name = arena_strdup(p->ar, full);
		free(full);
	}
	return r;
}
