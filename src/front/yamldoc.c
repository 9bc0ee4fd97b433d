/*
 * yamldoc.c: builds the ydoc tree from libyaml's events.  libyaml's marks
 * count characters, not bytes, so a map from character index to byte
 * offset is kept for input that is not plain ASCII.  A syntax error ends
 * libyaml's stream; parsing restarts at the next "---" line so that the
 * documents after a broken one are still read.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "front/front.h"

typedef VEC(struct ydoc_node *) nodevec;

struct anchor {
	const char *name;
	struct ydoc_node *node;
};

struct frame {
	struct ydoc_node *node;
	const char *anchor;
	nodevec kids;
};

struct builder {
	const struct source *src;
	struct findings *fs;
	struct ydoc_stream *ys;
	size_t base;           /* byte offset of this run's input in src */
	size_t *cmap;          /* character index -> byte offset, or NULL */
	size_t ncmap;
	struct ydoc *doc;      /* the document being built */
	VEC(struct frame) stack;
	VEC(struct anchor) anchors;
	size_t stop;           /* set when a limit ended the run: its offset + 1 */
	size_t nnodes;         /* nodes written in the file so far */
	size_t naliases;       /* aliases in the document being built */
	int fatal;             /* a limit of the whole file: read no further */
	size_t prev_end;       /* where the previous document ended */
};

/* Byte offset in src of a libyaml mark. */
static size_t
mark_off(const struct builder *b, yaml_mark_t m)
{
	size_t off;

	if (b->cmap == NULL)
		off = b->base + m.index;
	else
		off = m.index < b->ncmap ? b->cmap[m.index] : b->cmap[b->ncmap - 1];
	return off > b->src->len ? b->src->len : off;
}

/* libyaml reads UTF-16 when the input starts with its byte order mark. */
static int
utf16_order(const unsigned char *t, size_t n)
{
	if (n >= 2 && t[0] == 0xff && t[1] == 0xfe)
		return 1; /* little endian */
	if (n >= 2 && t[0] == 0xfe && t[1] == 0xff)
		return 2;
	return 0;
}

static void
build_cmap16(struct builder *b, const unsigned char *t, size_t start, int le)
{
	size_t i, n = 0;

	b->cmap = xmalloc((b->src->len - start + 2) * sizeof(size_t));
	for (i = start; i + 1 < b->src->len; i += 2) {
		unsigned u = le ? t[i] | t[i + 1] << 8 : t[i] << 8 | t[i + 1];

		if (u >= 0xdc00 && u <= 0xdfff && n > 0 && i >= start + 2)
			continue; /* the second half of a surrogate pair */
		b->cmap[n++] = i;
	}
	b->cmap[n++] = b->src->len;
	b->ncmap = n;
}

/* Builds the character map for input that is not plain ASCII. */
static void
build_cmap(struct builder *b)
{
	const unsigned char *t = (const unsigned char *)b->src->text;
	size_t i, start = b->base, n = 0;
	int order = utf16_order(t + start, b->src->len - start);

	if (order != 0) {
		build_cmap16(b, t, start + 2, order == 1);
		return;
	}
	for (i = start; i < b->src->len && t[i] < 0x80; i++)
		;
	if (i == b->src->len)
		return;
	if (b->src->len - start >= 3 && memcmp(t + start, "\xef\xbb\xbf", 3) == 0)
		start += 3; /* libyaml does not count the byte order mark */
	b->cmap = xmalloc((b->src->len - start + 1) * sizeof(size_t));
	for (i = start; i < b->src->len; i++)
		if ((t[i] & 0xc0) != 0x80)
			b->cmap[n++] = i;
	b->cmap[n++] = b->src->len;
	b->ncmap = n;
}

/*
 * A finding about the stream: GL001 for a syntax error, GL013 for a limit
 * reached (too many nodes, nesting, documents).
 */
