/*
 * test_k8s.c: the Kubernetes front-end: the kubelet's $(VAR) expansion,
 * shell splitting, and the launch records read from manifests (workload
 * kinds, env and ConfigMaps, resources, probes, volumes, security context).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "front/front.h"

/* Known values; SECRET_* exist with unknown values; the rest are unset. */
static const char *
lookup(void *ctx, const char *name, size_t len, int *unknown)
{
	static const char *const vars[][2] = {
		{ "VAR_A", "A" }, { "VAR_B", "B" }, { "VAR_EMPTY", "" },
		{ "PORT", "8000" },
	};
	size_t i;

	(void)ctx;
	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if (strlen(vars[i][0]) == len && memcmp(vars[i][0], name, len) == 0)
			return vars[i][1];
	*unknown = len >= 7 && memcmp(name, "SECRET_", 7) == 0;
	return NULL;
}

static void
test_expand(void **state)
{
	static const struct { const char *in, *out; int unres; } t[] = {
		{ "$(VAR_A)", "A", 0 },
		{ "___$(VAR_B)___", "___B___", 0 },
		{ "$(VAR_A)-$(VAR_B)", "A-B", 0 },
		{ "$(VAR_A)$(VAR_B)", "AB", 0 },
		{ "$(VAR_DNE)", "$(VAR_DNE)", 0 }, /* unset: kept, and that is final */
		{ "$(SECRET_X)", "$(SECRET_X)", 1 },
		{ "x$(VAR_EMPTY)y", "xy", 0 },
		{ "$$(VAR_A)", "$(VAR_A)", 0 },
		{ "$$$(VAR_A)", "$A", 0 },
		{ "$$$$(VAR_A)", "$$(VAR_A)", 0 },
		{ "$(VAR_A", "$(VAR_A", 0 },
		{ "$VAR_A", "$VAR_A", 0 },
		{ "${VAR_A}", "${VAR_A}", 0 },
		{ "$", "$", 0 }, { "$$", "$", 0 }, { "$$$", "$$", 0 },
		{ "$(", "$(", 0 }, { "$)", "$)", 0 }, { "$()", "$()", 0 },
		{ "\\$(VAR_A)", "\\A", 0 },
		{ "0.0.0.0:$(PORT)", "0.0.0.0:8000", 0 },
		{ "$(VAR_A))", "A)", 0 },
		{ "$((VAR_A))", "$((VAR_A))", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int unres = 0;
		char *s = k8s_expand(t[i].in, lookup, NULL, &unres);

		if (strcmp(s, t[i].out) != 0 || unres != t[i].unres)
			fail_msg("'%s': got '%s' (%d), want '%s' (%d)", t[i].in,
			    s, unres, t[i].out, t[i].unres);
		free(s);
	}
}

static void
test_shell_split(void **state)
{
	struct arena *a = arena_new();
	const char *text = "gunicorn -b '0.0.0.0:80' --name \"my app\" a\\ b";
	struct source *src = src_new("s", text, strlen(text));
	struct k8s_word *w;
	long n;

	(void)state;
	n = k8s_shell_split(a, text, span_make(src, 0, src->len), NULL, NULL, &w);
	assert_int_equal(n, 6);
	assert_string_equal(w[2].s, "0.0.0.0:80");
	assert_int_equal(w[2].span.off, 12);
	assert_int_equal(w[2].span.len, 12);
	assert_string_equal(w[4].s, "my app");
	assert_string_equal(w[5].s, "a b");
	assert_int_equal(k8s_shell_split(a, "a 'b", span_make(NULL, 0, 0), NULL,
	    NULL, &w), -1);
	/* with the container's env: $NAME and ${NAME}, not inside '' */
	n = k8s_shell_split(a, "gunicorn -b 0.0.0.0:$PORT -w ${VAR_A}x '$PORT' "
	    "\"$VAR_B\" $SECRET_X ${VAR_A:-1} $1 cost$ x$NOPE", span_make(NULL, 0, 0),
	    lookup, NULL, &w);
	assert_int_equal(n, 12);
	assert_string_equal(w[2].s, "0.0.0.0:8000");
	assert_false(w[2].unresolved);
	assert_string_equal(w[4].s, "Ax");
	assert_string_equal(w[5].s, "$PORT");
	assert_false(w[5].unresolved);
	assert_string_equal(w[6].s, "B");
	assert_string_equal(w[7].s, "$SECRET_X");
	assert_true(w[7].unresolved);
	assert_true(w[8].unresolved);
	assert_true(w[9].unresolved);
	assert_string_equal(w[9].s, "$1");
	assert_string_equal(w[10].s, "cost$");
	assert_false(w[10].unresolved);
	assert_string_equal(w[11].s, "x"); /* certainly unset: empty */
	assert_int_equal(k8s_find_gunicorn(w, 0), -1);
	arena_free(a);
	src_registry_free();
}

static const char manifest[] =
    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-env}\n"
    "data: {WEB_CONCURRENCY: \"3\", LOG_LEVEL: debug}\n"
    "---\n"
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\n"
    "spec:\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n"
    "      terminationGracePeriodSeconds: 10\n"
    "      securityContext: {runAsUser: 1000}\n"
    "      volumes:\n"
    "      - name: tls\n        secret: {secretName: api-tls, defaultMode: 0440}\n"
    "      - name: tmp\n        emptyDir: {medium: Memory}\n"
    "      containers:\n"
    "      - name: sidecar\n        image: nginx\n        envFrom: [{configMapRef: {name: missing}}]\n"
    "      - name: web\n        image: app:1\n"
    "        command: [\"gunicorn\"]\n"
    "        args: [\"--bind\", \"0.0.0.0:$(PORT)\", \"--workers\", \"$(CPUS)\", \"app:app\", \"$$(X)\"]\n"
    "        envFrom: [{configMapRef: {name: app-env}, prefix: P_}]\n"
    "        env:\n"
    "        - {name: PORT, value: \"8000\"}\n"
    "        - {name: URL, value: \"http://x:$(PORT)\"}\n"
    "        - name: CPUS\n          valueFrom: {resourceFieldRef: {resource: limits.cpu}}\n"
    "        - name: PASS\n          valueFrom: {secretKeyRef: {name: s, key: k}}\n"
    "        - name: LVL\n          valueFrom: {configMapKeyRef: {name: app-env, key: LOG_LEVEL}}\n"
    "        - name: GONE\n          valueFrom: {configMapKeyRef: {name: elsewhere, key: x}}\n"
    "        resources: {limits: {cpu: 1500m, memory: 512Mi}, requests: {cpu: \"0.5\"}}\n"
    "        ports: [{name: http, containerPort: 8000}]\n"
    "        readinessProbe: {httpGet: {port: http, path: /healthz, scheme: HTTPS}}\n"
    "        livenessProbe: {tcpSocket: {port: 8000}, periodSeconds: 5}\n"
    "        volumeMounts: [{name: tls, mountPath: /etc/tls, readOnly: true}, {name: tmp, mountPath: /tmp}]\n"
    "        securityContext: {runAsNonRoot: true, readOnlyRootFilesystem: true,\n"
    "          capabilities: {add: [NET_BIND_SERVICE]}}\n"
    "---\n"
    "apiVersion: v1\nkind: Service\nmetadata: {name: api}\n"
    "spec: {selector: {app: api}, ports: [{port: 80, targetPort: http}]}\n";

