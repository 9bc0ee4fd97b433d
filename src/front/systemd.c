/*
 * systemd.c: reads a systemd unit file the way systemd's conf-parser.c and
 * load-fragment.c do (systemd.syntax(7), systemd.service(5), systemd.exec(5)):
 * the INI lines, then the [Service] settings that say how a process is
 * started, with systemd's own word splitting, escapes and specifiers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "front/front.h"

#define SD_WS " \t\n\r"	/* systemd's WHITESPACE */

/* Bytes under construction, each with the source offset it came from. */
struct sd_buf {
	struct strbuf sb;
	VEC(size_t) off;
};

struct sd_ctx {
	struct sd_unit *u;
	const struct source *src;	/* the file being read: the unit or a drop-in */
	const char *section;		/* NULL before the first header */
	struct sd_buf line;		/* the logical line being read */
	int cont;			/* line ends in a backslash: more follows */
	const char *spec[128];		/* specifier values known from the name */
};

static void
buf_add(struct sd_buf *b, const char *s, size_t n, size_t at)
{
	size_t i;

	sb_add(&b->sb, s, n);
	for (i = 0; i < n; i++)
		VEC_PUSH(&b->off, at);
}

static void
buf_reset(struct sd_buf *b)
{
	sb_reset(&b->sb);
	b->off.n = 0;
}

static void
buf_release(struct sd_buf *b)
{
	sb_release(&b->sb);
	free(b->off.v);
}

/* A word of b's bytes, covering source bytes [from, to). */
static struct sw_word
buf_word(const struct sd_ctx *c, const struct sd_buf *b, size_t from,
    size_t to)
{
	struct sw_word w;

	w.len = b->sb.len;
	w.value = xstrndup(sb_str(&b->sb), w.len);
	w.off = xmalloc((w.len + 1) * sizeof(size_t));
	if (w.len)
		memcpy(w.off, b->off.v, w.len * sizeof(size_t));
	w.span = span_make(c->src, from, to > from ? to - from : 0);
	return w;
}

static void
word_release(struct sw_word *w)
{
	free(w->value);
	free(w->off);
}

/* Source span of buffer bytes [a, b) of s with offsets o. */
static struct span
sd_span(const struct sd_ctx *c, const size_t *o, size_t a, size_t b)
{
	if (b <= a)
		return span_make(c->src, o[a], 0);
	return span_make(c->src, o[a], o[b - 1] + 1 - o[a]);
}

static void
sd_error(struct sd_ctx *c, struct span sp, int warning, const char *fmt, ...)
    GL_PRINTF(4, 5);

static void
sd_error(struct sd_ctx *c, struct span sp, int warning, const char *fmt, ...)
{
	struct procs_error e = { 0 };
	va_list ap;
	char *m;

	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	e.message = arena_strdup(c->u->arena, m);
	e.span = sp;
	e.warning = warning;
	free(m);
	VEC_PUSH(&c->u->errors, e);
}

/* ---- unit names and specifiers (systemd.unit(5), "Specifiers") ---------- */

/* unit_name_unescape: "-" is "/", "\xNN" is that byte. */
static char *
sd_unescape(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	struct strbuf sb = STRBUF_INIT;
	const char *h1, *h2;
	char *r;

	for (; *s; s++) {
		if (*s == '-')
			sb_addch(&sb, '/');
		else if (s[0] == '\\' && s[1] == 'x' && s[2] && s[3] &&
		    (h1 = strchr(hex, s[2])) && (h2 = strchr(hex, s[3]))) {
			sb_addch(&sb, (char)((h1 - hex) << 4 | (h2 - hex)));
			s += 3;
		} else
			sb_addch(&sb, *s);
	}
	r = arena_strdup(a, sb_str(&sb));
	sb_release(&sb);
	return r;
}

static char *
sd_slash(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	char *r = arena_alloc(a, n + 2);

	r[0] = '/';
	memcpy(r + 1, s, n + 1);
	return r;
}

/* %n %N %p %P %i %I %j %J %f from "prefix@instance.type". */
static void
sd_name_specs(struct sd_ctx *c, const char *name)
{
	struct arena *a = c->u->arena;
	const char *dot = strrchr(name, '.'), *at, *j;
	char *noext, *prefix, *inst, *f;

	noext = arena_strndup(a, name, dot ? (size_t)(dot - name) : strlen(name));
	at = strchr(noext, '@');
	prefix = arena_strndup(a, noext, at ? (size_t)(at - noext) :
	    strlen(noext));
	inst = arena_strdup(a, at ? at + 1 : "");
	j = strrchr(prefix, '-');
	j = j ? j + 1 : prefix;
	c->spec['n'] = name;
	c->spec['N'] = noext;
	c->spec['p'] = prefix;
	c->spec['P'] = sd_unescape(a, prefix);
	c->spec['i'] = inst;
	c->spec['I'] = sd_unescape(a, inst);
	c->spec['j'] = j;
	c->spec['J'] = sd_unescape(a, j);
	f = sd_unescape(a, *inst ? inst : prefix);
	c->spec['f'] = *f == '/' ? f : sd_slash(a, f);
}

