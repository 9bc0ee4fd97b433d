/* common.h: what every command does the same way: set-up from options, colour, the output file. */
#ifndef GL_COMMON_H
#define GL_COMMON_H

#include <stdio.h>

#include "cmd/cmd.h"
#include "model/model.h"
#include "report/report.h"


/*
 * The inputs the options name, as the model reads them: --gunicorn-version
 * and --kind checked (2 after printing why), the rest pointed to in o.
 */
int common_inputs(const struct gl_opts *o, int check_host,
    const struct gcfg *cfg, struct model_opts *mo);
/*
 * --stdin-filename alone means the path "-"; beside other paths one of
 * them must be "-".  0, or 2 after printing why.
 */
int common_stdin_named(struct gl_opts *o);
/* The release selected with --gunicorn-version (or the newest). */
int common_version(const struct gl_opts *o, enum gl_version *v);

/* --rules-dir; 0, or -1 after printing why. */
int common_setup(const struct gl_opts *o);
void style_init(struct rpt_style *st, const struct gl_opts *o, FILE *fp);
/* stdout, or -o FILE written atomically; NULL after printing why. */
FILE *common_output_open(const struct gl_opts *o);
/* 0, or 2 after printing why the output could not be written. */
int common_output_close(const struct gl_opts *o, FILE *fp);

#endif
