/* test_pydeps.c: the dependency readers, line by line and file by file,
 * with their spans; Poetry constraints; file kinds; PEP 440. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "front/front.h"

/* One line of a requirements file and what its one record holds. */
struct req_case {
	const char *in;
	enum pydeps_rec_kind kind;
	const char *name, *extras, *spec, *pinned, *marker, *url, *value;
	size_t name_off, name_len;
};

static const struct req_case req_cases[] = {
	{ "gunicorn==22.0.0\n", PYDEPS_REQ, "gunicorn", "", "==22.0.0",
	    "22.0.0", NULL, NULL, NULL, 0, 8 },
	{ "  Flask_Login.X >= 1.0 , < 2 # pin\n", PYDEPS_REQ, "flask-login-x",
	    "", ">=1.0,<2", NULL, NULL, NULL, NULL, 2, 13 },
	{ "uvicorn[standard, gevent]~=0.29 ; python_version >= \"3.8\"\n",
	    PYDEPS_REQ, "uvicorn", "standard,gevent", "~=0.29", NULL,
	    "python_version >= \"3.8\"", NULL, NULL, 0, 7 },
	{ "a (>=1, <2)\n", PYDEPS_REQ, "a", "", ">=1,<2", NULL, NULL, NULL,
	    NULL, 0, 1 },
	{ "b===1.0+abc\n", PYDEPS_REQ, "b", "", "===1.0+abc", "1.0+abc", NULL,
	    NULL, NULL, 0, 1 },
	{ "c==2.*\n", PYDEPS_REQ, "c", "", "==2.*", NULL, NULL, NULL, NULL, 0, 1 },
	{ "pkg @ https://x.org/p.whl ; os_name == 'posix'\n", PYDEPS_REQ, "pkg",
	    "", "", NULL, "os_name == 'posix'", "https://x.org/p.whl", NULL, 0, 3 },
	{ "git+https://github.com/a/b.git@v1#egg=My_Pkg\n", PYDEPS_REQ,
	    "my-pkg", "", "", NULL, NULL,
	    "git+https://github.com/a/b.git@v1#egg=My_Pkg", NULL, 38, 6 },
	{ "./vendor/lib\n", PYDEPS_REQ, NULL, "", "", NULL, NULL,
	    "./vendor/lib", NULL, 0, 0 },
	{ "-e git+https://h/x.git#egg=x\n", PYDEPS_REQ, "x", "", "", NULL, NULL,
	    "git+https://h/x.git#egg=x", NULL, 0, 0 },
	{ "-r base.txt\n", PYDEPS_INCLUDE, NULL, "", NULL, NULL, NULL, NULL,
	    "base.txt", 0, 0 },
	{ "--requirement=other.txt\n", PYDEPS_INCLUDE, NULL, "", NULL, NULL,
	    NULL, NULL, "other.txt", 0, 0 },
	{ "-cconstraints.txt\n", PYDEPS_CONSTRAINT, NULL, "", NULL, NULL, NULL,
	    NULL, "constraints.txt", 0, 0 },
	{ "-i https://pypi.org/simple\n", PYDEPS_OPTION, NULL, "", NULL, NULL,
	    NULL, NULL, "https://pypi.org/simple", 0, 0 },
	{ "--pre\n", PYDEPS_OPTION, NULL, "", NULL, NULL, NULL, NULL, NULL, 0, 0 },
	{ "{% if x %}\n", PYDEPS_TEMPLATE, NULL, "", NULL, NULL, NULL, NULL,
	    NULL, 0, 0 },
	{ "gunicorn 20.1\n", PYDEPS_ERROR, NULL, "", NULL, NULL, NULL, NULL,
	    NULL, 9, 1 },
	{ "x[a,\n", PYDEPS_ERROR, NULL, "", NULL, NULL, NULL, NULL, NULL, 4, 0 },
	{ "y>=\n", PYDEPS_ERROR, NULL, "", NULL, NULL, NULL, NULL, NULL, 3, 0 },
	{ "z ; (os_name\n", PYDEPS_ERROR, NULL, "", NULL, NULL, NULL, NULL,
	    NULL, 4, 8 },
	{ "--frobnicate\n", PYDEPS_ERROR, NULL, "", NULL, NULL, NULL, NULL, NULL,
	    0, 12 },
};

