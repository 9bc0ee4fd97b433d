/*
 * k8s_container.c: reads one container of a pod spec into a k8s_launch:
 * env and envFrom (ConfigMaps resolved from the inputs), resources,
 * ports, probes, volumes and mounts, the merged security context; and
 * Services with their selectors and target ports.
 */
#include <stdlib.h>
#include <string.h>

#include "k8s_int.h"
#include "front/front.h"

const char *
k8s_dup(struct k8s_set *ks, const struct ydoc_node *n)
{
	return arena_strdup(ks->arena, ydoc_str(n));
}

void
k8s_pairs_from(struct k8s_set *ks, const struct ydoc_node *map,
    int scalar_keys, struct k8s_pairs *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	if (map == NULL || map->kind != YDOC_MAP)
		return;
	out->is_map = 1;
	out->v = arena_alloc(ks->arena, (map->nkids / 2 + 1) * sizeof(*out->v));
	for (i = 0; i + 1 < map->nkids; i += 2) {
		const struct ydoc_node *k = map->kids[i];
		struct k8s_pair *p = &out->v[out->n];

		if (scalar_keys && !ydoc_is_scalar(k))
			continue;
		if (ydoc_is_scalar(k)) {
			p->key = arena_strndup(ks->arena, k->str, k->len);
			p->klen = scalar_keys ? k->len : strlen(p->key);
		} else {
			p->key = "";
		}
		p->value = k8s_dup(ks, map->kids[i + 1]);
		out->n++;
	}
}

long
k8s_long(const struct ydoc_node *n, long dflt)
{
	long long v;

	if (ydoc_int(n, &v) == -1 || v < -2147483648LL || v > 2147483647LL)
		return dflt;
	return (long)v;
}

void
k8s_add_env(struct k8s_launch *l, const struct k8s_env *e)
{
	l->env = xrealloc(l->env, (l->nenv + 1) * sizeof(*l->env));
	l->env[l->nenv++] = *e;
}

/* ---- ConfigMaps in the inputs ---- */

/*
 * A ConfigMap copied out of its tree: what envFrom and configMapKeyRef
 * read of it.  The set keeps these (not the trees) so that a manifest is
 * freed once walked, while a later one may still refer to it.
 */
struct k8s_cm_pair {
	const char *key;      /* ydoc_str() of the key: "" when not a scalar */
	size_t klen;
	int key_scalar;       /* only a scalar key is found by name */
	const char *value;    /* ydoc_str() of the value */
	struct span kspan, vspan;
};

struct k8s_cm {
	const char *name;     /* metadata.name, a scalar */
	size_t nlen;
	const char *ns;       /* metadata.namespace, or NULL when not written */
	struct k8s_cm_pair *data;
	size_t ndata;
	int data_is_map;
	struct k8s_cm *next;  /* the next of its bucket, in input order */
};

static size_t
cm_hash(const char *s, size_t n)
{
	size_t h = 5381, i;

	for (i = 0; i < n; i++)
		h = h * 33 + (unsigned char)s[i];
	return h;
}

/* The buckets again, twice as many, each still in input order. */
static void
cm_rehash(struct k8s_set *ks)
{
	size_t i, nb = ks->ncm_buckets_ ? ks->ncm_buckets_ * 2 : 64;
	struct k8s_cm **head = xcalloc(nb, sizeof(*head));
	struct k8s_cm **tail = xcalloc(nb, sizeof(*tail));

	for (i = 0; i < ks->cms_.n; i++) {
		struct k8s_cm *c = ks->cms_.v[i];
		size_t b = cm_hash(c->name, c->nlen) & (nb - 1);

		c->next = NULL;
		if (tail[b] != NULL)
			tail[b]->next = c;
		else
			head[b] = c;
		tail[b] = c;
	}
	free(ks->cm_buckets_);
	free(tail);
	ks->cm_buckets_ = head;
	ks->ncm_buckets_ = nb;
}

