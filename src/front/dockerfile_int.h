/*
 * dockerfile_int.h: declarations shared by the Dockerfile front-end's files
 * (lexer, word processing, stage evaluation, launch and dependency
 * discovery); not for other modules.
 */
#ifndef GL_DOCKERFILE_INT_H
#define GL_DOCKERFILE_INT_H

#include "front/front.h"

/*
 * A df_str under construction: bytes and their source offsets.  While the
 * bytes are a run of the source (byte i at base + i) map stays empty; it
 * is filled at the first byte that breaks the run, as most words never do
 * and a map costs 8 bytes a byte.
 */
struct df_sbuf {
	struct strbuf sb;
	VEC(size_t) map;  /* empty, or one entry per byte */
	size_t base;      /* offset of the first byte while map is empty */
};
#define DSB_INIT { STRBUF_INIT, { 0 }, 0 }

/* The source offset of byte i (< len) of b. */
size_t dsb_off(const struct df_sbuf *b, size_t i);

void dsb_addc(struct df_sbuf *b, char c, size_t off);
void dsb_addn(struct df_sbuf *b, const char *s, size_t n, size_t off);
void dsb_addstr(struct df_sbuf *b, const struct df_str *s, size_t from, size_t to);
/* Copies into the arena and resets b; endoff is offmap[len]. */
struct df_str dsb_finish(struct arena *a, struct df_sbuf *b, size_t endoff,
    const struct source *src);
void dsb_release(struct df_sbuf *b);
/* Gives s the span sp, writing out the offsets of a run that sp moves. */
void df_str_set_span(struct arena *a, struct df_str *s, struct span sp);

struct df_str df_str_sub(struct arena *a, const struct df_str *s, size_t from,
    size_t to);
struct df_str df_str_lit(struct arena *a, const char *text, struct span at);
struct df_word df_word_of(const struct df_str *s);

/*
 * Splits like Docker's parseWords: on blanks outside quotes, honouring the
 * escape character, keeping quotes and escapes in the words.
 */
size_t df_split_words(struct arena *a, const struct df_str *in, char escape,
    struct df_str **out);
/* The leading words that start with "--" (an instruction's flags). */
size_t df_split_flag_words(struct arena *a, const struct df_str *in,
    char escape, struct df_str **out);

/* Splits at blanks only ([\t\v\f\r ]+), as Docker does for FROM, COPY... */
size_t df_split_blank(struct arena *a, const struct df_str *in,
    struct df_str **out);

/*
 * Parses a JSON array of strings.  Returns 0 and the elements; 1 when the
 * text is not a JSON array (shell form applies); -1 when it is JSON but
 * not an array of strings (Docker rejects it).
 */
int df_json_strings(struct arena *a, const struct df_str *in,
    struct df_str **out, size_t *n);


/* Sets df->context_dir from the options or the Dockerfile's directory. */
void df_context_init(struct df_file *df);

/* Stage evaluation (dockerfile_eval.c). */
void df_eval(struct df_file *df, struct findings *fs);
void df_image_release(struct df_image *im);

/* Launch and dependency discovery (dockerfile_launch.c, dockerfile_deps.c). */
void df_resolve_launch(struct df_file *df, struct df_image *im);
void df_scan_run(struct df_file *df, struct df_image *im,
    const struct df_instr *in, int stage);
void df_note_copy(struct df_file *df, struct df_image *im,
    const struct df_copy *c);
/* Local path of a file the image has at abs_path (via COPY/ADD), or NULL. */
char *df_local_for(struct df_file *df, const struct df_image *im,
    const char *abs_path, const struct df_copy **via);
int df_is_shell_name(const char *prog);

#endif
