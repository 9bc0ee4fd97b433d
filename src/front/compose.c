/*
 * compose.c: reads docker compose services into the same launch records
 * as Kubernetes containers, so the orchestration rules see one model.
 * Compose's own ${VAR} interpolation needs the shell and .env of the
 * machine that runs compose; values that use it are kept as written.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "front/front.h"
#include "k8s_int.h"

int
cmp_is_compose(const struct ydoc_node *root)
{
	const struct ydoc_node *s = ydoc_get(root, "services");

	return s != NULL && s->kind == YDOC_MAP && !k8s_is_object(root);
}

long
cmp_duration(const char *s)
{
	static const struct { const char *u; double mul; } units[] = {
		{ "h", 3600 }, { "ms", 0.001 }, { "m", 60 }, { "s", 1 },
		{ "us", 0.000001 }, { "ns", 0.000000001 },
	};
	double total = 0;
	size_t i;

	if (*s == '\0')
		return -1;
	while (*s) {
		char *end;
		double v = strtod(s, &end);

		if (end == s || v < 0)
			return -1;
		s = end;
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (strncmp(s, units[i].u, strlen(units[i].u)) == 0)
				break;
		if (i == sizeof(units) / sizeof(units[0]))
			return -1;
		total += v * units[i].mul;
		s += strlen(units[i].u);
	}
	/* Beyond what a long holds is no real duration: say invalid. */
	if (!(total + 0.999999 < (double)LONG_MAX))
		return -1;
	return (long)(total + 0.999999);
}

long long
cmp_bytes(const char *s)
{
	static const char units[] = "bkmgtp";
	const char *u;
	char *end;
	double v = strtod(s, &end);
	long long mul = 1;

	if (end == s || v < 0)
		return -1;
	if (*end != '\0') {
		if ((u = strchr(units, tolower((unsigned char)*end))) == NULL)
			return -1;
		for (; u > units; u--)
			mul *= 1024;
		end++;
		if (tolower((unsigned char)*end) == 'b' && mul > 1)
			end++;
		if (*end != '\0')
			return -1;
	}
	if (!(v * (double)mul < (double)LLONG_MAX))
		return -1;
	return (long long)(v * (double)mul);
}

/*
 * compose replaces ${VAR}, ${VAR:-default} and $VAR from the shell and
 * .env of the machine that runs it, and "$$" by "$".  Returns the text
 * with "$$" undone, and sets *unknown when a variable is used.
 */
static const char *
interpolate(struct k8s_set *ks, const char *s, int *unknown)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;

	for (; *s; s++) {
		if (s[0] == '$' && s[1] == '$') {
			sb_addch(&sb, '$');
			s++;
			continue;
		}
		if (s[0] == '$' && (s[1] == '{' || s[1] == '_' ||
		    (s[1] >= 'A' && s[1] <= 'Z') || (s[1] >= 'a' && s[1] <= 'z')))
			*unknown = 1;
		sb_addch(&sb, *s);
	}
	r = arena_strdup(ks->arena, sb_str(&sb));
	sb_release(&sb);
	return r;
}

/* ---- environment ---- */

static void
add_env(struct k8s_set *ks, struct k8s_launch *l, const char *name, size_t nlen,
    const char *value, enum k8s_env_origin o, struct span sp, struct span vsp)
{
	struct k8s_env e;

	int unknown = 0;

	memset(&e, 0, sizeof(e));
	e.name = arena_strndup(ks->arena, name, nlen);
	e.value = value ? interpolate(ks, value, &unknown) : NULL;
	if (unknown)
		e.value = NULL; /* it depends on where compose runs */
	e.origin = o;
	e.span = sp;
	e.vspan = vsp;
	k8s_add_env(l, &e);
}

/*
 * The lines of an env file as compose reads them (compose-go's dotenv,
 * envfile.c): quotes, export, comments.  "KEY" alone takes its value from
 * compose's own environment, and so does a value that substitutes a
 * variable no earlier line sets: both are unknown here.
 */
