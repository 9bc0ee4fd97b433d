/*
 * probe_ctx.c: builds the server SSL_CTX the way the configured worker
 * would, in the same order and with the same OpenSSL calls Python's ssl
 * module makes:
 *   gunicorn <= 20.x own workers: ssl.wrap_socket(**ssl_options), i.e.
 *     SSLContext(ssl_version), verify_mode, load_verify_locations,
 *     load_cert_chain, set_ciphers;
 *   gunicorn >= 21 own workers: create_default_context(CLIENT_AUTH,
 *     cafile=ca_certs), load_cert_chain, verify_mode, set_ciphers
 *     (ssl_version ignored);
 *   uvicorn worker: SSLContext(ssl_version), load_cert_chain,
 *     verify_mode, load_verify_locations, set_ciphers; a str ssl_version
 *     (gunicorn >= 21, command line) raises TypeError.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include "probe_int.h"
#include "tls/tls.h"

void
probe_ssl_error(char *buf, size_t n)
{
	unsigned long e = ERR_peek_last_error();
	const char *lib, *reason;

	if (e == 0) {
		snprintf(buf, n, "unknown error");
		return;
	}
	lib = ERR_lib_error_string(e);
	reason = ERR_reason_error_string(e);
	if (reason != NULL)
		snprintf(buf, n, "%s: %s", lib ? lib : "SSL", reason);
	else
		ERR_error_string_n(e, buf, n);
	ERR_clear_error();
}

const char *
probe_ctx_failure_effect(const struct tls_settings *ts)
{
	if (ts->worker == TLS_W_UVICORN)
		return "the uvicorn worker fails at boot and gunicorn respawns "
		    "it";
	return "gunicorn starts and logs \"Listening at: https://\", then "
	    "every connection fails (a plaintext 403 or 500)";
}

/* ssl_version as the context's fixed protocol: 0 means any (TLS_method). */
static int
protocol_of(const struct tls_settings *ts, char **why)
{
	int v;

	if (!tls_is_set(&ts->ssl_version))
		return 0;
	if (TLS_V21(ts->version) && ts->worker != TLS_W_UVICORN)
		return 0; /* deprecated and ignored */
	if (TLS_V21(ts->version) && ts->ssl_version_is_str) {
		*why = xasprintf("TypeError: 'str' object cannot be interpreted "
		    "as an integer (--ssl-version '%s' reaches SSLContext() "
		    "as a string)", ts->ssl_version.text);
		return -1;
	}
	switch (v = tls_ssl_version_value(ts->ssl_version.text)) {
	case 2: case 17:
		return 0;
	case 3:
		return TLS1_VERSION;
	case 4:
		return TLS1_1_VERSION;
	case 5:
		return TLS1_2_VERSION;
	case 16:
		*why = xstrdup("ValueError: Cannot set verify_mode to CERT_NONE "
		    "when check_hostname is enabled (--ssl-version TLS_CLIENT "
		    "makes a client-only context)");
		return -1;
	default:
		*why = xasprintf("Invalid ssl_version: %s", ts->ssl_version.text);
		(void)v;
		return -1;
	}
}

static int
load_chain(SSL_CTX *ctx, const struct tls_settings *ts, char **why)
{
	const char *key = tls_is_set(&ts->keyfile) ? ts->keyfile.text :
	    ts->certfile.text;
	char buf[256];

	if (!tls_is_set(&ts->certfile)) {
		*why = xstrdup(ts->worker == TLS_W_UVICORN ? "AssertionError: "
		    "ssl_keyfile given without ssl_certfile" : TLS_V21(
		    ts->version) ? "TypeError: certfile should be a valid "
		    "filesystem path" : "ValueError: certfile must be "
		    "specified");
		return -1;
	}
	/* Never prompt for a passphrase: an encrypted key fails at once. */
	SSL_CTX_set_default_passwd_cb(ctx, tls_pem_no_password);
	if (SSL_CTX_use_certificate_chain_file(ctx, ts->certfile.text) != 1 ||
	    SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1 ||
	    SSL_CTX_check_private_key(ctx) != 1) {
		probe_ssl_error(buf, sizeof(buf));
		*why = xasprintf("load_cert_chain('%s', '%s'): %s",
		    ts->certfile.text, key, buf);
		return -1;
	}
	return 0;
}

