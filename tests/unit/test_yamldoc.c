/*
 * test_yamldoc.c: the YAML document tree: spans, multi-document streams,
 * JSON, anchors, merge keys, the limits, and syntax errors as GL001 with
 * later documents still read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "front/front.h"

static struct ydoc_stream *
parse(const char *text, struct findings *fs)
{
	struct source *src = src_new("t.yaml", text, strlen(text));

	return ydoc_parse(src, fs);
}

static void
pos_of(struct span sp, unsigned *line, unsigned *col)
{
	src_position(sp.src, sp.off, line, col);
}

static void
test_spans_and_multidoc(void **state)
{
	struct findings fs = { 0 };
	struct ydoc_stream *ys = parse("a: 1\n---\nkind: Pod\nname: \"x y\"\n"
	    "---\n", &fs);
	const struct ydoc_node *n;
	unsigned line, col;

	(void)state;
	assert_int_equal(fs.n, 0);
	assert_int_equal(ys->ndocs, 3);
	assert_true(ydoc_is_null(ys->docs[2]->root)); /* an empty document */
	n = ydoc_get(ys->docs[1]->root, "name");
	assert_true(ydoc_eq(n, "x y"));
	assert_int_equal(n->style, YDOC_DOUBLE);
	pos_of(n->span, &line, &col);
	assert_int_equal(line, 4);
	assert_int_equal(col, 7);
	assert_int_equal(n->span.len, 5); /* with its quotes */
	ydoc_free(ys);
	fnd_free(&fs);
	src_registry_free();
}

static void
test_json_and_utf8(void **state)
{
	struct findings fs = { 0 };
	struct ydoc_stream *ys = parse("{\"a\": \"\xc3\xa9t\xc3\xa9\",\n\t\"b\": [1, 2]}",
	    &fs);
	const struct ydoc_node *n;
	unsigned line, col;

	(void)state;
	assert_int_equal(fs.n, 0);
	assert_int_equal(ys->ndocs, 1);
	n = ydoc_get(ys->docs[0]->root, "b");
	assert_int_equal(n->kind, YDOC_SEQ);
	assert_int_equal(ydoc_count(n), 2);
	/* byte offsets, though libyaml counts characters */
	assert_memory_equal(n->span.src->text + n->span.off, "[1, 2]", 6);
	pos_of(n->span, &line, &col);
	assert_int_equal(line, 2);
	ydoc_free(ys);
	fnd_free(&fs);
	src_registry_free();
}

static void
test_anchors_merge(void **state)
{
	struct findings fs = { 0 };
	struct ydoc_stream *ys = parse("base: &b {x: 1, y: 2}\n"
	    "svc:\n  <<: *b\n  y: 3\nlist: [*b, *b]\n", &fs);
	const struct ydoc_node *svc, *root;

	(void)state;
	assert_int_equal(fs.n, 0);
	root = ys->docs[0]->root;
	svc = ydoc_get(root, "svc");
	assert_true(ydoc_eq(ydoc_get(svc, "x"), "1"));
	assert_true(ydoc_eq(ydoc_get(svc, "y"), "3")); /* own key wins */
	assert_null(ydoc_get(svc, "<<"));
	assert_int_equal(ydoc_count(svc), 2);
	assert_ptr_equal(ydoc_get(root, "list")->kids[0], ydoc_get(root, "base"));
	ydoc_free(ys);
	fnd_free(&fs);
	src_registry_free();
}

