/*
 * argv.c: Python 3.11 argparse's _parse_known_args as gunicorn's parser
 * uses it (one nargs='*' positional, allow_abbrev, prefix chars "-"), kept
 * close to CPython's structure so its error order carries over: every word
 * is classified first (ambiguous prefixes fail there), then options and
 * positionals are consumed left to right, then leftovers are reported.
 */
#include <stdlib.h>
#include <string.h>

#include "gunicorn/gunicorn.h"

struct av_entry {
	const char *str;          /* option string: "--workers" */
	size_t len;
	enum av_kind kind;
	const struct set_def *def;
};

struct av_table {
	VEC(struct av_entry) e;
	enum av_dialect dialect;
};

void
av_table_set_dialect(struct av_table *t, enum av_dialect d)
{
	t->dialect = d;
}

struct av_table *
av_table_new(const struct set_def *const *defs, size_t n)
{
	static const struct av_entry builtin[] = {
		{ "-h", 2, AV_HELP, NULL }, { "--help", 6, AV_HELP, NULL },
		{ "-v", 2, AV_VERSION, NULL }, { "--version", 9, AV_VERSION, NULL },
	};
	struct av_table *t = xcalloc(1, sizeof(*t));
	size_t i;
	unsigned k;

	for (i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
		VEC_PUSH(&t->e, builtin[i]);
	for (i = 0; i < n; i++) {
		if (defs[i] == NULL || defs[i]->action == SA_NONE)
			continue;
		for (k = 0; k < defs[i]->nflags; k++) {
			struct av_entry x = { defs[i]->flags[k],
			    strlen(defs[i]->flags[k]), AV_SETTING, defs[i] };

			VEC_PUSH(&t->e, x);
		}
	}
	return t;
}

void
av_table_free(struct av_table *t)
{
	if (t == NULL)
		return;
	free(t->e.v);
	free(t);
}

static const struct av_entry *
find_exact(const struct av_table *t, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < t->e.n; i++)
		if (t->e.v[i].len == len && memcmp(t->e.v[i].str, s, len) == 0)
			return &t->e.v[i];
	return NULL;
}

char *
av_option_name(const struct set_def *d)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned k;

	for (k = 0; k < d->nflags; k++) {
		if (k > 0)
			sb_addch(&sb, '/');
		sb_adds(&sb, d->flags[k]);
	}
	return sb_detach(&sb);
}

/* ---- classification (_parse_optional) -------------------------------- */

/* What a word is: a positional, or an option with an optional inline arg. */
struct cls {
	int is_opt;
	const struct av_entry *entry; /* NULL: unknown option */
	size_t opt_len;   /* bytes of the word naming the option */
	int has_explicit;
	int exp_eq;       /* the inline argument followed "=" (3.13's sep) */
	size_t exp_off;   /* where the inline argument starts in the word */
};

struct parser {
	const struct av_table *t;
	const struct sw_word *w;
	size_t n;
	struct cls *cls;
	char *pattern;   /* 'O', 'A' or '-' per word, as argparse builds it */
	struct av_result *r;
	int done;        /* an error or an exiting action happened */
	int positionals_left;
};

static int
starts_with(const struct av_entry *e, const char *p, size_t n)
{
	return e->len >= n && memcmp(e->str, p, n) == 0;
}

/* Digits matched by Python's \d from s[*i]; returns how many. */
static size_t
digits(const char *s, size_t len, size_t *i)
{
	size_t n = 0, adv;

	while (*i < len && val_decimal_digit(s + *i, len - *i, &adv) >= 0) {
		*i += adv;
		n++;
	}
	return n;
}

/* _negative_number_matcher: ^-\d+$|^-\d*\.\d+$ ($ also before a final
 * newline).  gunicorn has no option that looks like a negative number. */
static int
looks_negative(const char *s, size_t len)
{
	size_t i = 1, a, b;

	if (len > 1 && s[len - 1] == '\n')
		len--;
	a = digits(s, len, &i);
	if (i == len)
		return a > 0;
	if (s[i] != '.')
		return 0;
	i++;
	b = digits(s, len, &i);
	return i == len && b > 0;
}

