/*
 * test_dockerfile.c: the Dockerfile front-end: directives, continuations,
 * heredocs, exec/shell forms, ENV/ARG substitution and quote removal,
 * multi-stage inheritance, spans, and how the launch is found.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/core.h"
#include "front/front.h"

static struct df_file *
parse_opts(const char *text, const struct df_opts *o, struct findings *fs)
{
	struct source *s = src_new("Dockerfile", text, strlen(text));
	struct df_file *df;

	df_parse(s, o, &df, fs);
	return df;
}

static struct df_file *
parse(const char *text, struct findings *fs)
{
	struct df_opts o = { 0 };

	o.no_context = 1;
	return parse_opts(text, &o, fs);
}

static const struct df_var *
env(const struct df_image *im, const char *name)
{
	size_t i;

	for (i = im->env.n; i-- > 0;)
		if (strcmp(im->env.v[i].name, name) == 0)
			return &im->env.v[i];
	return NULL;
}

/* "line:col" of a span, for comparisons. */
static const char *
pos(struct span sp)
{
	static char buf[32];
	unsigned l, c;

	src_position(sp.src, sp.off, &l, &c);
	snprintf(buf, sizeof(buf), "%u:%u", l, c);
	return buf;
}

static char *
argv_join(const struct df_word *w, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			sb_addch(&sb, '|');
		sb_adds(&sb, w[i].s);
	}
	return sb_detach(&sb);
}

static void
finish(struct df_file *df, struct findings *fs)
{
	df_free(df);
	fnd_free(fs);
	src_registry_free();
}

/* ---- lexer ---- */

static void
test_escape_directive(void **state)
{
	struct findings fs = { 0 };
	struct df_file *df = parse("# escape=`\nFROM scratch\nRUN echo a `\n"
	    "  b\nCOPY c:\\path\\x /y\n", &fs);

	(void)state;
	assert_int_equal(fs.n, 0);
	assert_int_equal(df->escape, '`');
	assert_int_equal(df->instrs.n, 3);
	assert_string_equal(df->instrs.v[1].args.s, "echo a   b");
	/* the backslash is an ordinary character now */
	assert_string_equal(df->image->copies.v[0].srcs[0].s, "c:\\path\\x");
	finish(df, &fs);
}

static void
test_directive_only_in_leading_run(void **state)
{
	struct findings fs = { 0 };
	struct df_file *df = parse("# a comment\n# escape=`\nFROM scratch\n",
	    &fs);

	(void)state;
	assert_int_equal(df->escape, '\\');
	df_free(df);
	df = parse("\n# escape=`\nFROM scratch\n", &fs);
	assert_int_equal(df->escape, '\\'); /* a blank line ends the run too */
	df_free(df);
	df = parse("# syntax=docker/dockerfile:1\n#escape = `\nFROM scratch\n", &fs);
	assert_int_equal(df->escape, '`');
	assert_string_equal(df->syntax, "docker/dockerfile:1");
	finish(df, &fs);
}

static void
test_bad_escape_directive(void **state)
{
	struct findings fs = { 0 };
	struct df_file *df = parse("# escape=x\nFROM scratch\n", &fs);

	(void)state;
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.v[0].rule, "GL001");
	assert_string_equal(pos(fs.v[0].span), "1:10");
	finish(df, &fs);
}

static void
test_continuation_comments_blank(void **state)
{
	struct findings fs = { 0 };
	struct df_file *df = parse("FROM scratch\nRUN a \\\n# inside\n\n"
	    "   # indented comment\n  b \\  \n  c\nUSER x\n", &fs);

	(void)state;
	assert_int_equal(fs.n, 0);
	assert_int_equal(df->instrs.n, 3);
	assert_string_equal(df->instrs.v[1].args.s, "a   b   c");
	assert_string_equal(pos(df->instrs.v[1].span), "2:1");
	assert_string_equal(df->image->user.s, "x");
	assert_string_equal(pos(df->image->user_span), "8:1");
	finish(df, &fs);
}

static void
test_escaped_escape_ends_line(void **state)
{
	struct findings fs = { 0 };
	struct df_file *df = parse("FROM scratch\nRUN echo a\\\\\nUSER b\n"
	    "CMD [\"gunicorn\", \"a\"] trailing text\n", &fs);

	(void)state;
	assert_int_equal(fs.n, 0);
	assert_int_equal(df->instrs.n, 4);
	assert_string_equal(df->instrs.v[1].args.s, "echo a\\\\");
	assert_string_equal(df->image->user.s, "b");
	/* Docker decodes the first JSON value and ignores the rest */
	assert_true(df->instrs.v[3].json);
	assert_int_equal(df->image->launch.kind, DF_LAUNCH_GUNICORN);
	df_free(df);
	df = parse("# only a comment\n\n", &fs);
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.v[0].rule, "GL001");
	assert_null(df_final_image(df));
	finish(df, &fs);
}

