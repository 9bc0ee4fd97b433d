/* cmd_check.c: `gunilint check`: launches → rules → filters → one report and an exit status. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/cmd_int.h"
#include "config/config.h"
#include "report/report.h"
#include "rules/rules.h"
#include "version.h"

/* .gunilint.yaml (or --config) fills in what the command line left open. */
static int
config_apply(struct gl_opts *o, struct gcfg **cfg)
{
	char *err = NULL;

	if (gcfg_resolve(cat_id, o->config, cfg, &err) < 0) {
		gl_cmd_error("check", "%s", err);
		free(err);
		return -1;
	}
	if (o->fail_level == NULL && (*cfg)->has_fail_level)
		o->fail_level = sev_name((*cfg)->fail_level);
	if (o->gunicorn_version == NULL)
		o->gunicorn_version = (*cfg)->gunicorn_version;
	if (o->cpus <= 0 && (*cfg)->cpus > 0)
		o->cpus = (*cfg)->cpus;
	if (!o->max_file_size_given && (*cfg)->has_max_file_size)
		src_set_max_size((*cfg)->max_file_size);
	return 0;
}

/*
 * --select, --ignore, the config's ignore and severity entries, and the
 * inline suppressions (sup_scan of each file with '#' comments, once
 * files are inputs).  -1 after printing a usage error.
 */
static int
filter(const struct gl_opts *o, const struct gcfg *cfg,
    const struct gl_launches *ls, struct findings *fs)
{
	const struct rule_meta **ign = NULL, **sel = NULL;
	struct sup_opts so;
	char *err = NULL;
	size_t i;
	int rc = 0;

	memset(&so, 0, sizeof(so));
	for (i = 0; rc == 0 && i < o->ignore.n; i++)
		rc = sup_rules_parse(o->ignore.v[i], &ign, &so.nignore, &err);
	for (i = 0; rc == 0 && i < o->select.n; i++)
		rc = sup_rules_parse(o->select.v[i], &sel, &so.nselect, &err);
	if (rc == 0) {
		so.ignore = ign;
		so.select = sel;
		so.no_inline = o->no_inline_ignores;
		so.report_unused = o->report_unused;
		sup_apply_set(fs, ls, cfg, &so);
	} else {
		gl_cmd_error("check", "%s", err);
		free(err);
	}
	free(ign);
	free(sel);
	return rc;
}

static int
fail_level(const struct gl_opts *o, enum severity *out)
{
	*out = SEV_WARNING;
	if (o->fail_level == NULL || sev_parse(o->fail_level, out) == 0)
		return 0;
	gl_cmd_error("check", "--fail-level takes error, warning, "
	    "info or none, not '%s'", o->fail_level);
	return -1;
}

/* One report of the run: its format and where it goes (NULL: stdout). */
struct out_report {
	enum rpt_format fmt;
	const char *path;
	struct rpt_out *out;
};

/*
 * The reports the --format/-o pairs ask for (one text report on stdout
 * when none): formats known, at most one on stdout, no file named twice.
 * 0, or 2 after printing why.
 */
static int
reports_plan(const struct gl_opts *o, struct out_report **outv, size_t *n)
{
	struct gl_report_spec one = { NULL, NULL };
	const struct gl_report_spec *spec = o->reports.n ? o->reports.v : &one;
	size_t i, j, nspec = o->reports.n ? o->reports.n : 1, nstdout = 0;
	struct out_report *v = xcalloc(nspec, sizeof(*v));

	*outv = v;
	*n = nspec;
	for (i = 0; i < nspec; i++) {
		v[i].fmt = RPT_TEXT;
		if (spec[i].format != NULL &&
		    rpt_format_parse(spec[i].format, &v[i].fmt) < 0) {
			gl_cmd_error("check", "unknown format '%s' (%s)",
			    spec[i].format, rpt_format_list());
			return 2;
		}
		if (spec[i].output != NULL && strcmp(spec[i].output, "-") != 0)
			v[i].path = spec[i].output;
		else
			nstdout++;
		for (j = 0; v[i].path != NULL && j < i; j++)
			if (v[j].path != NULL && rpt_out_same(v[i].path,
			    v[j].path)) {
				gl_cmd_error("check", "-o '%s' names the file "
				    "of another report", v[i].path);
				return 2;
			}
	}
	if (nstdout > 1) {
		gl_cmd_error("check", "%zu reports would go to stdout; give "
		    "all but one of the --format options an -o FILE after "
		    "it", nstdout);
		return 2;
	}
	return 0;
}

/*
 * Every file the run read: the paths named and each source reported
 * on, walked or met through a launch (config and dependency files), and
 * the --stdin-filename name.  No report may be written over one.
 */
