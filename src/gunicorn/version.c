/*
 * version.c: names of the gunicorn releases gunilint models, and parsing of
 * the spellings users write ("26.1", "26.1.0", "20.1-debian").
 */
#include <string.h>

#include "gunicorn/gunicorn.h"

/* Indexed by enum gl_version; keep in step with settings.h (checked below). */
static const char *const gv_names[] = {
	"20.1-debian",
	"20.1.0",
	"21.0.0", "21.0.1", "21.1.0", "21.2.0",
	"22.0.0",
	"23.0.0",
	"24.0.0", "24.1.0", "24.1.1",
	"25.0.0", "25.0.1", "25.0.2", "25.0.3", "25.1.0", "25.2.0",
	"25.3.0",
	"26.0.0", "26.1.0",
};

_Static_assert(sizeof(gv_names) / sizeof(gv_names[0]) == GV__COUNT,
    "gv_names must list every enum gl_version member");

const char *
gv_name(enum gl_version v)
{
	return (unsigned)v < GV__COUNT ? gv_names[v] : "?";
}

/*
 * "X.Y" is shorthand for "X.Y.0", the way people write a release in a
 * requirements pin; "20.1" therefore means upstream 20.1.0, not Debian's.
 */
int
gv_parse(const char *s, enum gl_version *out)
{
	size_t i, n;

	if (s == NULL)
		return -1;
	n = strlen(s);
	for (i = 0; i < GV__COUNT; i++) {
		const char *name = gv_names[i];

		if (strcmp(s, name) == 0 ||
		    (n > 0 && strncmp(s, name, n) == 0 &&
		    strcmp(name + n, ".0") == 0 &&
		    strchr(s, '.') != NULL)) {
			*out = (enum gl_version)i;
			return 0;
		}
	}
	return -1;
}

int
gv_cmp(enum gl_version a, enum gl_version b)
{
	return (a > b) - (a < b);
}
