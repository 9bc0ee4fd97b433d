/*
 * test_orch.c: every orchestration rule (GL250-GL254, GL501-GL515) on a small manifest or compose
 * file, once where it must fire and once on a near miss where it must
 * not.  gunicorn's effective values are given as a short spec string
 * ("workers=9 bind=0.0.0.0:8000 ...") and filled into struct
 * orch_gunicorn as the launch model will fill it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "front/compose.h"
#include "rules/orch.h"

#define POD(podf, cf)                                                       \
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: a}}\n" \
	"spec:\n  " podf "\n  containers:\n  - name: c\n    image: i\n"      \
	"    command: [gunicorn, app:app]\n    " cf "\n"
#define SVC(port, target)                                                   \
	"---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n"         \
	"spec: {selector: {app: a}, ports: [{port: " port ", targetPort: " target "}]}\n"
#define COMPOSE(sf)                                                         \
	"services:\n  web:\n    image: i\n    command: gunicorn app:app\n    " sf "\n"

struct ocase {
	const char *name;
	const char *rule;
	int count;        /* findings of this rule expected */
	const char *yaml;
	const char *gspec; /* NULL: effective settings unknown */
};

static const struct ocase cases[] = {
	/* GL250 */
	{ "cpu 500m, 9 sync", "GL250", 1,
	  POD("dnsPolicy: Default", "resources: {limits: {cpu: 500m}}"), "workers=9" },
	{ "cpu 2, 5 sync", "GL250", 0,
	  POD("dnsPolicy: Default", "resources: {limits: {cpu: '2'}}"), "workers=5" },
	{ "request 1, 3 uvicorn", "GL250", 1,
	  POD("dnsPolicy: Default", "resources: {requests: {cpu: 1}}"),
	  "workers=3 class=uvicorn.workers.UvicornWorker" },
	{ "request 1, 3 sync", "GL250", 0,
	  POD("dnsPolicy: Default", "resources: {requests: {cpu: 1}}"), "workers=3" },
	{ "no cpu at all", "GL250", 0,
	  POD("dnsPolicy: Default", "env: []"), "workers=64" },
	/* GL251 */
	{ "1500m with 4", "GL251", 1,
	  POD("dnsPolicy: Default", "resources: {limits: {cpu: 1500m}}"), "workers=4" },
	{ "2 with 4", "GL251", 0,
	  POD("dnsPolicy: Default", "resources: {limits: {cpu: '2'}}"), "workers=4" },
	{ "500m with 1", "GL251", 0,
	  POD("dnsPolicy: Default", "resources: {limits: {cpu: 500m}}"), "workers=1" },
	/* GL252 */
	{ "cpu_count, no resources", "GL252", 1,
	  POD("dnsPolicy: Default", "env: []"), "workers=17 from_cpu=1" },
	{ "cpu_count, request", "GL252", 0,
	  POD("dnsPolicy: Default", "resources: {requests: {cpu: 2}}"),
	  "workers=5 from_cpu=1" },
	{ "resourceFieldRef, no limit", "GL252", 1,
	  POD("dnsPolicy: Default", "env: [{name: WEB_CONCURRENCY, valueFrom: "
	      "{resourceFieldRef: {resource: limits.cpu}}}]"), NULL },
	{ "resourceFieldRef, limit", "GL252", 0,
	  POD("dnsPolicy: Default", "env: [{name: WEB_CONCURRENCY, valueFrom: "
	      "{resourceFieldRef: {resource: limits.cpu}}}]\n"
	      "    resources: {limits: {cpu: 2}}"), NULL },
	/* GL253 */
	{ "256Mi for 8", "GL253", 1,
	  POD("dnsPolicy: Default", "resources: {limits: {memory: 256Mi}}"), "workers=8" },
	{ "1Gi for 4", "GL253", 0,
	  POD("dnsPolicy: Default", "resources: {limits: {memory: 1Gi}}"), "workers=4" },
	{ "compose 256m for 8", "GL253", 1,
	  COMPOSE("deploy: {resources: {limits: {memory: 256m}}}"), "workers=8" },
	/* GL254 */
	{ "memory 512MB, cpu 1e3m", "GL254", 2,
	  POD("dnsPolicy: Default", "resources: {limits: {memory: 512MB, cpu: 1e3m}}"), NULL },
	{ "memory 512M", "GL254", 0,
	  POD("dnsPolicy: Default", "resources: {limits: {memory: 512M, cpu: 1e3}}"), NULL },
	{ "compose cpus '2 cores'", "GL254", 1,
	  COMPOSE("cpus: 2 cores\n    mem_limit: 512mb"), NULL },
	{ "compose cpus 1.5", "GL254", 0,
	  COMPOSE("cpus: 1.5\n    mem_limit: 512mb"), NULL },
	/* GL501 */
	{ "cert not mounted", "GL501", 2,
	  POD("dnsPolicy: Default", "env: []"),
	  "cert=/etc/tls/tls.crt key=/etc/tls/tls.key" },
	{ "cert mounted", "GL501", 0,
	  POD("volumes: [{name: t, secret: {secretName: t, defaultMode: 0400}}]",
	      "volumeMounts: [{name: t, mountPath: /etc/tls/}]"),
	  "cert=/etc/tls/tls.crt key=/etc/tls/tls.key" },
	{ "compose secret", "GL501", 0,
	  COMPOSE("secrets: [tls.key, tls.crt]"),
	  "cert=/run/secrets/tls.crt key=/run/secrets/tls.key" },
	{ "mounted next door", "GL501", 2,
	  POD("volumes: [{name: t, secret: {secretName: t}}]",
	      "volumeMounts: [{name: t, mountPath: /etc/tlsx}]"),
	  "cert=/etc/tls/tls.crt key=/etc/tls/tls.key" },
	/* GL502 */
	{ "secret default mode", "GL502", 1,
	  POD("volumes: [{name: t, secret: {secretName: t}}]",
	      "volumeMounts: [{name: t, mountPath: /etc/tls}]"),
	  "cert=/etc/tls/tls.crt key=/etc/tls/tls.key" },
	{ "secret decimal 420", "GL502", 1,
	  POD("volumes: [{name: t, secret: {secretName: t, defaultMode: 420}}]",
	      "volumeMounts: [{name: t, mountPath: /etc/tls}]"),
	  "cert=/etc/tls/tls.crt key=/etc/tls/tls.key" },
	{ "secret 0400", "GL502", 0,
	  POD("volumes: [{name: t, secret: {secretName: t, defaultMode: 0400}}]",
	      "volumeMounts: [{name: t, mountPath: /etc/tls}]"),
	  "cert=/etc/tls/tls.crt key=/etc/tls/tls.key" },
	{ "item mode 0600 wins", "GL502", 0,
	  POD("volumes: [{name: t, secret: {secretName: t, items: "
	      "[{key: k, path: tls.key, mode: 0600}]}}]",
	      "volumeMounts: [{name: t, mountPath: /etc/tls}]"),
	  "cert=/etc/tls/tls.crt key=/etc/tls/tls.key" },
	/* GL503 */
	{ "http probe on tls", "GL503", 1,
	  POD("dnsPolicy: Default", "readinessProbe: {httpGet: {port: 8443, path: /}}"),
	  "bind=0.0.0.0:8443 cert=/c key=/k" },
	{ "https probe on tls", "GL503", 0,
	  POD("dnsPolicy: Default", "readinessProbe: {httpGet: {port: 8443, scheme: HTTPS}}"),
	  "bind=0.0.0.0:8443 cert=/c key=/k" },
	{ "https probe on plain", "GL503", 1,
	  POD("dnsPolicy: Default", "readinessProbe: {httpGet: {port: 8000, scheme: HTTPS}}"),
	  "bind=0.0.0.0:8000" },
	/* GL504 */
	{ "probe 8080 vs 8000", "GL504", 1,
	  POD("dnsPolicy: Default", "livenessProbe: {tcpSocket: {port: 8080}}"),
	  "bind=0.0.0.0:8000" },
	{ "probe 8000", "GL504", 0,
	  POD("dnsPolicy: Default", "livenessProbe: {tcpSocket: {port: 8000}}"),
	  "bind=0.0.0.0:8000" },
	{ "named port missing", "GL504", 1,
	  POD("dnsPolicy: Default", "readinessProbe: {httpGet: {port: http}}"),
	  "bind=0.0.0.0:8000" },
	{ "named port ok", "GL504", 0,
	  POD("dnsPolicy: Default", "readinessProbe: {httpGet: {port: http}}\n"
	      "    ports: [{name: http, containerPort: 8000}]"), "bind=0.0.0.0:8000" },
	{ "compose healthcheck port", "GL504", 1,
	  COMPOSE("healthcheck: {test: [CMD, curl, -f, 'http://localhost:5000/']}"),
	  "bind=0.0.0.0:8000" },
	/* GL505 */
	{ "containerPort 80", "GL505", 1,
	  POD("dnsPolicy: Default", "ports: [{containerPort: 80}]"), "bind=0.0.0.0:8000" },
	{ "containerPort 8000", "GL505", 0,
	  POD("dnsPolicy: Default", "ports: [{containerPort: 9100}, {containerPort: 8000}]"),
	  "bind=0.0.0.0:8000" },
	{ "compose 8080:80", "GL505", 1, COMPOSE("ports: ['8080:80']"), "bind=0.0.0.0:8000" },
	{ "compose 8080:8000", "GL505", 0, COMPOSE("ports: ['8080:8000']"), "bind=0.0.0.0:8000" },
	/* GL506 */
	{ "non-root on 80", "GL506", 1,
	  POD("securityContext: {runAsNonRoot: true}", "env: []"), "bind=0.0.0.0:80" },
	{ "non-root with NET_BIND_SERVICE", "GL506", 0,
	  POD("securityContext: {runAsNonRoot: true}",
	      "securityContext: {capabilities: {add: [NET_BIND_SERVICE]}}"),
	  "bind=0.0.0.0:80" },
	{ "uid 1000 wins over runAsNonRoot", "GL506", 1,
	  POD("securityContext: {runAsNonRoot: true}",
	      "securityContext: {runAsUser: 1000}"), "bind=0.0.0.0:80" },
	{ "uid 0 on 80", "GL506", 0,
	  POD("securityContext: {runAsUser: 0}", "env: []"), "bind=0.0.0.0:80" },
	{ "uid 1000 on 8080", "GL506", 0,
	  POD("securityContext: {runAsUser: 1000}", "env: []"), "bind=0.0.0.0:8080" },
	{ "compose user on 443", "GL506", 1, COMPOSE("user: '1000'"), "bind=0.0.0.0:443" },
	/* GL507 */
	{ "grace 10 vs 30", "GL507", 1,
	  POD("terminationGracePeriodSeconds: 10", "env: []"), "graceful=30" },
	{ "grace 40 vs 30", "GL507", 0,
	  POD("terminationGracePeriodSeconds: 40", "env: []"), "graceful=30" },
	{ "default 30 vs 30", "GL507", 0, POD("dnsPolicy: Default", "env: []"), "graceful=30" },
	{ "grace 40 with preStop sleep 15", "GL507", 1,
	  POD("terminationGracePeriodSeconds: 40",
	      "lifecycle: {preStop: {exec: {command: [sleep, '15']}}}"), "graceful=30" },
	{ "grace 50 with preStop sh -c sleep 15", "GL507", 0,
	  POD("terminationGracePeriodSeconds: 50",
	      "lifecycle: {preStop: {exec: {command: [/bin/sh, -c, 'sleep 15; kill -TERM 1']}}}"),
	  "graceful=30" },
	{ "default 30 with preStop sleep action 5", "GL507", 1,
	  POD("dnsPolicy: Default", "lifecycle: {preStop: {sleep: {seconds: 5}}}"),
	  "graceful=30" },
	{ "grace 40 with an httpGet preStop", "GL507", 0,
	  POD("terminationGracePeriodSeconds: 40",
	      "lifecycle: {preStop: {httpGet: {path: /drain, port: 8000}}}"), "graceful=30" },
	{ "compose default 10s", "GL507", 1, COMPOSE("init: true"), "graceful=30" },
	{ "compose both defaults", "GL507", 0, COMPOSE("init: true"), "workers=2" },
	{ "compose 1m", "GL507", 0, COMPOSE("stop_grace_period: 1m"), "graceful=30" },
	/* GL508 */
	{ "GUNICORN_CMD_ARG", "GL508", 1,
	  POD("dnsPolicy: Default", "env: [{name: GUNICORN_CMD_ARG, value: -w 2}]"), NULL },
	{ "web_concurrency", "GL508", 1,
	  COMPOSE("environment: {web_concurrency: 2}"), NULL },
	{ "SEND_FILE and FORWARDED_ALLOWED_IPS", "GL508", 2,
	  POD("dnsPolicy: Default", "env: [{name: SEND_FILE, value: '0'}, "
	      "{name: FORWARDED_ALLOWED_IPS, value: '*'}]"), NULL },
	{ "exact names", "GL508", 0,
	  POD("dnsPolicy: Default", "env: [{name: GUNICORN_CMD_ARGS, value: -w 2}, "
	      "{name: WEB_CONCURRENCY, value: '2'}, {name: PORT, value: '80'}, "
	      "{name: FORWARDED_ALLOW_IPS, value: '*'}, {name: SENDFILE, value: '0'}, "
	      "{name: PORTS, value: x}, {name: GUNICORN_CMD_ARGS_EXTRA, value: x}]"), NULL },
	/* GL509 */
	{ "env twice", "GL509", 1,
	  POD("dnsPolicy: Default", "env: [{name: WEB_CONCURRENCY, value: '4'}, "
	      "{name: X, value: y}, {name: WEB_CONCURRENCY, value: '2'}]"), NULL },
	{ "env once each", "GL509", 0,
	  POD("dnsPolicy: Default", "env: [{name: WEB_CONCURRENCY, value: '4'}, "
	      "{name: PORT, value: '2'}]"), NULL },
	{ "compose list twice", "GL509", 1,
	  COMPOSE("environment: [A=1, B=2, A=3]"), NULL },
	/* GL511 */
	{ "WEB_CONCURRENCY and --workers", "GL511", 1,
	  POD("dnsPolicy: Default", "env: [{name: WEB_CONCURRENCY, value: '8'}]"),
	  "workers=2 wfrom=cli" },
	{ "WEB_CONCURRENCY alone", "GL511", 0,
	  POD("dnsPolicy: Default", "env: [{name: WEB_CONCURRENCY, value: '8'}]"),
	  "workers=8 wfrom=env" },
	/* GL512 */
	{ "read-only root, default tmp", "GL512", 1,
	  POD("dnsPolicy: Default", "securityContext: {readOnlyRootFilesystem: true}"),
	  "tmp=default" },
	{ "read-only root, /tmp emptyDir", "GL512", 0,
	  POD("volumes: [{name: tmp, emptyDir: {}}]",
	      "securityContext: {readOnlyRootFilesystem: true}\n"
	      "    volumeMounts: [{name: tmp, mountPath: /tmp}]"), "tmp=default" },
	{ "read-only root, /dev/shm", "GL512", 0,
	  POD("dnsPolicy: Default", "securityContext: {readOnlyRootFilesystem: true}"),
	  "tmp=/dev/shm" },
	{ "read-only root, tmp dir on root", "GL512", 1,
	  POD("dnsPolicy: Default", "securityContext: {readOnlyRootFilesystem: true}"),
	  "tmp=/app/tmp" },
	{ "compose read_only", "GL512", 1, COMPOSE("read_only: true"), "tmp=default" },
	{ "compose read_only tmpfs", "GL512", 0,
	  COMPOSE("read_only: true\n    tmpfs: /tmp"), "tmp=default" },
	/* GL513 */
	{ "Service to 80", "GL513", 1,
	  POD("dnsPolicy: Default", "ports: [{containerPort: 8000}]") SVC("80", "80"),
	  "bind=0.0.0.0:8000" },
	{ "Service to 8000", "GL513", 0,
	  POD("dnsPolicy: Default", "ports: [{containerPort: 8000}]") SVC("80", "8000"),
	  "bind=0.0.0.0:8000" },
	{ "Service to named", "GL513", 0,
	  POD("dnsPolicy: Default", "ports: [{name: web, containerPort: 8000}]")
	  SVC("80", "web"), "bind=0.0.0.0:8000" },
	{ "Service to unknown name", "GL513", 1,
	  POD("dnsPolicy: Default", "ports: [{name: web, containerPort: 8000}]")
	  SVC("80", "http"), "bind=0.0.0.0:8000" },
	{ "service in another namespace", "GL513", 0,
	  "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop, labels: {app: a}}\n"
	  "spec:\n  containers:\n  - name: c\n    image: i\n    command: [gunicorn, app:app]\n"
	  "---\napiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: other}\n"
	  "spec: {selector: {app: a}, ports: [{port: 80, targetPort: 80}]}\n",
	  "bind=0.0.0.0:8000" },
	{ "service in the same namespace", "GL513", 1,
	  "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop, labels: {app: a}}\n"
	  "spec:\n  containers:\n  - name: c\n    image: i\n    command: [gunicorn, app:app]\n"
	  "---\napiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\n"
	  "spec: {selector: {app: a}, ports: [{port: 80, targetPort: 80}]}\n",
	  "bind=0.0.0.0:8000" },
	/* GL514 */
	{ "liveness 10s vs timeout 60", "GL514", 1,
	  POD("dnsPolicy: Default", "livenessProbe: {exec: {command: [true]}, "
	      "periodSeconds: 5, failureThreshold: 2}"), "timeout=60" },
	{ "liveness 70s vs timeout 60", "GL514", 0,
	  POD("dnsPolicy: Default", "livenessProbe: {exec: {command: [true]}, "
	      "periodSeconds: 10, failureThreshold: 7}"), "timeout=60" },
	{ "readiness only", "GL514", 0,
	  POD("dnsPolicy: Default", "readinessProbe: {exec: {command: [true]}, "
	      "periodSeconds: 1, failureThreshold: 1}"), "timeout=60" },
	/* GL515 */
	{ "default bind", "GL515", 1, POD("dnsPolicy: Default", "env: []"), "bind=default" },
	{ "bind 0.0.0.0", "GL515", 0, POD("dnsPolicy: Default", "env: []"),
	  "bind=0.0.0.0:8000" },
	{ "compose loopback behind a proxy's netns", "GL515", 0,
	  COMPOSE("network_mode: 'service:proxy'"), "bind=127.0.0.1:8000" },
	{ "compose loopback on its own network", "GL515", 1,
	  COMPOSE("network_mode: bridge"), "bind=127.0.0.1:8000" },
	{ "bind loopback and all", "GL515", 0, COMPOSE("init: true"),
	  "bind=127.0.0.1:9000 bind=[::]:8000" },
};