static struct k8s_set *
load(const char *text, struct findings *fs, struct ydoc_stream **ys)
{
	struct source *src = src_new("deploy.yaml", text, strlen(text));
	struct k8s_set *ks = k8s_new();

	*ys = ydoc_parse(src, fs);
	k8s_add_stream(ks, *ys, fs);
	k8s_finish(ks, fs);
	return ks;
}

static void
test_manifest(void **state)
{
	struct findings fs = { 0 };
	struct ydoc_stream *ys;
	struct k8s_set *ks = load(manifest, &fs, &ys);
	const struct k8s_launch *l;
	const struct k8s_env *e;

	(void)state;
	assert_int_equal(ks->nlaunches, 1);
	assert_int_equal(ks->npending, 1); /* nginx: its command is the image's */
	l = &ks->launches[0];
	assert_string_equal(l->id, "deploy.yaml#Deployment/api/containers/web");
	assert_int_equal(l->gunicorn_at, 0);
	assert_int_equal(l->argc, 7);
	assert_string_equal(l->argv[2].s, "0.0.0.0:8000");
	assert_string_equal(l->argv[4].s, "2"); /* ceil(1500m) */
	assert_string_equal(l->argv[6].s, "$(X)");
	e = k8s_env_get(l, "P_WEB_CONCURRENCY");
	assert_non_null(e);
	assert_string_equal(e->value, "3");
	assert_int_equal(e->origin, K8S_ENV_FROM_CONFIGMAP);
	assert_string_equal(k8s_env_get(l, "URL")->value, "http://x:8000");
	assert_null(k8s_env_get(l, "PASS")->value);
	assert_string_equal(k8s_env_get(l, "LVL")->value, "debug");
	assert_null(k8s_env_get(l, "GONE")->value);
	/* only the unresolved ConfigMap of the gunicorn container is reported */
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.v[0].rule, "GL510");
	assert_non_null(strstr(fs.v[0].message, "elsewhere"));
	assert_int_equal(l->res.cpu_limit.milli, 1500);
	assert_int_equal(l->res.cpu_request.milli, 500);
	assert_int_equal(l->res.mem_limit.value, 512 * 1024 * 1024);
	assert_false(l->res.mem_request.set);
	assert_int_equal(l->nports, 1);
	assert_int_equal(l->nprobes, 2);
	assert_int_equal(l->probes[0].kind, K8S_READINESS);
	assert_int_equal(l->probes[0].port, 8000); /* the named port */
	assert_true(l->probes[0].https);
	assert_int_equal(l->probes[0].period, 10);
	assert_int_equal(l->probes[1].type, K8S_PROBE_TCP);
	assert_int_equal(l->probes[1].period, 5);
	assert_int_equal(l->nmounts, 2);
	assert_non_null(l->mounts[0].vol);
	assert_int_equal(l->mounts[0].vol->type, K8S_VOL_SECRET);
	assert_int_equal(l->mounts[0].vol->default_mode, 0440);
	assert_true(l->mounts[1].vol->memory);
	assert_int_equal(l->sec.run_as_user, 1000);
	assert_int_equal(l->sec.run_as_non_root, 1);
	assert_int_equal(l->sec.read_only_root, 1);
	assert_int_equal(l->sec.ncap_add, 1);
	assert_int_equal(l->grace, 10);
	assert_int_equal(ks->nservices, 1);
	assert_string_equal(ks->services[0].ports[0].target_name, "http");
	k8s_free(ks);
	ydoc_free(ys);
	fnd_free(&fs);
	src_registry_free();
}

