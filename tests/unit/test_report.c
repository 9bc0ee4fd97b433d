/* test_report.c: every reporter against hand-built findings, byte for byte where the format is for people. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <cjson/cJSON.h>

#include "report/report.h"
#include "rules/rules.h"

/* Renders r in fmt into a string the caller frees. */
static char *
render(enum rpt_format fmt, const struct report *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	assert_int_equal(rpt_write(fmt, fp, r), 0);
	fclose(fp);
	return buf;
}

static struct report
mkreport(struct findings *fs, size_t nfiles)
{
	struct report r = { fs, NULL, 0, nfiles, 0, "1.2.3", NULL, NULL };

	cat_resolve(fs);
	return r;
}

static void
test_format_parse(void **state)
{
	enum rpt_format f;

	(void)state;
	assert_int_equal(rpt_format_parse("sarif", &f), 0);
	assert_int_equal(f, RPT_SARIF);
	assert_int_equal(rpt_format_parse("codeclimate", &f), 0);
	assert_int_equal(f, RPT_CODECLIMATE);
	assert_string_equal(rpt_format_name(RPT_GITHUB), "github");
	assert_int_equal(rpt_format_parse("SARIF", &f), -1);
	assert_int_equal(rpt_format_parse("xml", &f), -1);
}

static void
test_text_basic(void **state)
{
	struct source *s = src_new("GUNICORN_CMD_ARGS", "--workers=-1 -b :80", 19);
	struct findings fs = { 0 };
	struct finding *f;
	struct report r;
	char *out;

	(void)state;
	f = fnd_add(&fs, "GL006", span_make(s, 10, 2), "bad value '%s'", "-1");
	fnd_set_help(f, "give at least 1");
	r = mkreport(&fs, 1);
	out = render(RPT_TEXT, &r);
	assert_string_equal(out,
	    "GUNICORN_CMD_ARGS:1:11: error[GL006 invalid-value]: bad value '-1'\n"
	    "    1 | --workers=-1 -b :80\n"
	    "      |           ^~\n"
	    "  help: give at least 1\n"
	    "1 finding (1 error) in 1 file\n");
	free(out);
	fnd_free(&fs);
	src_registry_free();
}

static void
test_text_tabs_utf8_multiline(void **state)
{
	/*
	 * Line 1: a tab (8 columns), "A", "é" (2 bytes, 1 column), "=xy".  The
	 * underline counts columns as shown; the location counts bytes.
	 */
	static const char text[] = "\tA\xc3\xa9=xy\nnext\n";
	struct source *s = src_new("Dockerfile", text, sizeof(text) - 1);
	struct findings fs = { 0 };
	struct report r;
	char *out;

	(void)state;
	fnd_add(&fs, "GL003", span_make(s, 4, 3), "after the e-acute");
	fnd_add(&fs, "GL005", span_make(s, 5, 6), "to the next line");
	fnd_add(&fs, "GL005", span_make(s, 7, 0), "empty span at end of line");
	r = mkreport(&fs, 3);
	out = render(RPT_TEXT, &r);
	assert_string_equal(out,
	    "Dockerfile:1:5: error[GL003 unknown-option]: after the e-acute\n"
	    "    1 |         A\xc3\xa9=xy\n"
	    "      |           ^~~\n"
	    "Dockerfile:1:6: error[GL005 missing-value]: to the next line\n"
	    "    1 |         A\xc3\xa9=xy\n"
	    "      |            ^~\n"
	    "Dockerfile:1:8: error[GL005 missing-value]: empty span at end of line\n"
	    "    1 |         A\xc3\xa9=xy\n"
	    "      |              ^\n"
	    "3 findings (3 errors) in 3 files\n");
	free(out);
	fnd_free(&fs);
	src_registry_free();
}

