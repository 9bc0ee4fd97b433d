/*
 * pydeps.c: the entry points of the dependency readers (which file is
 * which, reading, freeing), the record helpers they share, and the
 * PEP 508 parser every format's requirement strings go through.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "front/front.h"
#include "front/pydeps_int.h"

static const struct {
	const char *prefix, *suffix; /* the base name is prefix*suffix */
	int exact;
	enum pydeps_kind kind;
} kind_names[] = {
	{ "pyproject.toml", "", 1, PYDEPS_PYPROJECT },
	{ "Pipfile", "", 1, PYDEPS_PIPFILE },
	{ "Pipfile.lock", "", 1, PYDEPS_PIPFILE_LOCK },
	{ "poetry.lock", "", 1, PYDEPS_POETRY_LOCK },
	{ "uv.lock", "", 1, PYDEPS_UV_LOCK },
	{ "requirements", ".txt", 0, PYDEPS_REQUIREMENTS },
	{ "constraints", ".txt", 0, PYDEPS_REQUIREMENTS },
};

enum pydeps_kind
pydeps_kind_of(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t i, n, lp, ls;

	base = base != NULL ? base + 1 : path;
	n = strlen(base);
	for (i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++) {
		lp = strlen(kind_names[i].prefix);
		ls = strlen(kind_names[i].suffix);
		if (kind_names[i].exact) {
			if (strcmp(base, kind_names[i].prefix) == 0)
				return kind_names[i].kind;
		} else if (n >= lp + ls && strncmp(base, kind_names[i].prefix,
		    lp) == 0 && strcmp(base + n - ls, kind_names[i].suffix) == 0) {
			return kind_names[i].kind;
		}
	}
	return PYDEPS_UNKNOWN;
}

const char *
pydeps_kind_name(enum pydeps_kind kind)
{
	static const char *const names[] = {
		[PYDEPS_UNKNOWN] = "unknown",
		[PYDEPS_REQUIREMENTS] = "requirements",
		[PYDEPS_PYPROJECT] = "pyproject",
		[PYDEPS_PIPFILE] = "pipfile",
		[PYDEPS_PIPFILE_LOCK] = "pipfile-lock",
		[PYDEPS_POETRY_LOCK] = "poetry-lock",
		[PYDEPS_UV_LOCK] = "uv-lock",
	};

	return (size_t)kind < sizeof(names) / sizeof(names[0]) ?
	    names[kind] : "unknown";
}

const char *
pydeps_source_name(enum pydeps_source source)
{
	static const char *const names[] = {
		[PYDEPS_SRC_REQUIREMENTS] = "requirements",
		[PYDEPS_SRC_PEP621] = "pyproject-pep621",
		[PYDEPS_SRC_PEP735] = "pyproject-pep735",
		[PYDEPS_SRC_POETRY] = "poetry",
		[PYDEPS_SRC_PIPFILE] = "pipfile",
		[PYDEPS_SRC_POETRY_LOCK] = "poetry-lock",
		[PYDEPS_SRC_UV_LOCK] = "uv-lock",
		[PYDEPS_SRC_PIPFILE_LOCK] = "pipfile-lock",
	};

	return (size_t)source < sizeof(names) / sizeof(names[0]) ?
	    names[source] : "?";
}

const char *
pydeps_rec_kind_name(enum pydeps_rec_kind kind)
{
	static const char *const names[] = {
		[PYDEPS_REQ] = "req",
		[PYDEPS_INCLUDE] = "include",
		[PYDEPS_CONSTRAINT] = "constraint",
		[PYDEPS_OPTION] = "option",
		[PYDEPS_GROUP_INCLUDE] = "group-include",
		[PYDEPS_TEMPLATE] = "template",
		[PYDEPS_ERROR] = "error",
	};

	return (size_t)kind < sizeof(names) / sizeof(names[0]) ?
	    names[kind] : "?";
}

int
pydeps_read(const struct source *src, enum pydeps_kind kind,
    struct pydeps *out)
{
	if (out->arena == NULL)
		out->arena = arena_new();
	out->src = src;
	switch (kind) {
	case PYDEPS_REQUIREMENTS:
		return pd_read_requirements(src, out);
	case PYDEPS_PYPROJECT:
		return pd_read_pyproject(src, out);
	case PYDEPS_PIPFILE:
		return pd_read_pipfile(src, out);
	case PYDEPS_POETRY_LOCK:
		return pd_read_toml_lock(src, out, PYDEPS_SRC_POETRY_LOCK);
	case PYDEPS_UV_LOCK:
		return pd_read_toml_lock(src, out, PYDEPS_SRC_UV_LOCK);
	case PYDEPS_PIPFILE_LOCK:
		return pd_read_pipfile_lock(src, out);
	default:
		pd_error(out, PYDEPS_SRC_REQUIREMENTS, span_make(src, 0, 0),
		    "not a dependency file that can be read");
		return -1;
	}
}

