/* test_i18n.c: which language the options and the environment select. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/core.h"

static void
clear_env(void)
{
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
	unsetenv("LANGUAGE");
}

static void
test_lang_arg(void **state)
{
	char *a[] = { "check", "-f", "json", "--lang", "zh_CN", ".", NULL };
	char *b[] = { "rules", "--lang=C", NULL };
	char *c[] = { "check", "--", "--lang", "zh_CN", NULL };
	char *d[] = { "check", "--lang", NULL };
	char *e[] = { "check", "--language", "x", NULL };

	(void)state;
	assert_string_equal(gl_i18n_lang_arg(6, a), "zh_CN");
	assert_string_equal(gl_i18n_lang_arg(2, b), "C");
	assert_null(gl_i18n_lang_arg(4, c)); /* gunicorn's arguments */
	assert_null(gl_i18n_lang_arg(2, d)); /* no value: the parser says so */
	assert_null(gl_i18n_lang_arg(3, e));
}

/* English choices leave translation off, and enable(1) cannot force it. */
static void
test_english(void **state)
{
	static const char *const en[] = { "C", "POSIX", "C.UTF-8", "en_US.UTF-8",
		"en", "" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(en) / sizeof(en[0]); i++) {
		clear_env();
		setenv("LANGUAGE", "zh_CN", 1);
		gl_i18n_init(en[i]);
		assert_int_equal(gl_i18n_enable(1), 0);
		assert_int_equal(gl_i18n_enable(1), 0);
	}
	clear_env();
	gl_i18n_init(NULL); /* nothing set: English */
	assert_int_equal(gl_i18n_enable(1), 0);
	assert_string_equal(gl_ngettext("%zu file", "%zu files", 1), "%zu file");
	assert_string_equal(gl_ngettext("%zu file", "%zu files", 2), "%zu files");
}

/* Without a zh_CN system locale the language still reaches gettext. */
static void
test_chinese_selected(void **state)
{
	(void)state;
	clear_env();
	setenv("LANGUAGE", "fr", 1);
	gl_i18n_init("zh_CN.UTF-8"); /* --lang wins over LANGUAGE */
	assert_string_equal(getenv("LANGUAGE"), "zh_CN");
	assert_int_equal(gl_i18n_enable(1), 1);

	clear_env();
	setenv("LANG", "zh_CN.UTF-8", 1);
	gl_i18n_init(NULL);
	assert_string_equal(getenv("LANGUAGE"), "zh_CN");
	assert_int_equal(gl_i18n_enable(1), 1);

	clear_env();
	setenv("LANG", "zh_CN.UTF-8", 1);
	setenv("LC_ALL", "C", 1); /* LC_ALL comes first */
	gl_i18n_init(NULL);
	assert_int_equal(gl_i18n_enable(1), 0);

	clear_env();
	setenv("LANG", "zh_CN.UTF-8", 1);
	setenv("LANGUAGE", "fr", 1); /* the user's own LANGUAGE is kept */
	gl_i18n_init(NULL);
	assert_string_equal(getenv("LANGUAGE"), "fr");
}

/* A machine format turns translation off: msgids come back unchanged. */
static void
test_enable_off(void **state)
{
	const char *id = "no findings";

	(void)state;
	clear_env();
	gl_i18n_init("zh_CN");
	assert_int_equal(gl_i18n_enable(0), 1);
	assert_ptr_equal(gl_gettext(id), id);
	assert_int_equal(gl_i18n_enable(1), 0);
}

static char *
fmt_en(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf_en(fmt, ap);
	va_end(ap);
	return s;
}

/* F_() fragments show their words in English, marks gone, around and
 * beside the other arguments; an unpaired mark (from a user's file) is
 * left alone. */
static void
test_fragments_english(void **state)
{
	struct findings fs = { 0 };
	struct finding *f;
	char *s;

	(void)state;
	clear_env();
	gl_i18n_init("C");
	s = fmt_en("%d %s for %s%s", 3, F_("workers"), "a \001b", F_(" (c)"));
	assert_string_equal(s, "3 workers for a \001b (c)");
	free(s);
	s = fmt_en("%s|%s|%s", "x\002", F_(""), "\001y\001");
	assert_string_equal(s, "x\002||\001y\001");
	free(s);
	f = fnd_add(&fs, "GL207", (struct span){ NULL, 0, 0 }, "%s: %s",
	    F_("given"), "x");
	fnd_set_help(f, "use %s", F_("two words"));
	assert_string_equal(f->message, "given: x");
	assert_string_equal(f->help, "use two words");
	assert_null(f->message_l10n); /* English: no second copy */
	fnd_free(&fs);
}

/* A formatted fragment shows its English side in English, also when a
 * buffer cut it short; frag_snprintf writes English alone without a
 * translation and never lets its arguments' marks pair with its own. */
static void
test_formatted_fragments(void **state)
{
	char buf[64], *s;

	(void)state;
	clear_env();
	gl_i18n_init("C");
	s = fmt_en("a %s b", "\001en\003zh\002");
	assert_string_equal(s, "a en b");
	free(s);
	s = fmt_en("%s; %s", "x", "\001cut\003z");
	assert_string_equal(s, "x; cut");
	free(s);
	s = fmt_en("%s", "\001a\001b\003c\002");
	assert_string_equal(s, "\001ab");
	free(s);
	frag_snprintf(buf, sizeof(buf), "after %d ms: %s", 5, F_("timed out"));
	assert_string_equal(buf, "after 5 ms: timed out");
	frag_snprintf(buf, sizeof(buf), "got %s", "\002x\003");
	assert_string_equal(buf, "got ?x?");
	frag_snprintf(buf, 8, "%s", "longer than eight");
	assert_string_equal(buf, "longer ");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lang_arg),
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_chinese_selected),
		cmocka_unit_test(test_enable_off),
		cmocka_unit_test(test_fragments_english),
		cmocka_unit_test(test_formatted_fragments),
	};

	return cmocka_run_group_tests_name("i18n", tests, NULL, NULL);
}