/* Every specifier systemd 252 knows in unit files; others are refused. */
static int
sd_spec_known(char ch)
{
	return ch != '\0' &&
	    strchr("aAbBCdDEfgGhHiIjJlLmMnNopPqsStTuUvVwWyY", ch) != NULL;
}

/*
 * specifier_printf over s[0..n): "%%" is "%", a known specifier is
 * replaced when the unit name gives it (its bytes point at the "%") and
 * kept as written otherwise, a final lone "%" stays.  Returns the
 * unknown specifier, or 0.
 */
static char
sd_printf(struct sd_ctx *c, const char *s, const size_t *o, size_t n,
    size_t word, struct sd_buf *out, void *specs_vec)
{
	VEC(struct sd_spec) *specs = specs_vec;
	size_t i;

	for (i = 0; i < n; i++) {
		struct sd_spec sp;
		unsigned char ch;

		if (s[i] != '%' || i + 1 == n) {
			buf_add(out, s + i, 1, o[i]);
			continue;
		}
		ch = (unsigned char)s[++i];
		if (ch == '%') {
			buf_add(out, "%", 1, o[i - 1]);
			continue;
		}
		if (ch >= 128 || !sd_spec_known((char)ch))
			return (char)(ch ? ch : '?');
		sp.spec = (char)ch;
		sp.word = word;
		sp.span = span_make(c->src, o[i - 1], o[i] + 1 - o[i - 1]);
		sp.expanded = c->spec[ch] != NULL;
		if (sp.expanded) {
			/* the last byte on the letter: a span covers "%i" */
			size_t k = strlen(c->spec[ch]);

			buf_add(out, c->spec[ch], k > 1 ? k - 1 : k, o[i - 1]);
			if (k > 1)
				buf_add(out, c->spec[ch] + k - 1, 1, o[i]);
		}
		else {
			buf_add(out, s + i - 1, 1, o[i - 1]);
			buf_add(out, s + i, 1, o[i]);
		}
		VEC_PUSH(specs, sp);
	}
	return 0;
}

/* Runs sd_printf on word w in place; reports an unknown specifier. */
static int
sd_printf_word(struct sd_ctx *c, struct sw_word *w, size_t word, void *specs,
    int warning)
{
	struct sd_buf out = { STRBUF_INIT, { 0 } };
	struct sw_word nw;
	char bad = sd_printf(c, w->value, w->off, w->len, word, &out, specs);

	if (bad) {
		sd_error(c, w->span, warning, "failed to resolve unit specifiers in "
		    "'%s': unknown specifier '%%%c'", w->value, bad);
		buf_release(&out);
		return -1;
	}
	nw = buf_word(c, &out, w->span.off, w->span.off + w->span.len);
	word_release(w);
	*w = nw;
	buf_release(&out);
	return 0;
}

/* ---- extract_first_word(EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE) -------------- */

static int
sd_hex(char ch)
{
	static const char hex[] = "0123456789abcdef0123456789ABCDEF";
	const char *p = ch ? strchr(hex, ch) : NULL;

	return p ? (int)((p - hex) & 15) : -1;
}

static size_t
sd_utf8_put(char *b, unsigned long u)
{
	if (u < 0x80)
		return b[0] = (char)u, 1;
	if (u < 0x800)
		return b[0] = (char)(0xC0 | u >> 6), b[1] = (char)(0x80 | (u & 0x3F)), 2;
	if (u < 0x10000) {
		b[0] = (char)(0xE0 | u >> 12);
		b[1] = (char)(0x80 | ((u >> 6) & 0x3F));
		b[2] = (char)(0x80 | (u & 0x3F));
		return 3;
	}
	b[0] = (char)(0xF0 | u >> 18);
	b[1] = (char)(0x80 | ((u >> 12) & 0x3F));
	b[2] = (char)(0x80 | ((u >> 6) & 0x3F));
	b[3] = (char)(0x80 | (u & 0x3F));
	return 4;
}

/*
 * cunescape_one(accept_nul = false) on the bytes after a backslash: the
 * C escapes \a \b \f \n \r \t \v \\ \" \', systemd's \s (a space), \xNN,
 * \uNNNN, \UNNNNNNNN and three-digit octal, never NUL.  Writes the result
 * to b and returns how many bytes were read, or -1 (-EINVAL).
 */
