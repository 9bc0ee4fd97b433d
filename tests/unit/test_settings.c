/* test_settings.c: release names, the settings table and its loader's errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "core/core.h"
#include "gunicorn/gunicorn.h"
#include "gunicorn/settings_schema_int.h"

static void
test_version_parse(void **state)
{
	static const struct { const char *s; int ok; enum gl_version v; } t[] = {
		{ "26.1", 0, GV_26_1_0 },
		{ "26.1.0", 0, GV_26_1_0 },
		{ "20.1-debian", 0, GV_20_1_DEBIAN },
		{ "20.1", 0, GV_20_1_0 },      /* upstream, not Debian's */
		{ "20.1.0", 0, GV_20_1_0 },
		{ "25.0", 0, GV_25_0_0 },
		{ "25.0.3", 0, GV_25_0_3 },
		{ "24.1.1", 0, GV_24_1_1 },
		{ "26", -1, 0 },
		{ "27.0", -1, 0 },
		{ "26.1.", -1, 0 },
		{ "25.0.4", -1, 0 },
		{ "", -1, 0 },
		{ "20.1.0-debian", -1, 0 },
		{ "main", -1, 0 },
	};
	enum gl_version v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = GV__COUNT;
		assert_int_equal(gv_parse(t[i].s, &v), t[i].ok);
		if (t[i].ok == 0)
			assert_int_equal(v, t[i].v);
	}
	assert_int_equal(gv_parse(NULL, &v), -1);
}

static void
test_version_names_round_trip(void **state)
{
	enum gl_version v, back;

	(void)state;
	for (v = 0; v < GV__COUNT; v++) {
		assert_int_equal(gv_parse(gv_name(v), &back), 0);
		assert_int_equal(back, v);
		if (v > 0)
			assert_true(gv_cmp(v - 1, v) < 0);
		assert_int_equal(gv_cmp(v, v), 0);
	}
	assert_string_equal(gv_name(GV_NEWEST), "26.1.0");
	assert_string_equal(gv_name(GV__COUNT), "?");
	assert_true(gv_cmp(GV_26_1_0, GV_20_1_0) > 0);
}

static void
test_parse_versions(void **state)
{
	(void)state;
	assert_int_equal(set_parse_versions("20.1-debian..20.1.0"), 3);
	assert_int_equal(set_parse_versions("21.0.0"), GV_BIT(GV_21_0_0));
	assert_int_equal(set_parse_versions("20.1-debian..26.1.0"),
	    (uint32_t)((1UL << GV__COUNT) - 1));
	assert_int_equal(set_parse_versions("22.0.0..21.0.0"), 0);
	assert_int_equal(set_parse_versions("21.0.0.."), 0);
	assert_int_equal(set_parse_versions("..21.0.0"), 0);
	assert_int_equal(set_parse_versions("21.0.0..99"), 0);
}