static void
cm_add(struct k8s_set *ks, const struct ydoc_node *obj,
    const struct ydoc_node *name)
{
	const struct ydoc_node *ns = ydoc_path(obj, "metadata", "namespace",
	    NULL), *data = ydoc_get(obj, "data");
	struct k8s_cm *c = arena_alloc(ks->arena, sizeof(*c)), **b;
	size_t i;

	c->name = arena_strndup(ks->arena, name->str, name->len);
	c->nlen = name->len;
	c->ns = ns != NULL ? k8s_dup(ks, ns) : NULL;
	if (data != NULL && data->kind == YDOC_MAP) {
		c->data_is_map = 1;
		c->data = arena_alloc(ks->arena, (data->nkids / 2 + 1) *
		    sizeof(*c->data));
		for (i = 0; i + 1 < data->nkids; i += 2) {
			const struct ydoc_node *k = data->kids[i];
			struct k8s_cm_pair *p = &c->data[c->ndata++];

			p->key_scalar = ydoc_is_scalar(k);
			p->key = p->key_scalar ? arena_strndup(ks->arena, k->str,
			    k->len) : "";
			p->klen = p->key_scalar ? k->len : 0;
			p->value = k8s_dup(ks, data->kids[i + 1]);
			p->kspan = k->span;
			p->vspan = data->kids[i + 1]->span;
		}
	}
	VEC_PUSH(&ks->cms_, c);
	if (ks->cms_.n > 2 * ks->ncm_buckets_) {
		cm_rehash(ks);
		return;
	}
	for (b = &ks->cm_buckets_[cm_hash(c->name, c->nlen) &
	    (ks->ncm_buckets_ - 1)]; *b != NULL; b = &(*b)->next)
		;
	*b = c;
}

/* The ConfigMaps of one document, in input order (List items first). */
void
k8s_collect_configmaps(struct k8s_set *ks, const struct ydoc_node *obj,
    int depth)
{
	const struct ydoc_node *items = ydoc_get(obj, "items"), *name;
	size_t i;

	if (items != NULL && items->kind == YDOC_SEQ && depth < 4)
		for (i = 0; i < items->nkids; i++)
			k8s_collect_configmaps(ks, items->kids[i], depth + 1);
	name = ydoc_path(obj, "metadata", "name", NULL);
	if (ydoc_eq(ydoc_get(obj, "kind"), "ConfigMap") && ydoc_is_scalar(name))
		cm_add(ks, obj, name);
}

void
k8s_configmaps_free(struct k8s_set *ks)
{
	free(ks->cms_.v);
	memset(&ks->cms_, 0, sizeof(ks->cms_));
	free(ks->cm_buckets_);
	ks->cm_buckets_ = NULL;
	ks->ncm_buckets_ = 0;
}

/*
 * The first ConfigMap named `name` in a namespace that matches the
 * container's (equal, or either not written), in input order.  While a
 * file is walked as it is read, one not found may still come in a later
 * file: the walk is then marked to be done again at k8s_finish().
 */
static const struct k8s_cm *
find_configmap(struct k8s_set *ks, const struct k8s_launch *l,
    const char *name)
{
	size_t len = strlen(name);
	const struct k8s_cm *c;

	c = ks->ncm_buckets_ ? ks->cm_buckets_[cm_hash(name, len) &
	    (ks->ncm_buckets_ - 1)] : NULL;
	for (; c != NULL; c = c->next)
		if (c->nlen == len && memcmp(c->name, name, len) == 0 &&
		    (l->namespace == NULL || c->ns == NULL ||
		    strcmp(c->ns, l->namespace) == 0))
			return c;
	if (ks->walk_early_)
		ks->walk_again_ = 1;
	return NULL;
}

/* ---- env ---- */

static void
env_from(struct k8s_set *ks, const struct ydoc_node *ef, struct k8s_launch *l)
{
	const struct ydoc_node *cm = ydoc_get(ef, "configMapRef");
	const struct ydoc_node *sec = ydoc_get(ef, "secretRef");
	const char *prefix = ydoc_str(ydoc_get(ef, "prefix"));
	const struct k8s_cm *obj;
	struct k8s_env e;
	size_t i;

	memset(&e, 0, sizeof(e));
	e.span = ef->span;
	if (sec != NULL) {
		/* keys and values of a Secret are never in view */
		e.name = "";
		e.origin = K8S_ENV_FROM_SECRET;
		e.ref = k8s_dup(ks, ydoc_get(sec, "name"));
		k8s_add_env(l, &e);
		return;
	}
	if (cm == NULL)
		return;
	e.origin = K8S_ENV_FROM_CONFIGMAP;
	e.ref = k8s_dup(ks, ydoc_get(cm, "name"));
	obj = find_configmap(ks, l, e.ref);
	if (obj == NULL) {
		e.name = "";
		e.missing = 1;
		k8s_add_env(l, &e);
		return;
	}
	for (i = 0; obj->data_is_map && i < obj->ndata; i++) {
		const struct k8s_cm_pair *p = &obj->data[i];
		char *n = xasprintf("%s%s", prefix, p->key);

		e.name = arena_strdup(ks->arena, n);
		free(n);
		e.span = p->kspan; /* where the name is written */
		e.value = p->value;
		e.vspan = p->vspan;
		k8s_add_env(l, &e);
	}
}

