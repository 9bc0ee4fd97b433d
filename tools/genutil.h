/* genutil.h: helpers for the build-time generators that turn rules/ YAML into C tables. */
#ifndef GL_GENUTIL_H
#define GL_GENUTIL_H

#include <stdio.h>

/* Writes s as a C string literal ("NULL" when s is NULL). */
void gen_cstr(FILE *fp, const char *s);
/*
 * Writes one text for xgettext: a TRANSLATORS comment (a printf format)
 * then N_("text");.  Nothing when text is NULL.
 */
void gen_msgid(FILE *fp, const char *text, const char *comment, ...)
    __attribute__((format(printf, 3, 4)));
/* Opens `path` for writing; the generator's output goes there. */
FILE *gen_open(const char *path);
/* Closes and checks for write errors; exits 1 on failure. */
void gen_close(FILE *fp, const char *path);

#endif
