/*
 * envfile.c: reads env files in the two dialects docker users meet:
 * `docker run --env-file` (docker/cli opts/envfile.go, parseKeyValueFile)
 * and compose's env_file:/.env (compose-go's dotenv parser and template
 * substitution), keeping for every value byte the source offset it came from.
 */
#include <stdlib.h>
#include <string.h>

#include "front/front.h"

/* Nested ${a:-${b:-...}} deeper than this is refused, not recursed. */
#define ENV_MAX_DEPTH 32

/*
 * The text without a UTF-8 BOM and with every CRLF as LF (compose-go
 * replaces "\r\n"; docker's bufio.ScanLines drops the CR), with map[i]
 * the source offset of byte i and map[n] the end of the source.
 */
struct env_ctx {
	const struct source *src;
	struct env_file *ef;
	char *t;
	size_t *map;
	size_t n;
	env_lookup_fn lookup;
	void *lctx;
	VEC(struct env_ref) refs;	/* of the value being read */
	int bad;			/* a substitution error in that value */
};

/* Bytes under construction, each with its source offset. */
struct env_obuf {
	struct strbuf sb;
	VEC(size_t) off;
};

static void
ob_add(struct env_obuf *b, const char *s, size_t n, size_t at)
{
	size_t i;

	sb_add(&b->sb, s, n);
	for (i = 0; i < n; i++)
		VEC_PUSH(&b->off, at);
}

static void
ob_release(struct env_obuf *b)
{
	sb_release(&b->sb);
	free(b->off.v);
}

static void
env_clean(struct env_ctx *c)
{
	const char *s = c->src->text;
	size_t len = c->src->len, i = 0;

	c->t = xmalloc(len + 1);
	c->map = xmalloc((len + 1) * sizeof(size_t));
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (c->n = 0; i < len; i++) {
		if (s[i] == '\r' && (i + 1 == len || s[i + 1] == '\n'))
			continue;
		c->t[c->n] = s[i];
		c->map[c->n++] = i;
	}
	c->t[c->n] = '\0';
	c->map[c->n] = len;
}

static struct span
env_span(const struct env_ctx *c, size_t a, size_t b)
{
	if (b <= a)
		return span_make(c->src, c->map[a], 0);
	return span_make(c->src, c->map[a], c->map[b - 1] + 1 - c->map[a]);
}

static void
env_error(struct env_ctx *c, size_t a, size_t b, const char *fmt, ...)
    GL_PRINTF(4, 5);

static void
env_error(struct env_ctx *c, size_t a, size_t b, const char *fmt, ...)
{
	struct procs_error e = { 0 };
	va_list ap;
	char *m;

	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	e.message = arena_strdup(c->ef->arena, m);
	free(m);
	e.span = env_span(c, a, b);
	VEC_PUSH(&c->ef->errors, e);
}

static size_t
env_eol(const struct env_ctx *c, size_t i)
{
	const char *nl = memchr(c->t + i, '\n', c->n - i);

	return nl ? (size_t)(nl - c->t) : c->n;
}

/* An item whose name is t[a..b); the value is set by the caller. */
static struct env_item *
env_push(struct env_ctx *c, enum env_kind k, size_t a, size_t b, size_t end)
{
	struct env_item it = { 0 };

	it.kind = k;
	if (k != ENV_TEMPLATE) {
		it.name = arena_strndup(c->ef->arena, c->t + a, b - a);
		it.name_span = env_span(c, a, b);
	}
	it.span = env_span(c, a, end);
	VEC_PUSH(&c->ef->items, it);
	return &c->ef->items.v[c->ef->items.n - 1];
}

static void
env_set_value(struct env_ctx *c, struct env_item *it, const char *v,
    size_t len, const size_t *off)
{
	size_t *o = arena_alloc(c->ef->arena, (len + 1) * sizeof(size_t));
	struct env_ref *r;

	it->value = arena_strndup(c->ef->arena, v, len);
	it->len = len;
	if (len)
		memcpy(o, off, len * sizeof(size_t));
	it->off = o;
	if (c->refs.n) {
		r = arena_alloc(c->ef->arena, c->refs.n * sizeof(*r));
		memcpy(r, c->refs.v, c->refs.n * sizeof(*r));
		it->refs = r;
		it->nrefs = c->refs.n;
	}
	c->refs.n = 0;
}

/*
 * A line that is only a template tag ({% ... %}, {# ... #}, {{ ... }}):
 * cookiecutter and Jinja leave these in env files they have not rendered.
 */
