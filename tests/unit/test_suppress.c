/* test_suppress.c: the "# gunilint" comment scanner, annotations, and the filter order of sup_apply. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rules/rules.h"

static struct source *
mksrc(const char *text)
{
	return src_new("Dockerfile", text, strlen(text));
}

/* Offset of the n-th (0-based) occurrence of needle in the source. */
static size_t
at(const struct source *s, const char *needle, int nth)
{
	const char *p = s->text;

	for (;;) {
		p = strstr(p, needle);
		assert_non_null(p);
		if (nth-- == 0)
			return (size_t)(p - s->text);
		p++;
	}
}

/* A finding of rule on the first occurrence of needle. */
static struct finding *
add(struct findings *fs, struct source *s, const char *rule,
    const char *needle)
{
	return fnd_add(fs, rule, span_make(s, at(s, needle, 0),
	    strlen(needle)), "%s here", rule);
}

/* Runs the filters with today = 2026-06-15 on one source. */
static void
apply(struct findings *fs, struct source *s, const struct gcfg *cfg,
    struct sup_opts *o)
{
	struct sup_set *set = sup_scan(s);
	struct sup_opts def = { 0 };

	if (o == NULL)
		o = &def;
	o->today = "2026-06-15";
	sup_apply(fs, &set, 1, cfg, o);
	sup_set_free(set);
}

/* Describes the unsuppressed findings as "RULE@line:col;..." */
static char *
left(const struct findings *fs)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned l, c;
	size_t i;

	for (i = 0; i < fs->n; i++) {
		if (fs->v[i].suppressed)
			continue;
		if (fs->v[i].span.src == NULL) {
			sb_addf(&sb, "%s;", fs->v[i].rule);
			continue;
		}
		src_position(fs->v[i].span.src, fs->v[i].span.off, &l, &c);
		sb_addf(&sb, "%s@%u:%u;", fs->v[i].rule, l, c);
	}
	return sb.len ? sb_detach(&sb) : xstrdup("");
}

#define EXPECT_LEFT(fs, want)                                                 \
	do {                                                                  \
		char *got_ = left(fs);                                        \
		assert_string_equal(got_, want);                              \
		free(got_);                                                   \
	} while (0)

static void
test_line_before_and_eol(void **state)
{
	struct source *s = mksrc(
	    "FROM python\n"
	    "# gunilint ignore=GL006,unknown-option -- accepted risk\n"
	    "\n"
	    "# another comment\n"
	    "CMD gunicorn --workers=-1 --bogus\n"
	    "ENV A=--workers=-1  # gunilint ignore=GL006\n"
	    "ENV B=--workers=-1\n");
	struct findings fs = { 0 };

	(void)state;
	add(&fs, s, "GL006", "-1");              /* line 5: covered by line 2 */
	add(&fs, s, "GL003", "--bogus");         /* line 5: covered (slug) */
	fnd_add(&fs, "GL006", span_make(s, at(s, "-1", 1), 2), "x"); /* 6 */
	fnd_add(&fs, "GL006", span_make(s, at(s, "-1", 2), 2), "x"); /* 7 */
	fnd_add(&fs, "GL005", span_make(s, at(s, "-1", 1), 2), "x"); /* 6, other rule */
	apply(&fs, s, NULL, NULL);
	EXPECT_LEFT(&fs, "GL006@7:17;GL005@6:17;");
	fnd_free(&fs);
	src_registry_free();
}

static void
test_multiline_span(void **state)
{
	/*
	 * A comment before line 2 covers a finding that runs from line 2 to
	 * 3; one at the end of line 6 covers a finding that starts on line 5
	 * and runs into line 6.
	 */
	struct source *s = mksrc("FROM x\n# gunilint ignore=GL005\nRUN a \\\n  b\n"
	    "RUN c \\\n  d # gunilint ignore=GL006\nRUN e\n");
	struct findings fs = { 0 };

	(void)state;
	fnd_add(&fs, "GL005", span_make(s, at(s, "RUN a", 0), 12), "x");
	fnd_add(&fs, "GL005", span_make(s, at(s, "b", 0), 1), "x"); /* line 4 */
	fnd_add(&fs, "GL006", span_make(s, at(s, "RUN c", 0), 12), "x");
	fnd_add(&fs, "GL006", span_make(s, at(s, "RUN e", 0), 5), "x");
	apply(&fs, s, NULL, NULL);
	EXPECT_LEFT(&fs, "GL005@4:3;GL006@7:1;");
	fnd_free(&fs);
	src_registry_free();
}

