/*
 * pyeval.c: runs the module level of a gunicorn config file as Python's
 * exec would, statement by statement, and records every binding of a
 * module global.  What cannot be known (a condition on an unknown value,
 * a call into another module) becomes a runtime item with its reason;
 * def and class bodies are only tokenized, never run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "py/py_int.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char pe_env_mark[] = "\001environ";

/* ---- tokens --------------------------------------------------------- */

void
pe_syntax(struct pe *p, size_t off, const char *fmt, ...)
{
	va_list ap;

	p->err.off = off;
	va_start(ap, fmt);
	vsnprintf(p->err.msg, sizeof(p->err.msg), fmt, ap);
	va_end(ap);
	longjmp(p->bail, 1);
}

struct pt_token *
pe_tok(struct pe *p)
{
	return &p->tk[p->pos < p->ntk ? p->pos : p->ntk - 1];
}

struct pt_token *
pe_peek(struct pe *p, size_t k)
{
	size_t i = p->pos + k;

	while (i >= p->ntk || (i > p->pos && p->tk[i - 1].kind == PT_END))
		i--;
	return &p->tk[i];
}

int
pe_at(struct pe *p, enum pt_kind k, const char *s)
{
	return pt_is(p->t, pe_tok(p), k, s);
}

int
pe_accept(struct pe *p, enum pt_kind k, const char *s)
{
	if (!pe_at(p, k, s))
		return 0;
	p->pos++;
	return 1;
}

void
pe_expect(struct pe *p, enum pt_kind k, const char *s)
{
	if (!pe_accept(p, k, s)) {
		if (strcmp(s, ":") == 0)
			pe_syntax(p, pe_tok(p)->off, "expected ':'");
		pe_syntax(p, pe_tok(p)->off, "invalid syntax");
	}
}

int
pe_live(const struct pe *p)
{
	return p->skip == 0 && !p->exc.set;
}

struct span
pe_span(const struct pe *p, size_t from, size_t to)
{
	size_t end;

	if (to <= from)
		return span_make(p->src, p->tk[from].off, 0);
	end = p->tk[to - 1].off + p->tk[to - 1].len;
	return span_make(p->src, p->tk[from].off, end - p->tk[from].off);
}

char *
pe_text(struct pe *p, const struct pt_token *t)
{
	return arena_strndup(p->ar, p->t + t->off, t->len);
}

int
pe_is_open(const struct pe *p, size_t i)
{
	return p->tk[i].kind == PT_OP && p->tk[i].len == 1 &&
	    strchr("([{", p->t[p->tk[i].off]) != NULL;
}

int
pe_is_close(const struct pe *p, size_t i)
{
	return p->tk[i].kind == PT_OP && p->tk[i].len == 1 &&
	    strchr(")]}", p->t[p->tk[i].off]) != NULL;
}

/* Runs fn over tokens [from, to) with a PT_END put at `to`. */
struct pe_val *
pe_bounded(struct pe *p, size_t from, size_t to,
    struct pe_val *(*fn)(struct pe *, int), int arg)
{
	struct pt_token saved = p->tk[to];
	struct pe_val *v;

	p->tk[to].kind = PT_END;
	p->pos = from;
	v = fn(p, arg);
	if (p->pos != to)
		pe_syntax(p, p->tk[p->pos].off, "invalid syntax");
	p->tk[to] = saved;
	return v;
}

/* ---- globals, items and the environment -------------------------- */

struct pe_global *
pe_global(struct pe *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->globals.n; i++)
		if (strcmp(p->globals.v[i].name, name) == 0)
			return &p->globals.v[i];
	return NULL;
}

struct py_item *
pe_new_item(struct pe *p, enum py_item_kind k, const char *name,
    struct span span)
{
	struct py_item it;

	memset(&it, 0, sizeof(it));
	it.kind = k;
	it.name = name ? arena_strdup(p->out->arena, name) : NULL;
	it.span = span;
	it.value_span = span;
	VEC_PUSH(p->out, it);
	return &p->out->v[p->out->n - 1];
}