static int
env_is_template(const struct env_ctx *c, size_t i, size_t e)
{
	static const char *const tags[] = { "{%%}", "{##}", "{{}}" };
	size_t k;

	while (e > i && (c->t[e - 1] == ' ' || c->t[e - 1] == '\t'))
		e--;
	if (e - i < 4)
		return 0;
	for (k = 0; k < sizeof(tags) / sizeof(tags[0]); k++)
		if (memcmp(c->t + i, tags[k], 2) == 0 &&
		    memcmp(c->t + e - 2, tags[k] + 2, 2) == 0)
			return 1;
	return 0;
}

/* ---- docker --env-file ---------------------------------------------------- */

/* Length of a valid UTF-8 sequence at s (up to n bytes), or 0. */
static size_t
env_utf8_len(const unsigned char *s, size_t n)
{
	size_t k, need;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		need = 1, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		need = 2, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		need = 3, cp = s[0] & 0x07;
	else
		return 0;
	if (n < need + 1)
		return 0;
	for (k = 1; k <= need; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[k] & 0x3F);
	}
	if ((need == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
	    (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return need + 1;
}

static int
env_utf8_valid(const char *s, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i += k)
		if ((k = env_utf8_len((const unsigned char *)s + i, n - i)) == 0)
			return 0;
	return 1;
}

/*
 * One line as parseKeyValueFile reads it: leading whitespace trimmed
 * (ASCII only here; Go's unicode.IsSpace also takes U+0085 and U+00A0),
 * "#" starts a comment line, the key is cut at the first "=", and the
 * value is kept byte for byte: no quotes removed, nothing substituted.
 */
static void
env_docker_line(struct env_ctx *c, size_t ls, size_t le, unsigned lineno)
{
	size_t i = ls, eq;
	const char *p;
	struct env_item *it;

	if (!env_utf8_valid(c->t + ls, le - ls)) {
		env_error(c, ls, le, "env file contains invalid utf8 bytes "
		    "at line %u", lineno);
		return;
	}
	while (i < le && strchr(" \t\v\f\r", c->t[i]) != NULL && c->t[i])
		i++;
	if (i == le || c->t[i] == '#')
		return;
	if (env_is_template(c, i, le)) {
		env_push(c, ENV_TEMPLATE, i, i, le);
		return;
	}
	p = memchr(c->t + i, '=', le - i);
	eq = p ? (size_t)(p - c->t) : le;
	if (memchr(c->t + i, ' ', eq - i) || memchr(c->t + i, '\t', eq - i)) {
		env_error(c, i, eq, "poorly formatted environment: variable "
		    "'%.*s' contains whitespaces", (int)(eq - i), c->t + i);
		return;
	}
	if (eq == i) {
		env_error(c, i, le, "poorly formatted environment: no "
		    "variable name on line '%.*s'", (int)(le - i), c->t + i);
		return;
	}
	it = env_push(c, p ? ENV_ASSIGN : ENV_INHERIT, i, eq, le);
	if (p == NULL)
		return;
	env_set_value(c, it, c->t + eq + 1, le - eq - 1, c->map + eq + 1);
	it->value_span = env_span(c, eq + 1, le);
}

static void
env_docker(struct env_ctx *c)
{
	size_t ls = 0, le;
	unsigned lineno = 1;

	while (ls < c->n) {
		le = env_eol(c, ls);
		env_docker_line(c, ls, le, lineno++);
		ls = le + 1;
	}
}

/* ---- compose dotenv: substitution (compose-go template) ---------------- */

static int
env_name_start(char ch)
{
	return ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int
env_name_char(char ch)
{
	return env_name_start(ch) || (ch >= '0' && ch <= '9');
}

/* The value of name: the host first, then the lines above (last wins). */
static const char *
env_lookup(struct env_ctx *c, const char *name, size_t *len)
{
	const char *v = c->lookup ? c->lookup(name, c->lctx) : NULL;
	size_t i;

	if (v != NULL) {
		*len = strlen(v);
		return v;
	}
	for (i = c->ef->items.n; i-- > 0;) {
		const struct env_item *it = &c->ef->items.v[i];

		/* the item being read has no value yet: it is not set */
		if (it->kind == ENV_ASSIGN && it->value != NULL &&
		    strcmp(it->name, name) == 0) {
			*len = it->len;
			return it->value;
		}
	}
	return NULL;
}

static void env_subst(struct env_ctx *c, const char *s, const size_t *o,
    size_t n, struct env_obuf *out, int depth);

/* Index of the "}" closing the "${" at s[0], nesting counted; n if none. */
static size_t
env_close_brace(const char *s, size_t n)
{
	size_t i, depth = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '$' && i + 1 < n && s[i + 1] == '{')
			depth++, i++;
		else if (s[i] == '}' && --depth == 0)
			return i;
	}
	return n;
}

