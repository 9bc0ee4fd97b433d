/*
 * explain_summary.c: what a launch does, in plain words, computed from the
 * effective settings and the resolved worker (facts: gunicorn-semantics.md
 * sections 5, 6 and 8).
 */
#include <stdlib.h>
#include <string.h>

#include "report_int.h"
#include "core/core.h"
#include "gunicorn/gunicorn.h"

/* fmt is a msgid (xgettext keyword add:3), translated when the text
 * report is in another language; json turns translation off around it. */
static void
add(struct ex_summary *s, const char *topic, const char *fmt, ...)
    GL_PRINTF(3, 4);

static void
add(struct ex_summary *s, const char *topic, const char *fmt, ...)
{
	struct ex_line line;
	va_list ap;

	line.topic = topic;
	va_start(ap, fmt);
	line.text = xvasprintf(_(fmt), ap);
	va_end(ap);
	VEC_PUSH(s, line);
}

static const char *xfmt(const char *fmt, ...) GL_PRINTF(1, 2);

/* "from GUNICORN_CMD_ARGS", "the default", "from WEB_CONCURRENCY". */
static const char *
origin_words(const struct gl_launch *l, const char *name, char *buf,
    size_t len)
{
	const struct launch_value *v = lv(l, name);

	if (v == NULL || v->origin == LO_DEFAULT)
		return _("the default");
	snprintf(buf, len, _("from %s"), v->origin_name);
	return buf;
}

/* A value the config file computes when gunicorn runs: "(set at run time by FILE: why)". */
static int
runtime_value(const struct gl_launch *l, const char *name, const char *topic,
    const char *what, struct ex_summary *s)
{
	const struct launch_value *v = lv(l, name);

	if (v == NULL || v->runtime == NULL)
		return 0;
	add(s, topic, "%s computed by %s when gunicorn starts, not known here "
	    "(%s)", what, v->origin_name, v->runtime);
	return 1;
}

static void
processes(const struct gl_launch *l, struct ex_summary *s)
{
	long long n = lv_int(l, "workers", 1), threads = lv_int(l, "threads", 1);
	const struct wk_info *w = &l->worker;
	char buf[64];
	const char *how;

	if (runtime_value(l, "workers", "processes", _("one master process and "
	    "a number of worker processes"), s))
		return;
	if (w->family == WK_GTHREAD)
		how = _("; each runs a pool of threads, one request per thread");
	else if (w->family == WK_SYNC)
		how = _("; each handles one request at a time");
	else if (w->is_async)
		how = _("; each serves many connections at once from one event "
		    "loop");
	else
		how = "";
	add(s, "processes", "%s%s", xfmt(gl_ngettext("one master process that "
	    "supervises %lld worker process (%s)", "one master process that "
	    "supervises %lld worker processes (%s)", (unsigned long)n), n,
	    origin_words(l, "workers", buf, sizeof(buf))), how);
	if (w->family == WK_GTHREAD)
		add(s, "threads", "%lld threads per worker, so up to %lld "
		    "requests in progress at once", threads, threads * n);
}

static void
worker(const struct gl_launch *l, struct ex_summary *s)
{
	const struct wk_info *w = &l->worker;

	switch (w->family) {
	case WK_UVICORN:
		if (w->uvicorn_deprecated_module)
			add(s, "worker", "%s: uvicorn's worker, which runs an "
			    "ASGI app (FastAPI, Starlette) on uvicorn's event "
			    "loop inside gunicorn's processes; needs the %s "
			    "package (this module is deprecated since uvicorn "
			    "0.30.0: uvicorn-worker's "
			    "uvicorn_worker.UvicornWorker replaces it)",
			    w->as_written, w->package);
		else
			add(s, "worker", "%s: uvicorn's worker, which runs an "
			    "ASGI app (FastAPI, Starlette) on uvicorn's event "
			    "loop inside gunicorn's processes; needs the %s "
			    "package", w->as_written, w->package);
		break;
	case WK_INVALID:
		add(s, "worker", "'%s' is not a worker class gunicorn %s knows: "
		    "it would stop at start", w->as_written, gv_name(l->version));
		break;
	case WK_OTHER:
		add(s, "worker", "%s: a worker class from outside gunicorn; "
		    "gunicorn imports it when the workers start", w->as_written);
		break;
	case WK_ASGI:
		add(s, "worker", "asgi: gunicorn's own (beta) worker for ASGI "
		    "apps, from gunicorn 24.0 on");
		break;
	default:
		add(s, "worker", "%s%s%s", xfmt(w->swapped_to_gthread ?
		    _("%s (%s), because --threads > 1 turned 'sync' into "
		    "gthread") : "%s (%s)", w->name, w->class_path),
		    w->is_async ? _(": an asynchronous worker for WSGI apps") :
		    _(": a synchronous worker for WSGI apps"), w->package ?
		    xfmt(_("; needs the %s package"), w->package) : "");
		break;
	}
}

