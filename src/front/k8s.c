/*
 * k8s.c: reads Kubernetes objects from ydoc trees: finds the pod spec of
 * every workload kind (and of any object with spec.template), and turns
 * each container that starts gunicorn into a k8s_launch with its command
 * line expanded as the kubelet expands it.  Container details (env,
 * resources, probes, volumes) are read in k8s_container.c.
 */
#include <stdlib.h>
#include <string.h>

#include "front/front.h"
#include "k8s_int.h"

struct k8s_set *
k8s_new(void)
{
	struct k8s_set *ks = xcalloc(1, sizeof(*ks));

	ks->arena = arena_new();
	return ks;
}

int
k8s_is_object(const struct ydoc_node *root)
{
	return ydoc_is_scalar(ydoc_get(root, "apiVersion")) &&
	    ydoc_is_scalar(ydoc_get(root, "kind"));
}

void
k8s_launch_release(struct k8s_launch *l)
{
	free(l->env);
	free(l->ports);
	free(l->probes);
	free(l->mounts);
	free(l->volumes);
}

void
k8s_free(struct k8s_set *ks)
{
	size_t i;

	if (ks == NULL)
		return;
	for (i = 0; i < ks->nlaunches; i++)
		k8s_launch_release(&ks->launches[i]);
	for (i = 0; i < ks->npending; i++)
		k8s_launch_release(&ks->pending[i]);
	free(ks->pending);
	for (i = 0; i < ks->nservices; i++)
		free(ks->services[i].ports);
	free(ks->launches);
	free(ks->services);
	free(ks->docs_file_);
	k8s_configmaps_free(ks);
	free(ks->docs_);
	arena_free(ks->arena);
	free(ks);
}

int
k8s_template_tag(const struct ydoc_node *n)
{
	/* libyaml expands "!!str" to tag:yaml.org,2002:str; "!Var" stays local */
	return n != NULL && n->tag != NULL && n->tag[0] == '!' && n->tag[1] != '\0';
}

void
k8s_push(struct k8s_set *ks, struct k8s_launch *l, int pending)
{
	struct k8s_launch **v = pending ? &ks->pending : &ks->launches;
	size_t *n = pending ? &ks->npending : &ks->nlaunches;

	if (pending && ks->drop_pending) {
		k8s_launch_release(l); /* no image can make it a launch */
		return;
	}
	l->file_ = ks->cur_file_;
	l->seq_ = ks->nseq_++;
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = *l;
}

/* ---- the command line ---- */

/* Service links the kubelet adds: FOO_SERVICE_HOST, FOO_PORT, FOO_PORT_80_TCP... */
static int
service_link(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i + 5 <= len; i++)
		if (memcmp(name + i, "_PORT", 5) == 0 &&
		    (i + 5 == len || name[i + 5] == '_'))
			return 1;
	for (i = 0; i + 9 <= len; i++)
		if (memcmp(name + i, "_SERVICE_", 9) == 0)
			return 1;
	return 0;
}

static const struct k8s_env *
find_env(const struct k8s_launch *l, const char *name, size_t len, int *opaque)
{
	size_t i;

	*opaque = 0;
	for (i = l->nenv; i-- > 0;) {
		if (l->env[i].name[0] == '\0')
			*opaque = 1; /* envFrom whose names are not known */
		else if (strlen(l->env[i].name) == len &&
		    memcmp(l->env[i].name, name, len) == 0)
			return &l->env[i];
	}
	return NULL;
}

const char *
k8s_kubelet_lookup(void *ctx, const char *name, size_t len, int *unknown)
{
	int opaque;
	const struct k8s_env *e = find_env(ctx, name, len, &opaque);

	if (e != NULL) {
		*unknown = e->value == NULL;
		return e->value;
	}
	*unknown = opaque || service_link(name, len);
	return NULL;
}

const char *
k8s_shell_lookup(void *ctx, const char *name, size_t len, int *unknown)
{
	int opaque;
	const struct k8s_env *e = find_env(ctx, name, len, &opaque);

	*unknown = e == NULL || e->value == NULL;
	return e ? e->value : NULL;
}

static void
push_words(struct k8s_set *ks, const struct ydoc_node *seq,
    struct k8s_launch *l, k8s_wordvec *out)
{
	size_t i;