/*
 * ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:+alt}, ${NAME+alt},
 * ${NAME:?err}, ${NAME?err} at s[0..n) (n includes the braces).  Returns
 * -1 for compose's "Invalid template".
 */
static int
env_braced(struct env_ctx *c, const char *s, const size_t *o, size_t n,
    struct env_obuf *out, int depth)
{
	size_t k = 2, nl, vlen = 0;
	struct env_ref r;
	const char *v;
	char *name, op = 0;
	int colon = 0, set;

	if (k >= n - 1 || !env_name_start(s[k]))
		return -1;
	while (k < n - 1 && env_name_char(s[k]))
		k++;
	nl = k - 2;
	if (s[k] == ':')
		colon = 1, k++;
	if (k < n - 1 && strchr("-+?", s[k]) != NULL && s[k])
		op = s[k++];
	if ((colon && op == 0) || (op == 0 && k != n - 1))
		return -1;
	name = xstrndup(s + 2, nl);
	v = env_lookup(c, name, &vlen);
	r.name = arena_strdup(c->ef->arena, name);
	r.span = span_make(c->src, o[0], o[n - 1] + 1 - o[0]);
	r.resolved = v != NULL;
	VEC_PUSH(&c->refs, r);
	free(name);
	set = v != NULL && (!colon || vlen > 0);
	if (op == '-' && !set)
		env_subst(c, s + k, o + k, n - 1 - k, out, depth + 1);
	else if (op == '+' && set)
		env_subst(c, s + k, o + k, n - 1 - k, out, depth + 1);
	else if (op != '+' && v != NULL)
		ob_add(out, v, vlen, o[0]);
	return 0;
}

/*
 * compose-go's template.Substitute over s[0..n): "$$" is "$", $NAME and
 * ${...} are replaced (bytes from a value point at the "$"), any other
 * "$" stays.  An unset name without a default becomes "" (compose warns).
 */
static void
env_subst(struct env_ctx *c, const char *s, const size_t *o, size_t n,
    struct env_obuf *out, int depth)
{
	size_t i = 0, k, vlen = 0;

	if (depth > ENV_MAX_DEPTH) {
		c->bad = 1;
		return;
	}
	while (i < n) {
		if (s[i] != '$' || i + 1 == n) {
			ob_add(out, s + i, 1, o[i]);
			i++;
		} else if (s[i + 1] == '$') {
			ob_add(out, "$", 1, o[i + 1]);
			i += 2;
		} else if (s[i + 1] == '{') {
			k = env_close_brace(s + i, n - i);
			if (k == n - i || env_braced(c, s + i, o + i, k + 1,
			    out, depth) < 0) {
				c->bad = 1;
				return;
			}
			i += k + 1;
		} else if (env_name_start(s[i + 1])) {
			struct env_ref r;
			const char *v;
			char *name;

			for (k = i + 1; k < n && env_name_char(s[k]); k++)
				;
			name = xstrndup(s + i + 1, k - i - 1);
			v = env_lookup(c, name, &vlen);
			r.name = arena_strdup(c->ef->arena, name);
			r.span = span_make(c->src, o[i], o[k - 1] + 1 - o[i]);
			r.resolved = v != NULL;
			VEC_PUSH(&c->refs, r);
			free(name);
			if (v != NULL)
				ob_add(out, v, vlen, o[i]);
			i = k;
		} else {
			ob_add(out, s + i, 1, o[i]);
			i++;
		}
	}
}

/* ---- compose dotenv: statements (compose-go dotenv/parser.go) ----------- */

/* compose-go's isSpace: not "\n", which ends a key or a value. */
static int
env_cspace(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\v' || ch == '\f' ||
	    ch == '\r';
}

/*
 * Escapes of a double-quoted value (expandEscapes: Go's escapes for
 * \a \b \f \n \r \t \v \" \\ and a three-digit octal \0NN; "\$" becomes
 * "$$" so substitution keeps a "$"; any other backslash stays).
 */
