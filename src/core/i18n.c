/*
 * i18n.c: language selection and the catalogue's place.
 *
 * The compiled catalogue is looked for next to the binary first: in
 * build/locale when ./gunilint runs from the source tree, in locale/ when
 * the binary is inside a build folder (make asan), then in ../share/locale
 * (an installed binary, also inside a DESTDIR), then in the LOCALEDIR the
 * Makefile compiled in.
 *
 * glibc's gettext reads the language from the LC_MESSAGES locale, and a
 * machine often has no zh_CN.UTF-8 locale, so setlocale() fails for it.
 * What works with glibc (checked with 2.36): LC_MESSAGES set to
 * "C.UTF-8", which every glibc system has, and the language in LANGUAGE;
 * gettext ignores LANGUAGE under plain "C" but honours it under
 * "C.UTF-8".  Only LC_MESSAGES is set: LC_NUMERIC and LC_CTYPE stay "C",
 * so numbers parse and print the same in every language.
 */
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/core.h"

#ifndef GL_LOCALEDIR
#define GL_LOCALEDIR "/usr/local/share/locale"
#endif
#define DOMAIN "gunilint"

static int translating, selected;

int
gl_i18n_enable(int on)
{
	int was = translating;

	translating = on && selected;
	return was;
}

int
gl_i18n_on(void)
{
	return translating;
}

const char *
gl_gettext(const char *msgid)
{
	if (!translating || msgid == NULL || *msgid == '\0')
		return msgid;
	return dgettext(DOMAIN, msgid);
}

const char *
gl_l10n(const char *msgid)
{
	const char *t;

	if (!selected || msgid == NULL || *msgid == '\0')
		return NULL;
	t = dgettext(DOMAIN, msgid);
	return t == msgid || strcmp(t, msgid) == 0 ? NULL : t;
}

/*
 * s with each fragment resolved: an F_() one ("\001words\002") shows its
 * words in English, or their translation when translate is set and the
 * catalogue has one; a formatted one ("\001English\003translated\002",
 * frag_snprintf) shows one of its two sides.  A formatted fragment cut
 * short by a buffer (no \002) runs to the end.  Other marks, which a
 * user's file may hold, stay as they are.  Frees s when it makes a new
 * string.
 */
static char *
resolve_fragments(char *s, int translate)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = s;

	if (strchr(s, '\001') == NULL)
		return s;
	while (*p) {
		const char *end, *next, *sep;
		size_t len;

		if (*p != '\001') {
			len = strcspn(p + 1, "\001") + 1;
			sb_add(&sb, p, len);
			p += len;
			continue;
		}
		end = strchr(p + 1, '\002');
		next = strchr(p + 1, '\001');
		sep = memchr(p + 1, '\003', (end ? end : p + strlen(p)) - p - 1);
		if (next && (!end || next < end))
			end = NULL; /* another fragment opens first: stray */
		if (end == NULL && (sep == NULL || next != NULL)) {
			sb_add(&sb, p, 1);
			p++;
			continue;
		}
		if (end == NULL)
			end = p + strlen(p);
		if (sep != NULL) {
			if (translate)
				sb_add(&sb, sep + 1, (size_t)(end - sep - 1));
			else
				sb_add(&sb, p + 1, (size_t)(sep - p - 1));
		} else {
			char *words = xstrndup(p + 1, (size_t)(end - p - 1));
			const char *t = translate ? gl_l10n(words) : NULL;

			sb_adds(&sb, t ? t : words);
			free(words);
		}
		p = *end ? end + 1 : end;
	}
	free(s);
	return sb_detach(&sb);
}

/* Control marks out of a formatted text, so it cannot pair with ours. */
static void
unmark(char *s)
{
	for (; *s; s++)
		if (*s >= '\001' && *s <= '\003')
			*s = '?';
}

/* fmt in both languages: "\001English\003translated\002", or English
 * alone without a translation. */
static char *
frag_vasprintf(const char *fmt, va_list ap)
{
	va_list again;
	char *en, *l10n, *both;

	va_copy(again, ap);
	en = xvasprintf_en(fmt, ap);
	l10n = xvasprintf_l10n(fmt, again);
	va_end(again);
	unmark(en);
	if (l10n == NULL)
		return en;
	unmark(l10n);
	both = xasprintf("\001%s\003%s\002", en, l10n);
	free(en);
	free(l10n);
	return both;
}

