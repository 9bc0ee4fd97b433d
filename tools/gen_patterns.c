/*
 * gen_patterns.c: build-time generator: rules/patterns.yaml (checked, every
 * pattern compiled once with PCRE2) → a C table, so no YAML is read at
 * start-up.
 *
 * usage: gen_patterns rules/patterns.yaml build/gen/patterns_data.c
 */
#include <stdio.h>
#include <stdlib.h>

#include "rules/patterns_schema_int.h"
#include "genutil.h"

int
main(int argc, char **argv)
{
	struct patterns_file *pf;
	char *err;
	unsigned i;
	FILE *fp;

	if (argc != 3) {
		fprintf(stderr, "usage: gen_patterns PATTERNS.yaml OUT.c\n");
		return 2;
	}
	if (patterns_load(argv[1], &pf, &err) < 0) {
		fprintf(stderr, "gen_patterns: %s\n", err);
		free(err);
		return 1;
	}
	fp = gen_open(argv[2]);
	fprintf(fp, "/* Generated from %s by gen_patterns: do not edit. */\n"
	    "#include <stddef.h>\n#include \"rules/envnames_int.h\"\n\n"
	    "const struct env_name env_names[] = {\n", argv[1]);
	for (i = 0; i < pf->nenv_names; i++) {
		fputs("\t{ ", fp);
		gen_cstr(fp, pf->env_names[i].name);
		fputs(", ", fp);
		gen_cstr(fp, pf->env_names[i].near_miss);
		fputs(", ", fp);
		gen_cstr(fp, pf->env_names[i].what);
		fputs(" },\n", fp);
	}
	fprintf(fp, "\t{ NULL, NULL, NULL },\n};\n\n"
	    "const size_t env_names_count = %u;\n", pf->nenv_names);
	gen_close(fp, argv[2]);
	patterns_free(pf);
	return 0;
}