static void
test_billion_laughs(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct findings fs = { 0 };
	struct ydoc_stream *ys;
	int i;

	(void)state;
	sb_adds(&sb, "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (i = 1; i < 9; i++)
		sb_addf(&sb, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, "
		    "*a%d, *a%d, *a%d, *a%d]\n", i, i, i - 1, i - 1, i - 1,
		    i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	sb_adds(&sb, "---\nok: 1\n");
	ys = parse(sb_str(&sb), &fs);
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.v[0].rule, "GL013");
	assert_non_null(strstr(fs.v[0].message, "billion"));
	assert_non_null(strstr(fs.v[0].message, "aliases"));
	assert_int_equal(ys->ndocs, 1); /* the next document is still read */
	assert_true(ydoc_eq(ydoc_get(ys->docs[0]->root, "ok"), "1"));
	ydoc_free(ys);
	fnd_free(&fs);
	sb_release(&sb);
	src_registry_free();
}

static void
test_depth_limit(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct findings fs = { 0 };
	struct ydoc_stream *ys;
	int i;

	(void)state;
	for (i = 0; i < YDOC_MAX_DEPTH + 5; i++)
		sb_addch(&sb, '[');
	ys = parse(sb_str(&sb), &fs);
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.v[0].rule, "GL013");
	assert_non_null(strstr(fs.v[0].message, "nesting"));
	ydoc_free(ys);
	fnd_free(&fs);
	sb_release(&sb);
	src_registry_free();
}

/*
 * An alias-free file of more nodes than the limit: "too many nodes" at the
 * node that passed it, never "aliases"; the documents before it are kept
 * and nothing after it is read (one finding, not one a document).
 */
static void
test_node_limit(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct findings fs = { 0 };
	struct ydoc_stream *ys;
	unsigned line, col;
	int i;

	(void)state;
	sb_adds(&sb, "first: 1\n---\n");
	for (i = 0; i < YDOC_MAX_NODES; i++)
		sb_adds(&sb, "- 1\n");
	sb_adds(&sb, "---\nlast: 1\n");
	ys = parse(sb_str(&sb), &fs);
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.v[0].rule, "GL013");
	assert_non_null(strstr(fs.v[0].message, "too many nodes"));
	assert_null(strstr(fs.v[0].message, "alias"));
	pos_of(fs.v[0].span, &line, &col);
	/*
	 * 3 nodes in the first document (lines 1-2), the sequence is node 4,
	 * item k (line 3 + k) node 5 + k: node MAX + 1 is item MAX - 4.
	 */
	assert_int_equal(line, 3 + YDOC_MAX_NODES - 4);
	assert_int_equal(ys->ndocs, 1);
	ydoc_free(ys);
	fnd_free(&fs);
	sb_release(&sb);
	src_registry_free();
}

/* One finding past the document limit; the documents before it are kept. */
static void
test_document_limit(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct findings fs = { 0 };
	struct ydoc_stream *ys;
	int i;

	(void)state;
	for (i = 0; i < YDOC_MAX_DOCS + 50; i++)
		sb_adds(&sb, "---\na: 1\n");
	ys = parse(sb_str(&sb), &fs);
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.v[0].rule, "GL013");
	assert_non_null(strstr(fs.v[0].message, "too many documents"));
	assert_int_equal(ys->ndocs, YDOC_MAX_DOCS);
	ydoc_free(ys);
	fnd_free(&fs);
	sb_release(&sb);
	src_registry_free();
}

static void
test_syntax_error_resync(void **state)
{
	struct findings fs = { 0 };
	struct ydoc_stream *ys = parse("a: 1\n---\nb: [1, 2\nc: 3\n---\nd: 4\n",
	    &fs);
	unsigned line, col;

	(void)state;
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.v[0].rule, "GL001");
	pos_of(fs.v[0].span, &line, &col);
	assert_true(line >= 3 && line <= 5);
	assert_int_equal(ys->nerrors, 1);
	assert_int_equal(ys->ndocs, 2);
	assert_true(ydoc_eq(ydoc_get(ys->docs[0]->root, "a"), "1"));
	assert_true(ydoc_eq(ydoc_get(ys->docs[1]->root, "d"), "4"));
	ydoc_free(ys);
	fnd_free(&fs);
	src_registry_free();
}

static void
test_unknown_alias(void **state)
{
	struct findings fs = { 0 };
	struct ydoc_stream *ys = parse("a: &x [*x]\n", &fs);

	(void)state;
	assert_int_equal(fs.n, 1);
	assert_non_null(strstr(fs.v[0].message, "unknown alias"));
	ydoc_free(ys);
	fnd_free(&fs);
	src_registry_free();
}

