/*
 * pydeps_req.c: pip's requirements-file format (requirements*.txt and
 * constraints files), read the way pip's req_file.py reads it: lines
 * joined at a trailing backslash, comments dropped, then each line either
 * options (-r, -c, -e, --index-url, ...) or a requirement with its
 * per-requirement options (--hash).
 *
 * Encoding: pip decodes the file by its byte-order mark (UTF-8, UTF-16 LE
 * or BE), else as UTF-8.  A UTF-8 BOM is skipped in place.  A UTF-16 file
 * is decoded into a new UTF-8 source with the same name, and every span
 * points into that copy rather than into the original bytes: its lines are
 * the file's lines, so line numbers hold, and a report can quote a line,
 * which it could not from UTF-16 bytes; columns then count UTF-8 bytes,
 * which for the ASCII such files hold is the character column.
 */
#include <sys/types.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "front/front.h"
#include "front/pydeps_int.h"

enum opt_kind { OPT_FLAG, OPT_ARG };

/* pip's SUPPORTED_OPTIONS and SUPPORTED_OPTIONS_REQ. */
static const struct req_opt {
	const char *lng, *shrt;
	enum opt_kind arg;
	enum pydeps_rec_kind rec;
	int per_req;
} req_opts[] = {
	{ "--requirement", "-r", OPT_ARG, PYDEPS_INCLUDE, 0 },
	{ "--constraint", "-c", OPT_ARG, PYDEPS_CONSTRAINT, 0 },
	{ "--editable", "-e", OPT_ARG, PYDEPS_REQ, 0 },
	{ "--index-url", "-i", OPT_ARG, PYDEPS_OPTION, 0 },
	{ "--extra-index-url", NULL, OPT_ARG, PYDEPS_OPTION, 0 },
	{ "--no-index", NULL, OPT_FLAG, PYDEPS_OPTION, 0 },
	{ "--find-links", "-f", OPT_ARG, PYDEPS_OPTION, 0 },
	{ "--no-binary", NULL, OPT_ARG, PYDEPS_OPTION, 0 },
	{ "--only-binary", NULL, OPT_ARG, PYDEPS_OPTION, 0 },
	{ "--prefer-binary", NULL, OPT_FLAG, PYDEPS_OPTION, 0 },
	{ "--require-hashes", NULL, OPT_FLAG, PYDEPS_OPTION, 0 },
	{ "--pre", NULL, OPT_FLAG, PYDEPS_OPTION, 0 },
	{ "--trusted-host", NULL, OPT_ARG, PYDEPS_OPTION, 0 },
	{ "--use-feature", NULL, OPT_ARG, PYDEPS_OPTION, 0 },
	{ "--global-option", NULL, OPT_ARG, PYDEPS_OPTION, 1 },
	{ "--config-settings", NULL, OPT_ARG, PYDEPS_OPTION, 1 },
	{ "--hash", NULL, OPT_ARG, PYDEPS_OPTION, 1 },
};

/* A logical line: its text and the source offset of each byte. */
struct req_line {
	struct strbuf sb;
	VEC(size_t) off;
};

static void
line_add(struct req_line *l, const char *s, size_t n, size_t base)
{
	size_t i;

	sb_add(&l->sb, s, n);
	for (i = 0; i < n; i++)
		VEC_PUSH(&l->off, base + i);
}

static void
line_reset(struct req_line *l)
{
	sb_reset(&l->sb);
	l->off.n = 0;
}

/* Where pip's COMMENT_RE, (^|\s+)#.*$, starts in s[0..n), or n. */
static size_t
comment_start(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] != '#' || (i > 0 && !isspace((unsigned char)s[i - 1])))
			continue;
		while (i > 0 && isspace((unsigned char)s[i - 1]))
			i--;
		return i;
	}
	return n;
}