static const char *
joined(const char **v, size_t n, char *buf, size_t size)
{
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < n && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? "," : "", v[i]);
	return buf;
}

static int
same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void
test_requirement_lines(void **state)
{
	char buf[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(req_cases) / sizeof(req_cases[0]); i++) {
		const struct req_case *c = &req_cases[i];
		struct source *s = src_new("requirements.txt", c->in,
		    strlen(c->in));
		struct pydeps d = { 0 };
		const struct pydeps_rec *r;

		assert_int_equal(pydeps_read(s, PYDEPS_REQUIREMENTS, &d), 0);
		if (d.n != 1) {
			fail_msg("case %zu: %zu records", i, d.n);
			return;
		}
		r = &d.v[0];
		if (r->kind != c->kind || !same(r->name, c->name) ||
		    !same(r->spec, c->spec) || !same(r->pinned, c->pinned) ||
		    !same(r->marker, c->marker) || !same(r->url, c->url) ||
		    !same(r->value, c->value) || strcmp(joined(r->extras,
		    r->nextras, buf, sizeof(buf)), c->extras) != 0)
			fail_msg("case %zu: kind %s name %s spec %s pinned %s "
			    "marker %s url %s value %s extras %s (%s)", i,
			    pydeps_rec_kind_name(r->kind), r->name, r->spec,
			    r->pinned, r->marker, r->url, r->value, buf,
			    r->message ? r->message : "");
		if ((c->name != NULL && !c->url) || c->kind == PYDEPS_ERROR ||
		    (c->url && c->name_off)) {
			if (r->name_span.off != c->name_off ||
			    r->name_span.len != c->name_len)
				fail_msg("case %zu: name span %zu+%zu", i,
				    r->name_span.off, r->name_span.len);
		}
		pydeps_free(&d);
	}
	src_registry_free();
}

static const char req_file[] =
	"\xef\xbb\xbf# top\r\n"
	"gunicorn==20.0.4 \\\r\n"
	"    --hash=sha256:aaa \\\r\n"
	"    --hash=sha256:bbb\r\n"
	"setuptools==50.3.2 \\\r\n"
	"    # via gunicorn\r\n"
	"flask \\\n"
	"  >=2 ; python_version > '3'\n";

