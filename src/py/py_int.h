/*
 * py_int.h: internals shared by the config-file tokenizer (pytok.c) and
 * the evaluator (pyeval*.c); nothing here is for other modules.
 */
#ifndef GL_PY_INT_H
#define GL_PY_INT_H

#include <setjmp.h>
#include <stddef.h>
#include <string.h>

#include "core/core.h"

#include "py/py.h"

/* ---- tokens (pytok.c) ---- */

enum pt_kind {
	PT_END,
	PT_NAME,
	PT_NUMBER,
	PT_STRING,
	PT_OP,
	PT_NEWLINE,
	PT_INDENT,
	PT_DEDENT,
};

/* String prefix flags. */
#define PT_RAW 1u
#define PT_BYTES 2u
#define PT_FSTR 4u

struct pt_token {
	enum pt_kind kind;
	unsigned flags;          /* PT_STRING: PT_RAW, PT_BYTES, PT_FSTR */
	size_t off, len;         /* the token's bytes in the source text */
	size_t body, body_len;   /* PT_STRING: between the quotes */
};

struct pt_tokens {
	struct pt_token *v;
	size_t n, cap;
};

struct pt_err {
	size_t off;
	char msg[160];
};

/*
 * Tokenizes text[off, end).  In file mode the result has NEWLINE, INDENT
 * and DEDENT tokens as Python's tokenizer makes them; expr mode (an
 * f-string field) treats line breaks as blanks.  Always ends with PT_END.
 * 0, or -1 with err set (Python's SyntaxError message).
 */
int pt_tokenize(const char *text, size_t off, size_t end, int expr_mode,
    struct pt_tokens *out, struct pt_err *err);

/*
 * Appends the value of a string literal's body (escapes decoded unless
 * raw; line breaks normalised to \n).  0, -1 on a bad escape (err set),
 * -2 on \N{...}, which gunilint does not decode.
 */
int pt_decode(const char *s, size_t len, unsigned flags, size_t base,
    struct strbuf *out, struct pt_err *err);

/* One replacement field of an f-string, text[open] being its '{'. */
struct pt_field {
	size_t expr, expr_end;  /* the expression's bytes */
	size_t debug_end;       /* {expr=}: end of the text echoed, or 0 */
	char conv;              /* 'r', 's', 'a' or 0 */
	size_t spec, spec_end;  /* the format spec after ':' (may be empty) */
	size_t next;            /* just after the closing '}' */
};
int pt_field(const char *text, size_t open, size_t end, struct pt_field *f,
    struct pt_err *err);

/* Is the token the NAME or OP spelled s? */
int pt_is(const char *text, const struct pt_token *t, enum pt_kind k,
    const char *s);

/* ---- the evaluator (pyeval.c statements, pyeval_expr.c expressions,
 * pyeval_ops.c operators, builtins and formatting) ---- */

enum pe_kind {
	PE_VAL,     /* a plain Python value */
	PE_UNKNOWN, /* cannot be computed: why says so */
	PE_MOD,     /* os, os.environ, multiprocessing, sys, __future__ */
	PE_FN,      /* a builtin or known module function */
	PE_METHOD,  /* v.name, a method of a plain value */
	PE_USER,    /* def, class, lambda: callable, never run */
	PE_EXC,     /* an exception instance: name, why = str() */
	PE_CPUSET,  /* os.sched_getaffinity(0): only len() of it */
};

/* Longest str or list gunilint builds; beyond it values are runtime. */
#define PE_MAXLEN 1000000

#define PE_CPU 1u /* from a CPU-count idiom */
#define PE_ENV 2u /* read the environment */

struct pe_val {
	enum pe_kind kind;
	struct pyval *v;  /* PE_VAL; PE_METHOD receiver */
	int id;           /* PE_MOD, PE_FN: enum pe_id */
	const char *name; /* dotted path, method or function name */
	const char *why;  /* PE_UNKNOWN reason; PE_EXC message */
	unsigned flags;   /* PE_CPU, PE_ENV */
};

enum pe_id {
	ID_NONE,
	ID_OS, ID_ENVIRON, ID_MP, ID_SYS, ID_FUTURE, ID_OSPATH,
	ID_GETENV, ID_ENV_GET, ID_ENV_SETDEFAULT, ID_ENV_POP, ID_OS_CPU,
	ID_MP_CPU, ID_AFFINITY,
	ID_STR, ID_INT, ID_FLOAT, ID_BOOL, ID_LEN, ID_MAX, ID_MIN, ID_ABS,
	ID_ROUND, ID_PRINT, ID_LIST, ID_TUPLE, ID_DICT, ID_REPR, ID_SORTED,
	ID_EXC_CLASS,
};

