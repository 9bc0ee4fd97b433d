/*
 * test_tls.c: every GL3xx check, each with a case that triggers it and a
 * near miss that does not.  Certificates and keys are generated here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/core.h"
#include "tls/tls.h"
#include "test_tls_gen.h"

static EVP_PKEY *ca_key, *leaf_key, *other_key;
static X509 *ca;
static char *dir;

static int
setup(void **state)
{
	struct gen_opts o = { .nb_days = -1, .na_days = 300, .ca = 1 };

	(void)state;
	ca_key = gen_ec("P-256");
	leaf_key = gen_rsa(2048);
	other_key = gen_ec("P-256");
	ca = gen_cert(ca_key, "Test CA", &o);
	dir = gen_tmpdir();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	EVP_PKEY_free(ca_key);
	EVP_PKEY_free(leaf_key);
	EVP_PKEY_free(other_key);
	X509_free(ca);
	gen_rmdir(dir);
	return 0;
}

/* A leaf issued by the test CA, valid now, with a SAN. */
static X509 *
leaf(long nb, long na, const EVP_MD *md, const char *san, EVP_PKEY *k)
{
	struct gen_opts o = { .nb_days = nb, .na_days = na, .md = md,
		.san = san, .issuer = ca, .issuer_key = ca_key };

	return gen_cert(k ? k : leaf_key, "localhost", &o);
}

static char *
path(const char *name)
{
	static char buf[64][512];
	static int i;

	i = (i + 1) % 64;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, name);
	return buf[i];
}

static struct tls_settings
settings(const char *cert, const char *key)
{
	struct tls_settings ts;

	memset(&ts, 0, sizeof(ts));
	ts.certfile.text = cert;
	ts.keyfile.text = key;
	ts.worker = TLS_W_SYNC;
	ts.version = GV_20_1_DEBIAN;
	return ts;
}

/* Runs the checks and returns a " GL301 GL320 " style list of rule ids. */
static char *
run(const struct tls_settings *ts, const struct tls_opts *opts)
{
	static char out[1024];
	struct findings fs = { 0 };
	struct tls_opts o;
	size_t i;

	if (opts)
		o = *opts;
	else {
		tls_opts_init(&o);
		o.files_expected = 1;
	}
	tls_check(ts, &o, &fs);
	strcpy(out, " ");
	for (i = 0; i < fs.n; i++) {
		strcat(out, fs.v[i].rule);
		strcat(out, " ");
	}
	fnd_free(&fs);
	return out;
}

#define HAS(ts, id) assert_non_null(strstr(run(ts, NULL), " " id " "))
#define HASNOT(ts, id) assert_null(strstr(run(ts, NULL), " " id " "))

/* Writes the good pair: leaf + CA chain and the leaf key. */
static void
good_pair(void)
{
	X509 *l = leaf(-1, 80, NULL, "DNS:localhost,IP:127.0.0.1", NULL);
	X509 *chain[2] = { l, ca };

	gen_write(path("chain.pem"), chain, 2, NULL, NULL, 0644);
	gen_write(path("key.pem"), NULL, 0, leaf_key, NULL, 0600);
	X509_free(l);
}

static void
test_good_pair_is_clean(void **state)
{
	struct tls_settings ts;

	(void)state;
	good_pair();
	ts = settings(path("chain.pem"), path("key.pem"));
	assert_string_equal(run(&ts, NULL), " ");
}

static void
test_keyfile_without_certfile(void **state)
{
	struct tls_settings ts = settings(NULL, path("key.pem"));

	(void)state;
	good_pair();
	HAS(&ts, "GL301");
	ts.certfile.text = path("chain.pem");
	HASNOT(&ts, "GL301");
}

static void
test_certfile_without_keyfile(void **state)
{
	struct tls_settings ts = settings(path("chain.pem"), NULL);
	X509 *l = leaf(-1, 80, NULL, "DNS:localhost", NULL);

	(void)state;
	good_pair();
	HAS(&ts, "GL302");
	HAS(&ts, "GL324"); /* chain.pem holds no key */
	gen_write(path("both.pem"), &l, 1, leaf_key, NULL, 0600);
	ts.certfile.text = path("both.pem");
	HAS(&ts, "GL302");
	HASNOT(&ts, "GL324");
	X509_free(l);
}