static void
test_find_variants(void **state)
{
	const struct set_def *d;

	(void)state;
	d = set_find("proxy_protocol", GV_24_0_0);
	assert_non_null(d);
	assert_int_equal(d->action, SA_STORE_TRUE);
	assert_int_equal(d->type, ST_BOOL);
	assert_null(d->metavar);
	d = set_find("proxy_protocol", GV_24_1_0);
	assert_non_null(d);
	assert_int_equal(d->action, SA_STORE_OPT);
	assert_string_equal(d->const_value, "auto");
	assert_int_equal(d->type, ST_ENUM);
	assert_int_equal(d->nchoices, 4);
	assert_string_equal(d->default_text, "off");
	assert_string_equal(d->metavar, "MODE");

	d = set_find("ssl_version", GV_20_1_DEBIAN);
	assert_non_null(d);
	assert_int_equal(d->type, ST_SSL_PROTOCOL);
	assert_null(d->deprecated);
	d = set_find("ssl_version", GV_21_0_0);
	assert_int_equal(d->type, ST_ANY_DEPRECATED);
	assert_non_null(d->deprecated);
	assert_string_equal(d->default_text, "2");
	assert_ptr_equal(set_find("ssl_version", GV_26_1_0), d);

	d = set_find("forwarded_allow_ips", GV_24_1_0);
	assert_int_equal(d->type, ST_CSV_IP_CIDR_MASK);
	d = set_find("forwarded_allow_ips", GV_24_1_1);
	assert_int_equal(d->type, ST_CSV_IP_CIDR_STRICT);
	assert_string_equal(d->default_text, "['127.0.0.1', '::1']");
	assert_string_equal(set_find("forwarded_allow_ips", GV_22_0_0)
	    ->default_text, "['127.0.0.1']");
	assert_int_equal(set_find("statsd_host", GV_20_1_0)->type,
	    ST_HOSTPORT);
	assert_int_equal(set_find("statsd_host", GV_21_0_0)->type,
	    ST_ADDRESS);
	assert_int_equal(set_find("reload_extra_files", GV_26_0_0)->type,
	    ST_LIST_FILE);
	assert_int_equal(set_find("reload_extra_files", GV_26_1_0)->type,
	    ST_LIST_FILE_GLOB);
	assert_null(set_find("no_such_setting", GV_26_1_0));
	assert_null(set_find("workers", GV__COUNT));
}

static void
test_find_fields(void **state)
{
	const struct set_def *d;

	(void)state;
	d = set_find("workers", GV_NEWEST);
	assert_string_equal(d->section, "Worker Processes");
	assert_int_equal(d->nflags, 2);
	assert_string_equal(d->flags[0], "-w");
	assert_string_equal(d->flags[1], "--workers");
	assert_int_equal(d->cli_type, SC_INT);
	assert_int_equal(d->type, ST_POSINT);
	assert_string_equal(d->metavar, "INT");
	assert_string_equal(d->default_text, "1");
	assert_true(strlen(d->explain) > 40);
	d = set_find("umask", GV_20_1_0);
	assert_int_equal(d->cli_type, SC_AUTO_INT);
	d = set_find("sendfile", GV_20_1_0);
	assert_int_equal(d->action, SA_STORE_CONST);
	assert_string_equal(d->const_value, "False");
	d = set_find("http2_max_frame_size", GV_25_0_0);
	assert_int_equal(d->type, ST_INT_RANGE);
	assert_int_equal(d->min, 16384);
	assert_int_equal(d->max, 16777215);
	d = set_find("post_request", GV_20_1_0);
	assert_int_equal(d->action, SA_NONE);
	assert_int_equal(d->nflags, 0);
	assert_int_equal(d->type, ST_CALLABLE);
	assert_int_equal(d->min, 2);
	assert_int_equal(d->max, 4);
	assert_string_equal(d->default_text, "<PostRequest.post_request()>");
	assert_string_equal(set_find("chdir", GV_20_1_0)->default_text,
	    "<startup cwd>");
	assert_string_equal(set_find("root_path", GV_24_0_0)->default_text, "");
	assert_string_equal(set_find("config", GV_20_1_0)->metavar, "CONFIG");
}

static void
test_tolerate_dangerous_framing(void **state)
{
	enum gl_version v;

	(void)state;
	for (v = 0; v < GV__COUNT; v++) {
		const struct set_def *d = set_find("tolerate_dangerous_framing",
		    v);

		if (v == GV_20_1_DEBIAN || v == GV_22_0_0)
			assert_non_null(d);
		else
			assert_null(d);
	}
}

static void
test_list(void **state)
{
	const struct set_def *out[200];
	enum gl_version v;
	size_t n, i;

	(void)state;
	/* What --print-config prints: 86 lines in Debian's 20.1, 85 upstream. */
	assert_int_equal(set_list(GV_20_1_DEBIAN, out, 200), 86);
	assert_int_equal(set_list(GV_20_1_0, out, 200), 85);
	assert_int_equal(set_list(GV_20_1_0, out, 3), 85);
	for (v = 0; v < GV__COUNT; v++) {
		n = set_list(v, out, 200);
		assert_true(n > 80 && n <= 200);
		for (i = 0; i < n; i++) {
			assert_true(out[i]->versions & GV_BIT(v));
			if (i > 0)
				assert_true(strcmp(out[i - 1]->name,
				    out[i]->name) < 0);
		}
	}
}

