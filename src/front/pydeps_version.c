/*
 * pydeps_version.c: PEP 440 versions and specifiers, as the packaging
 * library (what pip uses) reads, orders and matches them, so a rule can
 * ask whether "gunicorn>=20.1,<24" lets 23.0.0 in.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "front/front.h"

#define PV_MAXREL 32

/* Sort positions of the pre-release part (packaging's _cmpkey). */
enum { PV_NEG_INF = -1, PV_A = 0, PV_B = 1, PV_RC = 2, PV_POS_INF = 3 };

struct pep440 {
	long long epoch;
	long long rel[PV_MAXREL];
	int nrel;
	int pre;        /* PV_A, PV_B, PV_RC, or -1 for none */
	long long pre_n;
	int has_post, has_dev;
	long long post, dev;
	char local[128]; /* lowercase, "" for none */
};

struct pv_cur {
	const char *s;
	size_t i;
};

static int
cur_lit(struct pv_cur *c, const char *lit)
{
	size_t n = strlen(lit);

	if (strncasecmp(c->s + c->i, lit, n) != 0)
		return 0;
	c->i += n;
	return 1;
}

static int
cur_sep(struct pv_cur *c)
{
	if (c->s[c->i] == '-' || c->s[c->i] == '_' || c->s[c->i] == '.') {
		c->i++;
		return 1;
	}
	return 0;
}

/* Digits at the cursor: 1 with *v set, or 0. */
static int
cur_num(struct pv_cur *c, long long *v)
{
	size_t start = c->i;

	*v = 0;
	while (isdigit((unsigned char)c->s[c->i])) {
		if (*v < 100000000000000000LL)
			*v = *v * 10 + (c->s[c->i] - '0');
		c->i++;
	}
	return c->i > start;
}

/* [-_.]? LABEL [-_.]? N?, for the first label that matches. */
static int
match_label(struct pv_cur *c, const char *const *labels, int *which,
    long long *n)
{
	size_t save = c->i;
	int k;

	cur_sep(c);
	for (k = 0; labels[k] != NULL; k++)
		if (cur_lit(c, labels[k]))
			break;
	if (labels[k] == NULL) {
		c->i = save;
		return 0;
	}
	*which = k;
	save = c->i;
	cur_sep(c);
	if (!cur_num(c, n)) {
		c->i = save;
		*n = 0;
	}
	return 1;
}

static int
parse_local(struct pv_cur *c, struct pep440 *v)
{
	size_t n = 0;

	for (;;) {
		if (!isalnum((unsigned char)c->s[c->i]))
			return -1;
		while (isalnum((unsigned char)c->s[c->i])) {
			if (n + 1 < sizeof(v->local))
				v->local[n++] = (char)tolower((unsigned char)c->s[c->i]);
			c->i++;
		}
		if (!cur_sep(c))
			break;
		if (n + 1 < sizeof(v->local))
			v->local[n++] = '.';
	}
	v->local[n] = '\0';
	return 0;
}

/* Parses s as packaging's Version() does; 0 or -1. */
static int
pv_parse(const char *s, struct pep440 *v)
{
	static const char *const pre[] = { "alpha", "a", "beta", "b",
		"preview", "pre", "c", "rc", NULL };
	static const int pre_kind[] = { PV_A, PV_A, PV_B, PV_B, PV_RC, PV_RC,
		PV_RC, PV_RC };
	static const char *const post[] = { "post", "rev", "r", NULL };
	static const char *const dev[] = { "dev", NULL };
	struct pv_cur c = { s, 0 };
	long long n;
	size_t save;
	int k;

	memset(v, 0, sizeof(*v));
	v->pre = -1;
	while (isspace((unsigned char)s[c.i]))
		c.i++;
	if (s[c.i] == 'v' || s[c.i] == 'V')
		c.i++;
	if (!cur_num(&c, &n))
		return -1;
	if (s[c.i] == '!') {
		c.i++;
		v->epoch = n;
		if (!cur_num(&c, &n))
			return -1;
	}
	v->rel[v->nrel++] = n;
	while (s[c.i] == '.' && isdigit((unsigned char)s[c.i + 1])) {
		c.i++;
		cur_num(&c, &n);
		if (v->nrel < PV_MAXREL)
			v->rel[v->nrel++] = n;
	}
	if (match_label(&c, pre, &k, &v->pre_n))
		v->pre = pre_kind[k];
	save = c.i;
	if (s[c.i] == '-' && (c.i++, cur_num(&c, &v->post)))
		v->has_post = 1;
	else if ((c.i = save), match_label(&c, post, &k, &v->post))
		v->has_post = 1;
	if (match_label(&c, dev, &k, &v->dev))
		v->has_dev = 1;
	if (s[c.i] == '+') {
		c.i++;
		if (parse_local(&c, v) < 0)
			return -1;
	}
	while (isspace((unsigned char)s[c.i]))
		c.i++;
	return s[c.i] == '\0' ? 0 : -1;
}

