/*
 * argv.h: parses a gunicorn argument list the way its argparse parser does
 * (Python 3.11 argparse, allow_abbrev on): option classification, unique
 * prefixes, clustered short flags, `--opt=value`, store/append/flags/
 * nargs='?', `--`, positionals and unknown words, with argparse's exact
 * error text and order.  The result is a list of records with spans; no
 * judgement beyond what gunicorn itself rejects.
 */
#ifndef GL_ARGV_H
#define GL_ARGV_H

#include <stddef.h>

#include "core/core.h"
#include "front/shellwords.h"
#include "py/py.h"
#include "gunicorn/settings.h"

/*
 * The parser for one release: the option strings in argparse's
 * registration order (-h, --help, -v, --version, then the settings in the
 * order gunicorn's config.py defines them; this order is the order of the
 * candidates in "ambiguous option" messages).  defs must be in that
 * definition order; settings without flags are skipped.  The table keeps
 * the pointers, not copies: defs must outlive it.
 */
struct av_table;
struct av_table *av_table_new(const struct set_def *const *defs, size_t n);
void av_table_free(struct av_table *t);

/*
 * Which Python's argparse to follow.  AV_PY311 (the default) is what
 * Debian's gunicorn runs on and was checked against 3.11 and 3.12.1;
 * AV_PY313 follows 3.13.0, which differs only in corners: in a cluster
 * such as "-Dx" an unknown letter leaves "-x" as an unrecognized argument
 * (3.11: "ignored explicit argument 'x'"), "-Dw=3" means -w 3, and an
 * option value "--" given as "-w=--" is kept (3.11 turns it into []).
 */
enum av_dialect {
	AV_PY311,
	AV_PY313,
};
void av_table_set_dialect(struct av_table *t, enum av_dialect d);

enum av_kind {
	AV_SETTING, /* an option of a setting */
	AV_HELP,    /* -h/--help: argparse prints help and exits 0 */
	AV_VERSION, /* -v/--version: prints the version and exits 0 */
};

/* One option occurrence, in the order argparse takes the actions. */
struct av_opt {
	enum av_kind kind;
	const struct set_def *def; /* AV_SETTING, else NULL */
	const char *flag;          /* the option string matched: "--workers" */
	/* As written: "--work" in "--work=3", "-w"; inside a cluster just
	 * the letter ("w" of "-Dw3"). */
	char *written;
	char *value;               /* NULL when the option took no value */
	size_t value_len;
	/*
	 * The value after argparse's type= step (int for SC_INT/SC_AUTO_INT,
	 * else a str; for store_true True, store_const/nargs='?' the const,
	 * a Python literal such as "False" or a str such as "auto").  NULL
	 * when the conversion failed (err says why).  Under AV_PY311 a
	 * value of exactly "--" given inline ("-w=--") becomes [].
	 */
	struct pyval *typed;
	size_t word;               /* index of the option word */
	struct span opt_span;      /* the option text, "--work" */
	struct span value_span;    /* the value (may be the next word) */
};

enum av_err {
	AV_OK = 0,
	AV_ERR_AMBIGUOUS,    /* ambiguous option: --work=3 could match ... */
	AV_ERR_EXPECTED_ARG, /* argument -w/--workers: expected one argument */
	AV_ERR_EXPLICIT_ARG, /* argument --preload: ignored explicit argument 'x' */
	AV_ERR_INVALID_TYPE, /* argument -w/--workers: invalid int value: 'x' */
	AV_ERR_UNRECOGNIZED, /* unrecognized arguments: --bogus x */
};

struct av_error {
	enum av_err code;
	char *message; /* the text after "gunicorn: error: " */
	struct span span;
	size_t word;   /* index of the word it concerns */
};

/* A positional word (APP_MODULE is the first one on the real command line). */
struct av_pos {
	size_t word;
	const char *value; /* points into the word list */
	struct span span;
};

struct av_result {
	VEC(struct av_opt) opts;
	VEC(struct av_pos) positionals;
	VEC(size_t) unknown;  /* words argparse could not place (extras) */
	/* Parallel to unknown: the text argparse reports when it is not the
	 * whole word (3.13 clusters: "-x" out of "-Dx"), else NULL. */
	VEC(char *) unknown_text;
	struct av_error err;  /* code AV_OK when none */
	/*
	 * AV_HELP / AV_VERSION when argparse took that action and exited 0:
	 * options after it were not processed.  AV_SETTING otherwise.
	 */
	enum av_kind exit_action;
	int status;           /* what gunicorn exits with here: 0 or 2 */
};

/*
 * Parses words[0..n) (the arguments after the program name).  Returns 0,
 * or -1 when argparse would exit 2 (out->err filled).  The words must
 * outlive the result.
 */
int av_parse(const struct av_table *t, const struct sw_word *words, size_t n,
    struct av_result *out);
void av_result_free(struct av_result *r);

/* "-w/--workers": how argparse names an option in messages. */
char *av_option_name(const struct set_def *d);

#endif