static void
test_text_nolocation_summary(void **state)
{
	struct source *empty = src_new("empty.env", "", 0);
	struct source *s = src_new("x", "a\x1b[31m\n", 7);
	struct findings fs = { 0 };
	struct report r;
	char *out;

	(void)state;
	fnd_add(&fs, "GL011", span_make(NULL, 0, 0), "nowhere");
	fnd_add(&fs, "GL012", span_make(empty, 0, 0), "in an empty file");
	fnd_add(&fs, "GL012", span_make(s, 0, 1), "escape \x1b in message");
	fnd_add(&fs, "GL006", span_make(s, 0, 1), "hidden")->suppressed = 1;
	r = mkreport(&fs, 2);
	out = render(RPT_TEXT, &r);
	assert_string_equal(out,
	    "gunilint: info[GL011 unused-suppression]: nowhere\n"
	    "empty.env: warning[GL012 bad-suppression]: in an empty file\n"
	    "x:1:1: warning[GL012 bad-suppression]: escape ? in message\n"
	    "    1 | a?[31m\n"
	    "      | ^\n"
	    "3 findings (2 warnings, 1 info) in 2 files, 1 suppressed\n");
	free(out);
	fnd_free(&fs);
	r = mkreport(&fs, 1);
	out = render(RPT_TEXT, &r);
	assert_string_equal(out, "no findings in 1 file\n");
	free(out);
	src_registry_free();
}

static void
test_text_long_line(void **state)
{
	struct strbuf text = STRBUF_INIT, want = STRBUF_INIT;
	struct source *s;
	struct findings fs = { 0 };
	struct report r;
	char *out;
	int i;

	(void)state;
	for (i = 0; i < 100; i++)
		sb_adds(&text, "abcd");
	s = src_new("min.json", text.buf, text.len);
	/* Bytes 200..203 of a 400-byte line: a window from 140 to 340. */
	fnd_add(&fs, "GL006", span_make(s, 200, 4), "deep inside");
	r = mkreport(&fs, 1);
	out = render(RPT_TEXT, &r);
	sb_adds(&want, "min.json:1:201: error[GL006 invalid-value]: deep inside\n"
	    "    1 | ...");
	sb_add(&want, text.buf + 140, 200);
	sb_adds(&want, "...\n      |    ");
	for (i = 0; i < 60; i++)
		sb_addch(&want, ' ');
	sb_adds(&want, "^~~~\n1 finding (1 error) in 1 file\n");
	assert_string_equal(out, sb_str(&want));
	free(out);
	fnd_free(&fs);
	sb_release(&text);
	sb_release(&want);
	src_registry_free();
}

static void
test_text_caret_mid_character(void **state)
{
	/* A span that starts on the second byte of "é" still gets a caret. */
	struct source *s = src_new("f", "x\xc3\xa9yz", 5);
	struct findings fs = { 0 };
	struct report r;
	char *out;

	(void)state;
	fnd_add(&fs, "GL006", span_make(s, 2, 2), "m");
	r = mkreport(&fs, 1);
	out = render(RPT_TEXT, &r);
	assert_string_equal(out,
	    "f:1:3: error[GL006 invalid-value]: m\n"
	    "    1 | x\xc3\xa9yz\n"
	    "      |  ^~\n"
	    "1 finding (1 error) in 1 file\n");
	free(out);
	fnd_free(&fs);
	src_registry_free();
}

static void
test_text_color(void **state)
{
	struct source *s = src_new("f", "ab", 2);
	struct findings fs = { 0 };
	struct report r;
	char *out;

	(void)state;
	fnd_add(&fs, "GL011", span_make(s, 1, 1), "m");
	r = mkreport(&fs, 1);
	r.color = 1;
	out = render(RPT_TEXT, &r);
	assert_string_equal(out,
	    "\033[1mf:1:2:\033[0m \033[1;36minfo\033[0m[GL011 unused-suppression]: m\n"
	    "    1 | ab\n"
	    "      | \033[1;36m ^\033[0m\n"
	    "1 finding (1 info) in 1 file\n");
	free(out);
	fnd_free(&fs);
	src_registry_free();
}

static void
test_gnu(void **state)
{
	struct source *s = src_new("./k8s/a.yaml", "x: 1\ny: 2\n", 10);
	struct findings fs = { 0 };
	struct report r;
	char *out;

	(void)state;
	fnd_add(&fs, "GL006", span_make(s, 8, 1), "two\nlines");
	fnd_add(&fs, "GL010", span_make(NULL, 0, 0), "global");
	r = mkreport(&fs, 1);
	out = render(RPT_GNU, &r);
	assert_string_equal(out,
	    "./k8s/a.yaml:2:4: error: two lines [GL006]\n"
	    "gunilint: warning: global [GL010]\n");
	free(out);
	fnd_free(&fs);
	src_registry_free();
}