static void
test_ssl_version(void **state)
{
	struct tls_settings ts = settings("/nonexistent/c.pem", NULL);
	struct tls_opts o;

	(void)state;
	tls_opts_init(&o);
	o.skip_files = 1;
	ts.ssl_version.text = "TLSv1_2";
	ts.ssl_version_is_str = 1;
	assert_non_null(strstr(run(&ts, &o), "GL306"));
	ts.version = GV_23_0_0;
	assert_non_null(strstr(run(&ts, &o), "GL303"));
	ts.worker = TLS_W_UVICORN;
	assert_non_null(strstr(run(&ts, &o), "GL308"));
	ts.ssl_version_is_str = 0; /* an int from a config file still works */
	assert_null(strstr(run(&ts, &o), "GL308"));
	assert_non_null(strstr(run(&ts, &o), "GL306"));
	ts.version = GV_20_1_0;
	ts.worker = TLS_W_SYNC;
	ts.ssl_version.text = "TLSv1";
	assert_non_null(strstr(run(&ts, &o), "GL305"));
	ts.ssl_version.text = "4";
	assert_non_null(strstr(run(&ts, &o), "GL305"));
	ts.ssl_version.text = "TLS_CLIENT";
	assert_non_null(strstr(run(&ts, &o), "GL307"));
	ts.ssl_version.text = "2";
	assert_string_equal(run(&ts, &o), " GL302 GL304 ");
	ts.ssl_version.text = "SSLv3";
	assert_non_null(strstr(run(&ts, &o), "GL309"));
	ts.version = GV_23_0_0; /* accepted unchanged, and ignored */
	assert_null(strstr(run(&ts, &o), "GL309"));
	assert_int_equal(tls_ssl_version_value("PROTOCOL_TLSv1_2"), 5);
	assert_int_equal(tls_ssl_version_value("TLS"), 2);
	assert_int_equal(tls_ssl_version_value("nope"), -1);
}

static void
test_ciphers(void **state)
{
	struct tls_settings ts = settings("/nonexistent/c.pem",
	    "/nonexistent/k.pem");
	struct tls_opts o;
	static const struct {
		const char *ciphers, *expect;
	} cases[] = {
		{ "ECDHE+AESGCM:ECDHE+CHACHA20", " " },
		{ "ECDHE-RSA-AES128-GCM-SHA256", " " },
		{ "FOO-BAR-BAZ", " GL310 " },
		{ "TLS_AES_256_GCM_SHA384", " GL311 " },
		{ "TLS_AES_256_GCM_SHA384:ECDHE+AESGCM", " GL319 " },
		{ "TLSv1", " GL318 " },
		{ "AES128-SHA", " GL318 " },
		{ "aNULL", " GL317 " },
		{ "ALL:@SECLEVEL=0", " GL317 " },
		{ "ECDHE+AESGCM:RC4", " GL317 " },
		{ "HIGH:!aNULL:!MD5:!RC4", " GL318 " },
	};
	size_t i;

	(void)state;
	tls_opts_init(&o);
	o.skip_files = 1;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ts.ciphers.text = cases[i].ciphers;
		assert_string_equal(run(&ts, &o), cases[i].expect);
	}
	ts.certfile.text = ts.keyfile.text = NULL; /* TLS off: GL315 only */
	assert_string_equal(run(&ts, &o), " GL315 ");
}