static void
add_utf8(struct strbuf *sb, unsigned c)
{
	char b[4];
	size_t n;

	if (c < 0x80)
		b[0] = (char)c, n = 1;
	else if (c < 0x800)
		b[0] = (char)(0xc0 | c >> 6), b[1] = (char)(0x80 | (c & 0x3f)),
		    n = 2;
	else if (c < 0x10000)
		b[0] = (char)(0xe0 | c >> 12), b[1] = (char)(0x80 |
		    (c >> 6 & 0x3f)), b[2] = (char)(0x80 | (c & 0x3f)), n = 3;
	else
		b[0] = (char)(0xf0 | c >> 18), b[1] = (char)(0x80 |
		    (c >> 12 & 0x3f)), b[2] = (char)(0x80 | (c >> 6 & 0x3f)),
		    b[3] = (char)(0x80 | (c & 0x3f)), n = 4;
	sb_add(sb, b, n);
}

/* A UTF-8 copy of UTF-16 text (after its BOM); bad surrogates become U+FFFD. */
static struct source *
decode_utf16(const struct source *src, int be)
{
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *s = (const unsigned char *)src->text;
	struct source *out;
	size_t i;
	unsigned c, c2;

	for (i = 2; i + 1 < src->len; i += 2) {
		c = be ? (unsigned)(s[i] << 8 | s[i + 1]) :
		    (unsigned)(s[i + 1] << 8 | s[i]);
		if (c >= 0xd800 && c <= 0xdbff && i + 3 < src->len) {
			c2 = be ? (unsigned)(s[i + 2] << 8 | s[i + 3]) :
			    (unsigned)(s[i + 3] << 8 | s[i + 2]);
			if (c2 >= 0xdc00 && c2 <= 0xdfff) {
				c = 0x10000 + ((c - 0xd800) << 10) + (c2 - 0xdc00);
				i += 2;
			}
		}
		if (c >= 0xd800 && c <= 0xdfff)
			c = 0xfffd;
		add_utf8(&sb, c);
	}
	out = src_new(src->name, sb_str(&sb), sb.len);
	sb_release(&sb);
	return out;
}

static const struct req_opt *
find_opt(const char *w, size_t n, const char **attached)
{
	size_t i, k;

	*attached = NULL;
	for (i = 0; i < sizeof(req_opts) / sizeof(req_opts[0]); i++) {
		const struct req_opt *o = &req_opts[i];

		k = strlen(o->lng);
		if (n >= k && strncmp(w, o->lng, k) == 0 &&
		    (w[k] == '\0' || w[k] == '=')) {
			if (w[k] == '=')
				*attached = w + k + 1;
			return o;
		}
		if (o->shrt != NULL && strncmp(w, o->shrt, 2) == 0) {
			if (w[2] != '\0')
				*attached = w + 2 + (w[2] == '=');
			return o;
		}
	}
	return NULL;
}

/* The name in a URL's #egg=NAME fragment, with its length, or NULL. */
static const char *
egg_name(const char *url, size_t *n)
{
	const char *e = strstr(url, "#egg=");

	if (e == NULL && (e = strstr(url, "&egg=")) == NULL)
		return NULL;
	e += 5;
	for (*n = 0; e[*n] != '\0' && (isalnum((unsigned char)e[*n]) ||
	    strchr("-_.", e[*n]) != NULL); (*n)++)
		;
	return *n > 0 ? e : NULL;
}

/* A URL, a path or an archive rather than a PEP 508 requirement. */
static int
is_url_or_path(const char *s, size_t n)
{
	static const char *const exts[] = { ".whl", ".zip", ".tar.gz",
		".tgz", ".tar.bz2", ".tar.xz", NULL };
	size_t i, k, sp = strcspn(s, " \t");
	const char *colon = memchr(s, ':', sp);

	if (colon != NULL && colon > s && strncmp(colon, "://", 3) == 0) {
		for (i = 0; s + i < colon; i++)
			if (!isalnum((unsigned char)s[i]) && s[i] != '+' &&
			    s[i] != '.' && s[i] != '-')
				break;
		if (s + i == colon)
			return 1;
	}
	if (strncmp(s, "file:", 5) == 0 || s[0] == '.' || s[0] == '/' ||
	    s[0] == '~')
		return 1;
	if (memchr(s, '@', n) == NULL && memchr(s, '/', sp) != NULL)
		return 1;
	for (i = 0; exts[i] != NULL; i++) {
		k = strlen(exts[i]);
		if (sp >= k && strncmp(s + sp - k, exts[i], k) == 0)
			return 1;
	}
	return 0;
}