static void
test_all_sorted(void **state)
{
	size_t i, n = set_count_all();

	(void)state;
	assert_true(n > 100);
	assert_null(set_at(n));
	for (i = 1; i < n; i++) {
		int c = strcmp(set_at(i - 1)->name, set_at(i)->name);

		assert_true(c <= 0);
		if (c == 0) /* variants: older first, never overlapping */
			assert_true(set_at(i - 1)->versions <
			    set_at(i)->versions &&
			    !(set_at(i - 1)->versions & set_at(i)->versions));
	}
}

static void
test_flags(void **state)
{
	const struct set_flag *f;
	enum gl_version v;
	size_t n, i;

	(void)state;
	for (v = 0; v < GV__COUNT; v++) {
		n = set_flags(v, &f);
		assert_true(n > 70);
		for (i = 0; i < n; i++) {
			assert_true(f[i].def->versions & GV_BIT(v));
			if (i > 0)
				assert_true(strcmp(f[i - 1].flag, f[i].flag) < 0);
			assert_ptr_equal(set_find_flag(f[i].flag, v), f[i].def);
		}
	}
	assert_string_equal(set_find_flag("-w", GV_20_1_0)->name, "workers");
	assert_string_equal(set_find_flag("--log-file", GV_26_1_0)->name,
	    "errorlog");
	assert_string_equal(set_find_flag("--limit-request-field_size",
	    GV_26_1_0)->name, "limit_request_field_size");
	assert_null(set_find_flag("--limit-request-field-size", GV_26_1_0));
	assert_null(set_find_flag("--keepalive", GV_26_1_0));
	assert_null(set_find_flag("--help", GV_26_1_0));
	assert_null(set_find_flag("--log-config-json", GV_20_1_DEBIAN));
	assert_non_null(set_find_flag("--log-config-json", GV_21_0_0));
	assert_non_null(set_find_flag("--tolerate-dangerous-framing",
	    GV_20_1_DEBIAN));
	assert_null(set_find_flag("--tolerate-dangerous-framing", GV_20_1_0));
	assert_int_equal(set_flags(GV__COUNT, &f), 0);
}

static void
test_flags_prefix(void **state)
{
	const struct set_flag *f;
	size_t n;

	(void)state;
	/* The ambiguity gunicorn reports for --work. */
	n = set_flags_prefix(GV_20_1_0, "--work", &f);
	assert_int_equal(n, 4);
	assert_string_equal(f[0].flag, "--worker-class");
	assert_string_equal(f[3].flag, "--workers");
	n = set_flags_prefix(GV_20_1_0, "--threa", &f);
	assert_int_equal(n, 1);
	assert_string_equal(f->def->name, "threads");
	/* --log-conf is unique in 20.1, ambiguous from 21.0 (--log-config-json). */
	assert_int_equal(set_flags_prefix(GV_20_1_0, "--log-conf", &f), 1);
	assert_int_equal(set_flags_prefix(GV_21_0_0, "--log-conf", &f), 2);
	assert_int_equal(set_flags_prefix(GV_26_1_0, "--zzz", &f), 0);
	assert_int_equal(set_flags_prefix(GV_26_1_0, "--keepalive", &f), 0);
}

/* ---- the loader (--rules-dir) ---------------------------------------- */

#define ENTRY(name, flag, versions, extra)                                   \
	"  - name: " name "\n"                                               \
	"    section: Worker Processes\n"                                    \
	"    flags: [" flag "]\n"                                            \
	"    action: store\n"                                                \
	"    cli_type: int\n"                                                \
	"    type: posint\n"                                                 \
	"    metavar: INT\n"                                                 \
	"    default: \"1\"\n"                                               \
	"    added_in: \"0.1\"\n"                                            \
	"    versions: [" versions "]\n"                                     \
	"    summary: one line\n"                                            \
	extra                                                                \
	"    explain: a paragraph\n"

