/*
 * dockerfile_driver.c: a small test driver for the Dockerfile front-end:
 * reads each file through the model as `gunilint check` does, prints the
 * front-end's GL0xx findings as file:line:col and, with -v, the image
 * model (launch, argv, env, packages) and the image rules' findings (the
 * file's, then its gunicorn launch's).  Exit 1 if any file had a GL0xx
 * finding from the front-end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "rules/rules.h"

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

/* The image rules' findings of the file's launches (GL4xx), after fs. */
static void
launch_findings(const struct gl_launches *set, struct findings *fs)
{
	struct findings one = { 0 };
	size_t i, k;

	for (i = 0; i < set->n; i++) {
		rules_run_launch(&set->v[i], &one);
		for (k = 0; k < one.n; k++)
			if (strncmp(one.v[k].rule, "GL4", 3) == 0)
				fnd_add(fs, one.v[k].rule, one.v[k].span, "%s",
				    one.v[k].message);
		fnd_free(&one);
	}
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
		const char *paths[1] = { argv[i] };
		struct findings fs = { 0 };
		struct gl_launches set;
		struct model_opts o;
		size_t k, nfront;
		int gl0 = 0;

		memset(&o, 0, sizeof(o));
		o.version = GV_NEWEST;
		o.paths = paths;
		o.npaths = 1;
		if (model_collect(&o, &set, &fs) != 0) {
			bad = 1;
			continue;
		}
		if (set.dfs.n == 0) {
			bad = 1;
			model_free(&set);
			fnd_free(&fs);
			continue;
		}
		if (verbose && df_final_image(set.dfs.v[0]) != NULL) {
			printf("%s:\n", argv[i]);
			dump(df_final_image(set.dfs.v[0]));
		}
		nfront = fs.n;
		rules_run_files(&set, &fs);
		launch_findings(&set, &fs);
		cat_resolve(&fs);
		for (k = 0; k < fs.n; k++) {
			if (k < nfront && strncmp(fs.v[k].rule, "GL0", 3) == 0)
				gl0 = 1;
			if (verbose || (k < nfront &&
			    strncmp(fs.v[k].rule, "GL0", 3) == 0))
				print_finding(&fs.v[k]);
		}
		bad |= gl0;
		fnd_free(&fs);
		model_free(&set);
	}
	src_registry_free();
	return bad;
}
