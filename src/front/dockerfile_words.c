/*
 * dockerfile_words.c: word-level text processing for the Dockerfile
 * front-end: strings that remember the file offset of every byte, Docker's
 * variable substitution and quote removal, its blank-separated word split,
 * JSON exec-form arrays, and a plain POSIX shell word splitter.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dockerfile_int.h"

size_t
dsb_off(const struct df_sbuf *b, size_t i)
{
	return b->map.n ? b->map.v[i] : b->base + i;
}

void
dsb_addc(struct df_sbuf *b, char c, size_t off)
{
	size_t i;

	if (b->map.n == 0 && b->sb.len == 0)
		b->base = off;
	else if (b->map.n == 0 && off != b->base + b->sb.len)
		for (i = 0; i < b->sb.len; i++)
			VEC_PUSH(&b->map, b->base + i);
	if (b->map.n)
		VEC_PUSH(&b->map, off);
	sb_addch(&b->sb, c);
}

void
dsb_addn(struct df_sbuf *b, const char *s, size_t n, size_t off)
{
	size_t i;

	for (i = 0; i < n; i++)
		dsb_addc(b, s[i], off);
}

void
dsb_addstr(struct df_sbuf *b, const struct df_str *s, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to && i < s->len; i++)
		dsb_addc(b, s->s[i], df_str_off(s, i));
}

/* Appends what b holds, each byte with its offset. */
static void
dsb_addsb(struct df_sbuf *out, const struct df_sbuf *b)
{
	size_t i;

	for (i = 0; i < b->sb.len; i++)
		dsb_addc(out, b->sb.buf[i], dsb_off(b, i));
}

size_t
df_str_off(const struct df_str *s, size_t i)
{
	return s->offmap ? s->offmap[i] : s->span.off + i;
}

/* Offsets written out, for a run whose span is to start elsewhere. */
static size_t *
run_offmap(struct arena *a, size_t off, size_t len)
{
	size_t *m = arena_alloc(a, (len + 1) * sizeof(*m)), i;

	for (i = 0; i <= len; i++)
		m[i] = off + i;
	return m;
}

void
df_str_set_span(struct arena *a, struct df_str *s, struct span sp)
{
	if (s->offmap == NULL && sp.off != s->span.off)
		s->offmap = run_offmap(a, s->span.off, s->len);
	s->span = sp;
}

struct df_str
dsb_finish(struct arena *a, struct df_sbuf *b, size_t endoff,
    const struct source *src)
{
	struct df_str r;
	size_t lo, hi, i;

	r.len = b->sb.len;
	r.s = arena_strndup(a, b->sb.len ? b->sb.buf : "", b->sb.len);
	if (b->map.n == 0 && (r.len == 0 || endoff == b->base + r.len))
		r.offmap = NULL;
	else {
		r.offmap = arena_alloc(a, (r.len + 1) * sizeof(size_t));
		for (i = 0; i < r.len; i++)
			r.offmap[i] = dsb_off(b, i);
		r.offmap[r.len] = endoff;
	}
	lo = r.len ? dsb_off(b, 0) : endoff;
	hi = endoff;
	if (hi < lo)
		hi = lo;
	r.span = span_make(src, lo, hi - lo);
	sb_reset(&b->sb);
	b->map.n = 0;
	return r;
}

void
dsb_release(struct df_sbuf *b)
{
	sb_release(&b->sb);
	free(b->map.v);
	b->map.v = NULL;
	b->map.n = b->map.cap = 0;
}

struct df_str
df_str_from_src(struct arena *a, const struct source *src, size_t off,
    size_t len)
{
	struct df_str r;

	r.s = arena_strndup(a, src->text + off, len);
	r.len = len;
	r.offmap = NULL;
	r.span = span_make(src, off, len);
	return r;
}

