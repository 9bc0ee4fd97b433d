/*
 * input_yaml.c: Kubernetes manifests and compose files as launches: the
 * container's gunicorn words and environment go through the launch model
 * like any other input, and the container facts (user, capabilities)
 * become the launch's `where`.
 */
#include <stdlib.h>
#include <string.h>

#include "front/compose.h"
#include "front/yamldoc.h"
#include "inputs_int.h"

#define ANNOTATION "gunilint.io/ignore"

/*
 * The annotation's text without its quotes, so that the findings about
 * one of its ids point at that id (exact unless the text has escapes).
 */
static void
annotation(struct sup_set *set, const struct ydoc_node *n,
    const struct ydoc_node *obj)
{
	struct span at = n->span;

	if ((n->style == YDOC_SINGLE || n->style == YDOC_DOUBLE) && at.len >= 2) {
		at.off++;
		at.len -= 2;
	}
	sup_add_annotation(set, ydoc_str(n), at, obj->span);
}

/* gunilint.io/ignore annotations on an object, its pod template, List items. */
static void
annotations(struct sup_set *set, const struct ydoc_node *obj)
{
	const struct ydoc_node *n, *items;
	size_t i;

	if (obj == NULL)
		return;
	n = ydoc_path(obj, "metadata", "annotations", ANNOTATION, NULL);
	if (n != NULL && ydoc_is_scalar(n))
		annotation(set, n, obj);
	n = ydoc_path(obj, "spec", "template", "metadata", "annotations",
	    ANNOTATION, NULL);
	if (n != NULL && ydoc_is_scalar(n))
		annotation(set, n, obj);
	items = ydoc_get(obj, "items");
	for (i = 0; items != NULL && i < items->nkids; i++)
		annotations(set, items->kids[i]);
}

static void
load_file(struct gl_launches *out, const struct input_file *f,
    struct findings *fs)
{
	struct ydoc_stream *ys;
	struct source *src;
	struct sup_set *sup;
	char *dir, *slash;
	size_t i;

	src = strcmp(f->path, "-") == 0 ? src_read_file("/dev/stdin", "<stdin>") :
	    src_read_file(f->path, NULL);
	if (src == NULL) {
		fnd_add(fs, "GL001", span_make(NULL, 0, 0), "%s: cannot read "
		    "the file", f->path);
		return;
	}
	ys = ydoc_parse(src, fs);
	VEC_PUSH(&out->docs, ys);
	sup = sup_scan(src);
	VEC_PUSH(&out->sups, sup);
	dir = xstrdup(f->path);
	slash = strrchr(dir, '/');
	if (slash != NULL)
		*slash = '\0';
	else
		strcpy(dir, ".");
	if (ys->ndocs > 0 && ys->docs[0]->root != NULL &&
	    cmp_is_compose(ys->docs[0]->root)) {
		cmp_read(out->ks, ys, dir, fs);
	} else {
		k8s_add_stream(out->ks, ys);
		for (i = 0; i < ys->ndocs; i++)
			annotations(sup, ys->docs[i]->root);
	}
	free(dir);
}

/* The value of one environment entry as the launch model takes it. */
static void
add_env(struct gl_launch *l, const struct k8s_env *e)
{
	size_t len;

	if (e->value == NULL)
		return;
	len = strlen(e->value);
	launch_add_env(l, e->name, e->value, e->vspan.src ? e->vspan : e->span,
	    e->vspan.src ? span_offmap(e->vspan, e->value, len) : NULL);
}

static int
has_cap(const struct k8s_launch *k, const char *cap)
{
	size_t i;

	for (i = 0; i < k->sec.ncap_add; i++)
		if (strcmp(k->sec.cap_add[i], cap) == 0 ||
		    (strncmp(k->sec.cap_add[i], "CAP_", 4) == 0 &&
		    strcmp(k->sec.cap_add[i] + 4, cap) == 0))
			return 1;
	return 0;
}

static void
one_container(struct gl_launches *out, const struct launch_opts *base,
    const struct k8s_launch *k)
{
	struct launch_opts lo = *base;
	struct gl_launch *l;
	size_t i;

	lo.cli_unknown = k->gunicorn_at < 0;
	if (k->sec.run_as_user_set)
		lo.uid = (long)k->sec.run_as_user;
	l = launch_begin(out, k->id, &lo);
	l->k8s = k;
	for (i = 0; i < k->nenv; i++)
		add_env(l, &k->env[i]);
	for (i = (size_t)(k->gunicorn_at + 1); k->gunicorn_at >= 0 &&
	    i < k->gunicorn_end; i++)
		sw_push(&l->argv, k->argv[i].s, strlen(k->argv[i].s),
		    k->argv[i].span);
	lo.cpus = -1; /* the orchestration rules judge the container's CPU */
	launch_finish(l, &lo, k->gunicorn_at >= 0 ?
	    k->argv[k->gunicorn_at].span : k->span);
	l->lint.where.in_container = 1;
	l->lint.where.orchestrated = 1;
	l->lint.where.run_uid = k->sec.run_as_user_set ?
	    (long)k->sec.run_as_user : -1;
	l->lint.where.net_bind_service = has_cap(k, "NET_BIND_SERVICE");
}

void
input_yaml_load(struct gl_launches *out, const struct launch_opts *lo,
    const struct input_files *files, struct findings *fs)
{
	size_t i;

	for (i = 0; i < files->n; i++) {
		if (files->v[i].kind != FK_YAML)
			continue;
		if (out->ks == NULL)
			out->ks = k8s_new();
		load_file(out, &files->v[i], fs);
	}
	if (out->ks == NULL)
		return;
	k8s_finish(out->ks, fs);
	for (i = 0; i < out->ks->nlaunches; i++)
		one_container(out, lo, &out->ks->launches[i]);
}