static int
sd_cunescape(const char *p, size_t n, char *b, size_t *blen)
{
	static const char from[] = "abfnrtv\\\"'s", to[] = "\a\b\f\n\r\t\v\\\"' ";
	const char *k = *p ? strchr(from, *p) : NULL;
	unsigned long u = 0;
	size_t i, want;

	if (k != NULL) {
		b[0] = to[k - from];
		*blen = 1;
		return 1;
	}
	if (*p >= '0' && *p <= '7') {
		for (i = 0; i < 3; i++) {
			if (i >= n || p[i] < '0' || p[i] > '7')
				return -1;
			u = u * 8 + (unsigned long)(p[i] - '0');
		}
		if (u == 0 || u > 255)
			return -1;
		b[0] = (char)u;
		*blen = 1;
		return 3;
	}
	want = *p == 'x' ? 2 : *p == 'u' ? 4 : *p == 'U' ? 8 : 0;
	if (want == 0 || n < want + 1)
		return -1;
	for (i = 1; i <= want; i++) {
		if (sd_hex(p[i]) < 0)
			return -1;
		u = u << 4 | (unsigned long)sd_hex(p[i]);
	}
	if (u == 0 || (*p != 'x' && (u > 0x10FFFF ||
	    (u >= 0xD800 && u <= 0xDFFF))))
		return -1;
	if (*p == 'x')
		b[0] = (char)u, *blen = 1;
	else
		*blen = sd_utf8_put(b, u);
	return (int)want + 1;
}

/*
 * One word of s[*pos..n) (offsets o): quotes may open anywhere in a word
 * and are removed, a backslash escapes in and out of either kind of quote,
 * whitespace separates.  relax is EXTRACT_UNESCAPE_RELAX: an unknown
 * escape (or a final backslash outside quotes) is kept as written.
 * Returns 1 with the word in w and its bytes [*from, *to), 0 at the end,
 * -1 for bad quoting or escapes.
 */
static int
sd_extract(const char *s, const size_t *o, size_t n, size_t *pos, int relax,
    struct sd_buf *w, size_t *from, size_t *to)
{
	size_t i = *pos, bl;
	char quote = 0, b[4];
	int r;

	buf_reset(w);
	while (i < n && strchr(SD_WS, s[i]) != NULL && s[i])
		i++;
	if ((*pos = i) == n)
		return 0;
	*from = i;
	while (i < n) {
		if (s[i] == '\\') {
			if (i + 1 == n) {
				if (!relax || quote)
					return -1;
				buf_add(w, "\\", 1, o[i++]);
				break;
			}
			r = sd_cunescape(s + i + 1, n - i - 1, b, &bl);
			if (r < 0 && !relax)
				return -1;
			if (r < 0) {
				buf_add(w, s + i, 2, o[i]);
				w->off.v[w->off.n - 1] = o[i + 1];
				r = 1;
			} else
				buf_add(w, b, bl, o[i]);
			i += (size_t)r + 1;
		} else if (quote) {
			if (s[i] != quote)
				buf_add(w, s + i, 1, o[i]);
			else
				quote = 0;
			i++;
		} else if (s[i] == '\'' || s[i] == '"') {
			quote = s[i++];
		} else if (strchr(SD_WS, s[i]) != NULL && s[i]) {
			break;
		} else
			buf_add(w, s + i, 1, o[i]), i++;
	}
	if (quote)
		return -1;
	*to = i;
	while (i < n && strchr(SD_WS, s[i]) != NULL && s[i])
		i++;
	*pos = i;
	return 1;
}

/* A copy of value bytes [k, len) of w as a word of its own. */
static struct sw_word
sd_subword(const struct sw_word *w, size_t k)
{
	struct sw_word r;

	r.len = w->len - k;
	r.value = xstrndup(w->value + k, r.len);
	r.off = xmalloc((r.len + 1) * sizeof(size_t));
	if (r.len)
		memcpy(r.off, w->off + k, r.len * sizeof(size_t));
	r.span = w->span;
	if (k > 0 && k < w->len) {
		r.span.len -= w->off[k] - w->span.off;
		r.span.off = w->off[k];
	}
	return r;
}

/*
 * extract_first_word_and_warn: strict first; on failure again keeping
 * unknown escapes, with systemd's warning; still failing is bad quoting.
 * The word's source bytes become w's span.
 */
static int
sd_word(struct sd_ctx *c, const struct sw_word *v, size_t *pos,
    struct sw_word *out, int warning)
{
	struct sd_buf b = { STRBUF_INIT, { 0 } };
	size_t save = *pos, from = 0, to = 0;
	int r = sd_extract(v->value, v->off, v->len, pos, 0, &b, &from, &to);

	if (r < 0) {
		*pos = save;
		r = sd_extract(v->value, v->off, v->len, pos, 1, &b, &from, &to);
		if (r > 0)
			sd_error(c, sd_span(c, v->off, from, to), 1, "ignoring "
			    "unknown escape sequences: \"%s\"", sb_str(&b.sb));
		else
			sd_error(c, v->span, warning, "unbalanced quoting, "
			    "ignoring: \"%s\"", v->value);
	}
	if (r > 0)
		*out = buf_word(c, &b, v->off[from], v->off[to - 1] + 1);
	buf_release(&b);
	return r;
}

/* ---- Exec*= (config_parse_exec) ----------------------------------------- */

