/*
 * core.h: the small toolbox every other module uses: allocation that never
 * returns NULL, growable strings and arrays, source buffers with byte spans,
 * and the finding record that rules produce and reporters print.
 *
 * Ownership: whoever creates an object frees it; every *_free(NULL) is a
 * no-op.  Sources live until src_registry_free() at the end of a run, so a
 * span (which points at its source) stays valid for as long as any finding.
 */
#ifndef GL_CORE_H
#define GL_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cyaml/cyaml.h>

#if defined(__GNUC__)
#define GL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define GL_NORETURN __attribute__((noreturn))
#else
#define GL_PRINTF(f, a)
#define GL_NORETURN
#endif

/* ---- allocation (xalloc.c): exit(2) with a message on out-of-memory ---- */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) GL_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap);

/* ---- program errors (diag.c): the one entry point to stderr ---- */
/* "gunilint: MESSAGE" */
void gl_error(const char *fmt, ...) GL_PRINTF(1, 2);
/* "gunilint COMMAND: MESSAGE" */
void gl_cmd_error(const char *command, const char *fmt, ...) GL_PRINTF(2, 3);
/* The language of the two above (core/i18n.c sets it); NULL: English. */
extern const char *(*gl_diag_translate)(const char *fmt);
/* gl_error(), then exit status 2. */
GL_NORETURN void gl_die(const char *fmt, ...) GL_PRINTF(1, 2);

/*
 * Growable array of any element type: VEC(int) v = {0}; VEC_PUSH(&v, 3);
 * free(v.v) releases it.
 */
#define VEC(T) struct { T *v; size_t n, cap; }
#define VEC_GROW(vec)                                                         \
	do {                                                                  \
		if ((vec)->n == (vec)->cap) {                                 \
			(vec)->cap = (vec)->cap ? (vec)->cap * 2 : 8;         \
			(vec)->v = xrealloc((vec)->v,                         \
			    (vec)->cap * sizeof(*(vec)->v));                  \
		}                                                             \
	} while (0)
/*
 * A finished vector shrunk to its entries: VEC_GROW starts at eight, and
 * a run keeps thousands of launches whose vectors hold one or two.
 * Pointers into the old array are not valid after it.
 */
#define VEC_FIT(vec)                                                          \
	do {                                                                  \
		if ((vec)->n == 0) {                                          \
			free((vec)->v);                                       \
			(vec)->v = NULL;                                      \
			(vec)->cap = 0;                                       \
		} else if ((vec)->n < (vec)->cap) {                           \
			(vec)->v = xrealloc((vec)->v,                         \
			    (vec)->n * sizeof(*(vec)->v));                    \
			(vec)->cap = (vec)->n;                                \
		}                                                             \
	} while (0)
#define VEC_PUSH(vec, x)                                                      \
	do {                                                                  \
		VEC_GROW(vec);                                                \
		(vec)->v[(vec)->n++] = (x);                                   \
	} while (0)

/* ---- growable string (strbuf.c); buf is always NUL-terminated ---- */
struct strbuf {
	char *buf;
	size_t len, cap;
};
#define STRBUF_INIT { NULL, 0, 0 }
void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addch(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) GL_PRINTF(2, 3);
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void sb_reset(struct strbuf *sb);
char *sb_detach(struct strbuf *sb); /* caller frees; sb is reset */
const char *sb_str(const struct strbuf *sb); /* "" when empty */
void sb_release(struct strbuf *sb);

/* ---- arena (arena.c): many small allocations freed in one call ---- */
struct arena;
struct arena *arena_new(void);
void *arena_alloc(struct arena *a, size_t n); /* zeroed, max-aligned */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void arena_free(struct arena *a);

/* ---- threads (pool.c) ---- */
#define POOL_MAX_JOBS 64
/* fn(arg, i) for each i < n, on up to `jobs` threads; returns when done. */
void pool_run(size_t n, int jobs, void (*fn)(void *arg, size_t i), void *arg);
int pool_cpus(void); /* the CPUs this process may run on, at least 1 */

/* ---- sources and spans (source.c) ---- */

/* One input: a file's bytes or a string given on the command line. */
struct source {
	char *name; /* what reports call it: a path, "GUNICORN_CMD_ARGS", "<stdin>" */
	char *text; /* the bytes, NUL-terminated (the input may hold NULs too) */
	size_t len;
	size_t *line_off; /* byte offset where each line starts */
	size_t nlines;
};

