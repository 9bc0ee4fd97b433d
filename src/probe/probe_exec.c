/*
 * probe_exec.c: `probe --exec`: starts the real gunicorn with the TLS
 * settings on 127.0.0.1 and an ephemeral port (one worker unless
 * --as-configured), serving the bundled probe_app unless --app is given;
 * waits for it to accept, runs the client steps, reads its log for the
 * worker class it loaded and for crash/respawn loops, then stops it with
 * SIGTERM and times the shutdown.  Only the process group it started is
 * ever signalled.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "probe_int.h"
#include "tls/tls.h"

#define LOG_KEEP 8192

struct gproc {
	pid_t pid;
	int exited, status;
	char logpath[64];
};

/* A port nobody listens on right now (the kernel's pick for port 0). */
static int
free_port(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = -1;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&sa, &len) == 0)
		port = ntohs(sa.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

static char *
find_share(const struct probe_opts *o)
{
	static const char *const rel[] = { "/share/gunilint",
		"/../share/gunilint" };
	char exe[PATH_MAX], *slash, *p;
	const char *env = getenv("GUNILINT_SHARE_DIR");
	ssize_t n;
	size_t i;

	if (o->share_dir)
		return xstrdup(o->share_dir);
	if (env && *env)
		return xstrdup(env);
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) <= 0)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) != NULL)
		*slash = '\0';
	for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		struct stat st;
		char *f;

		p = xasprintf("%s%s", exe, rel[i]);
		f = xasprintf("%s/probe_app.py", p);
		if (stat(f, &st) == 0) {
			free(f);
			return p;
		}
		free(f);
		free(p);
	}
	return NULL;
}

/*
 * gunicorn's output without the debug-level "Current configuration" dump;
 * tail keeps only the last LOG_KEEP bytes (what a report shows).
 */
static char *
read_log_all(const char *path, int tail)
{
	struct source *s = src_read_file(path, path);
	struct strbuf sb = STRBUF_INIT;
	int in_dump = 0;
	unsigned i;
	size_t len;

	if (s == NULL)
		return xstrdup("");
	for (i = 1; i <= s->nlines; i++) {
		const char *l = src_line(s, i, &len);

		if (len > 0 && l[0] == '[')
			in_dump = 0;
		if (in_dump)
			continue;
		if (len > 22 && memcmp(l + len - 22, "Current configuration:",
		    22) == 0)
			in_dump = 1;
		sb_add(&sb, l, len);
		sb_addch(&sb, '\n');
	}
	if (tail && sb.len > LOG_KEEP) {
		char *end = xstrdup(sb.buf + sb.len - LOG_KEEP);

		sb_release(&sb);
		return end;
	}
	return sb.len ? sb_detach(&sb) : xstrdup("");
}

static char *
read_log(const char *path)
{
	return read_log_all(path, 1);
}