	if (seq == NULL || seq->kind != YDOC_SEQ)
		return;
	for (i = 0; i < seq->nkids; i++) {
		struct k8s_word w = { 0 };
		char *s;

		s = k8s_expand(ydoc_str(seq->kids[i]), k8s_kubelet_lookup, l,
		    &w.unresolved);
		w.unresolved |= k8s_template_tag(seq->kids[i]);
		w.s = arena_strdup(ks->arena, s);
		free(s);
		w.span = seq->kids[i]->span;
		VEC_PUSH(out, w);
	}
}

/* Replaces "sh -c STRING ..." by STRING's words, so gunicorn can be found. */
int
k8s_unwrap_shell(struct k8s_set *ks, struct k8s_launch *l)
{
	static const char *const shells[] = { "sh", "bash", "ash", "dash",
	    "/bin/sh", "/bin/bash", "/bin/ash", "/bin/dash", "/usr/bin/bash" };
	struct k8s_word *w;
	size_t i, c;
	long n;
	int shell = 0;

	if (l->argc < 3)
		return 0;
	for (i = 0; i < sizeof(shells) / sizeof(shells[0]); i++)
		shell |= strcmp(l->argv[0].s, shells[i]) == 0;
	/* options up to the one that holds c: "-c", "-ec", "-lc" */
	for (c = 1; c < l->argc && l->argv[c].s[0] == '-' &&
	    strchr(l->argv[c].s, 'c') == NULL; c++)
		;
	if (!shell || c + 1 >= l->argc || l->argv[c].s[0] != '-')
		return 0;
	n = k8s_shell_split(ks->arena, l->argv[c + 1].s, l->argv[c + 1].span,
	    k8s_shell_lookup, l, &w);
	if (n <= 0)
		return 0;
	for (i = 0; i < (size_t)n; i++)
		w[i].unresolved |= l->argv[c + 1].unresolved;
	l->argv = w;
	l->argc = (size_t)n;
	l->via_shell = 1;
	return 1;
}

/* Where a shell operator ends gunicorn's command ("gunicorn app; echo"). */
static void
shell_end(struct k8s_set *ks, struct k8s_launch *l)
{
	static const char *const ops[] = { ";", "&&", "||", "|", "&" };
	size_t i, j, n;

	l->gunicorn_end = l->argc;
	if (!l->via_shell || l->gunicorn_at < 0)
		return;
	for (i = (size_t)l->gunicorn_at + 1; i < l->argc; i++) {
		const char *s = l->argv[i].s;

		for (j = 0; j < sizeof(ops) / sizeof(ops[0]); j++) {
			if (strcmp(s, ops[j]) == 0) {
				l->gunicorn_end = i;
				return;
			}
		}
		n = strlen(s);
		if (n > 0 && s[n - 1] == ';') {
			l->argv[i].s = arena_strndup(ks->arena, s, n - 1);
			l->gunicorn_end = i + 1;
			return;
		}
	}
}

void
k8s_locate_gunicorn(struct k8s_set *ks, struct k8s_launch *l)
{
	l->gunicorn_at = k8s_find_gunicorn(l->argv, l->argc);
	if (l->gunicorn_at == -1 && k8s_unwrap_shell(ks, l))
		l->gunicorn_at = k8s_find_gunicorn(l->argv, l->argc);
	shell_end(ks, l);
}

static void
read_command(struct k8s_set *ks, const struct ydoc_node *c, struct k8s_launch *l)
{
	k8s_wordvec words = { 0 };
	const struct ydoc_node *cmd = ydoc_get(c, "command");
	const struct ydoc_node *args = ydoc_get(c, "args");

	l->has_command = cmd != NULL && cmd->kind == YDOC_SEQ;
	l->has_args = args != NULL && args->kind == YDOC_SEQ;
	push_words(ks, cmd, l, &words);
	push_words(ks, args, l, &words);
	l->argc = words.n;
	l->argv = arena_alloc(ks->arena, (words.n + 1) * sizeof(*l->argv));
	if (words.n)
		memcpy(l->argv, words.v, words.n * sizeof(*l->argv));
	free(words.v);
	k8s_locate_gunicorn(ks, l);
}

/* ---- the image's part of a launch ---- */