/* The prefixes of the first word, each at most once; returns their length. */
static size_t
sd_exec_prefixes(const char *f, unsigned *flags)
{
	const unsigned priv = SD_EXEC_PRIVILEGED | SD_EXEC_NO_SETUID |
	    SD_EXEC_AMBIENT;
	size_t k;

	for (k = 0;; k++) {
		if (f[k] == '-' && !(*flags & SD_EXEC_IGNORE_FAILURE))
			*flags |= SD_EXEC_IGNORE_FAILURE;
		else if (f[k] == '@' && !(*flags & SD_EXEC_ARGV0))
			*flags |= SD_EXEC_ARGV0;
		else if (f[k] == ':' && !(*flags & SD_EXEC_NO_ENV_EXPAND))
			*flags |= SD_EXEC_NO_ENV_EXPAND;
		else if (f[k] == '+' && !(*flags & priv))
			*flags |= SD_EXEC_PRIVILEGED;
		else if (f[k] == '!' && !(*flags & priv))
			*flags |= SD_EXEC_NO_SETUID;
		else if (f[k] == '!' && !(*flags & (SD_EXEC_PRIVILEGED |
		    SD_EXEC_AMBIENT)))
			*flags = (*flags & ~(unsigned)SD_EXEC_NO_SETUID) |
			    SD_EXEC_AMBIENT;
		else
			return k;
	}
}

/* What systemd says of an executable it refuses, or NULL. */
static const char *
sd_exec_path_error(const char *p, size_t n)
{
	if (n == 0)
		return "empty path in command line";
	if (p[n - 1] == '/')
		return "executable path specifies a directory";
	if (memchr(p, '\n', n) != NULL || memchr(p, '\t', n) != NULL)
		return "executable name contains special characters";
	if (p[0] != '/' && (memchr(p, '/', n) != NULL || strcmp(p, ".") == 0 ||
	    strcmp(p, "..") == 0))
		return "neither a valid executable name nor an absolute path";
	return NULL;
}

static int
sd_ws(char ch)
{
	return ch != '\0' && strchr(SD_WS, ch) != NULL;
}

static void
sd_exec_release(struct sd_exec *e)
{
	sw_words_free(&e->words);
	free(e->refs.v);
	free(e->specs.v);
}

/*
 * The arguments after the executable, up to a lone ";" (another command
 * follows: returns 1) or the end (0); "\;" is a literal ";" word.
 * Returns -1 when systemd drops the line.
 */
static int
sd_exec_args(struct sd_ctx *c, const struct sw_word *v, size_t *pos,
    struct sd_exec *e, int ign)
{
	const char *s = v->value;
	struct sw_word w;
	int r;

	while (*pos < v->len) {
		size_t p = *pos;

		if (s[p] == ';' && (p + 1 == v->len || sd_ws(s[p + 1]))) {
			for (p++; p < v->len && sd_ws(s[p]); p++)
				;
			*pos = p;
			return 1;
		}
		if (s[p] == '\\' && p + 1 < v->len && s[p + 1] == ';' &&
		    (p + 2 == v->len || sd_ws(s[p + 2]))) {
			sw_push(&e->words, ";", 1, sd_span(c, v->off, p, p + 2));
			e->words.v[e->words.n - 1].off = xmalloc(sizeof(size_t));
			e->words.v[e->words.n - 1].off[0] = v->off[p + 1];
			for (p += 2; p < v->len && sd_ws(s[p]); p++)
				;
			*pos = p;
			continue;
		}
		if ((r = sd_word(c, v, pos, &w, ign)) == 0)
			break;
		if (r < 0 || sd_printf_word(c, &w, e->words.n, &e->specs,
		    ign) < 0) {
			if (r > 0)
				word_release(&w);
			return -1;
		}
		VEC_PUSH(&e->words, w);
	}
	return 0;
}

static int
sd_name_char(char ch)
{
	return ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9');
}

static void
sd_ref_push(struct sd_ctx *c, struct sd_exec *e, size_t wi, size_t from,
    size_t len, size_t nfrom, size_t nlen, enum sd_ref_mode mode)
{
	const struct sw_word *w = &e->words.v[wi];
	struct sd_ref r;

	r.name = arena_strndup(c->u->arena, w->value + nfrom, nlen);
	r.mode = mode;
	r.word = wi;
	r.from = from;
	r.len = len;
	r.span = sw_value_span(w, from, len);
	r.env_value = NULL;
	VEC_PUSH(&e->refs, r);
}

/*
 * Where systemd substitutes variables when it execs (replace_env_argv):
 * a word that is $NAME becomes the value split at whitespace; ${NAME}
 * (and ${NAME:-x}, ${NAME:+x}) anywhere becomes the value as one piece;
 * $NAME inside a longer word, and everything after ":", is left as is.
 * "$$" is a "$".  With "@", words[0] is only the path and is not argv.
 */
