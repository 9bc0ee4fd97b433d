/*
 * test_validate.c: Python int(), argparse's type= step and each gunicorn
 * validator, every error path, with gunicorn's exact messages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gunicorn/gunicorn.h"

struct int_case {
	const char *in;
	int base;
	const char *want; /* decimal text, or NULL for ValueError */
};

static const struct int_case int_cases[] = {
	{ "3", 10, "3" }, { " 3", 10, "3" }, { "\t3\n", 10, "3" },
	{ "+3", 10, "3" }, { "-0", 10, "0" }, { "1_000", 10, "1000" },
	{ "_1", 10, NULL }, { "1_", 10, NULL }, { "1__0", 10, NULL },
	{ "0x10", 10, NULL }, { "010", 10, "10" }, { "", 10, NULL },
	{ "  ", 10, NULL }, { "+", 10, NULL }, { "--1", 10, NULL },
	{ "1 2", 10, NULL }, { "1.5", 10, NULL },
	{ "\xef\xbc\x91\xef\xbc\x92", 10, "12" }, /* fullwidth digits */
	{ "\xe2\x80\x83" "7\xc2\xa0", 10, "7" },  /* em space, nbsp */
	{ "\xc3\xa9", 10, NULL },
	{ "99999999999999999999999", 10, "99999999999999999999999" },
	{ "0x10", 0, "16" }, { "0X_1f", 0, "31" }, { "0o22", 0, "18" },
	{ "0b101", 0, "5" }, { "010", 0, NULL }, { "00", 0, "0" },
	{ "0_0", 0, "0" }, { "0x", 0, NULL }, { "-0x10", 0, "-16" },
	{ "1_0", 0, "10" }, { "0x_", 0, NULL }, { "0b2", 0, NULL },
	{ "0xffffffffffffffffffff", 0, "1208925819614629174706175" },
};

static void
test_py_int(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(int_cases) / sizeof(int_cases[0]); i++) {
		const struct int_case *c = &int_cases[i];
		struct pyval *v = val_py_int(c->in, strlen(c->in), c->base);

		if (c->want == NULL) {
			if (v != NULL)
				fail_msg("int(%s, %d) gave %s", c->in, c->base,
				    v->s);
			continue;
		}
		if (v == NULL || strcmp(v->s, c->want) != 0)
			fail_msg("int(%s, %d): want %s", c->in, c->base,
			    c->want);
		pv_free(v);
	}
}

struct cli_case {
	enum set_cli_type t;
	const char *in;
	const char *want; /* repr, or "!message" */
};

static const struct cli_case cli_cases[] = {
	{ SC_STR, " x ", "' x '" },
	{ SC_INT, "010", "10" },
	{ SC_INT, "abc", "!invalid int value: 'abc'" },
	{ SC_INT, "it's", "!invalid int value: \"it's\"" },
	{ SC_INT, "", "!invalid int value: ''" },
	{ SC_AUTO_INT, "022", "18" },
	{ SC_AUTO_INT, "0o22", "18" },
	{ SC_AUTO_INT, "0x12", "18" },
	{ SC_AUTO_INT, "18", "18" },
	{ SC_AUTO_INT, "0", "0" },
	{ SC_AUTO_INT, "8a", "!invalid auto_int value: '8a'" },
	{ SC_AUTO_INT, "09", "!invalid auto_int value: '09'" },
	{ SC_AUTO_INT, " 022", "!invalid auto_int value: ' 022'" },
};

static void
test_cli_convert(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cli_cases) / sizeof(cli_cases[0]); i++) {
		const struct cli_case *c = &cli_cases[i];
		struct pyval *v = NULL;
		char *msg = NULL, *got;
		int rc = val_cli_convert(c->t, c->in, strlen(c->in), &v, &msg);

		got = rc == 0 ? pv_repr_text(v) : xasprintf("!%s", msg);
		if (strcmp(got, c->want) != 0)
			fail_msg("convert %s: want %s got %s", c->in, c->want,
			    got);
		free(got);
		free(msg);
		pv_free(v);
	}
}

