/* test_pyconf.c: the config-file tokenizer and evaluator (src/py/),
 * table-driven: each case is a file, an environment and a CPU count, and
 * the final bindings as "name=repr" ("name?" when runtime, "*" when the
 * value came from a CPU count, "$" from the environment). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "py/py.h"
#include "py/py_int.h"

struct eval_case {
	const char *in;
	const char *env;   /* "NAME=value;..." or NULL for unknown */
	double cpus;
	const char *want;  /* final bindings joined by " | " */
};

static const struct eval_case cases[] = {
	{ "workers = 2\nbind = '0.0.0.0:80'\n", "", 0,
	    "workers=2 | bind='0.0.0.0:80'" },
	{ "a = 7 // -2, -7 % 3, 2 ** -1, 7 / 2\n", "", 0,
	    "a=(-4, 2, 0.5, 3.5)" },
	{ "a = 1e16, 1e-5, 0.0001, 2.0, -0.0, 1.5e300 * 1e10\n", "", 0,
	    "a=(1e+16, 1e-05, 0.0001, 2.0, -0.0, inf)" },
	{ "a = 'x' 'y' \"\"\"z\"\"\" r'\\n'\n", "", 0, "a='xyz\\\\n'" },
	{ "a = 0x10 + 0o10 + 0b10 + 1_000\n", "", 0, "a=1026" },
	{ "import os\nport = os.environ.get('PORT', '8000')\n", "PORT=9", 0,
	    "os=<module 'os'> | port='9'$" },
	{ "import os\nport = os.getenv('PORT', 80)\n", "", 0,
	    "os=<module 'os'> | port=80$" },
	{ "import os\nport = os.getenv('PORT', 80)\n", NULL, 0,
	    "os=<module 'os'> | port?$" },
	{ "import os\nx = os.environ['NOPE']\ny = 1\n", "", 0,
	    "os=<module 'os'> | !fails KeyError: 'NOPE'" },
	{ "import multiprocessing\nw = multiprocessing.cpu_count() * 2 + 1\n",
	    "", 4, "multiprocessing=<module 'multiprocessing'> | w=9*" },
	{ "import multiprocessing\nw = multiprocessing.cpu_count() * 2 + 1\n",
	    "", 0, "multiprocessing=<module 'multiprocessing'> | w?*" },
	{ "import os\nw = len(os.sched_getaffinity(0))\n", "", 3,
	    "os=<module 'os'> | w=3*" },
	{ "import os\nif os.path.exists('/x'):\n    a = 1\nelse:\n    b = 2\n",
	    "", 0, "os=<module 'os'> | a? | b?" },
	{ "x = 1\nif x:\n    a = 1\nelse:\n    a = 2\n", "", 0, "x=1 | a=1" },
	{ "try:\n    import gevent\n    g = 1\nexcept ImportError:\n"
	    "    g = 0\n", "", 0, "gevent? | g?" },
	{ "try:\n    x = 1 // 0\nexcept ZeroDivisionError:\n    x = -1\n", "",
	    0, "x=-1" },
	{ "def on_starting(server):\n    return 1 / 0\nclass C:\n    pass\n",
	    "", 0, "on_starting=<function on_starting> | C=<function C>" },
	{ "a, *b = 1, 2, 3\nc = d = 'x'\ne = [1]\ne += [2]\n", "", 0,
	    "a=1 | b=[2, 3] | c='x' | d='x' | e=[1, 2]" },
	{ "h, p = 'h', 80\na = '%s:%d' % (h, p)\nb = '{}:{}'.format(h, p)\n"
	    "c = f'{h}:{p:>4}'\n", "", 0,
	    "h='h' | p=80 | a='h:80' | b='h:80' | c='h:  80'" },
	{ "a = max(int(0.5 * 3), 2), min([3, 1]), abs(-2), round(2.5)\n", "",
	    0, "a=(2, 1, 2, 2)" },
	{ "a = int('x')\n", "", 0,
	    "!fails ValueError: invalid literal for int() with base 10: 'x'" },
	{ "a = b\n", "", 0, "!fails NameError: name 'b' is not defined" },
	{ "import socket\nh = socket.gethostname()\n", "", 0, "socket? | h?" },
	{ "print('hi')\nw = 3\n", "", 0, "w=3" },
	{ "x = 1\ndel x\n", "", 0, "" },
	{ "import os\nos.environ['A'] = 'b'\na = os.environ['A']\n", "", 0,
	    "os=<module 'os'> | a='b'$" },
	{ "l = []\nl.append(1)\n", "", 0, "l=[1]" },
	{ "w = 2\nbind = 'x\n", "", 0, "!error 2:8 unterminated string literal" },
	{ "w = (2\n", "", 0, "!error 1:5 '(' was never closed" },
	{ "if 1:\n    a = 1\n  b = 2\n", "", 0, "!error 3:3 unindent does not "
	    "match any outer indentation level" },
	{ "a = 1\n  b = 2\n", "", 0, "!error 2:3 unexpected indent" },
	{ "a = 010\n", "", 0, "!error 1:5 leading zeros in decimal integer "
	    "literals are not permitted; use an 0o prefix for octal integers" },
	{ "return 1\n", "", 0, "!error 1:1 'return' outside function" },
	{ "a = f\"{'x'!r}\"\nb = f'{1+1=}'\n", "", 0, "a=\"'x'\" | b='1+1=2'" },
	{ "a = 'é' * 2\nb = len(a)\n", "", 0, "a='éé' | b=2" },
};