static void
test_kinds(void **state)
{
	static const char text[] =
	    "# Source: chart/templates/cron.yaml\n"
	    "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\n"
	    "spec: {jobTemplate: {spec: {template: {spec: {containers: [\n"
	    "  {name: c, image: i, command: [python3, -m, gunicorn, app:app]}]}}}}}\n"
	    "---\n"
	    "apiVersion: v1\nkind: List\nitems:\n"
	    "- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n"
	    "  spec: {initContainers: [{name: i, image: x, command: [sh, -ec, \"exec gunicorn -w 2 app:app; echo done\"]}],\n"
	    "         containers: [{name: c, image: x, env: [{name: GUNICORN_CMD_ARGS, value: -w 3}]}]}\n"
	    "---\n"
	    "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\n"
	    "spec: {template: {spec: {containers: [{name: c, image: x, args: [gunicorn, !Format \"-w={n}\"],\n"
	    "  env: [{name: A, value: !Var a}]}]}}}\n";
	struct findings fs = { 0 };
	struct ydoc_stream *ys;
	struct k8s_set *ks = load(text, &fs, &ys);

	(void)state;
	assert_int_equal(fs.n, 0);
	assert_int_equal(ks->nlaunches, 4);
	assert_string_equal(ks->launches[0].kind, "CronJob");
	assert_string_equal(ks->launches[0].helm_source,
	    "# Source: chart/templates/cron.yaml");
	assert_null(ks->launches[1].helm_source);
	assert_int_equal(ks->launches[0].gunicorn_at, 2);
	assert_true(ks->launches[1].init);
	assert_true(ks->launches[1].via_shell);
	assert_int_equal(ks->launches[1].gunicorn_at, 1);
	assert_string_equal(ks->launches[1].argv[3].s, "2");
	assert_int_equal(ks->launches[1].gunicorn_end, 5); /* "; echo done" */
	assert_int_equal(ks->launches[2].gunicorn_at, -1); /* via GUNICORN_CMD_ARGS */
	assert_string_equal(ks->launches[2].id, "deploy.yaml#Pod/p/containers/c");
	assert_string_equal(ks->launches[3].kind, "Rollout");
	assert_false(ks->launches[3].argv[0].unresolved);
	assert_true(ks->launches[3].argv[1].unresolved); /* a template tag */
	assert_null(k8s_env_get(&ks->launches[3], "A")->value);
	k8s_free(ks);
	ydoc_free(ys);
	fnd_free(&fs);
	src_registry_free();
}

