/*
 * test_launch.c: launch_eval against what Debian's gunicorn 20.1 printed
 * with --print-config (or the error it stopped with) for the parsing cases
 * of the reference table and random ones (tools/gen-launch-cases.py), plus
 * provenance and the config-file seam.
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

#include "model/model.h"
#include "testtable.h"

struct launch_case {
	const char *name, *cmd_args, *env, *argv;
	int status;
	const char *out, *last, *files;
};

#pragma GCC diagnostic ignored "-Woverlength-strings"
static const struct launch_case cases[] = {
#include "launch_cases.inc"
};
/* The same runs against the 23.0.0 and 26.1.0 source trees. */
static const struct launch_case cases230[] = {
#include "launch_cases_230.inc"
};
static const struct launch_case cases261[] = {
#include "launch_cases_261.inc"
};

static size_t ndefs;
static enum gl_version cur_version = GV_20_1_DEBIAN;
static const char *cur_version_name = "20.1.0";

static int
setup(void **state)
{
	(void)state;
	ndefs = tt_init();
	return 0;
}

static char *
replace_all(const char *s, const char *from, const char *to)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;

	while ((p = strstr(s, from)) != NULL) {
		sb_add(&sb, s, (size_t)(p - s));
		sb_adds(&sb, to);
		s = p + strlen(from);
	}
	sb_adds(&sb, s);
	return sb_detach(&sb);
}

/* Writes the case's files into dir (name \002 content \001 ...). */
static void
write_files(const char *dir, const char *enc)
{
	const char *p = enc, *sep, *end;

	while ((sep = strchr(p, '\002')) != NULL) {
		char *name = xstrndup(p, (size_t)(sep - p)), *path, *slash;
		FILE *fp;

		end = strchr(sep, '\001');
		path = xasprintf("%s/%s", dir, name);
		if ((slash = strrchr(path, '/')) != NULL && slash > path +
		    strlen(dir)) {
			*slash = '\0';
			mkdir(path, 0700);
			*slash = '/';
		}
		fp = fopen(path, "w");
		assert_non_null(fp);
		fwrite(sep + 1, 1, (size_t)(end - sep - 1), fp);
		fclose(fp);
		free(name);
		free(path);
		p = end + 1;
	}
}

/* A config-file reader for the test: "name = literal" lines only. */
static enum launch_cfg_status
read_cfg(void *arg, struct launch *l, const char *path, struct span span,
    int is_default)
{
	const char *dir = arg;
	char line[512], *full;
	FILE *fp;

	(void)span, (void)is_default;
	if (strncmp(path, "file:", 5) == 0)
		path += 5;
	full = path[0] == '/' ? xstrdup(path) : xasprintf("%s/%s", dir, path);
	fp = fopen(full, "r");
	free(full);
	if (fp == NULL)
		return LAUNCH_CFG_MISSING;
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *eq = strstr(line, " = "), *nl = strchr(line, '\n');
		struct pyval *v;

		if (nl != NULL)
			*nl = '\0';
		if (eq == NULL || (v = pv_parse_literal(eq + 3)) == NULL) {
			fclose(fp);
			return LAUNCH_CFG_UNKNOWN;
		}
		*eq = '\0';
		if (launch_apply_config(l, line, v, span_make(NULL, 0, 0)))
			break;
	}
	fclose(fp);
	return LAUNCH_CFG_LOADED;
}

static void
split_into(const char *enc, struct sw_words *w)
{
	const char *p = enc, *q;

	while ((q = strchr(p, '\001')) != NULL) {
		sw_push(w, p, (size_t)(q - p), span_make(NULL, 0, 0));
		p = q + 1;
	}
}

/* The release's shared constant defaults while run_all() has one. */
static struct launch_value *cur_cache;

static struct launch *
new_launch(const char *dir)
{
	struct launch_ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.version = cur_version;
	ctx.version_name = cur_version_name;
	ctx.defs = tt_ptrs;
	ctx.ndefs = ndefs;
	ctx.cwd = dir;
	ctx.uid = (long)geteuid();
	ctx.gid = (long)getegid();
	ctx.check_host = 1;
	ctx.load_config = read_cfg;
	ctx.load_config_arg = (void *)dir;
	ctx.default_cache = cur_cache;
	return launch_new(&ctx);
}