static void
image_argv(struct k8s_set *ks, struct k8s_launch *l, const struct k8s_image *img)
{
	const struct k8s_word *tail = l->has_args ? l->argv : img->cmd;
	size_t ntail = l->has_args ? l->argc : img->ncmd;
	struct k8s_word *w = arena_alloc(ks->arena, (img->nentrypoint + ntail + 1) *
	    sizeof(*w));

	if (img->nentrypoint)
		memcpy(w, img->entrypoint, img->nentrypoint * sizeof(*w));
	if (ntail)
		memcpy(w + img->nentrypoint, tail, ntail * sizeof(*w));
	l->argv = w;
	l->argc = img->nentrypoint + ntail;
}

static void
image_env(struct k8s_launch *l, const struct k8s_image *img)
{
	struct k8s_env *env = xcalloc(img->nenv + l->nenv + 1, sizeof(*env));
	size_t i;

	for (i = 0; i < img->nenv; i++) {
		env[i] = img->env[i];
		env[i].origin = K8S_ENV_IMAGE;
	}
	if (l->nenv)
		memcpy(env + img->nenv, l->env, l->nenv * sizeof(*env));
	free(l->env);
	l->env = env;
	l->nenv += img->nenv;
}

static void
image_user(struct k8s_launch *l, const struct k8s_image *img)
{
	char *end;
	long long uid;

	if (img->user == NULL || l->sec.run_as_user_set || l->user != NULL)
		return;
	uid = strtoll(img->user, &end, 10);
	if (end != img->user && (*end == '\0' || *end == ':')) {
		l->sec.run_as_user_set = 1;
		l->sec.run_as_user = uid;
		l->sec.user_span = img->user_span;
	} else if (l->sec.run_as_non_root == -1 &&
	    strncmp(img->user, "root", 4) != 0) {
		l->sec.run_as_non_root = 1;
		l->sec.non_root_span = img->user_span;
	}
}

int
k8s_resolve_image(struct k8s_set *ks, size_t i, const struct k8s_image *img,
    struct findings *fs)
{
	struct k8s_launch *l;

	if (i >= ks->npending)
		return 0;
	l = &ks->pending[i];
	image_argv(ks, l, img);
	image_env(l, img);
	image_user(l, img);
	l->via_shell = 0;
	k8s_locate_gunicorn(ks, l);
	if (l->gunicorn_at == -1 && k8s_env_get(l, "GUNICORN_CMD_ARGS") == NULL)
		return 0;
	k8s_report_missing(l, fs);
	k8s_push(ks, l, 0);
	memmove(&ks->pending[i], &ks->pending[i + 1], (ks->npending - i - 1) *
	    sizeof(*ks->pending));
	ks->npending--;
	return 1;
}

/* ---- workloads ---- */

struct walk {
	struct k8s_set *ks;
	struct findings *fs;
	const struct ydoc_node *obj;
	const char *kind, *name, *ns;
	const char *helm;
};

static void
add_container(struct walk *wk, const struct ydoc_node *pod,
    const struct ydoc_node *c, int init, const struct ydoc_node *labels)
{
	struct k8s_set *ks = wk->ks;
	struct k8s_launch l;
	int pending;

	memset(&l, 0, sizeof(l));
	l.from = K8S_FROM_KUBERNETES;
	l.kind = wk->kind;
	l.workload = wk->name;
	l.namespace = wk->ns;
	l.helm_source = wk->helm;
	l.container = arena_strdup(ks->arena, ydoc_str(ydoc_get(c, "name")));
	l.init = init;
	l.span = c->span;
	k8s_pairs_from(ks, labels, 1, &l.labels);
	l.image = arena_strdup(ks->arena, ydoc_str(ydoc_get(c, "image")));
	if (ydoc_get(c, "image"))
		l.image_span = ydoc_get(c, "image")->span;
	l.id = arena_strdup(ks->arena, "");
	k8s_read_resources(ks, c, &l);
	k8s_read_env(ks, c, &l);
	read_command(ks, c, &l);
	pending = l.gunicorn_at == -1 &&
	    k8s_env_get(&l, "GUNICORN_CMD_ARGS") == NULL;
	if (pending && l.has_command) {
		k8s_launch_release(&l);
		return; /* not a gunicorn launch: ignored quietly */
	}
	{
		char *id = xasprintf("%s#%s/%s/%s/%s", c->span.src->name,
		    wk->kind, wk->name, init ? "initContainers" : "containers",
		    l.container);

		l.id = arena_strdup(ks->arena, id);
		free(id);
	}
	k8s_read_container(ks, pod, c, &l);
	if (!pending)
		k8s_report_missing(&l, wk->fs);
	k8s_push(ks, &l, pending);
}