static void
env_file_items(struct k8s_set *ks, struct k8s_launch *l,
    const struct source *src)
{
	struct env_file *ef = env_parse(src, ENV_COMPOSE, NULL, NULL);
	struct k8s_env e;
	size_t i, k;

	for (i = 0; i < ef->items.n; i++) {
		const struct env_item *it = &ef->items.v[i];
		int unknown = 0;

		if (it->kind != ENV_ASSIGN)
			continue;
		for (k = 0; k < it->nrefs; k++)
			unknown |= !it->refs[k].resolved;
		memset(&e, 0, sizeof(e));
		e.name = arena_strdup(ks->arena, it->name);
		e.value = unknown ? NULL : arena_strndup(ks->arena, it->value,
		    it->len);
		e.origin = K8S_ENV_FILE;
		e.span = it->name_span;
		e.vspan = it->quote ? span_make(it->value_span.src,
		    it->value_span.off + 1, it->value_span.len >= 2 ?
		    it->value_span.len - 2 : 0) : it->value_span;
		k8s_add_env(l, &e);
	}
	env_free(ef);
}

static void
read_env_file(struct k8s_set *ks, struct k8s_launch *l,
    const struct ydoc_node *n, const char *dir)
{
	const char *path = ydoc_str(ydoc_is_scalar(n) ? n : ydoc_get(n, "path"));
	/* "." adds nothing but noise to the names in findings */
	char *full = path[0] == '/' || strcmp(dir, ".") == 0 ? xstrdup(path) :
	    xasprintf("%s/%s", dir, path);
	struct source *src = src_read_file(full, NULL);

	if (src == NULL) {
		struct k8s_env e;

		/* its names are unknown too: an entry without a name says so */
		memset(&e, 0, sizeof(e));
		e.name = "";
		e.origin = K8S_ENV_FILE;
		e.ref = arena_strdup(ks->arena, path);
		e.span = n->span;
		e.missing = 1;
		k8s_add_env(l, &e);
		free(full);
		return;
	}
	free(full);
	env_file_items(ks, l, src);
}

static void
read_environment(struct k8s_set *ks, struct k8s_launch *l,
    const struct ydoc_node *svc, const char *dir)
{
	const struct ydoc_node *ef = ydoc_get(svc, "env_file");
	const struct ydoc_node *env = ydoc_get(svc, "environment");
	size_t i;

	/* env_file first: environment overrides it */
	if (ydoc_is_scalar(ef))
		read_env_file(ks, l, ef, dir);
	for (i = 0; ef && ef->kind == YDOC_SEQ && i < ef->nkids; i++)
		read_env_file(ks, l, ef->kids[i], dir);
	if (env == NULL)
		return;
	for (i = 0; env->kind == YDOC_MAP && i + 1 < env->nkids; i += 2) {
		const struct ydoc_node *k = env->kids[i], *v = env->kids[i + 1];

		add_env(ks, l, k->str, k->len, ydoc_is_null(v) ? NULL : ydoc_str(v),
		    K8S_ENV_VALUE, k->span, v->span);
	}
	for (i = 0; env->kind == YDOC_SEQ && i < env->nkids; i++) {
		const struct ydoc_node *it = env->kids[i];
		const char *eq = strchr(ydoc_str(it), '=');
		size_t nlen = eq ? (size_t)(eq - it->str) : it->len;

		add_env(ks, l, ydoc_str(it), nlen, eq ? eq + 1 : NULL,
		    K8S_ENV_VALUE, it->span, it->span);
	}
}

/* ---- command line ---- */

static void
add_words(struct k8s_set *ks, const struct ydoc_node *n, k8s_wordvec *out)
{
	struct k8s_word *w;
	long c, i;

	if (ydoc_is_scalar(n) && !ydoc_is_null(n)) {
		/* compose splits the string form like a shell, without a shell */
		c = k8s_shell_split(ks->arena, n->str, n->span, NULL, NULL, &w);
		for (i = 0; i < c; i++) {
			w[i].s = interpolate(ks, w[i].s, &w[i].unresolved);
			VEC_PUSH(out, w[i]);
		}
		return;
	}
	for (i = 0; n && n->kind == YDOC_SEQ && (size_t)i < n->nkids; i++) {
		struct k8s_word kw = { NULL, n->kids[i]->span, 0 };

		kw.s = interpolate(ks, ydoc_str(n->kids[i]), &kw.unresolved);
		VEC_PUSH(out, kw);
	}
}

