/*
 * report.h: the only code that formats findings for people and machines:
 * text, json, sarif, github, gnu and codeclimate reporters behind one call,
 * the colour decision, and atomic writing of a report file (-o FILE).
 *
 * Positions: line and column are 1-based.  Columns are byte columns in
 * text, gnu, github, json and codeclimate output (what an editor's "go to
 * byte" and gcc-style tools expect); SARIF counts UTF-16 code units, which
 * it declares with columnKind.  An end column is exclusive everywhere: it
 * is the column just after the last character of the span, so a span of
 * length 0 has end_column == column.
 *
 * Reporters skip suppressed findings; sorting is the caller's (fnd_sort).
 */
#ifndef GL_REPORT_H
#define GL_REPORT_H

#include <stdio.h>

#include "core/core.h"
#include "model/model.h"

/* One effective setting of a launch, for the json/sarif launch tables. */
struct rpt_setting {
	const char *name;       /* "workers" */
	const char *value_json; /* the value as JSON text: "3", "\"0.0.0.0:80\"" */
	const char *from;       /* "default", "GUNICORN_CMD_ARGS", "command line"... */
	struct span span;       /* where it was set; src NULL for defaults */
};

struct rpt_launch {
	const char *id;     /* what findings' launch field refers to */
	const char *source; /* "k8s/deploy.yaml#Deployment/api/containers/api" */
	const struct rpt_setting *eff;
	size_t neff;
};

struct report {
	const struct findings *findings;
	const struct rpt_launch *launches;
	size_t nlaunches;
	size_t nfiles;            /* inputs read, for the summaries */
	int color;                /* text only: ANSI colours */
	const char *tool_version; /* "0.1.0" */
	/*
	 * sarif only: the absolute directory relative names start from (the
	 * repository root or the current directory), given to viewers as
	 * %SRCROOT%; NULL leaves it out (GitHub uses the repository root).
	 */
	const char *srcroot;
	/*
	 * json and sarif, when launches is NULL: the launches whose records
	 * they build one at a time, each while writing it.  The other
	 * reports carry no launch table and never look.
	 */
	const struct gl_launches *ls;
};

enum rpt_format {
	RPT_TEXT,
	RPT_JSON,
	RPT_SARIF,
	RPT_GITHUB,
	RPT_GNU,
	RPT_CODECLIMATE,
};

/* "text", "json", ... → *out; -1 when unknown. */
int rpt_format_parse(const char *name, enum rpt_format *out);
const char *rpt_format_name(enum rpt_format fmt);
/* The accepted names, "text|json|...", for usage messages. */
const char *rpt_format_list(void);

/* Writes the whole report; -1 when writing failed (errno set). */
int rpt_write(enum rpt_format fmt, FILE *fp, const struct report *r);

/*
 * The renderers behind rpt_write, all with one signature; each returns 0,
 * or -1 on a write error.
 */
int rpt_text(FILE *fp, const struct report *r);
int rpt_json(FILE *fp, const struct report *r);
int rpt_sarif(FILE *fp, const struct report *r);
int rpt_github(FILE *fp, const struct report *r);
int rpt_gnu(FILE *fp, const struct report *r);
int rpt_codeclimate(FILE *fp, const struct report *r);

/*
 * Colour for --color MODE on file descriptor fd: "always" 1, "never" 0,
 * "auto" 1 only when fd is a terminal, NO_COLOR is unset or empty and
 * TERM is not "dumb".  -1 for an unknown mode.
 */
int rpt_color_enabled(const char *mode, int fd);

/*
 * Atomic report file: the report goes to a temporary file in the same
 * directory, which rpt_out_commit() flushes, fsyncs and renames over
 * `path`; rpt_out_abort() removes it.  A reader never sees a partial file.
 * rpt_out_open refuses (NULL with *err) a path that names a directory or
 * one of the `inputs` being checked (compared by device and inode, so
 * "./a" and "a" are the same file).  "-" is not special here: the caller
 * writes to stdout itself.
 */
struct rpt_out;
struct rpt_out *rpt_out_open(const char *path, const char *const *inputs,
    size_t ninputs, char **err);
FILE *rpt_out_fp(struct rpt_out *o);
/* 0, or -1 with *err; frees o either way. */
int rpt_out_commit(struct rpt_out *o, char **err);
void rpt_out_abort(struct rpt_out *o);
/*
 * Whether two report paths name one file, existing or not ("a" and
 * "./x/../a"), so two -o of one run never race for it.
 */
int rpt_out_same(const char *a, const char *b);

/*
 * One finding as the json report writes it (rule, slug, severity, message,
 * help, file, line, column, end_line, end_column, launch, fix), for other
 * JSON outputs (explain) to share the schema.  Caller owns the object.
 */
struct cJSON *rpt_finding_json(const struct finding *f);

/* ---- text styles for people: escape sequences, all "" when colour is off ---- */
struct rpt_style {
	int on;
	const char *bold, *dim, *red, *yellow, *cyan, *green, *reset;
};
void rpt_style_init(struct rpt_style *st, int color);

/* ---- explain (explain.c, explain_summary.c) ---- */

/* What `gunicorn --print-config` prints for the launch; its exit status. */
int rpt_explain_gunicorn(const struct gl_launch *l, FILE *fp);
/* One launch option by option, with its findings. */
void rpt_explain_text(const struct gl_launch *l, const struct findings *fs,
    FILE *fp, const struct rpt_style *st);
/* The findings that lie inside `at` (all when at.src is NULL) and are not
 * yet `shown` (one flag per finding, set as printed). */
void rpt_explain_findings_at(FILE *fp, const struct findings *fs,
    struct span at, char *shown, const struct rpt_style *st);
/* Every launch and the findings as one JSON document. */
void rpt_explain_json(const struct gl_launches *ls, const struct findings *fs,
    FILE *fp);

/* One summary line per topic (processes, worker, listen, TLS, timeouts, logs, app). */
struct ex_line {
	const char *topic;
	char *text;
};

struct ex_summary {
	struct ex_line *v;
	size_t n, cap;
};

void ex_summarize(const struct gl_launch *l, struct ex_summary *out);
void ex_summary_free(struct ex_summary *s);

/* A setting's Python value as JSON text (None: null; caller frees). */
char *pyjson_text(const struct pyval *v);

/* ---- the rule catalogue (rules_doc.c) ---- */
struct rule_meta;
/* Rule r's documentation, or the list of every rule when r is NULL. */
void rpt_rules(FILE *fp, const struct rule_meta *r, int json,
    const struct rpt_style *st);

/* The severity word of the text reports and `rules`, in the selected
 * language (sev_name() is the stable English one). */
const char *rpt_sev_word(enum severity sev);
/* Terminal columns of a UTF-8 text (printf's %-7s counts bytes; a Chinese
 * character is 3 bytes and 2 columns), and w padded with spaces to cols. */
int rpt_cols(const char *s);
const char *rpt_pad(const char *w, int cols, char *buf, size_t len);

#endif