/* A run of bytes in a source. src == NULL means "no location". */
struct span {
	const struct source *src;
	size_t off;
	size_t len;
};

/* Registered sources are owned by the registry and freed together. */
struct source *src_new(const char *name, const char *text, size_t len);
/*
 * Reads a whole regular file ("/dev/stdin": standard input, which may be a
 * pipe); on failure returns NULL and sets errno, and src_read_error() says
 * why.  A FIFO, device or socket is refused without being opened for long
 * (it could block or never end), and so is a file over the size limit.
 */
struct source *src_read_file(const char *path, const char *display_name);
/* "a named pipe (FIFO)", "a character device"...: a stat mode that is not
 * a regular file, for messages. */
const char *src_special_name(unsigned mode);
/* Why the last src_read_file() failed: "larger than the 10 MiB limit ...". */
const char *src_read_error(void);
#define SRC_DEFAULT_MAX_SIZE ((size_t)10 << 20)
/* The size limit of src_read_file() (--max-file-size); 0: none. */
void src_set_max_size(size_t max);
/* "10M", "512k", "1G", "4096" (K, M, G are powers of 1024): 0 or -1. */
int src_parse_size(const char *s, size_t *out);
/* "10 MiB", or "1000 bytes" when no unit divides the size. */
void src_format_size(char *buf, size_t n, size_t bytes);
void src_registry_free(void);
/*
 * The source last registered under this name, or NULL: a file read once
 * (an input) and met again (a requirements file a Dockerfile installs)
 * keeps one source, so findings and inline suppressions agree on it.
 */
const struct source *src_find(const char *name);

/* 1-based line and byte column of an offset (clamped to the source). */
void src_position(const struct source *src, size_t off, unsigned *line,
    unsigned *col);
/* The first 1-based line longer than max bytes (newline aside), or 0. */
unsigned src_long_line(const struct source *src, size_t max);
/* Start and length (without the newline) of a 1-based line. */
const char *src_line(const struct source *src, unsigned line, size_t *len);
struct span span_make(const struct source *src, size_t off, size_t len);
/* Smallest span covering both (same source; either may be empty). */
struct span span_join(struct span a, struct span b);

/* ---- file names (path.c) ---- */

/* The part after the last '/' (the whole name when there is none). */
const char *path_base(const char *path);
/* The folder part, newly allocated: "." when there is no '/', "/" for a
 * file in the root. */
char *path_dir(const char *path);

/* ---- string distance (strdist.c) ---- */

/*
 * Edit distance with adjacent transpositions (optimal string alignment),
 * ASCII case-insensitive when fold is set; used for "did you mean" hints.
 */
size_t str_distance(const char *a, const char *b, int fold);
/* The candidate nearest to word within max_dist, or NULL. */
const char *str_nearest(const char *word, const char *const *cands,
    size_t n, size_t max_dist, int fold);

/* ---- findings (finding.c) ---- */
enum severity {
	SEV_NONE = 0, /* only as a fail level: never fail */
	SEV_INFO,
	SEV_WARNING,
	SEV_ERROR,
};
const char *sev_name(enum severity s);
int sev_parse(const char *name, enum severity *out); /* 0 or -1 */

/* A certain fix: replace the bytes of span by `with`. */
struct fix {
	struct span span;
	char *with;
};

struct finding {
	const char *rule;     /* "GL003"; a static string */
	/* Filled from the catalogue by cat_resolve() (rules/): NULL and
	 * SEV_NONE until then. */
	const char *slug;     /* "unknown-option"; static */
	enum severity severity;
	char *message;        /* English: machine formats, sorting */
	char *help;           /* one line of advice, or NULL */
	/* The same in the language --lang selected, or NULL when that is
	 * English or has no translation: read them with fnd_message() and
	 * fnd_help(). */
	char *message_l10n;
	char *help_l10n;
	struct span span;
	char *launch;         /* id of the launch it concerns, or NULL */
	struct fix *fix;      /* NULL unless the fix is certain */
	int suppressed;       /* set by filters; reporters skip these */
};

struct findings {
	struct finding *v;
	size_t n, cap;
};

/*
 * Adds a finding for rule `id` ("GL003", a static string); its slug and
 * severity are the catalogue's business (cat_resolve).  Returns the new
 * finding so the caller can attach help, a launch id or a fix.
 */
struct finding *fnd_add(struct findings *fs, const char *id, struct span span,
    const char *fmt, ...) GL_PRINTF(4, 5);
struct finding *fnd_vadd(struct findings *fs, const char *id,
    struct span span, const char *fmt, va_list ap) GL_PRINTF(4, 0);