static void
read_command(struct k8s_set *ks, const struct ydoc_node *svc,
    struct k8s_launch *l)
{
	const struct ydoc_node *ep = ydoc_get(svc, "entrypoint");
	const struct ydoc_node *cmd = ydoc_get(svc, "command");
	k8s_wordvec w = { 0 };

	l->has_command = ep != NULL && !ydoc_is_null(ep);
	l->has_args = cmd != NULL && !ydoc_is_null(cmd);
	add_words(ks, ep, &w);
	add_words(ks, cmd, &w);
	l->argc = w.n;
	l->argv = arena_alloc(ks->arena, (w.n + 1) * sizeof(*l->argv));
	if (w.n)
		memcpy(l->argv, w.v, w.n * sizeof(*l->argv));
	free(w.v);
	k8s_locate_gunicorn(ks, l);
}

/* ---- resources ---- */

static void
mem_amount(const struct ydoc_node *n, struct k8s_amount *a)
{
	long long v;

	if (n == NULL)
		return;
	if (!ydoc_is_scalar(n) || (v = cmp_bytes(n->str)) < 0) {
		a->invalid = 1;
		a->span = n->span;
		return;
	}
	a->set = 1;
	a->value = v;
	a->span = n->span;
}

static void
read_resources(const struct ydoc_node *svc, struct k8s_launch *l)
{
	const struct ydoc_node *r = ydoc_path(svc, "deploy", "resources", NULL);

	k8s_amount_parse(ydoc_get(svc, "cpus"), &l->res.cpu_limit);
	mem_amount(ydoc_get(svc, "mem_limit"), &l->res.mem_limit);
	mem_amount(ydoc_get(svc, "mem_reservation"), &l->res.mem_request);
	/* deploy.resources wins where both are written (compose spec) */
	k8s_amount_parse(ydoc_path(r, "limits", "cpus", NULL), &l->res.cpu_limit);
	mem_amount(ydoc_path(r, "limits", "memory", NULL), &l->res.mem_limit);
	k8s_amount_parse(ydoc_path(r, "reservations", "cpus", NULL), &l->res.cpu_request);
	mem_amount(ydoc_path(r, "reservations", "memory", NULL),
	    &l->res.mem_request);
}

/* ---- ports ---- */

/* The container side of "[ip:][host:]container[/proto]"; ranges give their first port. */
static void
short_port(const struct ydoc_node *n, struct k8s_port *p)
{
	char *s = xstrdup(ydoc_str(n)), *slash, *c;

	if ((slash = strchr(s, '/')) != NULL)
		*slash = '\0';
	c = strrchr(s, ':');
	p->port = strtol(c ? c + 1 : s, NULL, 10);
	p->host_port = -1;
	if (c != NULL) {
		char *h;

		*c = '\0';
		h = strrchr(s, ':');
		p->host_port = strtol(h ? h + 1 : s, NULL, 10);
		if (p->host_port == 0)
			p->host_port = -1;
	}
	p->span = n->span;
	free(s);
}