static void
test_cert_reqs_and_ports(void **state)
{
	struct tls_settings ts = settings("/nonexistent/c.pem",
	    "/nonexistent/k.pem");
	struct tls_opts o;

	(void)state;
	tls_opts_init(&o);
	o.skip_files = 1;
	ts.cert_reqs.text = "2";
	assert_string_equal(run(&ts, &o), " GL312 ");
	ts.ca_certs.text = "/nonexistent/ca.pem";
	assert_string_equal(run(&ts, &o), " ");
	ts.cert_reqs.text = "3";
	assert_string_equal(run(&ts, &o), " GL316 ");
	ts.cert_reqs.text = "0";
	ts.binds[0].port = 80;
	ts.binds[1].port = 443;
	ts.nbinds = 2;
	assert_string_equal(run(&ts, &o), " GL313 ");
	ts.certfile.text = ts.keyfile.text = NULL;
	ts.ca_certs.text = NULL;
	assert_string_equal(run(&ts, &o), " GL313 ");
	ts.binds[1].port = 8000;
	assert_string_equal(run(&ts, &o), " ");
}

static void
test_handshake_options(void **state)
{
	struct tls_settings ts = settings("/nonexistent/c.pem",
	    "/nonexistent/k.pem");
	struct tls_opts o;

	(void)state;
	tls_opts_init(&o);
	o.skip_files = 1;
	ts.do_handshake_on_connect.text = "False";
	assert_string_equal(run(&ts, &o), " ");
	ts.do_handshake_on_connect.text = "True";
	assert_string_equal(run(&ts, &o), " GL314 ");
	ts.worker = TLS_W_UVICORN;
	ts.do_handshake_on_connect.text = NULL;
	ts.suppress_ragged_eofs.text = "False";
	assert_string_equal(run(&ts, &o), " GL314 ");
	assert_int_equal(tls_worker_kind("uvicorn.workers.UvicornWorker"),
	    TLS_W_UVICORN);
	assert_int_equal(tls_worker_kind("gthread"), TLS_W_GTHREAD);
	assert_int_equal(tls_worker_kind(NULL), TLS_W_SYNC);
	assert_int_equal(tls_worker_kind("myapp.Worker"), TLS_W_OTHER);
}

static void
test_missing_files(void **state)
{
	struct tls_settings ts = settings("/nonexistent/c.pem",
	    "/nonexistent/k.pem");
	struct tls_opts o;

	(void)state;
	tls_opts_init(&o);
	assert_string_equal(run(&ts, &o), " GL320 "); /* said once */
	o.files_expected = 1;
	assert_string_equal(run(&ts, &o), " GL321 GL321 ");
	ts.certfile.text = dir; /* a directory */
	assert_non_null(strstr(run(&ts, &o), "GL321"));
}

static void
test_key_permissions(void **state)
{
	struct tls_settings ts = settings(path("chain.pem"), path("key.pem"));

	(void)state;
	good_pair();
	chmod(path("key.pem"), 0644);
	HAS(&ts, "GL322");
	chmod(path("key.pem"), 0600);
	HASNOT(&ts, "GL322");
}

static void
write_text(const char *p, const char *text)
{
	FILE *fp = fopen(p, "w");

	fputs(text, fp);
	fclose(fp);
}