struct gfill {
	struct orch_gunicorn g;
	struct orch_bind binds[4];
	struct arena *a;
};

static struct orch_val
num(long long v, enum orch_from from)
{
	struct orch_val o = { 1, v, NULL, from, { NULL, 0, 0 } };

	return o;
}

static struct orch_val
str(const char *s, enum orch_from from)
{
	struct orch_val o = { 1, 0, s, from, { NULL, 0, 0 } };

	return o;
}

/* gunicorn's defaults, then the spec's words on top. */
static void
fill(struct gfill *f, const char *spec)
{
	char *dup = xstrdup(spec), *w, *save = NULL;
	struct span none = { NULL, 0, 0 };

	memset(f, 0, sizeof(*f));
	f->a = arena_new();
	f->g.workers = num(1, ORCH_DEFAULT);
	f->g.worker_class = str("sync", ORCH_DEFAULT);
	f->g.threads = num(1, ORCH_DEFAULT);
	f->g.timeout = num(30, ORCH_DEFAULT);
	f->g.graceful_timeout = num(30, ORCH_DEFAULT);
	f->g.keyfile = str(NULL, ORCH_DEFAULT);
	f->g.certfile = str(NULL, ORCH_DEFAULT);
	f->g.worker_tmp_dir = str(NULL, ORCH_DEFAULT);
	f->g.bind = str("0.0.0.0:8000", ORCH_CLI);
	orch_parse_bind(f->a, "0.0.0.0:8000", none, &f->binds[0]);
	f->g.binds = f->binds;
	f->g.nbinds = 1;
	for (w = strtok_r(dup, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		char *v = strchr(w, '=') + 1;

		if (strncmp(w, "workers=", 8) == 0)
			f->g.workers = num(atoll(v), ORCH_CLI);
		else if (strncmp(w, "wfrom=env", 9) == 0)
			f->g.workers.from = ORCH_ENV_VAR;
		else if (strncmp(w, "from_cpu=", 9) == 0)
			f->g.workers_from_cpu = 1, f->g.workers.from = ORCH_CONFIG_FILE;
		else if (strncmp(w, "class=", 6) == 0)
			f->g.worker_class = str(arena_strdup(f->a, v), ORCH_CLI);
		else if (strncmp(w, "timeout=", 8) == 0)
			f->g.timeout = num(atoll(v), ORCH_CLI);
		else if (strncmp(w, "graceful=", 9) == 0)
			f->g.graceful_timeout = num(atoll(v), ORCH_CLI);
		else if (strncmp(w, "cert=", 5) == 0)
			f->g.certfile = str(arena_strdup(f->a, v), ORCH_CLI);
		else if (strncmp(w, "key=", 4) == 0)
			f->g.keyfile = str(arena_strdup(f->a, v), ORCH_CLI);
		else if (strncmp(w, "tmp=", 4) == 0)
			f->g.worker_tmp_dir = str(strcmp(v, "default") ? arena_strdup(f->a, v) :
			    NULL, ORCH_CLI);
		else if (strcmp(w, "bind=default") == 0)
			f->g.bind.from = ORCH_DEFAULT,
			orch_parse_bind(f->a, "127.0.0.1:8000", none, &f->binds[0]);
		else if (strncmp(w, "bind=", 5) == 0) {
			if (f->g.bind.from != ORCH_DEFAULT && f->g.nbinds == 1 &&
			    strcmp(f->binds[0].host, "0.0.0.0") == 0 &&
			    f->binds[0].port == 8000)
				f->g.nbinds = 0; /* the first --bind replaces the default */
			assert_int_equal(orch_parse_bind(f->a, v, none,
			    &f->binds[f->g.nbinds++]), 0);
		}
	}
	free(dup);
}

static void
run_case(const struct ocase *c)
{
	struct source *src = src_new(c->name, c->yaml, strlen(c->yaml));
	struct findings fs = { 0 };
	struct ydoc_stream *ys = ydoc_parse(src, &fs);
	struct k8s_set *ks = k8s_new();
	struct gfill gf;
	size_t i;
	int n = 0;

	assert_int_equal(fs.n, 0);
	assert_true(ys->ndocs > 0);
	if (cmp_is_compose(ys->docs[0]->root)) {
		cmp_read(ks, ys, ".", &fs);
	} else {
		k8s_add_stream(ks, ys);
		k8s_finish(ks, &fs);
	}
	if (ks->nlaunches != 1)
		fail_msg("%s: %zu launches", c->name, ks->nlaunches);
	if (c->gspec != NULL) {
		fill(&gf, c->gspec);
		orch_check(&ks->launches[0], &gf.g, ks, NULL, &fs);
		arena_free(gf.a);
	} else {
		orch_check(&ks->launches[0], NULL, ks, NULL, &fs);
	}
	for (i = 0; i < fs.n; i++) {
		if (strcmp(fs.v[i].rule, c->rule) != 0)
			continue;
		n++;
		assert_non_null(fs.v[i].span.src);
		assert_string_equal(fs.v[i].launch, ks->launches[0].id);
	}
	if (getenv("ORCH_VERBOSE") != NULL)
		for (i = 0; i < fs.n; i++)
			print_message("%s: %s %s [%s]\n", c->name, fs.v[i].rule,
			    fs.v[i].message, fs.v[i].help ? fs.v[i].help : "");
	if (n != c->count) {
		for (i = 0; i < fs.n; i++)
			print_message("  %s %s\n", fs.v[i].rule, fs.v[i].message);
		fail_msg("%s: %d x %s, want %d", c->name, n, c->rule, c->count);
	}
	k8s_free(ks);
	ydoc_free(ys);
	fnd_free(&fs);
}

static void
test_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
	src_registry_free();
}