static void
test_github_escaping(void **state)
{
	struct source *s = src_new("./odd:name,1.yaml", "abc\ndef\n", 8);
	struct findings fs = { 0 };
	struct finding *f;
	struct report r;
	char *out;

	(void)state;
	f = fnd_add(&fs, "GL006", span_make(s, 1, 5), "100%% sure: a,b\r\nc");
	fnd_set_help(f, "h");
	fnd_add(&fs, "GL011", span_make(NULL, 0, 0), "info: x");
	fnd_add(&fs, "GL010", span_make(s, 0, 0), "w");
	r = mkreport(&fs, 1);
	out = render(RPT_GITHUB, &r);
	assert_string_equal(out,
	    "::error file=odd%3Aname%2C1.yaml,line=1,col=2,endLine=2,"
	    "endColumn=3,title=GL006 invalid-value::100%25 sure: a,b%0D%0Ac%0Ah\n"
	    "::notice title=GL011 unused-suppression::info: x\n"
	    "::warning file=odd%3Aname%2C1.yaml,line=1,col=1,endLine=1,"
	    "endColumn=1,title=GL010 expired-suppression::w\n");
	free(out);
	fnd_free(&fs);
	src_registry_free();
}

static void
expect_keys(const cJSON *o, const char *const *keys, size_t n)
{
	const cJSON *c;
	size_t i = 0;

	cJSON_ArrayForEach(c, o) {
		assert_true(i < n);
		assert_string_equal(c->string, keys[i]);
		i++;
	}
	assert_int_equal(i, n);
}

static void
test_json_schema(void **state)
{
	static const char *const top[] = { "schema", "tool", "launches",
	    "findings", "summary" };
	static const char *const fkeys[] = { "rule", "slug", "severity",
	    "message", "help", "file", "line", "column", "end_line",
	    "end_column", "launch", "fix" };
	static const char *const skeys[] = { "files", "launches", "error",
	    "warning", "info", "suppressed" };
	struct source *s = src_new("GUNICORN_CMD_ARGS", "--workers=-1", 12);
	struct rpt_setting eff[] = {
		{ "workers", "-1", "GUNICORN_CMD_ARGS", { s, 0, 12 } },
		{ "bind", "[\"127.0.0.1:8000\"]", "default", { NULL, 0, 0 } },
		{ "proc_name", "not json", "default", { NULL, 0, 0 } },
	};
	struct rpt_launch l = { "L1", "GUNICORN_CMD_ARGS", eff, 3 };
	struct findings fs = { 0 };
	struct finding *f;
	struct report r;
	cJSON *root, *fd, *w;
	char *out;

	(void)state;
	f = fnd_add(&fs, "GL006", span_make(s, 10, 2), "bad");
	fnd_set_fix(f, span_make(s, 10, 2), "2");
	f->launch = xstrdup("L1");
	fnd_add(&fs, "GL011", span_make(NULL, 0, 0), "x");
	fnd_add(&fs, "GL010", span_make(s, 0, 1), "gone")->suppressed = 1;
	r = mkreport(&fs, 1);
	r.launches = &l;
	r.nlaunches = 1;
	out = render(RPT_JSON, &r);
	root = cJSON_Parse(out);
	assert_non_null(root);
	expect_keys(root, top, 5);
	assert_int_equal(cJSON_GetObjectItem(root, "schema")->valueint, 1);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(root,
	    "tool"), "version")->valuestring, "1.2.3");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(root,
	    "findings")), 2);
	fd = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "findings"), 0);
	expect_keys(fd, fkeys, 12);
	assert_int_equal(cJSON_GetObjectItem(fd, "column")->valueint, 11);
	assert_int_equal(cJSON_GetObjectItem(fd, "end_column")->valueint, 13);
	assert_string_equal(cJSON_GetObjectItem(fd, "launch")->valuestring, "L1");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(fd, "help")));
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(fd, "fix"),
	    "replace")->valuestring, "-1");
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(fd, "fix"),
	    "with")->valuestring, "2");
	fd = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "findings"), 1);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(fd, "file")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(fd, "line")));
	w = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(
	    cJSON_GetObjectItem(root, "launches"), 0), "effective"), "workers");
	assert_int_equal(cJSON_GetObjectItem(w, "value")->valueint, -1);
	assert_string_equal(cJSON_GetObjectItem(w, "from")->valuestring,
	    "GUNICORN_CMD_ARGS");
	assert_int_equal(cJSON_GetObjectItem(w, "line")->valueint, 1);
	w = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(
	    cJSON_GetObjectItem(root, "launches"), 0), "effective"), "bind");
	assert_true(cJSON_IsArray(cJSON_GetObjectItem(w, "value")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(w, "file")));
	w = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(
	    cJSON_GetObjectItem(root, "launches"), 0), "effective"), "proc_name");
	assert_string_equal(cJSON_GetObjectItem(w, "value")->valuestring,
	    "not json");
	w = cJSON_GetObjectItem(root, "summary");
	expect_keys(w, skeys, 6);
	assert_int_equal(cJSON_GetObjectItem(w, "error")->valueint, 1);
	assert_int_equal(cJSON_GetObjectItem(w, "info")->valueint, 1);
	assert_int_equal(cJSON_GetObjectItem(w, "warning")->valueint, 0);
	assert_int_equal(cJSON_GetObjectItem(w, "suppressed")->valueint, 1);
	assert_int_equal(cJSON_GetObjectItem(w, "launches")->valueint, 1);
	cJSON_Delete(root);
	free(out);
	fnd_free(&fs);
	src_registry_free();
}

