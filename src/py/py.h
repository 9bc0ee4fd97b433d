/*
 * py.h: the few Python values gunicorn settings hold (None, bool, int,
 * str, list, tuple, dict, and opaque objects such as callables), with
 * Python's str() and repr() so gunilint prints values exactly as
 * `gunicorn --print-config` and argparse's messages do.
 *
 * A pyval owns everything under it; pv_free() releases the tree.
 */
#ifndef GL_PY_H
#define GL_PY_H

#include <stddef.h>

#include "core/core.h"

enum pv_kind {
	PV_NONE,
	PV_BOOL,
	PV_INT,    /* any size: digits kept as text; i valid when !big */
	PV_STR,
	PV_LIST,
	PV_TUPLE,
	PV_DICT,   /* items alternate key, value */
	PV_OBJECT, /* callables, classes, networks: text is what str() prints */
};

struct pyval {
	enum pv_kind kind;
	int b;          /* PV_BOOL */
	long long i;    /* PV_INT when !big */
	int big;        /* PV_INT does not fit a long long */
	char *s;        /* PV_STR bytes; PV_INT canonical decimal; PV_OBJECT text */
	size_t len;     /* PV_STR length */
	struct pyval **items; /* PV_LIST, PV_TUPLE; PV_DICT key,value,key,value */
	size_t n;
};

struct pyval *pv_none(void);
struct pyval *pv_bool(int b);
struct pyval *pv_int(long long i);
/* From canonical decimal text ("-12", "123456789012345678901234"). */
struct pyval *pv_int_text(const char *digits);
struct pyval *pv_str(const char *s, size_t len);
struct pyval *pv_strz(const char *s);
struct pyval *pv_list(void);
struct pyval *pv_tuple(void);
struct pyval *pv_dict(void);
struct pyval *pv_object(const char *str_text);
/* Appends (takes ownership); for dicts call twice: key then value. */
void pv_append(struct pyval *container, struct pyval *item);
struct pyval *pv_copy(const struct pyval *v);
/* Python's bool(v); NULL counts as None. */
int pv_truthy(const struct pyval *v);
int pv_equal(const struct pyval *a, const struct pyval *b);
void pv_free(struct pyval *v);

/* Python's repr(v) / str(v) appended to sb. */
void pv_repr(struct strbuf *sb, const struct pyval *v);
void pv_str_of(struct strbuf *sb, const struct pyval *v);
/* repr() of a plain byte string, e.g. for "invalid int value: %r". */
void pv_repr_bytes(struct strbuf *sb, const char *s, size_t len);
/* Same, newly allocated. */
char *pv_repr_text(const struct pyval *v);
char *pv_str_text(const struct pyval *v);

/*
 * Reads what repr() writes for None, bools, ints, str, list, tuple and
 * dict ("['127.0.0.1:8000']", "('localhost', 8125)"); NULL when text is
 * anything else.
 */
struct pyval *pv_parse_literal(const char *text);

/*
 * Floats are PV_OBJECT values whose text is CPython's repr() ("1.0",
 * "1e+16", "inf"), so repr, str and equality need no new kind; the double
 * comes back exactly with pv_as_float (0 when v is not such a float).
 */
struct pyval *pv_float(double d);
int pv_as_float(const struct pyval *v, double *d);

/* ---- gunicorn config files (pytok.c, pyeval*.c) ------------------------ */

/*
 * What the evaluator may know of the launch.  getenv returns a variable's
 * value or NULL when it is unset; a NULL getenv means the environment is
 * unknown, and every read of it is runtime.  cpus > 0 is the CPU count
 * that multiprocessing.cpu_count(), os.cpu_count() and
 * len(os.sched_getaffinity(0)) return; <= 0 means unknown.
 */
struct py_env {
	const char *(*getenv)(void *arg, const char *name, struct span *where);
	void *arg;
	double cpus;
	/* NULL, or whether getenv knows name at all: an unknown variable
	 * (a platform may set it when the process starts) is runtime. */
	int (*known)(void *arg, const char *name);
};

enum py_item_kind {
	PY_ASSIGN,  /* name = value, value known */
	PY_RUNTIME, /* name bound to something gunilint cannot compute */
	PY_HOOK,    /* def/class/lambda: a callable global, body not run */
	PY_ERROR,   /* syntax error: why is Python's message, span the place */
	PY_DELETE,  /* del name: the global is gone from here on */
};

struct py_item {
	enum py_item_kind kind;
	const char *name;       /* the global; NULL for PY_ERROR, failures */
	struct pyval *value;    /* PY_ASSIGN, PY_HOOK; owned by the result */
	struct span span;       /* the statement (the name for PY_HOOK) */
	struct span value_span; /* the right-hand side */
	const char *why;        /* PY_RUNTIME reason; PY_ERROR message */
	int uses_cpu_count;     /* came from a CPU-count idiom */
	int from_env;           /* read the environment (value or condition) */
	int fails;              /* PY_RUNTIME: the file raises here, so
				 * gunicorn fails to read it; why is
				 * "KeyError: 'X'" as Python prints it */
};

/*
 * Every binding of a module global in execution order, one item per
 * name bound (a, b = 1, 2 gives two).  The last item of a name is its
 * final value: py_result_final() finds it.  A file that raises ends with
 * one fails item and has nothing after it.  A file with a syntax error
 * holds only its PY_ERROR item, since Python runs none of it.
 */
struct py_result {
	struct py_item *v;
	size_t n, cap;
	struct arena *arena; /* names, reasons */
};

/*
 * Executes what it can of a config file as gunicorn's exec would: 0, or
 * -1 on a syntax error.  Never prints.  out is initialised here; free it
 * with py_result_free() either way.
 */
int py_eval_config(const struct source *src, const struct py_env *env,
    struct py_result *out);
/* The item holding name's final binding, or NULL (unbound or deleted). */
const struct py_item *py_result_final(const struct py_result *r,
    const char *name);
/* Did the file raise (a fails item) before its end? */
const struct py_item *py_result_failure(const struct py_result *r);
void py_result_free(struct py_result *r);

#endif
