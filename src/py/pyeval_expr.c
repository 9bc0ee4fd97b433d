/*
 * pyeval_expr.c: a recursive-descent parser for Python expressions that
 * evaluates as it parses.  With p->skip set it only parses, so branches
 * Python would not run (the untaken side of `x if c else y`, the right
 * of a short-circuited `or`) are checked for syntax but never executed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "py/py_int.h"

static struct pe_val *ex_or(struct pe *p);
static struct pe_val *ex_factor(struct pe *p);

/* Does the bracket opening at the current token hold a comprehension? */
static int
has_for(struct pe *p)
{
	size_t i = p->pos + 1;
	int depth = 0;

	for (; i < p->ntk && p->tk[i].kind != PT_END; i++) {
		const struct pt_token *t = &p->tk[i];

		if (t->kind == PT_OP && strchr("([{", p->t[t->off]) &&
		    t->len == 1)
			depth++;
		else if (t->kind == PT_OP && strchr(")]}", p->t[t->off]) &&
		    t->len == 1 && depth-- == 0)
			return 0;
		else if (depth == 0 && (pt_is(p->t, t, PT_NAME, "for") ||
		    pt_is(p->t, t, PT_NAME, "async")))
			return 1;
	}
	return 0;
}

/* +1 for an opening bracket, -1 for a closing one, else 0. */
static int
bracket_step(const struct pe *p, const struct pt_token *t)
{
	if (t->kind != PT_OP || t->len != 1)
		return 0;
	if (strchr("([{", p->t[t->off]) != NULL)
		return 1;
	return strchr(")]}", p->t[t->off]) != NULL ? -1 : 0;
}

/* Skips from an opening bracket to just after its match. */
static void
skip_bracket(struct pe *p)
{
	int depth = 0;

	do {
		const struct pt_token *t = pe_tok(p);

		if (t->kind == PT_END)
			pe_syntax(p, t->off, "invalid syntax");
		depth += bracket_step(p, t);
		p->pos++;
	} while (depth > 0);
}

static struct pe_val *
comprehension(struct pe *p)
{
	skip_bracket(p);
	return pe_live(p) ? pe_unknown(p, 0, "uses a comprehension") : NULL;
}

static struct pe_val *
ex_number(struct pe *p, const struct pt_token *t)
{
	char buf[420], *end;
	size_t i, k = 0;
	unsigned long long u;

	if (t->len >= sizeof(buf))
		return pe_unknown(p, 0, "integer beyond 64 bits");
	for (i = 0; i < t->len; i++)
		if (p->t[t->off + i] != '_')
			buf[k++] = p->t[t->off + i];
	buf[k] = '\0';
	if (strchr("jJ", buf[k - 1]))
		return pe_unknown(p, 0, "uses a complex number");
	if (k > 1 && buf[0] == '0' && strchr("xXoObB", buf[1])) {
		errno = 0;
		u = strtoull(buf + 2, &end, strchr("xX", buf[1]) ? 16 :
		    strchr("oO", buf[1]) ? 8 : 2);
		if (errno != 0 || u > (unsigned long long)9223372036854775807LL)
			return pe_unknown(p, 0, "integer beyond 64 bits");
		return pe_value(p, pv_int((long long)u));
	}
	if (strpbrk(buf, ".eE") != NULL)
		return pe_value(p, pv_float(strtod(buf, NULL)));
	end = buf + strspn(buf, "0");
	if (*end == '\0')
		end--;
	if (strlen(end) <= 18)
		return pe_value(p, pv_int(strtoll(end, NULL, 10)));
	return pe_value(p, pv_int_text(end));
}

/* The pieces of one f-string, fields evaluated. */
static int
fstring(struct pe *p, const struct pt_token *t, struct strbuf *sb,
    struct pe_val **unknown, unsigned *flags)
{
	size_t i = t->body, end = t->body + t->body_len, lit;
	unsigned dflags = t->flags & ~PT_FSTR;
	struct pt_field f;
	struct pe_val *v;
	int rc;