static void
item_value(struct pe *p, struct py_item *it, const struct pe_val *v)
{
	char *txt = NULL;

	switch (v->kind) {
	case PE_VAL:
		it->value = pv_copy(v->v);
		return;
	case PE_UNKNOWN:
		it->kind = PY_RUNTIME;
		it->why = arena_strdup(p->out->arena, v->why);
		return;
	case PE_USER:
		it->kind = PY_HOOK;
		txt = xasprintf("<function %s>", v->name);
		break;
	case PE_MOD:
		txt = xasprintf("<module '%s'>", v->name);
		break;
	case PE_EXC:
		txt = xasprintf("%s(%s)", v->name, v->why ? v->why : "");
		break;
	case PE_CPUSET:
		txt = xasprintf("<set of CPUs>");
		break;
	default:
		txt = xasprintf("<built-in function %s>", v->name ? v->name :
		    "?");
		break;
	}
	it->value = pv_object(txt);
	free(txt);
}

void
pe_collect(struct pe *p, const char *name, struct span span)
{
	struct pe_collect c = { arena_strdup(p->ar, name), span };

	VEC_PUSH(&p->collect, c);
}

void
pe_bind(struct pe *p, const char *name, struct pe_val *v, struct span span,
    struct span vspan)
{
	struct pe_global *g, ng;
	struct py_item *it;
	unsigned fl;

	if (p->skip > 0 && p->collecting > 0 && !p->exc.set)
		pe_collect(p, name, vspan);
	if (!pe_live(p) || v == NULL)
		return;
	if ((g = pe_global(p, name)) == NULL) {
		ng.name = arena_strdup(p->ar, name);
		ng.val = NULL;
		VEC_PUSH(&p->globals, ng);
		g = &p->globals.v[p->globals.n - 1];
	}
	g->val = v;
	it = pe_new_item(p, PY_ASSIGN, name, span);
	it->value_span = vspan;
	item_value(p, it, v);
	fl = v->flags | p->ctx_flags;
	it->uses_cpu_count = (fl & PE_CPU) != 0;
	it->from_env = (fl & PE_ENV) != 0;
}

void
pe_unbind(struct pe *p, const char *name, struct span span)
{
	struct pe_global *g = pe_global(p, name);

	if (p->skip > 0 && p->collecting > 0 && !p->exc.set)
		pe_collect(p, name, span);
	if (!pe_live(p))
		return;
	if (g == NULL || g->val == NULL) {
		pe_raise(p, "NameError", "NameError: name '%s' is not defined",
		    name);
		return;
	}
	g->val = NULL;
	pe_new_item(p, PY_DELETE, name, span);
}

void
pe_rebind_mutated(struct pe *p, const struct pyval *changed, struct span span)
{
	size_t i, n = p->globals.n;

	for (i = 0; i < n; i++) {
		struct pe_val *v = p->globals.v[i].val;

		if (v != NULL && v->kind == PE_VAL && v->v == changed)
			pe_bind(p, p->globals.v[i].name, v, span, span);
	}
}

static void
taint(struct pe *p, const struct pyval *changed, const char *why)
{
	size_t i, n = p->globals.n;

	for (i = 0; i < n; i++) {
		struct pe_val *v = p->globals.v[i].val;

		if (v != NULL && v->kind == PE_VAL && v->v == changed)
			pe_bind(p, p->globals.v[i].name, pe_unknown(p, v->flags,
			    "%s", why), p->stmt, p->stmt);
	}
}

struct pe_val *
pe_lookup(struct pe *p, const char *name, struct span where)
{
	struct pe_global *g = pe_global(p, name);
	struct pe_val *b;

	(void)where;
	if (g != NULL && g->val != NULL) {
		if (g->val->kind != PE_UNKNOWN ||
		    strncmp(g->val->why, "depends on ", 11) == 0)
			return g->val;
		b = pe_unknown(p, g->val->flags, "depends on %s: %s", name,
		    g->val->why);
		b->name = g->val->name;
		return b;
	}
	if ((b = pe_builtin(p, name)) != NULL)
		return b;
	if (p->star_unknown)
		return pe_unknown(p, 0, "%s may come from a star import", name);
	pe_raise(p, "NameError", "NameError: name '%s' is not defined", name);
	return NULL;
}

