/* files.c: walking the given paths and telling each file's kind. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "files.h"

/* Directories a walk never enters: tool caches, virtualenvs, VCS data. */
static const char *const skipped_dirs[] = {
	".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv",
	".tox", ".mypy_cache", ".pytest_cache", "build", "dist",
};

static const struct {
	const char *name;
	enum file_kind kind;
} kind_names[] = {
	{ "dockerfile", FK_DOCKERFILE },
	{ "k8s", FK_YAML },
	{ "compose", FK_YAML },
	{ "yaml", FK_YAML },
	{ "args", FK_ARGS },
};

int
files_kind_parse(const char *name, enum file_kind *out)
{
	size_t i;

	for (i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++) {
		if (strcmp(name, kind_names[i].name) == 0) {
			*out = kind_names[i].kind;
			return 0;
		}
	}
	return -1;
}

enum file_kind
files_kind_of(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strlen(base);

	if (strcasecmp(base, "Dockerfile") == 0 ||
	    strcasecmp(base, "Containerfile") == 0 ||
	    strncasecmp(base, "Dockerfile.", 11) == 0 ||
	    strncasecmp(base, "Containerfile.", 14) == 0 ||
	    (n > 11 && strcasecmp(base + n - 11, ".dockerfile") == 0) ||
	    (n > 14 && strcasecmp(base + n - 14, ".containerfile") == 0))
		return FK_DOCKERFILE;
	if ((n > 5 && strcasecmp(base + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcasecmp(base + n - 4, ".yml") == 0) ||
	    (n > 5 && strcasecmp(base + n - 5, ".json") == 0))
		return FK_YAML;
	return FK_UNKNOWN;
}

static void
push(struct input_files *out, const char *path, enum file_kind kind,
    int explicit_path)
{
	struct input_file f;

	f.path = xstrdup(path);
	f.kind = kind;
	f.explicit_path = explicit_path;
	VEC_PUSH(out, f);
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

static void
walk(const char *dir, const struct gcfg *cfg, struct input_files *out,
    int depth)
{
	VEC(char *) names = { 0 };
	struct dirent *de;
	struct stat st;
	size_t i;
	DIR *d;

	if (depth > 64 || (d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			VEC_PUSH(&names, xstrdup(de->d_name));
	closedir(d);
	if (names.n > 1)
		qsort(names.v, names.n, sizeof(*names.v), name_cmp);
	for (i = 0; i < names.n; i++) {
		char *path = join(dir, names.v[i]);

		if (lstat(path, &st) == 0 && !(cfg && gcfg_excluded(cfg, path))) {
			if (S_ISDIR(st.st_mode) && !skipped(names.v[i]))
				walk(path, cfg, out, depth + 1);
			else if (S_ISREG(st.st_mode) &&
			    files_kind_of(path) != FK_UNKNOWN)
				push(out, path, files_kind_of(path), 0);
		}
		free(path);
		free(names.v[i]);
	}
	free(names.v);
}

/* An explicitly named file of unknown name: look at its first lines. */
static enum file_kind
sniff(const char *path)
{
	char buf[4096];
	size_t n;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL)
		return FK_UNKNOWN;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	if (strstr(buf, "apiVersion:") || strstr(buf, "services:"))
		return FK_YAML;
	if (strncasecmp(buf, "FROM ", 5) == 0 || strstr(buf, "\nFROM ") ||
	    strstr(buf, "\nfrom "))
		return FK_DOCKERFILE;
	return FK_UNKNOWN;
}

int
files_collect(const char *const *paths, size_t n, enum file_kind stdin_kind,
    const struct gcfg *cfg, struct input_files *out)
{
	struct stat st;
	enum file_kind k;
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		if (strcmp(paths[i], "-") == 0) {
			if (stdin_kind == FK_UNKNOWN) {
				fprintf(stderr, "gunilint: reading stdin needs "
				    "--kind (dockerfile, k8s, compose, args)\n");
				return 2;
			}
			push(out, "-", stdin_kind, 1);
			continue;
		}
		if (stat(paths[i], &st) != 0) {
			fprintf(stderr, "gunilint: '%s': %s\n", paths[i],
			    strerror(errno));
			return 2;
		}
		if (S_ISDIR(st.st_mode)) {
			walk(paths[i], cfg, out, 0);
			continue;
		}
		if ((k = files_kind_of(paths[i])) == FK_UNKNOWN &&
		    (k = sniff(paths[i])) == FK_UNKNOWN) {
			fprintf(stderr, "gunilint: '%s': cannot tell what kind of "
			    "file this is; name it with --kind\n", paths[i]);
			return 2;
		}
		push(out, paths[i], k, 1);
	}
	return 0;
}

void
files_free(struct input_files *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->v[i].path);
	free(f->v);
	memset(f, 0, sizeof(*f));
}
