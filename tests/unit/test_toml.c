/* test_toml.c: the TOML reader's errors (message and line:column), the
 * lookup API, and the spans values keep. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "front/front.h"

struct err_case {
	const char *in;
	unsigned line, col;
	const char *msg; /* a part of the message */
};

static const struct err_case err_cases[] = {
	{ "a = 1\na = 2\n", 2, 1, "duplicate key 'a'" },
	{ "[t]\n[t]\n", 2, 1, "table 't' is defined twice" },
	{ "[f]\na.b = 1\n[f.a]\n", 3, 1, "defined twice (first by a dotted key)" },
	{ "x = {a = 1}\nx.b = 2\n", 2, 1, "defined inline" },
	{ "a = [1,\n2,,]\n", 2, 3, "invalid value" },
	{ "a = \"x\n", 1, 5, "unterminated string" },
	{ "a = \"\\q\"\n", 1, 6, "invalid escape" },
	{ "a = 0777\n", 1, 5, "invalid number '0777'" },
	{ "a = 2023-02-29\n", 1, 5, "invalid date" },
	{ "a = 99999999999999999999\n", 1, 5, "does not fit in 64 bits" },
	{ "\n\n  k = 1 x\n", 3, 9, "expected a newline" },
	{ "[[a]]\n[a]\n", 2, 2, "array of tables" },
	{ "a = 1\r\nb = \"\x01\"\r\n", 2, 6, "control character U+0001" },
	{ "a = \"\xe2\x82\"\n", 1, 6, "invalid UTF-8" },
	{ "a =", 1, 4, "expected a value" },
	{ "[a\n", 1, 3, "expected ']'" },
};

static void
test_errors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(err_cases) / sizeof(err_cases[0]); i++) {
		const struct err_case *c = &err_cases[i];
		struct source *s = src_new("t.toml", c->in, strlen(c->in));
		struct span sp = { 0 };
		struct toml_doc *doc;
		unsigned line, col;
		char *err = NULL;

		doc = toml_parse(s, &err, NULL, &sp);
		if (doc != NULL)
			fail_msg("case %zu: accepted", i);
		src_position(s, sp.off, &line, &col);
		if (err == NULL || strstr(err, c->msg) == NULL ||
		    line != c->line || col != c->col)
			fail_msg("case %zu: %u:%u: %s", i, line, col,
			    err ? err : "(none)");
		free(err);
	}
	src_registry_free();
}

static const char doc_text[] =
	"title = \"x\"\n"
	"[tool.poetry.dependencies]\n"
	"python = \"^3.11\"\n"
	"gunicorn = { version = \"^22\", extras = [\"gevent\"] }\n"
	"[[package]]\n"
	"name = 'a'\n"
	"[[package]]\n"
	"name = 'b'\n"
	"\"dotted.key\" = 1979-05-27T07:32:00.5-01:30\n";

