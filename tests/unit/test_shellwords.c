/* test_shellwords.c: sw_split against CPython's shlex.split, plus spans. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "front/front.h"

struct shlex_case {
	const char *in;
	size_t len;
	const char *words; /* each word followed by \001 */
	size_t nwords;
	const char *error;
};

static const struct shlex_case cases[] = {
#include "shlex_cases.inc"
};

static void
test_against_python(void **state)
{
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct shlex_case *c = &cases[i];
		struct sw_words w = { 0 };
		struct sw_error e = { 0 };
		struct strbuf got = STRBUF_INIT;
		int rc = sw_split(c->in, c->len, NULL, 0, NULL, &w, &e);

		for (k = 0; k < w.n; k++) {
			sb_add(&got, w.v[k].value, w.v[k].len);
			sb_addch(&got, '\001');
		}
		if (c->error != NULL) {
			if (rc != -1 || strcmp(e.message, c->error) != 0)
				fail_msg("case %zu: expected error %s", i,
				    c->error);
		} else {
			if (rc != 0 || w.n != c->nwords ||
			    strcmp(sb_str(&got), c->words) != 0)
				fail_msg("case %zu: got %zu words '%s'", i,
				    w.n, sb_str(&got));
		}
		sb_release(&got);
		sw_words_free(&w);
	}
}

static void
test_spans(void **state)
{
	const char *t = "-w 3 --name 'a b'x \"q\\\"\"";
	struct source *s = src_new("GUNICORN_CMD_ARGS", t, strlen(t));
	struct sw_words w = { 0 };
	struct span sp;

	(void)state;
	assert_int_equal(sw_split(t, strlen(t), s, 0, NULL, &w, NULL), 0);
	assert_int_equal(w.n, 5);
	assert_int_equal(w.v[0].span.off, 0);
	assert_int_equal(w.v[0].span.len, 2);
	assert_string_equal(w.v[3].value, "a bx");
	assert_int_equal(w.v[3].span.off, 12);
	assert_int_equal(w.v[3].span.len, 6);   /* 'a b'x */
	assert_int_equal(w.v[3].off[3], 17);    /* the x */
	sp = sw_value_span(&w.v[3], 1, 2);     /* " b" */
	assert_int_equal(sp.off, 14);
	assert_int_equal(sp.len, 2);
	assert_string_equal(w.v[4].value, "q\"");
	assert_int_equal(w.v[4].off[1], 22);    /* the escaped quote */
	assert_ptr_equal(w.v[4].span.src, s);
	sw_words_free(&w);
	src_registry_free();
}

static void
test_base_and_offmap(void **state)
{
	static const size_t map[] = { 10, 11, 20, 21 };
	struct sw_words w = { 0 };
	struct sw_error e;

	(void)state;
	assert_int_equal(sw_split("a b", 3, NULL, 100, NULL, &w, NULL), 0);
	assert_int_equal(w.v[1].span.off, 102);
	sw_words_free(&w);
	assert_int_equal(sw_split("ab c", 4, NULL, 0, map, &w, NULL), 0);
	assert_int_equal(w.v[0].span.off, 10);
	assert_int_equal(w.v[0].span.len, 2);
	assert_int_equal(w.v[1].span.off, 21);
	sw_words_free(&w);
	/* errors point at the opening quote or the lone backslash */
	assert_int_equal(sw_split("ab 'cd", 6, NULL, 5, NULL, &w, &e), -1);
	assert_string_equal(e.message, "No closing quotation");
	assert_int_equal(e.span.off, 8);
	assert_int_equal(e.span.len, 1);
	assert_int_equal(w.n, 1); /* words before the error are kept */
	sw_words_free(&w);
	assert_int_equal(sw_split("x\\", 2, NULL, 0, NULL, &w, &e), -1);
	assert_string_equal(e.message, "No escaped character");
	assert_int_equal(e.span.off, 1);
	sw_words_free(&w);
	sw_words_free(NULL);
}

static void
test_empty_words(void **state)
{
	struct sw_words w = { 0 };

	(void)state;
	assert_int_equal(sw_split("'' \"\" a", 7, NULL, 0, NULL, &w, NULL), 0);
	assert_int_equal(w.n, 3);
	assert_int_equal(w.v[0].len, 0);
	assert_int_equal(w.v[0].span.len, 2);
	assert_int_equal(w.v[1].span.off, 3);
	sw_words_free(&w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_against_python),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_base_and_offmap),
		cmocka_unit_test(test_empty_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
