/*
 * pydeps_driver.c: prints the dependency records of each file given (its
 * kind from the name, or -k KIND), one line each, and exits 1 if any is an
 * error record; with -v it reads "cmp A B" and "allows SPEC VERSION" lines
 * (tab-separated) on stdin and prints each answer, for
 * tests/check-pep440.sh to compare with Python's packaging.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "front/front.h"

static void
put(const char *label, const char *s)
{
	if (s != NULL)
		printf(" %s=%s", label, s);
}

static void
put_list(const char *label, const char **v, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	printf(" %s=", label);
	for (i = 0; i < n; i++)
		printf("%s%s", i ? "," : "", v[i]);
}

static void
put_rec(const struct pydeps *d, const struct pydeps_rec *r)
{
	unsigned line, col, nl, nc;

	src_position(d->src, r->span.off, &line, &col);
	src_position(d->src, r->name_span.off, &nl, &nc);
	printf("%u:%u+%zu %s %s", line, col, r->span.len,
	    pydeps_rec_kind_name(r->kind), pydeps_source_name(r->source));
	put("group", r->group);
	put("name", r->name);
	if (r->name != NULL)
		printf(" at=%u:%u+%zu", nl, nc, r->name_span.len);
	put("raw", r->name_raw);
	put_list("extras", r->extras, r->nextras);
	put("spec", r->spec);
	if (r->spec_raw != NULL && (r->spec == NULL ||
	    strcmp(r->spec, r->spec_raw) != 0))
		printf(" spec_raw='%s'", r->spec_raw);
	put("pinned", r->pinned);
	if (r->marker != NULL)
		printf(" marker='%s'", r->marker);
	put("url", r->url);
	if (r->editable)
		printf(" editable");
	if (r->optional)
		printf(" optional");
	if (r->nhashes)
		printf(" hashes=%zu", r->nhashes);
	put("option", r->option);
	put("value", r->value);
	if (r->message != NULL)
		printf(" at=%u:%u message='%s'", nl, nc, r->message);
	putchar('\n');
}

static int
versions(void)
{
	char line[1024], *a, *b;

	while (fgets(line, sizeof(line), stdin) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if ((a = strchr(line, '\t')) == NULL ||
		    (b = strchr(a + 1, '\t')) == NULL)
			continue;
		*a++ = '\0';
		*b++ = '\0';
		if (strcmp(line, "cmp") == 0) {
			int r = pydeps_version_cmp(a, b);

			printf("%d\n", r < 0 ? -1 : r > 0);
		} else {
			printf("%d\n", pydeps_spec_allows(a, b));
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	enum pydeps_kind kind = PYDEPS_UNKNOWN;
	int i = 1, bad = 0;
	size_t k;

	if (argc > 1 && strcmp(argv[1], "-v") == 0)
		return versions();
	if (argc > 2 && strcmp(argv[1], "-k") == 0) {
		for (kind = PYDEPS_REQUIREMENTS; kind <= PYDEPS_UV_LOCK; kind++)
			if (strcmp(pydeps_kind_name(kind), argv[2]) == 0)
				break;
		i = 3;
	}
	for (; i < argc; i++) {
		struct pydeps d = { 0 };
		struct source *src = src_read_file(argv[i], NULL);

		if (src == NULL) {
			perror(argv[i]);
			return 2;
		}
		pydeps_read(src, kind != PYDEPS_UNKNOWN ? kind :
		    pydeps_kind_of(argv[i]), &d);
		if (argc > 2)
			printf("== %s\n", argv[i]);
		for (k = 0; k < d.n; k++) {
			put_rec(&d, &d.v[k]);
			bad |= d.v[k].kind == PYDEPS_ERROR;
		}
		pydeps_free(&d);
	}
	src_registry_free();
	return bad;
}
