/*
 * test_k8s_corpus.c: every real-world manifest and compose file in
 * ../shared/corpus/{k8s,compose} loads through the YAML, Kubernetes and
 * compose front-ends and the environment rules without a crash, and
 * without a GL0xx finding unless the file is a template that is not YAML
 * (listed below with the reason).  Skipped, with a message, when the
 * corpus is absent.  Run from the repository root; GUNILINT_SHARED names
 * the shared folder when it is not ../shared.  Prints "N passed, N failed" for
 * tests/check-k8s-corpus.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <cmocka.h>

#include "front/compose.h"
#include "rules/orch.h"

/* Corpus files that are templates rather than YAML, and why. */
static const struct { const char *file, *why; } not_yaml[] = {
	{ "", "" },
};

static int
expected_invalid(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(not_yaml) / sizeof(not_yaml[0]); i++)
		if (not_yaml[i].file[0] && strcmp(not_yaml[i].file, name) == 0)
			return 1;
	return 0;
}

static int passed, failed;

static void
check_file(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct source *src = src_read_file(path, name);
	struct findings fs = { 0 };
	struct ydoc_stream *ys;
	struct k8s_set *ks;
	size_t i, gl0 = 0;

	if (src == NULL) {
		printf("FAIL %s: cannot read\n", path);
		failed++;
		free(path);
		return;
	}
	ys = ydoc_parse(src, &fs);
	ks = k8s_new();
	for (i = 0; i < ys->ndocs; i++)
		if (cmp_is_compose(ys->docs[i]->root))
			break;
	if (i < ys->ndocs) {
		cmp_read(ks, ys, dir, &fs);
	} else {
		k8s_add_stream(ks, ys);
		k8s_finish(ks, &fs);
	}
	for (i = 0; i < ks->nlaunches; i++)
		orch_check(&ks->launches[i], NULL, ks, NULL, &fs);
	for (i = 0; i < fs.n; i++) {
		if (strncmp(fs.v[i].rule, "GL0", 3) == 0) {
			unsigned line, col;

			src_position(fs.v[i].span.src, fs.v[i].span.off, &line, &col);
			if (!expected_invalid(name))
				printf("  %s:%u:%u: %s %s\n", name, line, col,
				    fs.v[i].rule, fs.v[i].message);
			gl0++;
		}
	}
	if ((gl0 > 0) != expected_invalid(name)) {
		printf("FAIL %s: %zu GL0xx finding(s)%s\n", name, gl0,
		    expected_invalid(name) ? ", but it is listed as not YAML" : "");
		failed++;
	} else {
		printf("ok   %s: %zu document(s), %zu launch(es), %zu pending, "
		    "%zu finding(s)\n", name, ys->ndocs, ks->nlaunches,
		    ks->npending, fs.n);
		passed++;
	}
	k8s_free(ks);
	ydoc_free(ys);
	fnd_free(&fs);
	free(path);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
check_dir(const char *dir)
{
	VEC(char *) names = { 0 };
	struct dirent *de;
	DIR *d = opendir(dir);
	size_t i;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			VEC_PUSH(&names, xstrdup(de->d_name));
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof(*names.v), cmp_names);
	for (i = 0; i < names.n; i++) {
		check_file(dir, names.v[i]);
		free(names.v[i]);
	}
	free(names.v);
}

static void
test_corpus(void **state)
{
	/* GUNILINT_SHARED overrides where the shared folder is */
	const char *sh = getenv("GUNILINT_SHARED") ? getenv("GUNILINT_SHARED") :
	    "../shared";
	char *k8s = xasprintf("%s/corpus/k8s", sh);
	char *cmp = xasprintf("%s/corpus/compose", sh);
	DIR *d = opendir(k8s);

	(void)state;
	if (d == NULL) {
		printf("skipped: %s is absent (the corpus lives in ../shared)\n", k8s);
		free(k8s);
		free(cmp);
		skip();
	}
	closedir(d);
	check_dir(k8s);
	check_dir(cmp);
	src_registry_free();
	printf("%d passed, %d failed\n", passed, failed);
	free(k8s);
	free(cmp);
	assert_int_equal(failed, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests_name("k8s-corpus", tests, NULL, NULL);
}