	while (i < end) {
		for (lit = i; i < end && p->t[i] != '{' && p->t[i] != '}'; i++) {
			if (p->t[i] != '\\' || (t->flags & PT_RAW))
				continue;
			if (p->t[i + 1] == 'N' && p->t[i + 2] == '{')
				while (i < end && p->t[i] != '}')
					i++;
			else if (p->t[i + 1] != '{' && p->t[i + 1] != '}')
				i++;
		}
		if (i > end)
			i = end;
		if ((rc = pt_decode(p->t + lit, i - lit, dflags, lit, sb,
		    &p->err)) == -1)
			pe_syntax(p, p->err.off, "%s", p->err.msg);
		if (rc == -2 && *unknown == NULL && pe_live(p))
			*unknown = pe_unknown(p, 0, "uses a \\N{} escape");
		if (i >= end)
			break;
		if (p->t[i] == '}' || p->t[i + 1] == '{') {
			if (i + 1 >= end || p->t[i + 1] != p->t[i])
				pe_syntax(p, i, "f-string: single '}' is not "
				    "allowed");
			sb_addch(sb, p->t[i]);
			i += 2;
			continue;
		}
		if (pt_field(p->t, i, end, &f, &p->err) != 0)
			pe_syntax(p, p->err.off, "%s", p->err.msg);
		v = ex_fstring_field(p, f.expr, f.expr_end);
		if (f.debug_end) {
			sb_add(sb, p->t + f.expr, f.debug_end - f.expr);
			if (f.conv == 0 && f.spec == f.spec_end)
				f.conv = 'r';
		}
		i = f.next;
		if (memchr(p->t + f.spec, '{', f.spec_end - f.spec) != NULL) {
			if (pe_live(p) && *unknown == NULL)
				*unknown = pe_unknown(p, 0, "uses a nested "
				    "format spec");
			continue;
		}
		v = op_format_value(p, v, f.conv, p->t + f.spec,
		    f.spec_end - f.spec);
		if (v == NULL)
			continue;
		*flags |= v->flags;
		if (v->kind == PE_UNKNOWN && *unknown == NULL)
			*unknown = v;
		else if (v->kind == PE_VAL)
			sb_add(sb, v->v->s, v->v->len);
	}
	return 0;
}

static struct pe_val *
ex_strings(struct pe *p)
{
	struct strbuf *sbp = arena_alloc(p->ar, sizeof(*sbp));
	struct pe_val *unknown = NULL, *r;
	unsigned flags = 0;
	int bytes = -1, rc;

	VEC_PUSH(&p->bufs, sbp);
	while (pe_tok(p)->kind == PT_STRING) {
		const struct pt_token *t = pe_tok(p);
		int b = (t->flags & PT_BYTES) != 0;

		if (bytes >= 0 && b != bytes)
			pe_syntax(p, t->off, "cannot mix bytes and nonbytes "
			    "literals");
		bytes = b;
		p->pos++;
		if (t->flags & PT_FSTR)
			fstring(p, t, sbp, &unknown, &flags);
		else if ((rc = pt_decode(p->t + t->body, t->body_len, t->flags,
		    t->body, sbp, &p->err)) == -2 && unknown == NULL &&
		    pe_live(p))
			unknown = pe_unknown(p, 0, "uses a \\N{} escape");
		else if (rc == -1)
			pe_syntax(p, p->err.off, "%s", p->err.msg);
	}
	if (!pe_live(p)) {
		sb_release(sbp);
		return NULL;
	}
	if (unknown != NULL)
		r = pe_propagate(p, unknown, flags);
	else if (bytes)
		r = pe_unknown(p, flags, "a bytes value");
	else
		r = pe_flag(pe_value(p, pv_str(sb_str(sbp), sbp->len)), flags);
	sb_release(sbp);
	return r;
}

