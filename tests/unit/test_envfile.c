/*
 * test_envfile.c: env_parse in both dialects, table-driven, with the rule
 * each case checks (docker/cli opts/envfile.go or compose-go dotenv), then
 * spans, line:column of errors, and the real env files of the shared
 * corpus (skipped with a message when it is absent).
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

#define D ENV_DOCKER
#define C ENV_COMPOSE

/*
 * want: each item as NAME=value; (ASSIGN), NAME; (INHERIT) or {T}; with
 * "\n" in a value written as \n; errors: how many error records.
 */
struct env_case {
	enum env_dialect d;
	const char *in;
	const char *want;
	size_t errors;
	const char *why;
};

static const struct env_case cases[] = {
	{ D, "A=1\nB=2\n", "A=1;B=2;", 0, "docker: one KEY=VAL a line" },
	{ D, "A=\"x y\"  \n", "A=\"x y\"  ;", 0,
	    "docker: no quote removal, no trimming of the value" },
	{ D, "   A=1", "A=1;", 0, "docker: leading whitespace trimmed" },
	{ D, "# c\n\n  # d\nA=1", "A=1;", 0, "docker: # comment lines" },
	{ D, "A=1 # not a comment", "A=1 # not a comment;", 0,
	    "docker: # only at line start" },
	{ D, "HOME\n", "HOME;", 0, "docker: no = means take it from the host" },
	{ D, "A=$B", "A=$B;", 0, "docker: no interpolation" },
	{ D, "A B=1\nC=2", "C=2;", 1, "docker: whitespace in the key" },
	{ D, "=x\nC=2", "C=2;", 1, "docker: no variable name" },
	{ D, "A=1\r\nB=2\r\n", "A=1;B=2;", 0, "docker: ScanLines drops the CR" },
	{ D, "\xEF\xBB\xBF" "A=1", "A=1;", 0, "docker: UTF-8 BOM trimmed" },
	{ D, "A=\xff\nB=2", "B=2;", 1, "docker: invalid UTF-8 refused" },
	{ D, "A=b=c", "A=b=c;", 0, "docker: cut at the first =" },
	{ D, "{% if x == 'y' %}\nA=1\n{% endif %}", "{T};A=1;{T};", 0,
	    "both: unrendered template tags are recorded, not errors" },
	{ C, "A=1\nB=2", "A=1;B=2;", 0, "compose: plain assignments" },
	{ C, "export A=1", "A=1;", 0, "compose: export prefix" },
	{ C, "A='x $B \\n'", "A=x $B \\n;", 0, "compose: single quotes literal" },
	{ C, "A=\"x\\ny\\\"\\\\\"", "A=x\\ny\"\\;", 0,
	    "compose: double-quote escapes \\n \\\" \\\\" },
	{ C, "A=1\nB=\"${A}2\"\nC=$A$B", "A=1;B=12;C=112;", 0,
	    "compose: ${VAR} and $VAR from earlier lines" },
	{ C, "A=x #c\nB=y#z\nC=q   ", "A=x;B=y#z;C=q;", 0,
	    "compose: ' #' starts an inline comment; trailing blanks trimmed" },
	{ C, "A=\"l1\nl2\"\nB=2", "A=l1\\nl2;B=2;", 0,
	    "compose: multi-line quoted value" },
	{ C, "A=\"open\nB=2", "B=2;", 1, "compose: unterminated quote" },
	{ C, "A.B-C[0]=1", "A.B-C[0]=1;", 0, "compose: key chars _ . - [ ]" },
	{ C, "A B=1\nC=2", "C=2;", 1, "compose: key cannot contain a space" },
	{ C, "A$=1\nC=2", "C=2;", 1, "compose: unexpected character in key" },
	{ C, "A: 1", "A=1;", 0, "compose: YAML-style KEY: value" },
	{ C, "HOME\nA=1", "HOME;A=1;", 0, "compose: a key alone is inherited" },
	{ C, "A=${U:-d}\nB=${A:+alt}\nC=${U-x}", "A=d;B=alt;C=x;", 0,
	    "compose: :- :+ - defaults" },
	{ C, "A=$$B\nB=\"\\$A\"", "A=$B;B=$A;", 0, "compose: $$ and \\$ are $" },
	{ C, "A=${", "A=;", 1, "compose: invalid template" },
	{ C, "A=${B.c}", "A=;", 1, "compose: invalid braced name" },
	{ C, "A=1\r\nB='2'\r\n", "A=1;B=2;", 0, "compose: CRLF" },
	{ C, "\xEF\xBB\xBF" "A=1", "A=1;", 0, "compose: BOM" },
	{ C, "A=\"x\" # c\nB=2", "A=x;B=2;", 0, "compose: comment after quotes" },
	{ C, "A=%^&*(-_)$%", "A=%^&*(-_)$%;", 0,
	    "compose: a $ not before a name stays" },
	{ C, "A=\"\\011\"", "A=\t;", 0, "compose: octal escape \\0NN" },
	{ C, "A=${X:-${Y:-deep}}", "A=deep;", 0, "compose: nested defaults" },
	{ C, "  \n\t\nA=1", "A=1;", 0, "compose: blank lines" },
	{ C, "{{ cookiecutter.x }}\nA=1", "{T};A=1;", 0, "compose: template" },
};