static void
env_unescape(const struct env_ctx *c, size_t a, size_t b, struct env_obuf *out)
{
	static const char from[] = "abfnrtv\"\\", to[] = "\a\b\f\n\r\t\v\"\\";
	const char *t = c->t, *p;
	size_t i;

	for (i = a; i < b; i++) {
		if (t[i] != '\\' || i + 1 == b) {
			ob_add(out, t + i, 1, c->map[i]);
			continue;
		}
		if (t[i + 1] != '\0' && (p = strchr(from, t[i + 1])) != NULL) {
			ob_add(out, to + (p - from), 1, c->map[i]);
			i++;
		} else if (t[i + 1] == '$') {
			ob_add(out, "$$", 2, c->map[i + 1]);
			i++;
		} else if (t[i + 1] == '0' && i + 3 < b &&
		    t[i + 2] >= '0' && t[i + 2] <= '7' &&
		    t[i + 3] >= '0' && t[i + 3] <= '7') {
			char ch = (char)((t[i + 2] - '0') * 8 + (t[i + 3] - '0'));

			ob_add(out, &ch, 1, c->map[i]);
			i += 3;
		} else
			ob_add(out, t + i, 1, c->map[i]);
	}
}

/* Substitutes in[] into the item's value; an error is reported at a..b. */
static void
env_finish_value(struct env_ctx *c, struct env_item *it, struct env_obuf *in,
    size_t a, size_t b)
{
	struct env_obuf out = { STRBUF_INIT, { 0 } };

	c->bad = 0;
	c->refs.n = 0;
	env_subst(c, sb_str(&in->sb), in->off.v, in->sb.len, &out, 0);
	if (c->bad)
		env_error(c, a, b, "invalid template: \"%.*s\"", (int)(b - a),
		    c->t + a);
	env_set_value(c, it, sb_str(&out.sb), out.sb.len, out.off.v);
	it->value_span = env_span(c, a, b);
	ob_release(&out);
}

/* A quoted value from the quote at i; returns where the statement ends. */
static size_t
env_quoted(struct env_ctx *c, struct env_item *it, size_t i)
{
	struct env_obuf in = { STRBUF_INIT, { 0 } };
	char q = c->t[i];
	size_t k;
	int esc = 0;

	for (k = i + 1; k < c->n; k++) {
		if (c->t[k] != q)
			esc = !esc && c->t[k] == '\\';
		else if (esc)
			esc = 0;
		else
			break;
	}
	if (k == c->n) {
		env_error(c, i, env_eol(c, i), "unterminated quoted value "
		    "%.*s", (int)(env_eol(c, i) - i), c->t + i);
		c->ef->items.n--;
		return env_eol(c, i);
	}
	it->quote = q;
	if (q == '\'') {
		env_set_value(c, it, c->t + i + 1, k - i - 1, c->map + i + 1);
		it->value_span = env_span(c, i, k + 1);
	} else {
		env_unescape(c, i + 1, k, &in);
		env_finish_value(c, it, &in, i, k + 1);
	}
	it->span = span_join(it->span, env_span(c, i, k + 1));
	ob_release(&in);
	return k + 1;
}

/* An unquoted value: to the end of the line, cut at " #", right-trimmed. */
static size_t
env_unquoted(struct env_ctx *c, struct env_item *it, size_t i)
{
	struct env_obuf in = { STRBUF_INIT, { 0 } };
	size_t e = env_eol(c, i), k;

	for (k = i; k + 1 < e; k++)
		if (c->t[k] == ' ' && c->t[k + 1] == '#') {
			e = k;
			break;
		}
	while (e > i && (env_cspace(c->t[e - 1]) || c->t[e - 1] == ' '))
		e--;
	sb_add(&in.sb, c->t + i, e - i);
	for (k = i; k < e; k++)
		VEC_PUSH(&in.off, c->map[k]);
	env_finish_value(c, it, &in, i, e);
	it->span = span_join(it->span, env_span(c, i, e));
	ob_release(&in);
	return env_eol(c, i);
}

/* compose-go's key characters: letters, digits and _ . - [ ]. */
static int
env_key_char(char ch)
{
	return env_name_char(ch) || strchr(".-[]", ch) != NULL ||
	    (unsigned char)ch >= 0x80;
}

/*
 * locateKeyName: an optional "export " prefix, then the key up to "=",
 * ":" (compose takes YAML-style "KEY: value" too) or the end of the line
 * (the key alone: inherited).  Blanks inside are skipped over and refused
 * afterwards.  Returns the index after the separator, or 0 after an error.
 */
