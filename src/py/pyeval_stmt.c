/*
 * pyeval_stmt.c: the statements of a config file's module level: simple
 * statements and assignments, imports, if/elif/else, try/except, loops,
 * with, def and class; and the public entry points py_eval_config(),
 * py_result_final() and py_result_free().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "py/py_int.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char why_cond[] =
    "assigned under a condition gunilint cannot evaluate";
static const char why_loop[] = "assigned in a loop";
static const char why_try[] =
    "assigned in a try statement whose outcome gunilint cannot decide";
static const char why_tail[] =
    "assigned after an exception gunilint cannot decide may escape";

static void statement(struct pe *p);

/* ---- blocks ------------------------------------------------------------ */

/* Where the simple statement at pos ends: its NEWLINE or ';'. */
size_t
pe_stmt_end(struct pe *p, size_t i)
{
	while (p->tk[i].kind != PT_NEWLINE && p->tk[i].kind != PT_END &&
	    !pt_is(p->t, &p->tk[i], PT_OP, ";"))
		i++;
	return i;
}

/* Steps over a block's tokens without parsing them (def, class). */
static void
skip_block(struct pe *p)
{
	int depth = 0;

	pe_expect(p, PT_OP, ":");
	if (pe_tok(p)->kind != PT_NEWLINE) {
		p->pos = pe_stmt_end(p, p->pos);
		while (pe_accept(p, PT_OP, ";"))
			p->pos = pe_stmt_end(p, p->pos);
		pe_expect(p, PT_NEWLINE, "");
		return;
	}
	p->pos++;
	if (pe_tok(p)->kind != PT_INDENT)
		pe_syntax(p, pe_tok(p)->off, "expected an indented block");
	do {
		if (pe_tok(p)->kind == PT_INDENT)
			depth++;
		else if (pe_tok(p)->kind == PT_DEDENT)
			depth--;
		p->pos++;
	} while (depth > 0);
}

struct try_state {
	int live0, raised, uncertain;
	struct pe_exc exc;
};

/* Per statement of a try body: stop at an exception, and after code
 * that may raise treat the rest as runtime. */
static void
try_step(struct pe *p, struct try_state *ts, unsigned long u0)
{
	if (!ts->live0 || ts->raised || ts->uncertain)
		return;
	if (p->exc.set) {
		ts->raised = 1;
		ts->exc = p->exc;
		p->exc.set = 0;
		p->skip++;
	} else if (p->unknowns != u0) {
		ts->uncertain = 1;
		p->skip++;
		p->collecting++;
	}
}

static void
block(struct pe *p, struct try_state *ts)
{
	unsigned long u0;

	pe_expect(p, PT_OP, ":");
	if (pe_tok(p)->kind != PT_NEWLINE) {
		u0 = p->unknowns;
		statement(p);
		if (ts)
			try_step(p, ts, u0);
		return;
	}
	p->pos++;
	if (pe_tok(p)->kind != PT_INDENT)
		pe_syntax(p, pe_tok(p)->off, "expected an indented block");
	p->pos++;
	while (pe_tok(p)->kind != PT_DEDENT && pe_tok(p)->kind != PT_END) {
		u0 = p->unknowns;
		statement(p);
		if (ts)
			try_step(p, ts, u0);
	}
	pe_expect(p, PT_DEDENT, "");
}

/* A block run (mode 0), skipped (1), or collected as runtime (2). */
static void
block_as(struct pe *p, int mode)
{
	int c = mode == 2 ? 1 : 0, save = p->collecting;

	p->skip += mode > 0;
	if (mode == 1)
		p->collecting = 0;
	p->collecting += c;
	block(p, NULL);
	p->collecting -= c;
	if (mode == 1)
		p->collecting = save;
	p->skip -= mode > 0;
}

/* ---- simple statements --------------------------------------------- */

static const char *const augops[] = {
	"+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=", "&=", "|=",
	"^=", "@=",
};

