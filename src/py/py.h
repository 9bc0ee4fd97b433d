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

#endif
