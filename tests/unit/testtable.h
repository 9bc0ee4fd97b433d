/*
 * testtable.h: the settings of gunicorn 20.1 (Debian), 23.0.0 and 26.1.0,
 * generated from the real config.py by tools/gen-test-table.py, as
 * struct set_def, so the argv, validate and launch tests need not wait
 * for the real settings table.
 */
#ifndef GL_TESTTABLE_H
#define GL_TESTTABLE_H

#include <string.h>

#include "gunicorn/gunicorn.h"

struct tt_row {
	const char *name, *section;
	const char *flags[4];
	enum set_action action;
	enum set_cli_type cli_type;
	enum set_type type;
	const char *const_value, *default_text;
	const char *choices[5];
};

static const struct tt_row tt_rows201[] = {
#include "g201_table.inc"
};
static const struct tt_row tt_rows230[] = {
#include "g230_table.inc"
};
static const struct tt_row tt_rows261[] = {
#include "g261_table.inc"
};

enum tt_release { TT_201, TT_230, TT_261 };

#define TT_MAX 160
static struct set_def tt_defs[TT_MAX];
static const struct set_def *tt_ptrs[TT_MAX];
static size_t tt_n;

/* Fills tt_ptrs (config.py order) for one release; returns the count. */
static inline size_t
tt_init_release(enum tt_release r)
{
	static const struct { const struct tt_row *rows; size_t n;
	    enum gl_version v; } rel[] = {
		{ tt_rows201, sizeof(tt_rows201) / sizeof(tt_rows201[0]),
		    GV_20_1_DEBIAN },
		{ tt_rows230, sizeof(tt_rows230) / sizeof(tt_rows230[0]),
		    GV_23_0_0 },
		{ tt_rows261, sizeof(tt_rows261) / sizeof(tt_rows261[0]),
		    GV_26_1_0 },
	};
	const struct tt_row *rows = rel[r].rows;
	size_t i;
	unsigned k;

	tt_n = rel[r].n < TT_MAX ? rel[r].n : TT_MAX;
	for (i = 0; i < tt_n; i++) {
		struct set_def *d = &tt_defs[i];

		memset(d, 0, sizeof(*d));
		d->name = rows[i].name;
		d->section = rows[i].section;
		d->flags = rows[i].flags;
		for (k = 0; rows[i].flags[k] != NULL; k++)
			;
		d->nflags = k;
		d->action = rows[i].action;
		d->cli_type = rows[i].cli_type;
		d->type = rows[i].type;
		d->const_value = rows[i].const_value;
		d->default_text = rows[i].default_text;
		d->choices = rows[i].choices;
		for (k = 0; rows[i].choices[k] != NULL; k++)
			;
		d->nchoices = k;
		if (d->type == ST_INT_RANGE) {  /* http2_max_frame_size */
			d->min = 16384;
			d->max = 16777215;
		}
		d->versions = GV_BIT(rel[r].v);
		tt_ptrs[i] = d;
	}
	return tt_n;
}

static inline size_t
tt_init(void)
{
	return tt_init_release(TT_201);
}

#endif
