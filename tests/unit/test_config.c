/* test_config.c: .gunilint.yaml loading (every error path), discovery and exclude globs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "config/config.h"
#include "rules/rules.h"

static struct gcfg *
load_ok(const char *text)
{
	struct gcfg *cfg = NULL;
	char *err = NULL;

	if (gcfg_load(cat_id, "c.yaml", text, strlen(text), &cfg, &err) < 0)
		fail_msg("unexpected error: %s", err);
	assert_non_null(cfg);
	return cfg;
}

static void
test_full(void **state)
{
	struct gcfg *cfg = load_ok(
	    "# project settings\n"
	    "ignore: [GL003, missing-value]\n"
	    "severity:\n"
	    "  GL006: warning\n"
	    "  unused-suppression: off\n"
	    "fail-level: warning\n"
	    "gunicorn-version: \"20.1-debian\"\n"
	    "exclude:\n"
	    "  - vendor/\n"
	    "  - '**/*.example.yaml'\n"
	    "cpus: 1.5\n");

	(void)state;
	assert_string_equal(cfg->path, "c.yaml");
	assert_int_equal(cfg->nignore, 2);
	assert_string_equal(cfg->ignore[0], "GL003");
	assert_string_equal(cfg->ignore[1], "GL005");
	assert_int_equal(cfg->nsev, 2);
	assert_string_equal(cfg->sev[0].rule, "GL006");
	assert_int_equal(cfg->sev[0].sev, SEV_WARNING);
	assert_false(cfg->sev[0].off);
	assert_string_equal(cfg->sev[1].rule, "GL011");
	assert_true(cfg->sev[1].off);
	assert_true(cfg->has_fail_level);
	assert_int_equal(cfg->fail_level, SEV_WARNING);
	assert_string_equal(cfg->gunicorn_version, "20.1-debian");
	assert_int_equal(cfg->nexclude, 2);
	assert_string_equal(cfg->exclude[1], "**/*.example.yaml");
	assert_true(cfg->cpus == 1.5);
	gcfg_free(cfg);
}

static void
test_empty_and_minimal(void **state)
{
	struct gcfg *cfg;

	(void)state;
	cfg = load_ok("");
	assert_int_equal(cfg->nignore, 0);
	assert_false(cfg->has_fail_level);
	assert_null(cfg->gunicorn_version);
	assert_true(cfg->cpus == 0);
	gcfg_free(cfg);
	cfg = load_ok("# only a comment\n");
	gcfg_free(cfg);
	cfg = load_ok("fail-level: none\ngunicorn-version: 23.0\ncpus: 4\n");
	assert_int_equal(cfg->fail_level, SEV_NONE);
	assert_string_equal(cfg->gunicorn_version, "23.0");
	assert_true(cfg->cpus == 4);
	gcfg_free(cfg);
	gcfg_free(NULL);
}