static void
read_pod(struct walk *wk, const struct ydoc_node *tmpl)
{
	const struct ydoc_node *pod = ydoc_get(tmpl, "spec");
	const struct ydoc_node *labels = ydoc_path(tmpl, "metadata", "labels",
	    NULL);
	static const char *const lists[] = { "initContainers", "containers" };
	size_t i, j;

	if (pod == NULL || pod->kind != YDOC_MAP)
		return;
	for (i = 0; i < 2; i++) {
		const struct ydoc_node *cs = ydoc_get(pod, lists[i]);

		if (cs == NULL || cs->kind != YDOC_SEQ)
			continue;
		for (j = 0; j < cs->nkids; j++)
			if (cs->kids[j]->kind == YDOC_MAP)
				add_container(wk, pod, cs->kids[j], i == 0,
				    labels);
	}
}

static void
walk_object(struct k8s_set *ks, struct findings *fs,
    const struct ydoc_node *obj, const char *helm, int depth)
{
	struct walk wk = { ks, fs, obj, NULL, NULL, NULL, helm };
	const struct ydoc_node *ns;
	const struct ydoc_node *items, *t;
	size_t i;

	if (obj == NULL || obj->kind != YDOC_MAP || depth > 8)
		return;
	wk.kind = arena_strdup(ks->arena, ydoc_str(ydoc_get(obj, "kind")));
	wk.name = arena_strdup(ks->arena,
	    ydoc_str(ydoc_path(obj, "metadata", "name", NULL)));
	if ((ns = ydoc_path(obj, "metadata", "namespace", NULL)) != NULL)
		wk.ns = arena_strdup(ks->arena, ydoc_str(ns));
	/* kind: List (kubectl get -o yaml) and OpenShift Templates nest objects */
	items = ydoc_get(obj, strcmp(wk.kind, "Template") == 0 ? "objects" :
	    "items");
	if (items != NULL && items->kind == YDOC_SEQ) {
		for (i = 0; i < items->nkids; i++)
			walk_object(ks, fs, items->kids[i], helm, depth + 1);
		return;
	}
	if (strcmp(wk.kind, "Pod") == 0) {
		read_pod(&wk, obj);
		return;
	}
	if (strcmp(wk.kind, "Service") == 0) {
		k8s_read_service(ks, obj);
		return;
	}
	t = ydoc_path(obj, "spec", "jobTemplate", "spec", "template", NULL);
	if (t == NULL)
		t = ydoc_path(obj, "spec", "template", NULL);
	if (t != NULL && t->kind == YDOC_MAP)
		read_pod(&wk, t);
}

#define IGNORE_ANNOTATION "gunilint.io/ignore"

typedef VEC(struct k8s_annotation) annvec;

/*
 * The annotation's text without its quotes, so that the findings about
 * one of its ids point at that id (exact unless the text has escapes).
 */
static void
annotation_add(annvec *out, struct arena *a,
    const struct ydoc_node *n, const struct ydoc_node *obj)
{
	struct k8s_annotation an;

	an.at = n->span;
	if ((n->style == YDOC_SINGLE || n->style == YDOC_DOUBLE) &&
	    an.at.len >= 2) {
		an.at.off++;
		an.at.len -= 2;
	}
	an.text = arena_strdup(a, ydoc_str(n));
	an.scope = obj->span;
	VEC_PUSH(out, an);
}

/* On an object, its pod template, and List items. */
static void
annotations_of(annvec *out, struct arena *a,
    const struct ydoc_node *obj)
{
	const struct ydoc_node *n, *items;
	size_t i;

	if (obj == NULL)
		return;
	n = ydoc_path(obj, "metadata", "annotations", IGNORE_ANNOTATION, NULL);
	if (n != NULL && ydoc_is_scalar(n))
		annotation_add(out, a, n, obj);
	n = ydoc_path(obj, "spec", "template", "metadata", "annotations",
	    IGNORE_ANNOTATION, NULL);
	if (n != NULL && ydoc_is_scalar(n))
		annotation_add(out, a, n, obj);
	items = ydoc_get(obj, "items");
	for (i = 0; items != NULL && i < items->nkids; i++)
		annotations_of(out, a, items->kids[i]);
}