void
pydeps_free(struct pydeps *deps)
{
	if (deps == NULL)
		return;
	free(deps->v);
	arena_free(deps->arena);
	memset(deps, 0, sizeof(*deps));
}

/* ---- record helpers ---- */

struct span
pd_text_span(const struct pd_text *t, size_t from, size_t to)
{
	if (to > t->len)
		to = t->len;
	if (from > to)
		from = to;
	if (t->off != NULL && from < to)
		return span_make(t->whole.src, t->off[from],
		    t->off[to - 1] + 1 - t->off[from]);
	if (t->off != NULL && from < t->len)
		return span_make(t->whole.src, t->off[from], 0);
	if (t->off != NULL && t->len > 0)
		return span_make(t->whole.src, t->off[t->len - 1] + 1, 0);
	if (t->off != NULL)
		return span_make(t->whole.src, t->whole.off + t->whole.len, 0);
	if (t->linear)
		return span_make(t->whole.src, t->base + from, to - from);
	return t->whole;
}

struct pydeps_rec *
pd_add(struct pydeps *d, enum pydeps_rec_kind kind,
    enum pydeps_source source, struct span span)
{
	struct pydeps_rec r = { 0 };

	r.kind = kind;
	r.source = source;
	r.span = span;
	r.name_span = span;
	VEC_PUSH(d, r);
	return &d->v[d->n - 1];
}

struct pydeps_rec *
pd_error(struct pydeps *d, enum pydeps_source source, struct span span,
    const char *fmt, ...)
{
	struct pydeps_rec *r;
	va_list ap;
	char *m, *m_l10n;

	va_start(ap, fmt);
	m = xvasprintf_en(fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	m_l10n = xvasprintf_l10n(fmt, ap);
	va_end(ap);
	r = pd_error_text(d, source, span, m, m_l10n);
	free(m);
	free(m_l10n);
	return r;
}

struct pydeps_rec *
pd_error_text(struct pydeps *d, enum pydeps_source source, struct span span,
    const char *message, const char *message_l10n)
{
	struct pydeps_rec *r = pd_add(d, PYDEPS_ERROR, source, span);

	r->message = pd_strdup(d, message);
	r->message_l10n = message_l10n ? pd_strdup(d, message_l10n) : NULL;
	return r;
}

char *
pd_strndup(struct pydeps *d, const char *s, size_t n)
{
	return arena_strndup(d->arena, s, n);
}

char *
pd_strdup(struct pydeps *d, const char *s)
{
	return arena_strdup(d->arena, s);
}

void
pd_list_add(struct pydeps *d, const char ***list, size_t *n, const char *s)
{
	const char **nl = arena_alloc(d->arena, (*n + 1) * sizeof(*nl));

	if (*n > 0)
		memcpy(nl, *list, *n * sizeof(*nl));
	nl[(*n)++] = s;
	*list = nl;
}

char *
pydeps_normalize(const char *name, size_t len)
{
	char *out = xmalloc(len + 1);
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		if (name[i] == '-' || name[i] == '_' || name[i] == '.') {
			if (o == 0 || out[o - 1] != '-')
				out[o++] = '-';
		} else {
			out[o++] = (char)tolower((unsigned char)name[i]);
		}
	}
	out[o] = '\0';
	return out;
}

void
pd_set_name(struct pydeps *d, struct pydeps_rec *r, const char *s, size_t n)
{
	char *norm = pydeps_normalize(s, n);

	r->name_raw = pd_strndup(d, s, n);
	r->name = pd_strdup(d, norm);
	free(norm);
}

void
pd_set_pinned(struct pydeps *d, struct pydeps_rec *r)
{
	const char *s = r->spec, *v;

	if (s == NULL || strchr(s, ',') != NULL || strncmp(s, "==", 2) != 0)
		return;
	v = s + 2 + (s[2] == '=');
	if (*v != '\0' && strchr(v, '*') == NULL)
		r->pinned = pd_strdup(d, v);
}

int
pd_valid_name(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !isalnum((unsigned char)s[0]) ||
	    !isalnum((unsigned char)s[n - 1]))
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && strchr("-_.", s[i]) == NULL)
			return 0;
	return 1;
}

/* ---- PEP 508 ---- */

