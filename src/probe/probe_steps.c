/*
 * probe_steps.c: the client-side checks every mode runs against a
 * listening server: handshake and one HTTP request, chain and host name,
 * the protocol versions and suites it really accepts judged against
 * Mozilla's profile, and client-certificate enforcement.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "probe_int.h"
#include "tls/tls.h"

static SSL_CTX *
client_ctx(int minv, int maxv, const char *cert, const char *key)
{
	SSL_CTX *c = SSL_CTX_new(TLS_client_method());

	/* The client must be able to offer what it tests, even TLS 1.0. */
	SSL_CTX_set_security_level(c, 0);
	SSL_CTX_set_cipher_list(c, "ALL:@SECLEVEL=0");
	SSL_CTX_set_options(c, SSL_OP_IGNORE_UNEXPECTED_EOF);
	SSL_CTX_set_verify(c, SSL_VERIFY_NONE, NULL);
	SSL_CTX_set_min_proto_version(c, minv);
	SSL_CTX_set_max_proto_version(c, maxv);
	if (cert != NULL) {
		SSL_CTX_set_default_passwd_cb(c, tls_pem_no_password);
		SSL_CTX_use_certificate_chain_file(c, cert);
		SSL_CTX_use_PrivateKey_file(c, key ? key : cert,
		    SSL_FILETYPE_PEM);
	}
	ERR_clear_error();
	return c;
}

