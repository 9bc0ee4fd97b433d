/*
 * from_yaml.c: Kubernetes manifests and compose files as launches: the
 * container's gunicorn words and environment go through the launch model
 * like any other input, and the container facts (user, capabilities)
 * become the launch's `where`.
 */
#include <stdlib.h>
#include <string.h>

#include "model_int.h"

void *
yaml_parse(const struct model_opts *o, const struct source *src,
    struct findings *fs)
{
	(void)o;
	return ydoc_parse(src, fs);
}

/* The set_file that set_read() recorded for src: one of the last. */
static struct set_file *
file_of(struct gl_launches *out, const struct source *src)
{
	size_t i;

	for (i = out->files.n; i-- > 0;)
		if (out->files.v[i].src == src)
			return &out->files.v[i];
	return NULL;
}

void
yaml_take(struct gl_launches *out, const struct model_opts *o,
    const struct input_file *f, struct source *src, void *parsed,
    struct findings *fs)
{
	struct ydoc_stream *ys = parsed;
	struct set_file *sf;
	char *dir, *slash;

	if (out->ks == NULL) {
		out->ks = k8s_new();
		/* image_of() finds no image for any of them (Dockerfiles are
		 * read before manifests): such containers are not kept */
		out->ks->drop_pending = o->nimages == 0 && out->dfs.n != 1;
	}
	if (ys->ndocs > 0 && ys->docs[0]->root != NULL &&
	    cmp_is_compose(ys->docs[0]->root)) {
		dir = xstrdup(f->path);
		slash = strrchr(dir, '/');
		if (slash != NULL)
			*slash = '\0';
		else
			strcpy(dir, ".");
		cmp_read(out->ks, ys, dir, fs);
		free(dir);
		ydoc_free(ys); /* the services copied what they need */
	} else {
		struct k8s_annotation *an;

		/* its gunilint.io/ignore annotations are inline ignores */
		if ((sf = file_of(out, src)) != NULL) {
			sf->nannotations = k8s_ignore_annotations(ys,
			    out->ks->arena, &an);
			sf->annotations = an;
		}
		/* walked now, or kept for a ConfigMap of a later file */
		if (k8s_add_stream(out->ks, ys, fs))
			ydoc_free(ys);
		else
			VEC_PUSH(&out->docs, ys);
	}
}

