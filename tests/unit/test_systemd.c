/*
 * test_systemd.c: sd_parse, table-driven; each case names the rule of
 * systemd.syntax(7), systemd.service(5) ("COMMAND LINES"), systemd.exec(5)
 * or systemd.unit(5) ("SPECIFIERS") it checks, as systemd 252 applies it.
 * systemd-analyze cannot print how it split a command line, so the
 * table, not a script, is the check.  Then spans and line:column.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "front/front.h"

/*
 * want: each Exec*= command as KEY:prefixes:word|word...; with " $NAME/m"
 * per variable (s split, b braced, l literal) and " %c/e" per specifier
 * (e expanded, k kept); KEY:RESET; for an empty assignment.
 * Environment= as E:NAME=value; settings as S<key>:[-][~]value;.
 */
struct sd_case {
	const char *in;		/* "[Service]\n" is put in front */
	const char *unit;	/* unit name for specifiers, or NULL */
	const char *want;
	size_t errors;
	const char *rule;
};

static const struct sd_case cases[] = {
	{ "ExecStart=/usr/bin/gunicorn -w 4 app:app", NULL,
	    "ExecStart::/usr/bin/gunicorn|-w|4|app:app;", 0,
	    "service(5): words separated by whitespace" },
	{ "ExecStart=/bin/x \"a b\" 'c d' e\"f g\"h", NULL,
	    "ExecStart::/bin/x|a b|c d|ef gh;", 0,
	    "syntax(7): double and single quotes, also inside a word" },
	{ "ExecStart=/bin/x \"a\\tb\" 'c\\nd' \\x41 \\101 \\s", NULL,
	    "ExecStart::/bin/x|a\tb|c\nd|A|A| ;", 0,
	    "syntax(7): C escapes, in either quotes too; \\s is a space" },
	{ "ExecStart=/bin/x \\q", NULL, "ExecStart::/bin/x|\\q;", 1,
	    "syntax(7): an unknown escape is kept, with a warning" },
	{ "ExecStart=/bin/x \"open", NULL, "", 1,
	    "syntax(7): unbalanced quoting drops the line" },
	{ "ExecStart=-/bin/x", NULL, "ExecStart:-:/bin/x;", 0,
	    "service(5): - ignores the exit status" },
	{ "ExecStart=@/bin/x y z", NULL, "ExecStart:@:/bin/x|y|z;", 0,
	    "service(5): @ makes the second word argv[0]" },
	{ "ExecStart=:/bin/x $A ${B}", NULL,
	    "ExecStart:::/bin/x|$A|${B} $A/l $B/l;", 0,
	    "service(5): : turns off variable substitution" },
	{ "ExecStart=+/bin/x\nExecStartPre=!/bin/y\nExecStartPost=!!/bin/z",
	    NULL, "ExecStart:+:/bin/x;ExecStartPre:!:/bin/y;"
	    "ExecStartPost:!!:/bin/z;", 0, "service(5): + ! !! privileges" },
	{ "ExecStart=-@:/bin/x y", NULL, "ExecStart:-@::/bin/x|y;", 0,
	    "service(5): prefixes combine" },
	{ "ExecStart=/bin/x $OPTS", NULL, "ExecStart::/bin/x|$OPTS $OPTS/s;",
	    0, "service(5): $FOO as a word is split at whitespace" },
	{ "ExecStart=/bin/x --bind=0.0.0.0:${PORT} a${B:-c}", NULL,
	    "ExecStart::/bin/x|--bind=0.0.0.0:${PORT}|a${B:-c} $PORT/b $B/b;",
	    0, "service(5): ${FOO} anywhere is one word" },
	{ "ExecStart=/bin/x -b:$PORT $$HOME", NULL,
	    "ExecStart::/bin/x|-b:$PORT|$$HOME $PORT/l;", 0,
	    "service(5): $FOO inside a word is not substituted; $$ is $" },
	{ "ExecStart=/bin/a x ; /bin/b y", NULL,
	    "ExecStart::/bin/a|x;ExecStart::/bin/b|y;", 0,
	    "service(5): a lone ; separates commands" },
	{ "ExecStart=/bin/a \\; x;y", NULL, "ExecStart::/bin/a|;|x;y;", 0,
	    "service(5): \\; is a literal ;" },
	{ "ExecStart=/bin/a\nExecStart=\nExecStart=/bin/b", NULL,
	    "ExecStart::/bin/a;ExecStart:RESET;ExecStart::/bin/b;", 0,
	    "syntax(7): an empty assignment resets the list" },
	{ "ExecStart=/bin/x \\\n  -w 2 \\\n# note\n  app:app", NULL,
	    "ExecStart::/bin/x|-w|2|app:app;", 0,
	    "syntax(7): trailing backslash continues; comments in between go" },
	{ "ExecStart=/bin/x a\\\\\nUser=u", NULL,
	    "ExecStart::/bin/x|a\\;S1:u;", 0,
	    "syntax(7): an escaped backslash does not continue the line" },
	{ "ExecStart=gunicorn app", NULL, "ExecStart::gunicorn|app;", 0,
	    "service(5): a plain name is searched in the path" },
	{ "ExecStart=bin/gunicorn app", NULL, "", 1,
	    "service(5): neither an absolute path nor a name" },
	{ "ExecStart=/usr/bin/ x", NULL, "", 1,
	    "service(5): a path that is a directory" },
	{ "ExecStart=-", NULL, "", 1, "service(5): empty path" },
	{ "ExecStart=@/bin/x", NULL, "", 1,
	    "service(5): @ with no argv[0]" },
	{ "ExecStart=/bin/x %i %n %p %j %I %f %%", "web-a@8000.service",
	    "ExecStart::/bin/x|8000|web-a@8000.service|web-a|a|8000|/8000|%"
	    " %i/e %n/e %p/e %j/e %I/e %f/e;", 0,
	    "unit(5): specifiers from the unit name; %% is %" },
	{ "ExecStart=/bin/x %i %h", NULL, "ExecStart::/bin/x|%i|%h %i/k %h/k;",
	    0, "unit(5): without a unit name specifiers stay, marked" },
	{ "ExecStart=/bin/x %Z", NULL, "", 1,
	    "unit(5): an unknown specifier refuses the line" },
	{ "ExecStart=/bin/x \"%%i\"", NULL, "ExecStart::/bin/x|%i;", 0,
	    "unit(5): specifiers are read after unquoting" },
	{ "Environment=A=1 \"B=two words\" C='x y'", NULL,
	    "E:A=1;E:B=two words;E:C=x y;", 0,
	    "exec(5): several quoted assignments a line" },
	{ "Environment=1A=x B=2", NULL, "E:B=2;", 1,
	    "exec(5): a bad name is ignored, the others kept" },
	{ "Environment=A=\"x", NULL, "", 1,
	    "exec(5): bad quoting ignores the rest of the line" },
	{ "Environment=A=1\nEnvironment=\nEnvironment=B=2", NULL,
	    "E:A=1;E:RESET;E:B=2;", 0, "exec(5): an empty Environment= resets" },
	{ "Environment=P=8000\nExecStart=/bin/x ${P}", NULL,
	    "ExecStart::/bin/x|${P} $P/b=8000;E:P=8000;", 0,
	    "exec(5): a reference knows the unit's own value" },
	{ "EnvironmentFile=-/etc/default/app\nEnvironmentFile=/etc/app.env",
	    NULL, "S0:-/etc/default/app;S0:/etc/app.env;", 0,
	    "exec(5): EnvironmentFile= with - is optional" },
	{ "EnvironmentFile=etc/app.env", NULL, "", 1,
	    "exec(5): EnvironmentFile= must be absolute" },
	{ "User=www-data\nGroup=www-data", NULL, "S1:www-data;S2:www-data;", 0,
	    "exec(5): User= and Group=" },
	{ "WorkingDirectory=-/srv/app\nWorkingDirectory=~", NULL,
	    "S3:-/srv/app;S3:~~;", 0, "exec(5): WorkingDirectory= - and ~" },
	{ "WorkingDirectory=srv", NULL, "", 1,
	    "exec(5): WorkingDirectory= must be absolute" },
	{ "User=%i", "app@bob.service", "S1:bob;", 0,
	    "unit(5): specifiers in User=" },
	{ "ExecStart=/bin/x # not a comment", NULL,
	    "ExecStart::/bin/x|#|not|a|comment;", 0,
	    "syntax(7): comments only start lines" },
	{ "  ; comment\n\n# c\nExecStart = /bin/x  ", NULL,
	    "ExecStart::/bin/x;", 0,
	    "syntax(7): ; and # comments, blanks around = and at the ends" },
	{ "[Install]\nExecStart=/bin/x", NULL, "", 0,
	    "syntax(7): keys belong to their section" },
	{ "[Socket]\nListenStream=8000\nListenStream=[::1]:80\n"
	    "ListenStream=/run/app.sock", NULL, "S4:8000;S4:[::1]:80;"
	    "S4:/run/app.sock;", 0, "socket(5): ListenStream=" },
	{ "Nonsense\n=x\n[Broken\nExecStart=/bin/x", NULL, "", 4,
	    "syntax(7): missing =, missing key, bad section header, and then "
	    "no section" },
	{ "ExecStart=/bin/x\r\nUser=u\rGroup=g", NULL,
	    "ExecStart::/bin/x;S1:u;S2:g;", 0,
	    "read_line: CRLF and CR end lines" },
};

