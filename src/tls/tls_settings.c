/*
 * tls_settings.c: checks of the TLS settings themselves (no file read):
 * which combinations turn TLS off or break every connection, what
 * ssl_version really does in each gunicorn release and worker, and what a
 * cipher string selects.  Facts: gunicorn 20.1 wraps each socket with
 * ssl.wrap_socket(**ssl_options); 21.0+ builds create_default_context and
 * ignores ssl_version; the uvicorn worker passes ssl_version to
 * SSLContext() unconverted.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tls/tls.h"

static const struct {
	const char *name;
	int value;
	const char *meaning;
} ssl_versions[] = {
	{ "SSLv2", 0, "SSL 2 only (absent from OpenSSL 3)" },
	{ "SSLv3", 1, "SSL 3 only (absent from OpenSSL 3)" },
	{ "TLS", 2, "negotiate the highest version both sides support "
	    "(TLS 1.3 today), with OpenSSL's floor" },
	{ "SSLv23", 2, "negotiate the highest version both sides support "
	    "(TLS 1.3 today), with OpenSSL's floor" },
	{ "TLSv1", 3, "TLS 1.0 only" },
	{ "TLSv1_1", 4, "TLS 1.1 only" },
	{ "TLSv1_2", 5, "TLS 1.2 only: a fixed version, not a floor, so "
	    "TLS 1.3 is refused" },
	{ "TLS_CLIENT", 16, "a client-only context, which cannot serve" },
	{ "TLS_SERVER", 17, "a server context negotiating the highest "
	    "version" },
};

int
tls_is_set(const struct tls_val *v)
{
	return v->text != NULL && v->text[0] != '\0' &&
	    strcmp(v->text, "None") != 0;
}

int
tls_val_int(const struct tls_val *v, long *out)
{
	char *end;

	if (!tls_is_set(v))
		return -1;
	*out = strtol(v->text, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	return end != v->text && *end == '\0' ? 0 : -1;
}

int
tls_val_bool(const struct tls_val *v, int *out)
{
	static const char *const yes[] = { "true", "1", "yes", "on" };
	size_t i;

	if (!tls_is_set(v))
		return -1;
	*out = 0;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strcasecmp(v->text, yes[i]) == 0)
			*out = 1;
	return 0;
}

static int
ssl_version_index(const char *text)
{
	const char *t = text;
	char *end;
	long n;
	size_t i;

	if (strncmp(t, "ssl.", 4) == 0)
		t += 4;
	if (strncmp(t, "PROTOCOL_", 9) == 0)
		t += 9;
	n = strtol(t, &end, 10);
	for (i = 0; i < sizeof(ssl_versions) / sizeof(ssl_versions[0]); i++) {
		if (end != t && *end == '\0' && ssl_versions[i].value == n)
			return (int)i;
		if (strcmp(t, ssl_versions[i].name) == 0)
			return (int)i;
	}
	return -1;
}

int
tls_ssl_version_value(const char *text)
{
	int i = ssl_version_index(text);

	return i < 0 ? -1 : ssl_versions[i].value;
}

static int
tls_on(const struct tls_settings *ts)
{
	return tls_is_set(&ts->certfile) || tls_is_set(&ts->keyfile);
}

static void
check_pairing(const struct tls_settings *ts, struct findings *fs)
{
	struct finding *f;

	if (tls_is_set(&ts->keyfile) && !tls_is_set(&ts->certfile)) {
		f = fnd_add(fs, "GL301", ts->keyfile.span,
		    "--keyfile is set without --certfile: %s%s",
		    ts->worker == TLS_W_UVICORN ? F_("the uvicorn worker fails "
		    "the assertion in Config.load() at boot and gunicorn "
		    "respawns it forever") : F_("gunicorn starts in https mode "
		    "and every connection fails"),
		    ts->worker == TLS_W_UVICORN ? "" : TLS_V21(ts->version) ?
		    F_(" (TypeError: certfile should be a valid filesystem path; "
		    "the client gets a plaintext 500)") :
		    F_(" (nothing is logged; the client gets a plaintext 500)"));
		fnd_set_help(f, "add --certfile with the certificate chain");
	}
	if (tls_is_set(&ts->certfile) && !tls_is_set(&ts->keyfile))
		fnd_add(fs, "GL302", ts->certfile.span,
		    "--certfile is set without --keyfile: this works only "
		    "when '%s' also holds the private key", ts->certfile.text);
	if (!tls_on(ts)) {
		const struct tls_val *v = tls_is_set(&ts->ca_certs) ?
		    &ts->ca_certs : tls_is_set(&ts->ciphers) ? &ts->ciphers :
		    tls_is_set(&ts->ssl_version) ? &ts->ssl_version : NULL;
		long n;

		if (v == NULL && tls_val_int(&ts->cert_reqs, &n) == 0 && n != 0)
			v = &ts->cert_reqs;
		if (v != NULL)
			fnd_add(fs, "GL315", v->span, "'%s' is set but neither "
			    "--certfile nor --keyfile is: gunicorn serves plain "
			    "HTTP and this setting does nothing", v->text);
	}
}

/* Whether the worker in this release really uses ssl_version. */
static int
ssl_version_used(const struct tls_settings *ts)
{
	return !TLS_V21(ts->version) || ts->worker == TLS_W_UVICORN;
}

static void
check_ssl_version_meaning(const struct tls_settings *ts, int i,
    struct findings *fs)
{
	const struct tls_val *v = &ts->ssl_version;
	int n = ssl_versions[i].value;