/* The kubelet keeps an unknown $(NAME); whether that is final depends. */
static void
test_kubelet_lookup(void **state)
{
	static const char text[] =
	    "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [\n"
	    "  {name: a, command: [gunicorn, $(UNSET), $(API_SERVICE_HOST), $(S)],\n"
	    "   env: [{name: S, valueFrom: {secretKeyRef: {name: s, key: k}}}]},\n"
	    "  {name: b, command: [gunicorn, $(UNSET)], envFrom: [{secretRef: {name: s}}]}]}\n";
	struct findings fs = { 0 };
	struct ydoc_stream *ys;
	struct k8s_set *ks = load(text, &fs, &ys);

	(void)state;
	assert_int_equal(ks->nlaunches, 2);
	assert_string_equal(ks->launches[0].argv[1].s, "$(UNSET)");
	assert_false(ks->launches[0].argv[1].unresolved); /* certainly unset */
	assert_true(ks->launches[0].argv[2].unresolved);  /* a Service link */
	assert_true(ks->launches[0].argv[3].unresolved);  /* a Secret */
	assert_true(ks->launches[1].argv[1].unresolved);  /* envFrom a Secret */
	k8s_free(ks);
	ydoc_free(ys);
	fnd_free(&fs);
	src_registry_free();
}

static struct k8s_word
word(const char *s)
{
	struct k8s_word w = { s, { NULL, 0, 0 }, 0 };

	return w;
}

/* Pending containers completed with their image's ENTRYPOINT/CMD/ENV/USER. */
static void
test_resolve_image(void **state)
{
	static const char text[] =
	    "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [\n"
	    "  {name: a, image: api, args: [--workers, '3', app:app]},\n"
	    "  {name: b, image: api2, env: [{name: PORT, value: '9000'}],\n"
	    "   envFrom: [{configMapRef: {name: gone}}]},\n"
	    "  {name: c, image: nginx}]}\n";
	const struct k8s_word ep[] = { word("gunicorn") };
	const struct k8s_word cmd[] = { word("--workers"), word("1"), word("x:y") };
	const struct k8s_word shcmd[] = { word("/bin/sh"), word("-c"),
	    word("exec gunicorn -b 0.0.0.0:$PORT -w $W app:app") };
	const struct k8s_word ngx[] = { word("nginx"), word("-g"), word("daemon off;") };
	struct k8s_env ienv[2];
	struct k8s_image img;
	struct findings fs = { 0 };
	struct ydoc_stream *ys;
	struct k8s_set *ks = load(text, &fs, &ys);
	const struct k8s_launch *l;

	(void)state;
	memset(ienv, 0, sizeof(ienv));
	ienv[0].name = "PORT";
	ienv[0].value = "8000";
	ienv[1].name = "W";
	ienv[1].value = "4";
	assert_int_equal(ks->nlaunches, 0);
	assert_int_equal(ks->npending, 3);
	assert_int_equal(fs.n, 0); /* pending: not reported yet */
	/* a: ENTRYPOINT + the container's args (CMD is replaced) */
	memset(&img, 0, sizeof(img));
	img.entrypoint = ep;
	img.nentrypoint = 1;
	img.cmd = cmd;
	img.ncmd = 3;
	img.user = "1000";
	assert_int_equal(k8s_resolve_image(ks, 0, &img, &fs), 1);
	assert_int_equal(ks->nlaunches, 1);
	assert_int_equal(ks->npending, 2);
	l = &ks->launches[0];
	assert_string_equal(l->container, "a");
	assert_int_equal(l->argc, 4);
	assert_string_equal(l->argv[2].s, "3");
	assert_int_equal(l->gunicorn_at, 0);
	assert_int_equal(l->sec.run_as_user, 1000);
	/* b: shell-form CMD; the container's PORT wins over the image's */
	memset(&img, 0, sizeof(img));
	img.cmd = shcmd;
	img.ncmd = 3;
	img.env = ienv;
	img.nenv = 2;
	assert_int_equal(k8s_resolve_image(ks, 0, &img, &fs), 1);
	l = &ks->launches[1];
	assert_string_equal(l->container, "b");
	assert_true(l->via_shell);
	assert_string_equal(l->argv[3].s, "0.0.0.0:9000");
	assert_string_equal(l->argv[5].s, "4");
	assert_int_equal(k8s_env_get(l, "W")->origin, K8S_ENV_IMAGE);
	assert_int_equal(fs.n, 1); /* now a launch: its missing ConfigMap */
	assert_string_equal(fs.v[0].rule, "GL510");
	assert_string_equal(fs.v[0].launch, l->id);
	/* c: nginx stays pending */
	memset(&img, 0, sizeof(img));
	img.cmd = ngx;
	img.ncmd = 3;
	assert_int_equal(k8s_resolve_image(ks, 0, &img, &fs), 0);
	assert_int_equal(ks->npending, 1);
	assert_int_equal(ks->pending[0].argc, 3);
	assert_int_equal(k8s_resolve_image(ks, 5, &img, &fs), 0);
	k8s_free(ks);
	ydoc_free(ys);
	fnd_free(&fs);
	src_registry_free();
}