/* resourceFieldRef: ceil(amount / divisor), when the amount is written. */
static const char *
resource_value(struct k8s_set *ks, const struct ydoc_node *rf,
    const struct k8s_launch *l)
{
	const char *res = ydoc_str(ydoc_get(rf, "resource"));
	const struct ydoc_node *dv = ydoc_get(rf, "divisor");
	const struct k8s_amount *a = NULL;
	struct qty q;
	int64_t div = 1000, amount;
	int cpu = strstr(res, "cpu") != NULL;

	if (strcmp(res, "limits.cpu") == 0)
		a = &l->res.cpu_limit;
	else if (strcmp(res, "requests.cpu") == 0)
		a = &l->res.cpu_request;
	else if (strcmp(res, "limits.memory") == 0)
		a = &l->res.mem_limit;
	else if (strcmp(res, "requests.memory") == 0)
		a = &l->res.mem_request;
	if (a == NULL || !a->set)
		return NULL; /* the node's allocatable: not known here */
	if (dv != NULL) {
		if (qty_parse(ydoc_str(dv), strlen(ydoc_str(dv)), &q) == -1)
			return NULL;
		div = cpu ? qty_milli(&q) : qty_value(&q);
	} else if (!cpu) {
		div = 1;
	}
	if (div <= 0)
		return NULL;
	amount = cpu ? a->milli : a->value;
	{
		char *s = xasprintf("%lld", (long long)((amount + div - 1) / div));
		const char *r = arena_strdup(ks->arena, s);

		free(s);
		return r;
	}
}

static const char *
configmap_key(struct k8s_set *ks, const struct ydoc_node *ref,
    const struct k8s_launch *l, int *missing)
{
	const char *name = ydoc_str(ydoc_get(ref, "name"));
	const char *key = ydoc_str(ydoc_get(ref, "key"));
	const struct k8s_cm *obj = find_configmap(ks, l, name);
	size_t i, klen = strlen(key);

	if (obj == NULL) {
		*missing = 1;
		return NULL;
	}
	for (i = obj->ndata; i > 0; i--) /* a key written twice: the last */
		if (obj->data[i - 1].key_scalar && obj->data[i - 1].klen == klen &&
		    memcmp(obj->data[i - 1].key, key, klen) == 0)
			return obj->data[i - 1].value;
	return NULL;
}

static void
env_entry(struct k8s_set *ks, const struct ydoc_node *ev, struct k8s_launch *l)
{
	const struct ydoc_node *name = ydoc_get(ev, "name");
	const struct ydoc_node *val = ydoc_get(ev, "value");
	const struct ydoc_node *vf = ydoc_get(ev, "valueFrom"), *r;
	struct k8s_env e;

	if (!ydoc_is_scalar(name))
		return;
	memset(&e, 0, sizeof(e));
	e.name = k8s_dup(ks, name);
	e.span = name->span;
	e.origin = K8S_ENV_VALUE;
	if (val != NULL && k8s_template_tag(val)) {
		e.vspan = val->span; /* a template expression: value unknown */
	} else if (val != NULL) {
		/* expanded with the variables defined before it */
		char *s = k8s_expand(ydoc_str(val), k8s_kubelet_lookup, l, NULL);

		e.value = arena_strdup(ks->arena, s);
		free(s);
		e.vspan = val->span;
	} else if (vf == NULL) {
		e.value = "";
	} else if ((r = ydoc_get(vf, "configMapKeyRef")) != NULL) {
		e.origin = K8S_ENV_CONFIGMAP_KEY;
		e.ref = k8s_dup(ks, ydoc_get(r, "name"));
		e.value = configmap_key(ks, r, l, &e.missing);
		e.vspan = r->span;
	} else if ((r = ydoc_get(vf, "secretKeyRef")) != NULL) {
		e.origin = K8S_ENV_SECRET_KEY;
		e.ref = k8s_dup(ks, ydoc_get(r, "name"));
	} else if ((r = ydoc_get(vf, "fieldRef")) != NULL) {
		e.origin = K8S_ENV_FIELD;
		e.ref = k8s_dup(ks, ydoc_get(r, "fieldPath"));
	} else if ((r = ydoc_get(vf, "resourceFieldRef")) != NULL) {
		e.origin = K8S_ENV_RESOURCE;
		e.ref = k8s_dup(ks, ydoc_get(r, "resource"));
		e.value = resource_value(ks, r, l);
	}
	k8s_add_env(l, &e);
}

