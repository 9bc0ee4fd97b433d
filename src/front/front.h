/*
 * front.h: the front-ends, one reader per input kind.  Each turns the
 * bytes of one source into records with spans and never judges them;
 * the sections below are the readers, lowest first.
 */
#ifndef GL_FRONT_PUBLIC_H
#define GL_FRONT_PUBLIC_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

/*
 * shellwords: splits a string into words exactly as Python's
 * shlex.split(s) does (POSIX mode, no comments), which is how gunicorn
 * splits GUNICORN_CMD_ARGS.  Every word remembers the source bytes it came
 * from, byte by byte, so later stages can point at part of a word.
 */
/*
 * One word.  value is NUL-terminated (len excludes the NUL).  span covers
 * the source bytes of the whole word, quotes and backslashes included.
 * off[i] is the source offset of value byte i (the character it came from),
 * or NULL when unknown (hand-built words): users then fall back to span.
 * The same record is used for argv words from any front-end.
 */
struct sw_word {
	char *value;
	size_t len;
	struct span span;
	size_t *off;
};

struct sw_words {
	struct sw_word *v;
	size_t n, cap;
};

/* Why a split failed: Python's exact message and where. */
struct sw_error {
	const char *message; /* "No closing quotation" / "No escaped character" */
	struct span span;    /* the opening quote, or the trailing backslash */
};

/*
 * Splits text[0..len) and appends the words to *out.  src may be NULL.
 * offmap, when not NULL, gives the source offset of each text byte (for a
 * front-end that removed its own quoting first); otherwise text byte i is
 * at source offset base + i.  Returns 0, or -1 with *err filled (out then
 * holds the words before the error).
 */
int sw_split(const char *text, size_t len, const struct source *src,
    size_t base, const size_t *offmap, struct sw_words *out,
    struct sw_error *err);

/* A word with the given value and span (off = NULL); for hand-built lists. */
void sw_push(struct sw_words *w, const char *value, size_t len,
    struct span span);

/* Source span of value bytes [from, from+n) of word w (falls back to w->span). */
struct span sw_value_span(const struct sw_word *w, size_t from, size_t n);

void sw_words_free(struct sw_words *w);

/*
 * quantity: Kubernetes resource quantities ("500m", "0.5", "512Mi",
 * "1e3m"), parsed the way k8s.io/apimachinery's ParseQuantity does:
 * no whitespace, decimal or binary suffix or a decimal exponent, values
 * rounded up (away from zero) to whole nano units, and saturated at
 * 2^63-1 units.
 */
struct qty {
	int neg;        /* the value is negative (never valid for resources) */
	int saturated;  /* the written value exceeded 2^63-1 units */
	uint64_t units; /* whole units of the magnitude (cores, bytes) */
	uint32_t nanos; /* plus this many 1e-9 units (0..999999999) */
};

/* Parses n bytes of s; 0 on success, -1 when Kubernetes would reject it. */
int qty_parse(const char *s, size_t n, struct qty *q);
/* ceil(value * 1000), as Quantity.MilliValue(): CPU in millicores. */
int64_t qty_milli(const struct qty *q);
/* ceil(value), as Quantity.Value(): memory in bytes. */
int64_t qty_value(const struct qty *q);
/* Whether the value is a whole number of units (no fraction). */
int qty_is_whole(const struct qty *q);

/*
 * yamldoc: a small read-only document tree built from libyaml's event
 * stream, so that the Kubernetes and compose front-ends can walk YAML (and
 * JSON) while every node keeps its byte span in the source.  Aliases share
 * the anchored node; merge keys (<<) are applied while building.
 *
 * Ownership: a ydoc_stream owns every node and string of its documents and
 * is freed with ydoc_free(); spans point into the source it was built from.
 */
enum ydoc_kind {
	YDOC_SCALAR,
	YDOC_MAP,
	YDOC_SEQ,
};

enum ydoc_style {
	YDOC_PLAIN,
	YDOC_SINGLE,
	YDOC_DOUBLE,
	YDOC_LITERAL,
	YDOC_FOLDED,
	YDOC_FLOW,   /* a flow collection: [..] or {..} */
	YDOC_BLOCK,  /* a block collection */
};

struct ydoc_node {
	enum ydoc_kind kind;
	enum ydoc_style style;
	struct span span;    /* the node's bytes, from its first mark to its end */
	const char *tag;     /* explicit tag ("!Var", "tag:yaml.org,2002:str") or NULL */
	const char *str;     /* scalar value, NUL-terminated (may hold NULs) */
	size_t len;          /* its length */
	/* MAP: keys and values alternate (kids[2i], kids[2i+1]); SEQ: items */
	struct ydoc_node **kids;
	size_t nkids;
	size_t weight;       /* nodes under it with aliases expanded (saturating) */
};

struct ydoc {
	struct ydoc_node *root; /* NULL for an empty document */
	struct span span;       /* the whole document */
	const char *helm_source; /* "# Source: chart/templates/x.yaml", or NULL */
};

struct ydoc_stream {
	struct ydoc **docs;
	size_t ndocs;
	int nerrors;            /* syntax errors (GL001) and limits (GL013) */
	struct arena *arena;
};

/*
 * Limits against hostile input; the defaults suit real manifests (a big
 * CRD bundle has some 200,000 nodes).  Each is a GL013 finding.  The node
 * limit is not above the expansion limit, so only aliases can make a
 * document's expanded size pass the latter.
 */
#define YDOC_MAX_DEPTH 128
#define YDOC_MAX_NODES 1000000     /* nodes written in one file */
#define YDOC_MAX_EXPANSION 1000000 /* nodes reachable through aliases, per document */
#define YDOC_MAX_DOCS 10000        /* documents in one file */

/*
 * Parses every document of src.  A syntax error becomes a GL001 finding
 * at its position (a limit: GL013); parsing resumes at the next line that
 * starts with "---", so later documents are still read.  Never fails:
 * returns the stream of the documents that could be read.
 */
struct ydoc_stream *ydoc_parse(const struct source *src, struct findings *fs);
void ydoc_free(struct ydoc_stream *ys);

/* The value for key in a map (NULL if n is not a map or has no such key). */
const struct ydoc_node *ydoc_get(const struct ydoc_node *n, const char *key);
/* A path of keys: ydoc_path(n, "spec", "template", "spec", NULL). */
const struct ydoc_node *ydoc_path(const struct ydoc_node *n, ...);
/* Scalar test and text: "" and 0 unless n is a scalar. */
int ydoc_is_scalar(const struct ydoc_node *n);
const char *ydoc_str(const struct ydoc_node *n);
/* Whether a scalar equals s exactly. */
int ydoc_eq(const struct ydoc_node *n, const char *s);
/* A plain scalar that YAML 1.1 would read as null (~, null, empty). */
int ydoc_is_null(const struct ydoc_node *n);
/*
 * A scalar as an integer the way Kubernetes' YAML decoder reads one
 * (YAML 1.1: 0644 and 0o644 octal, 0x1A4 hex, 420 decimal; quoted strings
 * are not integers).  0 on success, -1 otherwise.
 */
int ydoc_int(const struct ydoc_node *n, long long *out);
/* A YAML 1.1 boolean (true/false/yes/no/on/off/y/n), as go-yaml v2 reads it. */
int ydoc_bool(const struct ydoc_node *n, int *out);
/* Number of items of a SEQ, or of key/value pairs of a MAP. */
size_t ydoc_count(const struct ydoc_node *n);