static void
test_case_insensitive_crlf_bom(void **state)
{
	struct findings fs = { 0 };
	struct df_file *df = parse("\xEF\xBB\xBF" "from scratch\r\nuser app\r\n"
	    "cmd [\"gunicorn\", \"app:app\"]\r\n", &fs);

	(void)state;
	assert_int_equal(fs.n, 0);
	assert_int_equal(df->instrs.v[0].kw, DF_FROM);
	assert_string_equal(df->image->user.s, "app");
	assert_int_equal(df->image->launch.kind, DF_LAUNCH_GUNICORN);
	assert_string_equal(df->image->launch.argv[0].s, "app:app");
	finish(df, &fs);
}

static void
test_unknown_instruction_continues(void **state)
{
	struct findings fs = { 0 };
	struct df_file *df = parse("FROM scratch\nRUNN echo\nUSER app\n", &fs);

	(void)state;
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.v[0].rule, "GL001");
	assert_string_equal(pos(fs.v[0].span), "2:1");
	assert_string_equal(df->image->user.s, "app");
	finish(df, &fs);
}

/* What Docker rejects is GL001 at the instruction; the rest is checked. */
static void
test_argument_errors(void **state)
{
	static const char *const at[] = { "2:1", "3:1", "4:11", "5:1", "6:1" };
	struct findings fs = { 0 };
	struct df_file *df = parse("FROM scratch\nLABEL a\nUSER\n"
	    "LABEL a=1 b\nFROM a b\nWORKDIR \nLABEL x=1 y=\"2 3\"\n"
	    "USER ok\n", &fs);
	size_t i;

	(void)state;
	assert_int_equal(fs.n, 5);
	for (i = 0; i < fs.n; i++) {
		assert_string_equal(fs.v[i].rule, "GL001");
		assert_string_equal(pos(fs.v[i].span), at[i]);
	}
	assert_string_equal(df->image->user.s, "ok");
	finish(df, &fs);
}

static void
test_heredocs(void **state)
{
	struct findings fs = { 0 };
	struct df_file *df = parse("FROM python:3.12\n"
	    "RUN <<EOF\nset -e\npip install gunicorn\nEOF\n"
	    "RUN <<-'A' cat - <<B\n\techo $x\n\tA\nsecond\nB\n"
	    "RUN python3 <<EOF\npip install flask\nEOF\n"
	    "VOLUME [\"/data\"]\nONBUILD RUN <<X\nbody\nX\n"
	    "RUN [\"sh\", \"-c\", \"cat <<EOF\"]\nUSER app\n", &fs);
	const struct df_instr *r1 = &df->instrs.v[1], *r2 = &df->instrs.v[2];

	(void)state;
	assert_int_equal(fs.n, 0);
	assert_int_equal(r1->nheredocs, 1);
	assert_string_equal(r1->heredocs[0].name, "EOF");
	assert_string_equal(r1->heredocs[0].body.s, "set -e\npip install gunicorn\n");
	assert_string_equal(pos(r1->heredocs[0].body.span), "3:1");
	assert_int_equal(r2->nheredocs, 2);
	assert_true(r2->heredocs[0].chomp);
	assert_true(r2->heredocs[0].quoted);
	assert_string_equal(r2->heredocs[0].name, "A");
	assert_string_equal(r2->heredocs[0].body.s, "echo $x\n");
	assert_string_equal(r2->heredocs[1].body.s, "second\n");
	assert_string_equal(df->image->pkgs.v[0].name, "gunicorn");
	assert_string_equal(pos(df->image->pkgs.v[0].span), "4:13");
	assert_int_equal(df->image->pkgs.n, 1); /* the python heredoc is not shell */
	assert_string_equal(df->image->volumes.v[0].s, "/data");
	assert_int_equal(df->image->onbuild.n, 1);
	assert_string_equal(df->image->onbuild.v[0]->sub->heredocs[0].body.s,
	    "body\n");
	assert_string_equal(df->image->user.s, "app");
	finish(df, &fs);
}

static void
test_unterminated_heredoc(void **state)
{
	struct findings fs = { 0 };
	struct df_file *df = parse("FROM scratch\nRUN <<EOF\necho\n", &fs);

	(void)state;
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.v[0].rule, "GL001");
	assert_string_equal(pos(fs.v[0].span), "2:5");
	finish(df, &fs);
}

static void
test_json_forms(void **state)
{
	struct findings fs = { 0 };
	struct df_file *df = parse("FROM scratch\n"
	    "RUN [\"a\", \"b c\", \"\\u00e9\\n\"]\n"
	    "RUN [\"gunicorn\", app]\n"
	    "RUN [1, 2]\n", &fs);

	(void)state;
	assert_true(df->instrs.v[1].json);
	assert_int_equal(df->instrs.v[1].nwords, 3);
	assert_string_equal(df->instrs.v[1].words[1].s, "b c");
	assert_string_equal(pos(df->instrs.v[1].words[1].span), "2:11");
	assert_string_equal(df->instrs.v[1].words[2].s, "\xc3\xa9\n");
	assert_false(df->instrs.v[2].json); /* invalid JSON: shell form */
	assert_int_equal(fs.n, 1);          /* non-strings: Docker rejects */
	assert_string_equal(fs.v[0].rule, "GL001");
	assert_string_equal(pos(fs.v[0].span), "4:5");
	finish(df, &fs);
}

/* ---- substitution and quote removal ---- */