static void
dump_specs(struct strbuf *sb, const struct sd_spec *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sb_addf(sb, " %%%c/%c", v[i].spec, v[i].expanded ? 'e' : 'k');
}

static void
dump_exec(struct strbuf *sb, const struct sd_exec *e)
{
	static const struct { unsigned flag; const char *s; } pre[] = {
		{ SD_EXEC_IGNORE_FAILURE, "-" }, { SD_EXEC_ARGV0, "@" },
		{ SD_EXEC_NO_ENV_EXPAND, ":" }, { SD_EXEC_PRIVILEGED, "+" },
		{ SD_EXEC_NO_SETUID, "!" }, { SD_EXEC_AMBIENT, "!!" },
	};
	size_t i;

	sb_addf(sb, "%s:", e->key);
	if (e->reset) {
		sb_adds(sb, "RESET;");
		return;
	}
	for (i = 0; i < sizeof(pre) / sizeof(pre[0]); i++)
		if (e->flags & pre[i].flag)
			sb_adds(sb, pre[i].s);
	sb_addch(sb, ':');
	for (i = 0; i < e->words.n; i++)
		sb_addf(sb, "%s%s", i ? "|" : "", e->words.v[i].value);
	for (i = 0; i < e->refs.n; i++) {
		sb_addf(sb, " $%s/%c", e->refs.v[i].name,
		    "sbl"[e->refs.v[i].mode]);
		if (e->refs.v[i].env_value)
			sb_addf(sb, "=%s", e->refs.v[i].env_value);
	}
	dump_specs(sb, e->specs.v, e->specs.n);
	sb_addch(sb, ';');
}

