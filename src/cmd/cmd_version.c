/*
 * cmd_version.c: `gunilint version`: the program's version, the gunicorn
 * releases it knows, and the libraries it was built with and runs with (a
 * bug report then says which libcyaml or OpenSSL read the input).
 */
#include <stdio.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <cjson/cJSON.h>
#include <cyaml/cyaml.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#include <pcre2.h>
#include <yaml.h>

#include "cmd/cmd.h"
#include "gunicorn/gunicorn.h"
#include "version.h"

#define STR_(x) #x
#define STR(x) STR_(x)

/* libcyaml and libyaml have no version macros: the Makefile asks pkg-config. */
#ifndef GL_BUILT_LIBCYAML
#define GL_BUILT_LIBCYAML "unknown"
#endif
#ifndef GL_BUILT_LIBYAML
#define GL_BUILT_LIBYAML "unknown"
#endif

static void
library(const char *name, const char *built, const char *running)
{
	printf("  %s: built with %s, running %s\n", name, built, running);
}

static void
libraries(void)
{
	char pcre[64] = "unknown", *sp;

	/* "10.42 2022-12-11": the number is the version, the date is not. */
	if (pcre2_config(PCRE2_CONFIG_VERSION, pcre) > 0 &&
	    (sp = strchr(pcre, ' ')) != NULL)
		*sp = '\0';
	printf("libraries:\n");
	library("libcyaml", GL_BUILT_LIBCYAML, cyaml_version_str);
	library("libyaml", GL_BUILT_LIBYAML, yaml_get_version_string());
	library("cJSON", STR(CJSON_VERSION_MAJOR) "." STR(CJSON_VERSION_MINOR)
	    "." STR(CJSON_VERSION_PATCH), cJSON_Version());
	library("OpenSSL", OPENSSL_VERSION_STR,
	    OpenSSL_version(OPENSSL_VERSION_STRING));
	library("PCRE2", STR(PCRE2_MAJOR) "." STR(PCRE2_MINOR), pcre);
}

int
cmd_version(int argc, char **argv)
{
	unsigned v;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		cmd_plain_usage(stdout, "version");
		return 0;
	}
	printf("gunilint %s\ngunicorn releases:", GUNILINT_VERSION);
	for (v = 0; v < GV__COUNT; v++)
		printf(" %s", gv_name((enum gl_version)v));
	printf(" (default %s)\n", gv_name(GV_NEWEST));
	libraries();
	return 0;
}