static const struct {
	const char *in, *out;
} subst_cases[] = {
	{ "plain", "plain" },
	{ "$A", "1" },
	{ "${A}x", "1x" },
	{ "$NOPE.", "." },
	{ "${NOPE:-dflt}", "dflt" },
	{ "${E:-dflt}", "dflt" },
	{ "${E-dflt}", "" },
	{ "${A:-dflt}", "1" },
	{ "${A:+alt}", "alt" },
	{ "${NOPE:+alt}", "" },
	{ "${E+set}", "set" },
	{ "${A:-$B}", "1" },
	{ "${NOPE:-x$B}", "xtwo words" },
	{ "\\$A", "$A" },
	{ "'$A b'", "$A b" },
	{ "\"$A b\"", "1 b" },
	{ "\"a\\\"b\\$A\\n\"", "a\"b$A\\n" },
	{ "a\\ b", "a b" },
	{ "$", "$" },
	{ "${P#/usr}", "/bin" },
	{ "${P%bin}", "/usr/" },
	{ "${P##*/}", "bin" },
	{ "${P#*/}", "usr/bin" },
	{ "${P%/*}", "/usr" },
	{ "${P%%/*}", "" },
	{ "${P/usr/opt}", "/opt/bin" },
	{ "${B// /_}", "two_words" },
	{ "${B/o/0}", "tw0 words" },
	{ "${B//o/0}", "tw0 w0rds" },
	{ "${NOPE/x/y}", "" },
	{ "${A:?}", "1" },
};

static void
test_substitution(void **state)
{
	struct arena *a = arena_new();
	struct source *s;
	struct df_env e = { 0 };
	struct df_var v = { 0 };
	struct df_str in, out;
	size_t i;

	(void)state;
	s = src_new("vals", "1two words/usr/bin", 18);
	v.kind = DF_VAR_ENV;
	v.has_value = 1;
	v.name = "A";
	v.value = df_str_from_src(a, s, 0, 1);
	df_env_set(&e, &v);
	v.name = "B";
	v.value = df_str_from_src(a, s, 1, 9);
	df_env_set(&e, &v);
	v.name = "E";
	v.value = df_str_from_src(a, s, 0, 0);
	df_env_set(&e, &v);
	v.name = "P";
	v.value = df_str_from_src(a, s, 10, 8);
	df_env_set(&e, &v);
	for (i = 0; i < sizeof(subst_cases) / sizeof(subst_cases[0]); i++) {
		const char *t = subst_cases[i].in;
		struct source *ts = src_new("t", t, strlen(t));

		in = df_str_from_src(a, ts, 0, ts->len);
		assert_int_equal(df_process_word(a, &in, &e, '\\', 1, &out, NULL,
		    NULL), 0);
		if (strcmp(out.s, subst_cases[i].out) != 0)
			fail_msg("%s: got '%s', want '%s'", t, out.s,
			    subst_cases[i].out);
	}
	df_env_release(&e);
	arena_free(a);
	src_registry_free();
}

static void
test_substitution_errors(void **state)
{
	static const char *const bad[] = { "${A", "'open", "\"open", "${:x}",
	    "${A:x}", "${NOPE?}", "${E:?empty}", "${A/x" };
	struct arena *a = arena_new();
	struct df_str in, out;
	const char *err;
	size_t i, off;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct source *s = src_new("t", bad[i], strlen(bad[i]));

		in = df_str_from_src(a, s, 0, s->len);
		err = NULL;
		assert_int_equal(df_process_word(a, &in, NULL, '\\', 1, &out,
		    &err, &off), -1);
		assert_non_null(err);
	}
	{
		/* nesting is bounded: an error, not a stack overflow */
		struct strbuf sb = STRBUF_INIT;
		struct source *s;

		for (i = 0; i < 100000; i++)
			sb_adds(&sb, "${A:-");
		s = src_new("deep", sb.buf, sb.len);
		in = df_str_from_src(a, s, 0, s->len);
		assert_int_equal(df_process_word(a, &in, NULL, '\\', 1, &out,
		    &err, &off), -1);
		assert_string_equal(err, "substitutions nest too deep");
		sb_release(&sb);
	}
	arena_free(a);
	src_registry_free();
}

/* Each value byte keeps its file offset through quote removal. */
static void
test_offset_map(void **state)
{
	struct findings fs = { 0 };
	const char *text = "FROM scratch\nENV GUNICORN_CMD_ARGS=\"--workers 4\" "
	    "X='a b'\n";
	struct df_file *df = parse(text, &fs);
	const struct df_var *v = env(df->image, "GUNICORN_CMD_ARGS");

	(void)state;
	assert_non_null(v);
	assert_string_equal(v->value.s, "--workers 4");
	assert_int_equal(v->value.offmap[0], (size_t)(strchr(text, '"') - text) + 1);
	assert_int_equal(v->value.offmap[10], (size_t)(strchr(text, '4') - text));
	assert_string_equal(pos(v->name_span), "2:5");
	assert_string_equal(env(df->image, "X")->value.s, "a b");
	df_free(df);
	/* across a continuation: the next line's columns */
	df = parse("FROM scratch\nENV GUNICORN_CMD_ARGS=\"--workers 2 \\\n"
	    "    --bind :80\"\n", &fs);
	v = env(df->image, "GUNICORN_CMD_ARGS");
	assert_string_equal(v->value.s, "--workers 2     --bind :80");
	assert_string_equal(pos(df_str_span(&v->value, 16, 22)), "3:5");
	assert_string_equal(pos(v->value.span), "2:23");
	finish(df, &fs);
}

