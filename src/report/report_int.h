/* report_int.h: helpers the reporters share: positions, counts, fingerprints, paths. */
#ifndef GL_REPORT_INT_H
#define GL_REPORT_INT_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "report.h"

/* A span turned into 1-based lines and columns (end exclusive). */
struct rpt_pos {
	unsigned line, col;         /* byte column */
	unsigned end_line, end_col; /* byte column just after the span */
};

/* Counts of the findings that are not suppressed. */
struct rpt_counts {
	size_t by_sev[SEV_ERROR + 1];
	size_t total, suppressed;
};

/* 0 and *p filled when the finding has a location; -1 otherwise. */
int rpt_pos(const struct span *sp, struct rpt_pos *p);
/* Column of byte column `bytecol` on `line`, counted in UTF-16 code units. */
unsigned rpt_utf16_col(const struct source *src, unsigned line,
    unsigned bytecol);
void rpt_count(const struct findings *fs, struct rpt_counts *c);
/* The file name as a relative forward-slash path ("./" removed). */
const char *rpt_path(const struct finding *f);
/*
 * A stable fingerprint of a finding: rule, file and the line's text with
 * runs of white space collapsed, so it survives lines moving up or down.
 */
uint64_t rpt_fingerprint(const struct finding *f);
/*
 * Fingerprints of every finding into h[], and in nth[] how many earlier
 * unsuppressed findings share it (0 for the first), for unique prints.
 */
void rpt_fingerprints(const struct findings *fs, uint64_t *h, unsigned *nth);
/*
 * A JSON document written in pieces (jsonw.c), byte for byte what
 * cJSON_Print of the whole tree would give: containers are opened and
 * closed here, small items are printed by cJSON where they sit.  Keys are
 * written unescaped (the reporters' own words); NULL inside an array and
 * for the outermost value.  Once the stream has failed items are dropped
 * unprinted; rpt_jw_end writes the final newline and says whether
 * anything failed (0 or -1).
 */
#define RPT_JW_DEPTH 16
struct rpt_jw {
	FILE *fp;
	unsigned depth;                  /* containers open */
	char kind[RPT_JW_DEPTH];         /* '{' or '[' of each */
	unsigned char some[RPT_JW_DEPTH]; /* each holds a value yet */
};
void rpt_jw_init(struct rpt_jw *w, FILE *fp);
void rpt_jw_object(struct rpt_jw *w, const char *key);
void rpt_jw_array(struct rpt_jw *w, const char *key);
void rpt_jw_close(struct rpt_jw *w);
/* Prints item as the value of key and deletes it. */
void rpt_jw_item(struct rpt_jw *w, const char *key, cJSON *item);
int rpt_jw_failed(const struct rpt_jw *w);
int rpt_jw_end(struct rpt_jw *w);
/*
 * The launches table (DESIGN.md json schema), one launch at a time: from
 * r->launches, or each record built from r->ls as it is written.
 */
void rpt_jw_launches(struct rpt_jw *w, const struct report *r);
/* Launch l's record (launches.c); rpt_launch_release frees what it made. */
void rpt_launch_build(struct rpt_launch *rl, const struct gl_launch *l);
void rpt_launch_release(struct rpt_launch *rl);
/* Prints a cJSON tree and a newline; -1 on a write error. */
int rpt_json_print(FILE *fp, cJSON *root);
/* SARIF's level names: error, warning, note. */
const char *rpt_sarif_level(enum severity s);
/* Adds number or null. */
void rpt_json_uint(cJSON *o, const char *key, int have, unsigned v);

/* A setting's Python value as JSON (pyjson.c). */
cJSON *pyjson(const struct pyval *v);

#endif