static void
test_parse_bind(void **state)
{
	static const struct { const char *in; const char *host; long port; int rc; } t[] = {
		{ "0.0.0.0:8000", "0.0.0.0", 8000, 0 },
		{ "tcp://example.com:81", "example.com", 81, 0 },
		{ "[::1]:9000", "::1", 9000, 0 },
		{ "[::]", "::", 8000, 0 },
		{ "localhost", "localhost", 8000, 0 },
		{ "unix:/run/g.sock", NULL, -1, 0 },
		{ "fd://3", NULL, -1, 0 },
		{ "h:80:extra", "h", 80, 0 },
		{ "h:http", "h", 0, -1 },
	};
	struct arena *a = arena_new();
	struct span none = { NULL, 0, 0 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct orch_bind b;

		assert_int_equal(orch_parse_bind(a, t[i].in, none, &b), t[i].rc);
		if (t[i].rc)
			continue;
		assert_int_equal(b.port, t[i].port);
		if (t[i].host == NULL)
			assert_null(b.host);
		else
			assert_string_equal(b.host, t[i].host);
	}
	arena_free(a);
}

/*
 * testdata/k8s/orch-example: a whole manifest, with gunicorn's values
 * filled from its args as the launch model will; every expected rule
 * fires and nothing else does.
 */