static void
test_env_forms(void **state)
{
	struct findings fs = { 0 };
	struct df_file *df = parse("FROM scratch\nENV A=1 B=\"x y\" C=$A\n"
	    "ENV D=$A\nENV LEGACY some  value \"q\"\nENV E\n", &fs);

	(void)state;
	assert_string_equal(env(df->image, "A")->value.s, "1");
	assert_string_equal(env(df->image, "B")->value.s, "x y");
	/* values of one ENV see the variables as they were before it */
	assert_string_equal(env(df->image, "C")->value.s, "");
	assert_string_equal(env(df->image, "D")->value.s, "1");
	assert_string_equal(env(df->image, "LEGACY")->value.s, "some  value q");
	assert_int_equal(fs.n, 1); /* ENV E */
	assert_string_equal(pos(fs.v[0].span), "5:1");
	finish(df, &fs);
}

static void
test_arg_defaults_and_overrides(void **state)
{
	static const char text[] = "ARG TAG=3.12\nARG V=1\n"
	    "FROM --platform=$BUILDPLATFORM python:${TAG}-slim\nARG V\n"
	    "ARG W=${V}0 TARGETARCH\nENV X=$V Y=$W A=$TARGETARCH\n";
	struct df_buildarg ba[] = { { "V", "2" } };
	struct df_opts o = { 0 };
	struct findings fs = { 0 };
	struct df_file *df = parse(text, &fs);

	(void)state;
	assert_string_equal(df->stages.v[0].base.s, "python:3.12-slim");
	/* set by the builder: kept as written, not guessed */
	assert_string_equal(df->stages.v[0].platform, "$BUILDPLATFORM");
	assert_string_equal(env(df->image, "A")->value.s, "$TARGETARCH");
	assert_string_equal(env(df->image, "X")->value.s, "1");
	assert_string_equal(env(df->image, "Y")->value.s, "10");
	assert_int_equal(env(df->image, "Y")->kind, DF_VAR_ENV);
	df_free(df);
	o.no_context = 1;
	o.buildargs = ba;
	o.nbuildargs = 1;
	df = parse_opts(text, &o, &fs);
	assert_string_equal(env(df->image, "X")->value.s, "2");
	assert_string_equal(env(df->image, "Y")->value.s, "20");
	assert_int_equal(fs.n, 0);
	finish(df, &fs);
}

static void
test_multistage_inheritance(void **state)
{
	struct findings fs = { 0 };
	struct df_file *df = parse("FROM python:3.12 AS base\n"
	    "ENV GUNICORN_CMD_ARGS=\"--workers 2\"\nWORKDIR /app\nUSER app\n"
	    "FROM node AS assets\nRUN build\n"
	    "FROM --platform=linux/amd64 BASE\nWORKDIR sub\n"
	    "CMD [\"gunicorn\", \"app:app\"]\n", &fs);
	const struct df_var *v;

	(void)state;
	assert_int_equal(fs.n, 0);
	assert_int_equal(df->stages.n, 3);
	assert_int_equal(df->stages.v[2].parent, 0);
	assert_string_equal(df->stages.v[2].platform, "linux/amd64");
	v = env(df->image, "GUNICORN_CMD_ARGS");
	assert_non_null(v);
	assert_int_equal(v->stage, 0);
	assert_string_equal(pos(v->name_span), "2:5");
	assert_string_equal(df->image->workdir.s, "/app/sub");
	assert_string_equal(df->image->user.s, "app");
	finish(df, &fs);
}

static void
test_target_stage(void **state)
{
	struct df_opts o = { 0 };
	struct findings fs = { 0 };
	struct df_file *df;

	(void)state;
	o.no_context = 1;
	o.target = "web";
	df = parse_opts("FROM scratch AS web\nCMD [\"gunicorn\", \"a\"]\n"
	    "FROM scratch AS worker\nCMD [\"celery\"]\n", &o, &fs);
	assert_int_equal(df->final, 0);
	assert_int_equal(df->image->launch.kind, DF_LAUNCH_GUNICORN);
	finish(df, &fs);
}

/* ---- ENTRYPOINT + CMD as Docker combines them ---- */

static const struct {
	const char *text, *argv;
} combine_cases[] = {
	{ "FROM scratch\nCMD [\"gunicorn\", \"a\"]\n", "gunicorn|a" },
	{ "FROM scratch\nCMD gunicorn a\n", "/bin/sh|-c|gunicorn a" },
	{ "FROM scratch\nENTRYPOINT [\"gunicorn\"]\nCMD [\"a\"]\n", "gunicorn|a" },
	{ "FROM scratch\nCMD [\"a\"]\nENTRYPOINT [\"gunicorn\"]\n", "gunicorn|a" },
	{ "FROM scratch\nENTRYPOINT gunicorn a\nCMD [\"b\"]\n",
	  "/bin/sh|-c|gunicorn a|b" },
	{ "FROM scratch\nSHELL [\"/bin/bash\", \"-ec\"]\nCMD gunicorn a\n",
	  "/bin/bash|-ec|gunicorn a" },
	/* an ENTRYPOINT clears the CMD inherited from an earlier stage */
	{ "FROM scratch AS a\nCMD [\"x\"]\nFROM a\nENTRYPOINT [\"gunicorn\"]\n",
	  "gunicorn" },
	{ "FROM scratch AS a\nENTRYPOINT [\"gunicorn\"]\nFROM a\nCMD [\"b\"]\n",
	  "gunicorn|b" },
};