static void
dump_items(const struct env_file *ef, struct strbuf *sb)
{
	size_t i, k;

	for (i = 0; i < ef->items.n; i++) {
		const struct env_item *it = &ef->items.v[i];

		if (it->kind == ENV_TEMPLATE) {
			sb_adds(sb, "{T};");
			continue;
		}
		sb_adds(sb, it->name);
		if (it->kind == ENV_ASSIGN) {
			sb_addch(sb, '=');
			for (k = 0; k < it->len; k++)
				if (it->value[k] == '\n')
					sb_adds(sb, "\\n");
				else
					sb_addch(sb, it->value[k]);
		}
		sb_addch(sb, ';');
	}
}

static void
test_table(void **state)
{
	size_t i, k, bad = 0;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct env_case *c = &cases[i];
		struct source *s = src_new("t.env", c->in, strlen(c->in));
		struct env_file *ef = env_parse(s, c->d, NULL, NULL);
		struct strbuf got = STRBUF_INIT;

		dump_items(ef, &got);
		/* every value offset stays inside the source */
		for (k = 0; k < ef->items.n; k++) {
			const struct env_item *it = &ef->items.v[k];
			size_t j;

			for (j = 0; it->off && j < it->len; j++)
				assert_true(it->off[j] < s->len);
		}
		if (strcmp(sb_str(&got), c->want) != 0 ||
		    ef->errors.n != c->errors) {
			printf("case %zu (%s): got '%s' with %zu errors\n", i,
			    c->why, sb_str(&got), ef->errors.n);
			bad++;
		}
		sb_release(&got);
		env_free(ef);
	}
	src_registry_free();
	assert_int_equal(bad, 0);
}

static void
test_spans(void **state)
{
	const char *t = "# x\nA=\"a${B}c\"\nB=two\nC=\"p$B\"\n";
	struct source *s = src_new("t.env", t, strlen(t));
	struct env_file *ef = env_parse(s, ENV_COMPOSE, NULL, NULL);
	const struct env_item *a, *c;
	struct span sp;
	unsigned line, col;

	(void)state;
	assert_int_equal(ef->errors.n, 0);
	a = env_get(ef, "A");
	assert_non_null(a);
	assert_int_equal(a->name_span.off, 4);
	assert_int_equal(a->value_span.off, 6);
	assert_int_equal(a->value_span.len, 8);	/* "a${B}c" with quotes */
	assert_string_equal(a->value, "ac");	/* B is not set yet */
	assert_int_equal(a->nrefs, 1);
	assert_false(a->refs[0].resolved);
	assert_int_equal(a->refs[0].span.off, 8);
	assert_int_equal(a->refs[0].span.len, 4);
	assert_int_equal(a->off[1], 12);	/* the c */
	c = env_get(ef, "C");
	assert_string_equal(c->value, "ptwo");
	assert_true(c->refs[0].resolved);
	sp = env_value_span(c, 1, 3);		/* "two" points at $B */
	src_position(s, sp.off, &line, &col);
	assert_int_equal(line, 4);
	assert_int_equal(col, 5);
	assert_int_equal(sp.len, 1);
	env_free(ef);
	src_registry_free();
}