struct df_str
df_str_sub(struct arena *a, const struct df_str *s, size_t from, size_t to)
{
	struct df_str r;

	if (to > s->len)
		to = s->len;
	if (from > to)
		from = to;
	r.len = to - from;
	/* a tail is NUL-terminated where s is: no copy (no one writes them) */
	r.s = to == s->len ? s->s + from : arena_strndup(a, s->s + from, r.len);
	/*
	 * The offsets are the same entries of s's map, which no one writes
	 * after it is made: share them (a copy cost 8 bytes a byte).  A run
	 * stays a run: the span below starts at byte from.
	 */
	r.offmap = s->offmap ? s->offmap + from : NULL;
	r.span = df_str_span(s, from, to);
	return r;
}

/* A value that exists in no file (a --build-arg): every byte maps to `at`. */
struct df_str
df_str_lit(struct arena *a, const char *text, struct span at)
{
	struct df_str r;
	size_t i;

	r.len = strlen(text);
	r.s = arena_strdup(a, text);
	r.offmap = arena_alloc(a, (r.len + 1) * sizeof(size_t));
	for (i = 0; i <= r.len; i++)
		r.offmap[i] = at.off;
	r.span = at;
	return r;
}

/* The file span of bytes [from, to) of s: first byte's offset to the last's end. */
struct span
df_str_span(const struct df_str *s, size_t from, size_t to)
{
	size_t lo, hi;

	if (to > s->len)
		to = s->len;
	if (from >= to)
		return span_make(s->span.src, df_str_off(s, from < s->len ?
		    from : s->len), 0);
	lo = df_str_off(s, from);
	hi = df_str_off(s, to - 1) + 1;
	if (hi < lo)
		hi = lo;
	return span_make(s->span.src, lo, hi - lo);
}

struct df_word
df_word_of(const struct df_str *s)
{
	struct df_word w;

	w.s = s->s;
	w.len = s->len;
	w.offmap = s->offmap;
	w.span = s->span;
	return w;
}

char *
df_aprintf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *tmp, *r;

	va_start(ap, fmt);
	tmp = xvasprintf(fmt, ap);
	va_end(ap);
	r = arena_strdup(a, tmp);
	free(tmp);
	return r;
}

/* ---- environment ---- */

static size_t
env_hash(const char *name, enum df_var_kind kind)
{
	size_t h = 5381u + (size_t)kind;

	while (*name)
		h = h * 33u + (unsigned char)*name++;
	return h;
}

/* Position of name (of that kind) in env->v, or (size_t)-1. */
static size_t
env_find(const struct df_env *env, const char *name, enum df_var_kind kind)
{
	size_t h, i;

	if (env == NULL || env->nslot == 0)
		return (size_t)-1;
	h = env_hash(name, kind) & (env->nslot - 1);
	for (i = h; env->slot[i] != 0; i = (i + 1) & (env->nslot - 1)) {
		const struct df_var *v = &env->v.v[env->slot[i] - 1];

		if (v->kind == kind && strcmp(v->name, name) == 0)
			return env->slot[i] - 1;
	}
	return (size_t)-1;
}

/* The variable for a lookup: ENV ones in env->envs when it is set. */
static const struct df_var *
env_lookup(const struct df_env *env, const char *name, enum df_var_kind kind)
{
	size_t i;

	if (env != NULL && kind == DF_VAR_ENV && env->envs != NULL)
		env = env->envs;
	if ((i = env_find(env, name, kind)) == (size_t)-1)
		return NULL;
	return &env->v.v[i];
}

static void
env_index(struct df_env *env, size_t at)
{
	const struct df_var *v = &env->v.v[at];
	size_t i = env_hash(v->name, v->kind) & (env->nslot - 1);

	while (env->slot[i] != 0)
		i = (i + 1) & (env->nslot - 1);
	env->slot[i] = at + 1;
}