/*
 * toml: a small, strict TOML 1.0 reader for the dependency files
 * (pyproject.toml, Pipfile, poetry.lock, uv.lock).  It builds a read-only
 * tree in which every value keeps the span of its text; it never judges
 * what the document says.
 *
 * Ownership: toml_parse() returns a document that owns every value and
 * string in it; toml_free() releases all of it.  Spans point into the
 * source given to toml_parse(), which must outlive the document's users.
 */
enum toml_kind {
	TOML_TABLE,
	TOML_ARRAY,
	TOML_STRING,
	TOML_INTEGER,
	TOML_FLOAT,
	TOML_BOOL,
	TOML_DATETIME,       /* offset date-time: 1979-05-27T07:32:00Z */
	TOML_DATETIME_LOCAL, /* 1979-05-27T07:32:00 */
	TOML_DATE_LOCAL,     /* 1979-05-27 */
	TOML_TIME_LOCAL,     /* 07:32:00 */
};

/* The parts of a date, time or date-time (those the kind has). */
struct toml_datetime {
	int year, month, day;
	int hour, minute, second;
	long usec;      /* fraction of a second, truncated to microseconds */
	int off_minutes; /* offset from UTC (TOML_DATETIME only) */
};

/*
 * One value.  Tables keep their entries in the order they were defined
 * (key/key_len/key_span are those of the entry in its parent table; key
 * is NULL for array elements and the root).  Strings and keys are
 * NUL-terminated but may hold NULs (\u0000), hence the lengths.
 *
 * span: the value as written; for a table made by a [header] or [[header]]
 * the header line, for one made implicitly (a.b.c = 1, or [a.b] making a)
 * the first key that named it.
 */
struct toml_val {
	enum toml_kind kind;
	struct span span;
	const char *key;
	size_t key_len;
	struct span key_span;
	union {
		struct {
			const char *s;
			size_t len;
		} str;                  /* TOML_STRING; datetimes: the text */
		long long i;            /* TOML_INTEGER */
		double f;               /* TOML_FLOAT */
		int b;                  /* TOML_BOOL */
	} u;
	struct toml_datetime dt;        /* the datetime kinds */
	struct toml_val **items;        /* TOML_TABLE entries, TOML_ARRAY elements */
	size_t n, cap;
	unsigned flags;                 /* the reader's own bookkeeping */
};

struct toml_doc;

/*
 * Parses src.  Returns the document, or NULL with *err set to a message
 * (caller frees), *err_l10n to its translation (caller frees; NULL when
 * there is none) and *err_span to where (each of the three may be NULL).
 * A UTF-8 byte-order mark at the start is skipped.
 */
struct toml_doc *toml_parse(const struct source *src, char **err,
    char **err_l10n, struct span *err_span);
const struct toml_val *toml_root(const struct toml_doc *doc);
void toml_free(struct toml_doc *doc);

/*
 * The value at dotted_key ("tool.poetry.dependencies") under table, or
 * NULL.  Parts are bare keys split at '.'; use toml_get_key() for keys
 * holding dots or quotes.  Arrays are not entered.
 */
const struct toml_val *toml_get(const struct toml_val *table,
    const char *dotted_key);
const struct toml_val *toml_get_key(const struct toml_val *table,
    const char *key, size_t len);

/* Typed lookups: the value when it exists with that kind, else NULL. */
const struct toml_val *toml_get_kind(const struct toml_val *table,
    const char *dotted_key, enum toml_kind kind);
/* The string at dotted_key, or NULL. */
const char *toml_get_str(const struct toml_val *table, const char *dotted_key);

/* "table", "array", "string", "integer", ..., "time-local". */
const char *toml_kind_name(enum toml_kind kind);

/*
 * dockerfile: the Dockerfile front-end.  It parses a Dockerfile the way
 * Docker's own parser does (directives, continuations, heredocs, exec and
 * shell forms, ENV/ARG substitution with quote removal), evaluates the
 * stages, and describes the image that runs: its environment, user, ports,
 * copied files, installed Python packages and how it starts gunicorn.
 *
 * Ownership: df_parse() creates a struct df_file; everything reachable from
 * it (strings, offset maps, records) lives in the file's arena and is freed
 * by df_free().  Spans point into sources of the core registry (the
 * Dockerfile and any entry script or requirements file read from the build
 * context), which live until src_registry_free().  A front-end never judges:
 * the only findings it adds are GL001 for what Docker itself would reject.
 *
 * Integration with the launch model: df_final_image() gives the image that
 * runs.  Its launch (struct df_launch) holds the words after the gunicorn
 * program, already split, each with an offset map into its source (the
 * Dockerfile, or the entry script for launch.script != NULL): feed them to
 * the argv parser.  The environment is image.env (ENV of the stage chain,
 * last assignment wins) plus launch.assigns (NAME=value words written
 * before the command in a shell); GUNICORN_CMD_ARGS's value is a df_str
 * whose offmap the GUNICORN_CMD_ARGS splitter takes as is.  image.workdir
 * is where ./gunicorn.conf.py is looked up (image.default_conf is the COPY
 * that puts one there).  The image rules then read the effective
 * settings from the launch (rules/image.h).
 */
/*
 * A value with the file offset of each of its bytes: offmap[i] is the
 * source offset of s[i] (offmap[len] is one past the last byte's offset).
 * Bytes produced by substitution map to the start of the `$` reference;
 * bytes that came from another source (an ARG default) map there too.
 * This is what the GUNICORN_CMD_ARGS splitter needs to point at a column.
 * offmap is NULL when the bytes are a run of the file: s[i] is then at
 * span.off + i for every i <= len (read it with df_str_off()).
 */
struct df_str {
	char *s;          /* NUL-terminated; may be "" */
	size_t len;
	size_t *offmap;   /* len + 1 entries, or NULL: a run from span.off */
	struct span span; /* the whole value as written in the file */
};

/* The source offset of s[i], 0 <= i <= len, with or without an offmap. */
size_t df_str_off(const struct df_str *s, size_t i);

/* Instruction keywords, in Docker's reference order. */
enum df_kw {
	DF_UNKNOWN = 0,
	DF_FROM, DF_RUN, DF_CMD, DF_LABEL, DF_MAINTAINER, DF_EXPOSE, DF_ENV,
	DF_ADD, DF_COPY, DF_ENTRYPOINT, DF_VOLUME, DF_USER, DF_WORKDIR,
	DF_ARG, DF_ONBUILD, DF_STOPSIGNAL, DF_HEALTHCHECK, DF_SHELL,
};

struct df_flag {          /* --name=value before the arguments */
	char *name;       /* without the dashes */
	struct df_str value;
	struct span span;
};

struct df_heredoc {
	char *name;       /* the marker without quotes */
	int chomp;        /* <<- : leading tabs removed from the body */
	int quoted;       /* marker was quoted: no expansion in the body */
	struct df_str body;
};