static const cJSON *
path(const cJSON *o, const char *p)
{
	char key[64];
	const char *dot;

	while (o != NULL && *p != '\0') {
		dot = strchr(p, '.');
		snprintf(key, sizeof(key), "%.*s",
		    (int)(dot ? (size_t)(dot - p) : strlen(p)), p);
		if (key[0] >= '0' && key[0] <= '9')
			o = cJSON_GetArrayItem(o, atoi(key));
		else
			o = cJSON_GetObjectItem(o, key);
		p = dot ? dot + 1 : p + strlen(p);
	}
	assert_non_null(o);
	return o;
}

static void
test_sarif(void **state)
{
	/* "é" is 1 UTF-16 unit, U+1F600 (4 bytes) is 2. */
	static const char text[] = "a\xc3\xa9\xf0\x9f\x98\x80--bad x\n";
	struct source *s = src_new("./dir/my file.conf", text, sizeof(text) - 1);
	static const char text2[] = "\n\n  a\xc3\xa9\xf0\x9f\x98\x80--bad   x\n";
	struct source *moved = src_new("dir/my file.conf", text2,
	    sizeof(text2) - 1);
	struct findings fs = { 0 };
	struct finding *f;
	struct report r;
	cJSON *root;
	const cJSON *res, *reg;
	char *out, *print;

	(void)state;
	f = fnd_add(&fs, "GL003", span_make(s, 7, 5), "unknown --bad");
	fnd_set_fix(f, span_make(s, 7, 5), "--good");
	f->launch = xstrdup("L");
	fnd_add(&fs, "GL003", span_make(moved, 11, 5), "unknown --bad");
	fnd_add(&fs, "GL011", span_make(NULL, 0, 0), "nowhere");
	r = mkreport(&fs, 1);
	out = render(RPT_SARIF, &r);
	root = cJSON_Parse(out);
	assert_non_null(root);
	assert_string_equal(path(root, "version")->valuestring, "2.1.0");
	assert_string_equal(path(root, "runs.0.columnKind")->valuestring,
	    "utf16CodeUnits");
	assert_int_equal(cJSON_GetArraySize(path(root,
	    "runs.0.tool.driver.rules")), (int)cat_count());
	res = path(root, "runs.0.results.0");
	assert_string_equal(path(res, "ruleId")->valuestring, "GL003");
	assert_ptr_equal(cat_at((size_t)path(res, "ruleIndex")->valueint),
	    cat_find("GL003"));
	assert_string_equal(path(root, "runs.0.tool.driver.rules.2.id")->valuestring,
	    "GL003");
	assert_string_equal(path(res, "level")->valuestring, "error");
	assert_string_equal(path(res,
	    "locations.0.physicalLocation.artifactLocation.uri")->valuestring,
	    "dir/my%20file.conf");
	assert_string_equal(path(res,
	    "locations.0.physicalLocation.artifactLocation.uriBaseId")->valuestring,
	    "%SRCROOT%");
	reg = path(res, "locations.0.physicalLocation.region");
	assert_int_equal(path(reg, "startLine")->valueint, 1);
	assert_int_equal(path(reg, "startColumn")->valueint, 5);
	assert_int_equal(path(reg, "endLine")->valueint, 1);
	assert_int_equal(path(reg, "endColumn")->valueint, 10);
	reg = path(res, "fixes.0.artifactChanges.0.replacements.0");
	assert_int_equal(path(reg, "deletedRegion.startColumn")->valueint, 5);
	assert_string_equal(path(reg, "insertedContent.text")->valuestring,
	    "--good");
	assert_string_equal(path(res, "properties.launch")->valuestring, "L");
	/* The same line elsewhere in the file, spaced differently: same print. */
	print = xstrdup(path(res,
	    "partialFingerprints.primaryLocationLineHash")->valuestring);
	assert_int_equal(strlen(print), 18);
	res = path(root, "runs.0.results.1");
	assert_int_equal(path(res,
	    "locations.0.physicalLocation.region.startLine")->valueint, 3);
	print[17] = '2'; /* second occurrence of that print */
	assert_string_equal(path(res,
	    "partialFingerprints.primaryLocationLineHash")->valuestring, print);
	assert_null(cJSON_GetArrayItem(path(root, "runs.0.results"), 2));
	assert_string_equal(path(root,
	    "runs.0.invocations.0.toolExecutionNotifications.0.associatedRule.id")->valuestring,
	    "GL011");
	assert_string_equal(path(root,
	    "runs.0.tool.driver.rules.2.defaultConfiguration.level")->valuestring,
	    "error");
	assert_string_equal(path(root,
	    "runs.0.tool.driver.rules.2.name")->valuestring, "unknown-option");
	free(print);
	cJSON_Delete(root);
	free(out);
	fnd_free(&fs);
	src_registry_free();
}