/* A name set again keeps its place and takes the new value, as in Docker. */
size_t
df_env_set(struct df_env *env, const struct df_var *v)
{
	size_t at = env_find(env, v->name, v->kind), i;

	if (at != (size_t)-1) {
		env->v.v[at] = *v;
		return at;
	}
	VEC_PUSH(&env->v, *v);
	if (env->v.n * 2 > env->nslot) {
		free(env->slot);
		env->nslot = env->nslot ? env->nslot * 2 : 16;
		while (env->v.n * 2 > env->nslot)
			env->nslot *= 2;
		env->slot = xcalloc(env->nslot, sizeof(*env->slot));
		for (i = 0; i < env->v.n; i++)
			env_index(env, i);
	} else
		env_index(env, env->v.n - 1);
	return env->v.n - 1;
}

void
df_env_clear(struct df_env *env)
{
	env->v.n = 0;
	if (env->slot != NULL)
		memset(env->slot, 0, env->nslot * sizeof(*env->slot));
}

void
df_env_release(struct df_env *env)
{
	free(env->v.v);
	free(env->slot);
	memset(env, 0, sizeof(*env));
}

/* ENV always wins over ARG of the same name, whatever the order. */
const struct df_var *
df_env_get(const struct df_env *env, const char *name)
{
	const struct df_var *v;

	if ((v = env_lookup(env, name, DF_VAR_ENV)) != NULL)
		return v;
	if ((v = env_lookup(env, name, DF_VAR_ARG)) != NULL && v->has_value)
		return v;
	return NULL;
}

/*
 * A variable never declared in a stage built on another image may come
 * from that image's ENV (PATH, PYTHON_VERSION...): keep $NAME as written
 * rather than pretend it is empty.  A declared ARG without value is empty.
 */
static int
unset_kept(const struct df_env *env, const char *name)
{
	/* set by the builder for each build: unknown here */
	static const char *const automatic[] = { "TARGETPLATFORM", "TARGETOS",
	    "TARGETARCH", "TARGETVARIANT", "BUILDPLATFORM", "BUILDOS",
	    "BUILDARCH", "BUILDVARIANT", "TARGETSTAGE" };
	const struct df_var *v;

	if (env == NULL)
		return 0;
	if ((v = env_lookup(env, name, DF_VAR_ENV)) == NULL)
		v = env_lookup(env, name, DF_VAR_ARG);
	if (v != NULL && v->has_value)
		return 0;
	for (size_t k = 0; k < sizeof(automatic) / sizeof(automatic[0]); k++)
		if (strcmp(name, automatic[k]) == 0)
			return 1;
	return v == NULL && env->keep_unset;
}

/* ---- Docker's word processing (moby/buildkit shell lexer semantics) ---- */

struct wp {
	const struct df_str *in;
	size_t i;
	const struct df_env *env;
	char esc;
	int expand;
	const char *err;
	size_t erroff;
	int depth;        /* ${...} nesting, bounded so no input exhausts the stack */
};

#define WP_MAX_DEPTH 64

static int wp_stop_on(struct wp *w, struct df_sbuf *out, char stop);
static int dollar_braced(struct wp *w, struct df_sbuf *out, const char *name,
    size_t start, size_t at);

static int
wp_fail(struct wp *w, const char *msg)
{
	if (w->err == NULL) {
		w->err = msg;
		w->erroff = df_str_off(w->in, w->i < w->in->len ? w->i : w->in->len);
	}
	return -1;
}

static int
is_special_param(char c)
{
	return strchr("@*#?-$!0", c) != NULL && c != '\0';
}

/* Reads a name after $ the way Docker's processName does. */
static size_t
wp_name(struct wp *w, char *buf, size_t cap)
{
	const struct df_str *s = w->in;
	size_t n = 0;

	if (w->i < s->len && isdigit((unsigned char)s->s[w->i])) {
		while (w->i < s->len && isdigit((unsigned char)s->s[w->i]))
			if (n + 1 < cap)
				buf[n++] = s->s[w->i++];
			else
				w->i++;
	} else if (w->i < s->len && is_special_param(s->s[w->i])) {
		buf[n++] = s->s[w->i++];
	} else {
		while (w->i < s->len && (isalnum((unsigned char)s->s[w->i]) ||
		    s->s[w->i] == '_' || (unsigned char)s->s[w->i] >= 0x80)) {
			if (n + 1 < cap)
				buf[n++] = s->s[w->i];
			w->i++;
		}
	}
	buf[n] = '\0';
	return n;
}

