/*
 * i18n: the messages people read (the text report, --help, rules text) in
 * the user's language through GNU gettext; machine formats never call _().
 */
#ifndef GL_I18N_H
#define GL_I18N_H

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
/* The --lang value in argv (before "--"), or NULL. */
const char *gl_i18n_lang_arg(int argc, char **argv);

#endif