static void
set_error(struct parser *p, enum av_err code, size_t word, struct span sp,
    char *msg)
{
	if (p->done) {
		free(msg);
		return;
	}
	p->r->err.code = code;
	p->r->err.message = msg;
	p->r->err.word = word;
	p->r->err.span = sp;
	p->r->status = 2;
	p->done = 1;
}

static void
ambiguous(struct parser *p, size_t wi, const struct av_entry **m, size_t nm)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	sb_adds(&sb, "ambiguous option: ");
	sb_add(&sb, p->w[wi].value, p->w[wi].len);
	sb_adds(&sb, " could match ");
	for (i = 0; i < nm; i++) {
		if (i > 0)
			sb_adds(&sb, ", ");
		sb_adds(&sb, m[i]->str);
	}
	set_error(p, AV_ERR_AMBIGUOUS, wi, p->w[wi].span, sb_detach(&sb));
}

/* _get_option_tuples; returns the number of matches (first in *c). */
static size_t
option_tuples(struct parser *p, size_t wi, struct cls *c,
    const struct av_entry ***all)
{
	const char *s = p->w[wi].value;
	size_t len = p->w[wi].len, i, nm = 0, plen = len;
	const struct av_entry **m = xcalloc(p->t->e.n + 1, sizeof(*m));
	const char *eq;

	if (s[1] == '-') {
		if ((eq = memchr(s, '=', len)) != NULL)
			plen = (size_t)(eq - s);
		for (i = 0; i < p->t->e.n; i++)
			if (starts_with(&p->t->e.v[i], s, plen)) {
				if (nm == 0) {
					c->entry = &p->t->e.v[i];
					c->opt_len = plen;
					c->has_explicit = eq != NULL;
					c->exp_eq = eq != NULL;
					c->exp_off = plen + 1;
				}
				m[nm++] = &p->t->e.v[i];
			}
	} else {
		for (i = 0; i < p->t->e.n; i++) {
			const struct av_entry *e = &p->t->e.v[i];
			int shortm = e->len == 2 && e->str[0] == s[0] &&
			    e->str[1] == s[1];

			if (!shortm && !starts_with(e, s, len))
				continue;
			if (nm == 0) {
				c->entry = e;
				c->opt_len = shortm ? 2 : len;
				c->has_explicit = shortm;
				c->exp_off = 2;
			}
			m[nm++] = e;
		}
	}
	*all = m;
	return nm;
}

/* Returns 0 for a positional, 1 for an option, -1 on an ambiguity error. */
static int
classify(struct parser *p, size_t wi, struct cls *c)
{
	const char *s = p->w[wi].value, *eq;
	size_t len = p->w[wi].len, nm;
	const struct av_entry *e, **m;

	memset(c, 0, sizeof(*c));
	if (len == 0 || s[0] != '-')
		return 0;
	c->is_opt = 1;
	if ((e = find_exact(p->t, s, len)) != NULL) {
		c->entry = e;
		c->opt_len = len;
		return 1;
	}
	if (len == 1)
		return c->is_opt = 0;
	if ((eq = memchr(s, '=', len)) != NULL &&
	    (e = find_exact(p->t, s, (size_t)(eq - s))) != NULL) {
		c->entry = e;
		c->opt_len = (size_t)(eq - s);
		c->has_explicit = 1;
		c->exp_eq = 1;
		c->exp_off = c->opt_len + 1;
		return 1;
	}
	nm = option_tuples(p, wi, c, &m);
	if (nm > 1)
		ambiguous(p, wi, m, nm);
	free(m);
	if (nm > 1)
		return -1;
	if (nm == 1)
		return 1;
	memset(c, 0, sizeof(*c));
	if (looks_negative(s, len) || memchr(s, ' ', len) != NULL)
		return 0;
	c->is_opt = 1;      /* an option this parser does not know */
	c->opt_len = len;
	return 1;
}

/* ---- consuming (consume_optional, take_action) ------------------------ */

