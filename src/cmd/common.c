/* common.c: shared set-up of the commands: rule tables, colour, output. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "rules/catalog.h"

int
common_setup(const struct gl_opts *o)
{
	char *path, *err;
	int rc;

	if (o->rules_dir == NULL)
		return 0;
	path = xasprintf("%s/catalog.yaml", o->rules_dir);
	rc = cat_load_file(path, &err);
	free(path);
	if (rc < 0) {
		fprintf(stderr, "gunilint: %s\n", err);
		free(err);
		return -1;
	}
	return 0;
}

static int
color_wanted(const char *mode, int fd)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (mode != NULL && strcmp(mode, "always") == 0)
		return 1;
	if (mode != NULL && strcmp(mode, "never") == 0)
		return 0;
	if (nc != NULL && *nc != '\0')
		return 0;
	if (term != NULL && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fd);
}

void
style_init(struct gl_style *st, const struct gl_opts *o, FILE *fp)
{
	static const struct gl_style off = { 0, "", "", "", "", "", "", "" };
	static const struct gl_style on = { 1, "\033[1m", "\033[2m",
	    "\033[1;31m", "\033[1;33m", "\033[1;36m", "\033[32m", "\033[0m" };

	*st = color_wanted(o->color, fileno(fp)) ? on : off;
}

/* Interim atomic writer: replaced by the report module's when it lands. */
static char *tmp_path;

static FILE *
rpt_atomic_open(const char *path)
{
	int fd;
	FILE *fp;

	tmp_path = xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(tmp_path)) < 0 || (fp = fdopen(fd, "w")) == NULL) {
		fprintf(stderr, "gunilint: cannot write '%s': %s\n", path,
		    strerror(errno));
		free(tmp_path);
		tmp_path = NULL;
		return NULL;
	}
	return fp;
}

static int
rpt_atomic_commit(FILE *fp, const char *path)
{
	int bad = ferror(fp) | fflush(fp) | fsync(fileno(fp)) | fclose(fp);

	if (bad || rename(tmp_path, path) != 0) {
		fprintf(stderr, "gunilint: cannot write '%s': %s\n", path,
		    strerror(errno));
		unlink(tmp_path);
		free(tmp_path);
		return -1;
	}
	free(tmp_path);
	return 0;
}

FILE *
common_output_open(const struct gl_opts *o)
{
	if (o->output == NULL || strcmp(o->output, "-") == 0)
		return stdout;
	return rpt_atomic_open(o->output);
}

int
common_output_close(const struct gl_opts *o, FILE *fp)
{
	if (fp == stdout) {
		if (fflush(stdout) != 0) {
			fprintf(stderr, "gunilint: writing output: %s\n",
			    strerror(errno));
			return 2;
		}
		return 0;
	}
	return rpt_atomic_commit(fp, o->output) == 0 ? 0 : 2;
}