int
pydeps_version_valid(const char *version)
{
	struct pep440 v;

	return pv_parse(version, &v) == 0;
}

static int
cmp_ll(long long a, long long b)
{
	return a < b ? -1 : a > b;
}

/* Local versions: numeric parts sort after alphanumeric ones. */
static int
cmp_local(const char *a, const char *b)
{
	size_t la, lb;
	int na, nb, r;

	if (*a == '\0' || *b == '\0')
		return (*a != '\0') - (*b != '\0');
	while (*a != '\0' && *b != '\0') {
		la = strcspn(a, ".");
		lb = strcspn(b, ".");
		na = strspn(a, "0123456789") == la;
		nb = strspn(b, "0123456789") == lb;
		if (na != nb)
			return na - nb;
		if (na)
			r = cmp_ll(strtoll(a, NULL, 10), strtoll(b, NULL, 10));
		else if ((r = strncmp(a, b, la < lb ? la : lb)) == 0)
			r = cmp_ll((long long)la, (long long)lb);
		if (r != 0)
			return r;
		a += la + (a[la] == '.');
		b += lb + (b[lb] == '.');
	}
	return (*a != '\0') - (*b != '\0');
}

static int
pre_key(const struct pep440 *v)
{
	if (v->pre < 0 && !v->has_post && v->has_dev)
		return PV_NEG_INF;
	return v->pre < 0 ? PV_POS_INF : v->pre;
}

/* Orders a and b; local parts count only when with_local is set. */
static int
pv_cmp(const struct pep440 *a, const struct pep440 *b, int with_local)
{
	int na = a->nrel, nb = b->nrel, i, r;

	if ((r = cmp_ll(a->epoch, b->epoch)) != 0)
		return r;
	while (na > 1 && a->rel[na - 1] == 0)
		na--;
	while (nb > 1 && b->rel[nb - 1] == 0)
		nb--;
	for (i = 0; i < na && i < nb; i++)
		if ((r = cmp_ll(a->rel[i], b->rel[i])) != 0)
			return r;
	if ((r = cmp_ll(na, nb)) != 0)
		return r;
	if ((r = cmp_ll(pre_key(a), pre_key(b))) != 0)
		return r;
	if (a->pre >= 0 && (r = cmp_ll(a->pre_n, b->pre_n)) != 0)
		return r;
	if ((r = cmp_ll(a->has_post ? a->post : -1, b->has_post ? b->post :
	    -1)) != 0)
		return r;
	if ((r = cmp_ll(a->has_dev ? a->dev : LLONG_MAX, b->has_dev ?
	    b->dev : LLONG_MAX)) != 0)
		return r;
	return with_local ? cmp_local(a->local, b->local) : 0;
}

int
pydeps_version_cmp(const char *a, const char *b)
{
	struct pep440 va, vb;
	int oka = pv_parse(a, &va) == 0, okb = pv_parse(b, &vb) == 0;

	if (!oka || !okb)
		return oka != okb ? oka - okb : strcmp(a, b);
	return pv_cmp(&va, &vb, 1);
}

/* ---- specifiers ---- */

enum spec_op { OP_ARB, OP_COMPAT, OP_EQ, OP_NE, OP_LE, OP_GE, OP_LT, OP_GT };

/* Longest first, so that "<=" is not read as "<". */
static const struct {
	const char *text;
	enum spec_op op;
} spec_ops[] = {
	{ "===", OP_ARB }, { "~=", OP_COMPAT }, { "==", OP_EQ },
	{ "!=", OP_NE }, { "<=", OP_LE }, { ">=", OP_GE }, { "<", OP_LT },
	{ ">", OP_GT },
};

/* The release-only prefix of ==X.* (and the ~= prefix): 1 when equal. */
static int
prefix_match(const struct pep440 *cand, const long long *rel, int nrel,
    long long epoch)
{
	int i;

	if (cand->epoch != epoch)
		return 0;
	for (i = 0; i < nrel; i++)
		if ((i < cand->nrel ? cand->rel[i] : 0) != rel[i])
			return 0;
	return 1;
}

/* v without its pre, post, dev and local parts. */
static struct pep440
base_of(const struct pep440 *v)
{
	struct pep440 b = *v;

	b.pre = -1;
	b.has_post = b.has_dev = 0;
	b.local[0] = '\0';
	return b;
}

static int
is_pre(const struct pep440 *v)
{
	return v->pre >= 0 || v->has_dev;
}

