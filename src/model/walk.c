/* walk.c: walking the given paths in a stable order and telling each file's kind (kinds.c). */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "model_int.h"

/* Directories a walk never enters: tool caches, virtualenvs, VCS data. */
static const char *const skipped_dirs[] = {
	".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv",
	".tox", ".mypy_cache", ".pytest_cache", "build", "dist",
};

static struct input_file *
push(struct input_files *out, const char *path, const struct input_kind *kind,
    int explicit_path)
{
	struct input_file f;

	memset(&f, 0, sizeof(f));
	f.path = xstrdup(path);
	f.kind = kind;
	f.explicit_path = explicit_path;
	VEC_PUSH(out, f);
	return &out->v[out->n - 1];
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
skipped(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(skipped_dirs) / sizeof(skipped_dirs[0]); i++)
		if (strcmp(name, skipped_dirs[i]) == 0)
			return 1;
	return 0;
}

/* A relative path without a leading "./", for exclude globs and reports. */
static char *
join(const char *dir, const char *name)
{
	if (strcmp(dir, ".") == 0)
		return xstrdup(name);
	return xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
	    name);
}

/* A virtualenv of any name (python -m venv .env): it holds pyvenv.cfg. */
static int
is_venv(const char *dir)
{
	char *cfg = xasprintf("%s/pyvenv.cfg", dir);
	struct stat st;
	int r = stat(cfg, &st) == 0 && S_ISREG(st.st_mode);

	free(cfg);
	return r;
}

/* How many directory levels below a named directory a walk enters. */
#define WALK_MAX_DEPTH 64

static void
walk(const char *dir, const struct gcfg *cfg, struct input_files *out,
    int depth)
{
	VEC(char *) names = { 0 };
	const struct input_kind *k;
	struct dirent *de;
	struct stat st;
	size_t i;
	DIR *d;

	/* Either way a file may be missed: say which, and exit 2. */
	if (depth > WALK_MAX_DEPTH) {
		gl_error("'%s': not entered: the walk stops %d directory "
		    "levels down", dir, WALK_MAX_DEPTH);
		out->errors++;
		return;
	}
	if ((d = opendir(dir)) == NULL) {
		gl_error("'%s': cannot enter the directory: %s", dir,
		    strerror(errno));
		out->errors++;
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			VEC_PUSH(&names, xstrdup(de->d_name));
	closedir(d);
	if (names.n > 1)
		qsort(names.v, names.n, sizeof(*names.v), name_cmp);
	for (i = 0; i < names.n; i++) {
		char *path = join(dir, names.v[i]);

		if (lstat(path, &st) == 0 && !(cfg && gcfg_excluded(cfg, path))) {
			if (S_ISDIR(st.st_mode) && !skipped(names.v[i]) &&
			    !is_venv(path))
				walk(path, cfg, out, depth + 1);
			else if (S_ISREG(st.st_mode) &&
			    (k = kind_of_path(path)) != NULL)
				push(out, path, k, 0);
		}
		free(path);
		free(names.v[i]);
	}
	free(names.v);
}

/* An explicitly named file of unknown name: look at its first lines. */
static const struct input_kind *
sniff(const char *path)
{
	char buf[4096];
	size_t n;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	return kind_sniff(buf);
}

/*
 * "-": stdin, read here once, of the kind --kind says, else the kind
 * --stdin-filename's name says, else the kind its first bytes suggest.
 * With a name, the file is that path (for reports, inline ignores, its
 * folder's neighbours); only its bytes come from stdin.
 */
static int
push_stdin(struct input_files *out, const struct input_kind *k,
    const char *name)
{
	const char *shown = name != NULL ? name : "<stdin>";
	struct source *src;
	char head[4096];

	if (k == NULL && name != NULL && (k = kind_of_path(name)) == NULL) {
		gl_error("'%s' (--stdin-filename): cannot tell what kind of "
		    "file this is; name it with --kind (%s)", name,
		    kind_names());
		return 2;
	}
	if ((src = src_read_file("/dev/stdin", shown)) == NULL) {
		gl_error("stdin: %s", src_read_error());
		return 2;
	}
	if (k == NULL) {
		snprintf(head, sizeof(head), "%.*s", (int)(src->len <
		    sizeof(head) ? src->len : sizeof(head) - 1), src->text);
		k = kind_sniff(head);
	}
	if (k == NULL) {
		gl_error("stdin: cannot tell what kind of file this is; "
		    "name it with --kind (%s) or --stdin-filename", kind_names());
		return 2;
	}
	push(out, name != NULL ? name : "-", k, 1)->src = src;
	return 0;
}

/*
 * The file on disk that --stdin-filename stands for, found again by a
 * walk or named too, is left out: the editor's buffer replaces it.
 */
static void
drop_shadowed(struct input_files *out, const char *name)
{
	char *real = realpath(name, NULL), *r;
	size_t i, j;

	for (i = j = 0; i < out->n; i++) {
		int same = 0;

		if (out->v[i].src == NULL) {
			r = real ? realpath(out->v[i].path, NULL) : NULL;
			same = strcmp(out->v[i].path, name) == 0 ||
			    (r != NULL && strcmp(r, real) == 0);
			free(r);
		}
		if (same)
			free(out->v[i].path);
		else
			out->v[j++] = out->v[i];
	}
	out->n = j;
	free(real);
}

int
walk_collect(const char *const *paths, size_t n,
    const struct input_kind *stdin_kind, const char *stdin_name,
    const struct gcfg *cfg, struct input_files *out)
{
	int rc;

	const struct input_kind *k;
	struct stat st;
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		if (strcmp(paths[i], "-") == 0) {
			if ((rc = push_stdin(out, stdin_kind, stdin_name)) != 0)
				return rc;
			continue;
		}
		if (stat(paths[i], &st) != 0) {
			gl_error("'%s': %s", paths[i], strerror(errno));
			return 2;
		}
		if (S_ISDIR(st.st_mode)) {
			walk(paths[i], cfg, out, 0);
			continue;
		}
		/* a FIFO would block the sniffing below; a device never ends */
		if (!S_ISREG(st.st_mode)) {
			gl_error("'%s': %s: not read", paths[i],
			    src_special_name(st.st_mode));
			out->errors++;
			continue;
		}
		/* the name, else what --kind says, else the first bytes */
		if ((k = kind_of_path(paths[i])) == NULL &&
		    (k = stdin_kind) == NULL && (k = sniff(paths[i])) == NULL) {
			gl_error("'%s': cannot tell what kind of file this is; "
			    "name it with --kind", paths[i]);
			return 2;
		}
		push(out, paths[i], k, 1);
	}
	if (stdin_name != NULL)
		drop_shadowed(out, stdin_name);
	return 0;
}

void
walk_free(struct input_files *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->v[i].path);
	free(f->v);
	memset(f, 0, sizeof(*f));
}