/* One instruction: a logical line after continuations are joined. */
struct df_instr {
	enum df_kw kw;
	int json;                 /* exec (JSON array) form */
	char *keyword;            /* as written, e.g. "run" */
	struct span span;         /* first to last byte, across continuations */
	struct df_flag *flags;    /* NULL when nflags is 0 */
	size_t nflags;
	struct df_str args;       /* after keyword and flags, continuations removed */
	/* JSON elements, or whitespace words (raw); none for RUN in shell
	 * form, whose args are read as shell */
	struct df_str *words;
	size_t nwords;
	struct df_heredoc *heredocs;
	size_t nheredocs;
	struct df_instr *sub;     /* ONBUILD: the instruction it holds */
};

/* A command as the image config stores it (CMD, ENTRYPOINT, SHELL). */
struct df_cmd {
	int set;                  /* 0: not given (inherit or empty) */
	int json;                 /* written in exec form */
	struct df_str *argv;      /* as Docker stores it: shell form already wrapped in SHELL */
	size_t argc;
	const struct df_instr *in;
};

enum df_var_kind { DF_VAR_ENV, DF_VAR_ARG };

struct df_var {
	char *name;
	struct df_str value;      /* after substitution and quote removal */
	struct span name_span;
	struct span span;         /* the whole assignment */
	int stage;                /* index of the stage that set it, -1 global ARG */
	enum df_var_kind kind;
	int has_value;            /* ARG without default and without --build-arg: 0 */
};

struct df_copy {
	int add;                  /* ADD rather than COPY */
	struct df_str *srcs;
	size_t nsrcs;
	struct df_str dest;       /* as written (after substitution) */
	char *abs_dest;           /* dest resolved against WORKDIR */
	const char *from;         /* --from value, or NULL */
	const char *chown, *chmod;
	const struct df_heredoc *heredoc; /* COPY <<EOF dest: the inline file */
	struct span span;         /* the instruction */
	int stage;
};

struct df_health {
	int set;
	int none;                 /* HEALTHCHECK NONE */
	struct df_cmd cmd;
	struct span span;
};

struct df_port {
	char *text;               /* "8000/tcp" after substitution */
	unsigned port;            /* 0 when not a number (a range or a variable) */
	struct span span;
};

/* A Python package an install step names. */
struct df_pkg {
	char *name;               /* PEP 503 normalised: lower case, '-' */
	char *extras;             /* "standard" for uvicorn[standard], or NULL */
	char *spec;               /* "==0.30.1", or NULL */
	struct span span;         /* where it is named (Dockerfile or requirements file) */
	int stage;
};

enum df_manifest_kind {
	DF_MF_REQUIREMENTS, DF_MF_PYPROJECT, DF_MF_POETRY_LOCK, DF_MF_PIPFILE,
	DF_MF_PIPFILE_LOCK, DF_MF_UV_LOCK, DF_MF_SETUP_PY,
};

struct df_manifest {
	enum df_manifest_kind kind;
	char *path;               /* local path in the build context (as written in COPY) */
	const char *tool;         /* "pip", "poetry", "pipenv", "uv", or NULL: only copied */
	/* An installed file (tool set): where it is on this disk (the build
	 * context's file the COPY came from), or NULL when not found. */
	const char *local;
	struct span span;
	int stage;
};

enum df_launch_kind {
	DF_LAUNCH_NONE,           /* no CMD/ENTRYPOINT in the Dockerfile: the base image decides */
	DF_LAUNCH_GUNICORN,
	DF_LAUNCH_UVICORN,
	DF_LAUNCH_UNKNOWN,        /* something starts, gunicorn or not cannot be told */
	DF_LAUNCH_OTHER,          /* resolved: a program that is neither */
};

enum df_exec {
	DF_EXEC_PID1,             /* exec form, or exec'd by every shell in the chain */
	DF_EXEC_SHELL,            /* started by a shell without exec */
	DF_EXEC_SCRIPT,           /* started by an entry script without exec */
};

/* A word after splitting, with the file offset of each byte. */
struct df_word {
	char *s;
	size_t len;
	size_t *offmap;           /* len + 1 entries into span.src, or NULL as for
	                             a df_str: s[i] is at span.off + i */
	struct span span;
};

struct df_launch {
	enum df_launch_kind kind;
	struct df_word prog;          /* "gunicorn", "/venv/bin/gunicorn", "python" */
	struct df_word *argv;         /* the words after gunicorn (or uvicorn / -m gunicorn) */
	size_t argc;
	enum df_exec exec;
	struct span span;             /* the command that starts it (file or entry script) */
	const struct source *script;  /* entry script it was found in, or NULL */
	struct span wrapper;          /* a wrapper script that does not exec "$@", or empty */
	struct span not_exec;         /* where the chain lost PID 1 (a command without exec) */
	const char *run_user;         /* gosu/su-exec user the launch switches to, or NULL */
	int argv_inexact;             /* argv holds $VAR words a shell expands at run time */
	struct df_word *assigns;      /* `export NAME=value` earlier in the script, then
	                                 NAME=value words before the command itself */
	size_t nassigns;              /* (they add to the environment of this launch only;
	                                 later entries win) */
	const char *why;              /* DF_LAUNCH_UNKNOWN: the reason, static text */
};

/* The image that runs: the final (or target) stage with what it inherits. */
struct df_image {
	int stage;
	VEC(struct df_var) env;       /* ENV of the stage chain, one per name, in first-set
	                                 order with the last value (as the image config) */
	VEC(struct df_var) args;      /* ARGs in scope in the final stage */
	struct df_str workdir;        /* absolute; s == NULL when never set ("/") */
	struct span workdir_span;
	struct df_str user;           /* s == NULL when never set (the base's user) */
	struct span user_span;
	int user_set;
	VEC(struct df_port) expose;
	VEC(struct df_str) volumes;   /* VOLUME paths after substitution */
	struct df_health health;
	struct df_cmd shell, entrypoint, cmd;
	struct df_str stopsignal;
	VEC(const struct df_instr *) onbuild;
	VEC(struct df_copy) copies;   /* copies of the whole chain and stages it copies from */
	VEC(struct df_pkg) pkgs;
	VEC(struct df_manifest) manifests;
	int has_install;              /* some step installs Python packages */
	int pkgs_unknown;             /* an install step names packages we cannot list */
	struct df_launch launch;
	int inherits_launch;          /* the chain starts from an external image, whose
	                                 CMD, ENTRYPOINT and ENV are not known here */
	int base_plain;               /* the external base is a plain OS/python image (no app packages,
	                                 no USER, no ENTRYPOINT of its own) */
	struct span base_span;        /* FROM of that external base */
	struct df_word *final_argv;   /* ENTRYPOINT + CMD as Docker runs it */
	size_t final_argc;
	const struct df_copy *default_conf; /* a copy of gunicorn.conf.py into WORKDIR */
};

struct df_stage {
	int index;
	char *name;                   /* AS name, lower case, or NULL */
	struct df_str base;           /* image after substitution */
	int parent;                   /* index of the stage it is FROM, or -1 */
	const char *platform;
	struct span span;             /* the FROM instruction */
	size_t first, last;           /* instruction index range */
	struct df_image *image;       /* the stage's config at its end */
};

struct df_buildarg {
	const char *name, *value; /* --build-arg NAME=VALUE */
};

struct df_opts {
	const char *context_dir;  /* build context; NULL: the Dockerfile's directory,
	                             or its parent when the COPY sources are there */
	const char *target;       /* --target stage name, or NULL: the last stage */
	const struct df_buildarg *buildargs;
	size_t nbuildargs;
	int no_context;           /* do not read files from the context (fuzzing) */
};

