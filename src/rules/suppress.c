/*
 * suppress.c: inline suppressions and the other finding filters (see
 * suppress.h for the grammar and what a suppression covers).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rules/rules.h"

enum sup_kind { SUP_LINE, SUP_FILE, SUP_SCOPE };

struct sup_id {
	const struct rule_meta *rule;
	struct span at;
	int used;
};

struct sup_entry {
	enum sup_kind kind;
	unsigned line;           /* SUP_LINE: the line it covers, 0 none */
	int pending;             /* still looking for that line */
	struct span scope;       /* SUP_SCOPE */
	struct span at;          /* the comment or annotation */
	VEC(struct sup_id) ids;
	char until[11];          /* "" when it does not expire */
};

struct sup_bad {
	struct span at;
	char *msg;
	char *msg_l10n; /* or NULL */
};

struct sup_set {
	const struct source *src;
	VEC(struct sup_entry) e;
	VEC(struct sup_bad) bad;
	/* Built by sup_apply: line entries sorted by line, and the rest. */
	VEC(size_t) byline;
	VEC(size_t) other;
};

static void
sup_bad_add(struct sup_set *set, struct span at, const char *fmt, ...)
    GL_PRINTF(3, 4);

static void
sup_bad_add(struct sup_set *set, struct span at, const char *fmt, ...)
{
	struct sup_bad b;
	va_list ap;

	b.at = at;
	va_start(ap, fmt);
	b.msg = xvasprintf_en(fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	b.msg_l10n = xvasprintf_l10n(fmt, ap);
	va_end(ap);
	VEC_PUSH(&set->bad, b);
}

/* A span of text at p within [base, base+blen) of the source, clamped. */
static struct span
sub(const struct source *src, struct span base, const char *s,
    const char *p, size_t n)
{
	size_t off = (size_t)(p - s);

	if (off > base.len)
		off = base.len;
	if (off + n > base.len)
		n = base.len - off;
	return span_make(src, base.off + off, n);
}

/* YYYY-MM-DD that names a real day. */
static int
valid_date(const char *s, size_t n)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d, i;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	return 1;
}

/* The id list "A,B, C" at s; items are appended to e, problems to set. */
static void
parse_ids(struct sup_set *set, struct sup_entry *e, const char *s,
    const char *end, const char *text, struct span base)
{
	const char *p = s, *q;
	struct sup_id id;
	char *name;

	if (end > s && end[-1] == ',')
		sup_bad_add(set, sub(set->src, base, text, end - 1, 1),
		    "a trailing ',' in a gunilint suppression names no rule");
	while (p < end) {
		for (q = p; q < end && *q != ',' && !isspace((unsigned char)*q); q++)
			continue;
		name = xstrndup(p, (size_t)(q - p));
		memset(&id, 0, sizeof(id));
		id.at = sub(set->src, base, text, p, (size_t)(q - p));
		if (*name == '\0')
			sup_bad_add(set, id.at,
			    "empty rule id in a gunilint suppression");
		else if ((id.rule = cat_find(name)) == NULL)
			sup_bad_add(set, id.at,
			    "unknown rule '%s' in a gunilint suppression", name);
		else
			VEC_PUSH(&e->ids, id);
		free(name);
		p = q;
		if (p < end && *p == ',')
			for (p++; p < end && isspace((unsigned char)*p); p++)
				continue;
		if (p < end && isspace((unsigned char)*p))
			break;
	}
}

/*
 * The part after the directive: ID list, then "until=DATE", then
 * "-- reason".  0 when the entry is usable, -1 when it is not.
 */