struct val_case {
	enum set_type type;
	const char *name;
	enum gl_version v;
	int check_host;
	const char *in;   /* a Python literal */
	const char *want; /* "=repr", "!message", "~repr" (with a warning) */
};

#define V20 GV_20_1_DEBIAN
static const struct val_case val_cases[] = {
	{ ST_POSINT, "workers", V20, 0, "'-1'", "!Value must be positive: -1" },
	{ ST_POSINT, "workers", V20, 0, "-5", "!Value must be positive: -5" },
	{ ST_POSINT, "workers", V20, 0, "'abc'",
	    "!invalid literal for int() with base 0: 'abc'" },
	{ ST_POSINT, "workers", V20, 0, "'010'",
	    "!invalid literal for int() with base 0: '010'" },
	{ ST_POSINT, "workers", V20, 0, "'0x10'", "=16" },
	{ ST_POSINT, "workers", V20, 0, "True", "=1" },
	{ ST_POSINT, "workers", V20, 0, "0", "=0" },
	{ ST_POSINT, "workers", V20, 0, "[]",
	    "!int() can't convert non-string with explicit base" },
	{ ST_POSINT, "cert_reqs", V20, 0, "'CERT_REQUIRED'",
	    "!invalid literal for int() with base 0: 'CERT_REQUIRED'" },
	{ ST_BOOL, "preload_app", V20, 0, "'true'", "=True" },
	{ ST_BOOL, "preload_app", V20, 0, "' FALSE '", "=False" },
	{ ST_BOOL, "preload_app", V20, 0, "'yes'", "!Invalid boolean: yes" },
	{ ST_BOOL, "preload_app", V20, 0, "1", "!Invalid type for casting: 1" },
	{ ST_BOOL, "preload_app", V20, 0, "None", "=None" },
	{ ST_STRING, "proc_name", V20, 0, "'  padded  '", "='padded'" },
	{ ST_STRING, "proc_name", V20, 0, "5", "!Not a string: 5" },
	{ ST_STRING, "proc_name", V20, 0, "None", "=None" },
	{ ST_LIST_STRING, "raw_env", V20, 0, "'A=1'", "=['A=1']" },
	{ ST_LIST_STRING, "raw_env", V20, 0, "[' a', 'b ']", "=['a', 'b']" },
	{ ST_LIST_STRING, "raw_env", V20, 0, "''", "=[]" },
	{ ST_LIST_STRING, "raw_env", V20, 0, "3",
	    "!'int' object is not iterable" },
	{ ST_LIST_STRING, "raw_env", V20, 0, "[1]", "!Not a string: 1" },
	{ ST_LIST_FILE, "reload_extra_files", V20, 1, "['missing.txt']",
	    "!File missing.txt does not exists." },
	{ ST_LIST_FILE, "reload_extra_files", V20, 0, "['missing.txt']",
	    "=['missing.txt']" },
	{ ST_LIST_FILE_GLOB, "reload_extra_files", GV_26_1_0, 1, "['*.nope']",
	    "=['*.nope']" },
	{ ST_CSV_LIST, "forwarded_allow_ips", V20, 0, "'10.0.0.1, 10.0.0.2'",
	    "=['10.0.0.1', '10.0.0.2']" },
	{ ST_CSV_LIST, "forwarded_allow_ips", V20, 0, "'a, ,b'",
	    "=['a', '', 'b']" },
	{ ST_CSV_LIST, "forwarded_allow_ips", V20, 0, "',a,,'", "=['a']" },
	{ ST_CSV_LIST, "forwarded_allow_ips", V20, 0, "''", "=[]" },
	{ ST_CSV_IP, "forwarded_allow_ips", GV_23_0_0, 0, "'10.0.0.0/8'",
	    "!'10.0.0.0/8' does not appear to be an IPv4 or IPv6 address" },
	{ ST_CSV_IP, "forwarded_allow_ips", GV_23_0_0, 0, "'*, ::1, 1.2.3.4'",
	    "=['*', '::1', '1.2.3.4']" },
	{ ST_CSV_IP, "forwarded_allow_ips", GV_23_0_0, 0, "'010.0.0.1'",
	    "!'010.0.0.1' does not appear to be an IPv4 or IPv6 address" },
	{ ST_CSV_IP_CIDR_STRICT, "forwarded_allow_ips", GV_26_1_0, 0,
	    "'10.0.0.1/8'", "!10.0.0.1/8 has host bits set" },
	{ ST_CSV_IP_CIDR_STRICT, "forwarded_allow_ips", GV_26_1_0, 0,
	    "'10.0.0.0/8,fd00::/8'", "=['10.0.0.0/8', 'fd00::/8']" },
	{ ST_CSV_IP_CIDR_STRICT, "forwarded_allow_ips", GV_26_1_0, 0,
	    "'x'", "!'x' does not appear to be an IPv4 or IPv6 network" },
	{ ST_CSV_IP_CIDR_STRICT, "forwarded_allow_ips", GV_26_1_0, 0,
	    "'1.2.3.4/33'", "!'1.2.3.4/33' does not appear to be an IPv4 or "
	    "IPv6 network" },
	{ ST_CSV_IP_CIDR_MASK, "forwarded_allow_ips", GV_24_1_0, 0,
	    "'10.0.0.1/8, ::1, *'", "=[IPv4Network('10.0.0.0/8'), "
	    "IPv6Network('::1/128'), '*']" },
	{ ST_ENUM, "reload_engine", V20, 0, "'foo'",
	    "!Invalid reload_engine: 'foo'" },
	{ ST_ENUM, "reload_engine", V20, 0, "' poll'",
	    "!Invalid reload_engine: ' poll'" },
	{ ST_ENUM, "reload_engine", V20, 0, "'poll'", "='poll'" },
	{ ST_ENUM, "proxy_protocol", GV_24_1_0, 0, "'true'", "='auto'" },
	{ ST_ENUM, "proxy_protocol", GV_24_1_0, 0, "' V2 '", "='v2'" },
	{ ST_ENUM, "proxy_protocol", GV_24_1_0, 0, "'x'",
	    "!proxy_protocol must be: off, v1, v2, or auto" },
	{ ST_ENUM, "proxy_protocol", GV_24_1_0, 0, "True", "='auto'" },
	{ ST_ENUM, "proxy_protocol", GV_24_1_0, 0, "None", "='off'" },
	{ ST_ENUM, "proxy_protocol", GV_24_1_0, 0, "3",
	    "!proxy_protocol must be string or bool" },
	{ ST_CSV_ENUM, "http_protocols", GV_25_0_0, 0, "'h1, H2'",
	    "=['h1', 'h2']" },
	{ ST_CSV_ENUM, "http_protocols", GV_25_0_0, 0, "'h4'",
	    "!Invalid protocol 'h4'. Valid protocols: h1, h2, h3" },
	{ ST_CSV_ENUM, "http_protocols", GV_25_0_0, 0, "'h1,h1'",
	    "!Duplicate protocols specified" },
	{ ST_CSV_ENUM, "http_protocols", GV_25_0_0, 0, "5",
	    "!http_protocols must be a string" },
	{ ST_CSV_ENUM, "http_protocols", GV_25_0_0, 0, "' '", "=['h1']" },
	{ ST_DIR, "chdir", V20, 1, "'nosuchdir'", "!can't chdir to 'nosuchdir'" },
	{ ST_DIR, "chdir", V20, 1, "'.'", "='/'" },
	{ ST_DIR, "chdir", V20, 0, "'a/../b/./c/'", "='/b/c'" },
	{ ST_DIR, "chdir", V20, 0, "'//x'", "='//x'" },
	{ ST_DIR, "chdir", V20, 0, "'/../x'", "='/x'" },
	{ ST_USER, "user", V20, 1, "'nosuchuser'",
	    "!No such user: 'nosuchuser'" },
	{ ST_USER, "user", V20, 1, "'root'", "=0" },
	{ ST_USER, "user", V20, 0, "'www-data'", "='www-data'" },
	{ ST_USER, "user", V20, 0, "'4242'", "=4242" },
	{ ST_USER, "user", V20, 0, "None", "=1000" },
	{ ST_GROUP, "group", V20, 1, "'nosuchgroup'",
	    "!No such group: 'nosuchgroup'" },
	{ ST_GROUP, "group", V20, 0, "None", "=1001" },
	{ ST_HOSTPORT, "statsd_host", V20, 0, "'localhost'",
	    "!Value must consist of: hostname:port" },
	{ ST_HOSTPORT, "statsd_host", V20, 0, "'localhost:8125'",
	    "=('localhost', 8125)" },
	{ ST_HOSTPORT, "statsd_host", V20, 0, "'a:b'",
	    "!invalid literal for int() with base 10: 'b'" },
	{ ST_HOSTPORT, "statsd_host", V20, 0, "'a:1:2'",
	    "!Value must consist of: hostname:port" },
	{ ST_ADDRESS, "statsd_host", GV_23_0_0, 0, "'LocalHost'",
	    "=('localhost', 8125)" },
	{ ST_ADDRESS, "statsd_host", GV_23_0_0, 0, "'unix:/tmp/s'", "='/tmp/s'" },
	{ ST_ADDRESS, "statsd_host", GV_23_0_0, 0, "'unix://x'", "='x'" },
	{ ST_ADDRESS, "statsd_host", GV_23_0_0, 0, "'unix:12'", "=('unix', 12)" },
	{ ST_ADDRESS, "statsd_host", GV_23_0_0, 0, "'[::1]:9'", "=('::1', 9)" },
	{ ST_ADDRESS, "statsd_host", GV_23_0_0, 0, "'h:x'",
	    "!Value must be one of ('host:port', 'unix://PATH')" },
	{ ST_ADDRESS, "statsd_host", GV_23_0_0, 0, "''", "=('0.0.0.0', 8125)" },
	{ ST_ADDRESS, "statsd_host", GV_23_0_0, 0, "'tcp://a:1:2'", "=('a', 1)" },
	{ ST_SSL_PROTOCOL, "ssl_version", V20, 0, "'TLSv1_2'", "=5" },
	{ ST_SSL_PROTOCOL, "ssl_version", V20, 0, "'5'", "=5" },
	{ ST_SSL_PROTOCOL, "ssl_version", V20, 0, "17", "=17" },
	{ ST_SSL_PROTOCOL, "ssl_version", V20, 0, "'SSLv3'",
	    "!Invalid ssl_version: SSLv3. Valid options: SSLv23, TLS, "
	    "TLS_CLIENT, TLS_SERVER, TLSv1, TLSv1_1, TLSv1_2" },
	{ ST_SSL_PROTOCOL, "ssl_version", V20, 0, "'-1'",
	    "!Invalid ssl_version: -1. Valid options: SSLv23, TLS, "
	    "TLS_CLIENT, TLS_SERVER, TLSv1, TLSv1_1, TLSv1_2" },
	{ ST_ANY_DEPRECATED, "ssl_version", GV_23_0_0, 0, "'TLSv1_2'",
	    "~'TLSv1_2'" },
	{ ST_ANY_DEPRECATED, "ssl_version", GV_23_0_0, 0, "'2'", "~'2'" },
	{ ST_ANY_DEPRECATED, "ssl_version", GV_23_0_0, 0, "2", "=2" },
	{ ST_CALLABLE, "on_starting", V20, 0, "'mod.fn'", "=<fn()>" },
	{ ST_CALLABLE, "on_starting", V20, 0, "'fn'", "!Value 'fn' is not "
	    "import string. Format: module[.submodules...].object" },
	{ ST_CALLABLE, "on_starting", V20, 0, "3", "!Value is not callable: 3" },
	{ ST_CLASS, "worker_class", V20, 0, "' sync '", "='sync'" },
	{ ST_DICT, "logconfig_dict", V20, 0, "{'a': [1]}", "={'a': [1]}" },
	{ ST_DICT, "logconfig_dict", V20, 0, "'x'",
	    "!Value is not a dictionary: x " },
	{ ST_INT_RANGE, "http2_max_frame_size", GV_25_0_0, 0, "100",
	    "!http2_max_frame_size must be between 16384 and 16777215, got 100" },
	{ ST_INT_RANGE, "http2_max_frame_size", GV_25_0_0, 0, "'0x4000'",
	    "=16384" },
	{ ST_FILE, "config", V20, 0, "' x.py '", "='x.py'" },
};