static void
test_requirements_file(void **state)
{
	struct source *s = src_new("requirements.txt", req_file,
	    strlen(req_file));
	struct pydeps d = { 0 };
	unsigned line, col;

	(void)state;
	assert_int_equal(pydeps_read(s, PYDEPS_REQUIREMENTS, &d), 0);
	assert_int_equal(d.n, 3);
	assert_string_equal(d.v[0].name, "gunicorn");
	assert_int_equal(d.v[0].nhashes, 2);
	assert_string_equal(d.v[0].hashes[1], "sha256:bbb");
	src_position(s, d.v[0].span.off, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(d.v[0].span.len, 16);
	assert_string_equal(d.v[1].pinned, "50.3.2");
	assert_string_equal(d.v[2].spec, ">=2");
	assert_string_equal(d.v[2].marker, "python_version > '3'");
	/* The requirement's span runs over the continuation line. */
	src_position(s, d.v[2].span.off + d.v[2].span.len, &line, &col);
	assert_int_equal(line, 8);
	pydeps_free(&d);
	src_registry_free();
}

static void
test_utf16(void **state)
{
	/* "gunicorn>=20\r\nuvicorn\r\n" in UTF-16 LE and BE with their BOMs. */
	static const char text[] = "x\r\ngunicorn>=20\r\nuvicorn\r\n";
	char le[128], be[128];
	size_t n = strlen(text), i;
	int k;

	(void)state;
	le[0] = (char)0xff, le[1] = (char)0xfe, be[0] = (char)0xfe,
	    be[1] = (char)0xff;
	for (i = 0; i < n; i++) {
		le[2 + 2 * i] = text[i], le[3 + 2 * i] = 0;
		be[2 + 2 * i] = 0, be[3 + 2 * i] = text[i];
	}
	for (k = 0; k < 2; k++) {
		struct source *s = src_new("requirements.txt", k ? be : le,
		    2 + 2 * n);
		struct pydeps d = { 0 };
		unsigned line, col;

		assert_int_equal(pydeps_read(s, PYDEPS_REQUIREMENTS, &d), 0);
		assert_int_equal(d.n, 3);
		assert_ptr_not_equal(d.src, s);
		assert_string_equal(d.src->name, "requirements.txt");
		assert_string_equal(d.v[1].name, "gunicorn");
		assert_string_equal(d.v[1].spec, ">=20");
		src_position(d.src, d.v[2].name_span.off, &line, &col);
		assert_int_equal(line, 3);
		assert_int_equal(col, 1);
		assert_int_equal(d.v[2].name_span.len, 7);
		pydeps_free(&d);
	}
	src_registry_free();
}

static const char pyproject[] =
	"[project]\n"
	"dependencies = [\"gunicorn>=21\", 'uvicorn[standard]', \"bad name\", 3]\n"
	"[project.optional-dependencies]\n"
	"tls = [\"cryptography\"]\n"
	"[dependency-groups]\n"
	"test = [\"pytest\", {include-group = \"lint\"}]\n"
	"lint = [\"ruff==0.4.1\"]\n"
	"[tool.poetry.dependencies]\n"
	"python = \"^3.11\"\n"
	"fastapi = \"0.95.1\"\n"
	"gunicorn = {version = \"^20.1.0\", optional = true, extras = [\"gevent\"]}\n"
	"mylib = {git = \"https://g/x.git\", branch = \"main\"}\n"
	"[tool.poetry.group.docs.dependencies]\n"
	"sphinx = \"~5.1\"\n"
	"[tool.poetry.dev-dependencies]\n"
	"black = \"*\"\n";

static void
test_pyproject(void **state)
{
	struct source *s = src_new("pyproject.toml", pyproject,
	    strlen(pyproject));
	struct pydeps d = { 0 };
	const struct pydeps_rec *r;

	(void)state;
	assert_int_equal(pydeps_read(s, PYDEPS_PYPROJECT, &d), 0);
	assert_int_equal(d.n, 13);
	r = &d.v[0];
	assert_int_equal(r->source, PYDEPS_SRC_PEP621);
	assert_string_equal(r->group, "main");
	assert_int_equal(r->name_span.off, strstr(pyproject, "gunicorn>") -
	    pyproject);
	assert_string_equal(d.v[1].extras[0], "standard");
	assert_int_equal(d.v[2].kind, PYDEPS_ERROR);
	assert_int_equal(d.v[3].kind, PYDEPS_ERROR);
	assert_string_equal(d.v[4].group, "tls");
	assert_int_equal(d.v[5].source, PYDEPS_SRC_PEP735);
	assert_int_equal(d.v[6].kind, PYDEPS_GROUP_INCLUDE);
	assert_string_equal(d.v[6].value, "lint");
	assert_string_equal(d.v[7].pinned, "0.4.1");
	r = &d.v[8];
	assert_int_equal(r->source, PYDEPS_SRC_POETRY);
	assert_string_equal(r->name, "fastapi");
	assert_string_equal(r->pinned, "0.95.1");
	r = &d.v[9];
	assert_string_equal(r->spec, ">=20.1.0,<21.0.0");
	assert_string_equal(r->spec_raw, "^20.1.0");
	assert_int_equal(r->optional, 1);
	assert_string_equal(r->extras[0], "gevent");
	assert_int_equal(r->name_span.len, 8);
	assert_string_equal(d.v[10].url, "https://g/x.git");
	assert_string_equal(d.v[11].group, "dev");
	assert_string_equal(d.v[11].spec, "");
	assert_string_equal(d.v[12].group, "docs");
	assert_string_equal(d.v[12].spec, ">=5.1,<5.2");
	pydeps_free(&d);
	src_registry_free();
}

struct file_case {
	enum pydeps_kind kind;
	const char *in;
	int rc;
	size_t n;
	const char *name, *group, *spec, *pinned; /* of the last record */
};

static const struct file_case file_cases[] = {
	{ PYDEPS_PIPFILE, "[packages]\ngunicorn = \"*\"\nflask = {version = "
	    "\"==2.0\", extras = [\"async\"]}\n[dev-packages]\nPyTest = "
	    "\">=7\"\n", 0, 3, "pytest", "dev", ">=7", NULL },
	{ PYDEPS_POETRY_LOCK, "[[package]]\nname = \"Gunicorn\"\nversion = "
	    "\"22.0.0\"\ncategory = \"main\"\n[[package]]\nname = \"pytest\"\n"
	    "version = \"8.0\"\ncategory = \"dev\"\n[metadata]\n", 0, 2,
	    "pytest", "dev", "==8.0", "8.0" },
	{ PYDEPS_UV_LOCK, "version = 1\n[[package]]\nname = \"uvicorn\"\n"
	    "version = \"0.29.0\"\nsource = { registry = \"https://pypi.org/"
	    "simple\" }\n", 0, 1, "uvicorn", "main", "==0.29.0", "0.29.0" },
	{ PYDEPS_PIPFILE_LOCK, "{\"_meta\": {}, \"default\": {\"gunicorn\": "
	    "{\"version\": \"==22.0.0\", \"hashes\": [\"sha256:x\"]}}, "
	    "\"develop\": {\"black\": {\"version\": \"==24.1.0\"}}}", 0, 2,
	    "black", "dev", "==24.1.0", "24.1.0" },
	{ PYDEPS_PIPFILE_LOCK, "{\"default\": ", -1, 1, NULL, NULL, NULL, NULL },
	{ PYDEPS_PYPROJECT, "[project]\ndependencies = [\n", -1, 1, NULL, NULL,
	    NULL, NULL },
	{ PYDEPS_UNKNOWN, "", -1, 1, NULL, NULL, NULL, NULL },
};

static void
test_files(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(file_cases) / sizeof(file_cases[0]); i++) {
		const struct file_case *c = &file_cases[i];
		struct source *s = src_new("f", c->in, strlen(c->in));
		struct pydeps d = { 0 };
		const struct pydeps_rec *r;
		int rc = pydeps_read(s, c->kind, &d);

		if (rc != c->rc || d.n != c->n) {
			fail_msg("case %zu: rc %d, %zu records", i, rc, d.n);
			return;
		}
		r = &d.v[d.n - 1];
		if (c->rc < 0) {
			if (r->kind != PYDEPS_ERROR || r->message == NULL)
				fail_msg("case %zu: no error record", i);
		} else if (!same(r->name, c->name) || !same(r->group, c->group) ||
		    !same(r->spec, c->spec) || !same(r->pinned, c->pinned)) {
			fail_msg("case %zu: %s %s %s %s", i, r->name, r->group,
			    r->spec, r->pinned);
		}
		pydeps_free(&d);
	}
	src_registry_free();
}

