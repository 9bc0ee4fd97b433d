/*
 * rules_systemd.c: gunicorn under systemd (GL53x).  Facts: systemd.service(5)
 * and systemd.exec(5) of systemd 252; Type=simple is the default with
 * ExecStart=, and the process ExecStart= starts is the main process;
 * gunicorn sends READY=1 itself since 20.0 (PR #1897), takes the sockets of
 * a .socket unit when LISTEN_PID is its own pid (gunicorn/systemd.py) and
 * then ignores bind (sock.py create_sockets); its maintainers: "gunicorn
 * must be started as main process with systemd" (issue #2673).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gunicorn/gunicorn.h"
#include "rules/rules_int.h"

/* The ExecStart= command the launch came from (its span is the anchor). */
static const struct sd_exec *
launch_exec(const struct gl_launch *l)
{
	size_t i;

	for (i = 0; i < l->sd->execs.n; i++) {
		const struct sd_exec *e = &l->sd->execs.v[i];

		if (!e->reset && e->span.src == l->anchor.src &&
		    e->span.off == l->anchor.off && e->words.n > 0)
			return e;
	}
	return NULL;
}

/* Type= as written, or "simple" (the default when ExecStart= is set). */
static const char *
service_type(const struct gl_launch *l, struct span *at)
{
	const struct sd_assign *t = sd_get(l->sd, "Service", "Type");

	if (t == NULL || t->value.len == 0) {
		*at = l->anchor;
		return "simple";
	}
	*at = t->value.span;
	return t->value.value;
}

/* A unit of a user's service manager: the defaults are that user's. */
static int
user_unit(const struct gl_launch *l)
{
	const char *p = l->sd->src->name;

	/* ~/.config/systemd/user/, /etc/systemd/user/, /usr/lib/systemd/user/ */
	return strstr(p, "systemd/user/") != NULL;
}

/*
 * GL530 systemd-daemon: --daemon makes the process systemd started exit;
 * GL531 systemd-forking-no-daemon: Type=forking waits for that exit.
 */
static void
check_daemon(const struct gl_launch *l, struct findings *fs)
{
	struct span at;
	const char *type = service_type(l, &at);
	int forking = strcmp(type, "forking") == 0;

	if (lv_bool(l, "daemon") && !forking) {
		fnd_set_help(fnd_add(fs, "GL530", lv_span(l, "daemon"), "daemon "
		    "mode under systemd (Type=%s): the process systemd started "
		    "exits at once, systemd takes the service for finished and "
		    "stops what is left in its control group, the daemonized "
		    "gunicorn too", type), "drop --daemon: gunicorn should be "
		    "the main process of the service");
		return;
	}
	if (lv_bool(l, "daemon") && l->sd_socket != NULL) {
		fnd_set_help(fnd_add(fs, "GL530", lv_span(l, "daemon"), "daemon "
		    "mode with socket activation: gunicorn forks before it "
		    "looks for systemd's sockets, the fork is not the process "
		    "they were passed to, and it binds its own address instead"),
		    "drop --daemon and use Type=notify");
		return;
	}
	if (forking && !lv_bool(l, "daemon") && l->where.config_unread != 1)
		fnd_set_help(fnd_add(fs, "GL531", at, "Type=forking waits for "
		    "the started process to exit, and gunicorn without --daemon "
		    "never does: the start times out (TimeoutStartSec=, 90 s by "
		    "default) and systemd kills gunicorn"),
		    "use Type=notify (gunicorn 20.0 and later report readiness "
		    "to systemd)");
}

