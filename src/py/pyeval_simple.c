/*
 * pyeval_simple.c: the simple statements besides assignments: import and
 * from-import (os, os.path, multiprocessing, sys and __future__ are known,
 * anything else binds a runtime name), del, assert, raise and global.
 */
#include <stdlib.h>
#include <string.h>

#include "py/py_int.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void
bind_module(struct pe *p, const char *dotted, const char *as,
    struct span span)
{
	static const struct { const char *name; int id; } mods[] = {
		{ "os", ID_OS }, { "os.path", ID_OSPATH },
		{ "multiprocessing", ID_MP }, { "sys", ID_SYS },
	};
	char *top = arena_strdup(p->ar, dotted), *dot = strchr(top, '.');
	const char *want = as ? dotted : top;
	struct pe_val *v = NULL;
	size_t i;

	if (dot != NULL && as == NULL)
		*dot = '\0';
	if (!pe_live(p)) {
		pe_bind(p, as ? as : top, NULL, span, span);
		return;
	}
	for (i = 0; i < NELEM(mods); i++)
		if (strcmp(mods[i].name, want) == 0)
			v = pe_known(p, PE_MOD, mods[i].id, mods[i].name);
	if (v == NULL) {
		for (i = 0; i < NELEM(mods); i++)
			if (strcmp(mods[i].name, dotted) == 0)
				break;
		v = pe_unknown(p, 0, "imports %s, which gunilint does not "
		    "evaluate", want);
		v->name = arena_strdup(p->ar, want);
		if (i < NELEM(mods))
			p->unknowns--; /* a known module cannot fail */
	}
	pe_bind(p, as ? as : top, v, span, span);
}

static const char *
dotted_name(struct pe *p)
{
	struct strbuf *sb = arena_alloc(p->ar, sizeof(*sb));
	const char *r;

	VEC_PUSH(&p->bufs, sb);
	do {
		if (pe_tok(p)->kind != PT_NAME)
			pe_syntax(p, pe_tok(p)->off, "invalid syntax");
		if (sb->len)
			sb_addch(sb, '.');
		sb_add(sb, p->t + pe_tok(p)->off, pe_tok(p)->len);
		p->pos++;
	} while (pe_accept(p, PT_OP, "."));
	r = arena_strdup(p->ar, sb_str(sb));
	sb_release(sb);
	return r;
}

const char *
pe_as_name(struct pe *p)
{
	if (!pe_accept(p, PT_NAME, "as"))
		return NULL;
	if (pe_tok(p)->kind != PT_NAME)
		pe_syntax(p, pe_tok(p)->off, "invalid syntax");
	return pe_text(p, &p->tk[p->pos++]);
}

void
st_import(struct pe *p)
{
	size_t start = p->pos++;

	do {
		size_t s = p->pos;
		const char *d = dotted_name(p), *as = pe_as_name(p);

		p->stmt = pe_span(p, start, p->pos);
		bind_module(p, d, as, pe_span(p, s, p->pos));
	} while (pe_accept(p, PT_OP, ","));
}

static void
from_one(struct pe *p, struct pe_val *mod, const char *modname, size_t s)
{
	const char *name = pe_text(p, pe_tok(p)), *as;
	struct pe_val *v;

	p->pos++;
	as = pe_as_name(p);
	v = !pe_live(p) ? NULL : mod->kind == PE_UNKNOWN ? pe_unknown(p, 0,
	    "imported from %s, which gunilint does not evaluate", modname) :
	    mod->id == ID_FUTURE ? pe_known(p, PE_MOD, ID_FUTURE, name) :
	    op_attr(p, mod, name);
	if (v != NULL && v->kind == PE_UNKNOWN) {
		char *full = xasprintf("%s.%s", modname, name);

		v->name = arena_strdup(p->ar, full);
		free(full);
	}
	pe_bind(p, as ? as : name, v, p->stmt, pe_span(p, s, p->pos));
}

void
st_from(struct pe *p)
{
	size_t start = p->pos++, dots = 0;
	const char *mod = "";
	struct pe_val *m = NULL;
	int paren;

	while (pe_accept(p, PT_OP, ".") || (pe_accept(p, PT_OP, "...") &&
	    (dots += 2)))
		dots++;
	if (!pe_at(p, PT_NAME, "import"))
		mod = dotted_name(p);
	pe_expect(p, PT_NAME, "import");
	p->stmt = pe_span(p, start, pe_stmt_end(p, p->pos));
	if (pe_live(p)) {
		m = strcmp(mod, "os") == 0 && !dots ? pe_known(p, PE_MOD, ID_OS,
		    "os") : strcmp(mod, "multiprocessing") == 0 && !dots ?
		    pe_known(p, PE_MOD, ID_MP, "multiprocessing") :
		    strcmp(mod, "__future__") == 0 ? pe_known(p, PE_MOD,
		    ID_FUTURE, "__future__") : strcmp(mod, "os.path") == 0 ?
		    pe_known(p, PE_MOD, ID_OSPATH, "os.path") :
		    pe_unknown(p, 0, "imports %s", mod);
	}
	if (pe_accept(p, PT_OP, "*")) {
		if (pe_live(p)) {
			size_t i;

			p->star_unknown = 1;
			for (i = 0; i < p->globals.n; i++)
				if (p->globals.v[i].val != NULL)
					pe_bind(p, p->globals.v[i].name,
					    pe_unknown(p, 0, "may be rebound "
					    "by from %s import *", mod),
					    p->stmt, p->stmt);
		}
		return;
	}
	paren = pe_accept(p, PT_OP, "(");
	do {
		if (paren && pe_at(p, PT_OP, ")"))
			break;
		if (pe_tok(p)->kind != PT_NAME)
			pe_syntax(p, pe_tok(p)->off, "invalid syntax");
		from_one(p, m, mod, p->pos);
	} while (pe_accept(p, PT_OP, ","));
	if (paren)
		pe_expect(p, PT_OP, ")");
}

