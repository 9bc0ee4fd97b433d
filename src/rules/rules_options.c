/*
 * rules_options.c: checks on how options are written and combined
 * (GL10x) and on process-level settings: reload, daemon, logging (GL11x,
 * GL12x).  Facts: gunicorn's argparse set-up (allow_abbrev on, last one
 * wins, no merge across sources) and Application.load_config, see
 * gunicorn-semantics.md sections 1 and 2.
 */
#include <string.h>

#include "rules/rules_int.h"

/* Each option occurrence of a parse, with which source it came from. */
static void
each_parse(const struct gl_launch *l,
    void (*fn)(const struct gl_launch *, const struct av_result *,
    const char *, struct findings *), struct findings *fs)
{
	if (launch_cmd_args(l->model) != NULL)
		fn(l, launch_cmd_args(l->model), "GUNICORN_CMD_ARGS", fs);
	if (launch_cli(l->model) != NULL)
		fn(l, launch_cli(l->model), "the command line", fs);
}

/*
 * GL101 abbreviated-option: argparse accepts any unique prefix of a long
 * option, but a prefix that is unique today becomes ambiguous when a later
 * release adds an option with the same start (--log-conf broke in 21.0).
 */
static void
abbrev_in(const struct gl_launch *l, const struct av_result *r,
    const char *where, struct findings *fs)
{
	size_t i;

	(void)l;
	(void)where;
	for (i = 0; i < r->opts.n; i++) {
		const struct av_opt *o = &r->opts.v[i];
		struct finding *f;

		if (o->kind != AV_SETTING || strncmp(o->written, "--", 2) != 0 ||
		    strcmp(o->written, o->flag) == 0)
			continue;
		f = fnd_add(fs, "GL101", o->opt_span, "'%s' is an abbreviation "
		    "of '%s': it works only while no other gunicorn option "
		    "starts with '%s'", o->written, o->flag, o->written);
		fnd_set_help(f, "write '%s' in full", o->flag);
		fnd_set_fix(f, o->opt_span, o->flag);
	}
}

static void
check_abbrev(const struct gl_launch *l, struct findings *fs)
{
	each_parse(l, abbrev_in, fs);
}

/*
 * GL102 repeated-option: a store option given twice in one source; only
 * the last value counts, which hides the first from whoever reads it.
 */
static void
repeat_in(const struct gl_launch *l, const struct av_result *r,
    const char *where, struct findings *fs)
{
	size_t i, j;

	(void)l;
	for (i = 0; i < r->opts.n; i++) {
		const struct av_opt *o = &r->opts.v[i];
		const struct av_opt *last = NULL;
		size_t count = 1;

		if (o->kind != AV_SETTING || o->def->action == SA_APPEND)
			continue;
		for (j = 0; j < i; j++)
			if (r->opts.v[j].def == o->def)
				break;
		if (j < i)
			continue; /* reported at the first occurrence */
		for (j = i + 1; j < r->opts.n; j++) {
			if (r->opts.v[j].def == o->def) {
				count++;
				last = &r->opts.v[j];
			}
		}
		if (last == NULL)
			continue;
		fnd_set_help(fnd_add(fs, "GL102", o->opt_span, "'%s' is given "
		    "%zu times in %s; gunicorn keeps only the last one%s%s%s",
		    o->written, count, where, last->value ? " ('" : "",
		    last->value ? last->value : "", last->value ? "')" : ""),
		    "give '%s' once", o->flag);
	}
}

static void
check_repeat(const struct gl_launch *l, struct findings *fs)
{
	each_parse(l, repeat_in, fs);
}

/*
 * GL103 overridden-option: a setting given in GUNICORN_CMD_ARGS and again
 * on the command line.  The command line wins; for list settings (--bind,
 * -e) its list replaces the whole list from the variable: no merge.
 */
static void
check_overridden(const struct gl_launch *l, struct findings *fs)
{
	const struct av_result *env = launch_cmd_args(l->model);
	const struct av_result *cli = launch_cli(l->model);
	size_t i, j;

	if (env == NULL || cli == NULL)
		return;
	for (i = 0; i < env->opts.n; i++) {
		const struct av_opt *o = &env->opts.v[i];

		if (o->kind != AV_SETTING)
			continue;
		for (j = 0; j < i; j++)
			if (env->opts.v[j].def == o->def)
				break;
		if (j < i)
			continue;
		for (j = 0; j < cli->opts.n; j++)
			if (cli->opts.v[j].def == o->def)
				break;
		if (j == cli->opts.n)
			continue;
		fnd_add(fs, "GL103", o->opt_span, o->def->action == SA_APPEND ?
		    "'%s' in GUNICORN_CMD_ARGS is ignored: the command line "
		    "sets %s too, and its list replaces this one (gunicorn does "
		    "not merge them)" : "'%s' in GUNICORN_CMD_ARGS is ignored: "
		    "the command line sets %s too, and the command line wins",
		    o->written, o->def->name);
	}
}