static int
parse_rest(struct sup_set *set, struct sup_entry *e, const char *s,
    const char *end, const char *text, struct span base)
{
	const char *p = s, *q;

	for (q = p; q < end && !isspace((unsigned char)*q); q++)
		if (*q == ',') /* "A, B": the list goes on after the space */
			for (; q + 1 < end && isspace((unsigned char)q[1]); q++)
				continue;
	parse_ids(set, e, p, q, text, base);
	for (p = q;; p = q) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p >= end || (end - p >= 2 && p[0] == '-' && p[1] == '-'))
			break;
		for (q = p; q < end && !isspace((unsigned char)*q); q++)
			continue;
		if ((size_t)(q - p) > 6 && strncmp(p, "until=", 6) == 0 &&
		    e->until[0] == '\0' && valid_date(p + 6, (size_t)(q - p) - 6)) {
			memcpy(e->until, p + 6, 10);
			continue;
		}
		if (strncmp(p, "until=", 6) == 0)
			sup_bad_add(set, sub(set->src, base, text, p,
			    (size_t)(q - p)), "'%.*s' is not a date: write "
			    "until=YYYY-MM-DD, once", (int)(q - p), p);
		else
			sup_bad_add(set, sub(set->src, base, text, p,
			    (size_t)(q - p)), "unexpected '%.*s' in a gunilint "
			    "suppression (a reason goes after ' -- ')",
			    (int)(q - p), p);
		return -1;
	}
	if (e->ids.n == 0)
		return -1;
	return 0;
}

static void
entry_keep(struct sup_set *set, struct sup_entry *e, int ok)
{
	if (ok)
		VEC_PUSH(&set->e, *e);
	else
		free(e->ids.v);
}

/* Is line `ln` (1-based) blank or only a comment? */
static int
skippable(const struct source *src, unsigned ln)
{
	size_t len, i;
	const char *t = src_line(src, ln, &len);

	for (i = 0; i < len && isspace((unsigned char)t[i]); i++)
		continue;
	return i == len || t[i] == '#';
}

/* The directive at '#' (hash) on line ln; line text is t[0..len). */
static void
comment(struct sup_set *set, unsigned ln, const char *t, size_t len,
    const char *hash)
{
	const char *end = t + len, *p = hash + 1, *d;
	struct span base = span_make(set->src, (size_t)(t - set->src->text),
	    len);
	struct sup_entry e;
	const char *own;

	while (p < end && isspace((unsigned char)*p))
		p++;
	if ((size_t)(end - p) < 8 || strncmp(p, "gunilint", 8) != 0)
		return;
	for (p += 8; p < end && (*p == ':' || isspace((unsigned char)*p)); p++)
		continue;
	memset(&e, 0, sizeof(e));
	e.at = sub(set->src, base, t, hash, (size_t)(end - hash));
	if ((size_t)(end - p) < 6 || strncmp(p, "ignore", 6) != 0) {
		/* "# gunilint ingore=GL203": a misspelt directive, not prose. */
		for (d = p; d < end && (isalpha((unsigned char)*d) || *d == '-');)
			d++;
		if (d < end && *d == '=' && d > p) {
			char *w = xstrndup(p, (size_t)(d - p));

			if (str_distance(w, "ignore", 1) <= 2 ||
			    str_distance(w, "ignore-file", 1) <= 2)
				sup_bad_add(set, e.at, "'%s=' is no gunilint "
				    "directive: did you mean '%s='?", w,
				    str_distance(w, "ignore", 1) <= 2 ? "ignore" :
				    "ignore-file");
			free(w);
		}
		return; /* prose that mentions gunilint */
	}
	if ((size_t)(end - p) > 12 && strncmp(p, "ignore-file=", 12) == 0) {
		e.kind = SUP_FILE;
		d = p + 12;
	} else if ((size_t)(end - p) > 7 && strncmp(p, "ignore=", 7) == 0) {
		e.kind = SUP_LINE;
		d = p + 7;
	} else {
		sup_bad_add(set, e.at, "malformed gunilint suppression: write "
		    "'# gunilint ignore=ID[,ID...]' or 'ignore-file=...'");
		return;
	}
	for (own = t; own < hash && isspace((unsigned char)*own); own++)
		continue;
	/* Alone on its line, it waits for the next line of code (sup_scan). */
	e.line = own == hash ? 0 : ln;
	e.pending = own == hash;
	entry_keep(set, &e, parse_rest(set, &e, d, end, t, base) == 0);
}

