/*
 * procfile.c: reads a Heroku Procfile ("name: command" lines) or the
 * entrypoint: of an App Engine app.yaml into process records whose
 * commands are split into words with spans, noting each $PORT the
 * platform fills in when the process starts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "front/front.h"

static void
proc_error(struct procfile *pf, struct span sp, const char *msg,
    const char *msg_l10n)
{
	struct procs_error e = { 0 };

	e.message = arena_strdup(pf->arena, msg);
	if (msg_l10n != NULL)
		e.message_l10n = arena_strdup(pf->arena, msg_l10n);
	e.span = sp;
	VEC_PUSH(&pf->errors, e);
}

static int
proc_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static int
proc_is_name(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!proc_name_char(s[i]))
			return 0;
	return n > 0;
}

/* The word of e whose span holds source offset off, or SIZE_MAX. */
static size_t
proc_word_at(const struct proc_entry *e, size_t off)
{
	size_t i;

	for (i = 0; i < e->words.n; i++) {
		const struct span *s = &e->words.v[i].span;

		if (off >= s->off && off < s->off + s->len)
			return i;
	}
	return SIZE_MAX;
}

/*
 * $PORT and ${PORT...} in the command as the shell that runs it sees
 * them: not inside single quotes, not after a backslash.  off[i] is the
 * source offset of command byte i.
 */
static void
proc_find_ports(const struct source *src, struct proc_entry *e,
    const char *s, size_t n, const size_t *off)
{
	size_t i, k;
	int sq = 0, dq = 0;

	for (i = 0; i < n; i++) {
		struct proc_port p;

		if (sq) {
			sq = s[i] != '\'';
			continue;
		}
		if (s[i] == '\'' && !dq) {
			sq = 1;
			continue;
		}
		if (s[i] == '"')
			dq = !dq;
		if (s[i] == '\\') {
			i++;
			continue;
		}
		if (s[i] != '$')
			continue;
		k = i + 1;
		if (k + 4 <= n && memcmp(s + k, "PORT", 4) == 0 &&
		    (k + 4 == n || !proc_name_char(s[k + 4]) || s[k + 4] == '-'))
			k += 4;
		else if (k + 6 <= n && memcmp(s + k, "{PORT", 5) == 0 &&
		    strchr("}:-+?=", s[k + 5]) != NULL && s[k + 5] != '\0') {
			while (k < n && s[k] != '}')
				k++;
			k += k < n;
		} else
			continue;
		p.span = span_make(src, off[i], off[k - 1] + 1 - off[i]);
		p.word = proc_word_at(e, off[i]);
		VEC_PUSH(&e->ports, p);
		i = k - 1;
	}
}

/*
 * Where the shell's comment starts: an unquoted # at the start of a word
 * (the platforms run the command with a shell); n when there is none.
 */
static size_t
proc_comment(const char *s, size_t n)
{
	size_t i;
	char q = 0;

	for (i = 0; i < n; i++) {
		if (q != 0) {
			if (s[i] == q)
				q = 0;
			else if (q == '"' && s[i] == '\\')
				i++;
		} else if (s[i] == '\'' || s[i] == '"')
			q = s[i];
		else if (s[i] == '\\')
			i++;
		else if (s[i] == '#' && (i == 0 || s[i - 1] == ' ' ||
		    s[i - 1] == '\t' || s[i - 1] == ';' || s[i - 1] == '&' ||
		    s[i - 1] == '|'))
			return i;
	}
	return n;
}

/* Splits the command (bytes at source offsets off[]) into e->words. */
static void
proc_split(struct procfile *pf, struct proc_entry *e, const char *s, size_t n,
    const size_t *off)
{
	struct sw_error err;

	n = proc_comment(s, n);

	if (sw_split(s, n, pf->src, 0, off, &e->words, &err) < 0) {
		proc_error(pf, err.span, err.message, NULL); /* shlex's words */
		sw_words_free(&e->words);
	}
	proc_find_ports(pf->src, e, s, n, off);
}

/*
 * One line, as Heroku (and foreman) match it:
 * ^([A-Za-z0-9_-]+):\s*(.+)$.  Comments and blank lines are skipped;
 * any other line is kept as PROC_IGNORED, as Heroku ignores it.
 */
static void
proc_line(struct procfile *pf, size_t ls, size_t le)
{
	const char *t = pf->src->text;
	struct proc_entry e = { 0 };
	const char *colon = memchr(t + ls, ':', le - ls);
	size_t cs, ce, i, *off;

	while (le > ls && (t[le - 1] == '\r' || t[le - 1] == ' ' ||
	    t[le - 1] == '\t'))
		le--;
	if (le == ls || t[ls] == '#')
		return;
	e.span = span_make(pf->src, ls, le - ls);
	cs = colon ? (size_t)(colon - t) + 1 : le;
	while (cs < le && (t[cs] == ' ' || t[cs] == '\t'))
		cs++;
	if (colon == NULL || !proc_is_name(t + ls, (size_t)(colon - t) - ls) ||
	    cs == le) {
		e.kind = PROC_IGNORED;
		VEC_PUSH(&pf->entries, e);
		return;
	}
	ce = le;
	e.kind = PROC_PROCESS;
	e.name = arena_strndup(pf->arena, t + ls, (size_t)(colon - t) - ls);
	e.name_span = span_make(pf->src, ls, (size_t)(colon - t) - ls);
	e.command = arena_strndup(pf->arena, t + cs, ce - cs);
	e.command_span = span_make(pf->src, cs, ce - cs);
	off = xmalloc((ce - cs + 1) * sizeof(size_t));
	for (i = cs; i < ce; i++)
		off[i - cs] = i;
	proc_split(pf, &e, t + cs, ce - cs, off);
	free(off);
	VEC_PUSH(&pf->entries, e);
}

