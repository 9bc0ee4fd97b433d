/*
 * rules_tls.c: the seam between the launch model and the TLS checks:
 * fills a tls_settings record from a launch's effective settings (each
 * value with the span that set it) and runs the GL3xx checks as one rule
 * family of the engine.  Only values the user gave count: gunicorn's
 * defaults (ssl_version 2, cert_reqs 0...) are not findings.
 */
#include <string.h>

#include "gunicorn/gunicorn.h"
#include "rules/rules_int.h"
#include "tls/tls.h"


static const enum tls_worker families[] = {
	[WK_SYNC] = TLS_W_SYNC, [WK_GTHREAD] = TLS_W_GTHREAD,
	[WK_GEVENT] = TLS_W_GEVENT, [WK_EVENTLET] = TLS_W_GEVENT,
	[WK_TORNADO] = TLS_W_GEVENT, [WK_ASGI] = TLS_W_ASGI,
	[WK_UVICORN] = TLS_W_UVICORN, [WK_OTHER] = TLS_W_OTHER,
	[WK_INVALID] = TLS_W_OTHER,
};

static struct tls_val
given(const struct gl_launch *l, const char *name)
{
	struct tls_val v = { NULL, { NULL, 0, 0 } };

	if (!lv_given(l, name))
		return v;
	v.text = lv_str(l, name);
	v.span = lv_span(l, name);
	return v;
}

static void
binds(const struct gl_launch *l, struct tls_settings *ts)
{
	const struct launch_value *v = lv(l, "bind");
	struct bind_addr b;
	size_t i;

	if (v == NULL || v->value == NULL || v->value->kind != PV_LIST)
		return;
	for (i = 0; i < v->value->n && ts->nbinds < TLS_MAX_BINDS; i++) {
		if (v->value->items[i]->kind != PV_STR)
			continue;
		bind_parse(v->value->items[i]->s, &b);
		ts->binds[ts->nbinds].port = b.kind == BIND_TCP ? (int)b.port :
		    -1;
		ts->binds[ts->nbinds++].span = lv_span(l, "bind");
	}
}

void
tls_settings_from_launch(const struct gl_launch *l, struct tls_settings *ts)
{
	const struct launch_value *sv = lv(l, "ssl_version");

	memset(ts, 0, sizeof(*ts));
	ts->certfile = given(l, "certfile");
	ts->keyfile = given(l, "keyfile");
	ts->ca_certs = given(l, "ca_certs");
	ts->ciphers = given(l, "ciphers");
	ts->ssl_version = given(l, "ssl_version");
	/* 21.0+ keeps whatever type it was given; every CLI value is a str. */
	ts->ssl_version_is_str = sv != NULL && sv->value != NULL &&
	    sv->value->kind == PV_STR;
	ts->cert_reqs = given(l, "cert_reqs");
	ts->do_handshake_on_connect = given(l, "do_handshake_on_connect");
	ts->suppress_ragged_eofs = given(l, "suppress_ragged_eofs");
	/* The effective chdir: --chdir, else the start directory (WORKDIR). */
	ts->chdir = given(l, "chdir");
	if (ts->chdir.text == NULL)
		ts->chdir.text = lv_str(l, "chdir");
	ts->worker_class = given(l, "worker_class");
	ts->worker = (unsigned)l->worker.family <
	    sizeof(families) / sizeof(families[0]) ?
	    families[l->worker.family] : TLS_W_OTHER;
	ts->version = l->version;
	if (lv_given(l, "bind"))
		binds(l, ts);
}

static void
run(const struct gl_launch *l, struct findings *fs)
{
	struct tls_settings ts;
	struct tls_opts o;

	tls_settings_from_launch(l, &ts);
	tls_opts_init(&o);
	/* Files of a container launch are not on this disk unless --root;
	 * nor are those of a systemd unit, which are on its host's. */
	o.root = l->where.root;
	o.files_expected = (l->where.in_container == 0 && l->sd == NULL) ||
	    o.root != NULL;
	o.provider = l->where.file_source;
	o.provider_ctx = l->where.file_source_ctx;
	o.local = l->where.file_local;
	o.local_ctx = l->where.file_local_ctx;
	tls_check(&ts, &o, fs);
}

const struct rule_check rules_tls[] = {
	{ "GL301 GL302 GL303 GL304 GL305 GL306 GL307 GL308 GL309 GL310 GL311 "
	  "GL312 GL313 GL314 GL315 GL316 GL317 GL318 GL319 GL320 GL321 GL322 GL323 "
	  "GL324 GL325 GL326 GL327 GL328 GL329 GL330 GL331 GL332 GL333 GL334 "
	  "GL335 GL336 GL337 GL338 GL339", run },
	{ NULL, NULL },
};