/* GL532 systemd-runs-as-root: gunicorn and its workers run as root. */
static void
check_root(const struct gl_launch *l, struct findings *fs)
{
	const struct sd_setting *u = sd_last_setting(l->sd, SD_USER);

	const struct sd_exec *e = launch_exec(l);

	if (l->where.run_uid != 0 || lv_given(l, "user") || user_unit(l))
		return;
	if (e != NULL && (e->flags & SD_EXEC_PRIVILEGED) && u != NULL)
		fnd_set_help(fnd_add(fs, "GL532", e->span, "the \"+\" prefix "
		    "runs gunicorn with full privileges: User=%s does not "
		    "apply, and gunicorn and every worker run as root",
		    u->value.value), "drop the \"+\" prefix");
	else if (u != NULL)
		fnd_set_help(fnd_add(fs, "GL532", u->value.span, "User=%s: "
		    "gunicorn and every worker run as root, so a flaw in the "
		    "application is a flaw with root's rights", u->value.value),
		    "run the service as an unprivileged user (User=, or "
		    "DynamicUser=yes)");
	else
		fnd_set_help(fnd_add(fs, "GL532", l->anchor, "no User=: a system "
		    "service runs as root, so gunicorn and every worker run "
		    "as root"), "add User= with an unprivileged user (or "
		    "DynamicUser=yes)");
}

/*
 * GL533 systemd-exec-search-path: a program without a path is looked up
 * in systemd's built-in directories only (systemd 239 and later; older
 * releases refuse the line).
 */
static void
check_exec_path(const struct gl_launch *l, struct findings *fs)
{
	const struct sd_exec *e = launch_exec(l);
	const struct sd_assign *sp = sd_get(l->sd, "Service", "ExecSearchPath");

	if (e == NULL || strchr(e->words.v[0].value, '/') != NULL ||
	    (sp != NULL && sp->value.len > 0))
		return;
	fnd_set_help(fnd_add(fs, "GL533", e->words.v[0].span, "'%s' has no "
	    "path: systemd looks it up only in its own built-in directories "
	    "(/usr/local/sbin, /usr/local/bin, /usr/sbin, /usr/bin), never "
	    "in Environment=PATH= or a virtualenv; systemd before 239 "
	    "refuses the line", e->words.v[0].value),
	    "write the absolute path, e.g. /srv/app/venv/bin/gunicorn");
}

/*
 * GL534 systemd-no-working-directory: without WorkingDirectory= a system
 * service starts in /, and gunicorn imports the app module from there.
 */
static void
check_workdir(const struct gl_launch *l, struct findings *fs)
{
	const char *chdir = lv_str(l, "chdir");
	struct span sp;
	const char *app = launch_app_module(l->model, &sp);

	if (app == NULL || sd_last_setting(l->sd, SD_WORKING_DIRECTORY) != NULL ||
	    chdir == NULL || strcmp(chdir, "/") != 0 || lv_given(l, "chdir") ||
	    lv_given(l, "pythonpath") || l->where.config_unread == 1 ||
	    user_unit(l) || sp.src == NULL)
		return;
	fnd_set_help(fnd_add(fs, "GL534", sp, "no WorkingDirectory= and no "
	    "--chdir: gunicorn starts in / and looks for '%.*s' there and in "
	    "site-packages; a project that is not installed as a package "
	    "fails with ModuleNotFoundError", (int)strcspn(app, ":"), app),
	    "add WorkingDirectory= with the project's folder (or --chdir)");
}

/* GL535 systemd-socket-accept: Accept=yes passes connections, no listener. */
static void
check_accept(const struct gl_launch *l, struct findings *fs)
{
	const struct sd_assign *a;

	if (l->sd_socket == NULL ||
	    (a = sd_get(l->sd_socket, "Socket", "Accept")) == NULL ||
	    sd_bool(a->value.value) != 1)
		return;
	fnd_set_help(fnd_add(fs, "GL535", a->value.span, "Accept=yes starts "
	    "one service instance per connection and passes it the "
	    "connected socket; gunicorn expects a listening socket and "
	    "cannot serve that"), "set Accept=no (the default) and name the "
	    "service like the socket");
}