static const struct {
	const char *text;
	const char *err;
} bad[] = {
	{ "ignore: [GL003\n",
	  "c.yaml:2:1: did not find expected ',' or ']' while parsing a flow sequence" },
	{ "ignor: [GL003]\n",
	  "c.yaml:1:1: unknown key 'ignor' (expected ignore, severity, "
	  "fail-level, gunicorn-version, exclude, cpus or max-file-size)" },
	{ "cpus: 2\ncpus: 3\n", "c.yaml:2:1: 'cpus' is given twice" },
	{ "- ignore\n", "c.yaml:1:1: expected a mapping of settings, found a list" },
	{ "just text\n", "c.yaml:1:1: expected a mapping of settings, found a single value" },
	{ "[a]: 1\n", "c.yaml:1:1: a key must be a plain word" },
	{ "ignore: GL003\n",
	  "c.yaml:1:9: expected a list of rule ids or slugs, found a single value" },
	{ "ignore:\n", "c.yaml:1:8: expected a list of rule ids or slugs, found nothing" },
	{ "ignore:\n  - GL003\n  - GL999\n",
	  "c.yaml:3:5: unknown rule 'GL999' (see `gunilint rules`)" },
	{ "ignore: [threads-ignored-by-wroker]\n",
	  "c.yaml:1:10: unknown rule 'threads-ignored-by-wroker' (see `gunilint rules`)" },
	{ "ignore: [[GL003]]\n",
	  "c.yaml:1:10: expected a rule id or slug, found a list" },
	{ "severity: [GL003]\n",
	  "c.yaml:1:11: expected a mapping of rule to severity, found a list" },
	{ "severity:\n", "c.yaml:1:10: expected a mapping of rule to severity, found nothing" },
	{ "severity:\n  GL003: fatal\n",
	  "c.yaml:2:10: unknown severity 'fatal' (expected error, warning, info or off)" },
	{ "severity:\n  GL003: none\n",
	  "c.yaml:2:10: unknown severity 'none' (expected error, warning, info or off)" },
	{ "severity:\n  GL003:\n",
	  "c.yaml:2:9: expected error, warning, info or off, found nothing" },
	{ "severity:\n  GL077: error\n",
	  "c.yaml:2:3: unknown rule 'GL077' (see `gunilint rules`)" },
	{ "severity: {GL003: info, unknown-option: error}\n",
	  "c.yaml:1:25: the severity of GL003 is given twice" },
	{ "fail-level: errors\n",
	  "c.yaml:1:13: unknown fail level 'errors' (expected error, warning, info or none)" },
	{ "fail-level: [error]\n",
	  "c.yaml:1:13: expected error, warning, info or none, found a list" },
	{ "gunicorn-version: 23\n",
	  "c.yaml:1:19: '23' is not a gunicorn release (write it as \"23.0\", quoted)" },
	{ "gunicorn-version: latest\n",
	  "c.yaml:1:19: 'latest' is not a gunicorn release (write it as \"23.0\", quoted)" },
	{ "gunicorn-version: ~\n",
	  "c.yaml:1:19: expected a gunicorn release such as \"23.0\", found nothing" },
	{ "exclude: {a: b}\n",
	  "c.yaml:1:10: expected a list of path patterns, found a mapping" },
	{ "exclude: [ok, '']\n", "c.yaml:1:15: an empty path pattern" },
	{ "exclude: [ok, ~]\n", "c.yaml:1:15: expected a path pattern, found nothing" },
	{ "cpus: 0\n", "c.yaml:1:7: '0' is not a positive number of CPUs" },
	{ "cpus: -2\n", "c.yaml:1:7: '-2' is not a positive number of CPUs" },
	{ "cpus: two\n", "c.yaml:1:7: 'two' is not a positive number of CPUs" },
	{ "cpus: .nan\n", "c.yaml:1:7: '.nan' is not a positive number of CPUs" },
	{ "cpus: 1e9\n", "c.yaml:1:7: '1e9' is not a positive number of CPUs" },
	{ "cpus: 1e2\n", "c.yaml:1:7: '1e2' is not a positive number of CPUs" },
	{ "cpus: 0x10\n", "c.yaml:1:7: '0x10' is not a positive number of CPUs" },
	{ "a: &x 1\nb: *x\n", "c.yaml:2:4: aliases are not supported here" },
	{ "cpus: 1\n---\ncpus: 2\n", "c.yaml:2:1: only one YAML document is allowed" },
};

static void
test_errors(void **state)
{
	struct gcfg *cfg;
	char *err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err = NULL;
		cfg = (struct gcfg *)1;
		if (gcfg_load(cat_id, "c.yaml", bad[i].text, strlen(bad[i].text), &cfg,
		    &err) == 0)
			fail_msg("case %zu loaded: %s", i, bad[i].text);
		assert_null(cfg);
		if (strcmp(err, bad[i].err) != 0)
			fail_msg("case %zu: got \"%s\"\n  expected \"%s\"", i, err,
			    bad[i].err);
		free(err);
	}
}