struct sup_set *
sup_scan(const struct source *src)
{
	struct sup_set *set = xcalloc(1, sizeof(*set));
	const char *t, *h;
	unsigned ln;
	size_t len, i, pend = 0;

	set->src = src;
	for (ln = 1; ln <= src->nlines; ln++) {
		t = src_line(src, ln, &len);
		/* Entries before `pend` are settled: each line costs O(new). */
		if (!skippable(src, ln)) {
			for (i = pend; i < set->e.n; i++)
				if (set->e.v[i].pending) {
					set->e.v[i].line = ln;
					set->e.v[i].pending = 0;
				}
			pend = set->e.n;
		}
		for (h = t; h < t + len; h++) {
			if (*h == '#' && (h == t || isspace((unsigned char)h[-1]))) {
				comment(set, ln, t, len, h);
				break;
			}
		}
	}
	return set;
}

void
sup_add_annotation(struct sup_set *set, const char *value, struct span at,
    struct span scope)
{
	struct sup_entry e;

	memset(&e, 0, sizeof(e));
	e.kind = SUP_SCOPE;
	e.scope = scope;
	e.at = at;
	entry_keep(set, &e, parse_rest(set, &e, value, value + strlen(value),
	    value, at) == 0);
}

void
sup_set_free(struct sup_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->e.n; i++)
		free(set->e.v[i].ids.v);
	for (i = 0; i < set->bad.n; i++) {
		free(set->bad.v[i].msg);
		free(set->bad.v[i].msg_l10n);
	}
	free(set->e.v);
	free(set->bad.v);
	free(set->byline.v);
	free(set->other.v);
	free(set);
}

int
sup_rules_parse(const char *csv, const struct rule_meta ***rules, size_t *n,
    char **err)
{
	const char *p = csv, *q;
	const struct rule_meta *m;
	char *name;

	for (;;) {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p == '\0')
			return 0;
		for (q = p; *q != '\0' && *q != ',' && *q != ' '; q++)
			continue;
		name = xstrndup(p, (size_t)(q - p));
		if ((m = cat_find(name)) == NULL) {
			*err = xasprintf("unknown rule '%s' (see `gunilint "
			    "rules`)", name);
			free(name);
			return -1;
		}
		free(name);
		*rules = xrealloc(*rules, (*n + 1) * sizeof(**rules));
		(*rules)[(*n)++] = m;
		p = q;
	}
}

static int
in_list(const struct rule_meta *const *list, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i]->id, id) == 0)
			return 1;
	return 0;
}

static int
in_ids(const char *const *ids, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return 1;
	return 0;
}

/* --select, --ignore and the config file; 1 when f is now suppressed. */
static int
policy(struct finding *f, const struct gcfg *cfg, const struct sup_opts *o)
{
	size_t i;

	if (o->nselect > 0 && !in_list(o->select, o->nselect, f->rule))
		return f->suppressed = 1;
	if (in_list(o->ignore, o->nignore, f->rule))
		return f->suppressed = 1;
	if (cfg == NULL)
		return 0;
	if (in_ids(cfg->ignore, cfg->nignore, f->rule))
		return f->suppressed = 1;
	for (i = 0; i < cfg->nsev; i++) {
		if (strcmp(cfg->sev[i].rule, f->rule) != 0)
			continue;
		if (cfg->sev[i].off)
			return f->suppressed = 1;
		f->severity = cfg->sev[i].sev;
	}
	return 0;
}