static void
test_sarif_empty(void **state)
{
	struct findings fs = { 0 };
	struct report r = mkreport(&fs, 0);
	char *out = render(RPT_SARIF, &r);
	cJSON *root = cJSON_Parse(out);

	(void)state;
	assert_null(cJSON_GetObjectItem(path(root, "runs.0"),
	    "originalUriBaseIds"));
	cJSON_Delete(root);
	free(out);
	r.srcroot = "/home/me/my repo";
	out = render(RPT_SARIF, &r);
	root = cJSON_Parse(out);
	assert_string_equal(path(path(root, "runs.0.originalUriBaseIds"),
	    "%SRCROOT%")->child->valuestring, "file:///home/me/my%20repo/");
	/* GitHub rejects a run without results: an empty array is needed. */
	assert_true(cJSON_IsArray(path(root, "runs.0.results")));
	assert_int_equal(cJSON_GetArraySize(path(root, "runs.0.results")), 0);
	cJSON_Delete(root);
	free(out);
}

/*
 * json and sarif are written a piece at a time; the result must be what
 * cJSON_Print gives for the whole document (commas, "[]", "{\n}",
 * closing brackets at the right depth), whatever is empty.
 */
static void
expect_whole_print(enum rpt_format fmt, const struct report *r)
{
	char *out = render(fmt, r), *again;
	cJSON *root = cJSON_Parse(out);
	size_t n = strlen(out);

	assert_non_null(root);
	assert_true(n > 0 && out[n - 1] == '\n');
	out[n - 1] = '\0';
	again = cJSON_Print(root);
	assert_string_equal(out, again);
	cJSON_free(again);
	cJSON_Delete(root);
	free(out);
}

/* Bits of which findings a case has. */
enum { F_FIX = 1, F_NOWHERE = 2, F_NEWLINE = 4, F_PLAIN = 8, F_SUPPRESSED = 16 };

static void
add_findings(struct findings *fs, struct source *s, unsigned mask)
{
	struct finding *f;

	if (mask & F_FIX) {
		f = fnd_add(fs, "GL006", span_make(s, 10, 2), "bad");
		fnd_set_fix(f, span_make(s, 10, 2), "2");
		f->launch = xstrdup("L1");
	}
	if (mask & F_NOWHERE)
		fnd_add(fs, "GL011", span_make(NULL, 0, 0), "nowhere");
	if (mask & F_NEWLINE)
		fnd_add(fs, "GL003", span_make(s, 13, 4), "two\nlines\t{[,]}");
	if (mask & F_PLAIN)
		fnd_add(fs, "GL010", span_make(s, 0, 7), "plain");
	if (mask & F_SUPPRESSED)
		fnd_add(fs, "GL010", span_make(s, 0, 1), "gone")->suppressed = 1;
}