struct df_file {
	const struct source *src;
	struct arena *arena;
	char escape;              /* '\\' or '`' */
	char *syntax;             /* # syntax= value, or NULL */
	VEC(struct df_instr) instrs;
	VEC(struct df_stage) stages;
	int final;                /* index of the stage that runs, -1 none */
	VEC(struct df_var) global_args;
	struct df_image *image;   /* NULL when the file has no FROM */
	char *context_dir;        /* where COPY sources are read; NULL with no_context */
	struct df_opts opts;
};

/*
 * Parses src, evaluates its stages and resolves the launch.  Adds GL001
 * findings for syntax errors and carries on.  Returns 0, or -1 when nothing
 * could be made of the file (then *out is still a valid, empty df_file).
 * opts may be NULL.  The caller frees *out with df_free().
 */
int df_parse(const struct source *src, const struct df_opts *opts,
    struct df_file **out, struct findings *fs);
const struct df_image *df_final_image(const struct df_file *df);
void df_free(struct df_file *df);

const char *df_kw_name(enum df_kw kw);
const char *df_basename(const char *path);
/* df_aprintf: a formatted string in the file's arena. */
char *df_aprintf(struct arena *a, const char *fmt, ...) GL_PRINTF(2, 3);
const char *df_launch_kind_name(enum df_launch_kind k);

/* ---- pieces, public for tests and for other front-ends ---- */

/* Variables for substitution: a tiny ordered map (last set wins). */
struct df_env {
	VEC(struct df_var) v;
	int keep_unset;   /* leave $NAME of unknown variables as written (base image ENV) */
	size_t *slot;     /* hash index: 1 + position in v, 0 empty */
	size_t nslot;
	/* When set, ENV variables are looked up there, not in v (a stage's
	 * ARG scope over its image's ENV: one copy of each variable). */
	const struct df_env *envs;
};
const struct df_var *df_env_get(const struct df_env *env, const char *name);
/* Copies *v; a name set again (same kind) keeps its place.  Returns the index. */
size_t df_env_set(struct df_env *env, const struct df_var *v);
void df_env_clear(struct df_env *env);
void df_env_release(struct df_env *env);

/*
 * Docker's word processing (its shell lexer): $VAR, ${VAR}, ${VAR:-x},
 * ${VAR:+x}, ${VAR-x}, ${VAR+x}, quote removal and escapes.  `in` is the
 * raw text with its offset map; `expand` 0 only removes quotes.  Returns 0,
 * or -1 with *err (static text) and *erroff (source offset).
 */
int df_process_word(struct arena *a, const struct df_str *in,
    const struct df_env *env, char escape, int expand, struct df_str *out,
    const char **err, size_t *erroff);

/*
 * A plain POSIX shell word splitter that keeps spans, for RUN/CMD shell
 * strings and entry scripts.  It is not gunicorn's shlex: it knows quotes,
 * backslashes, comments and the control operators (&& || ; | & newline,
 * returned as words with op set), and leaves $… untouched.
 */
struct df_shword {
	struct df_word w;
	int op;        /* a control operator, not a word */
	int quoted;    /* some part was quoted */
};
size_t df_sh_split(struct arena *a, const struct df_str *in,
    const struct source *src, struct df_shword **out);
/* The same, the words' array on the heap for the caller to free (the
 * words' bytes stay in the arena): for a scan that keeps no array. */
size_t df_sh_split_tmp(struct arena *a, const struct df_str *in,
    const struct source *src, struct df_shword **out);

/* The file span of bytes [from, to) of a value. */
struct span df_str_span(const struct df_str *s, size_t from, size_t to);

/* Makes a df_str of text that is contiguous in src (offmap NULL). */
struct df_str df_str_from_src(struct arena *a, const struct source *src,
    size_t off, size_t len);

/*
 * k8s: the container records that the Kubernetes and compose front-ends
 * produce (one per container or service that starts gunicorn), and the
 * Kubernetes front-end: workloads, pod templates, ConfigMaps and Services
 * read from ydoc trees.  Front-ends record; they never judge.
 *
 * Ownership: a k8s_set owns its launches and every string in them (one
 * arena); spans point into the sources, which outlive the set.  The ydoc
 * streams given to k8s_add_stream() must live until k8s_finish() (those
 * given to cmp_read(), until it returns): the records copy what they need.
 */
/* A YAML map of strings, copied: pod labels, a Service's selector. */
struct k8s_pair {
	const char *key;   /* a label key may hold NULs: klen counts them */
	size_t klen;
	const char *value; /* the scalar's text ("" for anything else) */
};
struct k8s_pairs {
	struct k8s_pair *v;
	size_t n;
	int is_map;        /* the node was a map (it may be empty) */
};
/* The value of the last entry whose key is `key`, as ydoc_get() finds it. */
const char *k8s_pairs_get(const struct k8s_pairs *m, const char *key);

/* A gunilint.io/ignore annotation, copied out of its tree. */
struct k8s_annotation {
	const char *text;  /* the scalar's value */
	struct span at;    /* its text, quotes left out */
	struct span scope; /* the object it is written on */
};
/*
 * The gunilint.io/ignore annotations of a stream's objects (metadata, pod
 * template metadata, List items), in document order; the array and its
 * strings are allocated in `a`.
 */
size_t k8s_ignore_annotations(const struct ydoc_stream *ys, struct arena *a,
    struct k8s_annotation **out);

/* One word of a command line, after Kubernetes' $(VAR) expansion. */
struct k8s_word {
	const char *s;
	struct span span;  /* the scalar (or, after sh -c, the word) it came from */
	int unresolved;    /* holds a $(VAR) whose value is not known here */
};

enum k8s_env_origin {
	K8S_ENV_VALUE,          /* env[].value (compose: environment) */
	K8S_ENV_CONFIGMAP_KEY,  /* env[].valueFrom.configMapKeyRef */
	K8S_ENV_SECRET_KEY,     /* env[].valueFrom.secretKeyRef */
	K8S_ENV_FIELD,          /* env[].valueFrom.fieldRef */
	K8S_ENV_RESOURCE,       /* env[].valueFrom.resourceFieldRef */
	K8S_ENV_FROM_CONFIGMAP, /* envFrom[].configMapRef */
	K8S_ENV_FROM_SECRET,    /* envFrom[].secretRef */
	K8S_ENV_FILE,           /* compose env_file */
	K8S_ENV_IMAGE,          /* the image's ENV (k8s_resolve_image) */
};

struct k8s_env {
	const char *name;
	const char *value;   /* NULL when not known (secret, unresolved ref) */
	enum k8s_env_origin origin;
	const char *ref;     /* "configmap-name/key", "limits.cpu", ... or NULL */
	struct span span;    /* the name: env[].name, the ConfigMap's data key
				for envFrom, the envFrom entry when the
				ConfigMap is unknown */
	struct span vspan;   /* its value, if written */
	int missing;         /* the ConfigMap (env file) is not in the inputs:
				reported as GL510 by k8s_report_missing() */
};

struct k8s_port {
	const char *name;    /* named port, or NULL */
	long port;           /* containerPort (compose: the container side) */
	long host_port;      /* compose published port, or -1 */
	const char *protocol;
	struct span span;
};