static void
yaml_finding(struct builder *b, const char *id, size_t off, const char *fmt,
    ...)
{
	va_list ap;
	char *msg, *msg_l10n, *en, *l10n = NULL;

	va_start(ap, fmt);
	msg = xvasprintf_en(fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	msg_l10n = xvasprintf_l10n(fmt, ap);
	va_end(ap);
	en = xasprintf("YAML: %s", msg);
	if (msg_l10n != NULL)
		l10n = xasprintf("YAML: %s", msg_l10n);
	fnd_add_text(b->fs, id, span_make(b->src, off, off < b->src->len),
	    en, l10n);
	free(msg);
	free(msg_l10n);
	free(en);
	free(l10n);
	b->ys->nerrors++;
}

/* Counts a node about to be made; -1 (and the finding) past the limit. */
static int
count_node(struct builder *b, const yaml_event_t *e)
{
	if (++b->nnodes <= YDOC_MAX_NODES)
		return 0;
	yaml_finding(b, "GL013", mark_off(b, e->start_mark), "too many nodes: "
	    "more than %d in this file; the rest of the file is not read",
	    YDOC_MAX_NODES);
	b->fatal = 1;
	return -1;
}

static struct ydoc_node *
new_node(struct builder *b, enum ydoc_kind kind, const yaml_event_t *e,
    const unsigned char *tag)
{
	struct ydoc_node *n = arena_alloc(b->ys->arena, sizeof(*n));
	size_t off = mark_off(b, e->start_mark);

	n->kind = kind;
	n->span = span_make(b->src, off, mark_off(b, e->end_mark) - off);
	n->tag = tag ? arena_strdup(b->ys->arena, (const char *)tag) : NULL;
	n->str = "";
	n->weight = 1;
	return n;
}

static void
add_weight(size_t *w, size_t add)
{
	*w = *w > SIZE_MAX - add ? SIZE_MAX : *w + add;
}

/* Hands a finished node to its parent (or makes it the root). */
static int
attach(struct builder *b, struct ydoc_node *n, const char *anchor)
{
	if (anchor != NULL) {
		struct anchor a = { anchor, n };

		VEC_PUSH(&b->anchors, a);
	}
	if (b->stack.n == 0) {
		b->doc->root = n;
	} else {
		struct frame *fr = &b->stack.v[b->stack.n - 1];

		VEC_PUSH(&fr->kids, n);
		add_weight(&fr->node->weight, n->weight);
	}
	/* without aliases the node limit comes first (see front.h) */
	if (n->weight > YDOC_MAX_EXPANSION && b->naliases > 0) {
		yaml_finding(b, "GL013", n->span.off, "aliases expand to more "
		    "than %d nodes (a \"billion laughs\" document?)",
		    YDOC_MAX_EXPANSION);
		return -1;
	}
	return 0;
}

static int
key_present(struct ydoc_node **kids, size_t n, const struct ydoc_node *key)
{
	size_t i;

	if (key->kind != YDOC_SCALAR)
		return 0;
	for (i = 0; i < n; i += 2)
		if (kids[i]->kind == YDOC_SCALAR && kids[i]->len == key->len &&
		    memcmp(kids[i]->str, key->str, key->len) == 0)
			return 1;
	return 0;
}

static int
is_merge_key(const struct ydoc_node *k)
{
	return k->kind == YDOC_SCALAR && k->style == YDOC_PLAIN &&
	    strcmp(k->str, "<<") == 0 &&
	    (k->tag == NULL || strcmp(k->tag, "tag:yaml.org,2002:merge") == 0);
}

static void
merge_from(nodevec *out, const struct ydoc_node *m)
{
	size_t i;

	if (m->kind != YDOC_MAP)
		return;
	for (i = 0; i + 1 < m->nkids; i += 2) {
		if (key_present(out->v, out->n, m->kids[i]))
			continue;
		VEC_PUSH(out, m->kids[i]);
		VEC_PUSH(out, m->kids[i + 1]);
	}
}

/*
 * Applies "<<" merge keys as go-yaml does: the map's own keys win, then
 * the merged maps in order (the first one that has a key wins).
 */
static void
apply_merges(struct frame *fr)
{
	nodevec out = { 0 };
	size_t i, j;
	int any = 0;

	for (i = 0; i + 1 < fr->kids.n; i += 2) {
		if (is_merge_key(fr->kids.v[i])) {
			any = 1;
			continue;
		}
		VEC_PUSH(&out, fr->kids.v[i]);
		VEC_PUSH(&out, fr->kids.v[i + 1]);
	}
	if (!any) {
		free(out.v);
		return;
	}
	for (i = 0; i + 1 < fr->kids.n; i += 2) {
		const struct ydoc_node *v = fr->kids.v[i + 1];

		if (!is_merge_key(fr->kids.v[i]))
			continue;
		if (v->kind == YDOC_SEQ)
			for (j = 0; j < v->nkids; j++)
				merge_from(&out, v->kids[j]);
		else
			merge_from(&out, v);
	}
	free(fr->kids.v);
	fr->kids = out;
}

static int
open_collection(struct builder *b, const yaml_event_t *e)
{
	int map = e->type == YAML_MAPPING_START_EVENT;
	const unsigned char *tag = map ? e->data.mapping_start.tag :
	    e->data.sequence_start.tag;
	const unsigned char *anchor = map ? e->data.mapping_start.anchor :
	    e->data.sequence_start.anchor;
	int flow = map ? e->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE :
	    e->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
	struct frame fr = { 0 };

	if (b->stack.n >= YDOC_MAX_DEPTH) {
		yaml_finding(b, "GL013", mark_off(b, e->start_mark), "nesting "
		    "deeper than %d levels", YDOC_MAX_DEPTH);
		return -1;
	}
	if (count_node(b, e) != 0)
		return -1;
	fr.node = new_node(b, map ? YDOC_MAP : YDOC_SEQ, e, tag);
	fr.node->style = flow ? YDOC_FLOW : YDOC_BLOCK;
	fr.anchor = anchor ? arena_strdup(b->ys->arena, (const char *)anchor) :
	    NULL;
	VEC_PUSH(&b->stack, fr);
	return 0;
}

static int
close_collection(struct builder *b, const yaml_event_t *e)
{
	struct frame fr = b->stack.v[--b->stack.n];
	struct ydoc_node *n = fr.node;
	size_t i;

	if (n->kind == YDOC_MAP)
		apply_merges(&fr);
	n->nkids = fr.kids.n;
	n->kids = arena_alloc(b->ys->arena, (n->nkids + 1) * sizeof(*n->kids));
	n->weight = 1;
	for (i = 0; i < n->nkids; i++) {
		n->kids[i] = fr.kids.v[i];
		add_weight(&n->weight, fr.kids.v[i]->weight);
	}
	free(fr.kids.v);
	n->span.len = mark_off(b, e->end_mark) - n->span.off;
	return attach(b, n, fr.anchor);
}

static const enum ydoc_style scalar_styles[] = {
	[YAML_ANY_SCALAR_STYLE] = YDOC_PLAIN,
	[YAML_PLAIN_SCALAR_STYLE] = YDOC_PLAIN,
	[YAML_SINGLE_QUOTED_SCALAR_STYLE] = YDOC_SINGLE,
	[YAML_DOUBLE_QUOTED_SCALAR_STYLE] = YDOC_DOUBLE,
	[YAML_LITERAL_SCALAR_STYLE] = YDOC_LITERAL,
	[YAML_FOLDED_SCALAR_STYLE] = YDOC_FOLDED,
};

static int
add_scalar(struct builder *b, const yaml_event_t *e)
{
	const unsigned char *anchor = e->data.scalar.anchor;
	struct ydoc_node *n;

	if (count_node(b, e) != 0)
		return -1;
	n = new_node(b, YDOC_SCALAR, e, e->data.scalar.tag);

	n->str = arena_strndup(b->ys->arena, (const char *)e->data.scalar.value,
	    e->data.scalar.length);
	n->len = e->data.scalar.length;
	n->style = (unsigned)e->data.scalar.style < 6 ?
	    scalar_styles[e->data.scalar.style] : YDOC_PLAIN;
	return attach(b, n, anchor ? arena_strdup(b->ys->arena,
	    (const char *)anchor) : NULL);
}

static int
add_alias(struct builder *b, const yaml_event_t *e)
{
	const char *name = (const char *)e->data.alias.anchor;
	size_t i;

	b->naliases++;
	for (i = b->anchors.n; i-- > 0;)
		if (strcmp(b->anchors.v[i].name, name) == 0)
			return attach(b, b->anchors.v[i].node, NULL);
	yaml_finding(b, "GL001", mark_off(b, e->start_mark), "unknown alias "
	    "'*%s' (an anchor must be defined, and closed, before its alias)",
	    name);
	return -1;
}

/* Helm's template output names the template in a "# Source:" comment. */
static void
find_helm_source(struct builder *b, struct ydoc *d)
{
	const char *t = b->src->text;
	size_t end = d->root ? d->root->span.off : d->span.off + d->span.len;
	size_t i, j;

	/* comments before an implicit document precede its start mark */
	for (i = b->prev_end < d->span.off ? b->prev_end : d->span.off;
	    i + 9 < end; i++) {
		if ((i > 0 && t[i - 1] != '\n') || strncmp(t + i, "# Source:", 9))
			continue;
		for (j = i; j < end && t[j] != '\n' && t[j] != '\r'; j++)
			;
		d->helm_source = arena_strndup(b->ys->arena, t + i, j - i);
		return;
	}
}

static int
start_doc(struct builder *b, const yaml_event_t *e)
{
	if (b->ys->ndocs >= YDOC_MAX_DOCS) {
		yaml_finding(b, "GL013", mark_off(b, e->start_mark), "too many "
		    "documents: more than %d in this file; the rest of the "
		    "file is not read", YDOC_MAX_DOCS);
		b->fatal = 1;
		return -1;
	}
	b->naliases = 0;
	b->doc = arena_alloc(b->ys->arena, sizeof(*b->doc));
	b->doc->span.src = b->src;
	b->doc->span.off = mark_off(b, e->start_mark);
	b->anchors.n = 0;
	return 0;
}

static void
end_doc(struct builder *b, const yaml_event_t *e)
{
	struct ydoc_stream *ys = b->ys;

	b->doc->span.len = mark_off(b, e->end_mark) - b->doc->span.off;
	find_helm_source(b, b->doc);
	b->prev_end = b->doc->span.off + b->doc->span.len;
	ys->docs = xrealloc(ys->docs, (ys->ndocs + 1) * sizeof(*ys->docs));
	ys->docs[ys->ndocs++] = b->doc;
	b->doc = NULL;
}

/* Handles one event; -1 ends the run (the error is already reported). */
static int
on_event(struct builder *b, const yaml_event_t *e)
{
	switch (e->type) {
	case YAML_DOCUMENT_START_EVENT:
		return start_doc(b, e);
	case YAML_DOCUMENT_END_EVENT:
		end_doc(b, e);
		return 0;
	case YAML_SCALAR_EVENT:
		return add_scalar(b, e);
	case YAML_ALIAS_EVENT:
		return add_alias(b, e);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return open_collection(b, e);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_collection(b, e);
	default:
		return 0;
	}
}

static void
report_parser_error(struct builder *b, const yaml_parser_t *p)
{
	size_t off = mark_off(b, p->problem_mark);

	/* the reader (encoding, control characters) counts raw bytes */
	if (p->error == YAML_READER_ERROR) {
		off = b->base + p->problem_offset;
		off = off > b->src->len ? b->src->len : off;
		yaml_finding(b, "GL001", off, "%s (byte 0x%02x)", p->problem ?
		    p->problem : "cannot read the input",
		    (unsigned)p->problem_value & 0xff);
		b->stop = off + 1;
		return;
	}
	if (p->context != NULL)
		yaml_finding(b, "GL001", off, "%s: %s (the construct started "
		    "at line %zu)", p->context, p->problem ? p->problem :
		    "error", p->context_mark.line + 1);
	else
		yaml_finding(b, "GL001", off, "%s", p->problem ? p->problem :
		    F_("cannot read the input"));
	b->stop = off + 1;
}

/* One libyaml run from b->base; returns 0 at the end of input, -1 on error. */
static int
run(struct builder *b)
{
	yaml_parser_t p;
	yaml_event_t e;
	int rc = 0, done = 0;

	build_cmap(b);
	b->prev_end = b->base;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)b->src->text +
	    b->base, b->src->len - b->base);
	while (!done) {
		if (!yaml_parser_parse(&p, &e)) {
			report_parser_error(b, &p);
			rc = -1;
			break;
		}
		done = e.type == YAML_STREAM_END_EVENT;
		if (on_event(b, &e) == -1) {
			b->stop = mark_off(b, e.start_mark) + 1;
			rc = -1;
			done = 1;
		}
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	while (b->stack.n > 0)
		free(b->stack.v[--b->stack.n].kids.v);
	b->doc = NULL;
	free(b->cmap);
	b->cmap = NULL;
	return rc;
}