static size_t
env_compose_key(struct env_ctx *c, size_t i, size_t *ka, size_t *kb,
    char *sep)
{
	size_t k, e = env_eol(c, i);

	if (e - i > 6 && memcmp(c->t + i, "export", 6) == 0 &&
	    (env_cspace(c->t[i + 6]) || c->t[i + 6] == '\n')) {
		for (i += 6; i < c->n && env_cspace(c->t[i]); i++)
			;
	}
	*ka = i;
	for (k = i; k < c->n; k++) {
		char ch = c->t[k];

		if (env_cspace(ch))
			continue;
		if (ch == '=' || ch == ':' || ch == '\n')
			break;
		if (!env_key_char(ch)) {
			env_error(c, k, k + 1, "unexpected character \"%c\" in "
			    "variable name \"%.*s\"", ch, (int)(e - *ka),
			    c->t + *ka);
			return 0;
		}
	}
	*sep = k < c->n ? c->t[k] : '\n';
	for (*kb = k; *kb > *ka && env_cspace(c->t[*kb - 1]); (*kb)--)
		;
	if (memchr(c->t + *ka, ' ', *kb - *ka) != NULL ||
	    memchr(c->t + *ka, '\t', *kb - *ka) != NULL) {
		env_error(c, *ka, *kb, "key cannot contain a space");
		return 0;
	}
	if (*kb == *ka) {
		env_error(c, *ka, k < c->n ? k + 1 : k, "no variable name "
		    "before \"%c\"", *sep == '\n' ? '=' : *sep);
		return 0;
	}
	return k < c->n ? k + 1 : k;
}

/* One statement from i (not blank); returns where the next one may start. */
static size_t
env_compose_stmt(struct env_ctx *c, size_t i)
{
	size_t ka, kb, v;
	struct env_item *it;
	char sep;

	if (c->t[i] == '#')
		return env_eol(c, i);
	if (env_is_template(c, i, env_eol(c, i))) {
		env_push(c, ENV_TEMPLATE, i, i, env_eol(c, i));
		return env_eol(c, i);
	}
	if ((v = env_compose_key(c, i, &ka, &kb, &sep)) == 0)
		return env_eol(c, i) + 1;
	if (sep == '\n') {
		env_push(c, ENV_INHERIT, ka, kb, kb);
		return v;
	}
	it = env_push(c, ENV_ASSIGN, ka, kb, v);
	while (v < c->n && env_cspace(c->t[v]))
		v++;
	if (v < c->n && (c->t[v] == '"' || c->t[v] == '\''))
		return env_quoted(c, it, v);
	return env_unquoted(c, it, v);
}

static void
env_compose(struct env_ctx *c)
{
	size_t i = 0;

	while (i < c->n) {
		/* Go's unicode.IsSpace, in ASCII: blank lines are skipped */
		if (env_cspace(c->t[i]) || c->t[i] == '\n') {
			i++;
			continue;
		}
		i = env_compose_stmt(c, i);
	}
}

/* ---- public ------------------------------------------------------------- */

struct env_file *
env_parse(const struct source *src, enum env_dialect d, env_lookup_fn lookup,
    void *ctx)
{
	struct env_file *ef = xcalloc(1, sizeof(*ef));
	struct env_ctx c = { 0 };

	ef->src = src;
	ef->dialect = d;
	ef->arena = arena_new();
	c.src = src;
	c.ef = ef;
	c.lookup = lookup;
	c.lctx = ctx;
	env_clean(&c);
	if (d == ENV_DOCKER)
		env_docker(&c);
	else
		env_compose(&c);
	free(c.t);
	free(c.map);
	free(c.refs.v);
	return ef;
}

const struct env_item *
env_get(const struct env_file *ef, const char *name)
{
	size_t i;

	for (i = ef->items.n; i-- > 0;) {
		const struct env_item *it = &ef->items.v[i];

		if (it->kind != ENV_TEMPLATE && strcmp(it->name, name) == 0)
			return it;
	}
	return NULL;
}

struct span
env_value_span(const struct env_item *it, size_t from, size_t n)
{
	size_t a, b;

	if (it->off == NULL || from > it->len)
		return it->value_span;
	if (n == 0 || from == it->len) {
		a = from < it->len ? it->off[from] :
		    it->value_span.off + it->value_span.len;
		return span_make(it->value_span.src, a, 0);
	}
	if (from + n > it->len)
		n = it->len - from;
	a = it->off[from];
	b = it->off[from + n - 1] + 1;
	return span_make(it->value_span.src, a, b > a ? b - a : 0);
}

void
env_free(struct env_file *ef)
{
	if (ef == NULL)
		return;
	free(ef->items.v);
	free(ef->errors.v);
	arena_free(ef->arena);
	free(ef);
}