enum k8s_probe_kind { K8S_READINESS, K8S_LIVENESS, K8S_STARTUP, K8S_HEALTHCHECK };
enum k8s_probe_type { K8S_PROBE_NONE, K8S_PROBE_HTTP, K8S_PROBE_TCP, K8S_PROBE_EXEC, K8S_PROBE_GRPC };

struct k8s_probe {
	enum k8s_probe_kind kind;
	enum k8s_probe_type type;
	int https;           /* httpGet.scheme: HTTPS */
	long port;           /* resolved port number, or -1 */
	const char *port_name; /* as written when named */
	const char *path;
	long timeout, period, failure_threshold, initial_delay; /* seconds; k8s defaults applied */
	struct span span;       /* the probe's key */
	struct span port_span;
	struct span scheme_span;
};

enum k8s_vol_type {
	K8S_VOL_OTHER, K8S_VOL_SECRET, K8S_VOL_CONFIGMAP, K8S_VOL_PROJECTED,
	K8S_VOL_EMPTYDIR, K8S_VOL_HOSTPATH, K8S_VOL_PVC,
};

struct k8s_vol_item {
	const char *key;
	const char *path;
	long mode;           /* items[].mode, or -1 */
	struct span span;
	struct span mode_span; /* items[].mode, when written */
};

struct k8s_volume {
	const char *name;
	enum k8s_vol_type type;
	const char *source;  /* secret / configMap name */
	long default_mode;   /* as written; -1: not written (Kubernetes then
				uses 0644); -2: not knowable (a compose
				secret file keeps its host mode) */
	int memory;          /* emptyDir medium: Memory */
	struct k8s_vol_item *items;
	size_t nitems;
	struct span span;
	struct span mode_span;
};

struct k8s_mount {
	const char *path;
	const char *volume;
	const char *sub_path;
	int read_only;
	const struct k8s_volume *vol; /* the pod volume, or NULL */
	struct span span;
};

/*
 * A CPU or memory amount from resources; set == 0 when not written or
 * not a valid quantity (then invalid == 1 and span points at it).
 */
struct k8s_amount {
	int set;
	int invalid;
	int64_t milli;       /* CPU: millicores (rounded up, as Kubernetes) */
	int64_t value;       /* memory: bytes */
	struct span span;
};

struct k8s_resources {
	struct k8s_amount cpu_limit, cpu_request, mem_limit, mem_request;
};

/* Pod and container securityContext merged: the container's wins. */
struct k8s_secctx {
	int run_as_user_set;
	long long run_as_user;
	int run_as_non_root;     /* -1 unset */
	int read_only_root;      /* -1 unset */
	const char **cap_add;    /* capabilities.add, as written */
	size_t ncap_add;
	struct span user_span, non_root_span, read_only_span;
};

enum k8s_from { K8S_FROM_KUBERNETES, K8S_FROM_COMPOSE };

struct k8s_launch {
	const char *id;          /* "deploy.yaml#Deployment/api/containers/api" */
	enum k8s_from from;
	const char *kind;        /* "Deployment"; compose: "service" */
	const char *workload;    /* metadata.name; compose: service name */
	const char *namespace;   /* metadata.namespace, or NULL */
	const char *container;   /* container name */
	int init;                /* an initContainer */
	const char *image;
	struct span span;        /* the container (service) node */
	struct span image_span;
	/* command + args after $(VAR) expansion; compose: entrypoint + command */
	struct k8s_word *argv;
	size_t argc;
	int has_command;         /* command/entrypoint written (else the image's) */
	int has_args;            /* args/command written */
	int via_shell;           /* "sh -c STRING": argv holds STRING's words */
	long gunicorn_at;        /* argv index of the word that is gunicorn's
				    argv[0] ("gunicorn" or "-m gunicorn"'s
				    module), or -1; its options are
				    argv[gunicorn_at + 1 .. gunicorn_end - 1] */
	size_t gunicorn_end;     /* argc, or where a shell operator (;, &&,
				    ||, |, &) ends gunicorn's command */
	struct k8s_env *env;     /* in the order they apply: envFrom, then env */
	size_t nenv;
	struct k8s_resources res;
	struct k8s_port *ports;
	size_t nports;
	struct k8s_probe *probes;
	size_t nprobes;
	struct k8s_mount *mounts;
	size_t nmounts;
	struct k8s_volume *volumes; /* the pod's */
	size_t nvolumes;
	struct k8s_secctx sec;
	long grace;              /* terminationGracePeriodSeconds (compose:
				    stop_grace_period), or -1: the default,
				    30 s in Kubernetes and 10 s in compose */
	struct span grace_span;
	long prestop;            /* seconds a preStop hook sleeps (counted in
				    the grace period), 0 when none is known */
	struct span prestop_span;
	struct k8s_pairs labels; /* pod template labels */
	const char *helm_source; /* Helm's "# Source: ..." line, or NULL */
	/* compose only */
	const char *build_context, *dockerfile;
	const char *user;
	struct span user_span;
	int shared_netns;        /* network_mode: service:X or container:X, so
				    another container reaches its loopback */
	/* internal: its place in input order (see k8s_finish) */
	size_t file_, seq_;
};

struct k8s_service_port {
	long port;
	long target;             /* targetPort number, or -1 */
	const char *target_name; /* named targetPort, or NULL */
	struct span span;
};

struct k8s_service {
	const char *name;
	const char *namespace; /* metadata.namespace, or NULL when not written */
	struct k8s_pairs selector; /* keys as ydoc_str() reads them */
	struct k8s_service_port *ports;
	size_t nports;
	struct span span;
	size_t file_, seq_;      /* internal: its place in input order */
};

struct k8s_cm;

struct k8s_set {
	struct k8s_launch *launches;
	size_t nlaunches;
	/*
	 * Containers (services) whose command comes from the image: no
	 * command here and no sign of gunicorn.  The Dockerfile front-end
	 * decides whether they start gunicorn; rules skip them until then.
	 */
	struct k8s_launch *pending;
	size_t npending;
	struct k8s_service *services;
	size_t nservices;
	/* Set by the caller: no Dockerfile among the inputs can give a
	 * pending container its command, so none is kept. */
	int drop_pending;
	struct arena *arena;
	/* internal: documents waiting for k8s_finish(), with their file */
	const struct ydoc **docs_;
	size_t *docs_file_;
	size_t ndocs_;
	/* internal: the inputs' ConfigMaps, in input order and by name */
	VEC(struct k8s_cm *) cms_;
	struct k8s_cm **cm_buckets_;
	size_t ncm_buckets_;
	/* internal: the walk in progress */
	size_t nfiles_;          /* manifests added so far */
	size_t cur_file_;        /* 1 + the file walked; 0: compose */
	size_t nseq_;            /* records pushed so far */
	int walk_early_;         /* walking a file as it is added */
	int walk_again_;         /* ...and it names a ConfigMap not yet seen */
};

/*
 * What the image says about its launch, from the Dockerfile front-end:
 * ENTRYPOINT and CMD as exec-form words (a shell form is the words
 * "/bin/sh", "-c", STRING), ENV in order, USER.
 */
