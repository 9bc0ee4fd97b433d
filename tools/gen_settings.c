/*
 * gen_settings.c: build-time generator: loads rules/gunicorn/settings.yaml
 * with the schema gunilint uses for --rules-dir and writes it out as C
 * tables (the settings sorted by name then release, and each release's
 * sorted flag index), so the program starts without parsing YAML.
 *
 * usage: gen_settings SETTINGS.yaml OUT.c [MSGIDS.c]
 *        gen_settings --dump SETTINGS.yaml
 * MSGIDS.c, when named, lists each setting's summary and explanation as
 * N_("...") for xgettext (po/gunilint.pot); `explain` translates them.
 * --dump prints one tab-separated line per release and setting (release,
 * name, flags joined by ',', action, default, metavar) for
 * tests/check-settings.sh.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gunicorn/settings_schema_int.h"
#include "genutil.h"

/* "store_true" -> "SA_STORE_TRUE" */
static void
put_enum(FILE *fp, const char *prefix, const char *name)
{
	fputs(prefix, fp);
	for (; *name; name++)
		fputc(toupper((unsigned char)*name), fp);
}

static void
put_list(FILE *fp, const char *kind, size_t i, const char *const *v,
    unsigned n)
{
	unsigned j;

	if (n == 0)
		return;
	fprintf(fp, "static const char *const %s_%zu[] = {", kind, i);
	for (j = 0; j < n; j++) {
		fputs(j ? ", " : " ", fp);
		gen_cstr(fp, v[j]);
	}
	fputs(" };\n", fp);
}

static void
put_field(FILE *fp, const char *field, const char *s)
{
	fprintf(fp, "\t  .%s = ", field);
	gen_cstr(fp, s);
	fputs(",\n", fp);
}

static void
put_def(FILE *fp, size_t i, const struct set_def *d)
{
	fputs("\t{\n", fp);
	put_field(fp, "name", d->name);
	put_field(fp, "section", d->section);
	if (d->nflags)
		fprintf(fp, "\t  .flags = flags_%zu, .nflags = %u,\n", i,
		    d->nflags);
	fputs("\t  .action = ", fp);
	put_enum(fp, "SA_", set_action_name(d->action));
	fputs(", .cli_type = ", fp);
	put_enum(fp, "SC_", set_cli_type_name(d->cli_type));
	fputs(", .type = ", fp);
	put_enum(fp, "ST_", set_type_name(d->type));
	fputs(",\n", fp);
	if (d->nchoices)
		fprintf(fp, "\t  .choices = choices_%zu, .nchoices = %u,\n",
		    i, d->nchoices);
	fprintf(fp, "\t  .min = %ldL, .max = %ldL, .versions = 0x%08lxUL,\n",
	    d->min, d->max, (unsigned long)d->versions);
	fprintf(fp, "\t  .order = %u,\n", d->order);
	put_field(fp, "const_value", d->const_value);
	put_field(fp, "metavar", d->metavar);
	put_field(fp, "default_text", d->default_text);
	put_field(fp, "added_in", d->added_in);
	put_field(fp, "deprecated", d->deprecated);
	put_field(fp, "summary", d->summary);
	put_field(fp, "explain", d->explain);
	put_field(fp, "notes", d->notes);
	fputs("\t},\n", fp);
}

static void
put_flags(FILE *fp, const struct set_table *t)
{
	unsigned v;
	size_t i;

	for (v = 0; v < GV__COUNT; v++) {
		fprintf(fp, "\n/* %s */\nstatic const struct set_flag "
		    "release_%u[] = {\n", gv_name((enum gl_version)v), v);
		for (i = 0; i < t->nflags[v]; i++) {
			fputs("\t{ ", fp);
			gen_cstr(fp, t->flags[v][i].flag);
			fprintf(fp, ", &set_builtin[%zu] },\n",
			    (size_t)(t->flags[v][i].def - t->defs));
		}
		fputs("};\n", fp);
	}
	fputs("\nconst struct set_flag *const set_builtin_flags[GV__COUNT] = "
	    "{\n", fp);
	for (v = 0; v < GV__COUNT; v++)
		fprintf(fp, "\trelease_%u,\n", v);
	fputs("};\n\nconst size_t set_builtin_nflags[GV__COUNT] = {\n", fp);
	for (v = 0; v < GV__COUNT; v++)
		fprintf(fp, "\t%zu,\n", t->nflags[v]);
	fputs("};\n", fp);
}

static void
write_c(const char *in, const char *out, const struct set_table *t)
{
	FILE *fp = gen_open(out);
	size_t i;

	fprintf(fp, "/* Generated from %s by gen_settings: do not edit. */\n"
	    "#include <stddef.h>\n#include \"gunicorn/gunicorn.h\"\n\n", in);
	for (i = 0; i < t->ndefs; i++) {
		put_list(fp, "flags", i, t->defs[i].flags, t->defs[i].nflags);
		put_list(fp, "choices", i, t->defs[i].choices,
		    t->defs[i].nchoices);
	}
	fputs("\nconst struct set_def set_builtin[] = {\n", fp);
	for (i = 0; i < t->ndefs; i++)
		put_def(fp, i, &t->defs[i]);
	fprintf(fp, "};\n\nconst size_t set_builtin_count = %zu;\n",
	    t->ndefs);
	put_flags(fp, t);
	gen_close(fp, out);
}

/* The texts `explain` prints, each named for translators; xgettext merges
 * the repeats of a setting described alike in several releases. */
static void
write_msgids(const char *in, const char *out, const struct set_table *t)
{
	FILE *fp = gen_open(out);
	size_t i;

	fprintf(fp, "/* Generated from %s by gen_settings for xgettext: "
	    "not compiled. */\n", in);
	for (i = 0; i < t->ndefs; i++) {
		const struct set_def *d = &t->defs[i];

		gen_msgid(fp, d->summary, "gunicorn setting %s, one line",
		    d->name);
		gen_msgid(fp, d->explain, "gunicorn setting %s, a paragraph "
		    "(rewrapped when printed)", d->name);
	}
	gen_close(fp, out);
}

static void
dump(const struct set_table *t)
{
	unsigned v, j;
	size_t i;

	for (v = 0; v < GV__COUNT; v++) {
		for (i = 0; i < t->ndefs; i++) {
			const struct set_def *d = &t->defs[i];

			if (!(d->versions & GV_BIT(v)))
				continue;
			printf("%s\t%s\t", gv_name((enum gl_version)v), d->name);
			for (j = 0; j < d->nflags; j++)
				printf("%s%s", j ? "," : "", d->flags[j]);
			printf("\t%s\t%s\t%s\n", set_action_name(d->action),
			    d->default_text, d->metavar ? d->metavar : "");
		}
	}
}

int
main(int argc, char **argv)
{
	struct set_table *t;
	const char *in;
	char *err;
	int dumping = argc == 3 && strcmp(argv[1], "--dump") == 0;

	if (argc != 3 && !(argc == 4 && !dumping)) {
		fprintf(stderr, "usage: gen_settings SETTINGS.yaml OUT.c "
		    "[MSGIDS.c]\n"
		    "       gen_settings --dump SETTINGS.yaml\n");
		return 2;
	}
	in = dumping ? argv[2] : argv[1];
	if (set_table_load(in, NULL, 0, &t, &err) < 0) {
		fprintf(stderr, "gen_settings: %s\n", err);
		free(err);
		return 1;
	}
	if (dumping)
		dump(t);
	else
		write_c(in, argv[2], t);
	if (argc == 4)
		write_msgids(in, argv[3], t);
	set_table_free(t);
	return 0;
}