/* Offset of the next line that starts a document ("---"), after from. */
static size_t
next_doc_start(const struct source *src, size_t from)
{
	const char *t = src->text;
	size_t i;

	for (i = from; i + 3 <= src->len; i++) {
		if (i > 0 && t[i - 1] != '\n')
			continue;
		if (strncmp(t + i, "---", 3) == 0 && (i + 3 == src->len ||
		    strchr(" \t\r\n", t[i + 3]) != NULL))
			return i;
	}
	return src->len;
}

struct ydoc_stream *
ydoc_parse(const struct source *src, struct findings *fs)
{
	struct builder b;

	memset(&b, 0, sizeof(b));
	b.src = src;
	b.fs = fs;
	b.ys = xcalloc(1, sizeof(*b.ys));
	b.ys->arena = arena_new();
	while (b.base < src->len && run(&b) == -1 && !b.fatal) {
		size_t from = b.stop > b.base ? b.stop : b.base + 1;

		b.base = next_doc_start(src, from);
	}
	free(b.stack.v);
	free(b.anchors.v);
	return b.ys;
}

void
ydoc_free(struct ydoc_stream *ys)
{
	if (ys == NULL)
		return;
	arena_free(ys->arena);
	free(ys->docs);
	free(ys);
}

/* ---- queries ---- */