static const char *const engines[] = { "auto", "poll", "inotify" };
static const char *const protos[] = { "h1", "h2", "h3" };
static const char *const proxy[] = { "off", "v1", "v2", "auto" };

static void
test_validators(void **state)
{
	struct val_ctx c = { V20, "/", 1000, 1001, 0 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(val_cases) / sizeof(val_cases[0]); i++) {
		const struct val_case *k = &val_cases[i];
		struct set_def d;
		struct pyval *in = pv_parse_literal(k->in), *out = NULL;
		char *msg = NULL, *warn = NULL, *got, *r;
		enum val_status st;

		assert_non_null(in);
		memset(&d, 0, sizeof(d));
		d.name = k->name;
		d.type = k->type;
		d.min = 16384;
		d.max = 16777215;
		d.choices = !strcmp(k->name, "reload_engine") ? engines :
		    !strcmp(k->name, "http_protocols") ? protos : proxy;
		d.nchoices = !strcmp(k->name, "proxy_protocol") ? 4 : 3;
		c.version = k->v;
		c.check_host = k->check_host;
		st = val_setting(&c, &d, in, &out, &msg, &warn);
		if (st != VAL_OK)
			got = xasprintf("!%s", msg);
		else {
			r = pv_repr_text(out);
			got = xasprintf("%c%s", warn ? '~' : '=', r);
			free(r);
		}
		if (strcmp(got, k->want) != 0)
			fail_msg("%s(%s): want %s got %s", k->name, k->in,
			    k->want, got);
		if (warn != NULL)
			assert_string_equal(warn, "Warning: option `ssl_version` "
			    "is deprecated and it is ignored. Use ssl_context "
			    "instead.");
		free(got);
		free(msg);
		free(warn);
		pv_free(in);
		pv_free(out);
	}
}