void
k8s_read_env(struct k8s_set *ks, const struct ydoc_node *c, struct k8s_launch *l)
{
	const struct ydoc_node *ef = ydoc_get(c, "envFrom");
	const struct ydoc_node *env = ydoc_get(c, "env");
	size_t i;

	for (i = 0; ef && ef->kind == YDOC_SEQ && i < ef->nkids; i++)
		env_from(ks, ef->kids[i], l);
	for (i = 0; env && env->kind == YDOC_SEQ && i < env->nkids; i++)
		env_entry(ks, env->kids[i], l);
}

/* ---- resources ---- */

void
k8s_amount_parse(const struct ydoc_node *n, struct k8s_amount *a)
{
	struct qty q;

	if (n == NULL)
		return;
	if (!ydoc_is_scalar(n) || qty_parse(n->str, n->len, &q) == -1) {
		a->invalid = 1;
		a->span = n->span;
		return;
	}
	a->set = 1;
	a->milli = qty_milli(&q);
	a->value = qty_value(&q);
	a->span = n->span;
}

void
k8s_read_resources(struct k8s_set *ks, const struct ydoc_node *c,
    struct k8s_launch *l)
{
	const struct ydoc_node *r = ydoc_get(c, "resources");

	(void)ks;
	k8s_amount_parse(ydoc_path(r, "limits", "cpu", NULL), &l->res.cpu_limit);
	k8s_amount_parse(ydoc_path(r, "requests", "cpu", NULL), &l->res.cpu_request);
	k8s_amount_parse(ydoc_path(r, "limits", "memory", NULL), &l->res.mem_limit);
	k8s_amount_parse(ydoc_path(r, "requests", "memory", NULL), &l->res.mem_request);
}

/* ---- ports and probes ---- */

static void
read_ports(struct k8s_set *ks, const struct ydoc_node *c, struct k8s_launch *l)
{
	const struct ydoc_node *ps = ydoc_get(c, "ports");
	size_t i;

	if (ps == NULL || ps->kind != YDOC_SEQ)
		return;
	l->ports = xcalloc(ps->nkids + 1, sizeof(*l->ports));
	for (i = 0; i < ps->nkids; i++) {
		const struct ydoc_node *p = ps->kids[i];
		struct k8s_port *kp = &l->ports[l->nports];

		if (p->kind != YDOC_MAP)
			continue;
		kp->name = ydoc_get(p, "name") ? k8s_dup(ks, ydoc_get(p, "name")) :
		    NULL;
		kp->port = k8s_long(ydoc_get(p, "containerPort"), -1);
		kp->host_port = k8s_long(ydoc_get(p, "hostPort"), -1);
		kp->protocol = ydoc_get(p, "protocol") ?
		    k8s_dup(ks, ydoc_get(p, "protocol")) : "TCP";
		kp->span = ydoc_get(p, "containerPort") ?
		    ydoc_get(p, "containerPort")->span : p->span;
		l->nports++;
	}
}

/* A probe's port: a number, or a name of one of the container's ports. */
static void
probe_port(struct k8s_set *ks, const struct ydoc_node *pn, struct k8s_launch *l,
    struct k8s_probe *p)
{
	size_t i;

	p->port = -1;
	if (pn == NULL)
		return;
	p->port_span = pn->span;
	p->port = k8s_long(pn, -1);
	if (p->port != -1)
		return;
	p->port_name = k8s_dup(ks, pn);
	for (i = 0; i < l->nports; i++)
		if (l->ports[i].name && strcmp(l->ports[i].name, p->port_name) == 0)
			p->port = l->ports[i].port;
}

/* The key under which map m holds the node v (its span), else v's span. */
static struct span
key_span(const struct ydoc_node *m, const struct ydoc_node *v)
{
	size_t i;

	for (i = 0; i + 1 < m->nkids; i += 2)
		if (m->kids[i + 1] == v)
			return m->kids[i]->span;
	return v->span;
}

