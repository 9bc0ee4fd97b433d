/* common.c: shared set-up of the commands: rule tables, colour, output. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd_int.h"
#include "report/report.h"
#include "gunicorn/gunicorn.h"
#include "rules/rules.h"

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
		gl_error("%s", err);
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
style_init(struct rpt_style *st, const struct gl_opts *o, FILE *fp)
{
	rpt_style_init(st, color_wanted(o->color, fileno(fp)));
}

/* The -o file being written (report.h: temporary file, then rename). */
static struct rpt_out *out_file;

FILE *
common_output_open(const struct gl_opts *o)
{
	char *err = NULL;

	if (o->reports.n > 1) {
		gl_cmd_error(o->command, "writes one report; several "
		    "--format/-o pairs are for check");
		return NULL;
	}
	if (o->output == NULL || strcmp(o->output, "-") == 0)
		return stdout;
	/* Never over one of the files being read. */
	out_file = rpt_out_open(o->output, o->paths.v, o->paths.n, &err);
	if (out_file == NULL) {
		gl_error("%s", err);
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
			gl_error("writing output: %s",
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
		gl_error("%s", err);
		free(err);
		return 2;
	}
	return 0;
}

/*
 * --stdin-filename names what "-" is: alone it means "-"; beside other
 * paths one of them must be "-".  0, or 2 after printing why.
 */
int
common_stdin_named(struct gl_opts *o)
{
	size_t i;

	if (o->stdin_name == NULL)
		return 0;
	if (o->paths.n == 0) {
		VEC_PUSH(&o->paths, "-");
		return 0;
	}
	for (i = 0; i < o->paths.n; i++)
		if (strcmp(o->paths.v[i], "-") == 0)
			return 0;
	gl_cmd_error(o->command, "--stdin-filename names what '-' (stdin) "
	    "holds, and no path is '-'");
	return 2;
}

int
common_version(const struct gl_opts *o, enum gl_version *v)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned i;

	*v = GV_NEWEST;
	if (o->gunicorn_version == NULL || gv_parse(o->gunicorn_version, v) == 0)
		return 0;
	for (i = 0; i < GV__COUNT; i++)
		sb_addf(&sb, " %s", gv_name((enum gl_version)i));
	gl_error("unknown gunicorn release '%s'; known:%s",
	    o->gunicorn_version, sb_str(&sb));
	sb_release(&sb);
	return -1;
}

int
common_inputs(const struct gl_opts *o, int check_host,
    const struct gcfg *cfg, struct model_opts *mo)
{
	memset(mo, 0, sizeof(*mo));
	if (common_version(o, &mo->version) < 0)
		return 2;
	mo->version_explicit = o->gunicorn_version != NULL;
	if (o->kind != NULL && (mo->stdin_kind = kind_find(o->kind)) == NULL) {
		gl_error("unknown --kind '%s' (%s)", o->kind, kind_names());
		return 2;
	}
	mo->stdin_name = o->stdin_name;
	mo->check_host = check_host;
	mo->cpus = o->cpus;
	mo->jobs = o->jobs > 0 ? o->jobs : pool_cpus();
	mo->root = o->root;
	mo->target = o->target;
	mo->build_args = o->build_args.v;
	mo->nbuild_args = o->build_args.n;
	mo->images = o->images.v;
	mo->nimages = o->images.n;
	mo->args = o->args.v;
	mo->nargs = o->args.n;
	mo->use_env = o->use_env;
	mo->cmdline = o->cmdline;
	mo->ncmdline = o->ncmdline;
	mo->paths = o->paths.v;
	mo->npaths = o->paths.n;
	mo->cfg = cfg;
	return 0;
}
