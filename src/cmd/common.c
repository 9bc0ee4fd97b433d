/* common.c: shared set-up of the commands: rule tables, colour, output. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "report/report.h"
#include "gunicorn/settings.h"
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
	if (rc == 0)
		rc = set_load_dir(o->rules_dir, &err);
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

/* The -o file being written (report.h: temporary file, then rename). */
static struct rpt_out *out_file;

FILE *
common_output_open(const struct gl_opts *o)
{
	char *err = NULL;

	if (o->output == NULL || strcmp(o->output, "-") == 0)
		return stdout;
	/* Never over one of the files being read. */
	out_file = rpt_out_open(o->output, o->paths.v, o->paths.n, &err);
	if (out_file == NULL) {
		fprintf(stderr, "gunilint: %s\n", err);
		free(err);
		return NULL;
	}
	return rpt_out_fp(out_file);
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
	char *err = NULL;
	int rc;

	(void)o;
	(void)fp; /* it is out_file's */
	rc = rpt_out_commit(out_file, &err);
	out_file = NULL;
	if (rc < 0) {
		fprintf(stderr, "gunilint: %s\n", err);
		free(err);
		return 2;
	}
	return 0;
}
