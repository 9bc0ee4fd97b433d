/*
 * rules_bind.c: where the launch listens (GL14x).  Facts: the bind default
 * is 127.0.0.1:8000, or 0.0.0.0:$PORT when PORT is set at import time;
 * fd:// sockets make gunicorn ignore every TCP and unix bind (sock.py
 * create_sockets); see gunicorn-semantics.md section 5.
 */
#include <stdlib.h>
#include <string.h>

#include "gunicorn/gunicorn.h"
#include "rules/rules_int.h"

/* The bind list as strings; n = 0 when unknown. */
static size_t
bind_list(const struct gl_launch *l, const char ***out)
{
	const struct launch_value *v = lv(l, "bind");
	static const char *none[1];
	const char **list;
	size_t i;

	*out = none;
	if (v == NULL || v->value == NULL || v->value->kind != PV_LIST)
		return 0;
	list = xcalloc(v->value->n + 1, sizeof(*list));
	for (i = 0; i < v->value->n; i++)
		list[i] = v->value->items[i]->kind == PV_STR ?
		    v->value->items[i]->s : "";
	*out = list;
	return v->value->n;
}

/* GL140 default-bind, GL141 loopback-bind: unreachable from outside. */
static void
check_reachable(const struct gl_launch *l, struct findings *fs,
    const char **binds, size_t n)
{
	struct bind_addr b;
	size_t i;

	/*
	 * In Kubernetes and compose, GL515 follows the whole port chain.  A
	 * systemd service runs on its host, usually behind a proxy there:
	 * the loopback default is how that is meant to be set up.
	 */
	if (l->where.orchestrated == 1 || l->sd != NULL)
		return;
	if (!lv_given(l, "bind")) {
		const struct launch_value *v = lv(l, "bind");

		if (l->where.config_unread == 1)
			return; /* the config file may well set it */
		if (l->where.cmdline_unknown == 1)
			return; /* so may the command line that reads the env file */

		if (v != NULL && v->origin == LO_ENV_DEFAULT)
			return; /* PORT made it 0.0.0.0:$PORT */
		fnd_set_help(fnd_add(fs, "GL140", l->anchor, "no --bind and no "
		    "PORT: gunicorn listens on 127.0.0.1:8000, which nothing "
		    "outside %s can reach", l->where.in_container == 0 ?
		    F_("this machine") : F_("the container")),
		    "add --bind=0.0.0.0:8000 (or the port the service uses)");
		return;
	}
	for (i = 0; i < n; i++) {
		bind_parse(binds[i], &b);
		if (b.kind != BIND_TCP || !b.loopback || l->where.in_container == 0)
			continue;
		fnd_set_help(fnd_add(fs, "GL141", lv_span(l, "bind"), "'%s' "
		    "listens on the loopback interface only: in a container "
		    "nothing outside it can connect", binds[i]),
		    "bind to 0.0.0.0:%ld (or [::]:%ld) instead", b.port, b.port);
	}
}

/* GL142 privileged-port: ports below 1024 need root or CAP_NET_BIND_SERVICE. */
static void
check_ports(const struct gl_launch *l, struct findings *fs,
    const char **binds, size_t n)
{
	struct bind_addr b;
	size_t i, j;

	for (i = 0; i < n; i++) {
		bind_parse(binds[i], &b);
		if (b.kind == BIND_BAD_PORT) {
			fnd_add(fs, "GL146", lv_span(l, "bind"), "'%s' has no "
			    "valid port: gunicorn stops at start with \"'%s' is "
			    "not a valid port number\"", binds[i],
			    strrchr(binds[i], ':') + 1);
			continue;
		}
		/* GL506 judges this with the container's user and capabilities. */
		/* A host service known to run as root may bind any port. */
		if (b.kind == BIND_TCP && b.port > 0 && b.port < 1024 &&
		    l->where.net_bind_service != 1 && l->where.orchestrated != 1 &&
		    !(l->where.in_container == 0 && l->where.run_uid == 0))
			fnd_add(fs, "GL142", lv_span(l, "bind"), "port %ld is "
			    "below 1024: binding it needs root or "
			    "CAP_NET_BIND_SERVICE%s (Docker 20.10 and later lift "
			    "this inside containers; Kubernetes and most hosts "
			    "do not)", b.port, l->where.run_uid > 0 ?
			    F_(", and the process does not run as root") : "");
		/* GL143 duplicate-bind: the second bind fails with EADDRINUSE. */
		for (j = 0; j < i; j++)
			if (strcmp(binds[i], binds[j]) == 0)
				fnd_add(fs, "GL143", lv_span(l, "bind"), "'%s' is "
				    "bound twice: the second bind fails with "
				    "\"Address already in use\" and gunicorn "
				    "exits", binds[i]);
	}
}

/* GL145 fd-bind-hides-others: with fd://, TCP and unix binds are ignored. */
static void
check_fd(const struct gl_launch *l, struct findings *fs, const char **binds,
    size_t n)
{
	struct bind_addr b;
	size_t i, fd = 0, other = 0;

	for (i = 0; i < n; i++) {
		bind_parse(binds[i], &b);
		if (b.kind == BIND_FD)
			fd++;
		else
			other++;
	}
	if (fd > 0 && other > 0)
		fnd_add(fs, "GL145", lv_span(l, "bind"), "with an fd:// bind, "
		    "gunicorn silently ignores the other %zu TCP/unix %s",
		    other, other == 1 ? F_("bind") : F_("binds"));
}

static void
check_binds(const struct gl_launch *l, struct findings *fs)
{
	const char **binds;
	size_t n;

	/* systemd passes the sockets (GL536 judges the binds then) */
	if (l->where.socket_activated == 1)
		return;
	n = bind_list(l, &binds);
	check_reachable(l, fs, binds, n);
	check_ports(l, fs, binds, n);
	check_fd(l, fs, binds, n);
	if (n > 0)
		free(binds);
}

/*
 * GL144 forwarded-allow-ips-wildcard: '*' trusts X-Forwarded-For/-Proto
 * from every peer; uvicorn's worker keeps proxy_headers on, so any client
 * can claim another address or https.
 */
static void
check_forwarded(const struct gl_launch *l, struct findings *fs)
{
	const struct launch_value *v = lv(l, "forwarded_allow_ips");
	size_t i;

	if (v == NULL || v->value == NULL || v->value->kind != PV_LIST ||
	    v->origin == LO_DEFAULT)
		return;
	for (i = 0; i < v->value->n; i++) {
		const struct pyval *it = v->value->items[i];

		if (it->kind == PV_STR && strcmp(it->s, "*") == 0) {
			fnd_set_help(fnd_add(fs, "GL144",
			    lv_span(l, "forwarded_allow_ips"), "'*' trusts "
			    "X-Forwarded-For and X-Forwarded-Proto from any "
			    "peer: a client can claim any address or https "
			    "unless a proxy in front strips these headers"),
			    "list the proxy's addresses instead");
			return;
		}
	}
}

const struct rule_check rules_bind[] = {
	{ "GL140 GL141 GL142 GL143 GL145 GL146", check_binds },
	{ "GL144", check_forwarded },
	{ NULL, NULL },
};
