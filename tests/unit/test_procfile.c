/*
 * test_procfile.c: proc_parse on Heroku Procfiles (lines matched as
 * ^([A-Za-z0-9_-]+):\s*(.+)$, commands split as shlex.split) and App
 * Engine app.yaml entrypoints, table-driven, then spans and the real
 * files of the shared corpus (skipped with a message when absent).
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

#include "front/front.h"

#define H PROC_PROCFILE
#define Y PROC_APP_YAML

/*
 * want: each process as name:word,word,...; with +N for N $PORT
 * references, "?;" for an ignored line.
 */
struct proc_case {
	enum proc_format f;
	const char *in;
	const char *want;
	size_t errors;
	const char *why;
};

static const struct proc_case cases[] = {
	{ H, "web: gunicorn app:app\n", "web:gunicorn,app:app;", 0,
	    "one process type" },
	{ H, "web: a\nworker: b\n", "web:a;worker:b;", 0, "two types" },
	{ H, "web: gunicorn app # it's a comment\n", "web:gunicorn,app;", 0,
	    "the shell's comment, quotes in it included, ends the command" },
	{ H, "web: a#b '#c' \"#d\"", "web:a#b,#c,#d;", 0,
	    "a # inside a word or quoted is no comment" },
	{ H, "web:gunicorn", "web:gunicorn;", 0, "no blank after the colon" },
	{ H, "# c\n\n   \nweb: x", "web:x;", 0,
	    "comments and blank lines are skipped" },
	{ H, "we b: x\n", "?;", 0, "a name with a blank: Heroku skips it" },
	{ H, "web.1: x\n", "?;", 0, "names are [A-Za-z0-9_-]+" },
	{ H, "my_web-2: x\n", "my_web-2:x;", 0, "_ and - in names" },
	{ H, "web:\n", "?;", 0, "no command: the line does not match" },
	{ H, "python manage.py runserver\n", "?;", 0, "no colon" },
	{ H, " web: x\n", "?;", 0, "the name starts the line" },
	{ H, "web: gunicorn -b 0.0.0.0:$PORT a:b\n",
	    "web:gunicorn,-b,0.0.0.0:$PORT,a:b+1;", 0, "$PORT" },
	{ H, "web: gunicorn -b :${PORT:-5000} a\n",
	    "web:gunicorn,-b,:${PORT:-5000},a+1;", 0, "${PORT:-default}" },
	{ H, "web: echo '$PORT' \"$PORT\" \\$PORT $PORTS\n",
	    "web:echo,$PORT,$PORT,$PORT,$PORTS+1;", 0,
	    "no $PORT in single quotes, after \\, or in $PORTS" },
	{ H, "web: gunicorn 'a b' \"c d\"\n", "web:gunicorn,a b,c d;", 0,
	    "quotes removed" },
	{ H, "web: gunicorn 'open\nworker: b\n", "web:;worker:b;", 1,
	    "an unclosed quote is an error; the next line is read" },
	{ H, "web: x\r\nworker: y\r\n", "web:x;worker:y;", 0, "CRLF" },
	{ H, "\xEF\xBB\xBF" "web: x", "web:x;", 0, "BOM" },
	{ H, "web: x   \t\n", "web:x;", 0, "trailing blanks are not the command" },
	{ H, "web: a && gunicorn b\n", "web:a,&&,gunicorn,b;", 0,
	    "operators stay words" },
	{ H, "web: A=1 gunicorn x\n", "web:A=1,gunicorn,x;", 0,
	    "an assignment prefix is a word" },
	{ H, "web: x\nweb: y\n", "web:x;web:y;", 0, "both lines are kept" },
	{ H, "web: x\\", "web:;", 1, "a trailing backslash" },
	{ H, "", "", 0, "empty file" },
	{ H, "release: ./manage.py migrate --no-input",
	    "release:./manage.py,migrate,--no-input;", 0, "no final newline" },
	{ Y, "runtime: python39\nentrypoint: gunicorn -b :$PORT main:app\n",
	    "entrypoint:gunicorn,-b,:$PORT,main:app+1;", 0, "app.yaml" },
	{ Y, "entrypoint: 'gunicorn -w 2 m:app'\n",
	    "entrypoint:gunicorn,-w,2,m:app;", 0, "a quoted entrypoint" },
	{ Y, "runtime: python39\n", "", 0, "no entrypoint" },
	{ Y, "entrypoint: [a, b]\n", "?;", 1, "a list is not a command" },
	{ Y, "handlers:\n- url: /\n  entrypoint: x\n", "", 0,
	    "only the top-level key" },
	{ Y, "entrypoint: [\n", "", 1, "YAML syntax error" },
	{ Y, "entrypoint: >-\n  gunicorn\n  -b :$PORT m:app\n",
	    "entrypoint:gunicorn,-b,:$PORT,m:app+1;", 0, "a folded scalar" },
};

static void
dump(const struct procfile *pf, struct strbuf *sb)
{
	size_t i, k;

	for (i = 0; i < pf->entries.n; i++) {
		const struct proc_entry *e = &pf->entries.v[i];

		if (e->kind == PROC_IGNORED) {
			sb_adds(sb, "?;");
			continue;
		}
		sb_addf(sb, "%s:", e->name);
		for (k = 0; k < e->words.n; k++)
			sb_addf(sb, "%s%s", k ? "," : "", e->words.v[k].value);
		if (e->ports.n)
			sb_addf(sb, "+%zu", e->ports.n);
		sb_addch(sb, ';');
	}
}