static void
read_ports(const struct ydoc_node *svc, struct k8s_launch *l)
{
	const struct ydoc_node *ps = ydoc_get(svc, "ports");
	const struct ydoc_node *ex = ydoc_get(svc, "expose");
	size_t i, n = ydoc_count(ps) + ydoc_count(ex);

	l->ports = xcalloc(n + 1, sizeof(*l->ports));
	for (i = 0; ps && ps->kind == YDOC_SEQ && i < ps->nkids; i++) {
		const struct ydoc_node *p = ps->kids[i];
		struct k8s_port *kp = &l->ports[l->nports++];

		kp->protocol = "tcp";
		if (ydoc_is_scalar(p)) {
			short_port(p, kp);
			continue;
		}
		kp->port = k8s_long(ydoc_get(p, "target"), -1);
		kp->host_port = ydoc_get(p, "published") ?
		    strtol(ydoc_str(ydoc_get(p, "published")), NULL, 10) : -1;
		kp->span = ydoc_get(p, "target") ? ydoc_get(p, "target")->span :
		    p->span;
	}
	for (i = 0; ex && ex->kind == YDOC_SEQ && i < ex->nkids; i++) {
		struct k8s_port *kp = &l->ports[l->nports++];

		kp->protocol = "tcp";
		kp->port = strtol(ydoc_str(ex->kids[i]), NULL, 10);
		kp->host_port = -1;
		kp->span = ex->kids[i]->span;
	}
}

/* ---- mounts: secrets, volumes, tmpfs ---- */

static struct k8s_mount *
new_mount(struct k8s_launch *l, size_t *cap)
{
	if (l->nmounts == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		l->mounts = xrealloc(l->mounts, *cap * sizeof(*l->mounts));
	}
	memset(&l->mounts[l->nmounts], 0, sizeof(*l->mounts));
	return &l->mounts[l->nmounts++];
}

static void
read_secrets(struct k8s_set *ks, const struct ydoc_node *svc,
    struct k8s_launch *l, size_t *cap)
{
	const struct ydoc_node *ss = ydoc_get(svc, "secrets");
	size_t i, n = ydoc_count(ss);

	if (n == 0 || ss->kind != YDOC_SEQ)
		return;
	l->volumes = xcalloc(n, sizeof(*l->volumes));
	for (i = 0; i < n; i++) {
		const struct ydoc_node *s = ss->kids[i];
		const struct ydoc_node *src = ydoc_is_scalar(s) ? s :
		    ydoc_get(s, "source");
		const struct ydoc_node *tgt = ydoc_get(s, "target");
		struct k8s_volume *v = &l->volumes[l->nvolumes++];
		struct k8s_mount *m = new_mount(l, cap);
		const char *t = tgt ? ydoc_str(tgt) : ydoc_str(src);
		char *path = t[0] == '/' ? xstrdup(t) :
		    xasprintf("/run/secrets/%s", t);

		v->name = k8s_dup(ks, src);
		v->type = K8S_VOL_SECRET;
		v->source = v->name;
		v->default_mode = ydoc_get(s, "mode") ?
		    k8s_long(ydoc_get(s, "mode"), -2) : -2;
		v->span = s->span;
		if (ydoc_get(s, "mode"))
			v->mode_span = ydoc_get(s, "mode")->span;
		m->path = arena_strdup(ks->arena, path);
		m->volume = v->name;
		m->read_only = 1;
		m->vol = v;
		m->span = s->span;
		free(path);
	}
}

static void
read_volumes(struct k8s_set *ks, const struct ydoc_node *svc,
    struct k8s_launch *l, size_t *cap)
{
	const struct ydoc_node *vs = ydoc_get(svc, "volumes");
	const struct ydoc_node *tf = ydoc_get(svc, "tmpfs");
	size_t i;