struct k8s_image {
	const struct k8s_word *entrypoint;
	size_t nentrypoint;
	const struct k8s_word *cmd;
	size_t ncmd;
	const struct k8s_env *env;   /* origin is set to K8S_ENV_IMAGE */
	size_t nenv;
	const char *user;            /* USER, or NULL */
	struct span user_span;
};

struct k8s_set *k8s_new(void);
/*
 * Completes pending[i] with its image as the runtime does: the command
 * is ENTRYPOINT + (the container's args, else CMD) -- a command
 * (compose: entrypoint) written in the manifest would have replaced
 * both, and such containers are never pending -- the image's ENV comes
 * before the container's env, and a numeric USER is the user unless the
 * securityContext (compose: user) says otherwise.  Returns 1 when
 * gunicorn now shows: the launch moves to launches[] (pending[] closes
 * the gap); 0 when it stays pending, completed.
 */
int k8s_resolve_image(struct k8s_set *ks, size_t i, const struct k8s_image *img,
    struct findings *fs);
/* Appends a launch (or a pending one) to the set; takes over l's arrays. */
void k8s_push(struct k8s_set *ks, struct k8s_launch *l, int pending);
/*
 * Takes one parsed manifest: its ConfigMaps are copied, and its objects
 * walked at once when every ConfigMap they name is among the files added
 * so far.  Returns 1 when the stream is no longer needed (free it), 0
 * when it waits for k8s_finish() (it refers to a ConfigMap not yet seen,
 * perhaps in a later file): it must live until then.
 */
int k8s_add_stream(struct k8s_set *ks, const struct ydoc_stream *ys,
    struct findings *fs);
/*
 * Reads every workload, Service and ConfigMap added so far into launches.
 * References that cannot be resolved from the inputs are info findings
 * (GL510), never guesses.
 */
void k8s_finish(struct k8s_set *ks, struct findings *fs);
void k8s_free(struct k8s_set *ks);

/* Whether a document looks like a Kubernetes object (apiVersion + kind). */
int k8s_is_object(const struct ydoc_node *root);

/*
 * Kubernetes' $(VAR) expansion (the kubelet's expansion package):
 * "$(NAME)" is replaced when lookup knows NAME, and kept as written when
 * it does not; "$$" is one "$"; any other "$" stays.  *unresolved is set
 * when a kept reference may have a value at run time that is not known
 * here.  Returns a new string (caller frees).
 *
 * A lookup returns the value, or NULL and sets *unknown when the
 * variable may exist with a value not known here (a Secret, an
 * unresolved ConfigMap, a Service link), or NULL with *unknown left 0
 * when it certainly does not exist.
 */
typedef const char *(*k8s_lookup_fn)(void *ctx, const char *name, size_t len,
    int *unknown);
/* The kubelet's view of a container's env (ctx: the k8s_launch so far). */
const char *k8s_kubelet_lookup(void *ctx, const char *name, size_t len,
    int *unknown);
/* A shell's view inside the container: the image may set more variables. */
const char *k8s_shell_lookup(void *ctx, const char *name, size_t len,
    int *unknown);
char *k8s_expand(const char *in, k8s_lookup_fn lookup, void *ctx,
    int *unresolved);

/*
 * Splits a shell command string into words as sh does for plain words,
 * quotes and backslashes.  With lookup, $NAME and ${NAME} outside single
 * quotes are replaced by known values (no field splitting); unknown ones
 * stay and mark the word unresolved.  Without lookup "$" is literal (as
 * in compose's string commands, which no shell reads).  Each word's span
 * is its exact bytes when the scalar is written plainly in sp, else sp.
 * Returns the count; *out is allocated from a.  -1 on an unclosed quote.
 */
long k8s_shell_split(struct arena *a, const char *s, struct span sp,
    k8s_lookup_fn lookup, void *ctx, struct k8s_word **out);
/*
 * Whether a node carries a local tag such as Emrichen's !Var or !Format:
 * a template expression whose value is not known until rendering.
 */
int k8s_template_tag(const struct ydoc_node *n);
/* Finds where gunicorn's argv starts in words; -1 when it is not there. */
long k8s_find_gunicorn(const struct k8s_word *w, size_t n);
/*
 * GL510 (info) for each ConfigMap or env file the launch reads that is
 * not in the inputs.  k8s_finish() and cmp_read() call it for launches;
 * pending ones are reported when k8s_resolve_image() makes them launches.
 */
void k8s_report_missing(const struct k8s_launch *l, struct findings *fs);
/* The last env entry called name (the one that wins), or NULL. */
const struct k8s_env *k8s_env_get(const struct k8s_launch *l, const char *name);

/*
 * compose: the docker compose front-end.  Each service becomes a
 * k8s_launch (from = K8S_FROM_COMPOSE) in a k8s_set: environment and
 * env_file, entrypoint + command, build, resources, ports, secrets,
 * volumes, healthcheck, user.  Services that build or name an image and
 * show no gunicorn in their command are pending: the Dockerfile
 * front-end decides.
 */
/* Whether a document looks like a compose file (a "services" map). */
int cmp_is_compose(const struct ydoc_node *root);
/*
 * Reads the services of every document of ys into ks.  env_file paths
 * are read relative to dir (the compose file's directory); an env file
 * that cannot be read is a GL510 finding.
 */
void cmp_read(struct k8s_set *ks, const struct ydoc_stream *ys,
    const char *dir, struct findings *fs);

/* Compose durations ("1m30s", "10s", "1h", "500ms") in whole seconds, rounded up; -1 if bad. */
long cmp_duration(const char *s);
/* Compose byte sizes ("512m", "1gb", "1024"): binary multiples; -1 if bad. */
long long cmp_bytes(const char *s);

/*
 * procs: three front-ends for how a process is started outside an image:
 * env files (docker's --env-file and compose's dotenv), Heroku Procfiles
 * (and App Engine's app.yaml entrypoint), and systemd units.  Each turns
 * one source into records with spans and judges none of them.
 *
 * Ownership: each reader returns an object that owns every record and
 * string in it and is freed with its *_free(); *_free(NULL) is a no-op.
 * Spans point into the source, which the source registry keeps alive.
 * Every reader always returns an object: a line it cannot take becomes a
 * procs_error and the rest of the file is still read.
 */
/* A line the program would refuse (or warn about), in its own words. */
struct procs_error {
	const char *message;
	const char *message_l10n; /* gunilint's own words translated, or NULL */
	struct span span;
	int warning;	/* the program says so but goes on using the line */
};

/* ---- env files (envfile.c) ---------------------------------------------- */

enum env_dialect {
	ENV_DOCKER,	/* docker run --env-file: KEY=VAL taken literally */
	ENV_COMPOSE,	/* compose env_file: and .env: compose-go's dotenv */
};

enum env_kind {
	ENV_ASSIGN,	/* NAME=value */
	ENV_INHERIT,	/* NAME alone: the value comes from the host's environment */
	ENV_TEMPLATE,	/* a template tag line ({% if %}, {# #}, {{ }}): unrendered */
};

/* A $NAME or ${NAME...} that compose substituted in a value. */
struct env_ref {
	const char *name;
	struct span span;	/* from the $ to the end of the reference */
	int resolved;		/* the lookup or an earlier line gave a value */
};