static void
test_table(void **state)
{
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct proc_case *c = &cases[i];
		struct source *s = src_new("Procfile", c->in, strlen(c->in));
		struct procfile *pf = proc_parse(s, c->f);
		struct strbuf got = STRBUF_INIT;

		dump(pf, &got);
		if (strcmp(sb_str(&got), c->want) != 0 ||
		    pf->errors.n != c->errors) {
			printf("case %zu (%s): got '%s' with %zu errors\n", i,
			    c->why, sb_str(&got), pf->errors.n);
			bad++;
		}
		sb_release(&got);
		proc_free(pf);
	}
	src_registry_free();
	assert_int_equal(bad, 0);
}

static void
test_spans(void **state)
{
	const char *t = "# x\nweb:  gunicorn -b 0.0.0.0:${PORT} 'a b'\n";
	struct source *s = src_new("Procfile", t, strlen(t));
	struct procfile *pf = proc_parse(s, PROC_PROCFILE);
	const struct proc_entry *e;
	unsigned line, col;

	(void)state;
	assert_int_equal(pf->entries.n, 1);
	e = &pf->entries.v[0];
	assert_int_equal(e->name_span.off, 4);
	assert_int_equal(e->name_span.len, 3);
	src_position(s, e->command_span.off, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 7);
	assert_string_equal(e->command, "gunicorn -b 0.0.0.0:${PORT} 'a b'");
	assert_int_equal(e->words.n, 4);
	assert_int_equal(e->words.v[3].span.off, 38);
	assert_int_equal(e->words.v[3].span.len, 5);
	assert_int_equal(e->words.v[3].off[0], 39);
	assert_int_equal(e->ports.n, 1);
	assert_int_equal(e->ports.v[0].word, 2);
	src_position(s, e->ports.v[0].span.off, &line, &col);
	assert_int_equal(col, 27);
	assert_int_equal(e->ports.v[0].span.len, 7);
	proc_free(pf);
	proc_free(NULL);
	src_registry_free();
}

static void
test_errors_and_yaml(void **state)
{
	const char *t = "web: ok\nworker: celery \"oops\nclock: x\n";
	const char *y = "runtime: python39\n\nentrypoint: gunicorn -b :$PORT m:app\n";
	struct source *s = src_new("Procfile", t, strlen(t));
	struct source *ys = src_new("app.yaml", y, strlen(y));
	struct procfile *pf = proc_parse(s, PROC_PROCFILE);
	const struct proc_entry *e;
	unsigned line, col;

	(void)state;
	assert_int_equal(pf->errors.n, 1);
	assert_string_equal(pf->errors.v[0].message, "No closing quotation");
	src_position(s, pf->errors.v[0].span.off, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 16);
	assert_int_equal(pf->entries.n, 3);
	assert_string_equal(pf->entries.v[2].name, "clock");
	proc_free(pf);
	assert_int_equal(proc_format_of("srv/app.yaml"), PROC_APP_YAML);
	assert_int_equal(proc_format_of("Procfile"), PROC_PROCFILE);
	pf = proc_parse(ys, PROC_APP_YAML);
	e = &pf->entries.v[0];
	src_position(ys, e->name_span.off, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 1);
	assert_int_equal(e->words.v[2].span.off, 43);
	assert_int_equal(e->ports.v[0].span.off, 44);
	assert_int_equal(e->ports.v[0].word, 2);
	proc_free(pf);
	src_registry_free();
}

static void
test_corpus(void **state)
{
	const char *sh = getenv("GUNILINT_SHARED") ? getenv("GUNILINT_SHARED") :
	    "../shared";
	char *dir = xasprintf("%s/corpus/procfile", sh);
	DIR *d = opendir(dir);
	struct dirent *de;
	int files = 0, bad = 0;

	(void)state;
	if (d == NULL) {
		printf("skipped: %s is absent (the corpus lives in ../shared)\n",
		    dir);
		free(dir);
		skip();
	}
	while ((de = readdir(d)) != NULL) {
		char *p;
		struct source *s;
		struct procfile *pf;
		size_t i, procs = 0;

		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if ((s = src_read_file(p, de->d_name)) != NULL) {
			pf = proc_parse(s, strstr(de->d_name, "app.yaml") ?
			    PROC_APP_YAML : PROC_PROCFILE);
			for (i = 0; i < pf->entries.n; i++)
				procs += pf->entries.v[i].kind == PROC_PROCESS;
			printf("%s: %zu processes, %zu lines ignored, %zu "
			    "errors\n", de->d_name, procs, pf->entries.n - procs,
			    pf->errors.n);
			bad += pf->errors.n > 0 || procs == 0;
			files++;
			proc_free(pf);
		}
		free(p);
	}
	closedir(d);
	free(dir);
	src_registry_free();
	printf("procfile corpus: %d files, %d with errors\n", files, bad);
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_errors_and_yaml),
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests_name("procfile", tests, NULL, NULL);
}