static const char **
inputs_of(const struct gl_opts *o, const struct gl_launches *ls, size_t *n)
{
	const char **v = xcalloc(o->paths.n + ls->files.n + 2, sizeof(*v));
	size_t i;

	*n = 0;
	for (i = 0; i < o->paths.n; i++)
		v[(*n)++] = o->paths.v[i];
	for (i = 0; i < ls->files.n; i++)
		v[(*n)++] = ls->files.v[i].src->name;
	if (o->stdin_name != NULL)
		v[(*n)++] = o->stdin_name;
	return v;
}

static int
write_one(const struct gl_opts *o, const struct out_report *rep, FILE *fp,
    const struct findings *fs, const struct gl_launches *ls)
{
	struct report r;

	memset(&r, 0, sizeof(r));
	r.findings = fs;
	r.ls = ls;
	r.nlaunches = ls->n;
	r.nfiles = ls->nfiles;
	r.color = fp == stdout && rpt_color_enabled(o->color ? o->color :
	    "auto", 1) == 1;
	r.tool_version = GUNILINT_VERSION;
	return rpt_write(rep->fmt, fp, &r) < 0 ? 2 : 0;
}

/*
 * Writes every report: all files are opened (and checked against the
 * inputs) before any is written, each is renamed into place whole, and
 * stdout is flushed.  0, or 2 when one could not be written.
 */
static int
write_reports(const struct gl_opts *o, struct out_report *v, size_t n,
    const struct findings *fs, const struct gl_launches *ls)
{
	const char **inputs;
	size_t i, ninputs;
	char *err = NULL;
	int rc = 0, wrc;

	inputs = inputs_of(o, ls, &ninputs);
	for (i = 0; rc == 0 && i < n; i++) {
		if (v[i].path == NULL)
			continue;
		v[i].out = rpt_out_open(v[i].path, inputs, ninputs, &err);
		if (v[i].out == NULL) {
			gl_error("%s", err);
			free(err);
			err = NULL;
			rc = 2;
		}
	}
	free(inputs);
	if (rc != 0) {
		for (i = 0; i < n; i++)
			rpt_out_abort(v[i].out);
		return rc;
	}
	for (i = 0; i < n; i++) {
		FILE *fp = v[i].out ? rpt_out_fp(v[i].out) : stdout;

		wrc = write_one(o, &v[i], fp, fs, ls);
		if (wrc != 0)
			rc = 2;
		if (v[i].out == NULL) {
			/*
			 * Whether the failure shows at the report's own
			 * write or only at this flush depends on stdio's
			 * buffer: say it either way (errno is rpt_write's).
			 */
			if (wrc != 0 || fflush(stdout) != 0) {
				gl_error("writing output: %s", strerror(errno));
				rc = 2;
			}
		} else if (rpt_out_commit(v[i].out, &err) < 0) {
			gl_error("%s", err);
			free(err);
			err = NULL;
			rc = 2;
		}
		v[i].out = NULL;
	}
	return rc;
}

int
cmd_check(int argc, char **argv)
{
	struct gl_opts o;
	struct model_opts mo;
	struct gl_launches ls;
	struct findings fs = { 0 };
	struct gcfg *cfg = NULL;
	struct out_report *reps = NULL;
	size_t nreps = 0;
	enum severity level;
	int rc;

	if ((rc = opts_parse(&o, OC_CHECK, argc, argv)) != 0)
		return rc == 1 ? 0 : rc;
	if (reports_plan(&o, &reps, &nreps) != 0 || common_stdin_named(&o) != 0) {
		free(reps);
		opts_free(&o);
		return 2;
	}
	if (common_setup(&o) != 0 || config_apply(&o, &cfg) != 0 ||
	    fail_level(&o, &level) != 0) {
		free(reps);
		gcfg_free(cfg);
		opts_free(&o);
		return 2;
	}
	if (o.paths.n == 0 && o.args.n == 0 && !o.use_env && o.ncmdline == 0)
		VEC_PUSH(&o.paths, ".");
	if ((rc = common_inputs(&o, 0, cfg, &mo)) != 0 ||
	    (rc = model_collect(&mo, &ls, &fs)) != 0) {
		free(reps);
		fnd_free(&fs);
		gcfg_free(cfg);
		opts_free(&o);
		return rc;
	}
	rules_run(&ls, &fs);
	if (filter(&o, cfg, &ls, &fs) != 0) {
		free(reps);
		fnd_free(&fs);
		model_free(&ls);
		gcfg_free(cfg);
		opts_free(&o);
		return 2;
	}
	fnd_sort(&fs);
	/* One exit status for the run, however many reports it writes. */
	rc = write_reports(&o, reps, nreps, &fs, &ls);
	free(reps);
	if (rc == 0 && level != SEV_NONE && fnd_worst(&fs) >= level)
		rc = 1;
	if (ls.unreadable > 0)
		rc = 2; /* the report covers the rest; an input is missing */
	fnd_free(&fs);
	model_free(&ls);
	gcfg_free(cfg);
	opts_free(&o);
	return rc;
}
