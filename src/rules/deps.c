/*
 * deps.c: the dependency rules (GL6xx) over the dependency files a launch
 * uses (struct gl_launch deps).  The split with the image rules: for a
 * Dockerfile's launch, a package missing from what the image installs
 * (by name or through the files it installs) is GL408/GL409/GL410's;
 * GL601-GL605 judge the launches without a Dockerfile, from their
 * nearest dependency files.  The version rules (GL606, GL607) judge
 * every launch whose files pin or lock a version.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/image_int.h"
#include "rules/rules_int.h"

/* Whether an equal finding is already there (launches share a file). */
static int
already(const struct findings *fs, const char *id, struct span sp)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].rule, id) == 0 && fs->v[i].span.src == sp.src &&
		    fs->v[i].span.off == sp.off && fs->v[i].span.len == sp.len)
			return 1;
	return 0;
}

static int
is_lock(const struct gl_deps *d)
{
	return d->kind == PYDEPS_POETRY_LOCK || d->kind == PYDEPS_UV_LOCK ||
	    d->kind == PYDEPS_PIPFILE_LOCK;
}

/* Listed by name, or brought by a listed package that depends on it. */
static int
listed(const struct gl_launch *l, const char *name)
{
	size_t i, k;

	if (deps_find(l, name, NULL) != NULL)
		return 1;
	for (i = 0; i < l->ndeps; i++)
		for (k = 0; k < l->deps[i]->pd.n; k++) {
			const struct pydeps_rec *r = &l->deps[i]->pd.v[k];
			char ex[128] = "";
			size_t e;

			if (r->kind != PYDEPS_REQ || r->name == NULL)
				continue;
			for (e = 0; e < r->nextras; e++)
				snprintf(ex + strlen(ex), sizeof(ex) - strlen(ex),
				    "%s%s", e ? "," : "", r->extras[e]);
			if (img_pkg_brings(r->name, ex, name))
				return 1;
		}
	return 0;
}

/* "requirements.txt" or "requirements.txt and poetry.lock" (the "and" a
 * fragment: for finding messages only). */
static const char *
files_named(const struct gl_launch *l, char *buf, size_t n)
{
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < l->ndeps && i < 3; i++)
		snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", i == 0 ? "" :
		    i + 1 == l->ndeps ? F_(" and ") : ", ", l->deps[i]->path);
	if (l->ndeps > 3)
		snprintf(buf + strlen(buf), n - strlen(buf), ", ...");
	return buf;
}

/* Where the fix goes: a declaring file, not a lock (it is generated). */
static const char *
fix_target(const struct gl_launch *l, char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < l->ndeps; i++)
		if (!is_lock(l->deps[i]))
			return l->deps[i]->path;
	snprintf(buf, n, "the project's dependencies and update %s",
	    l->deps[0]->path);
	return buf;
}

/*
 * The missing-package rules: launches without a Dockerfile, over files
 * no image installs (a container running an image the inputs build is
 * that image's launch too: GL408/GL409 speak there).
 */
static int
judge_missing(const struct gl_launch *l)
{
	return l->df == NULL && !l->deps_installed && deps_complete(l);
}

/* GL601 GL602 GL603: the package the worker class is imported from. */
static void
check_worker_package(const struct gl_launch *l, struct findings *fs)
{
	const char *cls = lv_str(l, "worker_class");
	const char *pkg = img_worker_package(cls), *id;
	struct finding *f;
	char names[256];

	if (pkg == NULL || !judge_missing(l) || listed(l, pkg))
		return;
	id = strcmp(pkg, "uvicorn") == 0 ? "GL601" :
	    strcmp(pkg, "uvicorn-worker") == 0 ? "GL602" : "GL603";
	f = fnd_add(fs, id, lv_value_span(l, "worker_class"), "worker class "
	    "%s is imported from the %s package, which %s does not list: "
	    "gunicorn stops at start with \"class uri ... invalid or not "
	    "found\"", cls, pkg, files_named(l, names, sizeof(names)));
	fnd_set_help(f, "add %s to %s", strcmp(pkg, "uvicorn") == 0 ?
	    "uvicorn[standard]" : pkg, fix_target(l, names, sizeof(names)));
}

/* GL604: gunicorn itself. */
static void
check_gunicorn_listed(const struct gl_launch *l, struct findings *fs)
{
	struct finding *f;
	char names[256];

	if (!judge_missing(l) || listed(l, "gunicorn") ||
	    already(fs, "GL604", l->anchor))
		return;
	f = fnd_add(fs, "GL604", l->anchor, "the launch runs gunicorn, but "
	    "%s does not list it", files_named(l, names, sizeof(names)));
	fnd_set_help(f, "add gunicorn to %s", fix_target(l, names,
	    sizeof(names)));
}

