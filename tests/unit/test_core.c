/* test_core.c: sources and spans, strbuf, arena, findings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/core.h"

static void
test_position(void **state)
{
	struct source *s = src_new("f", "ab\ncd\n\nx", 8);
	unsigned line, col;
	size_t len;
	const char *l;

	(void)state;
	assert_int_equal(s->nlines, 4);
	src_position(s, 0, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	src_position(s, 4, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 2);
	src_position(s, 7, &line, &col);
	assert_int_equal(line, 4);
	assert_int_equal(col, 1);
	src_position(s, 99, &line, &col); /* clamped to the end */
	assert_int_equal(line, 4);
	assert_int_equal(col, 2);
	l = src_line(s, 2, &len);
	assert_int_equal(len, 2);
	assert_memory_equal(l, "cd", 2);
	l = src_line(s, 3, &len);
	assert_int_equal(len, 0);
	(void)l;
	src_registry_free();
}

static void
test_trailing_newline_makes_no_extra_line(void **state)
{
	struct source *s = src_new("f", "a\r\nb\n", 5);
	size_t len;

	(void)state;
	assert_int_equal(s->nlines, 2);
	assert_memory_equal(src_line(s, 1, &len), "a", 1);
	assert_int_equal(len, 1); /* CR is not part of the line */
	src_registry_free();
}

/* --max-file-size values, and the limit's name in messages. */
static void
test_sizes(void **state)
{
	static const struct { const char *in; size_t want; } ok[] = {
		{ "0", 0 }, { "4096", 4096 }, { "512k", 512 << 10 },
		{ "10M", 10 << 20 }, { "10MiB", 10 << 20 }, { "1G", 1 << 30 },
		{ "2kb", 2048 },
	};
	static const char *const bad[] = { "", "-1", "10X", "M", "1.5M",
	    "10 M", "99999999999999999999", "18446744073709551615G" };
	char buf[32];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(*ok); i++) {
		assert_int_equal(src_parse_size(ok[i].in, &n), 0);
		assert_int_equal(n, ok[i].want);
	}
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_int_equal(src_parse_size(bad[i], &n), -1);
	src_format_size(buf, sizeof(buf), 10 << 20);
	assert_string_equal(buf, "10 MiB");
	src_format_size(buf, sizeof(buf), 1536);
	assert_string_equal(buf, "1536 bytes");
	src_format_size(buf, sizeof(buf), (size_t)3 << 30);
	assert_string_equal(buf, "3 GiB");
}

/* The first line over the limit, its newline aside; 0 when none. */
static void
test_long_line(void **state)
{
	struct source *s = src_new("t", "ab\nabcd\nabcde", 14);

	(void)state;
	assert_int_equal(src_long_line(s, 5), 0);
	assert_int_equal(src_long_line(s, 4), 3);
	assert_int_equal(src_long_line(s, 3), 2);
	assert_int_equal(src_long_line(s, 1), 1);
	src_registry_free();
}

static void
test_span_join(void **state)
{
	struct source *s = src_new("f", "0123456789", 10);
	struct span a = span_make(s, 2, 2), b = span_make(s, 6, 3), j;

	(void)state;
	j = span_join(a, b);
	assert_int_equal(j.off, 2);
	assert_int_equal(j.len, 7);
	j = span_join(span_make(NULL, 0, 0), b);
	assert_int_equal(j.off, 6);
	src_registry_free();
}

static void
test_strbuf(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *p;
	int i;

	(void)state;
	assert_string_equal(sb_str(&sb), "");
	for (i = 0; i < 100; i++)
		sb_addf(&sb, "%d,", i);
	assert_int_equal(strncmp(sb.buf, "0,1,2,", 6), 0);
	assert_int_equal(sb.len, strlen(sb.buf));
	p = sb_detach(&sb);
	assert_null(sb.buf);
	free(p);
}

static void
test_arena(void **state)
{
	struct arena *a = arena_new();
	char *s, *t, *p;
	int i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		s = arena_strdup(a, "hello");
		assert_string_equal(s, "hello");
		/* a record after a string is aligned again */
		p = arena_alloc(a, 24);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		assert_int_equal(p[0] | p[23], 0);
	}
	/* strings are packed, not rounded up */
	s = arena_strdup(a, "ab");
	t = arena_strdup(a, "cd");
	assert_ptr_equal(t, s + 3);
	assert_non_null(arena_alloc(a, 100000)); /* larger than a chunk */
	/* ... and the chunk being filled still is */
	assert_ptr_equal(arena_strdup(a, "ef"), t + 3);
	arena_free(a);
	arena_free(NULL);
}

static void
test_findings_sort_and_worst(void **state)
{
	struct source *s1 = src_new("b", "xxxx", 4), *s2 = src_new("a", "y", 1);
	struct findings fs = { 0 };
	struct finding *f;

	(void)state;
	fnd_add(&fs, "GL003", span_make(s1, 3, 1), "late");
	fnd_add(&fs, "GL003", span_make(s1, 1, 1), "early");
	f = fnd_add(&fs, "GL005", span_make(s2, 0, 1), "other file");
	fnd_set_help(f, "give %s", "a value");
	fnd_set_fix(f, span_make(s2, 0, 1), "z");
	/* The catalogue gives severities (rules/); core only compares them. */
	assert_null(fs.v[1].slug);
	fs.v[0].severity = SEV_WARNING;
	fs.v[1].severity = SEV_ERROR;
	fnd_sort(&fs);
	assert_string_equal(fs.v[0].message, "other file");
	assert_string_equal(fs.v[0].help, "give a value");
	assert_string_equal(fs.v[1].message, "early");
	assert_int_equal(fnd_worst(&fs), SEV_ERROR);
	fs.v[0].suppressed = fs.v[1].suppressed = fs.v[2].suppressed = 1;
	assert_int_equal(fnd_worst(&fs), SEV_NONE);
	fnd_free(&fs);
	src_registry_free();
}

static void
test_severity_names(void **state)
{
	enum severity s;

	(void)state;
	assert_int_equal(sev_parse("warning", &s), 0);
	assert_int_equal(s, SEV_WARNING);
	assert_int_equal(sev_parse("fatal", &s), -1);
	assert_string_equal(sev_name(SEV_ERROR), "error");
}

static void
test_distance(void **state)
{
	static const char *const names[] = { "GUNICORN_CMD_ARGS",
	    "WEB_CONCURRENCY", "PORT" };

	(void)state;
	assert_int_equal(str_distance("", "", 0), 0);
	assert_int_equal(str_distance("abc", "", 0), 3);
	assert_int_equal(str_distance("kitten", "sitting", 0), 3);
	assert_int_equal(str_distance("GUNICRON", "GUNICORN", 0), 1);
	assert_int_equal(str_distance("Port", "PORT", 0), 3);
	assert_int_equal(str_distance("Port", "PORT", 1), 0);
	assert_string_equal(str_nearest("GUNICORN_CMD_ARG", names, 3, 2, 0),
	    "GUNICORN_CMD_ARGS");
	assert_null(str_nearest("HOME", names, 3, 1, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_position),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_trailing_newline_makes_no_extra_line),
		cmocka_unit_test(test_span_join),
		cmocka_unit_test(test_strbuf),
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_findings_sort_and_worst),
		cmocka_unit_test(test_severity_names),
		cmocka_unit_test(test_distance),
	};

	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