static void
test_pipfile_lock_spans(void **state)
{
	static const char t[] = "{\n \"default\": {\n  \"gunicorn\": "
	    "{\"version\": \"==22.0.0\"}\n }\n}\n";
	struct source *s = src_new("Pipfile.lock", t, strlen(t));
	struct pydeps d = { 0 };
	unsigned line, col;

	(void)state;
	assert_int_equal(pydeps_read(s, PYDEPS_PIPFILE_LOCK, &d), 0);
	src_position(s, d.v[0].span.off, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 3);
	pydeps_free(&d);
	src_registry_free();
}

static const struct {
	const char *path;
	enum pydeps_kind kind;
} kind_cases[] = {
	{ "requirements.txt", PYDEPS_REQUIREMENTS },
	{ "app/requirements-dev.txt", PYDEPS_REQUIREMENTS },
	{ "requirements/prod.txt", PYDEPS_UNKNOWN },
	{ "constraints.txt", PYDEPS_REQUIREMENTS },
	{ "requirements.in", PYDEPS_UNKNOWN },
	{ "x/pyproject.toml", PYDEPS_PYPROJECT },
	{ "Pipfile", PYDEPS_PIPFILE },
	{ "Pipfile.lock", PYDEPS_PIPFILE_LOCK },
	{ "poetry.lock", PYDEPS_POETRY_LOCK },
	{ "uv.lock", PYDEPS_UV_LOCK },
	{ "setup.py", PYDEPS_UNKNOWN },
};

