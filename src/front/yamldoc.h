/*
 * yamldoc.h: a small read-only document tree built from libyaml's event
 * stream, so that the Kubernetes and compose front-ends can walk YAML (and
 * JSON) while every node keeps its byte span in the source.  Aliases share
 * the anchored node; merge keys (<<) are applied while building.
 *
 * Ownership: a ydoc_stream owns every node and string of its documents and
 * is freed with ydoc_free(); spans point into the source it was built from.
 */
#ifndef GL_YAMLDOC_H
#define GL_YAMLDOC_H

#include <stddef.h>

#include "../core/core.h"

enum ydoc_kind {
	YDOC_SCALAR,
	YDOC_MAP,
	YDOC_SEQ,
};

enum ydoc_style {
	YDOC_PLAIN,
	YDOC_SINGLE,
	YDOC_DOUBLE,
	YDOC_LITERAL,
	YDOC_FOLDED,
	YDOC_FLOW,   /* a flow collection: [..] or {..} */
	YDOC_BLOCK,  /* a block collection */
};

struct ydoc_node {
	enum ydoc_kind kind;
	enum ydoc_style style;
	struct span span;    /* the node's bytes, from its first mark to its end */
	const char *tag;     /* explicit tag ("!Var", "tag:yaml.org,2002:str") or NULL */
	const char *str;     /* scalar value, NUL-terminated (may hold NULs) */
	size_t len;          /* its length */
	/* MAP: keys and values alternate (kids[2i], kids[2i+1]); SEQ: items */
	struct ydoc_node **kids;
	size_t nkids;
	size_t weight;       /* nodes under it with aliases expanded (saturating) */
};

struct ydoc {
	struct ydoc_node *root; /* NULL for an empty document */
	struct span span;       /* the whole document */
	const char *helm_source; /* "# Source: chart/templates/x.yaml", or NULL */
};

struct ydoc_stream {
	struct ydoc **docs;
	size_t ndocs;
	int nerrors;            /* syntax errors reported as GL001 */
	struct arena *arena;
};

/* Limits against hostile input; the defaults suit real manifests. */
#define YDOC_MAX_DEPTH 128
#define YDOC_MAX_EXPANSION 1000000 /* nodes reachable through aliases, per document */

/*
 * Parses every document of src.  A syntax error (or a limit) becomes a
 * GL001 finding at its position; parsing resumes at the next line that
 * starts with "---", so later documents are still read.  Never fails:
 * returns the stream of the documents that could be read.
 */
struct ydoc_stream *ydoc_parse(const struct source *src, struct findings *fs);
void ydoc_free(struct ydoc_stream *ys);

/* The value for key in a map (NULL if n is not a map or has no such key). */
const struct ydoc_node *ydoc_get(const struct ydoc_node *n, const char *key);
/* A path of keys: ydoc_path(n, "spec", "template", "spec", NULL). */
const struct ydoc_node *ydoc_path(const struct ydoc_node *n, ...);
/* Scalar test and text: "" and 0 unless n is a scalar. */
int ydoc_is_scalar(const struct ydoc_node *n);
const char *ydoc_str(const struct ydoc_node *n);
/* Whether a scalar equals s exactly. */
int ydoc_eq(const struct ydoc_node *n, const char *s);
/* A plain scalar that YAML 1.1 would read as null (~, null, empty). */
int ydoc_is_null(const struct ydoc_node *n);
/*
 * A scalar as an integer the way Kubernetes' YAML decoder reads one
 * (YAML 1.1: 0644 and 0o644 octal, 0x1A4 hex, 420 decimal; quoted strings
 * are not integers).  0 on success, -1 otherwise.
 */
int ydoc_int(const struct ydoc_node *n, long long *out);
/* A YAML 1.1 boolean (true/false/yes/no/on/off/y/n), as go-yaml v2 reads it. */
int ydoc_bool(const struct ydoc_node *n, int *out);
/* Number of items of a SEQ, or of key/value pairs of a MAP. */
size_t ydoc_count(const struct ydoc_node *n);

#endif