static void
test_launch_assignments(void **state)
{
	struct findings fs = { 0 };
	struct df_file *df = parse("FROM python:3.12\n"
	    "CMD GUNICORN_CMD_ARGS='-w 2' exec gunicorn app\n", &fs);
	const struct df_launch *L = &df->image->launch;

	(void)state;
	assert_int_equal(L->kind, DF_LAUNCH_GUNICORN);
	assert_int_equal(L->exec, DF_EXEC_PID1);
	assert_int_equal(L->nassigns, 1);
	assert_string_equal(L->assigns[0].s, "GUNICORN_CMD_ARGS=-w 2");
	assert_int_equal(L->assigns[0].offmap[19], 41); /* the w, after the quote */
	finish(df, &fs);
}

static void
test_entrypoint_cmd(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(combine_cases) / sizeof(combine_cases[0]); i++) {
		struct findings fs = { 0 };
		struct df_file *df = parse(combine_cases[i].text, &fs);
		char *j = argv_join(df->image->final_argv, df->image->final_argc);

		if (strcmp(j, combine_cases[i].argv) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i, j,
			    combine_cases[i].argv);
		free(j);
		finish(df, &fs);
	}
}

/* ---- launch recognition ---- */

static const struct {
	const char *cmd;
	enum df_launch_kind kind;
	enum df_exec exec;
	const char *argv;
	const char *at; /* line:col of the first argv word */
} launch_cases[] = {
	{ "CMD [\"gunicorn\", \"-w\", \"2\", \"app:app\"]", DF_LAUNCH_GUNICORN,
	  DF_EXEC_PID1, "-w|2|app:app", "2:18" },
	{ "CMD [\"python\", \"-u\", \"-m\", \"gunicorn\", \"app:app\"]",
	  DF_LAUNCH_GUNICORN, DF_EXEC_PID1, "app:app", "2:40" },
	{ "CMD [\"/opt/venv/bin/gunicorn\", \"app:app\"]", DF_LAUNCH_GUNICORN,
	  DF_EXEC_PID1, "app:app", "2:32" },
	{ "CMD gunicorn --bind 0.0.0.0:80 'app:create()'", DF_LAUNCH_GUNICORN,
	  DF_EXEC_SHELL, "--bind|0.0.0.0:80|app:create()", "2:14" },
	{ "CMD exec gunicorn app:app 2>&1", DF_LAUNCH_GUNICORN, DF_EXEC_PID1,
	  "app:app", "2:19" },
	{ "CMD [\"sh\", \"-c\", \"cd /app && exec gunicorn \\\"app:app\\\"\"]",
	  DF_LAUNCH_GUNICORN, DF_EXEC_PID1, "app:app", "2:45" },
	{ "CMD python manage.py migrate && gunicorn app", DF_LAUNCH_GUNICORN,
	  DF_EXEC_SHELL, "app", "2:42" },
	{ "ENTRYPOINT [\"tini\", \"--\"]\nCMD [\"gunicorn\", \"app\"]",
	  DF_LAUNCH_GUNICORN, DF_EXEC_PID1, "app", "3:18" },
	{ "CMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\"]",
	  DF_LAUNCH_UVICORN, DF_EXEC_PID1, "main:app|--host|0.0.0.0", "2:17" },
	{ "CMD [\"celery\", \"worker\"]", DF_LAUNCH_OTHER, DF_EXEC_PID1,
	  "worker", "2:16" },
	{ "CMD [\"$APP_CMD\"]", DF_LAUNCH_UNKNOWN, DF_EXEC_PID1, "", NULL },
	{ "ENTRYPOINT [\"/docker-entrypoint.sh\"]", DF_LAUNCH_UNKNOWN,
	  DF_EXEC_PID1, "", NULL },
	{ "USER app", DF_LAUNCH_NONE, DF_EXEC_PID1, "", NULL },
	{ "CMD [\"bash\"]", DF_LAUNCH_OTHER, DF_EXEC_PID1, "", NULL },
	/* shell-form ENTRYPOINT: the CMD words become $0... and are unused */
	{ "ENTRYPOINT exec gunicorn app\nCMD [\"--workers\", \"3\"]",
	  DF_LAUNCH_GUNICORN, DF_EXEC_PID1, "app", "2:26" },
	/* bash -c execs a lone simple command; dash (/bin/sh) does not */
	{ "CMD [\"bash\", \"-c\", \"gunicorn a\"]", DF_LAUNCH_GUNICORN,
	  DF_EXEC_PID1, "a", "2:30" },
	{ "CMD [\"bash\", \"-c\", \"gunicorn a 2>&1\"]", DF_LAUNCH_GUNICORN,
	  DF_EXEC_SHELL, "a", "2:30" },
	{ "SHELL [\"/bin/bash\", \"-c\"]\nCMD cd /x && gunicorn a",
	  DF_LAUNCH_GUNICORN, DF_EXEC_SHELL, "a", "3:23" },
	{ "CMD [\"sh\", \"-c\", \"gunicorn a\"]", DF_LAUNCH_GUNICORN,
	  DF_EXEC_SHELL, "a", "2:28" },
	{ "ENTRYPOINT [\"docker-entrypoint.sh\"]", DF_LAUNCH_UNKNOWN,
	  DF_EXEC_PID1, "", NULL },
	{ "CMD [\"/usr/local/bin/celery\", \"-A\", \"x\"]", DF_LAUNCH_UNKNOWN,
	  DF_EXEC_PID1, "", NULL },
	{ "CMD [\"bash\", \"--norc\", \"-ec\", \"exec gunicorn a\"]",
	  DF_LAUNCH_GUNICORN, DF_EXEC_PID1, "a", "2:46" },
};