const struct ydoc_node *
ydoc_get(const struct ydoc_node *n, const char *key)
{
	size_t i, klen = strlen(key);

	if (n == NULL || n->kind != YDOC_MAP)
		return NULL;
	/* a key written twice: the last one wins, as in go-yaml v2 */
	for (i = n->nkids & ~(size_t)1; i >= 2; i -= 2) {
		const struct ydoc_node *k = n->kids[i - 2];

		if (k->kind == YDOC_SCALAR && k->len == klen &&
		    memcmp(k->str, key, klen) == 0)
			return n->kids[i - 1];
	}
	return NULL;
}

const struct ydoc_node *
ydoc_path(const struct ydoc_node *n, ...)
{
	const char *key;
	va_list ap;

	va_start(ap, n);
	while (n != NULL && (key = va_arg(ap, const char *)) != NULL)
		n = ydoc_get(n, key);
	va_end(ap);
	return n;
}

int
ydoc_is_scalar(const struct ydoc_node *n)
{
	return n != NULL && n->kind == YDOC_SCALAR;
}

const char *
ydoc_str(const struct ydoc_node *n)
{
	return ydoc_is_scalar(n) ? n->str : "";
}

int
ydoc_eq(const struct ydoc_node *n, const char *s)
{
	return ydoc_is_scalar(n) && strlen(s) == n->len &&
	    memcmp(n->str, s, n->len) == 0;
}