const char *
pe_env_get(struct pe *p, const char *name, struct span where, int *unknown)
{
	size_t i;

	*unknown = 0;
	for (i = p->envs.n; i-- > 0;)
		if (strcmp(p->envs.v[i].name, name) == 0) {
			*unknown = p->envs.v[i].unknown;
			return p->envs.v[i].value;
		}
	if (p->env_unknown || p->env->getenv == NULL ||
	    (p->env->known != NULL && !p->env->known(p->env->arg, name))) {
		*unknown = 1;
		return NULL;
	}
	return p->env->getenv(p->env->arg, name, &where);
}

void
pe_env_set(struct pe *p, const char *name, const char *value)
{
	struct pe_envvar e = { arena_strdup(p->ar, name),
	    value ? arena_strdup(p->ar, value) : NULL, 0 };

	VEC_PUSH(&p->envs, e);
}

void
pe_env_unknown(struct pe *p, const char *name)
{
	struct pe_envvar e = { arena_strdup(p->ar, name), NULL, 1 };

	VEC_PUSH(&p->envs, e);
}

/* Names collected since `from` become runtime, for `why`. */
void
pe_flush(struct pe *p, size_t from, const char *why, unsigned flags)
{
	size_t i;

	for (i = from; i < p->collect.n; i++) {
		struct pe_collect *c = &p->collect.v[i];

		if (strcmp(c->name, pe_env_mark) == 0)
			p->env_unknown = 1;
		else
			pe_bind(p, c->name, pe_unknown(p, flags, "%s", why),
			    c->span, c->span);
	}
	p->collect.n = from;
}

/* While collecting: `x.append(...)` or `os.environ.update(...)` may
 * change a known value. */
void
pe_note_mutation(struct pe *p)
{
	static const char *const envm[] = { "setdefault", "update", "pop",
	    "clear", "popitem", "__setitem__" };
	struct pe_global *g;
	size_t i, k;
	char *name;

	if (pe_tok(p)->kind != PT_NAME || !pt_is(p->t, pe_peek(p, 1), PT_OP,
	    "."))
		return;
	name = pe_text(p, pe_tok(p));
	if ((g = pe_global(p, name)) == NULL || g->val == NULL)
		return;
	if (g->val->kind == PE_VAL && (g->val->v->kind == PV_LIST ||
	    g->val->v->kind == PV_DICT)) {
		pe_collect(p, name, span_make(p->src, pe_tok(p)->off,
		    pe_tok(p)->len));
		return;
	}
	for (i = 2; g->val->kind == PE_MOD && i < 6; i += 2)
		for (k = 0; k < NELEM(envm); k++)
			if (pt_is(p->t, pe_peek(p, i), PT_NAME, envm[k]))
				pe_collect(p, pe_env_mark, p->stmt);
}

/* ---- targets --------------------------------------------------------- */


struct pe_val *
pe_parse_testlist(struct pe *p, int star)
{
	return ex_testlist(p, star);
}

static struct pe_val *
parse_primary(struct pe *p, int unused)
{
	(void)unused;
	return ex_primary(p);
}

static size_t
match_close(const struct pe *p, size_t open, size_t to)
{
	int depth = 0;
	size_t i;

	for (i = open; i < to; i++) {
		if (pe_is_open(p, i))
			depth++;
		else if (pe_is_close(p, i) && --depth == 0)
			return i;
	}
	return to;
}

static void
unpack(struct pe *p, size_t *cut, size_t nparts, struct pe_val *v,
    struct span vspan)
{
	const struct pyval *s = v && v->kind == PE_VAL ? v->v : NULL;
	size_t i, star = nparts, n = 0, k = 0, take;