	for (i = 0; vs && vs->kind == YDOC_SEQ && i < vs->nkids; i++) {
		const struct ydoc_node *v = vs->kids[i];
		struct k8s_mount *m;

		if (ydoc_is_scalar(v)) {
			char *s = xstrdup(v->str), *c = strchr(s, ':'), *ro;

			m = new_mount(l, cap);
			m->volume = arena_strndup(ks->arena, s, c ? (size_t)(c - s) :
			    strlen(s));
			if (c != NULL) {
				if ((ro = strchr(c + 1, ':')) != NULL) {
					*ro++ = '\0';
					m->read_only = strstr(ro, "ro") != NULL;
				}
				m->path = arena_strdup(ks->arena, c + 1);
			} else {
				m->path = m->volume; /* an anonymous volume */
			}
			m->span = v->span;
			free(s);
			continue;
		}
		m = new_mount(l, cap);
		m->path = k8s_dup(ks, ydoc_get(v, "target"));
		m->volume = k8s_dup(ks, ydoc_get(v, "source"));
		ydoc_bool(ydoc_get(v, "read_only"), &m->read_only);
		m->span = v->span;
	}
	for (i = 0; i < (ydoc_is_scalar(tf) ? 1 : ydoc_count(tf)); i++) {
		const struct ydoc_node *t = ydoc_is_scalar(tf) ? tf : tf->kids[i];
		struct k8s_mount *m = new_mount(l, cap);
		const char *colon = strchr(ydoc_str(t), ':');

		m->path = arena_strndup(ks->arena, ydoc_str(t), colon ?
		    (size_t)(colon - t->str) : t->len);
		m->volume = "tmpfs";
		m->span = t->span;
	}
}

/* ---- healthcheck, user ---- */

/* A URL in the test command gives the port and scheme it checks. */
static void
health_url(struct k8s_probe *p, const struct ydoc_node *n)
{
	const char *s = ydoc_str(n), *u = strstr(s, "://"), *c;

	if (u == NULL)
		return;
	/* the findings about it point at the word (or string) with the URL */
	p->port_span = n->span;
	p->scheme_span = n->span;
	p->https = u - s >= 5 && strncmp(u - 5, "https", 5) == 0;
	p->type = K8S_PROBE_HTTP;
	u += 3;
	if (*u == '[')
		u = strchr(u, ']') ? strchr(u, ']') + 1 : u;
	c = u + strcspn(u, ":/ \"'");
	p->port = *c == ':' ? strtol(c + 1, NULL, 10) : p->https ? 443 : 80;
}

static void
read_healthcheck(const struct ydoc_node *svc, struct k8s_launch *l)
{
	const struct ydoc_node *h = ydoc_get(svc, "healthcheck"), *t;
	struct k8s_probe *p;
	size_t i;
	long v;

	if (h == NULL || h->kind != YDOC_MAP || ydoc_eq(ydoc_get(h, "disable"), "true"))
		return;
	l->probes = xcalloc(1, sizeof(*l->probes));
	p = &l->probes[l->nprobes++];
	p->kind = K8S_HEALTHCHECK;
	p->type = K8S_PROBE_EXEC;
	p->port = -1;
	p->span = h->span;
	for (i = 0; i + 1 < svc->nkids; i += 2)
		if (svc->kids[i + 1] == h)
			p->span = svc->kids[i]->span; /* the key, as for k8s probes */
	p->timeout = 30;
	p->period = 30;
	p->failure_threshold = 3;
	t = ydoc_get(h, "test");
	for (i = 0; t && t->kind == YDOC_SEQ && i < t->nkids; i++)
		health_url(p, t->kids[i]);
	if (ydoc_is_scalar(t))
		health_url(p, t);
	if ((v = cmp_duration(ydoc_str(ydoc_get(h, "interval")))) >= 0)
		p->period = v;
	if ((v = cmp_duration(ydoc_str(ydoc_get(h, "timeout")))) >= 0)
		p->timeout = v;
	if ((v = cmp_duration(ydoc_str(ydoc_get(h, "start_period")))) >= 0)
		p->initial_delay = v;
	p->failure_threshold = k8s_long(ydoc_get(h, "retries"), 3);
}