static void
proc_heroku(struct procfile *pf)
{
	const char *t = pf->src->text;
	size_t len = pf->src->len, ls = 0, le;

	if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
		ls = 3;
	while (ls < len) {
		const char *nl = memchr(t + ls, '\n', len - ls);

		le = nl ? (size_t)(nl - t) : len;
		proc_line(pf, ls, le);
		ls = le + 1;
	}
}

/* The key node of a top-level key of a map (for its span). */
static const struct ydoc_node *
proc_key_node(const struct ydoc_node *map, const struct ydoc_node *val)
{
	size_t i;

	for (i = 1; i < map->nkids; i += 2)
		if (map->kids[i] == val)
			return map->kids[i - 1];
	return NULL;
}

/*
 * Source offsets of a scalar's bytes: exact when the value is its source
 * text (plain, or quoted without escapes); otherwise every byte points
 * at the scalar's start, as folded or escaped text has no byte map here.
 */
static size_t *
proc_scalar_map(const struct source *src, const struct ydoc_node *n)
{
	size_t *off = xmalloc((n->len + 1) * sizeof(size_t)), i, base;
	const char *t = src->text + n->span.off;

	base = n->span.off;
	if (n->span.len == n->len + 2 && (n->style == YDOC_SINGLE ||
	    n->style == YDOC_DOUBLE) && memcmp(t + 1, n->str, n->len) == 0)
		base++;
	else if (n->span.len != n->len || memcmp(t, n->str, n->len) != 0) {
		for (i = 0; i < n->len; i++)
			off[i] = base;
		return off;
	}
	for (i = 0; i < n->len; i++)
		off[i] = base + i;
	return off;
}

/*
 * App Engine runs the top-level entrypoint: of app.yaml in a shell with
 * PORT set; nothing else in the file says how the process starts.
 */
static void
proc_app_yaml(struct procfile *pf)
{
	struct findings fs = { 0 };
	struct ydoc_stream *ys = ydoc_parse(pf->src, &fs);
	const struct ydoc_node *root, *v, *k;
	struct proc_entry e = { 0 };
	size_t i, *off;

	for (i = 0; i < fs.n; i++)
		proc_error(pf, fs.v[i].span, fs.v[i].message,
		    fs.v[i].message_l10n);
	fnd_free(&fs);
	root = ys->ndocs ? ys->docs[0]->root : NULL;
	if ((v = ydoc_get(root, "entrypoint")) == NULL) {
		ydoc_free(ys);
		return;
	}
	k = proc_key_node(root, v);
	e.kind = PROC_PROCESS;
	e.name = "entrypoint";
	e.name_span = k ? k->span : v->span;
	e.span = span_join(e.name_span, v->span);
	if (!ydoc_is_scalar(v)) {
		const char *msg = N_("entrypoint is not a string");

		proc_error(pf, v->span, msg, gl_l10n(msg));
		e.kind = PROC_IGNORED;
		e.name = NULL;
	} else {
		e.command = arena_strndup(pf->arena, v->str, v->len);
		e.command_span = v->span;
		off = proc_scalar_map(pf->src, v);
		proc_split(pf, &e, v->str, v->len, off);
		free(off);
	}
	VEC_PUSH(&pf->entries, e);
	ydoc_free(ys);
}

enum proc_format
proc_format_of(const char *path)
{
	const char *b = strrchr(path, '/');

	b = b ? b + 1 : path;
	return strcmp(b, "app.yaml") == 0 || strcmp(b, "app.yml") == 0 ?
	    PROC_APP_YAML : PROC_PROCFILE;
}

struct procfile *
proc_parse(const struct source *src, enum proc_format f)
{
	struct procfile *pf = xcalloc(1, sizeof(*pf));

	pf->src = src;
	pf->format = f;
	pf->arena = arena_new();
	if (f == PROC_APP_YAML)
		proc_app_yaml(pf);
	else
		proc_heroku(pf);
	return pf;
}

void
proc_free(struct procfile *pf)
{
	size_t i;

	if (pf == NULL)
		return;
	for (i = 0; i < pf->entries.n; i++) {
		sw_words_free(&pf->entries.v[i].words);
		free(pf->entries.v[i].ports.v);
	}
	free(pf->entries.v);
	free(pf->errors.v);
	arena_free(pf->arena);
	free(pf);
}