static void
test_launch_recognition(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(launch_cases) / sizeof(launch_cases[0]); i++) {
		struct findings fs = { 0 };
		char *text = xasprintf("FROM python:3.12\n%s\n", launch_cases[i].cmd);
		struct df_file *df = parse(text, &fs);
		const struct df_launch *L = &df->image->launch;
		char *j = argv_join(L->argv, L->argc);

		if (L->kind != launch_cases[i].kind || strcmp(j,
		    launch_cases[i].argv) != 0 || (L->kind <= DF_LAUNCH_UVICORN &&
		    L->exec != launch_cases[i].exec))
			fail_msg("case %zu: kind %s exec %d argv '%s'", i,
			    df_launch_kind_name(L->kind), (int)L->exec, j);
		if (launch_cases[i].at != NULL)
			assert_string_equal(pos(L->argv[0].span), launch_cases[i].at);
		free(j);
		free(text);
		finish(df, &fs);
	}
}

/* ---- files from the build context ---- */

static char ctxdir[64];

static void
write_file(const char *name, const char *content)
{
	char *p = xasprintf("%s/%s", ctxdir, name);
	FILE *fp = fopen(p, "w");

	assert_non_null(fp);
	fputs(content, fp);
	fclose(fp);
	free(p);
}

static int
ctx_setup(void **state)
{
	(void)state;
	strcpy(ctxdir, "/tmp/gl-df-XXXXXX");
	return mkdtemp(ctxdir) ? 0 : -1;
}

static int
ctx_teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", ctxdir);
	int r;

	(void)state;
	r = system(cmd);
	free(cmd);
	return r;
}

/*
 * The shell that runs a shell-form CMD expands $NAME from the image's ENV:
 * gunicorn gets the values (split at blanks, mapped to the reference);
 * names the image does not set stay as written.
 */
static void
test_runtime_expansion(void **state)
{
	struct findings fs = { 0 };
	struct df_file *df;
	const struct df_launch *L;

	(void)state;
	df = parse("FROM python:3.12\nENV PORT=8080 OPTS=\"-w 3  --timeout 60\"\n"
	    "CMD exec gunicorn -b 0.0.0.0:$PORT $OPTS ${W:-2} $EXTRA app:app\n",
	    &fs);
	L = &df->image->launch;
	assert_int_equal(L->kind, DF_LAUNCH_GUNICORN);
	assert_int_equal(L->argc, 9);
	assert_string_equal(L->argv[1].s, "0.0.0.0:8080");
	assert_string_equal(pos(L->argv[1].span), "3:22");
	assert_string_equal(L->argv[2].s, "-w");
	assert_string_equal(L->argv[3].s, "3");
	assert_string_equal(L->argv[5].s, "60");
	assert_string_equal(pos(L->argv[5].span), "3:36");
	assert_string_equal(L->argv[6].s, "2"); /* the default: W is not set */
	assert_string_equal(L->argv[7].s, "$EXTRA");
	assert_string_equal(L->argv[8].s, "app:app");
	assert_true(L->argv_inexact);
	finish(df, &fs);

	/* exec form: no shell, nothing expanded */
	df = parse("FROM python:3.12\nENV PORT=8080\n"
	    "CMD [\"gunicorn\", \"-b\", \":$PORT\", \"app:app\"]\n", &fs);
	L = &df->image->launch;
	assert_int_equal(L->argc, 3);
	assert_string_equal(L->argv[1].s, ":$PORT");
	finish(df, &fs);
}

static struct df_file *
parse_ctx(const char *text, struct findings *fs)
{
	struct df_opts o = { 0 };

	o.context_dir = ctxdir;
	return parse_opts(text, &o, fs);
}