static void
test_kind_of(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(kind_cases) / sizeof(kind_cases[0]); i++)
		if (pydeps_kind_of(kind_cases[i].path) != kind_cases[i].kind)
			fail_msg("%s", kind_cases[i].path);
}

static const struct {
	const char *a, *b;
	int cmp;
} cmp_cases[] = {
	{ "1.0", "1.0.0", 0 }, { "20.1.0", "20.0.4", 1 },
	{ "1.0.dev0", "1.0a1", -1 }, { "1.0rc1", "1.0", -1 },
	{ "1.0.post1", "1.0", 1 }, { "1.0+local", "1.0", 1 },
	{ "19.9.0", "19.10.0", -1 }, { "1!0.1", "9.0", 1 },
	{ "not a version", "1.0", -1 },
};

static const struct {
	const char *spec, *v;
	int ok;
} allow_cases[] = {
	{ ">=20.1,<24", "23.0.0", 1 }, { ">=20.1,<24", "24.0", 0 },
	{ "~=22.0", "22.9", 1 }, { "~=22.0", "23.0", 0 },
	{ "==23.*", "23.1.2", 1 }, { "==23.*", "22.1", 0 },
	{ "!=21.2.0", "21.2", 0 }, { "!=21.2.0", "21.2.1", 1 },
	{ "", "1", 1 }, { ">=x", "1", -1 }, { ">=1", "x", -1 },
	{ "~=1", "1.0", -1 },
};

static void
test_versions(void **state)
{
	size_t i;
	int r;

	(void)state;
	for (i = 0; i < sizeof(cmp_cases) / sizeof(cmp_cases[0]); i++) {
		r = pydeps_version_cmp(cmp_cases[i].a, cmp_cases[i].b);
		if ((r > 0) - (r < 0) != cmp_cases[i].cmp)
			fail_msg("cmp %s %s: %d", cmp_cases[i].a, cmp_cases[i].b, r);
	}
	for (i = 0; i < sizeof(allow_cases) / sizeof(allow_cases[0]); i++)
		if (pydeps_spec_allows(allow_cases[i].spec, allow_cases[i].v) !=
		    allow_cases[i].ok)
			fail_msg("allows '%s' %s", allow_cases[i].spec,
			    allow_cases[i].v);
	assert_true(pydeps_version_valid("1.0.post1.dev2+abc.1"));
	assert_false(pydeps_version_valid("1.0-"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_requirement_lines),
		cmocka_unit_test(test_requirements_file),
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_pyproject),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_pipfile_lock_spans),
		cmocka_unit_test(test_kind_of),
		cmocka_unit_test(test_versions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