static void
test_load_file(void **state)
{
	char dir[] = "/tmp/gl-cfg-XXXXXX", *path, *err = NULL;
	struct gcfg *cfg;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/.gunilint.yaml", dir);
	assert_int_equal(gcfg_load(cat_id, path, NULL, 0, &cfg, &err), -1);
	assert_non_null(strstr(err, "No such file"));
	free(err);
	fp = fopen(path, "w");
	fputs("ignore: [GL003]\n", fp);
	fclose(fp);
	assert_int_equal(gcfg_load(cat_id, path, NULL, 0, &cfg, &err), 0);
	assert_int_equal(cfg->nignore, 1);
	gcfg_free(cfg);
	unlink(path);
	rmdir(dir);
	free(path);
}

static void
touch(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(p, "w");

	assert_non_null(fp);
	fclose(fp);
	free(p);
}

static void
test_find(void **state)
{
	char top[] = "/tmp/gl-find-XXXXXX", *repo, *deep, *path, *err = NULL;
	char *cmd, *cwd;
	struct gcfg *cfg;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(top));
	repo = xasprintf("%s/repo", top);
	deep = xasprintf("%s/repo/a/b", top);
	cmd = xasprintf("mkdir -p %s/.git", deep);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	cmd = xasprintf("rmdir %s/.git", deep);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	/* Nothing anywhere. */
	assert_int_equal(gcfg_find(deep, &path, &err), 0);
	assert_null(path);
	/* One above the repository root is not used: the search stops at .git. */
	touch(top, GCFG_NAME);
	cmd = xasprintf("mkdir %s/.git", repo);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	assert_int_equal(gcfg_find(deep, &path, &err), 0);
	/* At the repository root: found, named relative to the start. */
	touch(repo, GCFG_NAME);
	assert_int_equal(gcfg_find(deep, &path, &err), 1);
	assert_true(strlen(path) > strlen(deep));
	assert_string_equal(path + strlen(deep), "/../../" GCFG_NAME);
	free(path);
	/* From the current directory: a relative name. */
	cwd = getcwd(NULL, 0);
	assert_int_equal(chdir(deep), 0);
	assert_int_equal(gcfg_find(NULL, &path, &err), 1);
	assert_string_equal(path, "../../" GCFG_NAME);
	free(path);
	assert_int_equal(gcfg_resolve(cat_id, NULL, &cfg, &err), 0);
	assert_string_equal(cfg->path, "../../" GCFG_NAME); /* empty file */
	gcfg_free(cfg);
	touch(".", GCFG_NAME);
	assert_int_equal(gcfg_find(NULL, &path, &err), 1);
	assert_string_equal(path, GCFG_NAME);
	free(path);
	fp = fopen(GCFG_NAME, "w");
	fputs("cpus: [1]\n", fp);
	fclose(fp);
	assert_int_equal(gcfg_resolve(cat_id, NULL, &cfg, &err), -1);
	assert_string_equal(err, GCFG_NAME ":1:7: expected a number of CPUs, "
	    "found a list");
	free(err);
	assert_int_equal(gcfg_resolve(cat_id, "missing.yaml", &cfg, &err), -1);
	assert_non_null(strstr(err, "missing.yaml: No such file"));
	free(err);
	unlink(GCFG_NAME);
	cmd = xasprintf("rm -rf %s/.git %s/" GCFG_NAME, repo, repo);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	cmd = xasprintf("touch %s/.git", deep); /* a worktree's .git file */
	assert_int_equal(system(cmd), 0);
	free(cmd);
	assert_int_equal(gcfg_resolve(cat_id, NULL, &cfg, &err), 0);
	assert_null(cfg->path); /* stopped at the .git file: none found */
	gcfg_free(cfg);
	assert_int_equal(chdir(cwd), 0);
	free(cwd);
	assert_int_equal(gcfg_find("/nonexistent-dir-x", &path, &err), -1);
	assert_non_null(strstr(err, "not a directory"));
	free(err);
	cmd = xasprintf("rm -rf %s", top);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(repo);
	free(deep);
}

static void
test_find_stops_at_root(void **state)
{
	char *path = NULL, *err = NULL;
	int rc;

	(void)state;
	/* From / upwards there is only /: must terminate. */
	rc = gcfg_find("/", &path, &err);
	assert_true(rc == 0 || rc == 1);
	free(path);
}