	for (i = 0; i < nparts; i++)
		if (pt_is(p->t, &p->tk[cut[i]], PT_OP, "*")) {
			if (star != nparts)
				pe_syntax(p, p->tk[cut[i]].off, "multiple starred "
				    "expressions in assignment");
			star = i;
		}
	if (!pe_live(p))
		s = NULL;
	if (pe_live(p) && v != NULL && v->kind != PE_UNKNOWN) {
		if (s == NULL || s->kind == PV_STR || s->kind == PV_DICT) {
			if (s == NULL || s->kind == PV_DICT || s->len > 0)
				v = pe_unknown(p, v->flags, "unpacks a %s",
				    pe_type_name(v));
			s = NULL;
		} else if (s->kind != PV_LIST && s->kind != PV_TUPLE) {
			pe_raise(p, "TypeError", "TypeError: cannot unpack "
			    "non-iterable %s object", pe_type_name(v));
			return;
		} else if ((n = s->n) != nparts && (star == nparts ||
		    n < nparts - 1)) {
			if (star != nparts)
				pe_raise(p, "ValueError", "ValueError: not enough "
				    "values to unpack (expected at least %zu, got "
				    "%zu)", nparts - 1, n);
			else if (n > nparts)
				pe_raise(p, "ValueError", "ValueError: too many "
				    "values to unpack (expected %zu)", nparts);
			else
				pe_raise(p, "ValueError", "ValueError: not enough "
				    "values to unpack (expected %zu, got %zu)",
				    nparts, n);
			return;
		}
	}
	for (i = 0; i < nparts; i++) {
		struct pe_val *e = v;
		size_t from = cut[i] + (i == star);

		if (s != NULL && i == star) {
			struct pyval *l = pv_list();

			take = n - (nparts - 1);
			while (take-- > 0)
				pv_append(l, pv_copy(s->items[k++]));
			e = pe_flag(pe_value(p, l), v->flags);
		} else if (s != NULL)
			e = pe_flag(pe_value(p, pv_copy(s->items[k++])),
			    v->flags);
		else if (v != NULL && pe_live(p))
			e = pe_propagate(p, v, 0);
		pe_assign(p, from, cut[i + 1] - 1, e, vspan);
	}
}

static void
set_item(struct pe *p, struct pe_val *base, struct pe_val *key,
    struct pe_val *v)
{
	struct pyval *c = base->v;
	size_t i;

	if (base->kind == PE_MOD && base->id == ID_ENVIRON) {
		if (key->kind != PE_VAL || key->v->kind != PV_STR)
			p->env_unknown = 1;
		else if (v->kind == PE_VAL && v->v->kind == PV_STR)
			pe_env_set(p, key->v->s, v->v->s);
		else if (v->kind == PE_VAL)
			pe_raise(p, "TypeError", "TypeError: str expected, not "
			    "%s", pe_type_name(v));
		else
			pe_env_unknown(p, key->v->s);
		return;
	}
	if (base->kind != PE_VAL)
		return;
	if (key->kind != PE_VAL || v->kind != PE_VAL || c->kind != PV_DICT) {
		if (c->kind == PV_STR || c->kind == PV_TUPLE)
			pe_raise(p, "TypeError", "TypeError: '%s' object does "
			    "not support item assignment", pe_type_name(base));
		else
			taint(p, c, "changed by an item assignment gunilint "
			    "does not evaluate");
		return;
	}
	for (i = 0; i < c->n; i += 2)
		if (pe_eq(c->items[i], key->v)) {
			pv_free(c->items[i + 1]);
			c->items[i + 1] = pv_copy(v->v);
			break;
		}
	if (i >= c->n) {
		pv_append(c, pv_copy(key->v));
		pv_append(c, pv_copy(v->v));
	}
	pe_rebind_mutated(p, c, p->stmt);
}