static void
describe_bind(const char *b, struct strbuf *sb)
{
	struct bind_addr a;

	bind_parse(b, &a);
	switch (a.kind) {
	case BIND_UNIX:
		sb_addf(sb, _("the unix socket %s"), a.host);
		return;
	case BIND_FD:
		sb_addf(sb, _("the inherited socket fd %ld"), a.port);
		return;
	case BIND_BAD_PORT:
		/* $PORT of a Procfile: the platform's shell fills it in */
		if (strstr(b, ":$") != NULL) {
			sb_addf(sb, _("'%s' (the port is set when the process "
			    "starts)"), b);
			return;
		}
		sb_addf(sb, _("'%s', which has no valid port (gunicorn would "
		    "stop at start)"), b);
		return;
	case BIND_TCP:
		break;
	}
	if (a.wildcard)
		sb_addf(sb, _("every interface, port %ld (reachable from "
		    "outside"), a.port);
	else if (a.loopback)
		sb_addf(sb, _("loopback only, port %ld (reachable only from the "
		    "same machine or container"), a.port);
	else
		sb_addf(sb, _("%s port %ld (this address only"), a.host, a.port);
	sb_adds(sb, a.port < 1024 ? _("; a privileged port: needs root or "
	    "CAP_NET_BIND_SERVICE)") : _("; no privilege needed for ports "
	    "from 1024 up)"));
}

/* systemd socket activation: the .socket unit's ListenStream= addresses. */
static void
listen_activated(const struct gl_launch *l, struct ex_summary *s)
{
	const struct sd_unit *u = l->sd_socket;
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = 0;

	for (i = 0; i < u->settings.n; i++) {
		if (u->settings.v[i].key != SD_LISTEN_STREAM)
			continue;
		if (u->settings.v[i].reset) {
			sb_reset(&sb);
			n = 0;
			continue;
		}
		sb_addf(&sb, "%s%s", n++ ? ", " : "", u->settings.v[i].value.value);
	}
	add(s, "listen", "the sockets systemd passes from %s (ListenStream=%s); "
	    "bind is ignored", u->name ? u->name : u->src->name, sb_str(&sb));
	sb_release(&sb);
}

static void
listen_on(const struct gl_launch *l, struct ex_summary *s)
{
	const struct launch_value *v = lv(l, "bind");
	struct strbuf sb = STRBUF_INIT;
	char buf[64];
	size_t i;

	if (l->where.socket_activated == 1 && l->sd_socket != NULL) {
		listen_activated(l, s);
		return;
	}
	if (v == NULL || v->value == NULL || v->value->kind != PV_LIST ||
	    runtime_value(l, "bind", "listen", _("the addresses are"), s))
		return;
	for (i = 0; i < v->value->n; i++) {
		if (i)
			sb_adds(&sb, _("; and "));
		if (v->value->items[i]->kind == PV_STR)
			describe_bind(v->value->items[i]->s, &sb);
	}
	add(s, "listen", "%s (%s)", sb_str(&sb), origin_words(l, "bind", buf,
	    sizeof(buf)));
	sb_release(&sb);
}