static const struct {
	const char *pat, *path;
	int match;
} globs[] = {
	{ "*.yaml", "deploy/k8s/api.yaml", 1 },
	{ "*.yaml", "api.yml", 0 },
	{ "deploy/*.yaml", "deploy/api.yaml", 1 },
	{ "deploy/*.yaml", "deploy/k8s/api.yaml", 0 },
	{ "deploy/**/*.yaml", "deploy/k8s/x/api.yaml", 1 },
	{ "deploy/**/*.yaml", "deploy/api.yaml", 1 },
	{ "**/Dockerfile", "Dockerfile", 1 },
	{ "**/Dockerfile", "./a/b/Dockerfile", 1 },
	{ "vendor/**", "vendor/x/y", 1 },
	{ "vendor/**", "vendored/x", 0 },
	{ "vendor/", "vendor/x/y", 1 },
	{ "vendor/", "vendor", 1 },
	{ "vendor/", "vendors/x", 0 },
	{ "Dockerfile.?", "Dockerfile.a", 1 },
	{ "Dockerfile.?", "Dockerfile.ab", 0 },
	{ "a/?/c", "a//c", 0 },
	{ "[dD]ockerfile", "dockerfile", 1 },
	{ "[!d]ockerfile", "dockerfile", 0 },
	{ "[^d]ockerfile", "Dockerfile", 1 },
	{ "a[b", "a[b", 1 },
	{ "a\\*", "a*", 1 },
	{ "a\\*", "ab", 0 },
	{ "./tests/*", "tests/x", 1 },
};

static void
test_globs(void **state)
{
	struct gcfg cfg = { 0 };
	char *pats[] = { "vendor/", "*.example.yaml" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(globs) / sizeof(globs[0]); i++)
		if (gcfg_glob_match(globs[i].pat, globs[i].path) != globs[i].match)
			fail_msg("glob '%s' on '%s' should %smatch", globs[i].pat,
			    globs[i].path, globs[i].match ? "" : "not ");
	cfg.exclude = pats;
	cfg.nexclude = 2;
	assert_true(gcfg_excluded(&cfg, "vendor/a/Dockerfile"));
	assert_true(gcfg_excluded(&cfg, "k8s/api.example.yaml"));
	assert_false(gcfg_excluded(&cfg, "k8s/api.yaml"));
	assert_false(gcfg_excluded(NULL, "k8s/api.yaml"));
}

/*
 * Regression (fuzz_cli timeout): many stars backtracked exponentially.
 * Each pattern must be answered, correctly, in well under a second.
 */
static void
test_globs_many_stars(void **state)
{
	char pat[256], path[512];
	clock_t t0 = clock();
	size_t i;

	(void)state;
	/* "***...***dDveo" (from the crash) against a path of 200 bytes */
	memset(pat, '*', 30);
	strcpy(pat + 30, "dDveo");
	memset(path, 'x', 200);
	strcpy(path + 200, "/pods.yaml");
	assert_false(gcfg_glob_match(pat, path));
	/* "*a*a*a...*b" against "aaa...a" */
	for (i = 0; i < 60; i += 2) {
		pat[i] = '*';
		pat[i + 1] = 'a';
	}
	strcpy(pat + 60, "*b");
	memset(path, 'a', 300);
	path[300] = '\0';
	assert_false(gcfg_glob_match(pat, path));
	path[299] = 'b';
	assert_true(gcfg_glob_match(pat, path));
	/* "**" + "/" repeated, against a deep path, matching and not */
	pat[0] = '\0';
	for (i = 0; i < 20; i++)
		strcat(pat, "**/");
	strcat(pat, "x.yaml");
	path[0] = '\0';
	for (i = 0; i < 60; i++)
		strcat(path, "d/");
	strcat(path, "x.yaml");
	assert_true(gcfg_glob_match(pat, path));
	path[strlen(path) - 1] = 'm';
	assert_false(gcfg_glob_match(pat, path));
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_globs_many_stars),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_empty_and_minimal),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_find_stops_at_root),
		cmocka_unit_test(test_globs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