static void
sd_exec_refs(struct sd_ctx *c, struct sd_exec *e)
{
	size_t wi, i, k;
	int lit = (e->flags & SD_EXEC_NO_ENV_EXPAND) != 0;

	for (wi = (e->flags & SD_EXEC_ARGV0) ? 1 : 0; wi < e->words.n; wi++) {
		const char *s = e->words.v[wi].value;
		size_t n = e->words.v[wi].len;

		if (!lit && n > 0 && s[0] == '$' && s[1] != '{' && s[1] != '$') {
			sd_ref_push(c, e, wi, 0, n, 1, n - 1, SD_REF_SPLIT);
			continue;
		}
		for (i = 0; i + 1 < n; i++) {
			if (s[i] != '$')
				continue;
			if (s[i + 1] == '$' && !lit) {
				i++;
			} else if (s[i + 1] == '{') {
				const char *z = memchr(s + i, '}', n - i);

				if (z == NULL)
					break;
				for (k = i + 2; s[k] != '}' && s[k] != ':'; k++)
					;
				sd_ref_push(c, e, wi, i, (size_t)(z - s) + 1 - i,
				    i + 2, k - i - 2, lit ? SD_REF_LITERAL :
				    SD_REF_BRACED);
				i = (size_t)(z - s);
			} else if (sd_name_char(s[i + 1])) {
				for (k = i + 1; k < n && sd_name_char(s[k]); k++)
					;
				sd_ref_push(c, e, wi, i, k - i, i + 1, k - i - 1,
				    SD_REF_LITERAL);
				i = k - 1;
			}
		}
	}
}

/*
 * One command of an Exec*= line from *pos: prefixes, the executable
 * (specifiers resolved as for a path), its arguments.  Returns 1 when
 * another command follows, 0 at the end, -1 when systemd drops the rest.
 */
static int
sd_exec_one(struct sd_ctx *c, const struct sd_assign *a, size_t *pos)
{
	struct sd_exec e = { 0 };
	struct sw_word w, path;
	const char *err;
	size_t k;
	int r;

	if ((r = sd_word(c, &a->value, pos, &w, 1)) <= 0)
		return r < 0 ? -1 : 0;
	if (strcmp(w.value, ";") == 0) {
		word_release(&w);
		return 1;
	}
	e.key = a->key;
	k = sd_exec_prefixes(w.value, &e.flags);
	path = sd_subword(&w, k);
	e.span = w.span;
	word_release(&w);
	if (sd_printf_word(c, &path, 0, &e.specs, 1) < 0) {
		word_release(&path);
		sd_exec_release(&e);
		return -1;
	}
	VEC_PUSH(&e.words, path);
	if ((err = sd_exec_path_error(path.value, path.len)) != NULL) {
		sd_error(c, path.span, (e.flags & SD_EXEC_IGNORE_FAILURE) != 0,
		    "%s: '%s'", err, a->value.value);
		sd_exec_release(&e);
		return -1;
	}
	r = sd_exec_args(c, &a->value, pos, &e,
	    (e.flags & SD_EXEC_IGNORE_FAILURE) != 0);
	if (r >= 0 && (e.flags & SD_EXEC_ARGV0) && e.words.n < 2) {
		sd_error(c, a->value.span, (e.flags & SD_EXEC_IGNORE_FAILURE) != 0,
		    "empty executable name or zeroeth argument: '%s'",
		    a->value.value);
		r = -1;
	}
	if (r < 0) {
		sd_exec_release(&e);
		return -1;
	}
	e.span = span_join(e.span, e.words.v[e.words.n - 1].span);
	sd_exec_refs(c, &e);
	VEC_PUSH(&c->u->execs, e);
	return r;
}

static void
sd_exec_parse(struct sd_ctx *c, const struct sd_assign *a, int key)
{
	struct sd_exec e = { 0 };
	size_t pos = 0;

	(void)key;
	if (a->value.len == 0) {
		e.key = a->key;
		e.reset = 1;
		e.span = a->value.span;
		VEC_PUSH(&c->u->execs, e);
		return;
	}
	while (sd_exec_one(c, a, &pos) > 0)
		;
}

/* ---- Environment= (config_parse_environ) -------------------------------- */

static int
sd_env_name_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (i = 0; i < n; i++)
		if (!sd_name_char(s[i]))
			return 0;
	return 1;
}

/* Names, values and their spans from the word NAME=value (= at eq). */
static void
sd_env_fill(struct sd_ctx *c, struct sd_env *e, size_t eq)
{
	const struct sw_word *w = &e->word;

	e->name = arena_strndup(c->u->arena, w->value, eq);
	e->value = arena_strndup(c->u->arena, w->value + eq + 1,
	    w->len - eq - 1);
	e->name_span = sw_value_span(w, 0, eq);
	e->value_span = sw_value_span(w, eq + 1, w->len - eq - 1);
}

/*
 * Words split like Exec*= lines but without the second, relaxed try: a
 * bad escape or quote drops the rest of the line.  Each word must be
 * NAME=value with NAME a shell variable name.
 */