size_t
k8s_ignore_annotations(const struct ydoc_stream *ys, struct arena *a,
    struct k8s_annotation **out)
{
	annvec v = { 0 };
	size_t i;

	for (i = 0; i < ys->ndocs; i++)
		annotations_of(&v, a, ys->docs[i]->root);
	/* moved into the arena: the set_file keeps no heap of its own */
	*out = NULL;
	if (v.n > 0) {
		*out = arena_alloc(a, v.n * sizeof(**out));
		memcpy(*out, v.v, v.n * sizeof(**out));
	}
	free(v.v);
	return v.n;
}

/* Where a walk's records stand, to take them back. */
struct walk_mark {
	size_t nlaunches, npending, nservices, nfindings;
};

static void
walk_undo(struct k8s_set *ks, struct findings *fs, const struct walk_mark *m)
{
	while (ks->nlaunches > m->nlaunches)
		k8s_launch_release(&ks->launches[--ks->nlaunches]);
	while (ks->npending > m->npending)
		k8s_launch_release(&ks->pending[--ks->npending]);
	while (ks->nservices > m->nservices)
		free(ks->services[--ks->nservices].ports);
	while (fs->n > m->nfindings)
		fnd_drop(fs, fs->n - 1);
}

static void
walk_stream(struct k8s_set *ks, struct findings *fs, const struct ydoc *d)
{
	walk_object(ks, fs, d->root, d->helm_source, 0);
}

int
k8s_add_stream(struct k8s_set *ks, const struct ydoc_stream *ys,
    struct findings *fs)
{
	struct walk_mark m = { ks->nlaunches, ks->npending, ks->nservices,
	    fs->n };
	size_t i, file = ++ks->nfiles_;

	for (i = 0; i < ys->ndocs; i++)
		if (ys->docs[i]->root != NULL)
			k8s_collect_configmaps(ks, ys->docs[i]->root, 0);
	ks->cur_file_ = file;
	ks->walk_early_ = 1;
	ks->walk_again_ = 0;
	for (i = 0; i < ys->ndocs && !ks->walk_again_; i++)
		if (ys->docs[i]->root != NULL)
			walk_stream(ks, fs, ys->docs[i]);
	ks->walk_early_ = 0;
	ks->cur_file_ = 0;
	if (!ks->walk_again_)
		return 1;
	/* a later file may hold the ConfigMap: walk this one at the end */
	walk_undo(ks, fs, &m);
	for (i = 0; i < ys->ndocs; i++) {
		if (ys->docs[i]->root == NULL)
			continue;
		ks->docs_ = xrealloc(ks->docs_, (ks->ndocs_ + 1) *
		    sizeof(*ks->docs_));
		ks->docs_file_ = xrealloc(ks->docs_file_, (ks->ndocs_ + 1) *
		    sizeof(*ks->docs_file_));
		ks->docs_[ks->ndocs_] = ys->docs[i];
		ks->docs_file_[ks->ndocs_++] = file;
	}
	return 0;
}

/* Compose services first, in the order read; then each manifest's
 * records in input order, however early its walk came. */
static int
by_input_order(size_t fa, size_t sa, size_t fb, size_t sb)
{
	if (fa != fb)
		return fa < fb ? -1 : 1;
	return sa < sb ? -1 : sa > sb;
}

static int
launch_order(const void *a, const void *b)
{
	const struct k8s_launch *x = a, *y = b;

	return by_input_order(x->file_, x->seq_, y->file_, y->seq_);
}

static int
service_order(const void *a, const void *b)
{
	const struct k8s_service *x = a, *y = b;

	return by_input_order(x->file_, x->seq_, y->file_, y->seq_);
}

void
k8s_finish(struct k8s_set *ks, struct findings *fs)
{
	size_t i;

	for (i = 0; i < ks->ndocs_; i++) {
		ks->cur_file_ = ks->docs_file_[i];
		walk_stream(ks, fs, ks->docs_[i]);
	}
	ks->cur_file_ = 0;
	ks->ndocs_ = 0;
	if (ks->nlaunches > 1)
		qsort(ks->launches, ks->nlaunches, sizeof(*ks->launches),
		    launch_order);
	if (ks->npending > 1)
		qsort(ks->pending, ks->npending, sizeof(*ks->pending),
		    launch_order);
	if (ks->nservices > 1)
		qsort(ks->services, ks->nservices, sizeof(*ks->services),
		    service_order);
	k8s_configmaps_free(ks);
}
