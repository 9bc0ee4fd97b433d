/* ytree.c: libyaml events into a node tree with line and column marks. */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "../core/core.h"
#include "config/ytree_int.h"

#define YT_MAX_DEPTH 64

static struct yt_node *
node_new(enum yt_kind kind, const yaml_mark_t *m)
{
	struct yt_node *n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->line = (unsigned)m->line + 1;
	n->col = (unsigned)m->column + 1;
	return n;
}

static void
node_add(struct yt_node *parent, struct yt_node *kid)
{
	parent->kids = xrealloc(parent->kids,
	    (parent->n + 1) * sizeof(*parent->kids));
	parent->kids[parent->n++] = kid;
}

void
yt_free(struct yt_node *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++)
		yt_free(n->kids[i]);
	free(n->kids);
	free(n->value);
	free(n);
}

int
yt_is_null(const struct yt_node *n)
{
	return n->kind == YT_SCALAR && n->plain && (n->value[0] == '\0' ||
	    strcmp(n->value, "~") == 0 || strcmp(n->value, "null") == 0 ||
	    strcmp(n->value, "Null") == 0 || strcmp(n->value, "NULL") == 0);
}

struct yt_state {
	struct yt_node *stack[YT_MAX_DEPTH];
	int depth;
	struct yt_node *root;
	int docs;
};

/* Adds a finished node to its parent, or makes it the root. */
static void
attach(struct yt_state *st, struct yt_node *n)
{
	if (st->depth > 0)
		node_add(st->stack[st->depth - 1], n);
	else
		st->root = n;
}

/* One event; 1 at the end of the stream, -1 with *err. */
static int
event(struct yt_state *st, const yaml_event_t *ev, char **err)
{
	const yaml_mark_t *m = &ev->start_mark;
	struct yt_node *n;

	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_DOCUMENT_START_EVENT:
		if (++st->docs > 1) {
			*err = xasprintf(_("%u:%u: only one YAML document is "
			    "allowed"), (unsigned)m->line + 1,
			    (unsigned)m->column + 1);
			return -1;
		}
		return 0;
	case YAML_ALIAS_EVENT:
		*err = xasprintf(_("%u:%u: aliases are not supported here"),
		    (unsigned)m->line + 1, (unsigned)m->column + 1);
		return -1;
	case YAML_SCALAR_EVENT:
		n = node_new(YT_SCALAR, m);
		n->value = xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		attach(st, n);
		return 0;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (st->depth == YT_MAX_DEPTH) {
			*err = xasprintf(_("%u:%u: nested too deeply"),
			    (unsigned)m->line + 1, (unsigned)m->column + 1);
			return -1;
		}
		n = node_new(ev->type == YAML_SEQUENCE_START_EVENT ? YT_SEQ :
		    YT_MAP, m);
		attach(st, n);
		st->stack[st->depth++] = n;
		return 0;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		st->depth--;
		return 0;
	default:
		return 0;
	}
}

int
yt_parse(const char *text, size_t len, struct yt_node **root, char **err)
{
	struct yt_state st;
	yaml_parser_t p;
	yaml_event_t ev;
	int rc = 0;

	memset(&st, 0, sizeof(st));
	*root = NULL;
	if (!yaml_parser_initialize(&p))
		gl_die("out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (rc == 0) {
		if (!yaml_parser_parse(&p, &ev)) {
			*err = xasprintf("%zu:%zu: %s%s%s",
			    p.problem_mark.line + 1, p.problem_mark.column + 1,
			    p.problem ? p.problem : "syntax error",
			    p.context ? " " : "", p.context ? p.context : "");
			rc = -1;
			break;
		}
		rc = event(&st, &ev, err);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (rc < 0) {
		yt_free(st.root);
		return -1;
	}
	*root = st.root;
	return 0;
}