static void
test_expiry(void **state)
{
	struct source *s = mksrc(
	    "# gunilint ignore=GL006 until=2026-06-15 -- last day still counts\n"
	    "A=-1\n"
	    "# gunilint ignore=GL006 until=2026-06-14\n"
	    "B=-1\n"
	    "C=-1 # gunilint ignore=GL006 until=2099-01-01 -- far future\n");
	struct findings fs = { 0 };

	(void)state;
	fnd_add(&fs, "GL006", span_make(s, at(s, "-1", 1), 2), "a");
	fnd_add(&fs, "GL006", span_make(s, at(s, "-1", 3), 2), "b");
	fnd_add(&fs, "GL006", span_make(s, at(s, "-1", 4), 2), "c");
	apply(&fs, s, NULL, NULL);
	/* B is reported again, and so is its stale comment. */
	EXPECT_LEFT(&fs, "GL006@4:3;GL010@3:1;");
	assert_string_equal(fs.v[3].message,
	    "this suppression expired on 2026-06-14 and no longer applies");
	assert_int_equal(fs.v[3].span.len, strlen(
	    "# gunilint ignore=GL006 until=2026-06-14"));
	fnd_free(&fs);
	src_registry_free();
}

static void
test_ignore_file(void **state)
{
	struct source *s = mksrc("A=-1\nB=-1\n# gunilint ignore-file=invalid-value\n");
	struct source *other = src_new("other", "A=-1\n", 5);
	struct sup_set *sets[2];
	struct sup_opts o = { 0 };
	struct findings fs = { 0 };

	(void)state;
	add(&fs, s, "GL006", "-1");
	fnd_add(&fs, "GL006", span_make(s, at(s, "-1", 1), 2), "b");
	fnd_add(&fs, "GL003", span_make(s, 0, 1), "other rule");
	fnd_add(&fs, "GL006", span_make(other, 2, 2), "other file");
	sets[0] = sup_scan(s);
	sets[1] = sup_scan(other);
	o.today = "2026-01-01";
	sup_apply(&fs, sets, 2, NULL, &o);
	EXPECT_LEFT(&fs, "GL003@1:1;GL006@1:3;");
	sup_set_free(sets[0]);
	sup_set_free(sets[1]);
	fnd_free(&fs);
	src_registry_free();
}

static void
test_bad_comments(void **state)
{
	struct source *s = mksrc(
	    "# gunilint ignore=GL999,GL006 -- unknown id, GL006 still applies\n"
	    "A=-1\n"
	    "# gunilint ignore GL006\n"
	    "# gunilint ignore=GL006 until=2026-02-30\n"
	    "# gunilint ignore=GL006 because\n"
	    "# gunilint ignore=\n"
	    "# gunilint checks this file: prose, not a directive\n"
	    "# gunilint ignore=GL006,,GL003\n"
	    "B=-1\n");
	struct findings fs = { 0 };
	size_t i;

	(void)state;
	add(&fs, s, "GL006", "-1");
	apply(&fs, s, NULL, NULL);
	EXPECT_LEFT(&fs, "GL012@1:19;GL012@3:1;GL012@4:25;GL012@5:25;"
	    "GL012@6:1;GL012@8:25;");
	for (i = 1; i < fs.n; i++)
		assert_string_equal(fs.v[i].rule, "GL012");
	assert_string_equal(fs.v[1].message,
	    "unknown rule 'GL999' in a gunilint suppression");
	assert_string_equal(fs.v[3].message,
	    "'until=2026-02-30' is not a date: write until=YYYY-MM-DD, once");
	assert_string_equal(fs.v[4].message, "unexpected 'because' in a "
	    "gunilint suppression (a reason goes after ' -- ')");
	assert_string_equal(fs.v[6].message,
	    "empty rule id in a gunilint suppression");
	fnd_free(&fs);
	src_registry_free();
}

