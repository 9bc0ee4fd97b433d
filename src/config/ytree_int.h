/*
 * ytree.h: a small YAML node tree built from libyaml's events, kept only
 * for the marks: libcyaml 1.3 does not say where in the file a bad key or
 * value is, so the config loader checks the document on this tree first.
 */
#ifndef GL_YTREE_H
#define GL_YTREE_H

#include <stddef.h>

enum yt_kind { YT_SCALAR, YT_SEQ, YT_MAP };

struct yt_node {
	enum yt_kind kind;
	char *value;          /* scalars */
	int plain;            /* an unquoted scalar (so "~" and "" are null) */
	unsigned line, col;   /* 1-based */
	struct yt_node **kids; /* sequence items; maps: key, value, key, ... */
	size_t n;
};

/*
 * Parses the first document of text.  *root is NULL for an empty
 * document.  -1 with *err ("line:col: problem") on a syntax error, an
 * alias or a second document.
 */
int yt_parse(const char *text, size_t len, struct yt_node **root, char **err);
void yt_free(struct yt_node *n);
/* A plain scalar that YAML reads as null: "", "~", "null". */
int yt_is_null(const struct yt_node *n);

#endif
