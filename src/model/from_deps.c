/*
 * from_deps.c: Python dependency files (requirements, pyproject.toml,
 * Pipfile and the poetry, uv and pipenv locks) as an input kind.  A file
 * alone makes no launch; it is kept in the launch set, and each launch
 * is given the files it runs with: the ones its image installs, else the
 * nearest ones.  A gunicorn pin there chooses the settings table, unless
 * --gunicorn-version said which.
 */
#include <stdlib.h>
#include <string.h>

#include "model_int.h"

/* The dependency files of one launch, while they are chosen. */
struct deps_vec {
	struct gl_deps **v;
	size_t n, cap;
};

/* "./a/b" and "a/b" name the same file. */
static const char *
skip_dot(const char *p)
{
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	return p;
}

static struct gl_deps *
deps_new(struct gl_launches *set, const char *path, const struct source *src,
    enum pydeps_kind kind, int input)
{
	struct gl_deps *d = xcalloc(1, sizeof(*d));

	d->path = xstrdup(path);
	/* --kind deps on another name, or stdin: pip's format */
	d->kind = kind != PYDEPS_UNKNOWN ? kind : PYDEPS_REQUIREMENTS;
	d->input = input;
	d->failed = pydeps_read(src, d->kind, &d->pd) < 0;
	VEC_PUSH(&set->deps, d);
	return d;
}

void
deps_read(struct gl_launches *set, const struct model_opts *o,
    const struct input_file *f, struct findings *fs)
{
	struct source *src;
	struct gl_deps *d;
	size_t i;

	(void)o;
	if ((src = set_read_lines(set, f, fs)) == NULL)
		return;
	d = deps_new(set, f->path, src, pydeps_kind_of(f->path), 1);
	/* a UTF-16 file is read as its UTF-8 copy: suppressions too */
	if (d->pd.src != NULL && d->pd.src != src)
		set->files.v[set->files.n - 1].src = d->pd.src;
	for (i = 0; i < d->pd.n; i++)
		if (d->pd.v[i].kind == PYDEPS_ERROR)
			fnd_add_text(fs, "GL001", d->pd.v[i].name_span,
			    d->pd.v[i].message, d->pd.v[i].message_l10n);
}

/* A file read before, or read now from this disk; NULL when unreadable. */
static struct gl_deps *
deps_load(struct gl_launches *set, const char *path, enum pydeps_kind kind)
{
	const struct source *src;
	struct set_file sf;
	struct gl_deps *d;
	size_t i;

	for (i = 0; i < set->deps.n; i++)
		if (strcmp(skip_dot(set->deps.v[i]->path), skip_dot(path)) == 0)
			return set->deps.v[i];
	/* the Dockerfile front-end may have read it already */
	if ((src = src_find(path)) == NULL &&
	    (src = src_read_file(path, path)) == NULL)
		return NULL;
	d = deps_new(set, path, src, kind, 0);
	/* its '# gunilint ignore=' comments apply to findings in it */
	memset(&sf, 0, sizeof(sf));
	sf.src = d->pd.src != NULL ? d->pd.src : src;
	sf.kind = kind_find("deps");
	if (sf.kind != NULL)
		VEC_PUSH(&set->files, sf);
	return d;
}

static char *
dir_of(const char *path)
{
	const char *p = skip_dot(path), *slash = strrchr(p, '/');

	if (slash == p)
		return xstrdup("/");
	return slash ? xstrndup(p, (size_t)(slash - p)) : xstrdup("");
}

/* The -r files of a requirements file, relative to its directory. */
static void
resolve_includes(struct gl_launches *set, struct gl_deps *d, int depth)
{
	char *dir, *p;
	size_t i;

	if (d->includes_done++ || depth > 4)
		return;
	dir = dir_of(d->path);
	for (i = 0; i < d->pd.n; i++) {
		const struct pydeps_rec *r = &d->pd.v[i];
		struct gl_deps *inc;

		if (r->kind != PYDEPS_INCLUDE || r->value == NULL)
			continue;
		p = r->value[0] == '/' || dir[0] == '\0' ? xstrdup(r->value) :
		    xasprintf("%s/%s", dir, r->value);
		inc = strchr(p, '$') ? NULL : deps_load(set, p,
		    PYDEPS_REQUIREMENTS);
		VEC_PUSH(&d->includes, inc);
		if (inc != NULL)
			resolve_includes(set, inc, depth + 1);
		free(p);
	}
	free(dir);
}