/*
 * The generator keeps a print-config output as "@DIFF@\n" plus the lines
 * that differ from the first case's output: rebuild the whole text.
 */
static char *
expand(const char *out, const char *base)
{
	struct strbuf sb = STRBUF_INIT;
	const char *line, *nl, *d, *dn;

	if (strncmp(out, "@DIFF@\n", 7) != 0)
		return xstrdup(out);
	for (line = base; (nl = strchr(line, '\n')) != NULL; line = nl + 1) {
		const char *eq = strstr(line, " = ");
		size_t klen = eq != NULL && eq < nl ? (size_t)(eq - line) + 3 : 0;
		const char *use = line, *use_end = nl;

		/* a changed line has the same padded "name = " prefix */
		for (d = out + 7; klen && (dn = strchr(d, '\n')) != NULL;
		    d = dn + 1)
			if (strncmp(d, line, klen) == 0) {
				use = d;
				use_end = dn;
				break;
			}
		sb_add(&sb, use, (size_t)(use_end - use) + 1);
	}
	return sb_detach(&sb);
}

/* Runs one case; returns 0 when it matches gunicorn, 1 otherwise. */
static int
run_case(const struct launch_case *c, const char *base)
{
	char tmpl[] = "/tmp/gl-launch-XXXXXX", *dir, *want = NULL, *got = NULL;
	char uid[32], gid[32];
	struct sw_words argv = { 0 }, envw = { 0 };
	VEC(struct launch_env) env = { 0 };
	struct launch *l;
	const struct launch_error *e;
	size_t i;
	int rc, bad = 0;

	dir = mkdtemp(tmpl);
	assert_non_null(dir);
	write_files(dir, c->files);
	split_into(c->argv, &argv);
	split_into(c->env, &envw);
	for (i = 0; i < envw.n; i++) {
		char *eq = strchr(envw.v[i].value, '=');
		struct launch_env x = { envw.v[i].value, eq + 1,
		    span_make(NULL, 0, 0), NULL };

		*eq = '\0';
		VEC_PUSH(&env, x);
	}
	if (c->cmd_args != NULL) {
		struct launch_env x = { "GUNICORN_CMD_ARGS", c->cmd_args,
		    span_make(NULL, 0, 0), NULL };

		VEC_PUSH(&env, x);
	}
	l = new_launch(dir);
	launch_set_env(l, env.v, env.n);
	launch_set_argv(l, argv.v, argv.n);
	rc = launch_eval(l);
	e = launch_error(l);
	snprintf(uid, sizeof(uid), "%ld", (long)geteuid());
	snprintf(gid, sizeof(gid), "%ld", (long)getegid());
	if (c->out[0] == '\0' && (c->status == 0 ||
	    strcmp(c->last, "APPLOAD") == 0)) {
		/* --check-config: nothing printed; the app import is not ours. */
		bad = rc != 0;
		got = xstrdup(e ? e->message : "(ok)");
	} else if (c->status == 0 || strcmp(c->last, "APPLOAD") == 0) {
		if (c->status == 0 && (!strncmp(c->out, "usage:", 6) ||
		    !strncmp(c->out, "gunicorn (version", 17))) {
			bad = rc == 0 || e->status != 0 || strncmp(c->out,
			    e->message, strlen(e->message)) != 0;
			got = xstrdup(e ? e->message : "(no stop)");
		} else {
			char *full = expand(c->out, base);
			char *a = replace_all(full, "@CWD@", dir), *b;

			free(full);
			b = replace_all(a, "@UID@", uid);
			want = replace_all(b, "@GID@", gid);
			free(a);
			free(b);
			got = rc == 0 ? launch_print_config(l) :
			    xstrdup(e->message);
			bad = strcmp(want, got) != 0;
		}
	} else {
		const char *last = c->last;

		if (strncmp(last, "TRACEBACK:", 10) == 0)
			last += 10;
		got = xstrdup(e ? e->message : "(no stop)");
		bad = rc == 0 || e->status != c->status ||
		    strcmp(e->message, last) != 0;
	}
	if (bad)
		print_message("case %s:\n  want %d %s\n  got  %s\n", c->name,
		    c->status, want ? "(print-config)" : c->last, got);
	if (bad && want != NULL && getenv("GL_TEST_VERBOSE") != NULL)
		print_message("--- want\n%s--- got\n%s", want, got);
	free(want);
	free(got);
	launch_free(l);
	sw_words_free(&argv);
	sw_words_free(&envw);
	free(env.v);
	{
		char *cmd = xasprintf("rm -rf '%s'", dir);

		if (system(cmd) != 0)
			bad = 1;
		free(cmd);
	}
	return bad;
}