static void
sd_env_parse(struct sd_ctx *c, const struct sd_assign *a, int key)
{
	struct sd_buf b = { STRBUF_INIT, { 0 } };
	const struct sw_word *v = &a->value;
	size_t pos = 0, from, to;
	int r;

	(void)key;
	if (v->len == 0) {
		struct sd_env e = { 0 };

		e.reset = 1;
		e.word = sd_subword(v, 0);
		VEC_PUSH(&c->u->envs, e);
	}
	while ((r = sd_extract(v->value, v->off, v->len, &pos, 0, &b, &from,
	    &to)) != 0) {
		struct sd_env e = { 0 };
		const char *eq;

		if (r < 0) {
			sd_error(c, v->span, 1, "invalid syntax, ignoring: %s",
			    v->value);
			break;
		}
		e.word = buf_word(c, &b, v->off[from], v->off[to - 1] + 1);
		if (sd_printf_word(c, &e.word, 0, &e.specs, 1) < 0)
			goto drop;
		eq = memchr(e.word.value, '=', e.word.len);
		if (eq == NULL || !sd_env_name_ok(e.word.value,
		    (size_t)(eq - e.word.value)) ||
		    memchr(e.word.value, '\0', e.word.len) != NULL) {
			sd_error(c, e.word.span, 1, "invalid environment "
			    "assignment, ignoring: %s", e.word.value);
			goto drop;
		}
		sd_env_fill(c, &e, (size_t)(eq - e.word.value));
		VEC_PUSH(&c->u->envs, e);
		continue;
drop:
		word_release(&e.word);
		free(e.specs.v);
	}
	buf_release(&b);
}

/* ---- EnvironmentFile=, User=, Group=, WorkingDirectory=, ListenStream= -- */

static enum sd_listen
sd_listen_kind(const char *v)
{
	if (v[0] == '/')
		return SD_LISTEN_PATH;
	if (v[0] == '@')
		return SD_LISTEN_ABSTRACT;
	if (strncmp(v, "vsock:", 6) == 0)
		return SD_LISTEN_OTHER;
	if (v[0] != '\0' && strspn(v, "0123456789") == strlen(v))
		return SD_LISTEN_PORT;
	return SD_LISTEN_ADDRESS;
}

/*
 * These values are taken whole (no unquoting).  EnvironmentFile= and
 * WorkingDirectory= take a "-" (a missing path is fine) and must then be
 * absolute; WorkingDirectory=~ is the home of User=.
 */
static void
sd_setting_parse(struct sd_ctx *c, const struct sd_assign *a, int key)
{
	struct sd_setting s = { 0 };
	int pathy = key == SD_ENVIRONMENT_FILE || key == SD_WORKING_DIRECTORY;

	s.key = (enum sd_key)key;
	s.span = a->value.span;
	s.reset = a->value.len == 0;
	s.optional = pathy && a->value.value[0] == '-';
	s.value = sd_subword(&a->value, (size_t)s.optional);
	if (key == SD_WORKING_DIRECTORY && strcmp(s.value.value, "~") == 0)
		s.home = 1;
	else if (!s.reset && sd_printf_word(c, &s.value, 0, &s.specs,
	    key == SD_ENVIRONMENT_FILE || s.optional) < 0)
		goto drop;
	if (pathy && !s.reset && !s.home && s.value.value[0] != '/') {
		sd_error(c, s.value.span, key == SD_ENVIRONMENT_FILE ||
		    s.optional, "path '%s' is not absolute", s.value.value);
		goto drop;
	}
	if (key == SD_LISTEN_STREAM)
		s.listen = sd_listen_kind(s.value.value);
	VEC_PUSH(&c->u->settings, s);
	return;
drop:
	word_release(&s.value);
	free(s.specs.v);
}

/* The settings read beyond Key=value, by section and key. */
static const struct sd_key_def {
	const char *section, *key;
	void (*parse)(struct sd_ctx *, const struct sd_assign *, int);
	int arg;
} sd_keys[] = {
	{ "Service", "ExecCondition", sd_exec_parse, 0 },
	{ "Service", "ExecStartPre", sd_exec_parse, 0 },
	{ "Service", "ExecStart", sd_exec_parse, 0 },
	{ "Service", "ExecStartPost", sd_exec_parse, 0 },
	{ "Service", "ExecReload", sd_exec_parse, 0 },
	{ "Service", "ExecStop", sd_exec_parse, 0 },
	{ "Service", "ExecStopPost", sd_exec_parse, 0 },
	{ "Service", "Environment", sd_env_parse, 0 },
	{ "Service", "EnvironmentFile", sd_setting_parse, SD_ENVIRONMENT_FILE },
	{ "Service", "User", sd_setting_parse, SD_USER },
	{ "Service", "Group", sd_setting_parse, SD_GROUP },
	{ "Service", "WorkingDirectory", sd_setting_parse, SD_WORKING_DIRECTORY },
	{ "Socket", "ListenStream", sd_setting_parse, SD_LISTEN_STREAM },
};

/* ---- the INI lines (conf-parser.c) -------------------------------------- */

/* Lead and continuation bytes only (overlong forms are not looked for). */
static int
sd_utf8_ok(const unsigned char *s, size_t n)
{
	size_t i = 0, k, need;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		need = s[i] >= 0xF0 && s[i] <= 0xF4 ? 3 : s[i] >= 0xE0 &&
		    s[i] <= 0xEF ? 2 : s[i] >= 0xC2 && s[i] <= 0xDF ? 1 : 0;
		if (need == 0 || i + need >= n)
			return 0;
		for (k = 1; k <= need; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
		i += need + 1;
	}
	return 1;
}