static int
is_augop(const struct pe *p, const struct pt_token *t)
{
	size_t i;

	for (i = 0; i < NELEM(augops); i++)
		if (pt_is(p->t, t, PT_OP, augops[i]))
			return 1;
	return 0;
}

static void
augmented(struct pe *p, size_t start, size_t op, size_t end)
{
	char bop[4] = { 0 };
	struct pe_val *cur, *rhs, *r;
	struct span vspan;

	memcpy(bop, p->t + p->tk[op].off, p->tk[op].len - 1);
	if (!(op == start + 1 && p->tk[start].kind == PT_NAME) &&
	    !pt_is(p->t, &p->tk[op - 1], PT_OP, "]") &&
	    p->tk[op - 1].kind != PT_NAME)
		pe_syntax(p, p->tk[start].off, "'expression' is an illegal "
		    "expression for augmented assignment");
	cur = pe_bounded(p, start, op, pe_parse_testlist, 0);
	rhs = pe_bounded(p, op + 1, end, pe_parse_testlist, 1);
	vspan = pe_span(p, op + 1, end);
	if (pe_live(p) && cur != NULL && rhs != NULL && cur->kind == PE_VAL &&
	    cur->v->kind == PV_LIST && strcmp(bop, "+") == 0 &&
	    rhs->kind == PE_VAL && (rhs->v->kind == PV_LIST ||
	    rhs->v->kind == PV_TUPLE)) {
		size_t i, n = rhs->v->n;

		/* list += iterable extends in place, as aliases see. */
		for (i = 0; i < n; i++)
			pv_append(cur->v, pv_copy(rhs->v->items[i]));
		cur->flags |= rhs->flags;
		r = cur;
	} else
		r = op_binary(p, bop, cur, rhs);
	pe_assign(p, start, op, r, vspan);
	if (r == cur && r != NULL && pe_live(p))
		pe_rebind_mutated(p, cur->v, p->stmt);
}

/* Expression statements and every form of assignment. */
static void
expr_stmt(struct pe *p)
{
	size_t start = p->pos, end = pe_stmt_end(p, start), i, ann = 0, aug = 0;
	VEC(size_t) eq = { 0 };
	int depth = 0, lambdas = 0;
	struct pe_val *v;
	struct span vspan;

	for (i = start; i < end; i++) {
		const struct pt_token *t = &p->tk[i];

		if (depth == 0 && pt_is(p->t, t, PT_NAME, "lambda"))
			lambdas++;
		else if (depth == 0 && pt_is(p->t, t, PT_OP, ":")) {
			if (lambdas > 0)
				lambdas--;
			else if (eq.n == 0 && ann == 0 && aug == 0)
				ann = i;
		} else if (depth == 0 && lambdas == 0 &&
		    pt_is(p->t, t, PT_OP, "="))
			PE_PUSH(p, &eq, i);
		else if (depth == 0 && is_augop(p, t) && eq.n == 0 && aug == 0)
			aug = i;
		depth += pe_is_open(p, i) - pe_is_close(p, i);
	}
	p->stmt = pe_span(p, start, end);
	if (aug != 0)
		augmented(p, start, aug, end);
	else if (ann != 0) {
		size_t vend = eq.n ? eq.v[0] : end;

		p->skip++;
		pe_bounded(p, ann + 1, vend, pe_parse_testlist, 0);
		p->skip--;
		v = eq.n ? pe_bounded(p, eq.v[0] + 1, end, pe_parse_testlist,
		    1) : NULL;
		if (eq.n)
			pe_assign(p, start, ann, v, pe_span(p, eq.v[0] + 1, end));
		else if (ann != start + 1 || p->tk[start].kind != PT_NAME)
			pe_bounded(p, start, ann, pe_parse_testlist, 0);
	} else if (eq.n > 0) {
		size_t last = eq.v[eq.n - 1];

		if (last + 1 == end)
			pe_syntax(p, p->tk[end].off, "invalid syntax");
		v = pe_bounded(p, last + 1, end, pe_parse_testlist, 1);
		vspan = pe_span(p, last + 1, end);
		for (i = 0; i < eq.n; i++)
			pe_assign(p, i ? eq.v[i - 1] + 1 : start, eq.v[i], v,
			    vspan);
	} else
		pe_bounded(p, start, end, pe_parse_testlist, 1);
	p->pos = end;
}