static int
match_lt_gt(enum spec_op op, const struct pep440 *cand,
    const struct pep440 *sv)
{
	struct pep440 cb = base_of(cand), sb = base_of(sv);
	int r = pv_cmp(cand, sv, 0);

	if (op == OP_LT)
		return r < 0 && !(!is_pre(sv) && is_pre(cand) &&
		    pv_cmp(&cb, &sb, 0) == 0);
	if (r <= 0)
		return 0;
	if (!sv->has_post && cand->has_post && pv_cmp(&cb, &sb, 0) == 0)
		return 0;
	return !(cand->local[0] != '\0' && pv_cmp(&cb, &sb, 0) == 0);
}

/* Compares normalized version strings for ===, which packaging does. */
static void
pv_format(const struct pep440 *v, char *buf, size_t size)
{
	static const char *const pre[] = { "a", "b", "rc" };
	size_t n = 0;
	int i;

	buf[0] = '\0';
	if (v->epoch)
		n += (size_t)snprintf(buf + n, size - n, "%lld!", v->epoch);
	for (i = 0; i < v->nrel && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%lld", i ? "." : "",
		    v->rel[i]);
	if (v->pre >= 0 && n < size)
		n += (size_t)snprintf(buf + n, size - n, "%s%lld", pre[v->pre],
		    v->pre_n);
	if (v->has_post && n < size)
		n += (size_t)snprintf(buf + n, size - n, ".post%lld", v->post);
	if (v->has_dev && n < size)
		n += (size_t)snprintf(buf + n, size - n, ".dev%lld", v->dev);
	if (v->local[0] != '\0' && n < size)
		snprintf(buf + n, size - n, "+%s", v->local);
}

static int
match_arbitrary(const char *vtext, const char *version)
{
	struct pep440 cand;
	char buf[256];

	if (pv_parse(version, &cand) < 0)
		return -1;
	pv_format(&cand, buf, sizeof(buf));
	return strcasecmp(buf, vtext) == 0;
}

/* One clause: op and the version text after it (trimmed). */
static int
match_clause(enum spec_op op, const char *vtext, const struct pep440 *cand,
    const char *version)
{
	struct pep440 sv, cpub = *cand;
	size_t len = strlen(vtext);
	int wild = len >= 2 && strcmp(vtext + len - 2, ".*") == 0, r;
	char buf[256];

	if (op == OP_ARB)
		return match_arbitrary(vtext, version);
	if (wild && op != OP_EQ && op != OP_NE)
		return -1;
	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, vtext, len + 1);
	if (wild)
		buf[len - 2] = '\0';
	if (pv_parse(buf, &sv) < 0)
		return -1;
	if (wild && (sv.pre >= 0 || sv.has_post || sv.has_dev ||
	    sv.local[0] != '\0'))
		return -1;
	if (op != OP_EQ && op != OP_NE && sv.local[0] != '\0')
		return -1;
	cpub.local[0] = '\0';
	switch (op) {
	case OP_EQ:
	case OP_NE:
		if (wild)
			r = prefix_match(&cpub, sv.rel, sv.nrel, sv.epoch);
		else
			r = pv_cmp(sv.local[0] ? cand : &cpub, &sv, 1) == 0;
		return op == OP_EQ ? r : !r;
	case OP_COMPAT: {
		int n = sv.nrel;

		if (n < 2)
			return -1;
		return pv_cmp(&cpub, &sv, 0) >= 0 &&
		    prefix_match(&cpub, sv.rel, n - 1, sv.epoch);
	}
	case OP_LE:
		return pv_cmp(&cpub, &sv, 0) <= 0;
	case OP_GE:
		return pv_cmp(&cpub, &sv, 0) >= 0;
	default:
		return match_lt_gt(op, cand, &sv);
	}
}

static int
spec_one(const char *s, size_t len, const struct pep440 *cand,
    const char *version)
{
	char vtext[256];
	size_t i, n;

	while (len > 0 && isspace((unsigned char)*s))
		s++, len--;
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	for (i = 0; i < sizeof(spec_ops) / sizeof(spec_ops[0]); i++) {
		n = strlen(spec_ops[i].text);
		if (len < n || memcmp(s, spec_ops[i].text, n) != 0)
			continue;
		s += n, len -= n;
		while (len > 0 && isspace((unsigned char)*s))
			s++, len--;
		if (len == 0 || len >= sizeof(vtext) || memchr(s, ' ', len))
			return -1;
		memcpy(vtext, s, len);
		vtext[len] = '\0';
		return match_clause(spec_ops[i].op, vtext, cand, version);
	}
	return -1;
}

int
pydeps_spec_allows(const char *spec, const char *version)
{
	struct pep440 cand;
	const char *p = spec, *comma;
	int r, all = 1;

	if (pv_parse(version, &cand) < 0)
		return -1;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '\0')
		return 1;
	for (;;) {
		comma = strchr(p, ',');
		r = spec_one(p, comma ? (size_t)(comma - p) : strlen(p), &cand,
		    version);
		if (r < 0)
			return -1;
		all &= r;
		if (comma == NULL)
			return all;
		p = comma + 1;
	}
}