static void
tls(const struct gl_launch *l, struct ex_summary *s)
{
	const char *cert = lv_str(l, "certfile"), *key = lv_str(l, "keyfile");
	const char *ciphers = lv_str(l, "ciphers");
	const char *ver = lv_str(l, "ssl_version");

	if (cert == NULL && key == NULL) {
		add(s, "tls", "off: plain HTTP");
		return;
	}
	add(s, "tls", "on (https): certificate %s, key %s; gunicorn checks "
	    "that the files exist only when it starts", cert ? cert :
	    _("(none: every handshake fails unless it is in the certificate "
	    "file)"), key ? key : _("(none: the certificate file must hold "
	    "the key too)"));
	if (l->worker.family == WK_UVICORN && (ver == NULL ||
	    strcmp(ver, "2") == 0))
		add(s, "tls-protocol", "uvicorn builds the TLS context once at "
		    "start with ssl_version %s (PROTOCOL_TLS: negotiate the "
		    "highest version both sides support, not \"TLS 1.2\")",
		    ver ? ver : "2");
	else if (l->worker.family == WK_UVICORN)
		add(s, "tls-protocol", "uvicorn builds the TLS context once at "
		    "start with ssl_version %s", ver);
	else if (gv_cmp(l->version, GV_21_0_0) >= 0)
		add(s, "tls-protocol", "gunicorn's worker wraps each connection; "
		    "ssl_version is ignored (deprecated since 21.0), the "
		    "protocol range is Python's default");
	else
		add(s, "tls-protocol", "gunicorn's worker wraps each connection; "
		    "ssl_version 2 means negotiate the highest version both "
		    "sides support");
	add(s, "ciphers", "%s", ciphers ? ciphers :
	    _("Python's default cipher list"));
}

static void
timeouts(const struct gl_launch *l, struct ex_summary *s)
{
	long long t = lv_int(l, "timeout", 30), g = lv_int(l, "graceful_timeout",
	    30), k = lv_int(l, "keepalive", 2);

	if (t == 0)
		add(s, "timeout", "no heartbeat check: a hung worker is never "
		    "replaced");
	else if (l->worker.is_async)
		add(s, "timeout", "a worker silent for %lld s is killed and "
		    "replaced (for this async worker that is the heartbeat of "
		    "its event loop, not a limit on one request)", t);
	else
		add(s, "timeout", "a worker silent for %lld s is killed and "
		    "replaced (with the sync worker this is also the longest a "
		    "request may take)", t);
	add(s, "graceful", "on restart or shutdown workers get %lld s to "
	    "finish the requests in flight", g);
	if (l->worker.family == WK_UVICORN)
		add(s, "keepalive", "idle keep-alive connections close after "
		    "%lld s (--keep-alive is passed to uvicorn as "
		    "timeout_keep_alive; uvicorn alone would use 5)", k);
	else if (l->worker.reads & WK_READS_KEEPALIVE)
		add(s, "keepalive", "idle keep-alive connections close after "
		    "%lld s", k);
}

static void
logs(const struct gl_launch *l, struct ex_summary *s)
{
	const char *acc = lv_str(l, "accesslog"), *err = lv_str(l, "errorlog");

	add(s, "logs", "errors to %s; access log %s", err == NULL ||
	    strcmp(err, "-") == 0 ? "stderr" : err, acc == NULL ? _("off") :
	    strcmp(acc, "-") == 0 ? _("to stdout") : acc);
}

static void
app(const struct gl_launch *l, struct ex_summary *s)
{
	const char *m = launch_app_module(l->model, NULL);

	if (m != NULL)
		add(s, "app", "%s", m);
	else
		add(s, "app", "not given here: gunicorn takes the app module "
		    "from its own command line (APP_MODULE), never from "
		    "GUNICORN_CMD_ARGS");
}

/* printf into a buffer that lives until the next call but one. */
static const char *
xfmt(const char *fmt, ...)
{
	static char buf[2][512];
	static int k;
	va_list ap;

	k = !k;
	va_start(ap, fmt);
	vsnprintf(buf[k], sizeof(buf[k]), fmt, ap);
	va_end(ap);
	return buf[k];
}

void
ex_summarize(const struct gl_launch *l, struct ex_summary *out)
{
	processes(l, out);
	worker(l, out);
	listen_on(l, out);
	tls(l, out);
	timeouts(l, out);
	logs(l, out);
	app(l, out);
}

void
ex_summary_free(struct ex_summary *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].text);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}
