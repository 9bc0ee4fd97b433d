/*
 * orch_net.c: the port chain and the probes.  gunicorn's --bind ports
 * are the truth; containerPort (compose: the container side of ports),
 * a selecting Service's targetPort and every probe must reach one of
 * them, over TLS exactly when gunicorn has a certificate (GL503-GL506,
 * GL513-GL515), and the kubelet must not outrun gunicorn's timeouts
 * (GL507, GL514).
 */
#include <stdlib.h>
#include <string.h>

#include "orch_int.h"

static const char *const probe_names[] = {
	[K8S_READINESS] = "readinessProbe", [K8S_LIVENESS] = "livenessProbe",
	[K8S_STARTUP] = "startupProbe", [K8S_HEALTHCHECK] = "healthcheck",
};

static int
tls_on(const struct gl_launch *l)
{
	return orch_known(l, "certfile") && lv_str(l, "certfile") != NULL &&
	    orch_known(l, "keyfile") && lv_str(l, "keyfile") != NULL;
}

/* GL503, GL504 */
static void
check_probes(const struct gl_launch *gl, struct findings *fs)
{
	const struct k8s_launch *l = gl->k8s;
	size_t i;
	char *ports = orch_bind_ports(gl);

	for (i = 0; i < l->nprobes; i++) {
		const struct k8s_probe *p = &l->probes[i];
		const char *pn = probe_names[p->kind];
		struct finding *f;

		if (p->type == K8S_PROBE_EXEC || p->type == K8S_PROBE_NONE) {
			if (p->port == -1)
				continue;
		}
		if (p->port == -1 && p->port_name != NULL) {
			orch_add(fs, l, "GL504", p->port_span, "%s uses port "
			    "'%s', which the container does not declare",
			    pn, p->port_name);
			continue;
		}
		if (p->port == -1)
			continue;
		if (!orch_binds_port(gl, p->port)) {
			f = orch_add(fs, l, "GL504", p->port_span, "%s checks port "
			    "%ld, but gunicorn listens on %s", pn, p->port, ports);
			fnd_set_help(f, "probe one of: %s", ports);
			continue;
		}
		if (p->type != K8S_PROBE_HTTP || p->https == tls_on(gl))
			continue;
		f = orch_add(fs, l, "GL503", orch_pick(p->scheme_span, p->span),
		    "%s speaks %s to port %ld, but gunicorn serves %s there", pn,
		    p->https ? "HTTPS" : F_("plain HTTP"), p->port,
		    p->https ? F_("plain HTTP") : F_("TLS (--certfile/--keyfile)"));
		if (p->kind == K8S_HEALTHCHECK)
			fnd_set_help(f, "use %s://localhost:%ld in the test%s",
			    p->https ? "http" : "https", p->port, p->https ? "" :
			    F_(" (curl -k, or give it the CA)"));
		else
			fnd_set_help(f, "set scheme: %s", p->https ? "HTTP" :
			    "HTTPS");
	}
	free(ports);
}

/* GL505 */
static void
check_container_ports(const struct gl_launch *gl, struct findings *fs)
{
	const struct k8s_launch *l = gl->k8s;
	struct finding *f;
	char *ports;
	size_t i;

	if (l->nports == 0)
		return;
	for (i = 0; i < l->nports; i++)
		if (orch_binds_port(gl, l->ports[i].port))
			return;
	ports = orch_bind_ports(gl);
	f = orch_add(fs, l, "GL505", l->ports[0].span, "%s %ld is not a port "
	    "gunicorn binds (%s)", l->from == K8S_FROM_COMPOSE ?
	    F_("the mapping's container port") : "containerPort",
	    l->ports[0].port, ports);
	fnd_set_help(f, "use %s", ports);
	free(ports);
}

static int
has_cap(const struct k8s_launch *l, const char *cap)
{
	size_t i;

	for (i = 0; i < l->sec.ncap_add; i++) {
		const char *c = l->sec.cap_add[i];

		if (strncmp(c, "CAP_", 4) == 0)
			c += 4;
		if (strcmp(c, cap) == 0 || strcmp(c, "ALL") == 0)
			return 1;
	}
	return 0;
}