struct env_item {
	enum env_kind kind;
	const char *name;	/* NULL for ENV_TEMPLATE */
	struct span name_span;
	const char *value;	/* after quote removal and substitution; NULL unless ENV_ASSIGN */
	size_t len;		/* of value (which may hold NULs) */
	const size_t *off;	/* source offset of each value byte */
	struct span value_span;	/* the value's bytes as written, quotes included */
	struct span span;	/* the whole statement */
	char quote;		/* 0, '\'' or '"' (compose only) */
	const struct env_ref *refs;
	size_t nrefs;
};

/*
 * Compose looks a name up in the host's environment first, then in the
 * lines above.  The function returns the value or NULL when unset; it may
 * be NULL itself (nothing is set on the host).
 */
typedef const char *(*env_lookup_fn)(const char *name, void *ctx);

struct env_file {
	const struct source *src;
	enum env_dialect dialect;
	VEC(struct env_item) items;
	VEC(struct procs_error) errors;
	struct arena *arena;
};

struct env_file *env_parse(const struct source *src, enum env_dialect d,
    env_lookup_fn lookup, void *ctx);
/* The last ENV_ASSIGN or ENV_INHERIT of name, or NULL. */
const struct env_item *env_get(const struct env_file *ef, const char *name);
/* Source span of value bytes [from, from+n) of an item. */
struct span env_value_span(const struct env_item *it, size_t from, size_t n);
void env_free(struct env_file *ef);

/* ---- Procfiles (procfile.c) --------------------------------------------- */

enum proc_format {
	PROC_PROCFILE,	/* Heroku: "name: command" lines */
	PROC_APP_YAML,	/* App Engine: the top-level entrypoint: of app.yaml */
};

enum proc_kind {
	PROC_PROCESS,	/* a process type and its command */
	PROC_IGNORED,	/* a line that is not "name: command": Heroku skips it */
};

/* A $PORT or ${PORT...}: the platform sets PORT when the process starts. */
struct proc_port {
	struct span span;
	size_t word;	/* index into words of the word holding it */
};

struct proc_entry {
	enum proc_kind kind;
	const char *name;	/* "web"; "entrypoint" in app.yaml */
	struct span name_span;
	const char *command;	/* the command as written (NULL if ignored) */
	struct span command_span;
	/* split as shlex.split does (shellwords.h); empty if that failed */
	struct sw_words words;
	VEC(struct proc_port) ports;
	struct span span;	/* the whole line */
};

struct procfile {
	const struct source *src;
	enum proc_format format;
	VEC(struct proc_entry) entries;
	VEC(struct procs_error) errors;
	struct arena *arena;
};

/* PROC_APP_YAML for a file named app.yaml or app.yml, else PROC_PROCFILE. */
enum proc_format proc_format_of(const char *path);
struct procfile *proc_parse(const struct source *src, enum proc_format f);
void proc_free(struct procfile *pf);

/* ---- systemd units (systemd.c) ------------------------------------------ */

/* Prefixes of an Exec*= command (systemd.service(5), table 1). */
enum sd_exec_flag {
	SD_EXEC_IGNORE_FAILURE = 1 << 0,	/* "-" */
	SD_EXEC_ARGV0 = 1 << 1,			/* "@": words[1] is argv[0] */
	SD_EXEC_NO_ENV_EXPAND = 1 << 2,		/* ":" */
	SD_EXEC_PRIVILEGED = 1 << 3,		/* "+" */
	SD_EXEC_NO_SETUID = 1 << 4,		/* "!" */
	SD_EXEC_AMBIENT = 1 << 5,		/* "!!" */
};

enum sd_ref_mode {
	SD_REF_SPLIT,	/* the word is $NAME: the value split at whitespace */
	SD_REF_BRACED,	/* ${NAME} anywhere: the value as one piece */
	SD_REF_LITERAL,	/* $NAME inside a word, or under ":": passed as is */
};

/* A variable reference in a word, expanded by systemd when it execs. */
struct sd_ref {
	const char *name;
	enum sd_ref_mode mode;
	size_t word;		/* index into the command's words */
	size_t from, len;	/* the reference's bytes in that word's value */
	struct span span;
	const char *env_value;	/* the unit's own last Environment= value, or NULL */
};

/* A specifier (%i, %h ...), resolved when systemd loads the unit. */
struct sd_spec {
	char spec;
	size_t word;		/* index into the record's words (0 for settings) */
	struct span span;	/* the %x */
	int expanded;		/* replaced from the unit name; else left as %x */
};

struct sd_exec {
	const char *key;	/* "ExecStart", "ExecStartPre" ... */
	int reset;		/* an empty assignment: the list so far is cleared */
	unsigned flags;		/* enum sd_exec_flag */
	/* words[0] is the executable; argv starts at words[1] with "@" */
	struct sw_words words;
	VEC(struct sd_ref) refs;
	VEC(struct sd_spec) specs;
	struct span span;	/* the command, prefixes included */
};

/* One assignment of an Environment= line. */
struct sd_env {
	int reset;
	const char *name, *value;	/* NUL-terminated copies */
	struct sw_word word;		/* "NAME=value" after unquoting */
	struct span name_span, value_span;
	VEC(struct sd_spec) specs;
};

enum sd_key {
	SD_ENVIRONMENT_FILE,
	SD_USER,
	SD_GROUP,
	SD_WORKING_DIRECTORY,
	SD_LISTEN_STREAM,
};

enum sd_listen {
	SD_LISTEN_PORT,		/* "8000" */
	SD_LISTEN_ADDRESS,	/* "127.0.0.1:8000", "[::1]:8000" */
	SD_LISTEN_PATH,		/* "/run/app.sock" */
	SD_LISTEN_ABSTRACT,	/* "@name" */
	SD_LISTEN_OTHER,	/* "vsock:..." and the rest */
};

/* EnvironmentFile=, User=, Group=, WorkingDirectory=, ListenStream=. */
struct sd_setting {
	enum sd_key key;
	int reset;		/* empty assignment */
	int optional;		/* "-" prefix: a missing path is no error */
	int home;		/* WorkingDirectory=~: the home of User= */
	enum sd_listen listen;	/* ListenStream= only */
	struct sw_word value;	/* prefix removed, specifiers expanded if known */
	VEC(struct sd_spec) specs;
	struct span span;	/* the whole value as written */
};

/* Every Key=value as the INI reader sees it, in file order. */
struct sd_assign {
	const char *section;	/* "Service" */
	const char *key;
	struct span key_span;
	struct sw_word value;	/* continuation lines joined; off maps each byte */
	struct span span;	/* the logical line */
};

struct sd_unit {
	const struct source *src;
	const char *name;	/* the unit name passed in, or NULL */
	VEC(struct sd_assign) assigns;
	VEC(struct sd_exec) execs;
	VEC(struct sd_env) envs;
	VEC(struct sd_setting) settings;
	VEC(struct procs_error) errors;
	struct arena *arena;
};

/*
 * Reads a unit file.  unit_name ("web@8000.service"), when not NULL,
 * lets %n %N %p %P %i %I %j %J %f be expanded as systemd would; other
 * specifiers (and all of them without a name) stay as written and are
 * listed with expanded = 0.  "%%" is always "%".
 */
struct sd_unit *sd_parse(const struct source *src, const char *unit_name);
/*
 * Reads a drop-in (a .conf file of NAME.service.d/) into u, after what u holds:
 * systemd applies drop-ins in that order, each section anew.
 */