/* The first subjectAltName of a certificate (DNS or IP), or NULL. */
static char *
first_san(X509 *x)
{
	GENERAL_NAMES *g = X509_get_ext_d2i(x, NID_subject_alt_name, NULL,
	    NULL);
	char *out = NULL;
	int i;

	for (i = 0; g && i < sk_GENERAL_NAME_num(g) && !out; i++) {
		GENERAL_NAME *n = sk_GENERAL_NAME_value(g, i);

		if (n->type == GEN_DNS)
			out = xstrdup((const char *)ASN1_STRING_get0_data(
			    n->d.dNSName));
		else if (n->type == GEN_IPADD && n->d.iPAddress->length == 4) {
			const unsigned char *a = n->d.iPAddress->data;

			out = xasprintf("%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
		}
	}
	GENERAL_NAMES_free(g);
	return out;
}

static void
step_chain(const struct probe_opts *o, const struct probe_conn *c,
    struct probe_report *r)
{
	double t0 = probe_now_ms();
	X509_STORE *st = X509_STORE_new();
	X509_STORE_CTX *sc = X509_STORE_CTX_new();
	int self = X509_get_extension_flags(c->leaf) & EXFLAG_SS, i, ok;
	const char *order = "";

	for (i = 0; i + 1 < sk_X509_num(c->chain); i++)
		if (X509_check_issued(sk_X509_value(c->chain, i + 1),
		    sk_X509_value(c->chain, i)) != X509_V_OK)
			order = " (the served chain is out of order)";
	if (o->cafile != NULL)
		X509_STORE_load_file(st, o->cafile);
	else if (self)
		X509_STORE_add_cert(st, c->leaf);
	else
		X509_STORE_set_default_paths(st);
	ERR_clear_error();
	X509_STORE_CTX_init(sc, st, c->leaf, c->chain);
	X509_STORE_CTX_set_purpose(sc, X509_PURPOSE_SSL_SERVER);
	ok = X509_verify_cert(sc) == 1;
	if (!ok)
		probe_step(r, "chain", PROBE_FAIL, probe_now_ms() - t0,
		    "%s at depth %d against %s%s%s",
		    X509_verify_cert_error_string(X509_STORE_CTX_get_error(sc)),
		    X509_STORE_CTX_get_error_depth(sc), o->cafile ? o->cafile :
		    self ? F_("itself (self-signed)") : F_("the system store"),
		    order, o->cafile ? "" : F_("; pass --cafile with the CA"));
	else if (*order)
		probe_step(r, "chain", PROBE_FAIL, probe_now_ms() - t0,
		    "verifies, but%s", order);
	else
		probe_step(r, "chain", self && !o->cafile ? PROBE_INFO :
		    PROBE_PASS, probe_now_ms() - t0, "%d %s sent, "
		    "verified against %s", sk_X509_num(c->chain),
		    sk_X509_num(c->chain) == 1 ? F_("certificate") :
		    F_("certificates"), o->cafile ?
		    o->cafile : self ? F_("itself: self-signed") :
		    F_("the system store"));
	X509_STORE_CTX_free(sc);
	X509_STORE_free(st);
	ERR_clear_error();
}

static void
step_hostname(const struct probe_opts *o, const struct probe_conn *c,
    struct probe_report *r)
{
	double t0 = probe_now_ms();
	char *name = o->server_name ? xstrdup(o->server_name) :
	    first_san(c->leaf);
	int ok;

	if (name == NULL) {
		probe_step(r, "hostname", PROBE_FAIL, 0, "the certificate has "
		    "no subjectAltName, so no host name can match");
		return;
	}
	ok = strspn(name, "0123456789.:") == strlen(name) ?
	    X509_check_ip_asc(c->leaf, name, 0) == 1 :
	    X509_check_host(c->leaf, name, 0, 0, NULL) == 1;
	probe_step(r, "hostname", ok ? PROBE_PASS : PROBE_FAIL,
	    probe_now_ms() - t0, "'%s' %s the certificate%s", name,
	    ok ? F_("matches") : F_("does not match"), o->server_name ? "" :
	    F_(" (its first SAN; --server-name to choose)"));
	free(name);
}

static const struct {
	const char *name;
	int version;
} versions[] = {
	{ "TLSv1.0", TLS1_VERSION }, { "TLSv1.1", TLS1_1_VERSION },
	{ "TLSv1.2", TLS1_2_VERSION }, { "TLSv1.3", TLS1_3_VERSION },
};

/* Which versions the server accepts, judged against the profile. */
static void
step_versions(const struct probe_opts *o, const struct probe_peer *p,
    const char *sni, struct probe_report *r, int accepted[4])
{
	size_t i;

	for (i = 0; i < 4; i++) {
		SSL_CTX *c = client_ctx(versions[i].version, versions[i].version,
		    o->client_cert, o->client_key);
		struct probe_conn pc;
		enum probe_status st;
		const char *why;

		probe_session(p, c, sni, 0, o->timeout_ms, &pc);
		accepted[i] = pc.handshake_ok;
		if (i < 2) {
			st = accepted[i] ? PROBE_FAIL : PROBE_PASS;
			why = accepted[i] ? F_("accepted: a broken protocol") :
			    F_("refused");
		} else if (i == 2 && o->profile == TLS_PROFILE_MODERN) {
			st = accepted[i] ? PROBE_FAIL : PROBE_PASS;
			why = accepted[i] ? F_("accepted; Mozilla modern is TLS "
			    "1.3 only (gunicorn 21+: set minimum_version in "
			    "the ssl_context hook)") : F_("refused (modern)");
		} else if (i == 2) {
			st = accepted[i] ? PROBE_PASS : PROBE_WARN;
			why = accepted[i] ? F_("accepted") : F_("refused: "
			    "clients without TLS 1.3 cannot connect");
		} else {
			st = accepted[i] ? PROBE_PASS : PROBE_FAIL;
			why = accepted[i] ? F_("accepted") : F_("refused "
			    "(--ssl-version TLSv1_2 pins TLS 1.2)");
		}
		probe_step(r, versions[i].name, st, pc.ms, "%s%s%s", why,
		    accepted[i] || i >= 2 ? "" : ": ", accepted[i] || i >= 2 ?
		    "" : pc.err);
		probe_conn_release(&pc);
		SSL_CTX_free(c);
	}
}

/* Offers a list, records the suite chosen, drops it and repeats. */
static void
enumerate(const struct probe_opts *o, const struct probe_peer *p,
    const char *sni, int tls13, struct strbuf *got, int *n)
{
	char list[8192];
	int rounds, v = tls13 ? TLS1_3_VERSION : TLS1_2_VERSION;
	/* one context for every round (making one costs about a
	 * millisecond): each SSL takes the list it had when made */
	SSL_CTX *c = client_ctx(v, v, o->client_cert, o->client_key);

	snprintf(list, sizeof(list), "%s", tls13 ? "TLS_AES_128_GCM_SHA256:"
	    "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:"
	    "TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256" :
	    "ALL:COMPLEMENTOFALL:!PSK:!SRP:@SECLEVEL=0");
	for (rounds = 0; rounds < 64; rounds++) {
		struct probe_conn pc;
		int ok;

		ok = tls13 ? SSL_CTX_set_ciphersuites(c, list) :
		    SSL_CTX_set_cipher_list(c, list);
		ERR_clear_error();
		if (!ok)
			break;
		probe_session(p, c, sni, 0, o->timeout_ms, &pc);
		if (!pc.handshake_ok) {
			probe_conn_release(&pc);
			break;
		}
		sb_addf(got, "%s%s", (*n)++ ? ":" : "", pc.cipher);
		if (tls13) {
			/* Remove the chosen suite from the colon list. */
			char *at = strstr(list, pc.cipher), *end;

			if (at == NULL)
				break;
			end = at + strlen(pc.cipher);
			memmove(at, *end ? end + 1 : end, strlen(end) + 1);
			if (at > list && *at == '\0' && at[-1] == ':')
				at[-1] = '\0';
		} else {
			size_t len = strlen(list);

			snprintf(list + len, sizeof(list) - len, ":!%s",
			    pc.cipher);
		}
		probe_conn_release(&pc);
	}
	SSL_CTX_free(c);
}

static void
step_suites(const struct probe_opts *o, const struct probe_peer *p,
    const char *sni, struct probe_report *r, const int accepted[4])
{
	struct strbuf s12 = STRBUF_INIT, s13 = STRBUF_INIT;
	double t0 = probe_now_ms();
	int n12 = 0, n13 = 0;
	char *weak = NULL, *out = NULL;

	if (accepted[2])
		enumerate(o, p, sni, 0, &s12, &n12);
	if (accepted[3])
		enumerate(o, p, sni, 1, &s13, &n13);
	if (n12) {
		weak = tls_cipher_weak(s12.buf);
		out = tls_cipher_outside_profile(s12.buf);
	}
	probe_step(r, "suites", weak ? PROBE_FAIL : out ? PROBE_WARN :
	    PROBE_PASS, probe_now_ms() - t0, "TLS 1.3: %s; TLS 1.2: %s%s%s%s%s",
	    n13 ? s13.buf : F_("none"), n12 ? s12.buf : F_("none"),
	    weak ? F_("; weak: ") : "", weak ? weak : "",
	    out ? F_("; outside Mozilla intermediate: ") : "", out ? out : "");
	free(weak);
	free(out);
	sb_release(&s12);
	sb_release(&s13);
}

static void
step_client_auth(const struct tls_settings *ts, const struct probe_opts *o,
    const struct probe_peer *p, const char *sni, struct probe_report *r)
{
	long reqs = 0;
	SSL_CTX *c;
	struct probe_conn pc;

	if (tls_val_int(&ts->cert_reqs, &reqs) != 0 || reqs != 2)
		return;
	c = client_ctx(0, 0, NULL, NULL);
	probe_session(p, c, sni, 1, o->timeout_ms, &pc);
	SSL_CTX_free(c);
	probe_step(r, "client-auth", pc.ok ? PROBE_FAIL : PROBE_PASS, pc.ms,
	    "a client without a certificate is %s%s%s", pc.ok ? F_("accepted "
	    "although --cert-reqs is 2") : F_("refused"), pc.ok ? "" : ": ",
	    pc.ok ? "" : pc.err);
	probe_conn_release(&pc);
}

void
probe_client_steps(const struct tls_settings *ts, const struct probe_opts *o,
    const struct probe_peer *p, struct probe_report *r)
{
	SSL_CTX *c = client_ctx(0, 0, o->client_cert, o->client_key);
	struct probe_conn pc;
	const char *sni = o->server_name ? o->server_name : "localhost";
	int accepted[4] = { 0 };
	char raw[512];
	long reqs = 0;

	probe_session(p, c, sni, 1, o->timeout_ms, &pc);
	SSL_CTX_free(c);
	if (!pc.ok && o->client_cert == NULL &&
	    tls_val_int(&ts->cert_reqs, &reqs) == 0 && reqs == 2) {
		probe_step(r, "handshake", PROBE_INFO, pc.ms, "refused without "
		    "a client certificate, as --cert-reqs 2 asks (%s); give "
		    "--client-cert/--client-key to test the rest", pc.err);
		step_client_auth(ts, o, p, sni, r);
		probe_conn_release(&pc);
		return;
	}
	if (!pc.handshake_ok) {
		if (p->srv == NULL) {
			probe_raw_reply(p, o->timeout_ms, raw, sizeof(raw));
			if (strcmp(raw, pc.err) == 0) /* nothing listens */
				probe_step(r, "handshake", PROBE_FAIL, pc.ms,
				    "%s", pc.err);
			else
				probe_step(r, "handshake", PROBE_FAIL, pc.ms,
				    "%s; a bare ClientHello gets %s", pc.err,
				    raw);
		} else {
			probe_step(r, "handshake", PROBE_FAIL, pc.ms, "%s",
			    pc.err);
		}
		step_client_auth(ts, o, p, sni, r);
		probe_conn_release(&pc);
		return;
	}
	free(r->protocol);
	free(r->cipher);
	r->protocol = xstrdup(pc.proto);
	r->cipher = xstrdup(pc.cipher);
	probe_step(r, "handshake", PROBE_PASS, pc.ms, "%s %s%s%s", pc.proto,
	    pc.cipher, pc.group[0] ? F_(", group ") : "", pc.group);
	if (pc.http_status)
		probe_step(r, "http", PROBE_PASS, 0, "GET / answered %d",
		    pc.http_status);
	else
		probe_step(r, "http", PROBE_FAIL, 0, "%s", pc.err);
	step_chain(o, &pc, r);
	step_hostname(o, &pc, r);
	step_versions(o, p, sni, r, accepted);
	if (o->suites) /* a handshake a suite: the bulk of a probe's time */
		step_suites(o, p, sni, r, accepted);
	step_client_auth(ts, o, p, sni, r);
	probe_conn_release(&pc);
}