/* How many arguments an action takes with an inline value: nargs 0 or 1. */
static int
takes_arg(const struct av_entry *e)
{
	if (e->kind != AV_SETTING)
		return 0;
	switch (e->def->action) {
	case SA_STORE:
	case SA_APPEND:
	case SA_STORE_OPT:
		return 1;
	default:
		return 0;
	}
}

static struct span
word_part(const struct sw_word *w, size_t from, size_t n)
{
	return sw_value_span(w, from, n);
}

static char *
err_for(const struct av_entry *e, const char *fmt, const char *arg,
    size_t arglen)
{
	struct strbuf sb = STRBUF_INIT;
	char *name = e->kind == AV_SETTING ? av_option_name(e->def) :
	    xstrdup(e->kind == AV_HELP ? "-h/--help" : "-v/--version");

	sb_addf(&sb, "argument %s: ", name);
	free(name);
	sb_adds(&sb, fmt);
	if (arg != NULL)
		pv_repr_bytes(&sb, arg, arglen);
	return sb_detach(&sb);
}

/* store_const's const: a Python literal True/False/None, or a str. */
static struct pyval *
const_value(const char *c)
{
	if (c == NULL || strcmp(c, "None") == 0)
		return pv_none();
	if (strcmp(c, "True") == 0 || strcmp(c, "False") == 0)
		return pv_bool(c[0] == 'T');
	return pv_strz(c);
}

/* One action to take once the whole word (or cluster) is matched. */
struct pending {
	const struct av_entry *e;
	size_t word, opt_off, opt_len;
	int has_value;
	size_t vword, voff, vlen;  /* the value: word index and bytes in it */
};

/* take_action: converts the value (argparse's type=) and records it. */
static void
take_action(struct parser *p, const struct pending *a)
{
	const struct sw_word *w = &p->w[a->word], *vw = &p->w[a->vword];
	struct av_opt o;
	char *msg = NULL;

	memset(&o, 0, sizeof(o));
	o.kind = a->e->kind;
	o.def = a->e->def;
	o.flag = a->e->str;
	o.word = a->word;
	o.written = xstrndup(w->value + a->opt_off, a->opt_len);
	o.opt_span = word_part(w, a->opt_off, a->opt_len);
	if (a->has_value) {
		o.value = xstrndup(vw->value + a->voff, a->vlen);
		o.value_len = a->vlen;
		o.value_span = word_part(vw, a->voff, a->vlen);
	}
	if (o.kind != AV_SETTING) {
		p->r->exit_action = o.kind;
		p->done = 1;
	} else if (a->has_value && a->vlen == 2 && !memcmp(o.value, "--", 2) &&
	    p->t->dialect == AV_PY311) {
		/* _get_values drops a "--" value and keeps an empty list. */
		o.typed = o.def->action == SA_STORE_OPT ?
		    const_value(o.def->const_value) : pv_list();
	} else if (a->has_value) {
		enum set_cli_type t = o.def->action == SA_STORE ?
		    o.def->cli_type : SC_STR;

		if (val_cli_convert(t, o.value, o.value_len, &o.typed,
		    &msg) != 0) {
			set_error(p, AV_ERR_INVALID_TYPE, a->vword,
			    o.value_span, err_for(a->e, msg, NULL, 0));
			free(msg);
		}
	} else if (o.def->action == SA_STORE_TRUE)
		o.typed = pv_bool(1);
	else
		o.typed = const_value(o.def->const_value);
	VEC_PUSH(&p->r->opts, o);
}

/* Where consume_optional is inside one word (a cluster moves along it). */
struct cursor {
	const struct av_entry *e;
	size_t opt_off, opt_len, exp_off;
	int has_exp, exp_eq;
};

struct pendings {
	struct pending *v;
	size_t n, cap;
};

/*
 * One step with an inline argument: the option takes it, or (a flag in a
 * single-dash word) the next letter is the next option of the cluster.
 * Returns 1 to go on with the cluster, 0 when the word is done.
 */