static void
test_error_position(void **state)
{
	const char *t = "A=1\r\n\r\nBAD KEY=2\r\nC=3\r\n";
	struct source *s = src_new("t.env", t, strlen(t));
	struct env_file *ef = env_parse(s, ENV_DOCKER, NULL, NULL);
	unsigned line, col;

	(void)state;
	assert_int_equal(ef->items.n, 2);
	assert_int_equal(ef->errors.n, 1);
	src_position(s, ef->errors.v[0].span.off, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 1);
	assert_int_equal(ef->errors.v[0].span.len, 7);
	assert_non_null(strstr(ef->errors.v[0].message, "'BAD KEY'"));
	assert_string_equal(ef->items.v[1].name, "C");
	assert_int_equal(ef->items.v[1].value_span.len, 1);	/* no CR */
	env_free(ef);
	ef = env_parse(s, ENV_COMPOSE, NULL, NULL);
	assert_int_equal(ef->errors.n, 1);
	src_position(s, ef->errors.v[0].span.off, &line, &col);
	assert_int_equal(line, 3);
	assert_string_equal(ef->errors.v[0].message, "key cannot contain a space");
	env_free(ef);
	src_registry_free();
}

static const char *
host(const char *name, void *ctx)
{
	(void)ctx;
	return strcmp(name, "PORT") == 0 ? "8000" : NULL;
}

static void
test_lookup(void **state)
{
	const char *t = "PORT=1\nBIND=0.0.0.0:${PORT}\nW=${WORKERS:-2}\n";
	struct source *s = src_new("t.env", t, strlen(t));
	struct env_file *ef = env_parse(s, ENV_COMPOSE, host, NULL);

	(void)state;
	/* compose-go asks the host before the lines above */
	assert_string_equal(env_get(ef, "BIND")->value, "0.0.0.0:8000");
	assert_string_equal(env_get(ef, "W")->value, "2");
	assert_false(env_get(ef, "W")->refs[0].resolved);
	assert_null(env_get(ef, "NOPE"));
	env_free(ef);
	env_free(NULL);
	src_registry_free();
}

/* The real env files of ../shared/corpus/cmdargs, in both dialects. */
static void
test_corpus(void **state)
{
	const char *sh = getenv("GUNILINT_SHARED") ? getenv("GUNILINT_SHARED") :
	    "../shared";
	char *dir = xasprintf("%s/corpus/cmdargs", sh);
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
		int k;

		if (de->d_name[0] == '.' || strstr(de->d_name, ".tsv"))
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		s = src_read_file(p, de->d_name);
		for (k = 0; s != NULL && k < 2; k++) {
			struct env_file *ef = env_parse(s, k ? ENV_COMPOSE :
			    ENV_DOCKER, NULL, NULL);

			printf("%s (%s): %zu items, %zu errors\n", de->d_name,
			    k ? "compose" : "docker", ef->items.n, ef->errors.n);
			bad += ef->errors.n > 0 || ef->items.n == 0;
			env_free(ef);
		}
		files += s != NULL;
		free(p);
	}
	closedir(d);
	free(dir);
	src_registry_free();
	printf("env corpus: %d files, %d with errors\n", files, bad);
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_error_position),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests_name("envfile", tests, NULL, NULL);
}