void
st_del(struct pe *p)
{
	size_t end, s;
	int depth;

	p->pos++;
	end = pe_stmt_end(p, p->pos);
	p->stmt = pe_span(p, p->pos - 1, end);
	while (p->pos < end) {
		for (s = p->pos, depth = 0; p->pos < end && (depth > 0 ||
		    !pt_is(p->t, pe_tok(p), PT_OP, ",")); p->pos++)
			depth += pe_is_open(p, p->pos) - pe_is_close(p, p->pos);
		if (p->pos == s + 1 && p->tk[s].kind == PT_NAME)
			pe_unbind(p, pe_text(p, &p->tk[s]), pe_span(p, s, s + 1));
		else if (p->pos > s) {
			size_t e = p->pos;

			/* del x[k]: the base becomes runtime. */
			p->skip++;
			pe_bounded(p, s, e, pe_parse_testlist, 0);
			p->skip--;
			if (p->tk[s].kind == PT_NAME)
				pe_bind(p, pe_text(p, &p->tk[s]), pe_live(p) ?
				    pe_unknown(p, 0, "changed by del") : NULL,
				    p->stmt, p->stmt);
			p->env_unknown |= pe_live(p);
			p->pos = e;
		}
		if (!pe_accept(p, PT_OP, ","))
			break;
	}
	if (p->pos != end)
		pe_syntax(p, pe_tok(p)->off, "invalid syntax");
}

void
st_assert(struct pe *p)
{
	struct pe_val *c, *m = NULL;
	int fail;

	p->pos++;
	c = ex_test(p);
	fail = pe_live(p) && c != NULL && c->kind == PE_VAL &&
	    !pe_truth(c->v);
	if (pe_accept(p, PT_OP, ",")) {
		p->skip += !fail;
		m = ex_test(p);
		p->skip -= !fail;
	}
	if (!fail || !pe_live(p))
		return;
	if (m != NULL && m->kind == PE_VAL) {
		char *s = pv_str_text(m->v);

		pe_raise(p, "AssertionError", "AssertionError: %s", s);
		free(s);
	} else if (m != NULL)
		pe_raise(p, "AssertionError", "AssertionError: (a message "
		    "gunilint cannot compute)");
	else
		pe_raise(p, "AssertionError", "AssertionError");
}

void
st_raise(struct pe *p)
{
	struct pe_val *v = NULL;

	p->pos++;
	if (pe_tok(p)->kind != PT_NEWLINE && !pe_at(p, PT_OP, ";")) {
		v = ex_test(p);
		if (pe_accept(p, PT_NAME, "from")) {
			p->skip++;
			ex_test(p);
			p->skip--;
		}
	}
	if (!pe_live(p))
		return;
	if (v == NULL)
		pe_raise(p, NULL, "RuntimeError: No active exception to "
		    "reraise");
	else if (v->kind == PE_EXC && v->why != NULL)
		pe_raise(p, v->name, "%s%s%s", v->name, *v->why ? ": " : "",
		    v->why);
	else if (v->kind == PE_EXC || (v->kind == PE_FN &&
	    v->id == ID_EXC_CLASS))
		pe_raise(p, v->name, "%s (raised by the file)", v->name);
	else if (v->kind == PE_VAL)
		pe_raise(p, "TypeError", "TypeError: exceptions must derive "
		    "from BaseException");
	else
		pe_raise(p, NULL, "raises an exception gunilint cannot "
		    "evaluate");
}

void
st_names(struct pe *p)
{
	int nonlocal = pe_at(p, PT_NAME, "nonlocal");

	if (nonlocal)
		pe_syntax(p, pe_tok(p)->off, "nonlocal declaration not allowed "
		    "at module level");
	p->pos++;
	do {
		if (pe_tok(p)->kind != PT_NAME)
			pe_syntax(p, pe_tok(p)->off, "invalid syntax");
		p->pos++;
	} while (pe_accept(p, PT_OP, ","));
}
