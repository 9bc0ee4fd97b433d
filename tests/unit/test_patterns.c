/* test_patterns.c: rules/patterns.yaml loading (every error path) and the near-miss test built on it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "rules/envnames_int.h"
#include "rules/patterns_schema_int.h"

static char *
write_tmp(const char *text)
{
	char *path = xasprintf("%s/gl-patterns-XXXXXX", getenv("TMPDIR") ?
	    getenv("TMPDIR") : "/tmp");
	int fd = mkstemp(path);
	FILE *fp;

	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs(text, fp);
	fclose(fp);
	return path;
}

static void
test_load_errors(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "env-names:\n  - name: A\n    near-miss: \"^(a\"\n    what: x\n",
		  "does not compile" },
		{ "env-names:\n  - name: A\n    what: x\n", "near-miss" },
		{ "env-names:\n  - name: A\n    near-miss: a\n    what: x\n"
		  "    extra: 1\n", "extra" },
		{ "", "empty" },
	};
	struct patterns_file *pf;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path = write_tmp(cases[i].text), *err = NULL;

		assert_int_equal(patterns_load(path, &pf, &err), -1);
		if (strstr(err, cases[i].want) == NULL)
			fail_msg("case %zu: '%s' lacks '%s'", i, err,
			    cases[i].want);
		free(err);
		unlink(path);
		free(path);
	}
}

static void
test_builtin_file_loads(void **state)
{
	struct patterns_file *pf;
	char *err = NULL;

	(void)state;
	if (patterns_load("rules/patterns.yaml", &pf, &err) < 0)
		fail_msg("%s", err);
	assert_string_equal(pf->env_names[0].name, "GUNICORN_CMD_ARGS");
	assert_string_equal(env_names[0].name, pf->env_names[0].name);
	patterns_free(pf);
}

static void
test_near_miss(void **state)
{
	static const struct {
		const char *name, *want;
	} cases[] = {
		{ "GUNICORN_CMD_ARGS", NULL },  /* the real name is never flagged */
		{ "GUNICORN_CMD_ARG", "GUNICORN_CMD_ARGS" },
		{ "GUNICRON_CMD_ARGS", "GUNICORN_CMD_ARGS" },
		{ "GUNICORN_ARGS", "GUNICORN_CMD_ARGS" },
		{ "gunicorn_cmd_args", "GUNICORN_CMD_ARGS" },
		{ "GUNICORN_OPTIONS", "GUNICORN_CMD_ARGS" },
		{ "WEB_CONCURENCY", "WEB_CONCURRENCY" },
		{ "Port", "PORT" },
		{ "PORT", NULL },
		{ "SPORT", NULL },
		{ "FORWARDED_ALLOWED_IPS", "FORWARDED_ALLOW_IPS" },
		{ "DATABASE_URL", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = env_near_miss(cases[i].name);

		if (cases[i].want == NULL && got != NULL)
			fail_msg("%s: flagged as %s", cases[i].name, got);
		if (cases[i].want != NULL && (got == NULL ||
		    strcmp(got, cases[i].want) != 0))
			fail_msg("%s: got %s, want %s", cases[i].name,
			    got ? got : "nothing", cases[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_builtin_file_loads),
		cmocka_unit_test(test_near_miss),
	};

	return cmocka_run_group_tests_name("patterns", tests, NULL, NULL);
}
