/*
 * probe.c: runs a probe in one of its three modes and owns the report:
 * the static GL3xx checks first, then the in-process server (or the real
 * gunicorn, or a running target) and the client steps.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include "probe_int.h"
#include "tls/tls.h"
#include "rules/rules.h"

void
probe_opts_init(struct probe_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->profile = TLS_PROFILE_INTERMEDIATE;
	o->timeout_ms = 5000;
	o->graceful_timeout = 30;
	tls_opts_init(&o->tls);
	o->tls.files_expected = 1;
}

void
probe_step(struct probe_report *r, const char *name, enum probe_status st,
    double ms, const char *fmt, ...)
{
	struct probe_step s;
	va_list ap;

	s.name = xstrdup(name);
	s.status = st;
	s.ms = ms;
	va_start(ap, fmt);
	s.detail = xvasprintf_en(fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	s.detail_l10n = xvasprintf_l10n(fmt, ap);
	va_end(ap);
	VEC_PUSH(&r->steps, s);
}

static int
is_loopback(const char *host)
{
	return strcmp(host, "localhost") == 0 || strcmp(host, "::1") == 0 ||
	    strncmp(host, "127.", 4) == 0;
}

/* "HOST:PORT" or "[V6]:PORT" → host (malloc'd) and port; -1 if malformed. */
static int
split_target(const char *t, char **host, int *port)
{
	const char *colon = strrchr(t, ':');
	char *end;
	long n;

	if (colon == NULL || colon == t)
		return -1;
	n = strtol(colon + 1, &end, 10);
	if (*end != '\0' || n < 1 || n > 65535)
		return -1;
	*port = (int)n;
	if (t[0] == '[' && colon[-1] == ']')
		*host = xstrndup(t + 1, (size_t)(colon - t - 2));
	else
		*host = xstrndup(t, (size_t)(colon - t));
	return 0;
}

static void
run_inproc(const struct tls_settings *ts, const struct probe_opts *o,
    struct probe_report *r)
{
	struct strbuf how = STRBUF_INIT;
	struct probe_server srv;
	struct probe_peer peer;
	double t0 = probe_now_ms();
	char *why = NULL;
	SSL_CTX *ctx = probe_server_ctx(ts, &how, &why);

	if (ctx == NULL) {
		probe_step(r, "context", PROBE_FAIL, probe_now_ms() - t0,
		    "%s; so %s", why, probe_ctx_failure_effect(ts));
		free(why);
		sb_release(&how);
		return;
	}
	probe_step(r, "context", PROBE_PASS, probe_now_ms() - t0, "%s",
	    how.buf);
	sb_release(&how);
	t0 = probe_now_ms();
	if (probe_server_start(&srv, ctx, o->timeout_ms, &why) != 0) {
		probe_step(r, "listen", PROBE_FAIL, probe_now_ms() - t0, "%s",
		    why);
		free(why);
		SSL_CTX_free(ctx);
		return;
	}
	r->where = xasprintf("127.0.0.1:%d", srv.port);
	probe_step(r, "listen", PROBE_PASS, probe_now_ms() - t0, "%s",
	    r->where);
	peer.host = "127.0.0.1";
	peer.port = srv.port;
	peer.srv = &srv;
	probe_client_steps(ts, o, &peer, r);
	probe_server_stop(&srv);
	SSL_CTX_free(ctx);
}

static int
run_target(const struct tls_settings *ts, const struct probe_opts *o,
    struct probe_report *r, char **err)
{
	struct probe_peer peer = { NULL, 0, NULL };
	char *host;

	if (split_target(o->target, &host, &peer.port) != 0) {
		*err = xasprintf(_("--target '%s' is not HOST:PORT"),
		    o->target);
		return -1;
	}
	if (!is_loopback(host) && !o->allow_remote) {
		*err = xasprintf(_("--target '%s' is not on this machine; "
		    "add --allow-remote to probe it"), o->target);
		free(host);
		return -1;
	}
	peer.host = host;
	r->where = xstrdup(o->target);
	probe_client_steps(ts, o, &peer, r);
	free(host);
	return 0;
}

int
probe_run(const struct tls_settings *ts, const struct probe_opts *o,
    struct probe_report *r, char **err)
{
	double t0 = probe_now_ms();
	struct tls_settings copy;
	int rc = 0;

	if (ts->version >= GV__COUNT) {
		/* Not given: ask the gunicorn that will run. */
		copy = *ts;
		if (o->mode != PROBE_EXEC ||
		    probe_exec_version(o, &copy.version) != 0)
			copy.version = GV_NEWEST;
		ts = &copy;
	}
	memset(r, 0, sizeof(*r));
	*err = NULL;
	/* A peer that hangs up must give an error, not kill the probe. */
	signal(SIGPIPE, SIG_IGN);
	r->mode = o->mode;
	r->static_only = o->static_only;
	r->worker = xstrdup(ts->worker_class.text ? ts->worker_class.text :
	    tls_worker_name(ts->worker));
	r->version = xstrdup(gv_name(ts->version));
	if (o->mode != PROBE_TARGET)
		tls_check(ts, &o->tls, &r->static_findings);
	cat_resolve(&r->static_findings);
	fnd_sort(&r->static_findings);
	if (o->static_only)
		;
	else if (o->mode == PROBE_INPROC)
		run_inproc(ts, o, r);
	else if (o->mode == PROBE_TARGET)
		rc = run_target(ts, o, r, err);
	else
		rc = probe_exec(ts, o, r, err);
	r->total_ms = probe_now_ms() - t0;
	return rc;
}

int
probe_failed(const struct probe_report *r)
{
	size_t i;

	for (i = 0; i < r->steps.n; i++)
		if (r->steps.v[i].status == PROBE_FAIL)
			return 1;
	return fnd_worst(&r->static_findings) >= SEV_ERROR;
}

void
probe_report_free(struct probe_report *r)
{
	size_t i;

	for (i = 0; i < r->steps.n; i++) {
		free(r->steps.v[i].name);
		free(r->steps.v[i].detail);
		free(r->steps.v[i].detail_l10n);
	}
	free(r->steps.v);
	fnd_free(&r->static_findings);
	free(r->where);
	free(r->worker);
	free(r->version);
	free(r->protocol);
	free(r->cipher);
	free(r->server_log);
	memset(r, 0, sizeof(*r));
}

int
probe_main(const struct tls_settings *ts, const struct probe_opts *o,
    const char *format, FILE *out)
{
	struct probe_report r;
	char *err;
	int failed;

	if (probe_run(ts, o, &r, &err) != 0) {
		gl_cmd_error("probe", "%s", err);
		free(err);
		probe_report_free(&r);
		return 2;
	}
	if (format != NULL && strcmp(format, "json") == 0)
		probe_print_json(out, &r);
	else
		probe_print_text(out, &r);
	failed = probe_failed(&r);
	probe_report_free(&r);
	return failed;
}