/*
 * Every case twice: each launch with defaults of its own, then all of
 * them sharing one cache of constant defaults, as a launch set does (a
 * case that changes a default must not change it for the next).
 */
static size_t
run_all(const struct launch_case *cs, size_t n)
{
	size_t i, pass, failed = 0;

	for (pass = 0; pass < 2; pass++) {
		cur_cache = pass ? xcalloc(ndefs + 1, sizeof(*cur_cache)) : NULL;
		for (i = 0; i < n; i++) {
			/* The config-file reader here understands literals
			 * only. */
			if (strstr(cs[i].files, "workers = (") != NULL)
				continue;
			failed += (size_t)run_case(&cs[i], cs[0].out);
		}
		launch_defaults_free(cur_cache, ndefs);
		cur_cache = NULL;
	}
	return failed;
}

static void
test_against_gunicorn(void **state)
{
	(void)state;
	assert_int_equal(run_all(cases, sizeof(cases) / sizeof(cases[0])), 0);
}

/* Newer releases: their own table, the same harness. */
static void
test_against_newer(void **state)
{
	size_t failed;

	(void)state;
	ndefs = tt_init_release(TT_230);
	cur_version = GV_23_0_0;
	cur_version_name = "23.0.0";
	failed = run_all(cases230, sizeof(cases230) / sizeof(cases230[0]));
	ndefs = tt_init_release(TT_261);
	cur_version = GV_26_1_0;
	cur_version_name = "26.1.0";
	failed += run_all(cases261, sizeof(cases261) / sizeof(cases261[0]));
	ndefs = tt_init_release(TT_201);
	cur_version = GV_20_1_DEBIAN;
	cur_version_name = "20.1.0";
	assert_int_equal(failed, 0);
}

/* ---- provenance and the config-file seam -------------------------------- */

struct cfg_call {
	int calls, is_default;
	char path[64];
};

static enum launch_cfg_status
fake_cfg(void *arg, struct launch *l, const char *path, struct span span,
    int is_default)
{
	struct cfg_call *c = arg;
	struct source *src = src_new("gunicorn.conf.py", "workers = 4\n", 12);

	(void)span;
	c->calls++;
	c->is_default = is_default;
	snprintf(c->path, sizeof(c->path), "%s", path);
	if (strstr(path, "missing") != NULL)
		return LAUNCH_CFG_MISSING;
	if (strstr(path, "bad") != NULL) {
		launch_apply_config(l, "workers", pv_strz("abc"),
		    span_make(src, 10, 1));
		return LAUNCH_CFG_LOADED;
	}
	launch_apply_config(l, "WORKERS", pv_int(9), span_make(src, 0, 1));
	launch_apply_config(l, "workers", pv_int(4), span_make(src, 10, 1));
	launch_apply_config(l, "wsgi_app", pv_strz("cfg:app"),
	    span_make(src, 0, 1));
	return LAUNCH_CFG_LOADED;
}

/* Builds and evaluates a launch: env is "NAME=value;..." ("" for none). */
static struct launch *
eval_with(const char *cmd_args, const char *env, const char *argv,
    struct cfg_call *cc, struct sw_words *keep)
{
	struct launch_ctx ctx;
	struct launch *l;
	struct launch_env e[4];
	size_t ne = 0;
	char *dup = xstrdup(env), *p = dup, *semi;