/*
 * Requirements files a deployment does not install: development, test,
 * documentation and lint sets, by a word of the name
 * (requirements-dev.txt, test_requirements.txt; not
 * requirements-docker.txt).
 */
static int
not_for_running(const struct gl_deps *d)
{
	static const char *const words[] = { "dev", "develop", "development",
	    "test", "tests", "testing", "doc", "docs", "lint", "typing" };
	const char *p = strrchr(d->path, '/') ? strrchr(d->path, '/') + 1 :
	    d->path;
	size_t i, n;

	if (d->kind != PYDEPS_REQUIREMENTS)
		return 0;
	for (; *p != '\0'; p += n + (p[n] != '\0')) {
		n = strcspn(p, "-_.");
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (strlen(words[i]) == n && strncmp(p, words[i], n) == 0)
				return 1;
	}
	return 0;
}

/* The input dependency files in the directory of path, or its parents. */
static void
nearest(struct gl_launches *set, const char *path, struct deps_vec *out)
{
	char *dir = dir_of(path != NULL ? path : "x"), *slash, *d;
	size_t i;

	for (;;) {
		for (i = 0; i < set->deps.n; i++) {
			d = dir_of(set->deps.v[i]->path);
			if (set->deps.v[i]->input && strcmp(d, dir) == 0 &&
			    !not_for_running(set->deps.v[i]))
				VEC_PUSH(out, set->deps.v[i]);
			free(d);
		}
		if (out->n > 0 || dir[0] == '\0' || strcmp(dir, "/") == 0)
			break;
		slash = strrchr(dir, '/');
		if (slash == dir)
			dir[1] = '\0';
		else if (slash != NULL)
			*slash = '\0';
		else
			dir[0] = '\0';
	}
	free(dir);
}

/* The files the image's install steps name, found in the build context. */
static void
installed(struct gl_launches *set, const struct df_image *im,
    struct deps_vec *out)
{
	struct gl_deps *d;
	size_t i, k;

	for (i = 0; im != NULL && i < im->manifests.n; i++) {
		const struct df_manifest *m = &im->manifests.v[i];

		if (m->tool == NULL || m->local == NULL ||
		    (d = deps_load(set, m->local, m->kind == DF_MF_REQUIREMENTS ?
		    PYDEPS_REQUIREMENTS : pydeps_kind_of(m->local))) == NULL)
			continue;
		for (k = 0; k < out->n && out->v[k] != d; k++)
			;
		if (k == out->n)
			VEC_PUSH(out, d);
	}
}

int
deps_table_version(const char *release, enum gl_version *out)
{
	int i;

	if (release == NULL || !pydeps_version_valid(release))
		return -1;
	*out = GV_20_1_0; /* older releases: the oldest table */
	for (i = GV_20_1_0; i < GV__COUNT; i++)
		if (pydeps_version_cmp(gv_name((enum gl_version)i), release) <= 0)
			*out = (enum gl_version)i;
	return 0;
}

/* A record that pins package name, or NULL; a lock's first. */
static const struct pydeps_rec *
find_in(const struct gl_deps *d, const char *name, int want_pin, int locks,
    const struct gl_deps **in, int depth)
{
	const struct pydeps_rec *r;
	size_t i;
	int is_lock = d->kind == PYDEPS_POETRY_LOCK || d->kind == PYDEPS_UV_LOCK ||
	    d->kind == PYDEPS_PIPFILE_LOCK;

	if (depth > 5 || is_lock != locks)
		goto includes;
	for (i = 0; i < d->pd.n; i++) {
		r = &d->pd.v[i];
		if (r->kind == PYDEPS_REQ && r->name != NULL &&
		    strcmp(r->name, name) == 0 && (!want_pin || r->pinned) &&
		    (r->group == NULL || strcmp(r->group, "dev") != 0)) {
			if (in != NULL)
				*in = d;
			return r;
		}
	}
includes:
	for (i = 0; depth <= 5 && i < d->includes.n; i++)
		if (d->includes.v[i] != NULL && (r = find_in(d->includes.v[i],
		    name, want_pin, locks, in, depth + 1)) != NULL)
			return r;
	return NULL;
}