struct p508 {
	struct pydeps *d;
	size_t ri;
	const struct pd_text *t;
	size_t i;
	char *err;
	char *err_l10n; /* its translation, or NULL */
	size_t err_from, err_to;
};

static int
is_name_char(int c)
{
	return isalnum(c) || c == '-' || c == '_' || c == '.';
}

static int GL_PRINTF(4, 5)
p508_fail(struct p508 *p, size_t from, size_t to, const char *fmt, ...)
{
	va_list ap;

	if (p->err != NULL)
		return -1;
	va_start(ap, fmt);
	p->err = xvasprintf_en(fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	p->err_l10n = xvasprintf_l10n(fmt, ap);
	va_end(ap);
	p->err_from = from;
	p->err_to = to > from ? to : from + (from < p->t->len);
	return -1;
}

static int
p508_at(const struct p508 *p)
{
	return p->i < p->t->len ? (unsigned char)p->t->s[p->i] : -1;
}

static void
p508_ws(struct p508 *p)
{
	while (p508_at(p) == ' ' || p508_at(p) == '\t')
		p->i++;
}

static struct pydeps_rec *
p508_rec(struct p508 *p)
{
	return &p->d->v[p->ri];
}

/* A name at the cursor: its length (0 when there is none). */
static size_t
p508_name(struct p508 *p)
{
	size_t start = p->i;

	if (!isalnum(p508_at(p)))
		return 0;
	while (p->i < p->t->len && is_name_char((unsigned char)p->t->s[p->i]))
		p->i++;
	while (p->i > start && !isalnum((unsigned char)p->t->s[p->i - 1]))
		p->i--;
	return p->i - start;
}

static int
p508_extras(struct p508 *p)
{
	size_t open = p->i, start, n;
	struct pydeps_rec *r;

	p->i++;
	p508_ws(p);
	if (p508_at(p) == ']') {
		p->i++;
		return 0;
	}
	for (;;) {
		start = p->i;
		if ((n = p508_name(p)) == 0)
			return p508_fail(p, p->i, p->i, "expected an extra name");
		r = p508_rec(p);
		pd_list_add(p->d, &r->extras, &r->nextras,
		    pd_strndup(p->d, p->t->s + start, n));
		p508_ws(p);
		if (p508_at(p) == ']') {
			p->i++;
			return 0;
		}
		if (p508_at(p) != ',')
			return p508_fail(p, open, p->i, "expected ',' or ']' "
			    "in the extras");
		p->i++;
		p508_ws(p);
	}
}

static const char *const spec_ops[] = { "===", "~=", "==", "!=", "<=",
	">=", "<", ">", NULL };

/* One OP VERSION clause, appended to sb without spaces. */
static int
p508_clause(struct p508 *p, struct strbuf *sb)
{
	size_t start = p->i, n, k;
	int arb;

	for (k = 0; spec_ops[k] != NULL; k++) {
		n = strlen(spec_ops[k]);
		if (p->t->len - p->i >= n &&
		    memcmp(p->t->s + p->i, spec_ops[k], n) == 0)
			break;
	}
	if (spec_ops[k] == NULL)
		return p508_fail(p, p->i, p->i, "expected a version specifier "
		    "(==, >=, ~=, ...), found '%c'", p508_at(p));
	arb = k == 0;
	p->i += n;
	sb_adds(sb, spec_ops[k]);
	p508_ws(p);
	start = p->i;
	while (p->i < p->t->len) {
		int c = (unsigned char)p->t->s[p->i];

		if (arb ? (c == ' ' || c == '\t' || c == ';' || c == ')' ||
		    c == ',') : !(isalnum(c) || strchr("._*+!-", c) != NULL))
			break;
		p->i++;
	}
	if (p->i == start)
		return p508_fail(p, start, start, "expected a version after "
		    "'%s'", spec_ops[k]);
	sb_add(sb, p->t->s + start, p->i - start);
	return 0;
}

static int
p508_specifier(struct p508 *p)
{
	struct strbuf sb = STRBUF_INIT;
	size_t open = p->i, start, end;
	int paren = p508_at(p) == '(', rc = -1;

	if (paren) {
		p->i++;
		p508_ws(p);
	}
	start = p->i;
	while (p508_at(p) != -1 && p508_at(p) != ';' && p508_at(p) != ')') {
		if (sb.len > 0) {
			if (p508_at(p) != ',') {
				p508_fail(p, p->i, p->i, "expected ',' or ';' "
				    "after the version specifier, found '%c'",
				    p508_at(p));
				goto out;
			}
			sb_addch(&sb, ',');
			p->i++;
			p508_ws(p);
		}
		if (p508_clause(p, &sb) < 0)
			goto out;
		p508_ws(p);
	}
	if (paren && p508_at(p) != ')') {
		p508_fail(p, open, p->i, "expected ')' to close the version "
		    "specifier");
		goto out;
	}
	if (!paren && p508_at(p) == ')') {
		p508_fail(p, p->i, p->i, "unexpected ')'");
		goto out;
	}
	end = p->i;
	while (end > start && isspace((unsigned char)p->t->s[end - 1]))
		end--;
	p508_rec(p)->spec_raw = pd_strndup(p->d, p->t->s + start, end - start);
	if (paren)
		p->i++;
	p508_rec(p)->spec = pd_strdup(p->d, sb_str(&sb));
	rc = 0;
out:
	sb_release(&sb);
	return rc;
}

/* The marker after ';': kept as text, checked for quotes and parentheses. */
static int
p508_marker(struct p508 *p)
{
	size_t start, end, i;
	int depth = 0, q = 0;

	p->i++;
	p508_ws(p);
	start = p->i;
	end = p->t->len;
	while (end > start && isspace((unsigned char)p->t->s[end - 1]))
		end--;
	if (end == start)
		return p508_fail(p, start, start, "expected a marker after ';'");
	for (i = start; i < end; i++) {
		int c = (unsigned char)p->t->s[i];

		if (q != 0) {
			q = c == q ? 0 : q;
		} else if (c == '\'' || c == '"') {
			q = c;
		} else if (c == '(') {
			depth++;
		} else if (c == ')' && --depth < 0) {
			return p508_fail(p, i, i, "unbalanced ')' in the marker");
		}
	}
	if (q != 0 || depth != 0)
		return p508_fail(p, start, end, "%s in the marker", q ?
		    F_("unclosed quote") : F_("unclosed '('"));
	p508_rec(p)->marker = pd_strndup(p->d, p->t->s + start, end - start);
	p->i = p->t->len;
	return 0;
}

static int
p508_url(struct p508 *p)
{
	size_t start;

	p->i++;
	p508_ws(p);
	start = p->i;
	while (p508_at(p) != -1 && p508_at(p) != ' ' && p508_at(p) != '\t')
		p->i++;
	if (p->i == start)
		return p508_fail(p, start, start, "expected a URL after '@'");
	p508_rec(p)->url = pd_strndup(p->d, p->t->s + start, p->i - start);
	p508_rec(p)->spec = "";
	p508_ws(p);
	if (p508_at(p) == ';' && p->t->s[p->i - 1] != ' ' &&
	    p->t->s[p->i - 1] != '\t')
		return p508_fail(p, p->i, p->i, "a marker after a URL needs a "
		    "space before ';'");
	return 0;
}

static int
p508_parse(struct p508 *p)
{
	size_t start, n;

	p508_ws(p);
	start = p->i;
	if ((n = p508_name(p)) == 0)
		return p508_fail(p, p->i, p->i, "expected a package name");
	pd_set_name(p->d, p508_rec(p), p->t->s + start, n);
	p508_rec(p)->name_span = pd_text_span(p->t, start, start + n);
	p508_ws(p);
	if (p508_at(p) == '[' && p508_extras(p) < 0)
		return -1;
	p508_ws(p);
	if (p508_at(p) == '@') {
		if (p508_url(p) < 0)
			return -1;
	} else if (p508_specifier(p) < 0) {
		return -1;
	}
	p508_ws(p);
	if (p508_at(p) == ';')
		return p508_marker(p);
	if (p508_at(p) != -1)
		return p508_fail(p, p->i, p->i, "unexpected '%c' after the "
		    "requirement", p508_at(p));
	return 0;
}

int
pd_parse_pep508(struct pydeps *d, size_t ri, const struct pd_text *t)
{
	struct p508 p = { d, ri, t, 0, NULL, NULL, 0, 0 };
	struct pydeps_rec *r;

	if (p508_parse(&p) == 0) {
		pd_set_pinned(d, &d->v[ri]);
		return 0;
	}
	r = &d->v[ri];
	r->kind = PYDEPS_ERROR;
	r->name = r->name_raw = r->spec = r->spec_raw = NULL;
	r->marker = r->url = NULL;
	r->nextras = 0;
	r->message = pd_strdup(d, p.err);
	r->message_l10n = p.err_l10n ? pd_strdup(d, p.err_l10n) : NULL;
	r->name_span = pd_text_span(t, p.err_from, p.err_to);
	free(p.err);
	free(p.err_l10n);
	return -1;
}