static const char *
case_getenv(void *arg, const char *name, struct span *where)
{
	static char buf[64];
	const char *env = arg, *p;
	size_t n = strlen(name);

	(void)where;
	for (p = env; p && *p; p = strchr(p, ';') ? strchr(p, ';') + 1 : "") {
		if (strncmp(p, name, n) == 0 && p[n] == '=') {
			const char *e = strchr(p + n + 1, ';');
			size_t len = e ? (size_t)(e - p - n - 1) : strlen(p + n + 1);

			memcpy(buf, p + n + 1, len);
			buf[len] = '\0';
			return buf;
		}
	}
	return NULL;
}

static void
render(const struct py_result *r, struct strbuf *sb)
{
	size_t i, k;
	unsigned line, col;

	for (i = 0; i < r->n; i++) {
		const struct py_item *it = &r->v[i];

		for (k = i + 1; it->name && k < r->n; k++)
			if (r->v[k].name && strcmp(r->v[k].name, it->name) == 0)
				break;
		if ((it->name && k < r->n) || it->kind == PY_DELETE)
			continue;
		if (sb->len)
			sb_adds(sb, " | ");
		if (it->kind == PY_ERROR) {
			src_position(it->span.src, it->span.off, &line, &col);
			sb_addf(sb, "!error %u:%u %s", line, col, it->why);
			continue;
		}
		if (it->fails) {
			sb_addf(sb, "!fails %s", it->why);
			continue;
		}
		sb_adds(sb, it->name);
		if (it->kind == PY_RUNTIME)
			sb_addch(sb, '?');
		else {
			sb_addch(sb, '=');
			pv_repr(sb, it->value);
		}
		if (it->uses_cpu_count)
			sb_addch(sb, '*');
		if (it->from_env)
			sb_addch(sb, '$');
	}
}

static void
test_eval_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct eval_case *c = &cases[i];
		struct source *s = src_new("case.py", c->in, strlen(c->in));
		struct py_env env = { c->env ? case_getenv : NULL,
		    (void *)c->env, c->cpus };
		struct strbuf got = STRBUF_INIT;
		struct py_result r;
		int rc = py_eval_config(s, &env, &r);

		render(&r, &got);
		if (strcmp(sb_str(&got), c->want) != 0)
			fail_msg("case %zu: %s\n  got:  %s\n  want: %s", i, c->in,
			    sb_str(&got), c->want);
		if ((rc != 0) != (strncmp(c->want, "!error", 6) == 0))
			fail_msg("case %zu: status %d", i, rc);
		sb_release(&got);
		py_result_free(&r);
	}
}

static void
test_final_and_spans(void **state)
{
	const char *t = "workers = 1\nimport os\nworkers = int(os.getenv('W', '3'))\n"
	    "import os\nx = os.environ['MISSING']\n";
	struct source *s = src_new("f.py", t, strlen(t));
	struct py_env env = { case_getenv, (void *)"", 2 };
	const struct py_item *it;
	struct py_result r;
	unsigned line, col;

	(void)state;
	assert_int_equal(py_eval_config(s, &env, &r), 0);
	it = py_result_final(&r, "workers");
	assert_non_null(it);
	assert_int_equal(it->kind, PY_ASSIGN);
	assert_int_equal(it->value->i, 3);
	assert_true(it->from_env);
	src_position(s, it->value_span.off, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 11);
	assert_int_equal(it->value_span.len, strlen("int(os.getenv('W', '3'))"));
	assert_null(py_result_final(&r, "x"));
	it = py_result_failure(&r);
	assert_non_null(it);
	assert_string_equal(it->why, "KeyError: 'MISSING'");
	src_position(s, it->span.off, &line, &col);
	assert_int_equal(line, 5);
	py_result_free(&r);
}

static void
test_tokens(void **state)
{
	const char *t = "if x:\n  a = f'{b[\"k\"]}' \\\n  + 1\n# c\nb = 2\n";
	static const enum pt_kind want[] = {
		PT_NAME, PT_NAME, PT_OP, PT_NEWLINE, PT_INDENT, PT_NAME, PT_OP,
		PT_STRING, PT_OP, PT_NUMBER, PT_NEWLINE, PT_DEDENT, PT_NAME,
		PT_OP, PT_NUMBER, PT_NEWLINE, PT_END,
	};
	struct pt_tokens toks = { 0 };
	struct pt_err err;
	size_t i;

	(void)state;
	assert_int_equal(pt_tokenize(t, 0, strlen(t), 0, &toks, &err), 0);
	assert_int_equal(toks.n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < toks.n; i++)
		assert_int_equal(toks.v[i].kind, want[i]);
	assert_int_equal(toks.v[7].flags, PT_FSTR);
	free(toks.v);
}

static void
test_float_repr(void **state)
{
	static const struct { double d; const char *repr; } f[] = {
		{ 1.0, "1.0" }, { 0.1, "0.1" }, { 1e16, "1e+16" },
		{ 123456789012345.6, "123456789012345.6" }, { 1e-5, "1e-05" },
		{ 0.5, "0.5" }, { 100.0, "100.0" }, { 2.5e-7, "2.5e-07" },
		{ 1.0 / 3, "0.3333333333333333" },
	};
	size_t i;
	double d;

	(void)state;
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		struct pyval *v = pv_float(f[i].d);

		assert_string_equal(v->s, f[i].repr);
		assert_true(pv_as_float(v, &d));
		assert_true(d == f[i].d);
		pv_free(v);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eval_cases),
		cmocka_unit_test(test_final_and_spans),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_float_repr),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	src_registry_free();
	return rc;
}
