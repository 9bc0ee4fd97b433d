/*
 * dockerfile_driver.c: a small test driver for the Dockerfile front-end
 * until `gunilint check Dockerfile` is wired: parses each file, prints its
 * GL0xx findings as file:line:col and, with -v, the image model (launch,
 * argv, env, packages) and the GL4xx findings.  Exit 1 if any file had a
 * GL0xx finding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "front/dockerfile.h"
#include "rules/catalog.h"
#include "rules/image.h"

static void
print_finding(const struct finding *f)
{
	unsigned line = 0, col = 0;

	if (f->span.src != NULL)
		src_position(f->span.src, f->span.off, &line, &col);
	printf("%s:%u:%u: %s %s %s: %s\n", f->span.src ? f->span.src->name :
	    "-", line, col, sev_name(f->severity), f->rule, f->slug,
	    f->message);
}

static void
dump(const struct df_image *im)
{
	const struct df_launch *L = &im->launch;
	size_t i;

	static const char *const ex[] = { "pid1", "shell", "script" };
	unsigned line = 0, col = 0;

	if (L->span.src != NULL)
		src_position(L->span.src, L->span.off, &line, &col);
	printf("  launch: %s exec=%s at=%s:%u:%u%s%s\n",
	    df_launch_kind_name(L->kind), ex[L->exec], L->span.src ?
	    L->span.src->name : "-", line, col, L->why ? " why=" : "",
	    L->why ? L->why : "");
	if (L->argv_inexact)
		printf("  argv-inexact\n");
	for (i = 0; i < L->nassigns; i++)
		printf("  assign: %s\n", L->assigns[i].s);
	if (L->prog.s)
		printf("  prog: %s\n", L->prog.s);
	for (i = 0; i < L->argc; i++)
		printf("  argv[%zu]: %s\n", i, L->argv[i].s);
	for (i = 0; i < im->env.n; i++)
		printf("  env: %s=%s\n", im->env.v[i].name, im->env.v[i].value.s);
	printf("  workdir: %s user: %s\n", im->workdir.s ? im->workdir.s : "",
	    im->user.s ? im->user.s : "");
	for (i = 0; i < im->expose.n; i++)
		printf("  expose: %s\n", im->expose.v[i].text);
	for (i = 0; i < im->pkgs.n; i++)
		printf("  pkg: %s%s%s%s %s\n", im->pkgs.v[i].name,
		    im->pkgs.v[i].extras ? "[" : "", im->pkgs.v[i].extras ?
		    im->pkgs.v[i].extras : "", im->pkgs.v[i].extras ? "]" : "",
		    im->pkgs.v[i].spec ? im->pkgs.v[i].spec : "");
	for (i = 0; i < im->manifests.n; i++)
		printf("  manifest: %s (%s)\n", im->manifests.v[i].path,
		    im->manifests.v[i].tool ? im->manifests.v[i].tool : "copied");
	printf("  install=%d unknown=%d\n", im->has_install, im->pkgs_unknown);
}

int
main(int argc, char **argv)
{
	int verbose = 0, bad = 0, i;

	if (argc > 1 && strcmp(argv[1], "-v") == 0) {
		verbose = 1;
		argc--, argv++;
	}
	for (i = 1; i < argc; i++) {
		struct findings fs = { 0 };
		struct df_file *df;
		struct source *s = src_read_file(argv[i], argv[i]);
		size_t k;
		int gl0 = 0;

		if (s == NULL) {
			perror(argv[i]);
			bad = 1;
			continue;
		}
		df_parse(s, NULL, &df, &fs);
		if (verbose && df_final_image(df) != NULL) {
			printf("%s:\n", argv[i]);
			dump(df_final_image(df));
		}
		img_check(df, &fs);
		cat_resolve(&fs);
		for (k = 0; k < fs.n; k++) {
			if (strncmp(fs.v[k].rule, "GL0", 3) == 0)
				gl0 = 1;
			if (verbose || strncmp(fs.v[k].rule, "GL0", 3) == 0)
				print_finding(&fs.v[k]);
		}
		bad |= gl0;
		fnd_free(&fs);
		df_free(df);
	}
	src_registry_free();
	return bad;
}