/* GL506 */
static void
check_privileged_port(const struct gl_launch *gl, struct findings *fs)
{
	const struct k8s_launch *l = gl->k8s;
	char who[64];
	size_t i;

	if (l->sec.run_as_user_set && l->sec.run_as_user != 0)
		snprintf(who, sizeof(who), "%s: %lld", l->from == K8S_FROM_COMPOSE ?
		    "user" : "runAsUser", l->sec.run_as_user);
	else if (l->sec.run_as_non_root == 1 && !l->sec.run_as_user_set)
		snprintf(who, sizeof(who), "%s%.40s", l->from == K8S_FROM_COMPOSE ?
		    "user: " : "runAsNonRoot: true", l->from == K8S_FROM_COMPOSE ?
		    (l->user != NULL ? l->user : "a name") : "");
	else
		return;
	if (has_cap(l, "NET_BIND_SERVICE"))
		return;
	for (i = 0; i < orch_nbinds(gl); i++) {
		struct bind_addr b;
		struct span sp;
		struct finding *f;

		if (orch_bind_at(gl, i, &b, &sp) != 0 || b.kind != BIND_TCP ||
		    b.port <= 0 || b.port >= 1024)
			continue;
		f = orch_add(fs, l, "GL506", orch_pick(sp, orch_span(gl, "bind")),
		    "gunicorn binds port %ld while the container runs as a "
		    "non-root user (%s): that needs NET_BIND_SERVICE unless the "
		    "runtime allows unprivileged low ports", b.port, who);
		fnd_set_help(f, "bind 8080 (or another port >= 1024) and map it");
	}
}

/* GL515 */
static void
check_loopback(const struct gl_launch *gl, struct findings *fs)
{
	const struct k8s_launch *l = gl->k8s;
	static const char *const loop[] = { "127.0.0.1", "localhost", "::1" };
	size_t i, j, n = 0, lo = 0;
	long first = 0; /* the port of the first bind gunicorn can bind */
	int seen = 0;
	struct bind_addr b;
	struct finding *f;

	if (l->shared_netns)
		return; /* a proxy in the same network namespace can connect */
	for (i = 0; i < orch_nbinds(gl); i++) {
		if (orch_bind_at(gl, i, &b, NULL) != 0)
			continue;
		if (!seen++)
			first = b.kind == BIND_TCP ? b.port : 0;
		if (b.kind != BIND_TCP)
			continue;
		n++;
		for (j = 0; j < 3; j++)
			lo += strcmp(b.host, loop[j]) == 0;
	}
	if (n == 0 || lo < n)
		return;
	f = orch_add(fs, l, "GL515", orch_pick(orch_span(gl, "bind"),
	    l->gunicorn_at >= 0 ? l->argv[l->gunicorn_at].span : l->span),
	    "gunicorn listens only on the loopback address%s: probes, "
	    "Services and published ports cannot reach it",
	    !lv_given(gl, "bind") ? F_(" (the default bind 127.0.0.1:8000)") : "");
	fnd_set_help(f, "bind 0.0.0.0:%ld", first > 0 ? first : 8000L);
}

/*
 * Every key/value of the Service's selector is one of the pod's labels,
 * in the same namespace (one not written is the one applied to: any).
 */
static int
selects(const struct k8s_service *s, const struct k8s_launch *l)
{
	size_t i;

	if (s->namespace != NULL && l->namespace != NULL &&
	    strcmp(s->namespace, l->namespace) != 0)
		return 0;
	if (s->selector.n == 0 || !l->labels.is_map)
		return 0;
	for (i = 0; i < s->selector.n; i++) {
		const char *v = k8s_pairs_get(&l->labels, s->selector.v[i].key);

		if (v == NULL || strcmp(v, s->selector.v[i].value) != 0)
			return 0;
	}
	return 1;
}