static void
st_flow(struct pe *p)
{
	const struct pt_token *t = pe_tok(p);
	char *w = pe_text(p, t);

	if ((strcmp(w, "break") == 0 || strcmp(w, "continue") == 0)) {
		if (p->loops == 0)
			pe_syntax(p, t->off, "'%s' outside loop", w);
		p->pos++;
		return;
	}
	if (strcmp(w, "pass") == 0) {
		p->pos++;
		return;
	}
	pe_syntax(p, t->off, "'%s' outside function", w);
}

static const struct {
	const char *kw;
	void (*fn)(struct pe *);
} simple_kw[] = {
	{ "import", st_import }, { "from", st_from }, { "del", st_del },
	{ "assert", st_assert }, { "raise", st_raise },
	{ "global", st_names }, { "nonlocal", st_names },
	{ "pass", st_flow }, { "break", st_flow }, { "continue", st_flow },
	{ "return", st_flow }, { "yield", st_flow }, { "await", st_flow },
};

static void
small_stmt(struct pe *p)
{
	size_t i;

	p->stmt = pe_span(p, p->pos, pe_stmt_end(p, p->pos));
	for (i = 0; i < NELEM(simple_kw); i++)
		if (pe_at(p, PT_NAME, simple_kw[i].kw)) {
			simple_kw[i].fn(p);
			return;
		}
	expr_stmt(p);
}

static void
simple_stmt(struct pe *p)
{
	for (;;) {
		small_stmt(p);
		if (!pe_accept(p, PT_OP, ";"))
			break;
		if (pe_tok(p)->kind == PT_NEWLINE)
			break;
	}
	if (pe_tok(p)->kind != PT_NEWLINE && pe_tok(p)->kind != PT_END)
		pe_syntax(p, pe_tok(p)->off, "invalid syntax");
	p->pos++;
}

/* ---- compound statements -------------------------------------------- */

static void
st_if(struct pe *p)
{
	int live0 = pe_live(p), taken = 0, unknown = 0;
	size_t cstart = p->collect.n;
	unsigned fl = 0, save = p->ctx_flags;
	struct pe_val *c;

	do {
		p->pos++;
		p->stmt = pe_span(p, p->pos - 1, p->pos);
		if (!live0 || taken || unknown) {
			p->skip++;
			ex_test(p);
			p->skip--;
			block_as(p, unknown ? 2 : (live0 ? 1 : 0));
			continue;
		}
		c = ex_test(p);
		if (c == NULL) {
			block_as(p, 1);
			continue;
		}
		fl |= c->flags;
		if (c->kind == PE_UNKNOWN) {
			unknown = 1;
			block_as(p, 2);
		} else if ((taken = c->kind != PE_VAL || pe_truth(c->v))) {
			p->ctx_flags |= fl;
			block_as(p, 0);
			p->ctx_flags = save;
		} else
			block_as(p, 1);
	} while (pe_at(p, PT_NAME, "elif"));
	if (pe_accept(p, PT_NAME, "else")) {
		if (live0 && !taken && !unknown && !p->exc.set) {
			p->ctx_flags |= fl;
			block_as(p, 0);
			p->ctx_flags = save;
		} else
			block_as(p, unknown ? 2 : (live0 ? 1 : 0));
	}
	if (unknown && live0)
		pe_flush(p, cstart, why_cond, fl);
}

/* Does `except <header>` catch the exception?  1, 0, or -1 unknown. */
static int
handler_matches(struct pe *p, size_t from, size_t to, const char *type)
{
	size_t i;
	int any = 0;

	if (from == to)
		return 1;
	if (type == NULL)
		return -1;
	for (i = from; i < to; i++) {
		const struct pt_token *t = &p->tk[i];

		if (t->kind == PT_NAME)
			any |= pe_exc_matches(type, pe_text(p, t));
		else if (!pt_is(p->t, t, PT_OP, ",") &&
		    !pt_is(p->t, t, PT_OP, "(") && !pt_is(p->t, t, PT_OP, ")"))
			return -1;
	}
	return any;
}