/* A message formatted already, in English and (or NULL) translated. */
struct finding *fnd_add_text(struct findings *fs, const char *id,
    struct span span, const char *message, const char *message_l10n);
/* A copy of a finding of another list (from must not point into fs),
 * both languages, without its fix. */
struct finding *fnd_copy(struct findings *fs, const struct finding *from);
void fnd_set_help(struct finding *f, const char *fmt, ...) GL_PRINTF(2, 3);
/* The message and help for people: in the selected language while
 * translation is on (gl_i18n_enable), else English. */
const char *fnd_message(const struct finding *f);
const char *fnd_help(const struct finding *f);
void fnd_set_fix(struct finding *f, struct span span, const char *with);
/* Sorts by source name, offset, rule id: reports are stable. */
void fnd_sort(struct findings *fs);
enum severity fnd_worst(const struct findings *fs); /* SEV_NONE if none */
void fnd_free(struct findings *fs);
/* Removes finding i (freeing what it owns); the others keep their order. */
void fnd_drop(struct findings *fs, size_t i);

/* ---- YAML against a libcyaml schema (yamlload.c) ---- */

/*
 * Loads `path` (or, when text != NULL, `len` bytes of text named `path`)
 * into *out, with libcyaml's complaints collected into a message that
 * names the file and, where libcyaml reports it, the line and column.
 * On failure returns -1 and stores the message in *err (caller frees); 0
 * on success.  Free the data with yl_free().
 */
int yl_load(const char *path, const char *text, size_t len,
    const cyaml_schema_value_t *schema, void **out, char **err);
void yl_free(const cyaml_schema_value_t *schema, void *data);

/* ---- messages in the user's language (i18n.c) ----
 * The messages people read (the text report, --help, rules text) through
 * GNU gettext; machine formats never call _().
 */
/* The text of msgid in the selected language (msgid itself in English). */
const char *gl_gettext(const char *msgid) __attribute__((format_arg(1)));
#define _(s) gl_gettext(s)
/* one or many by n (ngettext). */
const char *gl_ngettext(const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(1), format_arg(2)));
/* Marks a string for xgettext where it is stored, translated where printed. */
#define N_(s) (s)
/* A singular and plural pair stored for gl_ngettext (two initialisers). */
#define NP_(one, many) one, many

/*
 * Selects the language: lang (--lang) when not NULL, else LC_ALL,
 * LC_MESSAGES, LANG and LANGUAGE as GNU programs read them.  "C", "POSIX"
 * and "en..." mean the built-in English.
 */
void gl_i18n_init(const char *lang);
/* Turns translation off (0) or back on; returns the previous state, so
 * a machine format can be built in English inside a translated run. */
int gl_i18n_enable(int on);
/* Whether translation is on now. */
int gl_i18n_on(void);
/*
 * The translation of msgid in the selected language whether or not
 * translation is on now, or NULL when there is none (English, or the
 * catalogue lacks it).  For texts made once and shown in either
 * language (a finding's message).
 */
const char *gl_l10n(const char *msgid) __attribute__((format_arg(1)));
/*
 * A fragment: a literal passed as an argument for a %s of a message
 * format, F_("every user").  It is marked ("\001every user\002") so the
 * English copy of the message shows the words and the translated copy
 * their translation; only the two formatters below resolve the marks, so
 * F_() goes only to the finding, probe-step and parser-error helpers that
 * use them.
 */
#define F_(s) ("\001" s "\002")
/*
 * A formatted fragment: fmt (translatable) formatted into buf in English
 * and in the selected language, for a %s of a finding or probe step, which
 * shows the side of its language.  English alone when the two do not fit
 * in n bytes or there is no translation.
 */
void frag_snprintf(char *buf, size_t n, const char *fmt, ...) GL_PRINTF(3, 4);
/* The same, allocated (the caller frees). */
char *frag_asprintf(const char *fmt, ...) GL_PRINTF(1, 2);
/* fmt formatted in English, fragments resolved. */
char *xvasprintf_en(const char *fmt, va_list ap) GL_PRINTF(1, 0);
/* fmt formatted with its translation (gl_l10n), F_() fragments
 * translated, or NULL when fmt has no translation. */
char *xvasprintf_l10n(const char *fmt, va_list ap) GL_PRINTF(1, 0);
/* The --lang value in argv (before "--"), or NULL. */
const char *gl_i18n_lang_arg(int argc, char **argv);

#endif