/* Whether bind b is one of the socket unit's ListenStream= addresses. */
static int
bind_listened(const char *b, const struct sd_unit *s)
{
	struct bind_addr want, have;
	size_t i;

	bind_parse(b, &want);
	if (want.kind == BIND_FD)
		return 1; /* fd://3: the very socket systemd passes */
	for (i = 0; i < s->settings.n; i++) {
		const struct sd_setting *ls = &s->settings.v[i];

		if (ls->key != SD_LISTEN_STREAM || ls->reset)
			continue;
		if (want.kind == BIND_UNIX && ls->listen == SD_LISTEN_PATH &&
		    strcmp(want.host, ls->value.value) == 0)
			return 1;
		if (want.kind != BIND_TCP)
			continue;
		if (ls->listen == SD_LISTEN_PORT &&
		    atol(ls->value.value) == want.port)
			return 1;
		if (ls->listen == SD_LISTEN_ADDRESS) {
			bind_parse(ls->value.value, &have);
			if (have.kind == BIND_TCP && have.port == want.port &&
			    (strcmp(have.host, want.host) == 0 ||
			    (have.wildcard && want.wildcard)))
				return 1;
		}
	}
	return 0;
}

/* GL536 systemd-bind-ignored: with socket activation bind says nothing. */
static void
check_bind_ignored(const struct gl_launch *l, struct findings *fs)
{
	const struct launch_value *v = lv(l, "bind");
	const struct sd_setting *ls;
	size_t i;

	if (l->where.socket_activated != 1 || !lv_given(l, "bind") ||
	    v == NULL || v->value == NULL || v->value->kind != PV_LIST)
		return;
	ls = sd_last_setting(l->sd_socket, SD_LISTEN_STREAM);
	for (i = 0; i < v->value->n; i++) {
		const struct pyval *b = v->value->items[i];

		if (b->kind != PV_STR || bind_listened(b->s, l->sd_socket))
			continue;
		fnd_set_help(fnd_add(fs, "GL536", lv_span(l, "bind"), "'%s' "
		    "is ignored: %s activates the service, and gunicorn then "
		    "serves only the sockets systemd passes (ListenStream=%s)",
		    b->s, l->sd_socket->name ? l->sd_socket->name :
		    F_("the socket unit"), ls ? ls->value.value : ""),
		    "drop --bind, or make it the ListenStream= address");
		return;
	}
}

/* Whether the unit reloads by signalling $MAINPID (the docs' ExecReload=). */
static int
reload_signals_main(const struct sd_unit *u)
{
	size_t i, k;

	for (i = 0; i < u->execs.n; i++)
		if (strcmp(u->execs.v[i].key, "ExecReload") == 0)
			for (k = 0; k < u->execs.v[i].refs.n; k++)
				if (strcmp(u->execs.v[i].refs.v[k].name,
				    "MAINPID") == 0)
					return 1;
	return 0;
}

/*
 * GL537 systemd-shell-without-exec: sh -c 'gunicorn ...' keeps the shell
 * as the main process (dash always does; bash only execs the last command
 * itself), so what systemd does with the main process misses gunicorn.
 */
static void
check_shell_parent(const struct gl_launch *l, struct findings *fs)
{
	struct span at;
	const char *type = service_type(l, &at);
	const char *why;

	if (l->where.shell_parent != 1)
		return;
	if (strncmp(type, "notify", 6) == 0) /* notify-reload too */
		why = "systemd takes READY=1 only from the main process, so the "
		    "start times out and systemd kills gunicorn";
	else if (l->sd_socket != NULL)
		why = "systemd passed the sockets of the .socket unit to the "
		    "shell's pid, so gunicorn ignores them and binds its own "
		    "address";
	else if (reload_signals_main(l->sd))
		why = "the kill -HUP $MAINPID of ExecReload= reaches the "
		    "shell, which dies of it, and systemd then stops the "
		    "service";
	else
		why = "signals systemd sends the main process reach the shell, "
		    "not gunicorn";
	fnd_set_help(fnd_add(fs, "GL537", l->anchor, "the shell starts "
	    "gunicorn without exec and stays the service's main process: %s",
	    why), "write 'exec gunicorn ...' in the script, or run gunicorn "
	    "from ExecStart= directly");
}

/*
 * GL538 systemd-env-file-missing: a plain EnvironmentFile= that is not on
 * the host (under --root) makes systemd fail the start.
 */