static void
test_helm_and_scalars(void **state)
{
	struct findings fs = { 0 };
	struct ydoc_stream *ys = parse("---\n# Source: app/templates/dep.yaml\n"
	    "mode: 0644\ndec: 420\nq: \"0644\"\nhex: 0x1A4\no: 0o644\n"
	    "t: !Var name\nro: yes\nnul: ~\n", &fs);
	const struct ydoc_node *r;
	long long v;
	int b;

	(void)state;
	assert_int_equal(fs.n, 0);
	assert_string_equal(ys->docs[0]->helm_source,
	    "# Source: app/templates/dep.yaml");
	r = ys->docs[0]->root;
	assert_int_equal(ydoc_int(ydoc_get(r, "mode"), &v), 0);
	assert_int_equal(v, 0644);
	assert_int_equal(ydoc_int(ydoc_get(r, "dec"), &v), 0);
	assert_int_equal(v, 420);
	assert_int_equal(ydoc_int(ydoc_get(r, "q"), &v), -1);
	assert_int_equal(ydoc_int(ydoc_get(r, "hex"), &v), 0);
	assert_int_equal(v, 420);
	assert_int_equal(ydoc_int(ydoc_get(r, "o"), &v), 0);
	assert_int_equal(v, 420);
	assert_string_equal(ydoc_get(r, "t")->tag, "!Var");
	assert_int_equal(ydoc_bool(ydoc_get(r, "ro"), &b), 0);
	assert_true(b);
	assert_true(ydoc_is_null(ydoc_get(r, "nul")));
	assert_false(ydoc_is_null(ydoc_get(r, "q")));
	ydoc_free(ys);
	fnd_free(&fs);
	src_registry_free();
}

static void
test_encodings(void **state)
{
	static const char u16[] = "\xff\xfe" "a\0:\0 \0\xe9\0\n\0b\0:\0 \0x\0";
	struct findings fs = { 0 };
	struct ydoc_stream *ys;
	const struct ydoc_node *n;
	struct source *src;
	unsigned line, col;

	(void)state;
	/* CRLF line ends and a key written twice (the last one wins) */
	ys = parse("a: 1\r\nb: \"x\"\r\na: 2\r\n", &fs);
	assert_int_equal(fs.n, 0);
	n = ydoc_get(ys->docs[0]->root, "a");
	assert_true(ydoc_eq(n, "2"));
	pos_of(n->span, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 4);
	n = ydoc_get(ys->docs[0]->root, "b");
	assert_memory_equal(n->span.src->text + n->span.off, "\"x\"", 3);
	ydoc_free(ys);
	/* UTF-16LE with its byte order mark: spans are still byte offsets */
	src = src_new("u16.yaml", u16, sizeof(u16) - 1);
	ys = ydoc_parse(src, &fs);
	assert_int_equal(fs.n, 0);
	n = ydoc_get(ys->docs[0]->root, "b");
	assert_true(ydoc_eq(n, "x"));
	assert_int_equal(n->span.off, 18);
	assert_int_equal(n->span.len, 2);
	ydoc_free(ys);
	/* a UTF-8 byte order mark and a NUL byte: GL001 with a position */
	src = src_new("nul.yaml", "\xef\xbb\xbf" "a: \xc3\xa9\nb: x\0y\n", 16);
	ys = ydoc_parse(src, &fs);
	assert_int_equal(fs.n, 1);
	src_position(src, fs.v[0].span.off, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 5);
	ydoc_free(ys);
	fnd_free(&fs);
	src_registry_free();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spans_and_multidoc),
		cmocka_unit_test(test_json_and_utf8),
		cmocka_unit_test(test_anchors_merge),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_node_limit),
		cmocka_unit_test(test_document_limit),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_syntax_error_resync),
		cmocka_unit_test(test_unknown_alias),
		cmocka_unit_test(test_helm_and_scalars),
		cmocka_unit_test(test_encodings),
	};

	return cmocka_run_group_tests_name("yamldoc", tests, NULL, NULL);
}