struct pe_global {
	const char *name;
	struct pe_val *val; /* NULL: deleted */
};

struct pe_envvar {
	const char *name;
	const char *value; /* NULL: unset */
	int unknown;
};

struct pe_collect {
	const char *name;
	struct span span;
};

struct pe_exc {
	int set;
	const char *type;  /* "KeyError" */
	const char *msg;   /* "KeyError: 'X'" */
	struct span where;
};

struct pe_arg {
	const char *kw;    /* NULL for positional */
	struct pe_val *val;
};

/*
 * How deep expressions may nest ("- - - 1", "not not x", "1 ** 1 ** 1",
 * "lambda: lambda: 1"): each level is C recursion.  CPython 3.11 gives up
 * a little deeper (RecursionError near 3,000 unary minus signs), so what
 * this accepts, gunicorn accepts too.
 */
#define PE_MAXDEPTH 1000

struct pe {
	const char *t;
	const struct source *src;
	const struct py_env *env;
	struct pt_token *tk;
	size_t ntk, pos;
	int skip;          /* > 0: parse without executing */
	int collecting;    /* > 0: names bound are runtime */
	unsigned ctx_flags;
	unsigned long unknowns;
	int star_unknown;  /* from X import * of an unknown module */
	int env_unknown;   /* the environment was changed in unknown ways */
	struct pe_exc exc;
	struct pt_err err;
	jmp_buf bail;
	struct arena *ar;
	VEC(struct pyval *) owned;
	VEC(struct pt_token *) tokbufs;
	VEC(struct pe_global) globals;
	VEC(struct pe_envvar) envs;
	VEC(struct pe_collect) collect;
	VEC(struct strbuf *) bufs; /* released at the end, even after a longjmp */
	struct py_result *out;
	struct span stmt; /* the statement being executed */
	int loops;        /* loop bodies around the current statement */
	int depth;        /* expression recursion, against PE_MAXDEPTH */
	int tail;         /* a raise may have escaped: the rest is runtime */
};

/*
 * Pushes onto a VEC whose storage lives in the evaluator's arena, so a
 * syntax error (a longjmp out of the parser) leaks nothing.
 */
#define PE_PUSH(p, vec, x)                                                    \
	do {                                                                  \
		if ((vec)->n == (vec)->cap) {                                 \
			size_t nc_ = (vec)->cap ? (vec)->cap * 2 : 8;         \
			void *nv_ = arena_alloc((p)->ar,                      \
			    nc_ * sizeof(*(vec)->v));                         \
			if ((vec)->n)                                         \
				memcpy(nv_, (vec)->v,                         \
				    (vec)->n * sizeof(*(vec)->v));            \
			(vec)->v = nv_;                                       \
			(vec)->cap = nc_;                                     \
		}                                                             \
		(vec)->v[(vec)->n++] = (x);                                   \
	} while (0)

/* pyeval.c */
GL_NORETURN void pe_syntax(struct pe *p, size_t off, const char *fmt, ...)
    GL_PRINTF(3, 4);
struct pt_token *pe_tok(struct pe *p);
struct pt_token *pe_peek(struct pe *p, size_t k);
int pe_at(struct pe *p, enum pt_kind k, const char *s);
int pe_accept(struct pe *p, enum pt_kind k, const char *s);
void pe_expect(struct pe *p, enum pt_kind k, const char *s);
int pe_live(const struct pe *p);
struct span pe_span(const struct pe *p, size_t from_tok, size_t to_tok);
char *pe_text(struct pe *p, const struct pt_token *t);
struct pe_val *pe_lookup(struct pe *p, const char *name, struct span where);
struct pe_global *pe_global(struct pe *p, const char *name);
void pe_bind(struct pe *p, const char *name, struct pe_val *v,
    struct span span, struct span vspan);
void pe_rebind_mutated(struct pe *p, const struct pyval *changed,
    struct span span);
void pe_collect(struct pe *p, const char *name, struct span span);
const char *pe_env_get(struct pe *p, const char *name, struct span where,
    int *unknown);
void pe_env_set(struct pe *p, const char *name, const char *value);
void pe_env_unknown(struct pe *p, const char *name);
extern const char pe_env_mark[];
void pe_note_mutation(struct pe *p);
struct pe_val *pe_bounded(struct pe *p, size_t from, size_t to,
    struct pe_val *(*fn)(struct pe *, int), int arg);