static void
test_example(void **state)
{
	static const char *const want[] = { "GL250", "GL251", "GL253", "GL502",
	    "GL503", "GL505", "GL507", "GL508", "GL509", "GL511", "GL512",
	    "GL513", "GL514" };
	struct source *src = src_read_file("testdata/k8s/orch-example/deploy.yaml",
	    NULL);
	struct findings fs = { 0 };
	struct ydoc_stream *ys;
	struct k8s_set *ks = k8s_new();
	const struct k8s_launch *l;
	struct gfill gf;
	size_t i, j;

	(void)state;
	assert_non_null(src);
	ys = ydoc_parse(src, &fs);
	k8s_add_stream(ks, ys);
	k8s_finish(ks, &fs);
	assert_int_equal(ks->nlaunches, 1);
	l = &ks->launches[0];
	assert_string_equal(l->argv[1].s, "--bind=0.0.0.0:8443");
	fill(&gf, "workers=9 class=uvicorn.workers.UvicornWorker timeout=60 "
	    "graceful=30 bind=0.0.0.0:8443 cert=/etc/tls/tls.crt "
	    "key=/etc/tls/tls.key tmp=default");
	orch_check(l, &gf.g, ks, NULL, &fs);
	fnd_sort(&fs);
	for (i = 0; i < fs.n; i++) {
		if (getenv("ORCH_VERBOSE") != NULL) {
			unsigned line, col;

			src_position(fs.v[i].span.src, fs.v[i].span.off, &line, &col);
			print_message("%u:%u: %s %s\n", line, col, fs.v[i].rule,
			    fs.v[i].message);
		}
		for (j = 0; j < sizeof(want) / sizeof(want[0]); j++)
			if (strcmp(fs.v[i].rule, want[j]) == 0)
				break;
		if (j == sizeof(want) / sizeof(want[0]))
			fail_msg("unexpected %s: %s", fs.v[i].rule, fs.v[i].message);
	}
	for (j = 0; j < sizeof(want) / sizeof(want[0]); j++) {
		for (i = 0; i < fs.n; i++)
			if (strcmp(fs.v[i].rule, want[j]) == 0)
				break;
		if (i == fs.n)
			fail_msg("%s did not fire", want[j]);
	}
	arena_free(gf.a);
	k8s_free(ks);
	ydoc_free(ys);
	fnd_free(&fs);
	src_registry_free();
}