/* exec gosu USER "$@": the official images' pattern, drops root for CMD. */
static void
test_entry_script_gosu_args(void **state)
{
	struct findings fs = { 0 };
	struct df_file *df;
	const struct df_launch *L;

	(void)state;
	write_file("entrypoint.sh", "#!/bin/sh\nset -e\nchown -R app /data\n"
	    "exec gosu app \"$@\"\n");
	df = parse_ctx("FROM python:3.12\nCOPY entrypoint.sh /usr/local/bin/\n"
	    "ENTRYPOINT [\"entrypoint.sh\"]\n"
	    "CMD [\"gunicorn\", \"-b\", \":8000\", \"app:app\"]\n", &fs);
	L = &df->image->launch;
	assert_int_equal(L->kind, DF_LAUNCH_GUNICORN);
	assert_int_equal(L->exec, DF_EXEC_PID1);
	assert_null(L->wrapper.src);
	assert_non_null(L->run_user);
	assert_string_equal(L->run_user, "app");
	assert_int_equal(L->argc, 3);
	finish(df, &fs);

	/* without exec the script stays PID 1 */
	write_file("entrypoint.sh", "#!/bin/sh\nsu-exec app:app \"$@\"\n");
	df = parse_ctx("FROM python:3.12\nCOPY entrypoint.sh /usr/local/bin/\n"
	    "ENTRYPOINT [\"entrypoint.sh\"]\n"
	    "CMD [\"gunicorn\", \"app:app\"]\n", &fs);
	L = &df->image->launch;
	assert_int_equal(L->kind, DF_LAUNCH_GUNICORN);
	assert_int_equal(L->exec, DF_EXEC_SCRIPT);
	assert_non_null(L->wrapper.src);
	assert_string_equal(L->run_user, "app:app");
	finish(df, &fs);
}

static void
test_entry_script_exec_args(void **state)
{
	struct findings fs = { 0 };
	struct df_file *df;
	const struct df_launch *L;
	unsigned l, c;

	(void)state;
	write_file("entrypoint.sh", "#!/bin/sh\nset -e\npython manage.py migrate\n"
	    "exec \"$@\"\n");
	df = parse_ctx("FROM python:3.12\nCOPY entrypoint.sh /usr/local/bin/\n"
	    "ENTRYPOINT [\"entrypoint.sh\"]\n"
	    "CMD [\"gunicorn\", \"app:app\"]\n", &fs);
	L = &df->image->launch;
	/* a bare program name is looked up in PATH */
	assert_int_equal(L->kind, DF_LAUNCH_GUNICORN);
	assert_int_equal(L->exec, DF_EXEC_PID1);
	assert_null(L->wrapper.src);
	finish(df, &fs);

	df = parse_ctx("FROM python:3.12\nWORKDIR /app\nCOPY . .\n"
	    "ENTRYPOINT [\"./entrypoint.sh\"]\n"
	    "CMD [\"gunicorn\", \"app:app\"]\n", &fs);
	L = &df->image->launch;
	assert_int_equal(L->kind, DF_LAUNCH_GUNICORN);
	assert_int_equal(L->exec, DF_EXEC_PID1);
	assert_string_equal(L->argv[0].s, "app:app");
	assert_string_equal(pos(L->argv[0].span), "5:18");
	finish(df, &fs);

	write_file("run.sh", "#!/bin/sh\nexec gunicorn --bind :8000 \"$@\" $EXTRA\n");
	df = parse_ctx("FROM python:3.12\nCOPY run.sh /usr/local/bin/\n"
	    "ENTRYPOINT [\"run.sh\"]\nCMD [\"-w\", \"4\", \"app:app\"]\n", &fs);
	L = &df->image->launch;
	assert_int_equal(L->kind, DF_LAUNCH_GUNICORN);
	assert_int_equal(L->argc, 6);
	assert_string_equal(L->argv[2].s, "-w");
	assert_string_equal(pos(L->argv[2].span), "4:6");
	assert_string_equal(L->argv[4].s, "app:app");
	assert_string_equal(L->argv[5].s, "$EXTRA");
	assert_true(L->argv_inexact);
	finish(df, &fs);

	write_file("run.sh", "#!/bin/sh\nexport GUNICORN_CMD_ARGS=\"-w 3\" X=1\n"
	    "set -- --bind :80 \"$@\"\nexec gunicorn \"$@\"\n");
	df = parse_ctx("FROM python:3.12\nCOPY run.sh /usr/local/bin/\n"
	    "ENTRYPOINT [\"run.sh\"]\nCMD [\"app:app\"]\n", &fs);
	L = &df->image->launch;
	assert_int_equal(L->kind, DF_LAUNCH_GUNICORN);
	assert_int_equal(L->argc, 1);
	assert_true(L->argv_inexact); /* set -- changed the arguments */
	assert_int_equal(L->nassigns, 2);
	assert_string_equal(L->assigns[0].s, "GUNICORN_CMD_ARGS=-w 3");
	assert_string_equal(pos(L->assigns[0].span), "2:8");
	finish(df, &fs);

	write_file("start.sh", "#!/bin/bash\ncd /app\n"
	    "gunicorn --workers 3 app:app\n");
	df = parse_ctx("FROM python:3.12\nCOPY start.sh /start.sh\n"
	    "CMD [\"/start.sh\"]\n", &fs);
	L = &df->image->launch;
	assert_int_equal(L->kind, DF_LAUNCH_GUNICORN);
	assert_int_equal(L->exec, DF_EXEC_SCRIPT);
	assert_non_null(L->script);
	src_position(L->argv[0].span.src, L->argv[0].span.off, &l, &c);
	assert_int_equal(l, 3);
	assert_int_equal(c, 10);
	assert_string_equal(L->script->name + strlen(L->script->name) - 8,
	    "start.sh");
	finish(df, &fs);
}