static int
covers(const struct sup_entry *e, const struct finding *f)
{
	unsigned l0, l1, c;

	switch (e->kind) {
	case SUP_FILE:
		return 1;
	case SUP_SCOPE:
		return f->span.off >= e->scope.off &&
		    f->span.off <= e->scope.off + e->scope.len;
	case SUP_LINE:
		if (e->line == 0)
			return 0;
		src_position(f->span.src, f->span.off, &l0, &c);
		src_position(f->span.src, f->span.off + (f->span.len ?
		    f->span.len - 1 : 0), &l1, &c);
		return l0 <= e->line && e->line <= l1;
	}
	return 0;
}

static int
expired(const struct sup_entry *e, const char *today)
{
	return e->until[0] != '\0' && strcmp(e->until, today) < 0;
}

/* Applies entry e to f when it covers it, marking the ids it used. */
static void
try_entry(struct sup_entry *e, struct finding *f, const char *today)
{
	size_t j;

	if (expired(e, today) || !covers(e, f))
		return;
	for (j = 0; j < e->ids.n; j++) {
		if (strcmp(e->ids.v[j].rule->id, f->rule) == 0) {
			e->ids.v[j].used = 1;
			f->suppressed = 1;
		}
	}
}

static const struct sup_entry *sort_base;

static int
line_cmp(const void *a, const void *b)
{
	unsigned la = sort_base[*(const size_t *)a].line;
	unsigned lb = sort_base[*(const size_t *)b].line;

	return la < lb ? -1 : la > lb;
}

/* The look-up tables of a set, so each finding costs O(log n). */
static void
index_set(struct sup_set *set)
{
	size_t i;

	set->byline.n = set->other.n = 0;
	for (i = 0; i < set->e.n; i++) {
		if (set->e.v[i].kind != SUP_LINE)
			VEC_PUSH(&set->other, i);
		else if (set->e.v[i].line > 0)
			VEC_PUSH(&set->byline, i);
	}
	sort_base = set->e.v;
	if (set->byline.n > 1)
		qsort(set->byline.v, set->byline.n, sizeof(size_t), line_cmp);
}

/* The sets of one run ordered by source, so that a finding finds its
 * file's sets without a pass over every file. */
struct set_at {
	struct sup_set *set;
	size_t order;      /* its place among the sets: a file's sets keep it */
};

struct sets_by_src {
	struct set_at *v;
	size_t n;
};