/* GL605: uvicorn's worker with plain uvicorn (no uvloop, no httptools). */
static void
check_uvicorn_standard(const struct gl_launch *l, struct findings *fs)
{
	const char *cls = lv_str(l, "worker_class");
	const struct pydeps_rec *r = NULL;
	size_t i, k, e;

	if (l->df != NULL || l->deps_installed || cls == NULL ||
	    strncmp(cls, "uvicorn", 7) != 0)
		return;
	/* a declaration (a lock records no extras) */
	for (i = 0; r == NULL && i < l->ndeps; i++)
		for (k = 0; !is_lock(l->deps[i]) && k < l->deps[i]->pd.n; k++)
			if (l->deps[i]->pd.v[k].kind == PYDEPS_REQ &&
			    l->deps[i]->pd.v[k].name != NULL &&
			    strcmp(l->deps[i]->pd.v[k].name, "uvicorn") == 0) {
				r = &l->deps[i]->pd.v[k];
				break;
			}
	if (r == NULL || already(fs, "GL605", r->span))
		return;
	for (e = 0; e < r->nextras; e++)
		if (strcmp(r->extras[e], "standard") == 0)
			return;
	fnd_set_help(fnd_add(fs, "GL605", r->name_span, "uvicorn is listed "
	    "without [standard]: its workers run on the pure-Python asyncio "
	    "loop and HTTP parser (no uvloop, no httptools)"),
	    "write uvicorn[standard]");
}

/* Published advisories against gunicorn, by the release that fixed them. */
static const struct {
	const char *fixed;
	const char *id;
	const char *what;
} advisories[] = {
	{ "22.0.0", "CVE-2024-1135", "request smuggling, conflicting "
	    "Transfer-Encoding" },
	{ "23.0.0", "CVE-2024-6827", "request smuggling, Transfer-Encoding "
	    "falls back to Content-Length" },
};

/*
 * The gunicorn version the launch's dependency files pin or lock, and
 * where.  (A Dockerfile's `pip install gunicorn==X` by name is not a
 * dependency file: it neither chooses the table nor is judged here.)
 */
static const char *
gunicorn_pin(const struct gl_launch *l, struct span *at)
{
	if (l->version_from == NULL)
		return NULL;
	*at = l->version_from->span;
	return l->version_from->pinned;
}

/* GL606: a gunicorn release with published advisories. */
static void
check_advisories(const struct gl_launch *l, struct findings *fs)
{
	char ids[128] = "", fixed[16] = "";
	struct span at;
	const char *v = gunicorn_pin(l, &at);
	struct finding *f;
	size_t i;

	if (v == NULL || already(fs, "GL606", at))
		return;
	for (i = 0; i < sizeof(advisories) / sizeof(advisories[0]); i++)
		if (pydeps_version_cmp(v, advisories[i].fixed) < 0) {
			snprintf(ids + strlen(ids), sizeof(ids) - strlen(ids),
			    "%s%s (%s; fixed in %s)", ids[0] ? ", " : "",
			    advisories[i].id, advisories[i].what,
			    advisories[i].fixed);
			snprintf(fixed, sizeof(fixed), "%s", advisories[i].fixed);
		}
	if (ids[0] == '\0')
		return;
	f = fnd_add(fs, "GL606", at, "gunicorn %s has published security "
	    "advisories: %s", v, ids);
	fnd_set_help(f, "upgrade gunicorn to %s or later", fixed);
}

/* GL607: uvicorn.workers with a uvicorn that deprecates it. */
static void
check_uvicorn_version(const struct gl_launch *l, struct findings *fs)
{
	const struct pydeps_rec *r = deps_find(l, "uvicorn", NULL);
	const struct wk_info *w = &l->worker;
	struct finding *f;

	if (w->family != WK_UVICORN || !w->uvicorn_deprecated_module ||
	    r == NULL || r->pinned == NULL ||
	    pydeps_version_cmp(r->pinned, "0.30.0") < 0)
		return;
	f = fnd_add(fs, "GL607", lv_value_span(l, "worker_class"), "'%s' "
	    "comes from uvicorn.workers, which uvicorn %s (the version the "
	    "dependency files give) deprecates in favour of the uvicorn-worker "
	    "package", w->as_written, r->pinned);
	fnd_set_help(f, "add uvicorn-worker and use '%s'",
	    strstr(w->class_path, "H11") ? "uvicorn_worker.UvicornH11Worker" :
	    "uvicorn_worker.UvicornWorker");
}

const struct rule_check rules_deps[] = {
	{ "GL601 GL602 GL603", check_worker_package },
	{ "GL604", check_gunicorn_listed },
	{ "GL605", check_uvicorn_standard },
	{ "GL606", check_advisories },
	{ "GL607", check_uvicorn_version },
	{ NULL, NULL },
};