/*
 * GL104 ignored-positional: words in GUNICORN_CMD_ARGS that are not
 * options are parsed and then thrown away: the app module cannot come
 * from there, and "--preload false" turns the flag ON and drops "false".
 */
static void
check_positional(const struct gl_launch *l, struct findings *fs)
{
	const struct av_result *env = launch_cmd_args(l->model);
	size_t i, j;

	if (env == NULL)
		return;
	for (i = 0; i < env->positionals.n; i++) {
		const struct av_pos *p = &env->positionals.v[i];
		const struct av_opt *flag = NULL;
		struct finding *f;

		for (j = 0; j < env->opts.n; j++)
			if (env->opts.v[j].word + 1 == p->word &&
			    env->opts.v[j].value == NULL)
				flag = &env->opts.v[j];
		if (flag != NULL) {
			f = fnd_add(fs, "GL104", p->span, "'%s %s' turns %s ON: "
			    "the flag takes no value, and gunicorn drops the word "
			    "'%s' from GUNICORN_CMD_ARGS", flag->written, p->value,
			    flag->def ? flag->def->name : flag->flag, p->value);
			fnd_set_help(f, "write '%s' alone to turn it on, or leave "
			    "it out to keep it off", flag->written);
		} else {
			f = fnd_add(fs, "GL104", p->span, "'%s' is not an option: "
			    "gunicorn ignores words in GUNICORN_CMD_ARGS that are "
			    "not options (the app module must be on the command "
			    "line)", p->value);
		}
	}
}

/* GL110 reload-enabled: --reload is a development feature. */
static void
check_reload(const struct gl_launch *l, struct findings *fs)
{
	if (!lv_bool(l, "reload"))
		return;
	fnd_set_help(fnd_add(fs, "GL110", lv_span(l, "reload"), "'%s' restarts "
	    "the workers whenever a source file changes: a development "
	    "feature", lv_written(l, "reload")),
	    "remove it from production launches");
	/* GL111 reload-with-preload: the app lives in the master, so a
	 * reload forks from the old code and changes are not picked up. */
	if (lv_bool(l, "preload_app"))
		fnd_add(fs, "GL111", lv_span(l, "preload_app"), "'%s' with "
		    "'%s': the app is imported once in the master, so "
		    "restarted workers still run the old code",
		    lv_written(l, "preload_app"), lv_written(l, "reload"));
}

/* GL112 daemon-mode: a daemonised master leaves the container's PID 1. */
static void
check_daemon(const struct gl_launch *l, struct findings *fs)
{
	/* under systemd GL530 says what daemon mode breaks there */
	if (!lv_bool(l, "daemon") || l->sd != NULL)
		return;
	fnd_set_help(fnd_add(fs, "GL112", lv_span(l, "daemon"), "'%s' detaches "
	    "gunicorn from the process that started it: in a container the "
	    "main process exits at once and the container stops",
	    lv_written(l, "daemon")), "remove it; let the container runtime "
	    "or init system supervise gunicorn");
}

/* GL120 log-to-file-in-container: container logs are read from stdout/stderr. */
static void
check_log_files(const struct gl_launch *l, struct findings *fs)
{
	static const char *const logs[] = { "accesslog", "errorlog" };
	size_t i;

	if (l->where.in_container == 0)
		return;
	for (i = 0; i < 2; i++) {
		const char *v = lv_str(l, logs[i]);

		if (v == NULL || strcmp(v, "-") == 0 || !lv_given(l, logs[i]) ||
		    strncmp(v, "/dev/std", 8) == 0 || strcmp(v, "/proc/1/fd/1") == 0)
			continue;
		fnd_set_help(fnd_add(fs, "GL120", lv_span(l, logs[i]), "'%s' "
		    "writes the %s log to the file '%s' inside the container, "
		    "where the platform's log collection does not see it and it "
		    "grows until the container is replaced",
		    lv_written(l, logs[i]), i == 0 ? F_("access") : F_("error"), v),
		    "use '-' to log to %s", i == 0 ? "stdout" : "stderr");
	}
}

/* GL121 debug-log-level: debug logging in production. */
static void
check_loglevel(const struct gl_launch *l, struct findings *fs)
{
	const char *v = lv_str(l, "loglevel");

	if (v == NULL || strcmp(v, "debug") != 0)
		return;
	fnd_add(fs, "GL121", lv_span(l, "loglevel"), "'%s' logs every request "
	    "and connection detail at debug level: noisy and slower in "
	    "production", lv_written(l, "loglevel"));
}

const struct rule_check rules_options[] = {
	{ "GL101", check_abbrev },
	{ "GL102", check_repeat },
	{ "GL103", check_overridden },
	{ "GL104", check_positional },
	{ "GL110 GL111", check_reload },
	{ "GL112", check_daemon },
	{ "GL120", check_log_files },
	{ "GL121", check_loglevel },
	{ NULL, NULL },
};
