/*
 * test_orch.c: every orchestration rule (GL250-GL254, GL501-GL515) on a
 * small manifest or compose file, once where it must fire and once on a
 * near miss where it must not.  gunicorn's settings are given as a short
 * spec string ("workers=9 bind=0.0.0.0:8000 ...") that becomes options
 * of the container's gunicorn command; the file is read through the
 * model and the orchestration family runs on its one launch.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gunicorn/gunicorn.h"
#include "rules/rules_int.h"
#include "modeltest.h"

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
	const char *gspec; /* NULL: the command as written */
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

/*
 * The spec's words as gunicorn options, each quoted for YAML: the first
 * --bind replaces the 0.0.0.0:8000 every case starts from ("bind=default":
 * no --bind, gunicorn's own default); "wfrom=env" leaves the worker count
 * to the container's WEB_CONCURRENCY.
 */
static void
spec_flags(const char *spec, struct strbuf *sb)
{
	static const struct { const char *key, *flag; } opt[] = {
		{ "workers=", "--workers=" }, { "class=", "--worker-class=" },
		{ "timeout=", "--timeout=" }, { "graceful=", "--graceful-timeout=" },
		{ "cert=", "--certfile=" }, { "key=", "--keyfile=" },
		{ "tmp=", "--worker-tmp-dir=" }, { "bind=", "--bind=" },
	};
	char *dup = xstrdup(spec), *w, *save = NULL;
	int bind = 0, wenv = strstr(spec, "wfrom=env") != NULL;
	size_t i, n;

	for (w = strtok_r(dup, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (strncmp(w, "bind=", 5) == 0)
			bind = 1;
		if (strcmp(w, "bind=default") == 0 || strcmp(w, "tmp=default") == 0 ||
		    (wenv && strncmp(w, "workers=", 8) == 0))
			continue;
		for (i = 0; i < sizeof(opt) / sizeof(opt[0]); i++) {
			n = strlen(opt[i].key);
			if (strncmp(w, opt[i].key, n) == 0)
				sb_addf(sb, " '%s%s'", opt[i].flag, w + n);
		}
	}
	if (!bind)
		sb_adds(sb, " '--bind=0.0.0.0:8000'");
	free(dup);
}

/* The case's file with the spec's options in gunicorn's command. */
static char *
with_spec(const char *yaml, const char *spec)
{
	static const char pod[] = "command: [gunicorn, app:app]";
	static const char cmp[] = "command: gunicorn app:app";
	struct strbuf flags = STRBUF_INIT, out = STRBUF_INIT;
	const char *at;
	size_t i;

	if (spec == NULL)
		return xstrdup(yaml);
	spec_flags(spec, &flags);
	if ((at = strstr(yaml, pod)) != NULL) {
		sb_addf(&out, "%.*scommand: [gunicorn", (int)(at - yaml), yaml);
		for (i = 0; i < flags.len; i++)
			sb_adds(&out, flags.buf[i] == ' ' ? ", " :
			    (char[]){ flags.buf[i], '\0' });
		sb_addf(&out, ", app:app]%s", at + strlen(pod));
	} else {
		assert_non_null(at = strstr(yaml, cmp));
		sb_addf(&out, "%.*scommand: 'gunicorn", (int)(at - yaml), yaml);
		for (i = 0; i < flags.len; i++)
			if (flags.buf[i] != '\'')
				sb_addch(&out, flags.buf[i]);
		sb_addf(&out, " app:app'%s", at + strlen(cmp));
	}
	sb_release(&flags);
	return sb_detach(&out);
}

/* Runs the orchestration family on the one launch of a loaded file. */
static const struct gl_launch *
run_orch(struct mt *m)
{
	const struct rule_check *c;
	const struct gl_launch *l;

	if (m->set.n != 1)
		fail_msg("%s: %zu launches", m->path, m->set.n);
	l = &m->set.v[0];
	assert_non_null(l->k8s);
	assert_false(l->stopped);
	for (c = rules_orch; c->ids != NULL; c++)
		c->run(l, &m->fs);
	return l;
}

static void
run_case(const struct ocase *c)
{
	char *yaml = with_spec(c->yaml, c->gspec);
	const struct gl_launch *l;
	struct mt m;
	size_t i;
	int n = 0;

	mt_load(&m, NULL, strncmp(yaml, "services:", 9) == 0 ? "compose.yaml" :
	    "pod.yaml", yaml);
	assert_int_equal(m.fs.n, 0);
	l = run_orch(&m);
	for (i = 0; i < m.fs.n; i++) {
		if (strcmp(m.fs.v[i].rule, c->rule) != 0)
			continue;
		n++;
		assert_non_null(m.fs.v[i].span.src);
		assert_string_equal(m.fs.v[i].launch, l->k8s->id);
	}
	if (getenv("ORCH_VERBOSE") != NULL)
		for (i = 0; i < m.fs.n; i++)
			print_message("%s: %s %s [%s]\n", c->name, m.fs.v[i].rule,
			    m.fs.v[i].message, m.fs.v[i].help ? m.fs.v[i].help : "");
	if (n != c->count) {
		for (i = 0; i < m.fs.n; i++)
			print_message("  %s %s\n", m.fs.v[i].rule, m.fs.v[i].message);
		fail_msg("%s: %d x %s, want %d", c->name, n, c->rule, c->count);
	}
	mt_free(&m);
	free(yaml);
}

static void
test_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
}

