/*
 * test_probe.c: the in-process probe through its API, on 127.0.0.1, with
 * keys and certificates generated here: a good pair, a wrong key, a
 * TLS 1.2 pin, client certificates, and the usage errors of --target.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/core.h"
#include "probe/probe.h"
#include "test_tls_gen.h"

static char *dir;
static char cert[512], key[512], other[512], ca_pem[512], ccert[512],
    ckey[512];

static int
setup(void **state)
{
	struct gen_opts co = { .nb_days = -1, .na_days = 300, .ca = 1 };
	EVP_PKEY *cak = gen_ec("P-256"), *lk = gen_ec("P-256"),
	    *ok = gen_ec("P-256"), *clk = gen_ec("P-256");
	X509 *ca = gen_cert(cak, "Probe CA", &co), *chain[2], *cl;
	struct gen_opts lo = { .nb_days = -1, .na_days = 80,
		.san = "DNS:localhost,IP:127.0.0.1", .issuer = ca,
		.issuer_key = cak };
	struct gen_opts clo = { .nb_days = -1, .na_days = 80, .issuer = ca,
		.issuer_key = cak };

	(void)state;
	dir = gen_tmpdir();
	snprintf(cert, sizeof(cert), "%s/chain.pem", dir);
	snprintf(key, sizeof(key), "%s/key.pem", dir);
	snprintf(other, sizeof(other), "%s/other.pem", dir);
	snprintf(ca_pem, sizeof(ca_pem), "%s/ca.pem", dir);
	snprintf(ccert, sizeof(ccert), "%s/client.pem", dir);
	snprintf(ckey, sizeof(ckey), "%s/client.key", dir);
	chain[0] = gen_cert(lk, "localhost", &lo);
	chain[1] = ca;
	cl = gen_cert(clk, "client", &clo);
	gen_write(cert, chain, 2, NULL, NULL, 0644);
	gen_write(key, NULL, 0, lk, NULL, 0600);
	gen_write(other, NULL, 0, ok, NULL, 0600);
	gen_write(ca_pem, &ca, 1, NULL, NULL, 0644);
	gen_write(ccert, &cl, 1, NULL, NULL, 0644);
	gen_write(ckey, NULL, 0, clk, NULL, 0600);
	X509_free(chain[0]);
	X509_free(ca);
	X509_free(cl);
	EVP_PKEY_free(cak);
	EVP_PKEY_free(lk);
	EVP_PKEY_free(ok);
	EVP_PKEY_free(clk);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	gen_rmdir(dir);
	return 0;
}

static struct tls_settings
settings(const char *c, const char *k)
{
	struct tls_settings ts;

	memset(&ts, 0, sizeof(ts));
	ts.certfile.text = c;
	ts.keyfile.text = k;
	ts.version = GV_23_0_0;
	return ts;
}

static const struct probe_step *
step(const struct probe_report *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->steps.n; i++)
		if (strcmp(r->steps.v[i].name, name) == 0)
			return &r->steps.v[i];
	return NULL;
}

static void
run(const struct tls_settings *ts, const struct probe_opts *o,
    struct probe_report *r)
{
	char *err = NULL;

	assert_int_equal(probe_run(ts, o, r, &err), 0);
	assert_null(err);
}

static void
test_good_pair(void **state)
{
	struct tls_settings ts = settings(cert, key);
	struct probe_opts o;
	struct probe_report r;

	(void)state;
	probe_opts_init(&o);
	o.cafile = ca_pem;
	run(&ts, &o, &r);
	assert_int_equal(probe_failed(&r), 0);
	assert_int_equal(step(&r, "handshake")->status, PROBE_PASS);
	assert_string_equal(r.protocol, "TLSv1.3");
	assert_int_equal(step(&r, "chain")->status, PROBE_PASS);
	assert_int_equal(step(&r, "TLSv1.0")->status, PROBE_PASS);
	assert_int_equal(step(&r, "TLSv1.3")->status, PROBE_PASS);
	assert_non_null(strstr(step(&r, "http")->detail, "200"));
	probe_report_free(&r);
}

static void
test_wrong_key_fails_context(void **state)
{
	struct tls_settings ts = settings(cert, other);
	struct probe_opts o;
	struct probe_report r;

	(void)state;
	probe_opts_init(&o);
	run(&ts, &o, &r);
	assert_int_equal(probe_failed(&r), 1);
	assert_int_equal(step(&r, "context")->status, PROBE_FAIL);
	assert_null(step(&r, "handshake"));
	probe_report_free(&r);
}

static void
test_pinned_tls12(void **state)
{
	struct tls_settings ts = settings(cert, key);
	struct probe_opts o;
	struct probe_report r;

	(void)state;
	probe_opts_init(&o);
	o.cafile = ca_pem;
	ts.version = GV_20_1_0;
	ts.ssl_version.text = "TLSv1_2";
	run(&ts, &o, &r);
	assert_string_equal(r.protocol, "TLSv1.2");
	assert_int_equal(step(&r, "TLSv1.3")->status, PROBE_FAIL);
	probe_report_free(&r);
	ts.version = GV_23_0_0; /* ignored by gunicorn's own workers */
	run(&ts, &o, &r);
	assert_string_equal(r.protocol, "TLSv1.3");
	probe_report_free(&r);
}

static void
test_client_certificates(void **state)
{
	struct tls_settings ts = settings(cert, key);
	struct probe_opts o;
	struct probe_report r;

	(void)state;
	probe_opts_init(&o);
	o.cafile = ca_pem;
	o.client_cert = ccert;
	o.client_key = ckey;
	ts.cert_reqs.text = "2";
	ts.ca_certs.text = ca_pem;
	run(&ts, &o, &r);
	assert_int_equal(step(&r, "handshake")->status, PROBE_PASS);
	assert_int_equal(step(&r, "client-auth")->status, PROBE_PASS);
	assert_int_equal(probe_failed(&r), 0);
	probe_report_free(&r);
	ts.cert_reqs.text = "0"; /* near miss: no client-auth step */
	run(&ts, &o, &r);
	assert_null(step(&r, "client-auth"));
	probe_report_free(&r);
}

static void
test_target_rules(void **state)
{
	struct tls_settings ts = settings(NULL, NULL);
	struct probe_opts o;
	struct probe_report r;
	char *err = NULL;

	(void)state;
	probe_opts_init(&o);
	o.mode = PROBE_TARGET;
	o.target = "192.0.2.1:443"; /* never contacted: refused first */
	assert_int_equal(probe_run(&ts, &o, &r, &err), -1);
	assert_non_null(strstr(err, "--allow-remote"));
	free(err);
	probe_report_free(&r);
	o.target = "no-port";
	assert_int_equal(probe_run(&ts, &o, &r, &err), -1);
	free(err);
	probe_report_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_pair),
		cmocka_unit_test(test_wrong_key_fails_context),
		cmocka_unit_test(test_pinned_tls12),
		cmocka_unit_test(test_client_certificates),
		cmocka_unit_test(test_target_rules),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