static int
inline_step(struct parser *p, size_t wi, struct cursor *k,
    struct pendings *acts)
{
	const struct sw_word *w = &p->w[wi];
	struct pending a = { k->e, wi, k->opt_off, k->opt_len, 0, wi, 0, 0 };
	const char *ex = w->value + k->exp_off;
	size_t exlen = w->len - k->exp_off;
	int py313 = p->t->dialect == AV_PY313;
	const struct av_entry *next;
	char two[2];

	if (takes_arg(k->e)) {
		a.has_value = 1;
		a.voff = k->exp_off;
		a.vlen = exlen;
		VEC_PUSH(acts, a);
		return 0;
	}
	two[0] = '-';
	two[1] = exlen ? ex[0] : '\0';
	next = exlen ? find_exact(p->t, two, 2) : NULL;
	if (k->e->str[1] == '-' || exlen == 0 || (py313 && (k->exp_eq ||
	    ex[0] == '-')) || (next == NULL && !py313)) {
		set_error(p, AV_ERR_EXPLICIT_ARG, wi, word_part(w, k->exp_off,
		    exlen), err_for(k->e, "ignored explicit argument ", ex,
		    exlen));
		return 0;
	}
	VEC_PUSH(acts, a);
	if (next == NULL) {
		/* 3.13: the rest is an unrecognized "-x..." */
		VEC_PUSH(&p->r->unknown, wi);
		VEC_PUSH(&p->r->unknown_text, xasprintf("-%.*s", (int)exlen,
		    ex));
		return 0;
	}
	k->e = next;
	k->opt_off = k->exp_off++;
	k->opt_len = 1;
	k->has_exp = k->exp_off < w->len;
	k->exp_eq = 0;
	if (py313 && k->has_exp && w->value[k->exp_off] == '=') {
		k->exp_off++;
		k->exp_eq = 1;
	}
	return 1;
}

/*
 * consume_optional: the option at word `wi` and its argument; a
 * single-dash flag with an inline tail is a cluster (-Dw3).  The actions
 * are taken only once the whole word is matched.  Returns the index of
 * the next word to look at.
 */
static size_t
consume_optional(struct parser *p, size_t wi)
{
	const struct cls *c = &p->cls[wi];
	struct cursor k = { c->entry, 0, c->opt_len, c->exp_off,
	    c->has_explicit, c->exp_eq };
	struct pendings acts = { NULL, 0, 0 };
	size_t stop = wi + 1, i;

	if (k.e == NULL) {
		VEC_PUSH(&p->r->unknown, wi);
		VEC_PUSH(&p->r->unknown_text, NULL);
		return wi + 1;
	}
	while (k.has_exp && inline_step(p, wi, &k, &acts))
		;
	if (!k.has_exp) {
		struct pending a = { k.e, wi, k.opt_off, k.opt_len, 0, wi, 0, 0 };

		/* No inline value: the next word, if it is an 'A'. */
		if (takes_arg(k.e) && wi + 1 < p->n &&
		    p->pattern[wi + 1] == 'A') {
			a.has_value = 1;
			a.vword = wi + 1;
			a.vlen = p->w[wi + 1].len;
			stop = wi + 2;
			VEC_PUSH(&acts, a);
		} else if (takes_arg(k.e) && k.e->def->action != SA_STORE_OPT)
			set_error(p, AV_ERR_EXPECTED_ARG, wi, word_part(&p->w[wi],
			    k.opt_off, k.opt_len), err_for(k.e,
			    "expected one argument", NULL, 0));
		else
			VEC_PUSH(&acts, a);
	}
	for (i = 0; !p->done && i < acts.n; i++)
		take_action(p, &acts.v[i]);
	free(acts.v);
	return stop;
}

/* consume_positionals: the nargs='*' "args" takes the run of non-options,
 * once; "--" is dropped from it. */