	if (n <= 1 || n == 3 || n == 4)
		fnd_add(fs, "GL305", v->span, "--ssl-version %s means %s: "
		    "SSLv3/TLS 1.0/1.1 are broken, and OpenSSL 3 at its "
		    "default security level refuses every handshake (no "
		    "suitable signature algorithm)", v->text,
		    ssl_versions[i].meaning);
	else if (n == 5)
		fnd_add(fs, "GL306", v->span, "--ssl-version %s means %s",
		    v->text, ssl_versions[i].meaning);
	else if (n == 16)
		fnd_add(fs, "GL307", v->span, "--ssl-version %s means %s: "
		    "every connection fails (%s)", v->text,
		    ssl_versions[i].meaning, ts->worker == TLS_W_UVICORN ?
		    F_("the worker cannot start") : F_("gunicorn answers with a "
		    "plaintext 500 and logs nothing"));
	else
		fnd_add(fs, "GL304", v->span, "--ssl-version %s is "
		    "PROTOCOL_%s (%d): %s, not TLS 1.2; that is what the "
		    "default does, so it can be removed", v->text, ssl_versions[i].name, n,
		    ssl_versions[i].meaning);
}

static void
check_ssl_version(const struct tls_settings *ts, struct findings *fs)
{
	const struct tls_val *v = &ts->ssl_version;
	int i;

	if (!tls_is_set(v) || !tls_on(ts))
		return;
	i = ssl_version_index(v->text);
	if (TLS_V21(ts->version) && ts->worker == TLS_W_UVICORN &&
	    ts->ssl_version_is_str) {
		fnd_add(fs, "GL308", v->span, "--ssl-version '%s' reaches "
		    "uvicorn's SSLContext() as a string on gunicorn %s: every "
		    "worker dies with \"TypeError: 'str' object cannot be "
		    "interpreted as an integer\" and respawns forever",
		    v->text, gv_name(ts->version));
		return;
	}
	if (TLS_V21(ts->version) && !ssl_version_used(ts)) {
		fnd_add(fs, "GL303", v->span, "--ssl-version is deprecated "
		    "since gunicorn 21.0 and ignored by the %s worker: '%s' "
		    "restricts nothing", tls_worker_name(ts->worker), v->text);
		return;
	}
	/* SSLv2/SSLv3 are not defined by a Python built on OpenSSL 1.1+. */
	if (i < 0 || ssl_versions[i].value <= 1) {
		if (!TLS_V21(ts->version))
			fnd_add(fs, "GL309", v->span, "--ssl-version '%s' is "
			    "not a ssl.PROTOCOL_* name or number: gunicorn "
			    "%s exits with \"Invalid ssl_version\"", v->text,
			    gv_name(ts->version));
		return;
	}
	check_ssl_version_meaning(ts, i, fs);
}

static void
check_cert_reqs(const struct tls_settings *ts, struct findings *fs)
{
	long n;

	if (!tls_is_set(&ts->cert_reqs) || !tls_on(ts))
		return;
	if (tls_val_int(&ts->cert_reqs, &n) != 0 || n < 0 || n > 2) {
		fnd_add(fs, "GL316", ts->cert_reqs.span, "--cert-reqs '%s' is "
		    "not 0 (none), 1 (optional) or 2 (required)",
		    ts->cert_reqs.text);
		return;
	}
	if (n > 0 && !tls_is_set(&ts->ca_certs))
		fnd_add(fs, "GL312", ts->cert_reqs.span, "--cert-reqs %ld asks "
		    "clients for a certificate but --ca-certs is not set: no "
		    "client certificate can verify, so %s", n, n == 2 ?
		    F_("every client is refused") : F_("every client that sends one "
		    "is refused"));
}

static void
check_ports(const struct tls_settings *ts, struct findings *fs)
{
	size_t i;
	int on = tls_on(ts);

	for (i = 0; i < ts->nbinds; i++) {
		int p = ts->binds[i].port;

		if (on && p == 80)
			fnd_add(fs, "GL313", ts->binds[i].span, "TLS is on but "
			    "the bind port is 80, where clients speak plain "
			    "HTTP; they get a handshake error");
		else if (!on && (p == 443 || p == 8443))
			fnd_add(fs, "GL313", ts->binds[i].span, "plain HTTP on "
			    "port %d, where clients expect TLS: no --certfile/"
			    "--keyfile is set", p);
	}
}

static void
check_handshake_opts(const struct tls_settings *ts, struct findings *fs)
{
	int b;

	if (!tls_on(ts))
		return;
	if (ts->worker == TLS_W_UVICORN) {
		const struct tls_val *v = tls_is_set(
		    &ts->do_handshake_on_connect) ?
		    &ts->do_handshake_on_connect : tls_is_set(
		    &ts->suppress_ragged_eofs) ? &ts->suppress_ragged_eofs :
		    NULL;

		if (v != NULL)
			fnd_add(fs, "GL314", v->span, "%s is ignored by the "
			    "uvicorn worker (asyncio does the handshake)",
			    v == &ts->suppress_ragged_eofs ?
			    "suppress_ragged_eofs" : "do_handshake_on_connect");
		return;
	}
	if (tls_val_bool(&ts->do_handshake_on_connect, &b) == 0 && b)
		fnd_add(fs, "GL314", ts->do_handshake_on_connect.span,
		    "--do-handshake-on-connect makes the worker complete the "
		    "TLS handshake inside accept: a slow or silent client "
		    "holds a %s worker until the timeout",
		    tls_worker_name(ts->worker));
}

void
tls_check_settings(const struct tls_settings *ts, const struct tls_opts *o,
    struct findings *fs)
{
	(void)o;
	check_pairing(ts, fs);
	check_ssl_version(ts, fs);
	check_cert_reqs(ts, fs);
	check_ports(ts, fs);
	check_handshake_opts(ts, fs);
}