/* Builds a list or tuple from evaluated items; spread marks *items. */
static struct pe_val *
make_seq(struct pe *p, struct pe_val **items, const int *spread, size_t n,
    int list)
{
	struct pyval *r;
	unsigned fl = 0;
	size_t i, k;

	if (!pe_live(p))
		return NULL;
	for (i = 0; i < n; i++) {
		if (items[i] == NULL)
			return NULL;
		fl |= items[i]->flags;
	}
	for (i = 0; i < n; i++) {
		if (items[i]->kind == PE_UNKNOWN)
			return pe_propagate(p, items[i], fl);
		if (items[i]->kind != PE_VAL)
			return pe_unknown(p, fl, "a container holding an "
			    "object");
		if (spread[i] && items[i]->v->kind != PV_LIST &&
		    items[i]->v->kind != PV_TUPLE)
			return pe_unknown(p, fl, "unpacks a %s",
			    pe_type_name(items[i]));
	}
	r = list ? pv_list() : pv_tuple();
	for (i = 0; i < n; i++) {
		if (!spread[i]) {
			pv_append(r, pv_copy(items[i]->v));
			continue;
		}
		for (k = 0; k < items[i]->v->n; k++)
			pv_append(r, pv_copy(items[i]->v->items[k]));
	}
	return pe_flag(pe_value(p, r), fl);
}

/* Items up to `close` (or, without one, a bare comma-separated list). */
static struct pe_val *
ex_seq(struct pe *p, const char *close, int list, int *had_comma)
{
	VEC(struct pe_val *) items = { 0 };
	VEC(int) spread = { 0 };
	struct pe_val *r;

	*had_comma = 0;
	for (;;) {
		int star;

		if (close != NULL && pe_at(p, PT_OP, close))
			break;
		star = pe_accept(p, PT_OP, "*");
		PE_PUSH(p, &spread, star);
		PE_PUSH(p, &items, star ? ex_or(p) : ex_test(p));
		if (!pe_accept(p, PT_OP, ","))
			break;
		*had_comma = 1;
		if (close == NULL && (pe_tok(p)->kind == PT_NEWLINE ||
		    pe_at(p, PT_OP, "=") || pe_at(p, PT_OP, ";") ||
		    pe_at(p, PT_OP, ":") || pe_at(p, PT_OP, "]") ||
		    pe_at(p, PT_OP, ")") || pe_tok(p)->kind == PT_END))
			break;
	}
	if (close != NULL)
		pe_expect(p, PT_OP, close);
	if (!list && !*had_comma && items.n == 1 && !spread.v[0])
		r = items.v[0];
	else
		r = make_seq(p, items.v, spread.v, items.n, list);
	return r;
}

static struct pe_val *
ex_dict(struct pe *p)
{
	struct pyval *d = NULL;
	struct pe_val *k, *v, *bad = NULL, *dv = NULL;
	unsigned fl = 0;
	size_t i;

	while (!pe_at(p, PT_OP, "}")) {
		if (pe_accept(p, PT_OP, "**")) {
			k = NULL;
			v = ex_or(p);
			if (v != NULL && bad == NULL && v->kind != PE_VAL)
				bad = v;
		} else {
			k = ex_test(p);
			pe_expect(p, PT_OP, ":");
			v = ex_test(p);
		}
		if (pe_live(p) && bad == NULL) {
			if (k != NULL && k->kind != PE_VAL)
				bad = k;
			else if (v->kind != PE_VAL)
				bad = v;
			else if (k != NULL && (k->v->kind == PV_LIST ||
			    k->v->kind == PV_DICT)) {
				pe_raise(p, "TypeError", "TypeError: unhashable "
				    "type: '%s'", pe_type_name(k));
			} else if (k == NULL && v->v->kind != PV_DICT)
				bad = pe_unknown(p, 0, "unpacks a %s into a "
				    "dict", pe_type_name(v));
			else {
				struct pyval *src = k ? NULL : v->v;
				size_t n = src ? src->n : 2;

				if (d == NULL) {
					dv = pe_value(p, pv_dict());
					d = dv->v;
				}
				for (i = 0; i < n; i += 2) {
					const struct pyval *kk = src ?
					    src->items[i] : k->v;
					const struct pyval *vv = src ?
					    src->items[i + 1] : v->v;
					size_t j;

					for (j = 0; j < d->n; j += 2)
						if (pe_eq(d->items[j], kk))
							break;
					if (j < d->n) {
						pv_free(d->items[j + 1]);
						d->items[j + 1] = pv_copy(vv);
					} else {
						pv_append(d, pv_copy(kk));
						pv_append(d, pv_copy(vv));
					}
				}
				fl |= v->flags | (k ? k->flags : 0);
			}
		}
		if (!pe_accept(p, PT_OP, ","))
			break;
	}
	pe_expect(p, PT_OP, "}");
	if (!pe_live(p) || bad != NULL)
		return pe_live(p) ? pe_propagate(p, bad, fl) : NULL;
	return pe_flag(dv ? dv : pe_value(p, pv_dict()), fl);
}