void sd_parse_dropin(struct sd_unit *u, const struct source *src);
void sd_free(struct sd_unit *u);
/* The last Key= of a section as written (value "" after a reset), or NULL. */
const struct sd_assign *sd_get(const struct sd_unit *u, const char *section,
    const char *key);
/* The last EnvironmentFile=, User=... setting, or NULL when unset or reset. */
const struct sd_setting *sd_last_setting(const struct sd_unit *u,
    enum sd_key key);
/* A systemd boolean (parse_boolean): 1, 0, or -1 when it is neither. */
int sd_bool(const char *v);
/*
 * A time span (systemd.time(7): "90", "1min 30s", "500ms"): 0 with the
 * seconds in *secs, 1 for "infinity", -1 when systemd would refuse it.
 */
int sd_timespan(const char *s, double *secs);

/*
 * pydeps: the readers of Python dependency files (requirements and
 * constraints files, pyproject.toml, Pipfile, and the locks poetry.lock,
 * uv.lock and Pipfile.lock), which turn each into a flat list of records
 * with spans; and PEP 440 version comparison and specifier matching for
 * the rules that ask which gunicorn a project gets.
 *
 * Ownership: pydeps_read() fills a struct pydeps whose records and strings
 * live in its own arena; pydeps_free() releases them (the struct itself is
 * the caller's).  Spans point into out->src, which is the source given, or
 * for a UTF-16 requirements file a UTF-8 copy of it registered with the
 * same name (see pydeps_req.c); sources live until src_registry_free().
 */
enum pydeps_kind {
	PYDEPS_UNKNOWN = 0,
	PYDEPS_REQUIREMENTS, /* requirements*.txt, constraints*.txt: pip's format */
	PYDEPS_PYPROJECT,    /* pyproject.toml */
	PYDEPS_PIPFILE,      /* Pipfile */
	PYDEPS_PIPFILE_LOCK, /* Pipfile.lock (JSON) */
	PYDEPS_POETRY_LOCK,  /* poetry.lock */
	PYDEPS_UV_LOCK,      /* uv.lock */
};

/* Which syntax a record was read from. */
enum pydeps_source {
	PYDEPS_SRC_REQUIREMENTS,
	PYDEPS_SRC_PEP621,      /* [project] dependencies, optional-dependencies */
	PYDEPS_SRC_PEP735,      /* [dependency-groups] */
	PYDEPS_SRC_POETRY,      /* [tool.poetry.*dependencies] */
	PYDEPS_SRC_PIPFILE,
	PYDEPS_SRC_POETRY_LOCK,
	PYDEPS_SRC_UV_LOCK,
	PYDEPS_SRC_PIPFILE_LOCK,
};

enum pydeps_rec_kind {
	PYDEPS_REQ,           /* a dependency */
	PYDEPS_INCLUDE,       /* -r FILE / --requirement FILE (not followed) */
	PYDEPS_CONSTRAINT,    /* -c FILE / --constraint FILE (not followed) */
	PYDEPS_OPTION,        /* a global option: --index-url URL, --pre, ... */
	PYDEPS_GROUP_INCLUDE, /* {include-group = "g"} in [dependency-groups] */
	PYDEPS_TEMPLATE,      /* a template line ({% if %}) in a requirements file */
	PYDEPS_ERROR,         /* what could not be read: message and span */
};

/*
 * One record.  Strings are NULL when absent unless said otherwise.
 *
 * PYDEPS_REQ: name is normalized (PEP 503: lowercase, runs of -_. as one
 * -), name_raw as written (both NULL for a bare URL without #egg=).  spec
 * is the PEP 440 specifier without spaces (">=20.1,<24"; "" for none);
 * spec_raw the constraint as written (Poetry's "^20.1" becomes spec
 * ">=20.1,<21.0" when it can be said in PEP 440; otherwise spec is NULL).
 * pinned is the version when spec is ==X or ===X without a wildcard, or
 * the version a lock records.  group is "main" for the main dependencies,
 * "dev" for Poetry's and Pipfile's development ones, an extra's or a
 * dependency group's name otherwise.
 *
 * PYDEPS_INCLUDE, PYDEPS_CONSTRAINT, PYDEPS_OPTION, PYDEPS_GROUP_INCLUDE:
 * option is the option as written ("-r", "--index-url"; NULL for a group
 * include) and value its argument (a path, a URL, a group; NULL for a
 * flag).  PYDEPS_ERROR: message, and name_span is where the error is
 * (the other strings are NULL).  span covers the whole requirement (a
 * requirements line with its continuations, a TOML string with its
 * quotes, or key = value in TOML); name_span the name (or span when there
 * is none).
 */
struct pydeps_rec {
	enum pydeps_rec_kind kind;
	enum pydeps_source source;
	const char *name;
	const char *name_raw;
	const char **extras;
	size_t nextras;
	const char *spec;
	const char *spec_raw;
	const char *pinned;
	const char *marker;
	const char *url;        /* name @ URL, a URL or path line, -e target, git = */
	const char *group;
	int editable;           /* -e, or editable = true */
	int optional;           /* Poetry's optional = true */
	const char **hashes;    /* --hash=sha256:... values, and lock hashes */
	size_t nhashes;
	const char *option;
	const char *value;
	const char *message;
	const char *message_l10n; /* its translation, or NULL */
	struct span span;
	struct span name_span;
};

struct pydeps {
	const struct source *src;
	struct pydeps_rec *v;
	size_t n, cap;
	struct arena *arena;
};

/* The kind of a dependency file by its base name, or PYDEPS_UNKNOWN. */
enum pydeps_kind pydeps_kind_of(const char *path);
const char *pydeps_kind_name(enum pydeps_kind kind);
const char *pydeps_source_name(enum pydeps_source source);
const char *pydeps_rec_kind_name(enum pydeps_rec_kind kind);

/*
 * Reads src as a file of the given kind and appends its records to *out
 * (which starts zeroed).  Returns 0, or -1 when the file as a whole cannot
 * be read (a TOML or JSON syntax error, an unknown kind): one PYDEPS_ERROR
 * record then says why.  A requirement that does not parse is a
 * PYDEPS_ERROR record, and the rest of the file is still read.
 */
int pydeps_read(const struct source *src, enum pydeps_kind kind,
    struct pydeps *out);
void pydeps_free(struct pydeps *deps);

/* PEP 503 normalization of a project name (caller frees). */
char *pydeps_normalize(const char *name, size_t len);

/*
 * PEP 440 ordering: <0, 0 or >0 as a sorts before, equal to or after b
 * (epoch, release with trailing zeros ignored, pre-, post- and
 * dev-releases, local versions).  A string that is not a PEP 440 version
 * sorts before every valid one; two invalid ones compare as strings.
 */
int pydeps_version_cmp(const char *a, const char *b);
/* 1 when version is a valid PEP 440 version. */
int pydeps_version_valid(const char *version);

/*
 * 1 when version satisfies every clause of spec (">=20.1,<24", "~=22.0",
 * "==23.*", "!=21.2.0", "===1.0"; "" allows all), 0 when not, -1 when
 * the spec or the version does not parse.  Pre-releases are matched as
 * packaging's SpecifierSet.contains(version, prereleases=True) does.
 */
int pydeps_spec_allows(const char *spec, const char *version);

#endif
