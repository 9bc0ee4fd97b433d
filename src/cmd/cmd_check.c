/* cmd_check.c: `gunilint check`: launches → rules → filters → one report and an exit status. */
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

static int
write_report(const struct gl_opts *o, enum rpt_format fmt,
    const struct findings *fs, const struct gl_launches *ls)
{
	struct rpt_launches t;
	struct report r;
	FILE *fp;
	int rc;

	if ((fp = common_output_open(o)) == NULL)
		return 2;
	/* Only json and sarif carry the effective settings of each launch. */
	memset(&t, 0, sizeof(t));
	if (fmt == RPT_JSON || fmt == RPT_SARIF)
		rpt_launches_build(&t, ls);
	memset(&r, 0, sizeof(r));
	r.findings = fs;
	r.launches = t.launches;
	r.nlaunches = ls->n;
	r.nfiles = ls->nfiles;
	r.color = fp == stdout && rpt_color_enabled(o->color ? o->color :
	    "auto", 1) == 1;
	r.tool_version = GUNILINT_VERSION;
	rc = rpt_write(fmt, fp, &r) < 0 ? 2 : 0;
	rpt_launches_free(&t);
	if (common_output_close(o, fp) != 0)
		rc = 2;
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
	enum rpt_format fmt = RPT_TEXT;
	enum severity level;
	int rc;

	if ((rc = opts_parse(&o, OC_CHECK, argc, argv)) != 0)
		return rc == 1 ? 0 : rc;
	if (o.format != NULL && rpt_format_parse(o.format, &fmt) < 0) {
		gl_cmd_error("check", "unknown format '%s' (%s)",
		    o.format, rpt_format_list());
		opts_free(&o);
		return 2;
	}
	if (common_setup(&o) != 0 || config_apply(&o, &cfg) != 0 ||
	    fail_level(&o, &level) != 0) {
		gcfg_free(cfg);
		opts_free(&o);
		return 2;
	}
	if (o.paths.n == 0 && o.args.n == 0 && !o.use_env && o.ncmdline == 0)
		VEC_PUSH(&o.paths, ".");
	if ((rc = common_inputs(&o, 0, cfg, &mo)) != 0 ||
	    (rc = model_collect(&mo, &ls, &fs)) != 0) {
		fnd_free(&fs);
		gcfg_free(cfg);
		opts_free(&o);
		return rc;
	}
	rules_run(&ls, &fs);
	if (filter(&o, cfg, &ls, &fs) != 0) {
		fnd_free(&fs);
		model_free(&ls);
		gcfg_free(cfg);
		opts_free(&o);
		return 2;
	}
	fnd_sort(&fs);
	rc = write_report(&o, fmt, &fs, &ls);
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