static void
test_misspelt_directive_and_trailing_comma(void **state)
{
	struct source *s = mksrc(
	    "# gunilint ingore=GL006\n"
	    "# gunilint ignor-file=GL006\n"
	    "# gunilint notes=GL006 -- prose-like, far from any directive\n"
	    "A=-1  # gunilint ignore=GL006,\n");
	struct findings fs = { 0 };

	(void)state;
	add(&fs, s, "GL006", "-1");
	apply(&fs, s, NULL, NULL);
	/* GL006 itself is suppressed: the trailing comma keeps its id. */
	EXPECT_LEFT(&fs, "GL012@1:1;GL012@2:1;GL012@4:30;");
	assert_true(fs.v[0].suppressed);
	assert_string_equal(fs.v[1].message, "'ingore=' is no gunilint "
	    "directive: did you mean 'ignore='?");
	assert_string_equal(fs.v[2].message, "'ignor-file=' is no gunilint "
	    "directive: did you mean 'ignore-file='?");
	assert_string_equal(fs.v[3].message, "a trailing ',' in a gunilint "
	    "suppression names no rule");
	fnd_free(&fs);
	src_registry_free();
}

static void
test_hash_inside_word(void **state)
{
	/* '#' not after white space is not a comment (a URL fragment, say). */
	struct source *s = mksrc("URL=http://x/#gunilint ignore=GL006 -1\n");
	struct findings fs = { 0 };

	(void)state;
	add(&fs, s, "GL006", "-1");
	apply(&fs, s, NULL, NULL);
	EXPECT_LEFT(&fs, "GL006@1:37;");
	fnd_free(&fs);
	src_registry_free();
}

static void
test_unused(void **state)
{
	struct source *s = mksrc(
	    "A=-1 # gunilint ignore=GL006,GL003\n"
	    "# gunilint ignore-file=GL007\n"
	    "# gunilint ignore=GL005 until=2000-01-01\n"
	    "B=1\n");
	struct findings fs = { 0 };
	struct sup_opts o = { 0 };

	(void)state;
	add(&fs, s, "GL006", "-1");
	apply(&fs, s, NULL, &o);
	EXPECT_LEFT(&fs, "GL010@3:1;"); /* unused ones are quiet by default */
	fnd_free(&fs);
	add(&fs, s, "GL006", "-1");
	o.report_unused = 1;
	apply(&fs, s, NULL, &o);
	/* An expired one is reported as expired, not as unused. */
	EXPECT_LEFT(&fs, "GL011@1:30;GL011@2:24;GL010@3:1;");
	assert_string_equal(fs.v[1].message, "nothing reported by GL003 "
	    "unknown-option here: the suppression is unused");
	assert_string_equal(fs.v[2].message, "nothing reported by GL007 "
	    "flag-takes-no-value in this file: the suppression is unused");
	fnd_free(&fs);
	src_registry_free();
}

static void
test_no_inline(void **state)
{
	struct source *s = mksrc("A=-1 # gunilint ignore=GL006\n# gunilint ignore=GL999\n");
	struct findings fs = { 0 };
	struct sup_opts o = { 0 };

	(void)state;
	add(&fs, s, "GL006", "-1");
	o.no_inline = 1;
	o.report_unused = 1;
	apply(&fs, s, NULL, &o);
	EXPECT_LEFT(&fs, "GL006@1:3;"); /* and nothing about the comments */
	fnd_free(&fs);
	src_registry_free();
}

static void
test_annotation(void **state)
{
	static const char y[] =
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  annotations:\n"
	    "    gunilint.io/ignore: \"GL006,bogus-rule -- platform default\"\n"
	    "spec: {args: [--workers=-1]}\n"
	    "---\n"
	    "kind: Deployment\n"
	    "spec: {args: [--workers=-1]}\n";
	struct source *s = src_new("deploy.yaml", y, sizeof(y) - 1);
	const char *value = "GL006,bogus-rule -- platform default";
	struct findings fs = { 0 };
	struct sup_set *set = sup_scan(s);
	struct sup_opts o = { 0 };
	size_t doc2 = at(s, "---", 0);

	(void)state;
	sup_add_annotation(set, value, span_make(s, at(s, "GL006,", 0),
	    strlen(value)), span_make(s, 0, doc2));
	fnd_add(&fs, "GL006", span_make(s, at(s, "-1", 0), 2), "first object");
	fnd_add(&fs, "GL006", span_make(s, at(s, "-1", 1), 2), "second object");
	o.today = "2026-01-01";
	sup_apply(&fs, &set, 1, NULL, &o);
	EXPECT_LEFT(&fs, "GL006@8:25;GL012@4:32;");
	assert_string_equal(fs.v[2].message,
	    "unknown rule 'bogus-rule' in a gunilint suppression");
	sup_set_free(set);
	fnd_free(&fs);
	src_registry_free();
}