static void
dump(const struct sd_unit *u, struct strbuf *sb)
{
	size_t i;

	for (i = 0; i < u->execs.n; i++)
		dump_exec(sb, &u->execs.v[i]);
	for (i = 0; i < u->envs.n; i++)
		if (u->envs.v[i].reset)
			sb_adds(sb, "E:RESET;");
		else
			sb_addf(sb, "E:%s=%s;", u->envs.v[i].name,
			    u->envs.v[i].value);
	for (i = 0; i < u->settings.n; i++) {
		const struct sd_setting *s = &u->settings.v[i];

		sb_addf(sb, "S%d:%s%s%s;", (int)s->key, s->optional ? "-" : "",
		    s->home ? "~" : "", s->value.value);
	}
}

static void
test_table(void **state)
{
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct sd_case *c = &cases[i];
		char *text = xasprintf("[Service]\n%s\n", c->in);
		struct source *s = src_new("app.service", text, strlen(text));
		struct sd_unit *u = sd_parse(s, c->unit);
		struct strbuf got = STRBUF_INIT;

		dump(u, &got);
		if (strcmp(sb_str(&got), c->want) != 0 ||
		    u->errors.n != c->errors) {
			printf("case %zu (%s): got '%s' with %zu errors%s%s\n",
			    i, c->rule, sb_str(&got), u->errors.n,
			    u->errors.n ? ": " : "",
			    u->errors.n ? u->errors.v[0].message : "");
			bad++;
		}
		sb_release(&got);
		sd_free(u);
		free(text);
	}
	src_registry_free();
	assert_int_equal(bad, 0);
}

