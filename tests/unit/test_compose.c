/*
 * test_compose.c: the compose front-end: environment in both forms and
 * env_file, string and list commands, resources, ports, secrets,
 * volumes, healthcheck and user.  Run from the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "front/front.h"

static const char compose[] =
    "x-env: &env\n  TZ: UTC\n"
    "services:\n"
    "  web:\n"
    "    build: {context: ., dockerfile: docker/Dockerfile}\n"
    "    command: gunicorn -b 0.0.0.0:8000 'app:create_app()'\n"
    "    env_file: [app.env, {path: missing.env, required: false}]\n"
    "    environment:\n      <<: *env\n      WEB_CONCURRENCY: 4\n      FROM_HOST:\n"
    "    ports: [\"8080:8000\", {target: 9000, published: \"9001\"}, 7000, \"127.0.0.1:5000:5001/tcp\"]\n"
    "    deploy: {resources: {limits: {cpus: \"0.50\", memory: 512M}}}\n"
    "    secrets: [tls_key, {source: cert, target: /etc/tls/cert.pem, mode: 0400}]\n"
    "    volumes: [\"./data:/data:ro\", {type: tmpfs, target: /tmp}]\n"
    "    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"https://localhost:8443/health\"]\n"
    "      interval: 1m30s\n      timeout: 5s\n      retries: 5\n"
    "    user: \"1000:1000\"\n    read_only: true\n    stop_grace_period: 45s\n"
    "  worker:\n    image: app\n    environment: [GUNICORN_CMD_ARGS=-w 2, \"PORT\", \"W=${WORKERS:-2}\", \"P=a$$b\"]\n"
    "    command: [gunicorn, -b, \"0.0.0.0:${PORT}\", \"--name=$$x\"]\n"
    "  db:\n    image: postgres\n"
    "  cron:\n    image: app\n    entrypoint: [\"/bin/sh\", \"-c\", \"crond -f\"]\n";

static void
test_services(void **state)
{
	struct source *src = src_new("compose.yaml", compose, strlen(compose));
	struct findings fs = { 0 };
	struct ydoc_stream *ys = ydoc_parse(src, &fs);
	struct k8s_set *ks = k8s_new();
	const struct k8s_launch *l;

	(void)state;
	assert_true(cmp_is_compose(ys->docs[0]->root));
	cmp_read(ks, ys, "testdata/compose/envfile", &fs);
	assert_int_equal(ks->nlaunches, 2);
	assert_int_equal(ks->npending, 1); /* db: the image decides */
	l = &ks->launches[0];
	assert_string_equal(l->id, "compose.yaml#services/web");
	assert_string_equal(l->build_context, ".");
	assert_string_equal(l->dockerfile, "docker/Dockerfile");
	assert_int_equal(l->gunicorn_at, 0);
	assert_int_equal(l->argc, 4);
	assert_string_equal(l->argv[3].s, "app:create_app()");
	assert_string_equal(k8s_env_get(l, "GUNICORN_CMD_ARGS")->value,
	    "--workers 3 --timeout 60");
	assert_int_equal(k8s_env_get(l, "GUNICORN_CMD_ARGS")->origin, K8S_ENV_FILE);
	assert_string_equal(k8s_env_get(l, "LOG_LEVEL")->value, "info");
	assert_string_equal(k8s_env_get(l, "EMPTY")->value, "");
	assert_string_equal(k8s_env_get(l, "WEB_CONCURRENCY")->value, "4");
	assert_string_equal(k8s_env_get(l, "TZ")->value, "UTC");
	assert_null(k8s_env_get(l, "FROM_HOST")->value);
	assert_int_equal(fs.n, 1); /* missing.env */
	assert_string_equal(fs.v[0].rule, "GL510");
	assert_int_equal(l->nports, 4);
	assert_int_equal(l->ports[0].port, 8000);
	assert_int_equal(l->ports[0].host_port, 8080);
	assert_int_equal(l->ports[1].port, 9000);
	assert_int_equal(l->ports[1].host_port, 9001);
	assert_int_equal(l->ports[2].port, 7000);
	assert_int_equal(l->ports[2].host_port, -1);
	assert_int_equal(l->ports[3].port, 5001);
	assert_int_equal(l->ports[3].host_port, 5000);
	assert_int_equal(l->res.cpu_limit.milli, 500);
	assert_int_equal(l->res.mem_limit.value, 512 * 1024 * 1024);
	assert_int_equal(l->nmounts, 4);
	assert_string_equal(l->mounts[0].path, "/run/secrets/tls_key");
	assert_int_equal(l->mounts[0].vol->default_mode, -2);
	assert_string_equal(l->mounts[1].path, "/etc/tls/cert.pem");
	assert_int_equal(l->mounts[1].vol->default_mode, 0400);
	assert_string_equal(l->mounts[2].path, "/data");
	assert_true(l->mounts[2].read_only);
	assert_string_equal(l->mounts[3].path, "/tmp");
	assert_int_equal(l->nprobes, 1);
	assert_int_equal(l->probes[0].port, 8443);
	assert_true(l->probes[0].https);
	assert_int_equal(l->probes[0].period, 90);
	assert_int_equal(l->probes[0].failure_threshold, 5);
	assert_int_equal(l->sec.run_as_user, 1000);
	assert_int_equal(l->sec.read_only_root, 1);
	assert_int_equal(l->grace, 45);
	l = &ks->launches[1];
	assert_int_equal(l->gunicorn_at, 0);
	assert_string_equal(k8s_env_get(l, "GUNICORN_CMD_ARGS")->value, "-w 2");
	assert_null(k8s_env_get(l, "PORT")->value);
	assert_null(k8s_env_get(l, "W")->value); /* interpolated where compose runs */
	assert_string_equal(k8s_env_get(l, "P")->value, "a$b");
	assert_true(l->argv[2].unresolved);
	assert_false(l->argv[3].unresolved);
	assert_string_equal(l->argv[3].s, "--name=$x");
	k8s_free(ks);
	ydoc_free(ys);
	fnd_free(&fs);
	src_registry_free();
}

static void
test_units(void **state)
{
	(void)state;
	assert_int_equal(cmp_duration("1m30s"), 90);
	assert_int_equal(cmp_duration("10s"), 10);
	assert_int_equal(cmp_duration("1h"), 3600);
	assert_int_equal(cmp_duration("1500ms"), 2);
	assert_int_equal(cmp_duration("10"), -1);
	assert_int_equal(cmp_duration("x"), -1);
	assert_true(cmp_bytes("512m") == 512LL * 1024 * 1024);
	assert_true(cmp_bytes("1gb") == 1024LL * 1024 * 1024);
	assert_true(cmp_bytes("100k") == 102400);
	assert_true(cmp_bytes("1024") == 1024);
	assert_true(cmp_bytes("12q") == -1);
	/* Found by fuzzing: values past a long are invalid, not undefined. */
	assert_int_equal(cmp_duration("306666666666666666666666666h"), -1);
	assert_true(cmp_bytes("9e30p") == -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_services),
		cmocka_unit_test(test_units),
	};

	return cmocka_run_group_tests_name("compose", tests, NULL, NULL);
}