static void
read_probes(struct k8s_set *ks, const struct ydoc_node *c, struct k8s_launch *l)
{
	static const char *const keys[] = { "readinessProbe", "livenessProbe",
	    "startupProbe" };
	size_t i;

	l->probes = xcalloc(3, sizeof(*l->probes));
	for (i = 0; i < 3; i++) {
		const struct ydoc_node *pr = ydoc_get(c, keys[i]), *h;
		struct k8s_probe *p = &l->probes[l->nprobes];

		if (pr == NULL || pr->kind != YDOC_MAP)
			continue;
		p->kind = (enum k8s_probe_kind)i;
		p->span = key_span(c, pr);
		p->timeout = k8s_long(ydoc_get(pr, "timeoutSeconds"), 1);
		p->period = k8s_long(ydoc_get(pr, "periodSeconds"), 10);
		p->failure_threshold = k8s_long(ydoc_get(pr, "failureThreshold"), 3);
		p->initial_delay = k8s_long(ydoc_get(pr, "initialDelaySeconds"), 0);
		p->port = -1;
		if ((h = ydoc_get(pr, "httpGet")) != NULL) {
			p->type = K8S_PROBE_HTTP;
			p->https = ydoc_eq(ydoc_get(h, "scheme"), "HTTPS");
			if (ydoc_get(h, "scheme"))
				p->scheme_span = ydoc_get(h, "scheme")->span;
			p->path = k8s_dup(ks, ydoc_get(h, "path"));
			probe_port(ks, ydoc_get(h, "port"), l, p);
		} else if ((h = ydoc_get(pr, "tcpSocket")) != NULL) {
			p->type = K8S_PROBE_TCP;
			probe_port(ks, ydoc_get(h, "port"), l, p);
		} else if ((h = ydoc_get(pr, "grpc")) != NULL) {
			p->type = K8S_PROBE_GRPC;
			probe_port(ks, ydoc_get(h, "port"), l, p);
		} else if (ydoc_get(pr, "exec") != NULL) {
			p->type = K8S_PROBE_EXEC;
		}
		l->nprobes++;
	}
}

/* ---- volumes and mounts ---- */

static const struct {
	const char *key;
	enum k8s_vol_type type;
	const char *name_key;
} vol_types[] = {
	{ "secret", K8S_VOL_SECRET, "secretName" },
	{ "configMap", K8S_VOL_CONFIGMAP, "name" },
	{ "projected", K8S_VOL_PROJECTED, NULL },
	{ "emptyDir", K8S_VOL_EMPTYDIR, NULL },
	{ "hostPath", K8S_VOL_HOSTPATH, "path" },
	{ "persistentVolumeClaim", K8S_VOL_PVC, "claimName" },
};

static void
read_items(struct k8s_set *ks, const struct ydoc_node *items,
    struct k8s_volume *v)
{
	size_t i;

	if (items == NULL || items->kind != YDOC_SEQ)
		return;
	v->items = arena_alloc(ks->arena, (items->nkids + 1) * sizeof(*v->items));
	for (i = 0; i < items->nkids; i++) {
		struct k8s_vol_item *it = &v->items[v->nitems++];

		it->key = k8s_dup(ks, ydoc_get(items->kids[i], "key"));
		it->path = k8s_dup(ks, ydoc_get(items->kids[i], "path"));
		it->mode = k8s_long(ydoc_get(items->kids[i], "mode"), -1);
		it->span = items->kids[i]->span;
		if (ydoc_get(items->kids[i], "mode") != NULL)
			it->mode_span = ydoc_get(items->kids[i], "mode")->span;
	}
}