static void
handlers(struct pe *p, struct try_state *ts, int *handled, int *unsure)
{
	while (pe_at(p, PT_NAME, "except")) {
		size_t hs, he;
		const char *as = NULL;
		int m = 0, mode;

		p->pos++;
		pe_accept(p, PT_OP, "*");
		hs = p->pos;
		p->skip++;
		if (!pe_at(p, PT_OP, ":"))
			ex_test(p);
		p->skip--;
		he = p->pos;
		as = pe_as_name(p);
		if (ts->live0 && ts->raised && !*handled)
			m = handler_matches(p, hs, he, ts->exc.type);
		mode = m == 1 ? 0 : m < 0 || (ts->live0 && ts->uncertain) ? 2 :
		    1;
		if (m < 0)
			*unsure = 1;
		if (as != NULL && mode != 1) {
			p->skip += mode == 2;
			p->collecting += mode == 2;
			pe_bind(p, as, mode == 0 ? pe_unknown(p, 0, "an "
			    "exception object") : NULL, p->stmt, p->stmt);
			p->skip -= mode == 2;
			p->collecting -= mode == 2;
		}
		if (ts->live0 && !pe_live(p) && !ts->uncertain && !ts->raised)
			mode = 0;
		block_as(p, ts->live0 || mode == 2 ? mode : 0);
		if (m == 1) {
			*handled = 1;
			if (as != NULL)
				pe_unbind(p, as, p->stmt);
		}
	}
}

static void
st_try(struct pe *p)
{
	struct try_state ts;
	size_t cstart = p->collect.n;
	int handled = 0, unsure = 0, skip0 = p->skip, coll0 = p->collecting;

	memset(&ts, 0, sizeof(ts));
	ts.live0 = pe_live(p);
	p->pos++;
	block(p, &ts);
	p->skip = skip0;
	p->collecting = coll0;
	handlers(p, &ts, &handled, &unsure);
	if (pe_accept(p, PT_NAME, "else"))
		block_as(p, !ts.live0 ? 0 : ts.uncertain ? 2 : ts.raised ? 1 : 0);
	if (ts.live0 && (ts.uncertain || unsure))
		pe_flush(p, cstart, why_try, 0);
	if (pe_accept(p, PT_NAME, "finally"))
		block_as(p, 0);
	if (ts.raised && !handled && !unsure && !p->exc.set)
		p->exc = ts.exc;
	else if (ts.raised && !handled && unsure && ts.live0) {
		p->tail = (int)p->collect.n + 1;
		p->skip++;
		p->collecting++;
	}
}

static void
st_loop(struct pe *p)
{
	int is_for = pe_at(p, PT_NAME, "for"), runs = 1, live0 = pe_live(p);
	size_t cstart = p->collect.n, tstart, tend = 0;
	struct pe_val *it;

	p->pos++;
	tstart = p->pos;
	if (is_for) {
		int depth = 0;

		while (depth > 0 || !pe_at(p, PT_NAME, "in")) {
			if (pe_tok(p)->kind == PT_NEWLINE || pe_tok(p)->kind ==
			    PT_END)
				pe_syntax(p, pe_tok(p)->off, "invalid syntax");
			depth += pe_is_open(p, p->pos) - pe_is_close(p, p->pos);
			p->pos++;
		}
		tend = p->pos++;
	}
	it = is_for ? ex_testlist(p, 1) : ex_test(p);
	if (live0 && it != NULL && it->kind == PE_VAL)
		runs = is_for ? !(it->v->kind <= PV_DICT && it->v->kind >=
		    PV_STR && (it->v->kind == PV_STR ? it->v->len : it->v->n) ==
		    0) : pe_truth(it->v);
	if (is_for) {
		size_t after = p->pos;
		int sk = live0, co = live0 && runs;

		p->skip += sk;
		p->collecting += co;
		pe_assign(p, tstart, tend, NULL, pe_span(p, tstart, tend));
		p->skip -= sk;
		p->collecting -= co;
		p->pos = after;
	}
	p->loops++;
	block_as(p, !live0 ? 0 : runs ? 2 : 1);
	p->loops--;
	if (pe_accept(p, PT_NAME, "else"))
		block_as(p, !live0 ? 0 : runs ? 2 : 0);
	if (live0)
		pe_flush(p, cstart, why_loop, it ? it->flags : 0);
}