/* Key=value at line bytes [a, b) with "=" at eq: recorded, then read. */
static void
sd_assignment(struct sd_ctx *c, size_t a, size_t eq, size_t b)
{
	const struct sd_buf *l = &c->line;
	const char *s = l->sb.buf;
	struct sd_assign as = { 0 };
	struct sd_buf v = { STRBUF_INIT, { 0 } };
	size_t ke = eq, vs = eq + 1, i;

	while (ke > a && sd_ws(s[ke - 1]))
		ke--;
	while (vs < b && sd_ws(s[vs]))
		vs++;
	as.section = c->section;
	as.key = arena_strndup(c->u->arena, s + a, ke - a);
	as.key_span = sd_span(c, l->off.v, a, ke);
	as.span = sd_span(c, l->off.v, a, b);
	for (i = vs; i < b; i++)
		buf_add(&v, s + i, 1, l->off.v[i]);
	as.value = buf_word(c, &v, vs < b ? l->off.v[vs] : l->off.v[b - 1] + 1,
	    vs < b ? l->off.v[b - 1] + 1 : l->off.v[b - 1] + 1);
	buf_release(&v);
	VEC_PUSH(&c->u->assigns, as);
	for (i = 0; i < sizeof(sd_keys) / sizeof(sd_keys[0]); i++)
		if (strcmp(sd_keys[i].section, c->section) == 0 &&
		    strcmp(sd_keys[i].key, as.key) == 0)
			sd_keys[i].parse(c, &c->u->assigns.v[c->u->assigns.n - 1],
			    sd_keys[i].arg);
}

/* parse_line: a logical line, stripped; headers, assignments, mistakes. */
static void
sd_logical(struct sd_ctx *c)
{
	struct sd_buf *l = &c->line;
	const char *s = sb_str(&l->sb), *eq;
	size_t a = 0, b = l->sb.len;
	struct span sp;

	c->cont = 0;
	while (a < b && sd_ws(s[a]))
		a++;
	while (b > a && sd_ws(s[b - 1]))
		b--;
	if (a == b)
		goto done;
	sp = sd_span(c, l->off.v, a, b);
	if (!sd_utf8_ok((const unsigned char *)s + a, b - a))
		sd_error(c, sp, 1, "string is not UTF-8 clean, ignoring "
		    "assignment");
	else if (s[a] == '[') {
		c->section = NULL;
		if (s[b - 1] != ']' || b - a < 2)
			sd_error(c, sp, 0, "invalid section header '%.*s'",
			    (int)(b - a), s + a);
		else
			c->section = arena_strndup(c->u->arena, s + a + 1,
			    b - a - 2);
	} else if (c->section == NULL)
		sd_error(c, sp, 1, "assignment outside of section, ignoring");
	else if ((eq = memchr(s + a, '=', b - a)) == NULL)
		sd_error(c, sp, 1, "missing '=', ignoring line");
	else if (eq == s + a)
		sd_error(c, sp, 1, "missing key name before '=', ignoring line");
	else
		sd_assignment(c, a, (size_t)(eq - s), b);
done:
	buf_reset(l);
}

/*
 * One physical line [ls, le): a comment line is dropped even inside a
 * continuation; a line ending in an unescaped backslash has it replaced
 * by a space and continues on the next line.
 */
static void
sd_physical(struct sd_ctx *c, size_t ls, size_t le)
{
	const char *t = c->src->text;
	size_t i = ls;
	int esc = 0;

	while (i < le && sd_ws(t[i]))
		i++;
	if (i < le && (t[i] == '#' || t[i] == ';'))
		return;
	for (i = ls; i < le; i++)
		buf_add(&c->line, t + i, 1, i);
	for (i = 0; i < c->line.sb.len; i++)
		esc = esc ? 0 : c->line.sb.buf[i] == '\\';
	if (esc) {
		c->line.sb.buf[c->line.sb.len - 1] = ' ';
		c->cont = 1;
		return;
	}
	sd_logical(c);
}

/* read_line: lines end at "\n", "\r\n", "\r" or NUL; a first-line BOM goes. */
static void
sd_read(struct sd_ctx *c)
{
	const char *t = c->src->text;
	size_t len = c->src->len, i = 0, le;

	if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		for (le = i; le < len && t[le] != '\n' && t[le] != '\r' &&
		    t[le] != '\0'; le++)
			;
		sd_physical(c, i, le);
		i = le + 1 + (le + 1 < len && t[le] == '\r' && t[le + 1] == '\n');
	}
	if (c->cont)
		sd_logical(c);
}