static void
read_user(struct k8s_set *ks, const struct ydoc_node *svc, struct k8s_launch *l)
{
	const struct ydoc_node *u = ydoc_get(svc, "user");
	const struct ydoc_node *caps = ydoc_get(svc, "cap_add");
	char *end;
	long long uid;
	int ro;
	size_t i;

	l->sec.run_as_non_root = -1;
	l->sec.read_only_root = -1;
	if (ydoc_bool(ydoc_get(svc, "read_only"), &ro) == 0) {
		l->sec.read_only_root = ro;
		l->sec.read_only_span = ydoc_get(svc, "read_only")->span;
	}
	if (caps != NULL && caps->kind == YDOC_SEQ) {
		l->sec.cap_add = arena_alloc(ks->arena, (caps->nkids + 1) *
		    sizeof(*l->sec.cap_add));
		for (i = 0; i < caps->nkids; i++)
			l->sec.cap_add[l->sec.ncap_add++] = k8s_dup(ks, caps->kids[i]);
	}
	if (!ydoc_is_scalar(u))
		return;
	l->user = k8s_dup(ks, u);
	l->user_span = u->span;
	uid = strtoll(u->str, &end, 10);
	if (end != u->str && (*end == '\0' || *end == ':')) {
		l->sec.run_as_user_set = 1;
		l->sec.run_as_user = uid;
		l->sec.user_span = u->span;
	} else if (strncmp(u->str, "root", 4) != 0) {
		l->sec.run_as_non_root = 1; /* a user name other than root */
		l->sec.non_root_span = u->span;
	}
}

/* ---- services ---- */

static void
read_service(struct k8s_set *ks, struct findings *fs, const struct ydoc_node *key,
    const struct ydoc_node *svc, const char *dir)
{
	const struct ydoc_node *b = ydoc_get(svc, "build");
	const struct ydoc_node *g = ydoc_get(svc, "stop_grace_period");
	struct k8s_launch l;
	size_t cap = 0;
	char *id;
	int pending;

	memset(&l, 0, sizeof(l));
	l.from = K8S_FROM_COMPOSE;
	l.kind = "service";
	l.workload = l.container = k8s_dup(ks, key);
	l.span = svc->span;
	l.image = k8s_dup(ks, ydoc_get(svc, "image"));
	if (ydoc_get(svc, "image"))
		l.image_span = ydoc_get(svc, "image")->span;
	if (b != NULL) {
		l.build_context = ydoc_is_scalar(b) ? k8s_dup(ks, b) :
		    k8s_dup(ks, ydoc_get(b, "context"));
		l.dockerfile = ydoc_get(b, "dockerfile") ?
		    k8s_dup(ks, ydoc_get(b, "dockerfile")) : NULL;
	}
	id = xasprintf("%s#services/%s", key->span.src->name, l.container);
	l.id = arena_strdup(ks->arena, id);
	free(id);
	read_environment(ks, &l, svc, dir);
	read_command(ks, svc, &l);
	pending = l.gunicorn_at == -1 &&
	    k8s_env_get(&l, "GUNICORN_CMD_ARGS") == NULL;
	if (pending && l.has_command) {
		k8s_launch_release(&l);
		return;
	}
	if (!pending)
		k8s_report_missing(&l, fs);
	read_resources(svc, &l);
	read_ports(svc, &l);
	read_secrets(ks, svc, &l, &cap);
	read_volumes(ks, svc, &l, &cap);
	read_healthcheck(svc, &l);
	read_user(ks, svc, &l);
	l.shared_netns = ydoc_is_scalar(ydoc_get(svc, "network_mode")) &&
	    (strncmp(ydoc_str(ydoc_get(svc, "network_mode")), "service:", 8) == 0 ||
	    strncmp(ydoc_str(ydoc_get(svc, "network_mode")), "container:", 10) == 0);
	l.grace = g ? cmp_duration(ydoc_str(g)) : -1;
	if (g != NULL)
		l.grace_span = g->span;
	k8s_push(ks, &l, pending);
}

void
cmp_read(struct k8s_set *ks, const struct ydoc_stream *ys, const char *dir,
    struct findings *fs)
{
	size_t d, i;

	for (d = 0; d < ys->ndocs; d++) {
		const struct ydoc_node *svcs = ydoc_get(ys->docs[d]->root,
		    "services");

		if (svcs == NULL || svcs->kind != YDOC_MAP)
			continue;
		for (i = 0; i + 1 < svcs->nkids; i += 2)
			if (svcs->kids[i + 1]->kind == YDOC_MAP)
				read_service(ks, fs, svcs->kids[i],
				    svcs->kids[i + 1], dir);
	}
}