static void
test_pem_parse(void **state)
{
	struct tls_settings ts = settings(path("bad.pem"), path("key.pem"));
	struct findings fs = { 0 };
	struct tls_opts o;

	(void)state;
	good_pair();
	write_text(path("bad.pem"), "# comment\n-----BEGIN CERTIFICATE-----\n"
	    "bm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
	tls_opts_init(&o);
	o.files_expected = 1;
	tls_check(&ts, &o, &fs);
	assert_true(fs.n >= 1);
	assert_string_equal(fs.v[0].rule, "GL323");
	assert_non_null(strstr(fs.v[0].message, "line 2"));
	assert_non_null(strstr(fs.v[0].message, "CERTIFICATE block"));
	fnd_free(&fs);
	write_text(path("bad.pem"), "\x30\x82\x01\x00 binary");
	HAS(&ts, "GL323");
	write_text(path("bad.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n");
	HAS(&ts, "GL323");
	ts.certfile.text = path("chain.pem");
	HASNOT(&ts, "GL323");
}

static void
test_contents_and_swapped(void **state)
{
	struct tls_settings ts = settings(path("key.pem"), path("chain.pem"));

	(void)state;
	good_pair();
	HAS(&ts, "GL326");
	HASNOT(&ts, "GL325");
	ts = settings(path("key.pem"), path("key.pem"));
	HAS(&ts, "GL325");
	ts = settings(path("chain.pem"), path("chain.pem"));
	HAS(&ts, "GL324");
	ts = settings(path("chain.pem"), path("key.pem"));
	HASNOT(&ts, "GL324");
	HASNOT(&ts, "GL326");
}

static void
test_mismatch_and_order(void **state)
{
	X509 *l = leaf(-1, 80, NULL, "DNS:localhost", NULL);
	X509 *wrong[2] = { ca, l };
	struct tls_settings ts = settings(path("chain.pem"), path("other.pem"));

	(void)state;
	good_pair();
	gen_write(path("other.pem"), NULL, 0, other_key, NULL, 0600);
	HAS(&ts, "GL327");
	gen_write(path("wrong.pem"), wrong, 2, NULL, NULL, 0644);
	ts = settings(path("wrong.pem"), path("key.pem"));
	HAS(&ts, "GL334");
	HASNOT(&ts, "GL327");
	ts = settings(path("chain.pem"), path("key.pem"));
	HASNOT(&ts, "GL334");
	HASNOT(&ts, "GL327");
	X509_free(l);
}

static void
test_encrypted_key(void **state)
{
	struct tls_settings ts = settings(path("chain.pem"), path("enc.pem"));

	(void)state;
	good_pair();
	gen_write(path("enc.pem"), NULL, 0, leaf_key, "secret", 0600);
	HAS(&ts, "GL328");
	ts.keyfile.text = path("key.pem");
	HASNOT(&ts, "GL328");
}

static void
test_dates(void **state)
{
	static const struct {
		long nb, na;
		const char *id;
	} cases[] = {
		{ -400, -10, "GL329" }, { 5, 80, "GL330" }, { -1, 10, "GL331" },
	};
	struct tls_settings ts = settings(path("d.pem"), path("key.pem"));
	size_t i;

	(void)state;
	good_pair();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		X509 *l = leaf(cases[i].nb, cases[i].na, NULL, "DNS:x", NULL);

		gen_write(path("d.pem"), &l, 1, NULL, NULL, 0644);
		assert_non_null(strstr(run(&ts, NULL), cases[i].id));
		X509_free(l);
	}
	ts.certfile.text = path("chain.pem");
	assert_string_equal(run(&ts, NULL), " ");
}

static void
test_key_sizes_and_digest(void **state)
{
	EVP_PKEY *small = gen_rsa(1024), *p224 = gen_ec("P-224");
	X509 *a = leaf(-1, 80, NULL, "DNS:x", small);
	X509 *b = leaf(-1, 80, NULL, "DNS:x", p224);
	X509 *c = leaf(-1, 80, EVP_sha1(), "DNS:x", NULL);
	struct tls_settings ts = settings(path("s.pem"), path("s.pem"));

	(void)state;
	gen_write(path("s.pem"), &a, 1, small, NULL, 0600);
	HAS(&ts, "GL332");
	gen_write(path("s.pem"), &b, 1, p224, NULL, 0600);
	HAS(&ts, "GL332");
	gen_write(path("s.pem"), &c, 1, leaf_key, NULL, 0600);
	HAS(&ts, "GL333");
	HASNOT(&ts, "GL332");
	X509_free(a);
	X509_free(b);
	X509_free(c);
	EVP_PKEY_free(small);
	EVP_PKEY_free(p224);
}

static void
test_leaf_names_and_profile(void **state)
{
	struct gen_opts so = { .nb_days = -1, .na_days = 80,
		.san = "DNS:localhost" };
	X509 *nosan = leaf(-1, 80, NULL, NULL, NULL);
	X509 *self = gen_cert(leaf_key, "localhost", &so);
	X509 *longlived = leaf(-1, 500, NULL, "DNS:x", NULL);
	struct tls_settings ts = settings(path("n.pem"), path("key.pem"));
	struct tls_opts o;

	(void)state;
	good_pair();
	gen_write(path("n.pem"), &nosan, 1, NULL, NULL, 0644);
	HAS(&ts, "GL335");
	gen_write(path("n.pem"), &self, 1, NULL, NULL, 0644);
	HAS(&ts, "GL336");
	HASNOT(&ts, "GL335");
	gen_write(path("n.pem"), &longlived, 1, NULL, NULL, 0644);
	HAS(&ts, "GL339");
	ts.certfile.text = path("chain.pem");
	HASNOT(&ts, "GL339");
	tls_opts_init(&o);
	o.files_expected = 1;
	o.profile = TLS_PROFILE_MODERN; /* RSA leaf: modern wants ECDSA */
	assert_non_null(strstr(run(&ts, &o), "GL339"));
	X509_free(nosan);
	X509_free(self);
	X509_free(longlived);
}

static void
test_ca_certs_empty(void **state)
{
	struct tls_settings ts = settings(path("chain.pem"), path("key.pem"));

	(void)state;
	good_pair();
	write_text(path("empty.pem"), "");
	ts.cert_reqs.text = "2";
	ts.ca_certs.text = path("empty.pem");
	HAS(&ts, "GL337");
	gen_write(path("ca.pem"), &ca, 1, NULL, NULL, 0644);
	ts.ca_certs.text = path("ca.pem");
	HASNOT(&ts, "GL337");
	ts.ca_certs.text = path("empty.pem");
	ts.cert_reqs.text = "0";
	HASNOT(&ts, "GL337");
}

static void
test_resolve_under_root(void **state)
{
	const char *why;
	char *p, *root = path("root");
	char cmd[1024];

	(void)state;
	snprintf(cmd, sizeof(cmd), "mkdir -p %s/etc/tls %s/app && "
	    "echo x > %s/etc/tls/k.pem && ln -sf /etc/tls %s/app/tls && "
	    "ln -sf ../../../../../../etc/passwd %s/etc/tls/evil && "
	    "ln -sf %s/key.pem %s/etc/tls/abs", root, root, root, root, root,
	    dir, root);
	assert_int_equal(system(cmd), 0);
	p = tls_resolve_path("tls/k.pem", "/app", root, &why);
	assert_non_null(p);
	assert_string_equal(p + strlen(root), "/etc/tls/k.pem");
	free(p);
	p = tls_resolve_path("/etc/tls/evil", NULL, root, &why);
	assert_null(p);
	assert_non_null(why);
	/* An absolute link target is the image's path, not this machine's. */
	p = tls_resolve_path("/etc/tls/abs", NULL, root, &why);
	assert_non_null(p);
	assert_memory_equal(p, root, strlen(root));
	free(p);
	p = tls_resolve_path("k.pem", "/srv", NULL, &why);
	assert_string_equal(p, "/srv/k.pem");
	free(p);
	{
		struct tls_settings ts = settings("/etc/tls/evil", NULL);
		struct tls_opts o;

		tls_opts_init(&o);
		o.root = root;
		assert_non_null(strstr(run(&ts, &o), "GL338"));
		ts.certfile.text = "/etc/tls/k.pem";
		assert_null(strstr(run(&ts, &o), "GL338"));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_pair_is_clean),
		cmocka_unit_test(test_keyfile_without_certfile),
		cmocka_unit_test(test_certfile_without_keyfile),
		cmocka_unit_test(test_ssl_version),
		cmocka_unit_test(test_ciphers),
		cmocka_unit_test(test_cert_reqs_and_ports),
		cmocka_unit_test(test_handshake_options),
		cmocka_unit_test(test_missing_files),
		cmocka_unit_test(test_key_permissions),
		cmocka_unit_test(test_pem_parse),
		cmocka_unit_test(test_contents_and_swapped),
		cmocka_unit_test(test_mismatch_and_order),
		cmocka_unit_test(test_encrypted_key),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_key_sizes_and_digest),
		cmocka_unit_test(test_leaf_names_and_profile),
		cmocka_unit_test(test_ca_certs_empty),
		cmocka_unit_test(test_resolve_under_root),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