/* A probe's span is its key, where GL514 and GL503 point. */
static void
test_probe_span(void **state)
{
	static const char y[] = POD("dnsPolicy: Default",
	    "livenessProbe: {httpGet: {port: 8000}, periodSeconds: 5}");
	struct source *src = src_new("probe", y, strlen(y));
	struct findings fs = { 0 };
	struct ydoc_stream *ys = ydoc_parse(src, &fs);
	struct k8s_set *ks = k8s_new();
	const struct k8s_probe *p;

	(void)state;
	k8s_add_stream(ks, ys);
	k8s_finish(ks, &fs);
	assert_int_equal(ks->nlaunches, 1);
	assert_int_equal(ks->launches[0].nprobes, 1);
	p = &ks->launches[0].probes[0];
	assert_int_equal(p->span.len, strlen("livenessProbe"));
	assert_memory_equal(src->text + p->span.off, "livenessProbe",
	    p->span.len);
	k8s_free(ks);
	ydoc_free(ys);
	fnd_free(&fs);
	src_registry_free();
}

/* GL502 points at the items[] mode that applies, not at defaultMode. */
static void
test_key_mode_item(void **state)
{
	static const char y[] = POD("volumes: [{name: t, secret: {secretName: t, "
	    "defaultMode: 0400, items: [{key: k, path: tls.key, mode: 0640}]}}]",
	    "volumeMounts: [{name: t, mountPath: /etc/tls}]");
	struct source *src = src_new("item", y, strlen(y));
	struct findings fs = { 0 };
	struct ydoc_stream *ys = ydoc_parse(src, &fs);
	struct k8s_set *ks = k8s_new();
	struct gfill gf;

	(void)state;
	k8s_add_stream(ks, ys);
	k8s_finish(ks, &fs);
	assert_int_equal(ks->nlaunches, 1);
	fill(&gf, "cert=/etc/tls/tls.crt key=/etc/tls/tls.key");
	orch_check(&ks->launches[0], &gf.g, ks, NULL, &fs);
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.v[0].rule, "GL502");
	assert_int_equal(fs.v[0].span.len, 4);
	assert_memory_equal(src->text + fs.v[0].span.off, "0640", 4);
	assert_non_null(strstr(fs.v[0].message, "group can read"));
	assert_string_equal(fs.v[0].help, "set mode: 0400");
	arena_free(gf.a);
	k8s_free(ks);
	ydoc_free(ys);
	fnd_free(&fs);
	src_registry_free();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_parse_bind),
		cmocka_unit_test(test_example),
		cmocka_unit_test(test_probe_span),
		cmocka_unit_test(test_key_mode_item),
	};

	return cmocka_run_group_tests_name("orch", tests, NULL, NULL);
}