static void
test_heredoc_entry_script(void **state)
{
	struct findings fs = { 0 };
	struct df_file *df = parse("FROM python:3.12\n"
	    "COPY <<EOF /start.sh\n#!/bin/sh\nexec gunicorn -k gevent app:app\nEOF\n"
	    "CMD [\"/start.sh\"]\n", &fs);
	const struct df_launch *L = &df->image->launch;

	(void)state;
	assert_int_equal(L->kind, DF_LAUNCH_GUNICORN);
	assert_int_equal(L->exec, DF_EXEC_PID1);
	assert_string_equal(L->argv[1].s, "gevent");
	assert_string_equal(pos(L->argv[1].span), "4:18");
	finish(df, &fs);
}

static void
test_requirements_from_context(void **state)
{
	struct findings fs = { 0 };
	struct df_file *df;
	const struct df_image *im;

	(void)state;
	write_file("requirements.txt", "# deps\nFlask==3.0.0\n"
	    "uvicorn[standard]>=0.30  # server\n-r more.txt\n");
	write_file("more.txt", "Gunicorn_Pkg\n");
	df = parse_ctx("FROM python:3.12\nWORKDIR /src\n"
	    "COPY requirements.txt more.txt ./\n"
	    "RUN pip install --no-cache-dir -r requirements.txt "
	    "'gevent==24.2.1' -i https://x\n"
	    "COPY poetry.lock pyproject.toml ./\n", &fs);
	im = df->image;
	assert_int_equal(im->pkgs.n, 4);
	assert_string_equal(im->pkgs.v[0].name, "flask");
	assert_string_equal(im->pkgs.v[0].spec, "==3.0.0");
	assert_string_equal(im->pkgs.v[1].name, "uvicorn");
	assert_string_equal(im->pkgs.v[1].extras, "standard");
	assert_string_equal(im->pkgs.v[2].name, "gunicorn-pkg");
	assert_string_equal(im->pkgs.v[3].name, "gevent");
	assert_string_equal(pos(im->pkgs.v[3].span), "4:52");
	assert_false(im->pkgs_unknown);
	assert_true(im->has_install);
	assert_int_equal(im->manifests.n, 4);
	assert_int_equal(im->manifests.v[0].kind, DF_MF_REQUIREMENTS);
	assert_null(im->manifests.v[0].tool);
	assert_string_equal(im->manifests.v[1].tool, "pip");
	assert_int_equal(im->manifests.v[3].kind, DF_MF_PYPROJECT);
	finish(df, &fs);
}

static void
test_shell_splitter(void **state)
{
	struct arena *a = arena_new();
	struct source *s;
	struct df_str in;
	struct df_shword *w;
	size_t n;

	(void)state;
	static const char text[] = "a 'b c'\"d\\\"e\" $(x y)&&f>o;g";

	s = src_new("t", text, strlen(text));
	in = df_str_from_src(a, s, 0, s->len);
	n = df_sh_split(a, &in, s, &w);
	assert_int_equal(n, 9);
	assert_string_equal(w[1].w.s, "b cd\"e");
	assert_int_equal(w[1].w.offmap[3], 8); /* the d */
	assert_string_equal(w[2].w.s, "$(x y)");
	assert_true(w[3].op == 1);
	assert_string_equal(w[5].w.s, ">");
	assert_true(w[5].op == 2);
	assert_string_equal(w[8].w.s, "g");
	arena_free(a);
	src_registry_free();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_directive),
		cmocka_unit_test(test_directive_only_in_leading_run),
		cmocka_unit_test(test_bad_escape_directive),
		cmocka_unit_test(test_continuation_comments_blank),
		cmocka_unit_test(test_escaped_escape_ends_line),
		cmocka_unit_test(test_case_insensitive_crlf_bom),
		cmocka_unit_test(test_unknown_instruction_continues),
		cmocka_unit_test(test_argument_errors),
		cmocka_unit_test(test_heredocs),
		cmocka_unit_test(test_unterminated_heredoc),
		cmocka_unit_test(test_json_forms),
		cmocka_unit_test(test_substitution),
		cmocka_unit_test(test_substitution_errors),
		cmocka_unit_test(test_offset_map),
		cmocka_unit_test(test_env_forms),
		cmocka_unit_test(test_arg_defaults_and_overrides),
		cmocka_unit_test(test_multistage_inheritance),
		cmocka_unit_test(test_target_stage),
		cmocka_unit_test(test_entrypoint_cmd),
		cmocka_unit_test(test_launch_assignments),
		cmocka_unit_test(test_launch_recognition),
		cmocka_unit_test(test_entry_script_exec_args),
		cmocka_unit_test(test_entry_script_gosu_args),
		cmocka_unit_test(test_runtime_expansion),
		cmocka_unit_test(test_heredoc_entry_script),
		cmocka_unit_test(test_requirements_from_context),
		cmocka_unit_test(test_shell_splitter),
	};

	return cmocka_run_group_tests(tests, ctx_setup, ctx_teardown);
}