static void
st_with(struct pe *p)
{
	int paren;

	p->pos++;
	paren = pe_at(p, PT_OP, "(") && !pe_at(p, PT_OP, ":");
	do {
		size_t s;

		ex_test(p);
		if (pe_accept(p, PT_NAME, "as")) {
			s = p->pos;
			while (!pe_at(p, PT_OP, ",") && !pe_at(p, PT_OP, ":") &&
			    pe_tok(p)->kind != PT_NEWLINE &&
			    pe_tok(p)->kind != PT_END)
				p->pos++;
			pe_assign(p, s, p->pos, pe_live(p) ? pe_unknown(p, 0,
			    "bound by a with statement") : NULL,
			    pe_span(p, s, p->pos));
		}
	} while (pe_accept(p, PT_OP, ","));
	(void)paren;
	block_as(p, 0);
}

static void
st_def(struct pe *p, struct pe_val *decorated)
{
	int cls = pe_at(p, PT_NAME, "class");
	const struct pt_token *name;
	struct span span;

	if (pe_accept(p, PT_NAME, "async") && !pe_at(p, PT_NAME, "def"))
		pe_syntax(p, pe_tok(p)->off, "invalid syntax");
	p->pos++;
	name = pe_tok(p);
	if (name->kind != PT_NAME)
		pe_syntax(p, name->off, "invalid syntax");
	span = span_make(p->src, name->off, name->len);
	p->stmt = span;
	p->pos++;
	if (!cls && !pe_at(p, PT_OP, "("))
		pe_syntax(p, pe_tok(p)->off, "expected '('");
	while (!pe_at(p, PT_OP, ":") || p->tk[p->pos].kind == PT_END) {
		if (pe_tok(p)->kind == PT_END || pe_tok(p)->kind == PT_NEWLINE)
			pe_syntax(p, pe_tok(p)->off, "expected ':'");
		p->pos++;
	}
	skip_block(p);
	if (pe_live(p) && decorated == NULL)
		decorated = pe_known(p, PE_USER, 0, pe_text(p, name));
	else if (pe_live(p) && decorated->kind != PE_UNKNOWN)
		decorated = pe_unknown(p, 0, "decorated by a function gunilint "
		    "does not run");
	pe_bind(p, pe_text(p, name), decorated, span, span);
}

static void
st_decorated(struct pe *p)
{
	struct pe_val *d = NULL, *v;

	while (pe_accept(p, PT_OP, "@")) {
		v = ex_test(p);
		if (d == NULL || (v != NULL && v->kind == PE_UNKNOWN))
			d = v;
		pe_expect(p, PT_NEWLINE, "");
	}
	if (!pe_at(p, PT_NAME, "def") && !pe_at(p, PT_NAME, "class") &&
	    !pe_at(p, PT_NAME, "async"))
		pe_syntax(p, pe_tok(p)->off, "invalid syntax");
	st_def(p, d != NULL ? d : (pe_live(p) ? pe_unknown(p, 0,
	    "decorated") : NULL));
}

static void
st_defn(struct pe *p)
{
	st_def(p, NULL);
}

static const struct {
	const char *kw;
	void (*fn)(struct pe *);
} compound_kw[] = {
	{ "if", st_if }, { "try", st_try }, { "for", st_loop },
	{ "while", st_loop }, { "with", st_with }, { "def", st_defn },
	{ "class", st_defn }, { "async", st_defn }, { "@", st_decorated },
};