/* A requirement given as a URL or path (pip's "; " separates a marker). */
static void
url_requirement(struct pydeps *d, size_t ri, const struct pd_text *t)
{
	const char *semi = strstr(t->s, " ;"), *egg;
	struct pydeps_rec *r = &d->v[ri];
	size_t end = semi ? (size_t)(semi - t->s) : t->len, n;

	while (end > 0 && isspace((unsigned char)t->s[end - 1]))
		end--;
	r->url = pd_strndup(d, t->s, end);
	r->spec = "";
	if (semi != NULL) {
		const char *m = semi + 2;

		while (isspace((unsigned char)*m))
			m++;
		r->marker = pd_strdup(d, m);
	}
	if ((egg = egg_name(r->url, &n)) != NULL) {
		pd_set_name(d, r, egg, n);
		r->name_span = pd_text_span(t, (size_t)(egg - r->url),
		    (size_t)(egg - r->url) + n);
	}
}

/* Reads the requirement in t (pip's "args" part of a line). */
static size_t
requirement(struct pydeps *d, const struct pd_text *t, int editable)
{
	struct pydeps_rec *r = pd_add(d, PYDEPS_REQ, PYDEPS_SRC_REQUIREMENTS,
	    pd_text_span(t, 0, t->len));
	size_t ri = d->n - 1;

	r->group = "main";
	r->editable = editable;
	if (editable || is_url_or_path(t->s, t->len))
		url_requirement(d, ri, t);
	else
		pd_parse_pep508(d, ri, t);
	return ri;
}

/* The words of an options string, split as pip does with shlex. */
static int
split_words(struct pydeps *d, const struct req_line *l, size_t from,
    struct sw_words *w)
{
	struct sw_error e;

	if (sw_split(l->sb.buf + from, l->sb.len - from, d->src, 0,
	    l->off.v + from, w, &e) == 0)
		return 0;
	if (strcmp(e.message, "No closing quotation") == 0)
		pd_error(d, PYDEPS_SRC_REQUIREMENTS, e.span,
		    "no closing quotation in the options");
	else
		pd_error(d, PYDEPS_SRC_REQUIREMENTS, e.span,
		    "nothing after a backslash in the options");
	return -1;
}

/* One option and its value (words i and maybe i+1); returns words used. */
static size_t
option(struct pydeps *d, const struct sw_words *w, size_t i, ssize_t req)
{
	const struct sw_word *wd = &w->v[i];
	const char *val;
	const struct req_opt *o = find_opt(wd->value, wd->len, &val);
	struct span sp = wd->span;
	struct pydeps_rec *r;
	size_t used = 1;

	if (o == NULL) {
		pd_error(d, PYDEPS_SRC_REQUIREMENTS, wd->span,
		    "unknown option '%s'", wd->value);
		return 1;
	}
	if (o->arg == OPT_ARG && val == NULL) {
		if (i + 1 >= w->n) {
			pd_error(d, PYDEPS_SRC_REQUIREMENTS, wd->span,
			    "option '%s' needs a value", wd->value);
			return 1;
		}
		val = w->v[i + 1].value;
		sp = span_join(sp, w->v[i + 1].span);
		used = 2;
	}
	if (req >= 0 && strcmp(o->lng, "--hash") == 0) {
		r = &d->v[req];
		pd_list_add(d, &r->hashes, &r->nhashes, pd_strdup(d, val));
		return used;
	}
	/* Like pip, ignore global options on a requirement line and the reverse. */
	if ((req >= 0) != o->per_req)
		return used;
	if (req >= 0)
		return used;
	if (o->rec == PYDEPS_REQ) {
		struct pd_text t = { val, strlen(val), NULL, 0, 0, sp };

		requirement(d, &t, 1);
		d->v[d->n - 1].option = strncmp(wd->value, "--", 2) == 0 ?
		    o->lng : o->shrt;
		return used;
	}
	r = pd_add(d, o->rec, PYDEPS_SRC_REQUIREMENTS, sp);
	r->option = o->lng;
	r->value = val != NULL ? pd_strdup(d, val) : NULL;
	return used;
}