	memset(&ctx, 0, sizeof(ctx));
	ctx.version = GV_20_1_DEBIAN;
	ctx.version_name = "20.1.0";
	ctx.defs = tt_ptrs;
	ctx.ndefs = ndefs;
	ctx.cwd = "/srv";
	ctx.uid = 10;
	ctx.gid = 20;
	ctx.load_config = fake_cfg;
	ctx.load_config_arg = cc;
	l = launch_new(&ctx);
	while (*p != '\0' && ne < 3) {
		char *eq = strchr(p, '=');

		semi = strchr(p, ';');
		*eq = '\0';
		if (semi != NULL)
			*semi = '\0';
		e[ne].name = p;
		e[ne].value = eq + 1;
		e[ne].span = span_make(NULL, 0, 0);
		e[ne++].offmap = NULL;
		p = semi ? semi + 1 : eq + 1 + strlen(eq + 1);
	}
	if (cmd_args != NULL) {
		struct source *src = src_new("GUNICORN_CMD_ARGS", cmd_args,
		    strlen(cmd_args));

		e[ne].name = "GUNICORN_CMD_ARGS";
		e[ne].value = cmd_args;
		e[ne].span = span_make(src, 0, strlen(cmd_args));
		e[ne++].offmap = NULL;
	}
	launch_set_env(l, e, ne);
	free(dup);
	memset(keep, 0, sizeof(*keep));
	if (argv != NULL) {
		struct source *src = src_new("argv", argv, strlen(argv));

		assert_int_equal(sw_split(argv, strlen(argv), src, 0, NULL,
		    keep, NULL), 0);
	}
	launch_set_argv(l, keep->v, keep->n);
	launch_eval(l);
	return l;
}

static void
test_provenance(void **state)
{
	struct cfg_call cc = { 0 };
	struct sw_words w;
	struct launch *l;
	const struct launch_value *v;

	(void)state;
	l = eval_with("-b a:1 -b a:2 -w 3", "WEB_CONCURRENCY=7;PORT=5000",
	    "-b c:3 app:app", &cc, &w);
	assert_null(launch_error(l));
	v = launch_get(l, "bind");
	assert_string_equal(launch_value_printed(v), "['c:3']"); /* the CLI list replaces */
	assert_int_equal(v->origin, LO_CLI);
	assert_int_equal(v->spans.n, 1);
	assert_int_equal(v->spans.v[0].off, 0);
	assert_int_equal(v->spans.v[0].len, 6);     /* "-b c:3" */
	v = launch_get(l, "workers");
	assert_string_equal(launch_value_printed(v), "3");
	assert_int_equal(v->origin, LO_CMD_ARGS);
	assert_string_equal(v->origin_name, "GUNICORN_CMD_ARGS");
	assert_int_equal(v->spans.v[0].off, 14);    /* "-w 3" */
	v = launch_get(l, "default_proc_name");
	assert_string_equal(launch_value_printed(v), "app:app");
	assert_int_equal(v->origin, LO_APP);
	v = launch_get(l, "chdir");
	assert_string_equal(launch_value_printed(v), "/srv");
	assert_int_equal(launch_get(l, "user")->value->i, 10);
	assert_int_equal(cc.calls, 1);
	assert_int_equal(cc.is_default, 1);
	assert_string_equal(cc.path, "/srv/gunicorn.conf.py");
	launch_free(l);
	sw_words_free(&w);

	/* env defaults alone; the config file beats them */
	memset(&cc, 0, sizeof(cc));
	l = eval_with(NULL, "WEB_CONCURRENCY=7;PORT=5000", "app:app", &cc, &w);
	v = launch_get(l, "bind");
	assert_string_equal(launch_value_printed(v), "['0.0.0.0:5000']");
	assert_int_equal(v->origin, LO_ENV_DEFAULT);
	assert_string_equal(v->origin_name, "PORT");
	v = launch_get(l, "workers");
	assert_string_equal(launch_value_printed(v), "4");
	assert_int_equal(v->origin, LO_CONFIG);
	assert_int_equal(v->spans.v[0].off, 10);
	launch_free(l);
	sw_words_free(&w);
	launch_free(NULL);
	src_registry_free();
}