struct pe_val *pe_parse_testlist(struct pe *p, int star);
void pe_assign(struct pe *p, size_t from, size_t to, struct pe_val *v,
    struct span vspan);
void pe_flush(struct pe *p, size_t from, const char *why, unsigned flags);
void pe_unbind(struct pe *p, const char *name, struct span span);
struct py_item *pe_new_item(struct pe *p, enum py_item_kind k,
    const char *name, struct span span);
int pe_is_open(const struct pe *p, size_t i);
int pe_is_close(const struct pe *p, size_t i);

/* pyeval_expr.c */
struct pe_val *ex_test(struct pe *p);
struct pe_val *ex_testlist(struct pe *p, int star_ok);
struct pe_val *ex_primary(struct pe *p);
struct pe_val *ex_fstring_field(struct pe *p, size_t from, size_t to);

/* pyeval_ops.c */
struct pe_val *pe_value(struct pe *p, struct pyval *v); /* takes v */
struct pe_val *pe_unknown(struct pe *p, unsigned flags, const char *fmt, ...)
    GL_PRINTF(3, 4);
struct pe_val *pe_known(struct pe *p, enum pe_kind k, int id,
    const char *name);
void pe_raise(struct pe *p, const char *type, const char *fmt, ...)
    GL_PRINTF(3, 4);
const char *pe_type_name(const struct pe_val *v);
int pe_truth(const struct pyval *v);
struct pe_val *op_binary(struct pe *p, const char *op, struct pe_val *a,
    struct pe_val *b);
struct pe_val *op_unary(struct pe *p, const char *op, struct pe_val *a);
struct pe_val *op_compare(struct pe *p, const char *op, struct pe_val *a,
    struct pe_val *b);
struct pe_val *op_subscript(struct pe *p, struct pe_val *a,
    struct pe_val *key);
struct pe_val *op_slice(struct pe *p, struct pe_val *a, struct pe_val *lo,
    struct pe_val *hi, struct pe_val *step);
struct pe_val *op_attr(struct pe *p, struct pe_val *a, const char *name);
struct pe_val *op_call(struct pe *p, struct pe_val *fn, struct pe_arg *args,
    size_t nargs);
struct pe_val *op_format_value(struct pe *p, struct pe_val *v, char conv,
    const char *spec, size_t speclen);
struct pe_val *pe_builtin(struct pe *p, const char *name);
int pe_exc_matches(const char *raised, const char *handler);
struct pe_val *pe_propagate(struct pe *p, struct pe_val *u, unsigned flags);
struct pe_val *pe_flag(struct pe_val *v, unsigned flags);
int pe_num(const struct pyval *v, int *is_float, long long *i, double *f);
int pe_eq(const struct pyval *a, const struct pyval *b);
int pe_order(struct pe *p, const struct pyval *a, const struct pyval *b,
    const char *op, int *cmp);
size_t pe_cplen(const char *s, size_t len);
const char *pe_memmem(const char *h, size_t hn, const char *n, size_t nn);

/* pyeval_method.c */
struct pe_val *pe_str_method(struct pe *p, struct pe_val *m, struct pe_arg *a,
    size_t n, unsigned fl);
struct pe_val *pe_list_method(struct pe *p, struct pe_val *m,
    struct pe_arg *a, size_t n, unsigned fl);
struct pe_val *pe_dict_method(struct pe *p, struct pe_val *m,
    struct pe_arg *a, size_t n, unsigned fl);

/* pyeval_stmt.c, pyeval_simple.c */
size_t pe_stmt_end(struct pe *p, size_t i);
const char *pe_as_name(struct pe *p);
void st_import(struct pe *p);
void st_from(struct pe *p);
void st_del(struct pe *p);
void st_assert(struct pe *p);
void st_raise(struct pe *p);
void st_names(struct pe *p);

/* pyeval_fmt.c */
struct pe_val *fmt_percent(struct pe *p, struct pe_val *fmt,
    struct pe_val *args);
struct pe_val *fmt_braces(struct pe *p, const struct pyval *fmt,
    struct pe_arg *args, size_t nargs);
/* format(v, spec) appended to out: 0, -1 raised, 1 not supported. */
int fmt_spec(struct pe *p, const struct pyval *v, const char *spec,
    size_t len, struct strbuf *out);

#endif
