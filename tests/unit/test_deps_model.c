/*
 * test_deps_model.c: the dependency files of a launch: which settings
 * table a gunicorn release as a pin writes it selects, and how a
 * launch's files are searched (locks first, -r includes followed, dev
 * groups left out) and judged complete.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/core.h"
#include "model/model.h"

static void
test_table_version(void **state)
{
	static const struct {
		const char *release, *table; /* NULL: not a version */
	} cases[] = {
		{ "22.0.0", "22.0.0" }, { "22.0", "22.0.0" }, { "22", "22.0.0" },
		{ "21.2.0", "21.2.0" }, { "21.1.1", "21.1.0" },
		{ "25.0.5", "25.0.3" }, { "19.9.0", "20.1.0" },
		{ "20.1.0", "20.1.0" }, { "99.0", "26.1.0" },
		{ "23.0.0rc1", "22.0.0" }, { "23.0.0.post1", "23.0.0" },
		{ "latest", NULL }, { "", NULL },
	};
	enum gl_version v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = deps_table_version(cases[i].release, &v);

		if (cases[i].table == NULL) {
			assert_int_equal(rc, -1);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_string_equal(gv_name(v), cases[i].table);
	}
	assert_int_equal(deps_table_version(NULL, &v), -1);
}

/* A launch over hand-built files. */
static struct gl_deps *
file_of(const char *name, enum pydeps_kind kind, const char *text)
{
	struct gl_deps *d = xcalloc(1, sizeof(*d));

	d->path = xstrdup(name);
	d->kind = kind;
	d->failed = pydeps_read(src_new(name, text, strlen(text)), kind,
	    &d->pd) < 0;
	return d;
}

static void
file_free(struct gl_deps *d)
{
	pydeps_free(&d->pd);
	free(d->includes.v);
	free(d->path);
	free(d);
}

static void
test_find(void **state)
{
	struct gl_deps *req = file_of("requirements.txt", PYDEPS_REQUIREMENTS,
	    "-r base.txt\nflask\nuvicorn>=0.29\n");
	struct gl_deps *base = file_of("base.txt", PYDEPS_REQUIREMENTS,
	    "gunicorn==23.0.0\n");
	struct gl_deps *lock = file_of("poetry.lock", PYDEPS_POETRY_LOCK,
	    "[[package]]\nname = \"uvicorn\"\nversion = \"0.30.6\"\n");
	const struct gl_deps *files[2] = { req, lock }, *in = NULL;
	const struct pydeps_rec *r;
	struct gl_launch l;

	(void)state;
	memset(&l, 0, sizeof(l));
	l.deps = files;
	l.ndeps = 1;
	/* the include is not resolved: not complete, gunicorn not found */
	assert_false(deps_complete(&l));
	assert_null(deps_find(&l, "gunicorn", NULL));
	VEC_PUSH(&req->includes, base);
	req->includes_done = 1;
	assert_true(deps_complete(&l));
	assert_non_null(r = deps_find(&l, "gunicorn", &in));
	assert_string_equal(r->pinned, "23.0.0");
	assert_ptr_equal(in, base);
	/* the lock's entry before the declaration */
	l.ndeps = 2;
	assert_non_null(r = deps_find(&l, "uvicorn", &in));
	assert_ptr_equal(in, lock);
	assert_string_equal(r->pinned, "0.30.6");
	assert_null(deps_find(&l, "gevent", NULL));
	file_free(req);
	file_free(base);
	file_free(lock);
}

static void
test_complete(void **state)
{
	struct gl_deps *tools = file_of("pyproject.toml", PYDEPS_PYPROJECT,
	    "[tool.black]\nline-length = 99\n");
	struct gl_deps *url = file_of("requirements.txt", PYDEPS_REQUIREMENTS,
	    "gunicorn\nhttps://example.org/pkg.tar.gz\n");
	struct gl_deps *dev = file_of("pyproject.toml", PYDEPS_PYPROJECT,
	    "[project]\nname = \"x\"\nversion = \"1\"\ndependencies = "
	    "[\"flask\"]\n[tool.poetry.group.dev.dependencies]\n"
	    "gunicorn = \"*\"\n");
	const struct gl_deps *files[1];
	struct gl_launch l;

	(void)state;
	memset(&l, 0, sizeof(l));
	l.deps = files;
	l.ndeps = 1;
	files[0] = tools; /* tool settings only: lists nothing */
	assert_false(deps_complete(&l));
	files[0] = url;   /* a bare URL names no package */
	assert_false(deps_complete(&l));
	files[0] = dev;   /* complete, but a dev group is not the launch's */
	assert_true(deps_complete(&l));
	assert_non_null(deps_find(&l, "flask", NULL));
	assert_null(deps_find(&l, "gunicorn", NULL));
	l.ndeps = 0;
	assert_false(deps_complete(&l));
	file_free(tools);
	file_free(url);
	file_free(dev);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_version),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_complete),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