static void
test_repr(void **state)
{
	static const struct { const char *lit, *repr, *str; } cases[] = {
		{ "'a'", "'a'", "a" },
		{ "\"it's\"", "\"it's\"", "it's" },
		{ "'say \"hi\"'", "'say \"hi\"'", "say \"hi\"" },
		{ "'\\'\"'", "'\\'\"'", "'\"" },
		{ "'a\\\\b'", "'a\\\\b'", "a\\b" },
		{ "'\\n\\t\\x01'", "'\\n\\t\\x01'", "\n\t\x01" },
		{ "''", "''", "" },
		{ "['127.0.0.1:8000']", "['127.0.0.1:8000']",
		    "['127.0.0.1:8000']" },
		{ "('localhost', 8125)", "('localhost', 8125)",
		    "('localhost', 8125)" },
		{ "('x',)", "('x',)", "('x',)" },
		{ "{'a': 1, 'b': None}", "{'a': 1, 'b': None}",
		    "{'a': 1, 'b': None}" },
		{ "[True, False, -3]", "[True, False, -3]", "[True, False, -3]" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pyval *v = pv_parse_literal(cases[i].lit);
		char *r, *s;

		assert_non_null(v);
		r = pv_repr_text(v);
		s = pv_str_text(v);
		assert_string_equal(r, cases[i].repr);
		assert_string_equal(s, cases[i].str);
		free(r);
		free(s);
		pv_free(v);
	}
	assert_null(pv_parse_literal("[1,"));
	assert_null(pv_parse_literal("abc"));
	assert_null(pv_parse_literal("'x' y"));
}

static void
test_repr_unicode(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	/* printable non-ASCII stays; nbsp, C1 and bad bytes are escaped */
	pv_repr_bytes(&sb, "\xc3\xa9\xc2\xa0\xc2\x85\xff\x7f", 8);
	assert_string_equal(sb_str(&sb), "'\xc3\xa9\\xa0\\x85\\udcff\\x7f'");
	sb_release(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_py_int),
		cmocka_unit_test(test_cli_convert),
		cmocka_unit_test(test_validators),
		cmocka_unit_test(test_repr),
		cmocka_unit_test(test_repr_unicode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