static void
test_streamed_whole(void **state)
{
	static const char text[] = "workers = -1\nbind = x\n";
	struct source *s = src_new("a dir/gunicorn.conf.py", text,
	    sizeof(text) - 1);
	struct rpt_setting eff[] = {
		{ "workers", "-1", "a dir/gunicorn.conf.py", { s, 0, 12 } },
		{ "bind", "[\"x\"]", "default", { NULL, 0, 0 } },
		{ "proc_name", "\"a\\nb\"", "default", { NULL, 0, 0 } },
	};
	const struct rpt_launch ls[] = {
		{ "L0", "nothing set", eff, 0 },
		{ "L1", "a dir/gunicorn.conf.py", eff, 3 },
		{ "L2", NULL, eff + 1, 1 },
	};
	static const struct {
		size_t nlaunches;
		unsigned findings;
		const char *srcroot;
	} cases[] = {
		{ 0, 0, NULL },
		{ 1, 0, NULL },
		{ 3, 0, "/src" },
		{ 0, F_FIX, NULL },
		{ 1, F_SUPPRESSED, NULL },
		{ 1, F_NOWHERE, NULL },
		{ 2, F_FIX | F_NEWLINE, "/src/" },
		{ 3, F_FIX | F_NOWHERE | F_NEWLINE | F_PLAIN | F_SUPPRESSED, NULL },
		{ 0, F_NOWHERE | F_PLAIN, "/src" },
	};
	struct findings fs;
	struct report r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&fs, 0, sizeof(fs));
		add_findings(&fs, s, cases[i].findings);
		r = mkreport(&fs, 2);
		r.launches = ls;
		r.nlaunches = cases[i].nlaunches;
		r.srcroot = cases[i].srcroot;
		expect_whole_print(RPT_JSON, &r);
		expect_whole_print(RPT_SARIF, &r);
		expect_whole_print(RPT_CODECLIMATE, &r);
		fnd_free(&fs);
	}
	src_registry_free();
}

static void
test_codeclimate(void **state)
{
	struct source *s = src_new("./a/Dockerfile", "FROM x\nCMD y\n", 13);
	struct findings fs = { 0 };
	struct report r;
	cJSON *root;
	const cJSON *i0, *i1;
	char *out;

	(void)state;
	fnd_add(&fs, "GL006", span_make(s, 7, 3), "first");
	fnd_add(&fs, "GL006", span_make(s, 11, 1), "second, same line");
	fnd_add(&fs, "GL011", span_make(s, 0, 1), "info");
	r = mkreport(&fs, 1);
	out = render(RPT_CODECLIMATE, &r);
	root = cJSON_Parse(out);
	assert_int_equal(cJSON_GetArraySize(root), 3);
	i0 = cJSON_GetArrayItem(root, 0);
	i1 = cJSON_GetArrayItem(root, 1);
	assert_string_equal(path(i0, "type")->valuestring, "issue");
	assert_string_equal(path(i0, "check_name")->valuestring,
	    "GL006 invalid-value");
	assert_string_equal(path(i0, "description")->valuestring, "first");
	assert_string_equal(path(i0, "severity")->valuestring, "critical");
	assert_string_equal(path(i0, "location.path")->valuestring, "a/Dockerfile");
	assert_int_equal(path(i0, "location.lines.begin")->valueint, 2);
	assert_string_not_equal(path(i0, "fingerprint")->valuestring,
	    path(i1, "fingerprint")->valuestring);
	assert_string_equal(path(cJSON_GetArrayItem(root, 2),
	    "severity")->valuestring, "info");
	cJSON_Delete(root);
	free(out);
	fnd_free(&fs);
	src_registry_free();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_parse),
		cmocka_unit_test(test_text_basic),
		cmocka_unit_test(test_text_tabs_utf8_multiline),
		cmocka_unit_test(test_text_nolocation_summary),
		cmocka_unit_test(test_text_long_line),
		cmocka_unit_test(test_text_caret_mid_character),
		cmocka_unit_test(test_text_color),
		cmocka_unit_test(test_gnu),
		cmocka_unit_test(test_github_escaping),
		cmocka_unit_test(test_json_schema),
		cmocka_unit_test(test_sarif),
		cmocka_unit_test(test_sarif_empty),
		cmocka_unit_test(test_streamed_whole),
		cmocka_unit_test(test_codeclimate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