/* GL513 */
static void
check_services(const struct gl_launch *gl, struct findings *fs)
{
	const struct k8s_launch *l = gl->k8s;
	const struct k8s_set *ks = gl->k8s_set;
	size_t i, j, k;

	for (i = 0; ks != NULL && i < ks->nservices; i++) {
		const struct k8s_service *s = &ks->services[i];

		if (!selects(s, l))
			continue;
		for (j = 0; j < s->nports; j++) {
			const struct k8s_service_port *sp = &s->ports[j];
			long t = sp->target;
			struct finding *f;
			char *ports;

			for (k = 0; sp->target_name && k < l->nports; k++)
				if (l->ports[k].name &&
				    strcmp(l->ports[k].name, sp->target_name) == 0)
					t = l->ports[k].port;
			if (t == -1 && sp->target_name != NULL) {
				orch_add(fs, l, "GL513", sp->span, "Service '%s' "
				    "targets port '%s', which container '%s' does "
				    "not declare", s->name, sp->target_name,
				    l->container);
				continue;
			}
			if (t <= 0 || orch_binds_port(gl, t))
				continue;
			ports = orch_bind_ports(gl);
			f = orch_add(fs, l, "GL513", sp->span, "Service '%s' sends "
			    "port %ld to %ld, but gunicorn listens on %s", s->name,
			    sp->port, t, ports);
			fnd_set_help(f, "set targetPort: %s", ports);
			free(ports);
		}
	}
}

/* GL507 */
static void
check_grace(const struct gl_launch *gl, struct findings *fs)
{
	const struct k8s_launch *l = gl->k8s;
	int compose = l->from == K8S_FROM_COMPOSE;
	long grace = l->grace >= 0 ? l->grace : compose ? 10 : 30;
	long left = grace - l->prestop; /* the preStop hook runs first */
	long long gt = lv_int(gl, "graceful_timeout", 0);
	const char *what = compose ? "stop_grace_period" :
	    "terminationGracePeriodSeconds";
	struct finding *f;

	if (!orch_known(gl, "graceful_timeout"))
		return; /* not known (a config file gunilint does not read) */
	/*
	 * compose's 10 s default against gunicorn's 30 s default would
	 * flag nearly every compose file; judge it once either is chosen.
	 */
	if (left >= gt || (compose && l->grace < 0 &&
	    !lv_given(gl, "graceful_timeout")))
		return;
	if (l->prestop > 0)
		f = orch_add(fs, l, "GL507", orch_pick(l->grace_span,
		    l->prestop_span), "%s is %lds%s and the preStop hook "
		    "sleeps %lds of it, leaving %lds, but gunicorn waits up to "
		    "%llds (--graceful-timeout) for requests in flight: they "
		    "are killed", what, grace, l->grace >= 0 ? "" :
		    F_(" (the default)"), l->prestop, left > 0 ? left : 0, gt);
	else
		f = orch_add(fs, l, "GL507", orch_pick(l->grace_span, l->span),
		    "%s is %lds%s but gunicorn waits up to %llds "
		    "(--graceful-timeout) for requests in flight: they are "
		    "killed", what, grace, l->grace >= 0 ? "" : F_(" (the default)"),
		    gt);
	fnd_set_help(f, "set %s to %llds or more", what, gt + l->prestop + 5);
}

/* GL514 */
static void
check_probe_timing(const struct gl_launch *gl, struct findings *fs)
{
	const struct k8s_launch *l = gl->k8s;
	long long t = lv_int(gl, "timeout", 0);
	size_t i;

	if (!orch_known(gl, "timeout") || t <= 0)
		return; /* --timeout 0 disables gunicorn's worker timeout */
	for (i = 0; i < l->nprobes; i++) {
		const struct k8s_probe *p = &l->probes[i];
		long window = p->period * p->failure_threshold;
		struct finding *f;

		if (p->kind != K8S_LIVENESS || window >= t)
			continue;
		f = orch_add(fs, l, "GL514", p->span, "livenessProbe gives up "
		    "after %lds (%ld x %lds) but gunicorn replaces a stuck "
		    "worker only after %llds (--timeout): the whole container "
		    "restarts first", window, p->failure_threshold, p->period, t);
		fnd_set_help(f, "failureThreshold x periodSeconds above %llds", t);
	}
}

void
orch_net(const struct gl_launch *l, struct findings *fs)
{
	check_grace(l, fs);
	check_probe_timing(l, fs);
	if (!orch_has_tcp_bind(l))
		return;
	check_loopback(l, fs);
	check_probes(l, fs);
	check_container_ports(l, fs);
	check_privileged_port(l, fs);
	check_services(l, fs);
}