/* gunicorn's bind syntax as the port rules read it (bind_parse()). */
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
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct bind_addr b;

		bind_parse(t[i].in, &b);
		assert_int_equal(b.kind == BIND_BAD_PORT ? -1 : 0, t[i].rc);
		if (t[i].rc)
			continue;
		if (t[i].host == NULL) {
			assert_true(b.kind == BIND_UNIX || b.kind == BIND_FD);
			continue;
		}
		assert_int_equal(b.kind, BIND_TCP);
		assert_int_equal(b.port, t[i].port);
		assert_string_equal(b.host, t[i].host);
	}
}

/*
 * testdata/k8s/orch-example: a whole manifest read through the model:
 * every expected rule fires and no other orchestration rule does.
 */
static void
test_example(void **state)
{
	static const char *const want[] = { "GL250", "GL251", "GL253", "GL502",
	    "GL503", "GL505", "GL507", "GL508", "GL509", "GL511", "GL512",
	    "GL513", "GL514" };
	static const char *const paths[] = {
		"testdata/k8s/orch-example/deploy.yaml" };
	struct model_opts o;
	struct gl_launches set;
	struct findings fs = { 0 };
	const struct rule_check *c;
	const struct k8s_launch *l;
	size_t i, j;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.version = GV_NEWEST;
	o.paths = paths;
	o.npaths = 1;
	assert_int_equal(model_collect(&o, &set, &fs), 0);
	assert_int_equal(set.n, 1);
	l = set.v[0].k8s;
	assert_non_null(l);
	assert_string_equal(l->argv[1].s, "--bind=0.0.0.0:8443");
	for (c = rules_orch; c->ids != NULL; c++)
		c->run(&set.v[0], &fs);
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
	model_free(&set);
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
	k8s_add_stream(ks, ys, &fs);
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
	char *yaml = with_spec(y, "cert=/etc/tls/tls.crt key=/etc/tls/tls.key");
	const struct finding *f;
	struct mt m;

	(void)state;
	mt_load(&m, NULL, "item.yaml", yaml);
	run_orch(&m);
	assert_int_equal(m.fs.n, 1);
	f = &m.fs.v[0];
	assert_string_equal(f->rule, "GL502");
	assert_int_equal(f->span.len, 4);
	assert_memory_equal(f->span.src->text + f->span.off, "0640", 4);
	assert_non_null(strstr(f->message, "group can read"));
	assert_string_equal(f->help, "set mode: 0400");
	mt_free(&m);
	free(yaml);
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