static void
wp_put_value(struct df_sbuf *out, const struct df_var *v, size_t at)
{
	if (v != NULL)
		dsb_addn(out, v->value.s, v->value.len, at);
}

/* Matches s[0..n) against a shell pattern (copied: fnmatch needs NUL). */
static int
glob_match(const char *pat, const char *s, size_t n)
{
	char buf[512];

	if (n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return fnmatch(pat, buf, 0) == 0;
}

/* ${V#p} ${V##p} ${V%p} ${V%%p}: [*from, *to) is what remains of v. */
static void
pat_trim(const char *v, size_t len, const char *pat, char mod, int greedy,
    size_t *from, size_t *to)
{
	size_t k;

	*from = 0;
	*to = len;
	for (k = 0; k <= len; k++) {
		size_t cut = greedy ? len - k : k;

		if (mod == '#' && glob_match(pat, v, cut)) {
			*from = cut;
			return;
		}
		if (mod == '%' && glob_match(pat, v + len - cut, cut)) {
			*to = len - cut;
			return;
		}
	}
}

/*
 * ${NAME#pat} ${NAME%pat} (## %% greedy) and ${NAME/pat/rep} (// all):
 * Docker's pattern forms, matched with fnmatch(3).
 */
static int
wp_pattern(struct wp *w, struct df_sbuf *out, const struct df_var *v, char mod,
    size_t at)
{
	struct df_sbuf pat = DSB_INIT, rep = DSB_INIT;
	int greedy = 0, r = 0;
	size_t from, to, i, j;

	if (w->i < w->in->len && w->in->s[w->i] == mod) {
		greedy = 1;
		w->i++;
	}
	if (wp_stop_on(w, &pat, mod == '/' ? '/' : '}') < 0 ||
	    (mod == '/' && wp_stop_on(w, &rep, '}') < 0)) {
		r = -1;
		goto out;
	}
	if (v == NULL || !w->expand)
		goto out;
	if (mod != '/') {
		pat_trim(v->value.s, v->value.len, sb_str(&pat.sb), mod, greedy,
		    &from, &to);
		dsb_addn(out, v->value.s + from, to - from, at);
		goto out;
	}
	for (i = 0; i < v->value.len;) {
		for (j = v->value.len; j > i; j--)
			if (glob_match(sb_str(&pat.sb), v->value.s + i, j - i))
				break;
		if (j == i) {
			dsb_addc(out, v->value.s[i++], at);
			continue;
		}
		dsb_addn(out, sb_str(&rep.sb), rep.sb.len, at);
		i = j;
		if (!greedy) {
			dsb_addn(out, v->value.s + i, v->value.len - i, at);
			break;
		}
	}
out:
	dsb_release(&pat);
	dsb_release(&rep);
	return r;
}

/* ${NAME<mod>word}: the modifier forms Docker supports. */
static int
wp_modifier(struct wp *w, struct df_sbuf *out, const char *name, size_t at)
{
	const struct df_var *v = w->expand ? df_env_get(w->env, name) : NULL;
	struct df_sbuf word = DSB_INIT;
	int colon = 0, set = v != NULL, empty, r = 0;
	char mod;

	if (w->in->s[w->i] == ':') {
		colon = 1;
		w->i++;
	}
	if (w->i >= w->in->len)
		return wp_fail(w, "syntax error: missing '}'");
	mod = w->in->s[w->i++];
	if (mod == '#' || mod == '%')
		return wp_pattern(w, out, v, mod, at);
	if (strchr("-+?", mod) == NULL || mod == '\0')
		return wp_fail(w, "unsupported modifier in substitution");
	if (wp_stop_on(w, &word, '}') < 0) {
		dsb_release(&word);
		return -1;
	}
	empty = !set || v->value.len == 0;
	if (!w->expand) {
		/* keep the text as written when not expanding */
	} else if (mod == '-') {
		if (colon ? empty : !set)
			dsb_addsb(out, &word);
		else
			wp_put_value(out, v, at);
	} else if (mod == '+') {
		if (colon ? !empty : set)
			dsb_addsb(out, &word);
	} else if (colon ? empty : !set) {
		r = wp_fail(w, "required variable is not set");
	} else
		wp_put_value(out, v, at);
	dsb_release(&word);
	return r;
}

static int
wp_dollar(struct wp *w, struct df_sbuf *out)
{
	const struct df_str *s = w->in;
	size_t at = df_str_off(s, w->i), start = w->i;
	char name[256];
	int r;

	w->i++; /* $ */
	if (w->i >= s->len || s->s[w->i] != '{') {
		if (wp_name(w, name, sizeof(name)) == 0)
			dsb_addc(out, '$', at);
		else if (!w->expand || unset_kept(w->env, name))
			dsb_addstr(out, s, start, w->i);
		else
			wp_put_value(out, df_env_get(w->env, name), at);
		return 0;
	}
	w->i++; /* { */
	if (w->i >= s->len)
		return wp_fail(w, "syntax error: missing '}'");
	if (w->depth >= WP_MAX_DEPTH)
		return wp_fail(w, "substitutions nest too deep");
	if (strchr("{}:", s->s[w->i]) != NULL)
		return wp_fail(w, "syntax error: bad substitution");
	wp_name(w, name, sizeof(name));
	if (w->i >= s->len)
		return wp_fail(w, "syntax error: missing '}'");
	if (s->s[w->i] == '}') {
		w->i++;
		if (!w->expand || unset_kept(w->env, name))
			dsb_addstr(out, s, start, w->i);
		else
			wp_put_value(out, df_env_get(w->env, name), at);
		return 0;
	}
	w->depth++;
	r = dollar_braced(w, out, name, start, at);
	w->depth--;
	return r;
}

/* The rest of ${name...} after the name. */
static int
dollar_braced(struct wp *w, struct df_sbuf *out, const char *name,
    size_t start, size_t at)
{
	const struct df_str *s = w->in;

	if (s->s[w->i] == '/') {
		size_t from = start;
		const struct df_var *v = df_env_get(w->env, name);

		w->i++;
		if (wp_pattern(w, out, w->expand ? v : NULL, '/', at) < 0)
			return -1;
		if (!w->expand)
			dsb_addstr(out, s, from, w->i);
		return 0;
	}
	if (!w->expand) {
		size_t from = start;

		if (wp_modifier(w, out, name, at) < 0)
			return -1;
		/* not expanding: the whole reference stays literal */
		dsb_addstr(out, s, from, w->i);
		return 0;
	}
	return wp_modifier(w, out, name, at);
}

static int
wp_single(struct wp *w, struct df_sbuf *out)
{
	const struct df_str *s = w->in;

	w->i++;
	while (w->i < s->len && s->s[w->i] != '\'') {
		dsb_addc(out, s->s[w->i], df_str_off(s, w->i));
		w->i++;
	}
	if (w->i >= s->len)
		return wp_fail(w, "unexpected end of statement while looking for matching single-quote");
	w->i++;
	return 0;
}

/* Inside "…" only ", $ and the escape character itself can be escaped. */
static int
wp_double(struct wp *w, struct df_sbuf *out)
{
	const struct df_str *s = w->in;
	char c;

	w->i++;
	for (;;) {
		if (w->i >= s->len)
			return wp_fail(w, "unexpected end of statement while looking for matching double-quote");
		c = s->s[w->i];
		if (c == '"') {
			w->i++;
			return 0;
		}
		if (c == '$') {
			if (wp_dollar(w, out) < 0)
				return -1;
			continue;
		}
		w->i++;
		if (c == w->esc) {
			if (w->i >= s->len)
				continue;
			if (s->s[w->i] == '"' || s->s[w->i] == '$' ||
			    s->s[w->i] == w->esc) {
				dsb_addc(out, s->s[w->i], df_str_off(s, w->i));
				w->i++;
				continue;
			}
		}
		dsb_addc(out, c, df_str_off(s, w->i - 1));
	}
}

static int
wp_stop_on(struct wp *w, struct df_sbuf *out, char stop)
{
	const struct df_str *s = w->in;
	char c;
	int r;

	while (w->i < s->len) {
		c = s->s[w->i];
		if (stop && c == stop) {
			w->i++;
			return 0;
		}
		if (c == '\'' || c == '"' || c == '$') {
			r = c == '\'' ? wp_single(w, out) : c == '"' ?
			    wp_double(w, out) : wp_dollar(w, out);
			if (r < 0)
				return -1;
			continue;
		}
		w->i++;
		if (c == w->esc) {
			if (w->i >= s->len)
				break;
			c = s->s[w->i++];
		}
		dsb_addc(out, c, df_str_off(s, w->i - 1));
	}
	if (stop)
		return wp_fail(w, "syntax error: missing '}'");
	return 0;
}

int
df_process_word(struct arena *a, const struct df_str *in,
    const struct df_env *env, char escape, int expand, struct df_str *out,
    const char **err, size_t *erroff)
{
	struct wp w = { in, 0, env, escape, expand, NULL, 0, 0 };
	struct df_sbuf b = DSB_INIT;
	int r;

	r = wp_stop_on(&w, &b, 0);
	if (r == 0 && in->offmap == NULL && b.map.n == 0 &&
	    b.sb.len == in->len && (in->len == 0 ||
	    (b.base == in->span.off && memcmp(b.sb.buf, in->s, in->len) == 0))) {
		/* nothing to substitute or remove: the input is the value */
		*out = *in;
		sb_reset(&b.sb);
	} else {
		*out = dsb_finish(a, &b, df_str_off(in, in->len), in->span.src);
		if (in->len)
			df_str_set_span(a, out, in->span);
	}
	dsb_release(&b);
	if (r < 0) {
		if (err)
			*err = w.err;
		if (erroff)
			*erroff = w.erroff;
	}
	return r;
}

/* ---- Docker's parseWords: blank-separated, quotes kept ---- */

/* flags_only: stop before the first word that does not start "--". */
/*
 * The n words in the arena.  No entry past the last (it cost 48 bytes an
 * instruction); an empty list still gets one zeroed entry, as before.
 */
static struct df_str *
words_copy(struct arena *a, const struct df_str *v, size_t n)
{
	struct df_str *w = arena_alloc(a, (n ? n : 1) * sizeof(*w));

	if (n)
		memcpy(w, v, n * sizeof(*w));
	return w;
}

static size_t
split_words(struct arena *a, const struct df_str *in, char escape,
    struct df_str **out, int flags_only)
{
	VEC(struct df_str) v = { 0 };
	size_t i = 0, start;
	char q;

	while (i < in->len) {
		while (i < in->len && isspace((unsigned char)in->s[i]))
			i++;
		if (i >= in->len || (flags_only && (in->len - i < 2 ||
		    strncmp(in->s + i, "--", 2) != 0)))
			break;
		start = i;
		q = 0;
		while (i < in->len) {
			char c = in->s[i];

			if (q == 0 && isspace((unsigned char)c))
				break;
			if (c == escape && q != '\'' && i + 1 < in->len) {
				i += 2;
				continue;
			}
			if (q == 0 && (c == '"' || c == '\''))
				q = c;
			else if (q == c)
				q = 0;
			i++;
		}
		VEC_PUSH(&v, df_str_sub(a, in, start, i));
	}
	/* most instructions have no flags: no array */
	*out = flags_only && v.n == 0 ? NULL : words_copy(a, v.v, v.n);
	free(v.v);
	return v.n;
}

size_t
df_split_words(struct arena *a, const struct df_str *in, char escape,
    struct df_str **out)
{
	return split_words(a, in, escape, out, 0);
}

size_t
df_split_flag_words(struct arena *a, const struct df_str *in, char escape,
    struct df_str **out)
{
	return split_words(a, in, escape, out, 1);
}

size_t
df_split_blank(struct arena *a, const struct df_str *in, struct df_str **out)
{
	VEC(struct df_str) v = { 0 };
	size_t i = 0, start;

	while (i < in->len) {
		while (i < in->len && strchr(" \t\v\f\r", in->s[i]) && in->s[i])
			i++;
		if (i >= in->len)
			break;
		start = i;
		while (i < in->len && !(strchr(" \t\v\f\r", in->s[i]) && in->s[i]))
			i++;
		VEC_PUSH(&v, df_str_sub(a, in, start, i));
	}
	*out = words_copy(a, v.v, v.n);
	free(v.v);
	return v.n;
}

/* ---- JSON exec form ---- */

static int
json_hex(const char *p, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		int c = p[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v * 16 + (unsigned)d;
	}
	*out = v;
	return 0;
}

static void
json_utf8(struct df_sbuf *b, unsigned cp, size_t off)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	dsb_addn(b, u, n, off);
}