static void
test_lookup_and_spans(void **state)
{
	struct source *s = src_new("p.toml", doc_text, strlen(doc_text));
	const struct toml_val *root, *deps, *g, *pk, *v;
	struct toml_doc *doc;
	char *err;

	(void)state;
	doc = toml_parse(s, &err, NULL, NULL);
	assert_non_null(doc);
	root = toml_root(doc);
	assert_string_equal(toml_get_str(root, "title"), "x");
	deps = toml_get_kind(root, "tool.poetry.dependencies", TOML_TABLE);
	assert_non_null(deps);
	assert_int_equal(deps->n, 2);
	assert_int_equal(deps->span.off, 12); /* the [header] */
	g = toml_get(deps, "gunicorn");
	assert_int_equal(g->kind, TOML_TABLE);
	assert_int_equal(g->key_span.off, strstr(doc_text, "gunicorn") - doc_text);
	assert_int_equal(g->key_span.len, 8);
	assert_int_equal(g->span.off, strchr(doc_text, '{') - doc_text);
	assert_int_equal(doc_text[g->span.off + g->span.len - 1], '}');
	assert_string_equal(toml_get_str(g, "version"), "^22");
	v = toml_get(g, "version");
	assert_int_equal(v->span.len, 5); /* "^22" with its quotes */
	assert_null(toml_get(root, "tool.poetry.nothing"));
	assert_null(toml_get_kind(root, "title", TOML_INTEGER));
	pk = toml_get_kind(root, "package", TOML_ARRAY);
	assert_int_equal(pk->n, 2);
	assert_string_equal(toml_get_str(pk->items[1], "name"), "b");
	assert_null(toml_get(root, "package.name")); /* arrays not entered */
	v = toml_get_key(pk->items[1], "dotted.key", 10);
	assert_non_null(v);
	assert_int_equal(v->kind, TOML_DATETIME);
	assert_int_equal(v->dt.off_minutes, -90);
	assert_int_equal(v->dt.usec, 500000);
	assert_string_equal(toml_kind_name(v->kind), "datetime");
	toml_free(doc);
	toml_free(NULL);
	src_registry_free();
}

struct scalar_case {
	const char *in;
	enum toml_kind kind;
	long long i;
	double f;
	const char *s;
};

static const struct scalar_case scalar_cases[] = {
	{ "v = 0x_1\n", TOML_TABLE, 0, 0, NULL }, /* invalid: kind unused */
	{ "v = 0xff\n", TOML_INTEGER, 255, 0, NULL },
	{ "v = -0b101\n", TOML_TABLE, 0, 0, NULL },
	{ "v = 0o17\n", TOML_INTEGER, 15, 0, NULL },
	{ "v = 1_000\n", TOML_INTEGER, 1000, 0, NULL },
	{ "v = -9223372036854775808\n", TOML_INTEGER, INT64_MIN, 0, NULL },
	{ "v = 6.5e-1\n", TOML_FLOAT, 0, 0.65, NULL },
	{ "v = 1_0.5\n", TOML_FLOAT, 0, 10.5, NULL },
	{ "v = \"\\u00e9\\U0001F600\"\n", TOML_STRING, 0, 0, "\xc3\xa9\xf0\x9f\x98\x80" },
	{ "v = '''\nline'''\n", TOML_STRING, 0, 0, "line" },
	{ "v = \"\"\"a\\\n   b\"\"\"\n", TOML_STRING, 0, 0, "ab" },
	{ "v = 07:32:00\n", TOML_TIME_LOCAL, 0, 0, "07:32:00" },
	{ "v = 1979-05-27\n", TOML_DATE_LOCAL, 0, 0, "1979-05-27" },
};

static void
test_scalars(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(scalar_cases) / sizeof(scalar_cases[0]); i++) {
		const struct scalar_case *c = &scalar_cases[i];
		struct source *s = src_new("s.toml", c->in, strlen(c->in));
		struct toml_doc *doc = toml_parse(s, NULL, NULL, NULL);
		const struct toml_val *v = NULL;

		if (c->kind == TOML_TABLE) {
			if (doc != NULL)
				fail_msg("case %zu: accepted", i);
			continue;
		}
		if (doc == NULL || (v = toml_get(toml_root(doc), "v")) == NULL ||
		    v->kind != c->kind) {
			fail_msg("case %zu: not read as %s", i,
			    toml_kind_name(c->kind));
			return;
		}
		if (c->kind == TOML_INTEGER && v->u.i != c->i)
			fail_msg("case %zu: %lld", i, v->u.i);
		if (c->kind == TOML_FLOAT && v->u.f != c->f)
			fail_msg("case %zu: %g", i, v->u.f);
		if (c->s != NULL && strcmp(v->u.str.s, c->s) != 0)
			fail_msg("case %zu: '%s'", i, v->u.str.s);
		toml_free(doc);
	}
	src_registry_free();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_lookup_and_spans),
		cmocka_unit_test(test_scalars),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