static void
test_spans(void **state)
{
	const char *t = "[Unit]\nDescription=x\n\n[Service]\n"
	    "ExecStart=/srv/venv/bin/gunicorn \\\n"
	    "    --bind \"0.0.0.0:${PORT}\" app:app\n";
	struct source *s = src_new("app.service", t, strlen(t));
	struct sd_unit *u = sd_parse(s, NULL);
	const struct sd_exec *e;
	const struct sw_word *w;
	unsigned line, col;

	(void)state;
	assert_int_equal(u->errors.n, 0);
	assert_int_equal(u->assigns.n, 2);
	assert_string_equal(u->assigns.v[0].section, "Unit");
	assert_int_equal(u->execs.n, 1);
	e = &u->execs.v[0];
	assert_int_equal(e->words.n, 4);
	w = &e->words.v[2];
	assert_string_equal(w->value, "0.0.0.0:${PORT}");
	src_position(s, w->span.off, &line, &col);
	assert_int_equal(line, 6);
	assert_int_equal(col, 12);
	assert_int_equal(w->span.len, 17);	/* quotes included */
	assert_int_equal(w->off[0], w->span.off + 1);
	assert_int_equal(e->refs.n, 1);
	src_position(s, e->refs.v[0].span.off, &line, &col);
	assert_int_equal(col, 21);
	assert_int_equal(e->refs.v[0].span.len, 7);
	src_position(s, e->span.off, &line, &col);
	assert_int_equal(line, 5);
	assert_int_equal(col, 11);
	src_position(s, u->assigns.v[1].key_span.off, &line, &col);
	assert_int_equal(line, 5);
	assert_int_equal(col, 1);
	sd_free(u);
	sd_free(NULL);
	src_registry_free();
}

static void
test_error_positions(void **state)
{
	const char *t = "\xEF\xBB\xBF[Service]\nUser=a\nExecStart=/bin/x 'q\n"
	    "Environment=A=1 9=2\n";
	struct source *s = src_new("app.service", t, strlen(t));
	struct sd_unit *u = sd_parse(s, NULL);
	unsigned line, col;

	(void)state;
	assert_int_equal(u->errors.n, 2);
	src_position(s, u->errors.v[0].span.off, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 11);
	assert_non_null(strstr(u->errors.v[0].message, "unbalanced quoting"));
	src_position(s, u->errors.v[1].span.off, &line, &col);
	assert_int_equal(line, 4);
	assert_int_equal(col, 17);
	assert_int_equal(u->errors.v[1].warning, 1);
	assert_int_equal(u->envs.n, 1);
	src_position(s, u->envs.v[0].value_span.off, &line, &col);
	assert_int_equal(col, 15);
	sd_free(u);
	src_registry_free();
}

/* systemd.time(7) spans, as systemd-analyze timespan reads them. */
static void
test_timespan(void **state)
{
	static const struct {
		const char *in;
		int rc;
		double secs;
	} spans[] = {
		{ "90", 0, 90 }, { "5s", 0, 5 }, { "1min 30s", 0, 90 },
		{ "2m", 0, 120 }, { "500ms", 0, 0.5 }, { "55s500ms", 0, 55.5 },
		{ "1h", 0, 3600 }, { "2 hours", 0, 7200 }, { "1M", 0, 2629800 },
		{ "infinity", 1, 0 }, { "", -1, 0 }, { "5 parsecs", -1, 0 },
		{ "abc", -1, 0 }, { "1.5min", 0, 90 },
	};
	size_t i;
	double v;

	(void)state;
	for (i = 0; i < sizeof(spans) / sizeof(spans[0]); i++) {
		v = -7;
		assert_int_equal(sd_timespan(spans[i].in, &v), spans[i].rc);
		if (spans[i].rc == 0)
			assert_true(v > spans[i].secs - 1e-9 &&
			    v < spans[i].secs + 1e-9);
	}
	assert_int_equal(sd_bool("Yes"), 1);
	assert_int_equal(sd_bool("off"), 0);
	assert_int_equal(sd_bool("maybe"), -1);
}

/* A drop-in adds to the unit, its spans in its own file. */
static void
test_dropin(void **state)
{
	const char *t = "[Service]\nUser=a\nExecStart=/bin/a\n";
	const char *d = "[Service]\nExecStart=\nExecStart=/bin/b $X\n"
	    "Environment=X=1\n";
	struct source *s = src_new("a.service", t, strlen(t));
	struct source *o = src_new("a.service.d/o.conf", d, strlen(d));
	struct sd_unit *u = sd_parse(s, "a.service");
	unsigned line, col;

	(void)state;
	sd_parse_dropin(u, o);
	assert_int_equal(u->errors.n, 0);
	assert_int_equal(u->execs.n, 3);
	assert_int_equal(u->execs.v[1].reset, 1);
	assert_ptr_equal(u->execs.v[2].span.src, o);
	src_position(o, u->execs.v[2].span.off, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 11);
	assert_string_equal(u->execs.v[2].refs.v[0].env_value, "1");
	assert_ptr_equal(sd_get(u, "Service", "User")->span.src, s);
	sd_free(u);
	src_registry_free();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_error_positions),
		cmocka_unit_test(test_timespan),
		cmocka_unit_test(test_dropin),
	};

	return cmocka_run_group_tests_name("systemd", tests, NULL, NULL);
}