static void
test_policy_order(void **state)
{
	struct source *s = mksrc("A=-1 --x --y --z\n# gunilint ignore=GL999\n");
	struct gcfg *cfg;
	struct findings fs = { 0 };
	struct sup_opts o = { 0 };
	const struct rule_meta **sel = NULL, **ign = NULL;
	size_t nsel = 0, nign = 0;
	char *err = NULL;
	const char *text = "ignore: [GL007]\nseverity: {GL005: info, GL004: off, GL012: off}\n";

	(void)state;
	assert_int_equal(gcfg_load(cat_id, "c.yaml", text, strlen(text), &cfg, &err), 0);
	add(&fs, s, "GL006", "-1");
	add(&fs, s, "GL005", "--x");
	add(&fs, s, "GL004", "--y");
	add(&fs, s, "GL007", "--z");
	add(&fs, s, "GL003", "A");
	apply(&fs, s, cfg, &o);
	/* GL005 is now info; GL004 off; GL007 ignored; GL012 off too. */
	EXPECT_LEFT(&fs, "GL006@1:3;GL005@1:6;GL003@1:1;");
	assert_int_equal(fs.v[1].severity, SEV_INFO);
	fnd_free(&fs);

	add(&fs, s, "GL006", "-1");
	add(&fs, s, "GL003", "A");
	assert_int_equal(sup_rules_parse("unknown-option, GL006", &sel, &nsel,
	    &err), 0);
	assert_int_equal(nsel, 2);
	assert_int_equal(sup_rules_parse("GL006", &ign, &nign, &err), 0);
	o.select = sel;
	o.nselect = nsel;
	o.ignore = ign;
	o.nignore = nign;
	apply(&fs, s, NULL, &o);
	/* --select keeps GL003 and GL006, --ignore then drops GL006, and the
	 * bad comment's GL012 is not selected. */
	EXPECT_LEFT(&fs, "GL003@1:1;");
	fnd_free(&fs);
	assert_int_equal(sup_rules_parse("GL003,nope", &sel, &nsel, &err), -1);
	assert_string_equal(err, "unknown rule 'nope' (see `gunilint rules`)");
	free(err);
	free(sel);
	free(ign);
	gcfg_free(cfg);
	src_registry_free();
}

static void
test_comment_at_eof_and_crlf(void **state)
{
	struct source *s = mksrc("A=-1\r\n# gunilint ignore=GL006\r\n");
	struct findings fs = { 0 };
	struct sup_opts o = { 0 };

	(void)state;
	add(&fs, s, "GL006", "-1");
	o.report_unused = 1;
	apply(&fs, s, NULL, &o);
	/* Nothing follows the comment: it covers nothing, and says so. */
	EXPECT_LEFT(&fs, "GL006@1:3;GL011@2:19;");
	assert_int_equal(fs.v[1].span.len, 5); /* no \r in the id */
	fnd_free(&fs);
	src_registry_free();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_before_and_eol),
		cmocka_unit_test(test_multiline_span),
		cmocka_unit_test(test_expiry),
		cmocka_unit_test(test_ignore_file),
		cmocka_unit_test(test_bad_comments),
		cmocka_unit_test(test_misspelt_directive_and_trailing_comma),
		cmocka_unit_test(test_hash_inside_word),
		cmocka_unit_test(test_unused),
		cmocka_unit_test(test_no_inline),
		cmocka_unit_test(test_annotation),
		cmocka_unit_test(test_policy_order),
		cmocka_unit_test(test_comment_at_eof_and_crlf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