/* x[k] = v and x.a = v: the base is evaluated, the last trailer set. */
static void
assign_trailer(struct pe *p, size_t from, size_t to, struct pe_val *v)
{
	size_t i, last = to;
	struct pe_val *base, *key = NULL;
	int depth = 0;

	for (i = from; i < to; i++) {
		if (depth == 0 && (pt_is(p->t, &p->tk[i], PT_OP, ".") ||
		    pt_is(p->t, &p->tk[i], PT_OP, "[")))
			last = i;
		depth += pe_is_open(p, i) - pe_is_close(p, i);
	}
	if (last == to || last == from || (p->t[p->tk[last].off] == '[' ?
	    match_close(p, last, to) != to - 1 : last + 2 != to ||
	    p->tk[to - 1].kind != PT_NAME))
		pe_syntax(p, p->tk[from].off, "cannot assign to expression");
	if (!pe_live(p)) {
		if (p->collecting && p->tk[from].kind == PT_NAME) {
			struct pe_global *g = pe_global(p,
			    pe_text(p, &p->tk[from]));

			pe_collect(p, g && g->val && g->val->kind == PE_MOD ?
			    pe_env_mark : pe_text(p, &p->tk[from]),
			    pe_span(p, from, to));
		}
		pe_bounded(p, from, last, parse_primary, 0);
		if (p->t[p->tk[last].off] == '[')
			pe_bounded(p, last + 1, to - 1, pe_parse_testlist, 0);
		return;
	}
	base = pe_bounded(p, from, last, parse_primary, 0);
	if (p->t[p->tk[last].off] == '[')
		key = pe_bounded(p, last + 1, to - 1, pe_parse_testlist, 0);
	if (!pe_live(p) || base == NULL || v == NULL)
		return;
	if (key != NULL) {
		set_item(p, base, key, v);
		return;
	}
	if (base->kind == PE_MOD) {
		for (i = 0; i < p->globals.n; i++)
			if (p->globals.v[i].val != NULL &&
			    p->globals.v[i].val->kind == PE_MOD)
				pe_bind(p, p->globals.v[i].name, pe_unknown(p, 0,
				    "a module whose attributes the file "
				    "changes"), p->stmt, p->stmt);
		if (base->id == ID_OS || base->id == ID_ENVIRON)
			p->env_unknown = 1;
	} else if (base->kind == PE_VAL)
		pe_raise(p, "AttributeError", "AttributeError: '%s' object has "
		    "no attribute '%s'", pe_type_name(base),
		    pe_text(p, &p->tk[to - 1]));
}

/* Always unpacks: a, b = ... and the inside of [a, b] = ... */
static void
assign_seq(struct pe *p, size_t from, size_t to, struct pe_val *v,
    struct span vspan)
{
	VEC(size_t) cut = { 0 };
	size_t i;
	int depth = 0;

	if (from < to)
		PE_PUSH(p, &cut, from);
	for (i = from; i < to; i++) {
		if (depth == 0 && pt_is(p->t, &p->tk[i], PT_OP, ",") &&
		    i + 1 < to)
			PE_PUSH(p, &cut, i + 1);
		depth += pe_is_open(p, i) - pe_is_close(p, i);
	}
	/* cut[k + 1] - 1 is the comma after part k; the last part ends at
	 * `to` (or before a trailing comma). */
	PE_PUSH(p, &cut, to + 1 - (from < to && pt_is(p->t, &p->tk[to - 1],
	    PT_OP, ",")));
	unpack(p, cut.v, cut.n - 1, v, vspan);
}

void
pe_assign(struct pe *p, size_t from, size_t to, struct pe_val *v,
    struct span vspan)
{
	size_t i;
	int depth = 0, comma = 0;

	if (from >= to)
		pe_syntax(p, p->tk[from].off, "invalid syntax");
	for (i = from; i < to; i++) {
		if (depth == 0 && pt_is(p->t, &p->tk[i], PT_OP, ","))
			comma = 1;
		depth += pe_is_open(p, i) - pe_is_close(p, i);
	}
	if (comma)
		assign_seq(p, from, to, v, vspan);
	else if (pe_is_open(p, from) && match_close(p, from, to) == to - 1 &&
	    p->t[p->tk[from].off] != '{') {
		if (p->t[p->tk[from].off] == '(' && to - from > 2)
			pe_assign(p, from + 1, to - 1, v, vspan);
		else
			assign_seq(p, from + 1, to - 1, v, vspan);
	} else if (pt_is(p->t, &p->tk[from], PT_OP, "*"))
		pe_syntax(p, p->tk[from].off, "starred assignment target must "
		    "be in a list or tuple");
	else if (to - from == 1 && p->tk[from].kind == PT_NAME) {
		const char *name = pe_text(p, &p->tk[from]);

		if (strcmp(name, "True") == 0 || strcmp(name, "False") == 0 ||
		    strcmp(name, "None") == 0 || strcmp(name, "__debug__") == 0)
			pe_syntax(p, p->tk[from].off, "cannot assign to %s",
			    name);
		pe_bind(p, name, v, p->stmt, vspan);
	} else
		assign_trailer(p, from, to, v);
}