int
ydoc_is_null(const struct ydoc_node *n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	size_t i;

	if (!ydoc_is_scalar(n) || n->style != YDOC_PLAIN)
		return 0;
	for (i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++)
		if (strcmp(n->str, nulls[i]) == 0)
			return 1;
	return 0;
}

/* Digits of one base (with YAML 1.1's "_" separators); -1 if none or junk. */
static int
parse_digits(const char *s, int base, long long *out)
{
	unsigned long long v = 0;
	int any = 0;

	for (; *s; s++) {
		int d;

		if (*s == '_')
			continue;
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return -1;
		if (d >= base || v > (unsigned long long)(INT64_MAX - d) / base)
			return -1;
		v = v * (unsigned)base + (unsigned)d;
		any = 1;
	}
	*out = (long long)v;
	return any ? 0 : -1;
}

int
ydoc_int(const struct ydoc_node *n, long long *out)
{
	const char *s;
	int neg = 0, rc;

	if (!ydoc_is_scalar(n) || n->style != YDOC_PLAIN || n->len == 0 ||
	    strlen(n->str) != n->len)
		return -1;
	s = n->str;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		rc = parse_digits(s + 2, 16, out);
	else if (s[0] == '0' && s[1] == 'o')
		rc = parse_digits(s + 2, 8, out);
	else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
		rc = parse_digits(s + 2, 2, out);
	else if (s[0] == '0' && s[1] != '\0')
		rc = parse_digits(s + 1, 8, out); /* YAML 1.1: 0644 is octal */
	else
		rc = parse_digits(s, 10, out);
	if (rc == 0 && neg)
		*out = -*out;
	return rc;
}

int
ydoc_bool(const struct ydoc_node *n, int *out)
{
	static const char *const yes[] = { "true", "yes", "on", "y" };
	static const char *const no[] = { "false", "no", "off", "n" };
	size_t i;

	if (!ydoc_is_scalar(n) || n->style != YDOC_PLAIN)
		return -1;
	for (i = 0; i < 4; i++) {
		if (strcasecmp(n->str, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcasecmp(n->str, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

size_t
ydoc_count(const struct ydoc_node *n)
{
	if (n == NULL || n->kind == YDOC_SCALAR)
		return 0;
	return n->kind == YDOC_MAP ? n->nkids / 2 : n->nkids;
}
