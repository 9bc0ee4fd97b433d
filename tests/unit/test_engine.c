/* test_engine.c: the check table and the catalogue agree; worker resolution; bind parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gunicorn/gunicorn.h"
#include "rules/rules.h"

static void
test_every_check_id_is_catalogued(void **state)
{
	const char *const *ids;
	size_t n = rules_check_ids(&ids), i, total = 0;

	(void)state;
	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		char *copy = xstrdup(ids[i]), *tok, *save = NULL;

		for (tok = strtok_r(copy, " ", &save); tok != NULL;
		    tok = strtok_r(NULL, " ", &save)) {
			if (cat_find(tok) == NULL)
				fail_msg("check reports %s, which has no "
				    "catalogue entry", tok);
			total++;
		}
		free(copy);
	}
	assert_true(total >= n);
}

static void
test_worker_resolution(void **state)
{
	struct wk_info w;

	(void)state;
	wk_resolve("uvicorn.workers.UvicornWorker", 1, GV_NEWEST, &w);
	assert_int_equal(w.family, WK_UVICORN);
	assert_true(w.uvicorn_deprecated_module);
	assert_true(w.is_asgi);
	assert_false(w.reads & WK_READS_THREADS);
	wk_resolve("sync", 4, GV_NEWEST, &w);
	assert_int_equal(w.family, WK_GTHREAD);
	assert_true(w.swapped_to_gthread);
	wk_resolve("gunicorn.workers.sync.SyncWorker", 2, GV_NEWEST, &w);
	assert_true(w.swapped_to_gthread);
	wk_resolve("egg:gunicorn#sync", 4, GV_NEWEST, &w);
	assert_int_equal(w.family, WK_SYNC); /* entry points do not swap */
	wk_resolve("##gevent", 1, GV_NEWEST, &w);
	assert_int_equal(w.family, WK_GEVENT);
	wk_resolve("eventlet", 1, GV_26_0_0, &w);
	assert_true(w.removed);
	wk_resolve("eventlet", 1, GV_25_0_0, &w);
	assert_true(w.deprecated && !w.removed);
	wk_resolve("asgi", 1, GV_23_0_0, &w);
	assert_true(w.removed);
	wk_resolve("asgi", 1, GV_24_0_0, &w);
	assert_false(w.removed);
	wk_resolve("gthred", 1, GV_NEWEST, &w);
	assert_int_equal(w.family, WK_INVALID);
	assert_string_equal(w.suggestion, "gthread");
	wk_resolve("myproj.workers.Custom", 1, GV_NEWEST, &w);
	assert_int_equal(w.family, WK_OTHER);
}

static void
test_bind_parse(void **state)
{
	static const struct {
		const char *in;
		enum bind_kind kind;
		const char *host;
		long port;
		int loopback, wildcard;
	} cases[] = {
		{ "0.0.0.0:8443", BIND_TCP, "0.0.0.0", 8443, 0, 1 },
		{ "127.0.0.1", BIND_TCP, "127.0.0.1", 8000, 1, 0 },
		{ "", BIND_TCP, "0.0.0.0", 8000, 0, 1 },
		{ "[::1]:9000", BIND_TCP, "::1", 9000, 1, 0 },
		{ "[::]:80", BIND_TCP, "::", 80, 0, 1 },
		{ "tcp://localhost:81", BIND_TCP, "localhost", 81, 1, 0 },
		{ "unix:/run/g.sock", BIND_UNIX, "/run/g.sock", 0, 0, 0 },
		{ "unix:///run/g.sock", BIND_UNIX, "/run/g.sock", 0, 0, 0 },
		{ "fd://3", BIND_FD, "", 3, 0, 0 },
		{ "0.0.0.0:https", BIND_BAD_PORT, "0.0.0.0", -1, 0, 1 },
	};
	struct bind_addr b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bind_parse(cases[i].in, &b);
		assert_int_equal(b.kind, cases[i].kind);
		assert_string_equal(b.host, cases[i].host);
		assert_int_equal(b.port, cases[i].port);
		if (b.kind == BIND_TCP || b.kind == BIND_BAD_PORT) {
			assert_int_equal(b.loopback, cases[i].loopback);
			assert_int_equal(b.wildcard, cases[i].wildcard);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_check_id_is_catalogued),
		cmocka_unit_test(test_worker_resolution),
		cmocka_unit_test(test_bind_parse),
	};

	return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