static void
read_volume(struct k8s_set *ks, const struct ydoc_node *vn, struct k8s_volume *v)
{
	const struct ydoc_node *src = NULL, *m;
	size_t i;

	v->name = k8s_dup(ks, ydoc_get(vn, "name"));
	v->span = vn->span;
	v->default_mode = -1;
	for (i = 0; i < sizeof(vol_types) / sizeof(vol_types[0]); i++) {
		if ((src = ydoc_get(vn, vol_types[i].key)) == NULL)
			continue;
		v->type = vol_types[i].type;
		if (vol_types[i].name_key)
			v->source = k8s_dup(ks, ydoc_get(src, vol_types[i].name_key));
		break;
	}
	if (src == NULL)
		return;
	if ((m = ydoc_get(src, "defaultMode")) != NULL) {
		v->default_mode = k8s_long(m, -1);
		v->mode_span = m->span;
	}
	v->memory = ydoc_eq(ydoc_get(src, "medium"), "Memory");
	read_items(ks, ydoc_get(src, "items"), v);
	if (v->type == K8S_VOL_PROJECTED) {
		const struct ydoc_node *ss = ydoc_get(src, "sources");

		/* a projected secret's items land in the same directory */
		for (i = 0; ss && ss->kind == YDOC_SEQ && i < ss->nkids; i++) {
			const struct ydoc_node *s = ydoc_get(ss->kids[i], "secret");

			if (s == NULL)
				continue;
			v->source = k8s_dup(ks, ydoc_get(s, "name"));
			read_items(ks, ydoc_get(s, "items"), v);
		}
	}
}

static void
read_volumes(struct k8s_set *ks, const struct ydoc_node *pod,
    const struct ydoc_node *c, struct k8s_launch *l)
{
	const struct ydoc_node *vs = ydoc_get(pod, "volumes");
	const struct ydoc_node *ms = ydoc_get(c, "volumeMounts");
	size_t i, j;

	if (vs != NULL && vs->kind == YDOC_SEQ) {
		l->volumes = xcalloc(vs->nkids + 1, sizeof(*l->volumes));
		for (i = 0; i < vs->nkids; i++)
			if (vs->kids[i]->kind == YDOC_MAP)
				read_volume(ks, vs->kids[i],
				    &l->volumes[l->nvolumes++]);
	}
	if (ms == NULL || ms->kind != YDOC_SEQ)
		return;
	l->mounts = xcalloc(ms->nkids + 1, sizeof(*l->mounts));
	for (i = 0; i < ms->nkids; i++) {
		const struct ydoc_node *m = ms->kids[i];
		struct k8s_mount *km = &l->mounts[l->nmounts++];
		int ro = 0;

		km->path = k8s_dup(ks, ydoc_get(m, "mountPath"));
		km->volume = k8s_dup(ks, ydoc_get(m, "name"));
		km->sub_path = ydoc_get(m, "subPath") ?
		    k8s_dup(ks, ydoc_get(m, "subPath")) : NULL;
		if (ydoc_bool(ydoc_get(m, "readOnly"), &ro) == 0)
			km->read_only = ro;
		km->span = m->span;
		for (j = 0; j < l->nvolumes; j++)
			if (strcmp(l->volumes[j].name, km->volume) == 0)
				km->vol = &l->volumes[j];
	}
}

/* ---- security context ---- */

static void
read_secctx(struct k8s_set *ks, const struct ydoc_node *sc, struct k8s_secctx *s)
{
	const struct ydoc_node *n, *caps;
	long long v;
	int b;
	size_t i;

	if (sc == NULL || sc->kind != YDOC_MAP)
		return;
	if ((n = ydoc_get(sc, "runAsUser")) != NULL && ydoc_int(n, &v) == 0) {
		s->run_as_user_set = 1;
		s->run_as_user = v;
		s->user_span = n->span;
	}
	if ((n = ydoc_get(sc, "runAsNonRoot")) != NULL && ydoc_bool(n, &b) == 0) {
		s->run_as_non_root = b;
		s->non_root_span = n->span;
	}
	if ((n = ydoc_get(sc, "readOnlyRootFilesystem")) != NULL &&
	    ydoc_bool(n, &b) == 0) {
		s->read_only_root = b;
		s->read_only_span = n->span;
	}
	caps = ydoc_path(sc, "capabilities", "add", NULL);
	if (caps != NULL && caps->kind == YDOC_SEQ) {
		s->cap_add = arena_alloc(ks->arena, (caps->nkids + 1) *
		    sizeof(*s->cap_add));
		s->ncap_add = 0;
		for (i = 0; i < caps->nkids; i++)
			s->cap_add[s->ncap_add++] = k8s_dup(ks, caps->kids[i]);
	}
}

/* A whole number of seconds ("15", "15s"), or -1. */
static long
whole_secs(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	return end == s || n < 0 || (*end != '\0' && strcmp(end, "s") != 0) ?
	    -1 : n;
}