static void
check_env_files(const struct gl_launch *l, struct findings *fs)
{
	const struct sd_unit *u = l->sd;
	struct stat st;
	size_t i, first = 0;
	char *p;

	if (l->where.root == NULL || sd_get(u, "Service", "ExecStartPre") != NULL)
		return; /* a command before ExecStart= may write it */
	for (i = 0; i < u->settings.n; i++)
		if (u->settings.v[i].key == SD_ENVIRONMENT_FILE &&
		    u->settings.v[i].reset)
			first = i + 1;
	for (i = first; i < u->settings.n; i++) {
		const struct sd_setting *s = &u->settings.v[i];

		if (s->key != SD_ENVIRONMENT_FILE || s->optional ||
		    strpbrk(s->value.value, "*?[") != NULL)
			continue;
		p = xasprintf("%s%s", l->where.root, s->value.value);
		if (stat(p, &st) != 0)
			fnd_set_help(fnd_add(fs, "GL538", s->value.span, "'%s' "
			    "is not under --root: systemd fails the start when "
			    "an EnvironmentFile= without '-' does not exist",
			    s->value.value), "create the file, or write "
			    "EnvironmentFile=-%s if it is optional",
			    s->value.value);
		free(p);
	}
}

/* The last TimeoutStopSec= or TimeoutSec= (which sets it too), or NULL. */
static const struct sd_assign *
stop_timeout(const struct sd_unit *u)
{
	size_t i;

	for (i = u->assigns.n; i-- > 0;) {
		const struct sd_assign *a = &u->assigns.v[i];

		if (a->section != NULL && strcmp(a->section, "Service") == 0 &&
		    (strcmp(a->key, "TimeoutStopSec") == 0 ||
		    strcmp(a->key, "TimeoutSec") == 0))
			return a->value.len ? a : NULL;
	}
	return NULL;
}

/*
 * GL539 systemd-stop-timeout-short: systemd sends SIGTERM, on which
 * gunicorn gives its workers graceful_timeout seconds, and SIGKILLs what
 * is left after TimeoutStopSec= (default 90 s: only a written value is
 * compared).  Another KillSignal= is not gunicorn's graceful shutdown.
 */
static void
check_stop_timeout(const struct gl_launch *l, struct findings *fs)
{
	const struct sd_assign *t = stop_timeout(l->sd);
	const struct sd_assign *sig = sd_get(l->sd, "Service", "KillSignal");
	long long grace = lv_int(l, "graceful_timeout", 30);
	double stop;

	if (t == NULL || sd_timespan(t->value.value, &stop) != 0 ||
	    (sig != NULL && sig->value.len > 0 &&
	    strcmp(sig->value.value, "SIGTERM") != 0 &&
	    strcmp(sig->value.value, "TERM") != 0 &&
	    strcmp(sig->value.value, "15") != 0) ||
	    (l->where.config_unread == 1 && !lv_given(l, "graceful_timeout")) ||
	    stop >= (double)grace)
		return;
	fnd_set_help(fnd_add(fs, "GL539", t->value.span, "%s=%s: systemd "
	    "kills the service %g s after SIGTERM, while gunicorn gives its "
	    "workers %lld s (graceful_timeout%s) to finish the requests in "
	    "flight; longer requests are cut off at every stop and restart",
	    t->key, t->value.value, stop, grace, lv_given(l,
	    "graceful_timeout") ? "" : F_(", the default")), "make %s= longer "
	    "than graceful_timeout, or lower --graceful-timeout", t->key);
}

static void
check_unit(const struct gl_launch *l, struct findings *fs)
{
	if (l->sd == NULL)
		return;
	check_daemon(l, fs);
	check_root(l, fs);
	check_exec_path(l, fs);
	check_workdir(l, fs);
	check_accept(l, fs);
	check_bind_ignored(l, fs);
	check_shell_parent(l, fs);
	check_env_files(l, fs);
	check_stop_timeout(l, fs);
}

const struct rule_check rules_systemd[] = {
	{ "GL530 GL531 GL532 GL533 GL534 GL535 GL536 GL537 GL538 GL539",
	  check_unit },
	{ NULL, NULL },
};