static const struct pydeps_rec *
find_all(const struct gl_deps *const *v, size_t n, const char *name,
    int want_pin, const struct gl_deps **in)
{
	const struct pydeps_rec *r;
	size_t i;
	int locks;

	for (locks = 1; locks >= 0; locks--)
		for (i = 0; i < n; i++)
			if ((r = find_in(v[i], name, want_pin, locks, in, 0)) != NULL)
				return r;
	return NULL;
}

const struct pydeps_rec *
deps_find(const struct gl_launch *l, const char *name,
    const struct gl_deps **in)
{
	return find_all(l->deps, l->ndeps, name, 0, in);
}

static int
file_complete(const struct gl_deps *d, int depth)
{
	size_t i, named = 0, ninc = 0;

	if (d->failed || depth > 5)
		return 0;
	for (i = 0; i < d->pd.n; i++) {
		const struct pydeps_rec *r = &d->pd.v[i];

		if (r->kind == PYDEPS_TEMPLATE || r->kind == PYDEPS_ERROR ||
		    (r->kind == PYDEPS_REQ && r->name == NULL))
			return 0;
		named += r->kind == PYDEPS_REQ || r->kind == PYDEPS_INCLUDE;
		ninc += r->kind == PYDEPS_INCLUDE;
	}
	if (ninc != d->includes.n) /* includes not (all) followed */
		return 0;
	for (i = 0; i < d->includes.n; i++)
		if (d->includes.v[i] == NULL ||
		    !file_complete(d->includes.v[i], depth + 1))
			return 0;
	/* a pyproject.toml of tool settings only, or dynamic dependencies */
	if (d->kind == PYDEPS_PYPROJECT && (named == 0 ||
	    strstr(d->pd.src->text, "dynamic") != NULL))
		return 0;
	return named > 0;
}

int
deps_complete(const struct gl_launch *l)
{
	size_t i;

	for (i = 0; i < l->ndeps; i++)
		if (!file_complete(l->deps[i], 0))
			return 0;
	return l->ndeps > 0;
}

void
deps_choose(struct gl_launches *set, const struct model_opts *o,
    const struct df_image *im, const char *path, struct launch_base *lo)
{
	struct deps_vec v = { NULL, 0, 0 };
	const struct pydeps_rec *pin;
	enum gl_version ver;
	size_t i;

	installed(set, im, &v);
	lo->deps_installed = v.n > 0;
	/* an image that installs packages by name only does not run the
	 * requirements file lying next to it */
	if (v.n == 0 && (im == NULL || !im->has_install))
		nearest(set, path, &v);
	for (i = 0; i < v.n; i++)
		resolve_includes(set, v.v[i], 0);
	lo->deps = (const struct gl_deps *const *)v.v;
	lo->ndeps = v.n;
	lo->version_from = NULL;
	if (v.v != NULL)
		VEC_PUSH(&set->dep_lists, (const struct gl_deps **)v.v);
	if (o->version_explicit)
		return;
	pin = find_all(lo->deps, lo->ndeps, "gunicorn", 1, NULL);
	if (pin != NULL && deps_table_version(pin->pinned, &ver) == 0) {
		lo->version = ver;
		lo->version_from = pin;
	}
}

void
deps_free_all(struct gl_launches *set)
{
	size_t i;

	for (i = 0; i < set->deps.n; i++) {
		pydeps_free(&set->deps.v[i]->pd);
		free(set->deps.v[i]->includes.v);
		free(set->deps.v[i]->path);
		free(set->deps.v[i]);
	}
	free(set->deps.v);
	for (i = 0; i < set->dep_lists.n; i++)
		free(set->dep_lists.v[i]);
	free(set->dep_lists.v);
}