/* One JSON string starting at in->s[*i] == '"'; validity is cJSON's job. */
static struct df_str
json_string(struct arena *a, const struct df_str *in, size_t *i)
{
	struct df_sbuf b = DSB_INIT;
	static const char esc_in[] = "\"\\/bfnrt", esc_out[] = "\"\\/\b\f\n\r\t";
	struct df_str r;
	size_t j = *i + 1;
	unsigned cp, lo;

	while (j < in->len && in->s[j] != '"') {
		if (in->s[j] != '\\' || j + 1 >= in->len) {
			dsb_addc(&b, in->s[j], df_str_off(in, j));
			j++;
			continue;
		}
		if (in->s[j + 1] == 'u' && j + 6 <= in->len &&
		    json_hex(in->s + j + 2, &cp) == 0) {
			size_t at = df_str_off(in, j);

			j += 6;
			if (cp >= 0xD800 && cp < 0xDC00 && j + 6 <= in->len &&
			    in->s[j] == '\\' && in->s[j + 1] == 'u' &&
			    json_hex(in->s + j + 2, &lo) == 0 &&
			    lo >= 0xDC00 && lo < 0xE000) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				j += 6;
			} else if (cp >= 0xD800 && cp < 0xE000)
				cp = 0xFFFD;
			json_utf8(&b, cp, at);
			continue;
		}
		{
			const char *p = strchr(esc_in, in->s[j + 1]);

			dsb_addc(&b, p && *p ? esc_out[p - esc_in] : in->s[j + 1],
			    df_str_off(in, j + 1));
		}
		j += 2;
	}
	r = dsb_finish(a, &b, df_str_off(in, j < in->len ? j : in->len),
	    in->span.src);
	df_str_set_span(a, &r, df_str_span(in, *i, j + 1));
	dsb_release(&b);
	*i = j + 1;
	return r;
}

int
df_json_strings(struct arena *a, const struct df_str *in, struct df_str **out,
    size_t *n)
{
	VEC(struct df_str) v = { 0 };
	cJSON *root, *it;
	size_t i = 0;

	while (i < in->len && isspace((unsigned char)in->s[i]))
		i++;
	if (i >= in->len || in->s[i] != '[')
		return 1;
	/* Docker decodes one JSON value and ignores what follows it */
	root = cJSON_ParseWithLengthOpts(in->s, in->len, NULL, 0);
	if (root == NULL || !cJSON_IsArray(root)) {
		cJSON_Delete(root);
		return 1;
	}
	cJSON_ArrayForEach(it, root) {
		if (!cJSON_IsString(it)) {
			cJSON_Delete(root);
			return -1;
		}
	}
	cJSON_Delete(root);
	/* valid: walk the text again to keep offsets */
	for (i++; i < in->len && in->s[i] != ']';) {
		if (in->s[i] == '"')
			VEC_PUSH(&v, json_string(a, in, &i));
		else
			i++;
	}
	*out = words_copy(a, v.v, v.n);
	*n = v.n;
	free(v.v);
	return 0;
}