/* The last "SomethingError: text" line of a traceback, or NULL. */
static const char *
last_error_line(const char *log, int *len)
{
	const char *l, *found = NULL;

	for (l = log; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] ?
	    1 : 0)) {
		size_t n = strcspn(l, "\n"), w = strspn(l,
		    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_.");

		if (w > 5 && w < n && l[w] == ':' && (strncmp(l + w - 5,
		    "Error", 5) == 0 || (w > 9 && strncmp(l + w - 9,
		    "Exception", 9) == 0))) {
			found = l;
			*len = (int)n;
		}
		if (l[n] == '\0')
			break;
	}
	return found;
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static int
reap(struct gproc *g)
{
	if (!g->exited && waitpid(g->pid, &g->status, WNOHANG) == g->pid)
		g->exited = 1;
	return g->exited;
}

static const char *
gunicorn_path(const struct probe_opts *o)
{
	return o->gunicorn ? o->gunicorn : "gunicorn";
}

/* Forks gunicorn with argv, output to a log file, in its own group. */
static int
spawn(struct gproc *g, char **argv, char **err)
{
	int fd;

	memset(g, 0, sizeof(*g));
	snprintf(g->logpath, sizeof(g->logpath), "/tmp/gunilint-probe-XXXXXX");
	if ((fd = mkstemp(g->logpath)) < 0) {
		*err = xasprintf(_("cannot create a log file: %s"),
		    strerror(errno));
		return -1;
	}
	if ((g->pid = fork()) < 0) {
		*err = xasprintf("fork: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (g->pid == 0) {
		int nul = open("/dev/null", O_RDONLY);

		setpgid(0, 0);
		dup2(nul, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		unsetenv("GUNICORN_CMD_ARGS"); /* only the settings given */
		setenv("PYTHONDONTWRITEBYTECODE", "1", 1);
		setenv("PYTHONUNBUFFERED", "1", 1);
		execvp(argv[0], argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	setpgid(g->pid, g->pid);
	close(fd);
	return 0;
}

int
probe_exec_version(const struct probe_opts *o, enum gl_version *out)
{
	char *argv[3] = { (char *)gunicorn_path(o), "--version", NULL };
	struct gproc g;
	char *err = NULL, *log, *v;
	int rc = -1, i;

	if (spawn(&g, argv, &err) != 0) {
		free(err);
		return -1;
	}
	for (i = 0; i < 200 && !reap(&g); i++)
		usleep(25000);
	if (!g.exited) {
		kill(-g.pid, SIGKILL);
		waitpid(g.pid, &g.status, 0);
	}
	log = read_log(g.logpath);
	unlink(g.logpath);
	if ((v = strstr(log, "version ")) != NULL) {
		char num[32];

		if (sscanf(v + 8, "%31[0-9.]", num) == 1)
			rc = gv_parse(num, out);
	}
	free(log);
	return rc;
}

static void
push(char ***v, size_t *n, const char *a, const char *b)
{
	*v = xrealloc(*v, (*n + 3) * sizeof(**v));
	(*v)[(*n)++] = xstrdup(a);
	if (b != NULL)
		(*v)[(*n)++] = xstrdup(b);
	(*v)[*n] = NULL;
}

static char **
build_argv(const struct tls_settings *ts, const struct probe_opts *o,
    int port, const char *share)
{
	const struct {
		const char *flag;
		const struct tls_val *v;
	} pass[] = {
		{ "--certfile", &ts->certfile }, { "--keyfile", &ts->keyfile },
		{ "--ca-certs", &ts->ca_certs }, { "--ciphers", &ts->ciphers },
		{ "--ssl-version", &ts->ssl_version },
		{ "--cert-reqs", &ts->cert_reqs }, { "--chdir", &ts->chdir },
		{ "--worker-class", &ts->worker_class },
	};
	char **v = NULL, buf[64];
	size_t n = 0, i;
	int b;

	push(&v, &n, gunicorn_path(o), NULL);
	snprintf(buf, sizeof(buf), "127.0.0.1:%d", port);
	push(&v, &n, "--bind", buf);
	push(&v, &n, "--workers", o->as_configured && o->workers ?
	    o->workers : "1");
	push(&v, &n, "--log-level", "debug");
	snprintf(buf, sizeof(buf), "%d", o->graceful_timeout);
	push(&v, &n, "--graceful-timeout", buf);
	if (o->app == NULL && share != NULL)
		push(&v, &n, "--pythonpath", share);
	for (i = 0; i < sizeof(pass) / sizeof(pass[0]); i++)
		if (tls_is_set(pass[i].v))
			push(&v, &n, pass[i].flag, pass[i].v->text);
	if (tls_val_bool(&ts->do_handshake_on_connect, &b) == 0 && b)
		push(&v, &n, "--do-handshake-on-connect", NULL);
	for (i = 0; o->extra != NULL && o->extra[i] != NULL; i++)
		push(&v, &n, o->extra[i], NULL);
	push(&v, &n, o->app ? o->app : ts->worker == TLS_W_UVICORN ||
	    ts->worker == TLS_W_ASGI ? "probe_app:asgi" : "probe_app:app",
	    NULL);
	return v;
}

static void
free_argv(char **v)
{
	size_t i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* Waits for the port to accept and a worker to boot; 0 when ready. */
static int
wait_ready(struct gproc *g, int port, int timeout_ms, struct probe_report *r)
{
	double t0 = probe_now_ms();
	char err[256];
	int fd;

	while (probe_now_ms() - t0 < timeout_ms) {
		char *log;
		int booted;

		if (reap(g)) {
			probe_step(r, "start", PROBE_FAIL, probe_now_ms() - t0,
			    "gunicorn exited with status %d before accepting "
			    "connections", WIFEXITED(g->status) ?
			    WEXITSTATUS(g->status) : 128 + WTERMSIG(g->status));
			return -1;
		}
		log = read_log(g->logpath);
		booted = strstr(log, "Booting worker") != NULL;
		free(log);
		if (booted && (fd = probe_connect("127.0.0.1", port, 200, err,
		    sizeof(err))) >= 0) {
			close(fd);
			probe_step(r, "start", PROBE_PASS, probe_now_ms() - t0,
			    "accepting on 127.0.0.1:%d", port);
			return 0;
		}
		usleep(30000);
	}
	probe_step(r, "start", PROBE_FAIL, probe_now_ms() - t0, "not accepting "
	    "on 127.0.0.1:%d after %d ms", port, timeout_ms);
	return -1;
}

static int
handshake_failed(const struct probe_report *r)
{
	size_t i;

	for (i = 0; i < r->steps.n; i++)
		if (strcmp(r->steps.v[i].name, "handshake") == 0)
			return r->steps.v[i].status == PROBE_FAIL;
	return 0;
}

static void
check_log(const struct tls_settings *ts, const struct probe_opts *o,
    struct gproc *g, struct probe_report *r)
{
	char *log = read_log_all(g->logpath, 0), *u, name[256] = "";
	const char *last;
	int lastlen = 0;
	int boots = count(log, "Booting worker with pid");
	int want = o->as_configured && o->workers ? atoi(o->workers) : 1;
	int crashes = count(log, "Exception in worker process") +
	    count(log, "Worker failed to boot") + count(log, "Worker exited");

	if ((u = strstr(log, "Using worker: ")) != NULL)
		sscanf(u + 14, "%255s", name);
	if (name[0] == '\0')
		probe_step(r, "worker-class", PROBE_FAIL, 0, "no \"Using "
		    "worker:\" line in gunicorn's log");
	else
		probe_step(r, "worker-class", tls_worker_kind(name) ==
		    ts->worker ? PROBE_PASS : PROBE_FAIL, 0, "gunicorn loaded "
		    "%s (%s worker)", name, tls_worker_name(tls_worker_kind(
		    name)));
	/* The refused TLS 1.0/1.1 probes are logged too: only a failed
	   handshake makes the log the cause. */
	if (!handshake_failed(r))
		;
	else if ((u = strstr(log, "Invalid request from ip=")) != NULL &&
	    (u = strstr(u, ": ")) != NULL)
		probe_step(r, "server-log", PROBE_FAIL, 0, "gunicorn logged: "
		    "%.*s", (int)strcspn(u + 2, "\n"), u + 2);
	else if ((u = strstr(log, "Error handling request")) != NULL)
		probe_step(r, "server-log", PROBE_FAIL, 0, "gunicorn logged: "
		    "%.*s", (int)strcspn(u, "\n"), u);
	last = last_error_line(log, &lastlen);
	if (boots > want || crashes > 0)
		probe_step(r, "respawn", PROBE_FAIL, 0, "%d worker boots for %d "
		    "%s and %d %s: workers crash and are respawned%s%.*s",
		    boots, want, want == 1 ? F_("worker") : F_("workers"),
		    crashes, crashes == 1 ? F_("crash line") :
		    F_("crash lines"), last ? F_("; last error: ") : "",
		    last ? lastlen : 0, last ? last : "");
	else
		probe_step(r, "respawn", PROBE_PASS, 0, "%d %s, no crash",
		    boots, boots == 1 ? F_("worker boot") : F_("worker boots"));
	free(log);
}

static void
stop(struct gproc *g, const struct probe_opts *o, struct probe_report *r)
{
	double t0 = probe_now_ms();
	double limit = o->graceful_timeout * 1000.0 + 2000;

	if (!reap(g))
		kill(g->pid, SIGTERM);
	while (!reap(g) && probe_now_ms() - t0 < limit)
		usleep(20000);
	if (!g->exited) {
		kill(-g->pid, SIGKILL);
		waitpid(g->pid, &g->status, 0);
		g->exited = 1;
		probe_step(r, "shutdown", PROBE_FAIL, probe_now_ms() - t0,
		    "still running %d s after SIGTERM (graceful timeout %d s); "
		    "killed", (int)(limit / 1000), o->graceful_timeout);
		return;
	}
	kill(-g->pid, SIGKILL); /* leftover workers of our own group, if any */
	probe_step(r, "shutdown", PROBE_PASS, probe_now_ms() - t0, "stopped "
	    "on SIGTERM within the graceful timeout (%d s)",
	    o->graceful_timeout);
}

int
probe_exec(const struct tls_settings *ts, const struct probe_opts *o,
    struct probe_report *r, char **err)
{
	char *share = find_share(o), **argv;
	struct probe_peer peer = { "127.0.0.1", 0, NULL };
	struct gproc g;
	int ready;

	if (o->app == NULL && share == NULL) {
		*err = xstrdup(_("cannot find share/gunilint/probe_app.py "
		    "(use --share-dir or --app)"));
		return -1;
	}
	peer.port = free_port();
	r->where = xasprintf("127.0.0.1:%d", peer.port);
	argv = build_argv(ts, o, peer.port, share);
	if (spawn(&g, argv, err) != 0) {
		free_argv(argv);
		free(share);
		return -1;
	}
	ready = wait_ready(&g, peer.port, o->timeout_ms < 15000 ? 15000 :
	    o->timeout_ms, r) == 0;
	if (ready) {
		probe_client_steps(ts, o, &peer, r);
		usleep(300000); /* a crash loop shows within this window */
		check_log(ts, o, &g, r);
	}
	stop(&g, o, r);
	r->server_log = read_log(g.logpath);
	unlink(g.logpath);
	free_argv(argv);
	free(share);
	return 0;
}