static struct pe_val *
ex_brace(struct pe *p)
{
	size_t start = p->pos;
	int comma;

	if (has_for(p))
		return comprehension(p);
	p->pos++;
	if (pe_at(p, PT_OP, "}") || pe_at(p, PT_OP, "**"))
		return ex_dict(p);
	/* Dict or set: look past the first item for a ':'. */
	p->skip++;
	ex_test(p);
	p->skip--;
	if (pe_at(p, PT_OP, ":")) {
		p->pos = start + 1;
		return ex_dict(p);
	}
	p->pos = start + 1;
	p->skip++;
	ex_seq(p, "}", 1, &comma);
	p->skip--;
	return pe_live(p) ? pe_unknown(p, 0, "a set value") : NULL;
}

static struct pe_val *
ex_name(struct pe *p, const struct pt_token *t)
{
	static const char *const kw[] = {
		"and", "as", "assert", "async", "await", "break", "class",
		"continue", "def", "del", "elif", "else", "except", "finally",
		"for", "from", "global", "if", "import", "in", "is", "lambda",
		"nonlocal", "not", "or", "pass", "raise", "return", "try",
		"while", "with", "yield",
	};
	size_t i;

	if (pt_is(p->t, t, PT_NAME, "True") || pt_is(p->t, t, PT_NAME, "False"))
		return pe_live(p) ? pe_value(p, pv_bool(p->t[t->off] == 'T')) :
		    NULL;
	if (pt_is(p->t, t, PT_NAME, "None"))
		return pe_live(p) ? pe_value(p, pv_none()) : NULL;
	for (i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if (pt_is(p->t, t, PT_NAME, kw[i]))
			pe_syntax(p, t->off, "invalid syntax");
	if (!pe_live(p))
		return NULL;
	return pe_lookup(p, pe_text(p, t), span_make(p->src, t->off, t->len));
}

static struct pe_val *
ex_atom(struct pe *p)
{
	const struct pt_token *t = pe_tok(p);
	int comma;

	if (t->kind == PT_STRING)
		return ex_strings(p);
	if (t->kind == PT_NUMBER) {
		p->pos++;
		return pe_live(p) ? ex_number(p, t) : NULL;
	}
	if (t->kind == PT_NAME) {
		p->pos++;
		return ex_name(p, t);
	}
	if (pe_at(p, PT_OP, "(") || pe_at(p, PT_OP, "[")) {
		int list = pe_at(p, PT_OP, "[");

		if (has_for(p))
			return comprehension(p);
		p->pos++;
		if (!list && pe_accept(p, PT_OP, ")"))
			return pe_live(p) ? pe_value(p, pv_tuple()) : NULL;
		return ex_seq(p, list ? "]" : ")", list, &comma);
	}
	if (pe_at(p, PT_OP, "{"))
		return ex_brace(p);
	if (pe_accept(p, PT_OP, "..."))
		return pe_live(p) ? pe_unknown(p, 0, "uses Ellipsis") : NULL;
	pe_syntax(p, t->off, "invalid syntax");
}

static struct pe_val *
ex_call(struct pe *p, struct pe_val *fn)
{
	VEC(struct pe_arg) args = { 0 };
	struct pe_val *r, *bad = NULL;
	size_t i;

	if (has_for(p)) {
		comprehension(p);
		return pe_live(p) ? pe_unknown(p, 0, "uses a generator "
		    "expression") : NULL;
	}
	p->pos++;
	while (!pe_at(p, PT_OP, ")")) {
		struct pe_arg a = { NULL, NULL };
		int star = pe_accept(p, PT_OP, "*") ? 1 :
		    pe_accept(p, PT_OP, "**") ? 2 : 0;

		if (!star && pe_tok(p)->kind == PT_NAME &&
		    pt_is(p->t, pe_peek(p, 1), PT_OP, "=")) {
			a.kw = pe_text(p, pe_tok(p));
			p->pos += 2;
		}
		a.val = ex_test(p);
		if (star == 1 && a.val != NULL && a.val->kind == PE_VAL &&
		    (a.val->v->kind == PV_LIST || a.val->v->kind == PV_TUPLE)) {
			for (i = 0; i < a.val->v->n; i++) {
				struct pe_arg e = { NULL, pe_flag(pe_value(p,
				    pv_copy(a.val->v->items[i])),
				    a.val->flags) };

				PE_PUSH(p, &args, e);
			}
		} else if (star && a.val != NULL && bad == NULL)
			bad = a.val->kind == PE_UNKNOWN ? a.val :
			    pe_unknown(p, 0, "unpacks arguments");
		else if (!star)
			PE_PUSH(p, &args, a);
		if (!pe_accept(p, PT_OP, ","))
			break;
	}
	pe_expect(p, PT_OP, ")");
	if (bad != NULL && pe_live(p))
		r = pe_propagate(p, bad, 0);
	else
		r = op_call(p, fn, args.v, args.n);
	return r;
}

static struct pe_val *
ex_subscript(struct pe *p, struct pe_val *v)
{
	struct pe_val *lo = NULL, *hi = NULL, *st = NULL, *r;
	int comma;

	p->pos++;
	if (!pe_at(p, PT_OP, ":"))
		lo = ex_test(p);
	if (pe_accept(p, PT_OP, ":")) {
		if (!pe_at(p, PT_OP, "]") && !pe_at(p, PT_OP, ":"))
			hi = ex_test(p);
		if (pe_accept(p, PT_OP, ":") && !pe_at(p, PT_OP, "]"))
			st = ex_test(p);
		pe_expect(p, PT_OP, "]");
		return op_slice(p, v, lo, hi, st);
	}
	if (pe_accept(p, PT_OP, ",")) {
		struct pe_val *rest = pe_at(p, PT_OP, "]") ? NULL :
		    ex_seq(p, NULL, 0, &comma);

		pe_expect(p, PT_OP, "]");
		if (!pe_live(p))
			return NULL;
		r = rest == NULL ? make_seq(p, &lo, &comma, 1, 0) : NULL;
		if (rest != NULL) {
			struct pe_val *two[2] = { lo, rest };
			int sp[2] = { 0, rest->kind == PE_VAL &&
			    rest->v->kind == PV_TUPLE && comma };

			r = make_seq(p, two, sp, 2, 0);
		}
		return pe_unknown(p, r ? r->flags : 0, "subscripts with a "
		    "tuple");
	}
	pe_expect(p, PT_OP, "]");
	return op_subscript(p, v, lo);
}

struct pe_val *
ex_primary(struct pe *p)
{
	struct pe_val *v;

	if (p->skip > 0 && p->collecting > 0)
		pe_note_mutation(p);
	v = ex_atom(p);

	for (;;) {
		if (pe_accept(p, PT_OP, ".")) {
			const struct pt_token *t = pe_tok(p);

			if (t->kind != PT_NAME)
				pe_syntax(p, t->off, "invalid syntax");
			p->pos++;
			v = op_attr(p, v, pe_text(p, t));
		} else if (pe_at(p, PT_OP, "("))
			v = ex_call(p, v);
		else if (pe_at(p, PT_OP, "["))
			v = ex_subscript(p, v);
		else
			return v;
	}
}

static struct pe_val *
ex_power(struct pe *p)
{
	struct pe_val *a = ex_primary(p);

	if (pe_accept(p, PT_OP, "**"))
		return op_binary(p, "**", a, ex_factor(p));
	return a;
}

/* One level of expression recursion; a syntax error past the limit. */
static void
enter(struct pe *p)
{
	if (++p->depth > PE_MAXDEPTH)
		pe_syntax(p, pe_tok(p)->off, "too complex: expressions nested "
		    "more than %d levels deep", PE_MAXDEPTH);
}

static struct pe_val *
factor(struct pe *p)
{
	static const char *const ops[] = { "-", "+", "~" };
	size_t i;

	for (i = 0; i < 3; i++)
		if (pe_accept(p, PT_OP, ops[i]))
			return op_unary(p, ops[i], ex_factor(p));
	return ex_power(p);
}

static struct pe_val *
ex_factor(struct pe *p)
{
	struct pe_val *v;

	enter(p);
	v = factor(p);
	p->depth--;
	return v;
}

/* Binary operators by precedence, tightest last. */
static const char *const levels[][6] = {
	{ "|", NULL }, { "^", NULL }, { "&", NULL }, { "<<", ">>", NULL },
	{ "+", "-", NULL }, { "*", "/", "//", "%", "@", NULL },
};

static struct pe_val *
ex_level(struct pe *p, int lv)
{
	struct pe_val *a;
	size_t i;

	if (lv == 6)
		return ex_factor(p);
	a = ex_level(p, lv + 1);
	for (;;) {
		for (i = 0; levels[lv][i] != NULL; i++)
			if (pe_at(p, PT_OP, levels[lv][i]))
				break;
		if (levels[lv][i] == NULL)
			return a;
		p->pos++;
		a = op_binary(p, levels[lv][i], a, ex_level(p, lv + 1));
	}
}

static const char *
comp_op(struct pe *p)
{
	static const char *const ops[] = { "<", ">", "==", ">=", "<=", "!=" };
	size_t i;

	for (i = 0; i < 6; i++)
		if (pe_accept(p, PT_OP, ops[i]))
			return ops[i];
	if (pe_accept(p, PT_NAME, "in"))
		return "in";
	if (pe_at(p, PT_NAME, "not") && pt_is(p->t, pe_peek(p, 1), PT_NAME,
	    "in")) {
		p->pos += 2;
		return "not in";
	}
	if (pe_accept(p, PT_NAME, "is"))
		return pe_accept(p, PT_NAME, "not") ? "is not" : "is";
	return NULL;
}

static struct pe_val *
ex_comparison(struct pe *p)
{
	struct pe_val *a = ex_level(p, 0), *b, *res = NULL;
	const char *op;
	int skipping = 0;

	while ((op = comp_op(p)) != NULL) {
		b = ex_level(p, 0);
		if (skipping)
			continue;
		res = op_compare(p, op, a, b);
		if (res == NULL || res->kind != PE_VAL || !res->v->b) {
			p->skip++;
			skipping = 1;
		}
		a = b;
	}
	if (skipping)
		p->skip--;
	return res != NULL ? res : a;
}

static struct pe_val *
ex_not(struct pe *p)
{
	struct pe_val *v;

	if (!pe_accept(p, PT_NAME, "not"))
		return ex_comparison(p);
	enter(p);
	v = op_unary(p, "not", ex_not(p));
	p->depth--;
	return v;
}

static int
decided(const struct pe_val *v, int want)
{
	if (v->kind == PE_VAL)
		return pe_truth(v->v) == want;
	return v->kind != PE_UNKNOWN && want;
}

/* `and` (want 0) and `or` (want 1), short-circuiting like Python. */
static struct pe_val *
ex_bool(struct pe *p, const char *word, int want)
{
	struct pe_val *a = want ? ex_bool(p, "and", 0) : ex_not(p), *b;

	while (pe_accept(p, PT_NAME, word)) {
		int skip = !pe_live(p) || a == NULL || a->kind == PE_UNKNOWN ||
		    decided(a, want);

		p->skip += skip;
		b = want ? ex_bool(p, "and", 0) : ex_not(p);
		p->skip -= skip;
		if (!pe_live(p) || a == NULL)
			continue;
		if (a->kind == PE_UNKNOWN)
			a = pe_propagate(p, a, 0);
		else if (!decided(a, want))
			a = pe_flag(b, a->flags);
	}
	return a;
}

static struct pe_val *
ex_or(struct pe *p)
{
	return ex_bool(p, "or", 1);
}

static struct pe_val *
ex_lambda(struct pe *p)
{
	int depth = 0;

	p->pos++;
	while (depth > 0 || !pe_at(p, PT_OP, ":")) {
		const struct pt_token *t = pe_tok(p);

		if (t->kind == PT_END || t->kind == PT_NEWLINE)
			pe_syntax(p, t->off, "invalid syntax");
		depth += bracket_step(p, t);
		p->pos++;
	}
	p->pos++;
	p->skip++;
	ex_test(p);
	p->skip--;
	return pe_live(p) ? pe_known(p, PE_USER, 0, "<lambda>") : NULL;
}

static struct pe_val *
test(struct pe *p)
{
	size_t start = p->pos, end;
	struct pe_val *c, *r;

	if (pe_at(p, PT_NAME, "lambda"))
		return ex_lambda(p);
	if (pe_tok(p)->kind == PT_NAME && pt_is(p->t, pe_peek(p, 1), PT_OP,
	    ":=")) {
		const struct pt_token *t = pe_tok(p);

		p->pos += 2;
		r = ex_test(p);
		if (r != NULL || !pe_live(p))
			pe_bind(p, pe_text(p, t), r, p->stmt,
			    span_make(p->src, t->off, t->len));
		return r;
	}
	if (!pe_live(p)) {
		ex_or(p);
		if (pe_accept(p, PT_NAME, "if")) {
			ex_or(p);
			pe_expect(p, PT_NAME, "else");
			ex_test(p);
		}
		return NULL;
	}
	p->skip++;
	ex_or(p);
	p->skip--;
	if (!pe_accept(p, PT_NAME, "if")) {
		p->pos = start;
		return ex_or(p);
	}
	c = ex_or(p);
	pe_expect(p, PT_NAME, "else");
	if (c == NULL || c->kind == PE_UNKNOWN || !pe_live(p)) {
		p->skip++;
		ex_test(p);
		p->skip--;
		return c != NULL && pe_live(p) ? pe_propagate(p, c, 0) : NULL;
	}
	if (!decided(c, 1))
		return pe_flag(ex_test(p), c->flags);
	p->skip++;
	ex_test(p);
	p->skip--;
	end = p->pos;
	p->pos = start;
	r = ex_or(p);
	p->pos = end;
	return pe_flag(r, c->flags);
}

struct pe_val *
ex_test(struct pe *p)
{
	struct pe_val *v;

	enter(p);
	v = test(p);
	p->depth--;
	return v;
}

struct pe_val *
ex_testlist(struct pe *p, int star_ok)
{
	int comma;

	if (!star_ok && pe_at(p, PT_OP, "*"))
		pe_syntax(p, pe_tok(p)->off, "can't use starred expression "
		    "here");
	return ex_seq(p, NULL, 0, &comma);
}

struct pe_val *
ex_fstring_field(struct pe *p, size_t from, size_t to)
{
	struct pt_tokens toks = { 0 };
	struct pt_token *save_tk = p->tk;
	size_t save_n = p->ntk, save_pos = p->pos;
	struct pe_val *v;

	if (pt_tokenize(p->t, from, to, 1, &toks, &p->err) != 0) {
		free(toks.v);
		pe_syntax(p, p->err.off, "f-string: %s", p->err.msg);
	}
	VEC_PUSH(&p->tokbufs, toks.v);
	p->tk = toks.v;
	p->ntk = toks.n;
	p->pos = 0;
	v = ex_testlist(p, 1);
	if (pe_tok(p)->kind != PT_END)
		pe_syntax(p, pe_tok(p)->off, "f-string: invalid syntax");
	p->tk = save_tk;
	p->ntk = save_n;
	p->pos = save_pos;
	return v;
}