static size_t
consume_positionals(struct parser *p, size_t start)
{
	size_t i = start;
	int dropped = 0;

	if (!p->positionals_left)
		return start;
	p->positionals_left = 0;
	for (; i < p->n && p->pattern[i] != 'O'; i++) {
		struct av_pos pos;

		if (!dropped && p->w[i].len == 2 && !memcmp(p->w[i].value,
		    "--", 2)) {
			dropped = 1;
			continue;
		}
		pos.word = i;
		pos.value = p->w[i].value;
		pos.span = p->w[i].span;
		VEC_PUSH(&p->r->positionals, pos);
	}
	return i;
}

/* parse_args's final check: anything left over is an error. */
static void
report_unknown(struct parser *p)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (p->done || p->r->unknown.n == 0)
		return;
	sb_adds(&sb, "unrecognized arguments:");
	for (i = 0; i < p->r->unknown.n; i++) {
		sb_addch(&sb, ' ');
		if (p->r->unknown_text.v[i] != NULL)
			sb_adds(&sb, p->r->unknown_text.v[i]);
		else
			sb_add(&sb, p->w[p->r->unknown.v[i]].value,
			    p->w[p->r->unknown.v[i]].len);
	}
	set_error(p, AV_ERR_UNRECOGNIZED, p->r->unknown.v[0],
	    p->w[p->r->unknown.v[0]].span, sb_detach(&sb));
}

static int
classify_all(struct parser *p)
{
	size_t i;
	int k;

	for (i = 0; i < p->n; i++) {
		if (p->w[i].len == 2 && !memcmp(p->w[i].value, "--", 2)) {
			p->pattern[i++] = '-';
			for (; i < p->n; i++)
				p->pattern[i] = 'A';
			break;
		}
		if ((k = classify(p, i, &p->cls[i])) < 0)
			return -1;
		p->pattern[i] = k ? 'O' : 'A';
	}
	return 0;
}

int
av_parse(const struct av_table *t, const struct sw_word *words, size_t n,
    struct av_result *out)
{
	struct parser p;
	size_t start = 0, i, max_opt = 0, next;
	int any_opt = 0;

	memset(out, 0, sizeof(*out));
	out->exit_action = AV_SETTING;
	memset(&p, 0, sizeof(p));
	p.t = t;
	p.w = words;
	p.n = n;
	p.r = out;
	p.positionals_left = 1;
	p.cls = xcalloc(n + 1, sizeof(*p.cls));
	p.pattern = xcalloc(n + 1, 1);
	if (classify_all(&p) == 0) {
		for (i = 0; i < n; i++)
			if (p.pattern[i] == 'O')
				max_opt = i, any_opt = 1;
		while (!p.done && any_opt && start <= max_opt) {
			for (next = start; p.pattern[next] != 'O'; next++)
				;
			if (start != next) {
				size_t end = consume_positionals(&p, start);

				if (end > start) {
					start = end;
					continue;
				}
			}
			for (; start < next; start++) {
				VEC_PUSH(&out->unknown, start);
				VEC_PUSH(&out->unknown_text, NULL);
			}
			start = consume_optional(&p, start);
		}
		if (!p.done) {
			start = consume_positionals(&p, start);
			for (; start < n; start++) {
				VEC_PUSH(&out->unknown, start);
				VEC_PUSH(&out->unknown_text, NULL);
			}
			report_unknown(&p);
		}
	}
	free(p.cls);
	free(p.pattern);
	return out->err.code == AV_OK ? 0 : -1;
}

void
av_result_free(struct av_result *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->opts.n; i++) {
		free(r->opts.v[i].written);
		free(r->opts.v[i].value);
		pv_free(r->opts.v[i].typed);
	}
	free(r->opts.v);
	free(r->positionals.v);
	free(r->unknown.v);
	for (i = 0; i < r->unknown_text.n; i++)
		free(r->unknown_text.v[i]);
	free(r->unknown_text.v);
	free(r->err.message);
	memset(r, 0, sizeof(*r));
}

void
av_result_fit(struct av_result *r)
{
	VEC_FIT(&r->opts);
	VEC_FIT(&r->positionals);
	VEC_FIT(&r->unknown);
	VEC_FIT(&r->unknown_text);
}