static void
fail_item(struct pe *p)
{
	struct py_item *it = pe_new_item(p, PY_RUNTIME, NULL, p->exc.where);

	it->why = arena_strdup(p->out->arena, p->exc.msg);
	it->fails = 1;
	p->exc.set = 0;
	p->skip++; /* nothing after runs */
}

static void
statement(struct pe *p)
{
	size_t i;

	if (pe_tok(p)->kind == PT_INDENT)
		pe_syntax(p, pe_tok(p)->off, "unexpected indent");
	for (i = 0; i < NELEM(compound_kw); i++)
		if (pe_at(p, i + 1 == NELEM(compound_kw) ? PT_OP : PT_NAME,
		    compound_kw[i].kw)) {
			if (strcmp(compound_kw[i].kw, "async") == 0 &&
			    !pt_is(p->t, pe_peek(p, 1), PT_NAME, "def"))
				break;
			compound_kw[i].fn(p);
			return;
		}
	simple_stmt(p);
}

/* ---- entry points ------------------------------------------------------ */

static void
pe_release(struct pe *p)
{
	size_t i;

	for (i = 0; i < p->owned.n; i++)
		pv_free(p->owned.v[i]);
	for (i = 0; i < p->tokbufs.n; i++)
		free(p->tokbufs.v[i]);
	for (i = 0; i < p->bufs.n; i++)
		sb_release(p->bufs.v[i]);
	free(p->bufs.v);
	free(p->owned.v);
	free(p->tokbufs.v);
	free(p->globals.v);
	free(p->envs.v);
	free(p->collect.v);
	arena_free(p->ar);
}

static void
syntax_result(struct pe *p, struct py_result *out)
{
	struct py_item *it;
	size_t i;

	for (i = 0; i < out->n; i++)
		pv_free(out->v[i].value);
	out->n = 0;
	it = pe_new_item(p, PY_ERROR, NULL, span_make(p->src, p->err.off, 0));
	it->why = arena_strdup(out->arena, p->err.msg);
}

static void
run(struct pe *p)
{
	while (pe_tok(p)->kind != PT_END) {
		if (pe_tok(p)->kind == PT_NEWLINE) {
			p->pos++;
			continue;
		}
		statement(p);
		if (p->exc.set)
			fail_item(p);
	}
	if (p->tail > 0) {
		p->skip--;
		p->collecting--;
		pe_flush(p, (size_t)p->tail - 1, why_tail, 0);
	}
}

int
py_eval_config(const struct source *src, const struct py_env *env,
    struct py_result *out)
{
	static const struct py_env none = { NULL, NULL, 0, NULL };
	struct pt_tokens toks = { 0 };
	struct pe *p = xcalloc(1, sizeof(*p));
	int rc = 0;

	memset(out, 0, sizeof(*out));
	out->arena = arena_new();
	p->t = src->text;
	p->src = src;
	p->env = env ? env : &none;
	p->out = out;
	p->ar = arena_new();
	if (pt_tokenize(src->text, 0, src->len, 0, &toks, &p->err) != 0) {
		syntax_result(p, out);
		rc = -1;
	} else {
		p->tk = toks.v;
		p->ntk = toks.n;
		if (setjmp(p->bail) == 0)
			run(p);
		else {
			syntax_result(p, out);
			rc = -1;
		}
	}
	free(toks.v);
	pe_release(p);
	free(p);
	return rc;
}

const struct py_item *
py_result_final(const struct py_result *r, const char *name)
{
	size_t i;

	for (i = r->n; i-- > 0;)
		if (r->v[i].name != NULL && strcmp(r->v[i].name, name) == 0)
			return r->v[i].kind == PY_DELETE ? NULL : &r->v[i];
	return NULL;
}

const struct py_item *
py_result_failure(const struct py_result *r)
{
	return r->n > 0 && r->v[r->n - 1].fails ? &r->v[r->n - 1] : NULL;
}

void
py_result_free(struct py_result *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++)
		pv_free(r->v[i].value);
	free(r->v);
	arena_free(r->arena);
	memset(r, 0, sizeof(*r));
}
