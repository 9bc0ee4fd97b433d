/*
 * gen_catalog.c: build-time generator: loads rules/catalog.yaml with the same
 * schema gunilint uses for --rules-dir and writes it out as a C table, so the
 * program starts without parsing YAML.
 *
 * usage: gen_catalog rules/catalog.yaml build/gen/catalog_data.c [MSGIDS.c]
 *
 * MSGIDS.c, when named, lists every rule's category, summary, rationale and
 * fix as N_("...") for xgettext (po/gunilint.pot): they are translated where
 * printed.
 */
#include <stdio.h>
#include <stdlib.h>

#include "rules/catalog_schema_int.h"
#include "genutil.h"

static const char *const sev_enum[] = {
	"SEV_NONE", "SEV_INFO", "SEV_WARNING", "SEV_ERROR",
};

/* The translatable texts, each with its rule in a comment for translators. */
static void
write_msgids(const struct cat_file *cf, const char *from, const char *out)
{
	FILE *fp = gen_open(out);
	unsigned i;

	fprintf(fp, "/* Generated from %s by gen_catalog for xgettext: "
	    "not compiled. */\n", from);
	for (i = 0; i < cf->nrules; i++) {
		const struct rule_meta *r = &cf->rules[i];

		gen_msgid(fp, r->category, "a rule category (%s)", r->id);
		gen_msgid(fp, r->summary, "%s %s summary", r->id, r->slug);
		gen_msgid(fp, r->rationale, "%s %s rationale; keep the line "
		    "breaks near the English width", r->id, r->slug);
		gen_msgid(fp, r->fix, "%s %s fix", r->id, r->slug);
	}
	gen_close(fp, out);
}

int
main(int argc, char **argv)
{
	struct cat_file *cf;
	char *err;
	unsigned i, j;
	FILE *fp;

	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: gen_catalog CATALOG.yaml OUT.c "
		    "[MSGIDS.c]\n");
		return 2;
	}
	if (cat_file_load(argv[1], &cf, &err) < 0) {
		fprintf(stderr, "gen_catalog: %s\n", err);
		free(err);
		return 1;
	}
	fp = gen_open(argv[2]);
	fprintf(fp, "/* Generated from %s by gen_catalog: do not edit. */\n"
	    "#include <stddef.h>\n#include \"rules/rules.h\"\n\n", argv[1]);
	for (i = 0; i < cf->nrules; i++) {
		if (cf->rules[i].nrefs == 0)
			continue;
		fprintf(fp, "static const char *const refs_%u[] = {\n", i);
		for (j = 0; j < cf->rules[i].nrefs; j++) {
			fputc('\t', fp);
			gen_cstr(fp, cf->rules[i].refs[j]);
			fputs(",\n", fp);
		}
		fputs("};\n", fp);
	}
	fputs("\nconst struct rule_meta cat_builtin[] = {\n", fp);
	for (i = 0; i < cf->nrules; i++) {
		const struct rule_meta *r = &cf->rules[i];
		const char *const fields[] = { r->id, r->slug };
		const char *const docs[] = { r->category, r->summary,
		    r->rationale, r->fix, r->bad, r->good };

		fputs("\t{ ", fp);
		for (j = 0; j < 2; j++) {
			gen_cstr(fp, fields[j]);
			fputs(", ", fp);
		}
		fprintf(fp, "%s,\n\t  ", sev_enum[r->severity]);
		for (j = 0; j < 6; j++) {
			gen_cstr(fp, docs[j]);
			fputs(",\n\t  ", fp);
		}
		if (r->nrefs)
			fprintf(fp, "refs_%u, %u },\n", i, r->nrefs);
		else
			fputs("NULL, 0 },\n", fp);
	}
	fprintf(fp, "};\n\nconst size_t cat_builtin_count = %u;\n",
	    cf->nrules);
	gen_close(fp, argv[2]);
	if (argc == 4)
		write_msgids(cf, argv[1], argv[3]);
	cat_file_free(cf);
	return 0;
}