static void
test_namespaces(void **state)
{
	static const char text[] =
	    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: other}\n"
	    "data: {A: '1'}\n---\n"
	    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg2}\ndata: {B: '2'}\n---\n"
	    "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: prod}\n"
	    "spec: {containers: [{name: c, command: [gunicorn], envFrom: "
	    "[{configMapRef: {name: cfg}}, {configMapRef: {name: cfg2}}]}]}\n";
	struct findings fs = { 0 };
	struct ydoc_stream *ys;
	struct k8s_set *ks = load(text, &fs, &ys);

	(void)state;
	assert_int_equal(ks->nlaunches, 1);
	assert_string_equal(ks->launches[0].namespace, "prod");
	assert_null(k8s_env_get(&ks->launches[0], "A"));
	assert_string_equal(k8s_env_get(&ks->launches[0], "B")->value, "2");
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.v[0].rule, "GL510");
	k8s_free(ks);
	ydoc_free(ys);
	fnd_free(&fs);
	src_registry_free();
}

/* Labels and selectors are copies that outlive the tree, read as ydoc_get would. */
static void
test_labels_copied(void **state)
{
	static const char text[] =
	    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n"
	    "spec:\n  template:\n    metadata: {labels: {app: old, tier: web, "
	    "app: api, [x]: y}}\n"
	    "    spec: {containers: [{name: c, command: [gunicorn]}]}\n---\n"
	    "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n"
	    "spec: {selector: {app: api, tier: web}}\n";
	struct findings fs = { 0 };
	struct ydoc_stream *ys;
	struct k8s_set *ks = load(text, &fs, &ys);
	const struct k8s_pairs *lb;

	(void)state;
	ydoc_free(ys); /* nothing below may read the tree */
	assert_int_equal(ks->nlaunches, 1);
	lb = &ks->launches[0].labels;
	assert_true(lb->is_map);
	assert_int_equal(lb->n, 3); /* the [x] key can never be asked for */
	assert_string_equal(k8s_pairs_get(lb, "app"), "api"); /* the last */
	assert_string_equal(k8s_pairs_get(lb, "tier"), "web");
	assert_null(k8s_pairs_get(lb, "ap"));
	assert_null(k8s_pairs_get(lb, "x"));
	assert_int_equal(ks->nservices, 1);
	assert_int_equal(ks->services[0].selector.n, 2);
	assert_string_equal(ks->services[0].selector.v[1].key, "tier");
	assert_string_equal(ks->services[0].selector.v[1].value, "web");
	k8s_free(ks);
	fnd_free(&fs);
	src_registry_free();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expand),
		cmocka_unit_test(test_shell_split),
		cmocka_unit_test(test_manifest),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_namespaces),
		cmocka_unit_test(test_labels_copied),
		cmocka_unit_test(test_kubelet_lookup),
		cmocka_unit_test(test_resolve_image),
	};

	return cmocka_run_group_tests_name("k8s", tests, NULL, NULL);
}