/* Seconds in "sleep N" at s (a word "N" after a word "sleep", or inside a shell string). */
static long
sleep_secs(const char *s)
{
	const char *p = strstr(s, "sleep ");
	char *end;
	long n;

	if (p == NULL || (p > s && p[-1] != ' ' && p[-1] != ';' && p[-1] != '&'))
		return -1;
	n = strtol(p + 6, &end, 10);
	return end == p + 6 || n < 0 || (*end != '\0' && *end != ' ' &&
	    *end != ';' && *end != '&' && *end != 's') ? -1 : n;
}

/*
 * lifecycle.preStop: "sleep: {seconds: N}" (Kubernetes 1.29+) or an exec
 * command that sleeps ("sleep 15", sh -c "sleep 15; ...").  The kubelet
 * runs it before SIGTERM, inside terminationGracePeriodSeconds.
 */
static void
read_prestop(const struct ydoc_node *c, struct k8s_launch *l)
{
	const struct ydoc_node *h = ydoc_path(c, "lifecycle", "preStop", NULL);
	const struct ydoc_node *cmd, *n;
	size_t i;

	if (h == NULL)
		return;
	if ((n = ydoc_path(h, "sleep", "seconds", NULL)) != NULL &&
	    (l->prestop = k8s_long(n, 0)) > 0) {
		l->prestop_span = n->span;
		return;
	}
	cmd = ydoc_path(h, "exec", "command", NULL);
	for (i = 0; cmd != NULL && cmd->kind == YDOC_SEQ && i < cmd->nkids; i++) {
		const char *w = ydoc_str(cmd->kids[i]);
		long v = -1;

		if ((strcmp(w, "sleep") == 0 || strcmp(w, "/bin/sleep") == 0) &&
		    i + 1 < cmd->nkids)
			v = whole_secs(ydoc_str(cmd->kids[i + 1]));
		else
			v = sleep_secs(w);
		if (v > 0) {
			l->prestop = v;
			l->prestop_span = cmd->kids[i]->span;
			return;
		}
	}
}

void
k8s_read_container(struct k8s_set *ks, const struct ydoc_node *pod,
    const struct ydoc_node *c, struct k8s_launch *l)
{
	const struct ydoc_node *g = ydoc_get(pod, "terminationGracePeriodSeconds");

	read_ports(ks, c, l);
	read_probes(ks, c, l);
	read_volumes(ks, pod, c, l);
	l->sec.run_as_non_root = -1;
	l->sec.read_only_root = -1;
	read_secctx(ks, ydoc_get(pod, "securityContext"), &l->sec);
	read_secctx(ks, ydoc_get(c, "securityContext"), &l->sec);
	l->grace = k8s_long(g, -1);
	if (g != NULL)
		l->grace_span = g->span;
	read_prestop(c, l);
}

/* ---- Services ---- */

void
k8s_read_service(struct k8s_set *ks, const struct ydoc_node *obj)
{
	const struct ydoc_node *ps = ydoc_path(obj, "spec", "ports", NULL);
	struct k8s_service s;
	size_t i;

	memset(&s, 0, sizeof(s));
	s.name = k8s_dup(ks, ydoc_path(obj, "metadata", "name", NULL));
	if (ydoc_path(obj, "metadata", "namespace", NULL) != NULL)
		s.namespace = k8s_dup(ks, ydoc_path(obj, "metadata",
		    "namespace", NULL));
	k8s_pairs_from(ks, ydoc_path(obj, "spec", "selector", NULL), 0,
	    &s.selector);
	s.span = obj->span;
	if (ps != NULL && ps->kind == YDOC_SEQ) {
		s.ports = xcalloc(ps->nkids + 1, sizeof(*s.ports));
		for (i = 0; i < ps->nkids; i++) {
			const struct ydoc_node *p = ps->kids[i];
			const struct ydoc_node *t = ydoc_get(p, "targetPort");
			struct k8s_service_port *sp = &s.ports[s.nports++];

			sp->port = k8s_long(ydoc_get(p, "port"), -1);
			sp->target = t ? k8s_long(t, -1) : sp->port;
			sp->target_name = t && sp->target == -1 ?
			    k8s_dup(ks, t) : NULL;
			sp->span = t ? t->span : p->span;
		}
	}
	ks->services = xrealloc(ks->services, (ks->nservices + 1) *
	    sizeof(*ks->services));
	s.file_ = ks->cur_file_;
	s.seq_ = ks->nseq_++;
	ks->services[ks->nservices++] = s;
}