static int
set_at_cmp(const void *a, const void *b)
{
	const struct set_at *x = a, *y = b;
	uintptr_t sx = (uintptr_t)x->set->src, sy = (uintptr_t)y->set->src;

	if (sx != sy)
		return sx < sy ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Line entries of set that may cover lines l0..l1 of f, and the others. */
static void
set_filter(const struct sup_set *set, struct finding *f, unsigned l0,
    unsigned l1, const char *today)
{
	size_t i, lo, hi;

	for (i = 0; i < set->other.n; i++)
		try_entry(&set->e.v[set->other.v[i]], f, today);
	/* First line entry at or after l0, then on to l1. */
	for (lo = 0, hi = set->byline.n; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if (set->e.v[set->byline.v[mid]].line < l0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < set->byline.n &&
	    set->e.v[set->byline.v[i]].line <= l1; i++)
		try_entry(&set->e.v[set->byline.v[i]], f, today);
}

/* Inline suppressions; marks the ids that were used. */
static void
inline_filter(struct finding *f, const struct sets_by_src *by,
    const char *today)
{
	uintptr_t want = (uintptr_t)f->span.src;
	unsigned l0, l1, c;
	size_t lo, hi;

	src_position(f->span.src, f->span.off, &l0, &c);
	src_position(f->span.src, f->span.off + (f->span.len ?
	    f->span.len - 1 : 0), &l1, &c);
	/* the first set of this source, then each one after it */
	for (lo = 0, hi = by->n; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if ((uintptr_t)by->v[mid].set->src < want)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < by->n && (uintptr_t)by->v[lo].set->src == want; lo++)
		set_filter(by->v[lo].set, f, l0, l1, today);
}

/* GL011: one rule of a suppression matched nothing. */
static void
unused(struct findings *out, const struct sup_entry *e,
    const struct sup_id *id)
{
	if (e->kind == SUP_FILE)
		fnd_add(out, "GL011", id->at, "nothing reported by %s %s in "
		    "this file: the suppression is unused", id->rule->id,
		    id->rule->slug);
	else if (e->kind == SUP_SCOPE)
		fnd_add(out, "GL011", id->at, "nothing reported by %s %s in "
		    "this object: the suppression is unused", id->rule->id,
		    id->rule->slug);
	else
		fnd_add(out, "GL011", id->at, "nothing reported by %s %s here: "
		    "the suppression is unused", id->rule->id, id->rule->slug);
}

/* GL010, GL011 and GL012 for one set, into out. */
static void
about(struct findings *out, const struct sup_set *set,
    const struct sup_opts *o, const char *today)
{
	const struct sup_entry *e;
	size_t i, j;

	for (i = 0; i < set->bad.n; i++)
		fnd_add_text(out, "GL012", set->bad.v[i].at,
		    set->bad.v[i].msg, set->bad.v[i].msg_l10n);
	for (i = 0; i < set->e.n; i++) {
		e = &set->e.v[i];
		if (expired(e, today)) {
			fnd_add(out, "GL010", e->at, "this suppression expired "
			    "on %s and no longer applies", e->until);
			continue;
		}
		for (j = 0; o->report_unused && j < e->ids.n; j++)
			if (!e->ids.v[j].used)
				unused(out, e, &e->ids.v[j]);
	}
}

static void
today_utc(char buf[11])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
}

void
sup_apply(struct findings *fs, struct sup_set *const *sets, size_t nsets,
    const struct gcfg *cfg, const struct sup_opts *opts)
{
	static const struct sup_opts none;
	const struct sup_opts *o = opts ? opts : &none;
	struct findings meta = { 0 };
	struct sets_by_src by = { xcalloc(nsets + 1, sizeof(*by.v)), 0 };
	char today[11];
	size_t i;

	cat_resolve(fs);
	if (o->today != NULL)
		snprintf(today, sizeof(today), "%s", o->today);
	else
		today_utc(today);
	for (i = 0; i < nsets; i++)
		if (sets[i] != NULL) {
			index_set(sets[i]);
			by.v[by.n].set = sets[i];
			by.v[by.n].order = by.n;
			by.n++;
		}
	qsort(by.v, by.n, sizeof(*by.v), set_at_cmp);
	for (i = 0; i < fs->n; i++) {
		if (fs->v[i].suppressed || policy(&fs->v[i], cfg, o))
			continue;
		if (!o->no_inline && fs->v[i].span.src != NULL)
			inline_filter(&fs->v[i], &by, today);
	}
	free(by.v);
	if (o->no_inline)
		return;
	for (i = 0; i < nsets; i++)
		if (sets[i] != NULL)
			about(&meta, sets[i], o, today);
	cat_resolve(&meta);
	for (i = 0; i < meta.n; i++) {
		policy(&meta.v[i], cfg, o);
		VEC_PUSH(fs, meta.v[i]);
	}
	free(meta.v);
}

void
sup_apply_set(struct findings *fs, const struct gl_launches *set,
    const struct gcfg *cfg, const struct sup_opts *opts)
{
	struct sup_set **sets = xcalloc(set->files.n + 1, sizeof(*sets));
	size_t i, j, n = 0;

	for (i = 0; i < set->files.n; i++) {
		const struct set_file *f = &set->files.v[i];

		if (!f->kind->inline_ignores)
			continue;
		sets[n] = sup_scan(f->src);
		for (j = 0; j < f->nannotations; j++)
			sup_add_annotation(sets[n], f->annotations[j].text,
			    f->annotations[j].at, f->annotations[j].scope);
		n++;
	}
	sup_apply(fs, sets, n, cfg, opts);
	for (i = 0; i < n; i++)
		sup_set_free(sets[i]);
	free(sets);
}