static char tmpdir[64];

static int
make_dir(void **state)
{
	char path[128];
	const char *base = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/gl-settings-XXXXXX",
	    base && *base && strlen(base) < 40 ? base : "/tmp");
	(void)state;
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/gunicorn", tmpdir);
	return mkdir(path, 0700);
}

static int
remove_dir(void **state)
{
	char path[128];

	(void)state;
	set_load_dir(NULL, NULL);
	snprintf(path, sizeof(path), "%s/gunicorn/settings.yaml", tmpdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/gunicorn", tmpdir);
	rmdir(path);
	return rmdir(tmpdir);
}

static void
write_yaml(const char *text)
{
	char path[128];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/gunicorn/settings.yaml", tmpdir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static void
test_load_valid(void **state)
{
	const struct set_def *d;
	char *err = NULL;

	(void)state;
	write_yaml("settings:\n"
	    ENTRY("workers", "-w, --workers", "20.1-debian..22.0.0", "")
	    ENTRY("workers", "-w, --workers", "23.0.0..26.1.0",
	    "    notes: newer\n"));
	assert_int_equal(set_load_dir(tmpdir, &err), 0);
	assert_int_equal(set_count_all(), 2);
	d = set_find("workers", GV_24_0_0);
	assert_non_null(d);
	assert_string_equal(d->notes, "newer");
	assert_null(set_find("workers", GV_22_0_0)->notes);
	assert_ptr_equal(set_find_flag("-w", GV_24_0_0), d);
	assert_null(set_find("threads", GV_24_0_0));
	assert_int_equal(set_load_dir(NULL, &err), 0);
	assert_true(set_count_all() > 100);
}

static void
test_load_errors(void **state)
{
	static const struct { const char *yaml, *want; } t[] = {
		{ "settings:\n" ENTRY("workers", "-w", "26.1.0",
		    "    colour: red\n"), "colour" },
		{ "settings:\n"
		    "  - name: workers\n    section: S\n    type: posintx\n",
		    "posintx" },
		{ "settings:\n"
		    "  - name: workers\n    section: S\n    action: stor\n",
		    "stor" },
		{ "settings:\n"
		    "  - name: a\n    section: S\n    type: nonsense\n",
		    "nonsense" },
		{ "settings:\n"
		    ENTRY("workers", "-w", "20.1.0..24.0.0", "")
		    ENTRY("workers", "-w", "24.0.0..26.1.0", ""),
		    "two variants for release 24.0.0" },
		{ "settings:\n" ENTRY("workers", "-w", "26.1.0..25.0.0", ""),
		    "versions item '26.1.0..25.0.0'" },
		{ "settings:\n" ENTRY("workers", "-w", "21.0.0, 20.1.0..22.0.0",
		    ""), "repeats a release" },
		{ "settings:\n" ENTRY("workers", "-w", "26.1.0", "")
		    ENTRY("threads", "-w", "26.1.0", ""),
		    "flag '-w' belongs to both" },
		{ "settings:\n"
		    "  - name: workers\n    section: S\n    action: store\n"
		    "    type: posint\n    default: \"1\"\n"
		    "    added_in: \"1\"\n    versions: [26.1.0]\n"
		    "    summary: s\n    explain: e\n",
		    "flags and action disagree" },
		{ "settings:\n"
		    "  - name: workers\n    section: S\n    type: posint\n"
		    "    default: \"1\"\n    added_in: \"1\"\n"
		    "    versions: [26.1.0]\n    explain: e\n",
		    "summary" },
		{ "settings:\n" ENTRY("Workers", "-w", "26.1.0", ""),
		    "name is not" },
		{ "settings:\n" ENTRY("workers", "workers", "26.1.0", ""),
		    "flag is not" },
		{ "settings: [\n  - name: a\n", "line: 1" },
		{ "", "empty file" },
		{ "# only a comment\n", "empty file" },
	};
	const struct set_def *before = set_find("workers", GV_NEWEST);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *err = NULL;

		write_yaml(t[i].yaml);
		assert_int_equal(set_load_dir(tmpdir, &err), -1);
		assert_non_null(err);
		if (strstr(err, t[i].want) == NULL ||
		    strstr(err, "gunicorn/settings.yaml") == NULL)
			fail_msg("case %zu: '%s' lacks '%s'", i, err, t[i].want);
		free(err);
		/* A failed load leaves the table in use alone. */
		assert_ptr_equal(set_find("workers", GV_NEWEST), before);
	}
}

static int
same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* The generated table and the YAML loaded at run time agree entry for entry. */
static void
test_builtin_matches_yaml(void **state)
{
	const struct set_def *b[400], *d;
	size_t n = set_count_all(), i;
	unsigned j;
	char *err = NULL;

	(void)state;
	assert_true(n <= 400);
	for (i = 0; i < n; i++)
		b[i] = set_at(i);
	if (set_load_dir("rules", &err) < 0)
		fail_msg("%s", err);
	assert_int_equal(set_count_all(), n);
	for (i = 0; i < n; i++) {
		d = set_at(i);
		assert_true(same(d->name, b[i]->name) &&
		    same(d->section, b[i]->section) &&
		    same(d->default_text, b[i]->default_text) &&
		    same(d->metavar, b[i]->metavar) &&
		    same(d->const_value, b[i]->const_value) &&
		    same(d->explain, b[i]->explain) &&
		    same(d->notes, b[i]->notes) &&
		    same(d->deprecated, b[i]->deprecated));
		assert_true(d->versions == b[i]->versions &&
		    d->action == b[i]->action && d->type == b[i]->type &&
		    d->cli_type == b[i]->cli_type && d->min == b[i]->min &&
		    d->max == b[i]->max && d->nflags == b[i]->nflags &&
		    d->nchoices == b[i]->nchoices && d->order == b[i]->order);
		for (j = 0; j < d->nflags; j++)
			assert_string_equal(d->flags[j], b[i]->flags[j]);
	}
	set_load_dir(NULL, NULL);
}

static void
test_definition_order(void **state)
{
	const struct set_def *defs[200];
	size_t n, i, w = 0, wc = 0, conn = 0, tmp = 0;

	(void)state;
	n = set_list_defined(GV_20_1_DEBIAN, defs, 200);
	assert_int_equal(n, 86);
	assert_string_equal(defs[0]->name, "config");
	for (i = 0; i < n; i++) {
		if (strcmp(defs[i]->name, "workers") == 0) w = i;
		if (strcmp(defs[i]->name, "worker_class") == 0) wc = i;
		if (strcmp(defs[i]->name, "worker_connections") == 0) conn = i;
		if (strcmp(defs[i]->name, "worker_tmp_dir") == 0) tmp = i;
	}
	/* argparse lists ambiguous candidates in this order. */
	assert_true(w < wc && wc < conn && conn < tmp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_definition_order),
		cmocka_unit_test(test_version_parse),
		cmocka_unit_test(test_version_names_round_trip),
		cmocka_unit_test(test_parse_versions),
		cmocka_unit_test(test_find_variants),
		cmocka_unit_test(test_find_fields),
		cmocka_unit_test(test_tolerate_dangerous_framing),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_all_sorted),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_flags_prefix),
		cmocka_unit_test_setup_teardown(test_load_valid, make_dir,
		    remove_dir),
		cmocka_unit_test_setup_teardown(test_load_errors, make_dir,
		    remove_dir),
		cmocka_unit_test(test_builtin_matches_yaml),
	};

	return cmocka_run_group_tests_name("settings", tests, NULL, NULL);
}