/* Each variable reference gets the unit's own last Environment= value. */
static void
sd_resolve_refs(struct sd_unit *u)
{
	size_t i, k, j;

	for (i = 0; i < u->execs.n; i++)
		for (k = 0; k < u->execs.v[i].refs.n; k++) {
			struct sd_ref *r = &u->execs.v[i].refs.v[k];

			for (j = u->envs.n; j-- > 0 && !u->envs.v[j].reset;)
				if (strcmp(u->envs.v[j].name, r->name) == 0) {
					r->env_value = u->envs.v[j].value;
					break;
				}
		}
}

struct sd_unit *
sd_parse(const struct source *src, const char *unit_name)
{
	struct sd_unit *u = xcalloc(1, sizeof(*u));
	struct sd_ctx c = { 0 };

	u->src = src;
	u->arena = arena_new();
	c.u = u;
	c.src = src;
	if (unit_name != NULL) {
		u->name = arena_strdup(u->arena, unit_name);
		sd_name_specs(&c, u->name);
	}
	sd_read(&c);
	buf_release(&c.line);
	sd_resolve_refs(u);
	return u;
}

void
sd_parse_dropin(struct sd_unit *u, const struct source *src)
{
	struct sd_ctx c = { 0 };

	c.u = u;
	c.src = src;
	if (u->name != NULL)
		sd_name_specs(&c, u->name);
	sd_read(&c);
	buf_release(&c.line);
	sd_resolve_refs(u);
}

void
sd_free(struct sd_unit *u)
{
	size_t i;

	if (u == NULL)
		return;
	for (i = 0; i < u->assigns.n; i++)
		word_release(&u->assigns.v[i].value);
	for (i = 0; i < u->execs.n; i++)
		sd_exec_release(&u->execs.v[i]);
	for (i = 0; i < u->envs.n; i++) {
		word_release(&u->envs.v[i].word);
		free(u->envs.v[i].specs.v);
	}
	for (i = 0; i < u->settings.n; i++) {
		word_release(&u->settings.v[i].value);
		free(u->settings.v[i].specs.v);
	}
	free(u->assigns.v);
	free(u->execs.v);
	free(u->envs.v);
	free(u->settings.v);
	free(u->errors.v);
	arena_free(u->arena);
	free(u);
}

const struct sd_assign *
sd_get(const struct sd_unit *u, const char *section, const char *key)
{
	size_t i;

	for (i = u->assigns.n; i-- > 0;)
		if (u->assigns.v[i].section != NULL &&
		    strcmp(u->assigns.v[i].section, section) == 0 &&
		    strcmp(u->assigns.v[i].key, key) == 0)
			return &u->assigns.v[i];
	return NULL;
}

const struct sd_setting *
sd_last_setting(const struct sd_unit *u, enum sd_key key)
{
	size_t i;

	for (i = u->settings.n; i-- > 0;)
		if (u->settings.v[i].key == key)
			return u->settings.v[i].reset ? NULL : &u->settings.v[i];
	return NULL;
}

int
sd_bool(const char *v)
{
	static const char *const yes[] = { "1", "yes", "y", "true", "t", "on" };
	static const char *const no[] = { "0", "no", "n", "false", "f", "off" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* systemd.time(7)'s units, longest names first within each unit. */
static const struct {
	const char *name;
	double secs;
} sd_units[] = {
	{ "usec", 1e-6 }, { "us", 1e-6 }, { "\xC2\xB5s", 1e-6 },
	{ "msec", 1e-3 }, { "ms", 1e-3 },
	{ "seconds", 1 }, { "second", 1 }, { "sec", 1 }, { "s", 1 },
	{ "minutes", 60 }, { "minute", 60 }, { "min", 60 },
	{ "months", 2629800 }, { "month", 2629800 }, { "M", 2629800 },
	{ "m", 60 },
	{ "hours", 3600 }, { "hour", 3600 }, { "hr", 3600 }, { "h", 3600 },
	{ "days", 86400 }, { "day", 86400 }, { "d", 86400 },
	{ "weeks", 604800 }, { "week", 604800 }, { "w", 604800 },
	{ "years", 31557600 }, { "year", 31557600 }, { "y", 31557600 },
};

int
sd_timespan(const char *s, double *secs)
{
	double total = 0, v;
	size_t i, n;
	char *end;

	s += strspn(s, SD_WS);
	if (strcmp(s, "infinity") == 0)
		return 1;
	if (*s == '\0')
		return -1;
	while (*s != '\0') {
		if (*s < '0' || *s > '9')
			return -1;
		v = strtod(s, &end);
		s = end + strspn(end, SD_WS);
		for (i = 0; i < sizeof(sd_units) / sizeof(sd_units[0]); i++) {
			n = strlen(sd_units[i].name);
			if (strncmp(s, sd_units[i].name, n) == 0 &&
			    (s[n] == '\0' || strchr(SD_WS "0123456789", s[n])))
				break;
		}
		if (i < sizeof(sd_units) / sizeof(sd_units[0])) {
			v *= sd_units[i].secs;
			s += strlen(sd_units[i].name);
		} else if (*s != '\0' && (*s < '0' || *s > '9'))
			return -1; /* an unknown unit */
		total += v;
		s += strspn(s, SD_WS);
	}
	*secs = total;
	return 0;
}