static void
test_config_choice(void **state)
{
	struct cfg_call cc = { 0 };
	struct sw_words w;
	struct launch *l;
	const struct launch_error *e;
	enum launch_origin from;
	struct span sp;

	(void)state;
	/* the CLI -c wins over the env -c; env options still apply */
	l = eval_with("-c env.py -w 2", "", "-c cli.py", &cc, &w);
	assert_null(launch_error(l));   /* wsgi_app from the file */
	assert_string_equal(cc.path, "cli.py");
	assert_string_equal(launch_config_file(l, &sp, &from), "cli.py");
	assert_int_equal(from, LO_CLI);
	assert_string_equal(launch_value_printed(launch_get(l, "workers")), "2");
	assert_string_equal(launch_app_module(l, NULL), "cfg:app");
	launch_free(l);
	sw_words_free(&w);

	l = eval_with("-c missing.py", "", "app:app", &cc, &w);
	e = launch_error(l);
	assert_non_null(e);
	assert_int_equal(e->status, 1);
	assert_string_equal(e->message, "Error: 'missing.py' doesn't exist");
	assert_int_equal(e->origin, LO_CMD_ARGS);
	launch_free(l);
	sw_words_free(&w);

	l = eval_with(NULL, "", "-c bad.py app:app", &cc, &w);
	e = launch_error(l);
	assert_string_equal(e->message,
	    "Error: invalid literal for int() with base 0: 'abc'");
	assert_string_equal(e->detail, "Invalid value for workers: abc");
	assert_int_equal(e->span.off, 10);
	launch_free(l);
	sw_words_free(&w);
	src_registry_free();
}

static void
test_stops(void **state)
{
	struct cfg_call cc = { 0 };
	struct sw_words w;
	struct launch *l;
	const struct launch_error *e;

	(void)state;
	l = eval_with("--version", "", "-w 2 app:app", &cc, &w);
	e = launch_error(l);
	assert_int_equal(e->status, 0);
	assert_string_equal(e->message, "gunicorn (version 20.1.0)");
	assert_int_equal(e->origin, LO_CMD_ARGS);
	launch_free(l);
	sw_words_free(&w);

	/* a CLI error comes before anything in the environment */
	l = eval_with("--bogus 'x", "", "-w", &cc, &w);
	e = launch_error(l);
	assert_int_equal(e->status, 2);
	assert_string_equal(e->message,
	    "gunicorn: error: argument -w/--workers: expected one argument");
	launch_free(l);
	sw_words_free(&w);

	l = eval_with("--name 'x", "", "app:app", &cc, &w);
	e = launch_error(l);
	assert_int_equal(e->status, 1);
	assert_string_equal(e->message, "Error: No closing quotation");
	assert_int_equal(e->span.off, 7);
	launch_free(l);
	sw_words_free(&w);

	l = eval_with(NULL, "WEB_CONCURRENCY=-2", "--bogus", &cc, &w);
	e = launch_error(l);
	assert_string_equal(e->message, "Error: Value must be positive: -2");
	launch_free(l);
	sw_words_free(&w);
	src_registry_free();
}

static void
test_print_config_text(void **state)
{
	struct cfg_call cc = { 0 };
	struct sw_words w;
	struct launch *l;
	char *pc;

	(void)state;
	l = eval_with("--name ''", "", "app:app", &cc, &w);
	pc = launch_print_config(l);
	/* an empty string leaves a space after "=" */
	assert_non_null(strstr(pc, "\nproc_name                         = \n"));
	assert_non_null(strstr(pc, "\nbind                              = "
	    "['127.0.0.1:8000']\n"));
	free(pc);
	launch_free(l);
	sw_words_free(&w);
	src_registry_free();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_against_gunicorn),
		cmocka_unit_test(test_against_newer),
		cmocka_unit_test(test_provenance),
		cmocka_unit_test(test_config_choice),
		cmocka_unit_test(test_stops),
		cmocka_unit_test(test_print_config_text),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