static void
options(struct pydeps *d, const struct req_line *l, size_t from, ssize_t req)
{
	struct sw_words w = { 0 };
	size_t i;

	if (split_words(d, l, from, &w) == 0)
		for (i = 0; i < w.n; i += option(d, &w, i, req))
			;
	sw_words_free(&w);
}

/* A logical line, comment gone and trimmed: options or a requirement. */
static void
logical_line(struct pydeps *d, struct req_line *l)
{
	const char *s = l->sb.buf;
	size_t n = l->sb.len, args;
	struct pd_text t;
	ssize_t ri;

	if (strncmp(s, "{%", 2) == 0 || strncmp(s, "{{", 2) == 0 ||
	    strncmp(s, "{#", 2) == 0) {
		pd_add(d, PYDEPS_TEMPLATE, PYDEPS_SRC_REQUIREMENTS,
		    span_make(d->src, l->off.v[0], l->off.v[n - 1] + 1 -
		    l->off.v[0]));
		return;
	}
	if (s[0] == '-') {
		options(d, l, 0, -1);
		return;
	}
	/* pip's break_args_options: words split at ' ' until one starts with -. */
	for (args = 0; args < n; args++)
		if (s[args] == '-' && args > 0 && s[args - 1] == ' ')
			break;
	t.s = xstrndup(s, args);
	while (args > 0 && t.s[args - 1] == ' ')
		args--;
	t.len = args;
	((char *)t.s)[args] = '\0';
	t.off = l->off.v;
	t.linear = 0;
	t.whole = span_make(d->src, l->off.v[0], 0);
	ri = (ssize_t)requirement(d, &t, 0);
	free((char *)t.s);
	if (args < n)
		options(d, l, args, ri);
}

/* Strips the comment and the surrounding space, then reads what is left. */
static void
finish_line(struct pydeps *d, struct req_line *l)
{
	size_t c = comment_start(l->sb.buf, l->sb.len), start = 0;

	while (c > 0 && isspace((unsigned char)l->sb.buf[c - 1]))
		c--;
	while (start < c && isspace((unsigned char)l->sb.buf[start]))
		start++;
	if (start < c) {
		memmove(l->sb.buf, l->sb.buf + start, c - start);
		memmove(l->off.v, l->off.v + start, (c - start) * sizeof(size_t));
		l->sb.len = c - start;
		l->sb.buf[l->sb.len] = '\0';
		l->off.n = c - start;
		logical_line(d, l);
	}
	line_reset(l);
}

int
pd_read_requirements(const struct source *src, struct pydeps *d)
{
	struct req_line l = { STRBUF_INIT, { 0 } };
	size_t pos = 0, end, next;
	const char *s;

	if (src->len >= 2 && ((unsigned char)src->text[0] == 0xff ||
	    (unsigned char)src->text[0] == 0xfe) &&
	    (unsigned char)src->text[1] == ((unsigned char)src->text[0] ^ 1))
		src = decode_utf16(src, (unsigned char)src->text[0] == 0xfe);
	else if (src->len >= 3 && memcmp(src->text, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	d->src = src;
	s = src->text;
	/* pip's join_lines: a line ending in \ (and not a comment) goes on. */
	for (; pos < src->len; pos = next) {
		end = pos + strcspn(s + pos, "\r\n");
		if (end > src->len)
			end = src->len;
		next = end + (end < src->len) + (s[end] == '\r' &&
		    end + 1 < src->len && s[end + 1] == '\n');
		if (end > pos && s[end - 1] == '\\' &&
		    comment_start(s + pos, end - pos) == end - pos) {
			line_add(&l, s + pos, end - pos - 1, pos);
			continue;
		}
		if (l.sb.len > 0 && comment_start(s + pos, end - pos) == 0)
			line_add(&l, " ", 1, pos);
		line_add(&l, s + pos, end - pos, pos);
		finish_line(d, &l);
	}
	if (l.sb.len > 0)
		finish_line(d, &l);
	sb_release(&l.sb);
	free(l.off.v);
	return 0;
}