static int
set_verify(SSL_CTX *ctx, const struct tls_settings *ts, char **why)
{
	long reqs = 0;
	char buf[256];

	tls_val_int(&ts->cert_reqs, &reqs);
	SSL_CTX_set_verify(ctx, reqs == 0 ? SSL_VERIFY_NONE : reqs == 1 ?
	    SSL_VERIFY_PEER : SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
	    NULL);
	if (!tls_is_set(&ts->ca_certs))
		return 0;
	if (SSL_CTX_load_verify_locations(ctx, ts->ca_certs.text, NULL) != 1) {
		probe_ssl_error(buf, sizeof(buf));
		*why = xasprintf("load_verify_locations('%s'): %s",
		    ts->ca_certs.text, buf);
		return -1;
	}
	{
		STACK_OF(X509_NAME) *names =
		    SSL_load_client_CA_file(ts->ca_certs.text);

		if (names != NULL)
			SSL_CTX_set_client_CA_list(ctx, names);
		ERR_clear_error();
	}
	return 0;
}

static int
set_ciphers(SSL_CTX *ctx, const struct tls_settings *ts, char **why)
{
	char buf[256];

	if (!tls_is_set(&ts->ciphers))
		return 0;
	if (SSL_CTX_set_cipher_list(ctx, ts->ciphers.text) != 1) {
		probe_ssl_error(buf, sizeof(buf));
		*why = xasprintf("set_ciphers('%s'): %s (Python: \"No cipher "
		    "can be selected.\")", ts->ciphers.text, buf);
		return -1;
	}
	return 0;
}

SSL_CTX *
probe_server_ctx(const struct tls_settings *ts, struct strbuf *how,
    char **why)
{
	SSL_CTX *ctx;
	int proto, rc;

	*why = NULL;
	ERR_clear_error();
	if ((proto = protocol_of(ts, why)) < 0)
		return NULL;
	ctx = SSL_CTX_new(TLS_server_method());
	/* Python's SSLContext defaults. */
	SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION |
	    SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_IGNORE_UNEXPECTED_EOF |
	    SSL_OP_NO_SSLv3);
	if (proto != 0) {
		SSL_CTX_set_min_proto_version(ctx, proto);
		SSL_CTX_set_max_proto_version(ctx, proto);
	}
	if (ts->worker == TLS_W_UVICORN) {
		sb_addf(how, "uvicorn: SSLContext(%s), load_cert_chain, "
		    "verify_mode, load_verify_locations, set_ciphers",
		    proto ? ts->ssl_version.text : "PROTOCOL_TLS");
		rc = load_chain(ctx, ts, why) || set_verify(ctx, ts, why) ||
		    set_ciphers(ctx, ts, why);
	} else if (TLS_V21(ts->version)) {
		sb_adds(how, "gunicorn 21+: create_default_context(CLIENT_AUTH), "
		    "load_cert_chain, verify_mode, set_ciphers");
		rc = set_verify(ctx, ts, why) || load_chain(ctx, ts, why) ||
		    set_ciphers(ctx, ts, why);
	} else {
		sb_addf(how, "gunicorn 20.1: ssl.wrap_socket(ssl_version=%s, "
		    "...) per connection", proto ? ts->ssl_version.text :
		    "PROTOCOL_TLS");
		rc = set_verify(ctx, ts, why) || load_chain(ctx, ts, why) ||
		    set_ciphers(ctx, ts, why);
	}
	if (rc != 0) {
		SSL_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}