char *
frag_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = frag_vasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void
frag_snprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = frag_vasprintf(fmt, ap);
	va_end(ap);
	/* both sides, or English alone when they do not fit whole */
	if ((size_t)snprintf(buf, n, "%s", s) >= n && s[0] == '\001')
		snprintf(buf, n, "%.*s", (int)(strchr(s, '\003') - s - 1),
		    s + 1);
	free(s);
}

char *
xvasprintf_en(const char *fmt, va_list ap)
{
	return resolve_fragments(xvasprintf(fmt, ap), 0);
}

char *
xvasprintf_l10n(const char *fmt, va_list ap)
{
	const char *t = gl_l10n(fmt);
	char *s;

	if (t)
		return resolve_fragments(xvasprintf(t, ap), 1);
	if (!gl_i18n_on())
		return NULL;
	/* a format with nothing to translate ("%s") may still carry
	 * fragments that have a translation */
	s = xvasprintf(fmt, ap);
	if (strchr(s, '\001') == NULL) {
		free(s);
		return NULL;
	}
	return resolve_fragments(s, 1);
}

const char *
gl_ngettext(const char *one, const char *many, unsigned long n)
{
	if (!translating)
		return n == 1 ? one : many;
	return dngettext(DOMAIN, one, many, n);
}

const char *
gl_i18n_lang_arg(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strncmp(argv[i], "--lang=", 7) == 0)
			return argv[i] + 7;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			return argv[i + 1];
	}
	return NULL;
}

static const char *
env_lang(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v;
	size_t i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			return v;
	return NULL;
}

static int
english(const char *lang)
{
	return lang == NULL || *lang == '\0' || strcmp(lang, "C") == 0 ||
	    strncmp(lang, "C.", 2) == 0 || strcmp(lang, "POSIX") == 0 ||
	    strncmp(lang, "en", 2) == 0;
}

/* Where the compiled catalogue is: next to the binary, or LOCALEDIR. */
static char *
locale_dir(void)
{
	static const char *const rel[] = { "/build/locale", "/locale",
		"/../share/locale" };
	char exe[PATH_MAX], *slash, *dir, *mo;
	struct stat st;
	ssize_t n;
	size_t i;

	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
			dir = xasprintf("%s%s", exe, rel[i]);
			mo = xasprintf("%s/zh_CN/LC_MESSAGES/" DOMAIN ".mo", dir);
			if (stat(mo, &st) == 0) {
				free(mo);
				return dir;
			}
			free(mo);
			free(dir);
		}
	}
	return xstrdup(GL_LOCALEDIR);
}

void
gl_i18n_init(const char *lang)
{
	const char *want = lang != NULL ? lang : env_lang();
	const char *cur;
	char *dir, *code;

	translating = selected = 0;
	if (english(want))
		return;
	if (lang != NULL || getenv("LANGUAGE") == NULL ||
	    *getenv("LANGUAGE") == '\0') {
		/* LANGUAGE takes "zh_CN", not "zh_CN.UTF-8". */
		code = xstrdup(want);
		code[strcspn(code, ".@")] = '\0';
		setenv("LANGUAGE", code, 1);
		free(code);
	}
	cur = setlocale(LC_MESSAGES, lang != NULL ? "C.UTF-8" : "");
	if (cur == NULL || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
		cur = setlocale(LC_MESSAGES, "C.UTF-8");
	if (cur == NULL)
		return;
	dir = locale_dir();
	bindtextdomain(DOMAIN, dir);
	free(dir);
	/* The catalogue is UTF-8 and so is all other output. */
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	/*
	 * glibc's own messages (strerror in a finding) would now follow
	 * LANGUAGE too, and in the "C" LC_CTYPE come out as "???": they
	 * are parts of finding messages, which stay English in every
	 * format, so libc's catalogue is pointed at nothing.
	 */
	bindtextdomain("libc", "/nonexistent");
	translating = selected = 1;
	gl_diag_translate = gl_gettext;
}