void
yaml_read(struct gl_launches *out, const struct model_opts *o,
    const struct input_file *f, struct findings *fs)
{
	struct source *src;

	if ((src = set_read(out, f)) != NULL)
		yaml_take(out, o, f, src, yaml_parse(o, src, fs), fs);
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

/* A container's mounts, asked which one provides a TLS file. */
struct mount_ctx {
	const struct k8s_launch *k;
	struct arena *a;
};

static const char *
mount_source(const void *ctx, const char *path)
{
	static const char *const kinds[] = {
		[K8S_VOL_OTHER] = "volume", [K8S_VOL_SECRET] = "Secret",
		[K8S_VOL_CONFIGMAP] = "ConfigMap", [K8S_VOL_PROJECTED] =
		"projected volume", [K8S_VOL_EMPTYDIR] = "emptyDir",
		[K8S_VOL_HOSTPATH] = "hostPath", [K8S_VOL_PVC] =
		"PersistentVolumeClaim",
	};
	const struct mount_ctx *m = ctx;
	const char *r;
	char *t;
	size_t i, n;

	for (i = 0; i < m->k->nmounts; i++) {
		const struct k8s_mount *mt = &m->k->mounts[i];
		const struct k8s_volume *v = mt->vol;

		n = strlen(mt->path);
		while (n > 1 && mt->path[n - 1] == '/')
			n--;
		if (strncmp(path, mt->path, n) != 0 ||
		    (path[n] != '/' && path[n] != '\0') || v == NULL)
			continue;
		t = v->source != NULL ? xasprintf("%s '%s' (volume '%s' mounted "
		    "at %s)", kinds[v->type], v->source, v->name, mt->path) :
		    xasprintf("%s '%s' mounted at %s", kinds[v->type], v->name,
		    mt->path);
		r = arena_strdup(m->a, t);
		free(t);
		return r;
	}
	return NULL;
}

/*
 * The Dockerfile that builds a container's image: the one named with
 * --image NAME=PATH (NAME with or without its tag), else the only
 * Dockerfile among the inputs.
 */
static const struct df_file *
image_of(const struct gl_launches *out, const struct model_opts *o,
    const struct k8s_launch *k)
{
	size_t i, j, n;

	for (i = 0; k->image != NULL && i < o->nimages; i++) {
		const char *eq = strchr(o->images[i], '=');

		if (eq == NULL)
			continue;
		n = (size_t)(eq - o->images[i]);
		if (strncmp(k->image, o->images[i], n) != 0 ||
		    (k->image[n] != '\0' && k->image[n] != ':'))
			continue;
		for (j = 0; j < out->dfs.n; j++)
			if (strcmp(out->dfs.v[j]->src->name, eq + 1) == 0)
				return out->dfs.v[j];
	}
	if (o->nimages == 0 && out->dfs.n == 1)
		return out->dfs.v[0];
	return NULL;
}

static void
one_container(struct gl_launches *out, const struct model_opts *o,
    const struct launch_base *base, const struct k8s_launch *k)
{
	const struct df_file *df = image_of(out, o, k);
	const struct df_image *im = k->has_command || k->has_args ||
	    df == NULL ? NULL : df_final_image(df);
	struct launch_base lo = *base;
	struct gl_launch *l;
	size_t i;

	if (im != NULL && im->launch.kind != DF_LAUNCH_GUNICORN)
		im = NULL;
	lo.cli_unknown = k->gunicorn_at < 0 && im == NULL;
	if (k->sec.run_as_user_set)
		lo.uid = (long)k->sec.run_as_user;
	lo.file = k->span.src ? k->span.src->name : NULL;
	if (im != NULL && im->workdir.s != NULL)
		lo.cwd = im->workdir.s; /* the image's WORKDIR */
	/* a ConfigMap or Secret that is not among the inputs may set more */
	for (i = 0; i < k->nenv; i++)
		if (k->env[i].missing)
			lo.env_open = 1;
	deps_choose(out, o, im, k->span.src ? k->span.src->name : NULL, &lo);
	l = launch_begin(out, k->id, &lo);
	l->k8s = k;
	l->k8s_set = out->ks;
	/* Known before the evaluation: the config file is found through it. */
	l->where.in_container = 1;
	l->where.orchestrated = 1;
	l->where.run_uid = k->sec.run_as_user_set ?
	    (long)k->sec.run_as_user : -1;
	l->where.net_bind_service = has_cap(k, "NET_BIND_SERVICE");
	if (k->nmounts > 0) {
		struct mount_ctx *m = arena_alloc(out->ks->arena, sizeof(*m));

		m->k = k;
		m->a = out->ks->arena;
		l->where.file_source = mount_source;
		l->where.file_source_ctx = m;
	}
	if (im != NULL && k->nmounts == 0) {
		/* the image's own files: what its Dockerfile copies */
		l->where.file_source = df_copy_source;
		l->where.file_source_ctx = df;
		l->where.file_local = df_copy_local;
		l->where.file_local_ctx = df;
	}
	/* The image's ENV comes first: the container's env overrides it. */
	for (i = 0; im != NULL && i < im->env.n; i++)
		if (im->env.v[i].kind == DF_VAR_ENV && im->env.v[i].has_value)
			launch_add_env(l, im->env.v[i].name, im->env.v[i].value.s,
			    im->env.v[i].value.span, NULL);
	for (i = 0; i < k->nenv; i++)
		add_env(l, &k->env[i]);
	for (i = (size_t)(k->gunicorn_at + 1); k->gunicorn_at >= 0 &&
	    i < k->gunicorn_end; i++)
		sw_push(&l->argv, k->argv[i].s, strlen(k->argv[i].s),
		    k->argv[i].span);
	for (i = 0; im != NULL && k->gunicorn_at < 0 && i < im->launch.argc; i++)
		sw_push(&l->argv, im->launch.argv[i].s, im->launch.argv[i].len,
		    im->launch.argv[i].span);
	lo.cpus = -1; /* the orchestration rules judge the container's CPU */
	launch_finish(l, &lo, k->gunicorn_at >= 0 ?
	    k->argv[k->gunicorn_at].span : k->span);
}

void
yaml_finish(struct gl_launches *out, const struct model_opts *o,
    struct findings *fs)
{
	size_t i;

	if (out->ks == NULL)
		return;
	k8s_finish(out->ks, fs);
	/* The records hold copies: the trees go before the launches come. */
	for (i = 0; i < out->docs.n; i++)
		ydoc_free(out->docs.v[i]);
	out->docs.n = 0;
	for (i = 0; i < out->ks->nlaunches; i++)
		one_container(out, o, out->base, &out->ks->launches[i]);
	/* Containers that run their image's command: gunicorn if the
	 * Dockerfile of that image says so. */
	for (i = 0; i < out->ks->npending; i++) {
		const struct df_file *df = image_of(out, o, &out->ks->pending[i]);
		const struct df_image *im = df ? df_final_image(df) : NULL;

		if (im != NULL && im->launch.kind == DF_LAUNCH_GUNICORN &&
		    !out->ks->pending[i].has_args)
			one_container(out, o, out->base, &out->ks->pending[i]);
	}
}
