/*
 * launch_defs.c: the settings of one release in the order gunicorn's
 * config.py defines them, which is the order argparse registers their
 * flags (and lists them in "ambiguous option" messages) and the order in
 * which parsed values are applied.  Kept apart from launch.c so the unit
 * tests, which bring their own table, do not need the generated one.
 */
#include <stdlib.h>

#include "model/launch.h"

size_t
launch_defs(enum gl_version v, const struct set_def ***out)
{
	size_t n = set_count_all(), i, k = 0;
	const struct set_def **defs = xcalloc(n + 1, sizeof(*defs));

	/* The table keeps settings.yaml order, which follows config.py. */
	for (i = 0; i < n; i++) {
		const struct set_def *d = set_at(i);

		if (d->versions & GV_BIT(v))
			defs[k++] = d;
	}
	*out = defs;
	return k;
}
