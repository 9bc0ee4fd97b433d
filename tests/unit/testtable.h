/*
 * testtable.h: gunicorn 20.1's settings (generated from the installed
 * package by tools/gen-test-table.py) as struct set_def, so the argv,
 * validate and launch tests need not wait for the real settings table.
 */
#ifndef GL_TESTTABLE_H
#define GL_TESTTABLE_H

#include <string.h>

#include "model/settings.h"

struct tt_row {
	const char *name, *section;
	const char *flags[4];
	enum set_action action;
	enum set_cli_type cli_type;
	enum set_type type;
	const char *const_value, *default_text;
	const char *choices[4];
};

static const struct tt_row tt_rows[] = {
#include "g201_table.inc"
};

#define TT_N (sizeof(tt_rows) / sizeof(tt_rows[0]))

static struct set_def tt_defs[TT_N];
static const struct set_def *tt_ptrs[TT_N];

/* Fills tt_ptrs (config.py order) once; returns the count. */
static inline size_t
tt_init(void)
{
	size_t i;
	unsigned k;

	for (i = 0; i < TT_N; i++) {
		struct set_def *d = &tt_defs[i];

		memset(d, 0, sizeof(*d));
		d->name = tt_rows[i].name;
		d->section = tt_rows[i].section;
		d->flags = tt_rows[i].flags;
		for (k = 0; tt_rows[i].flags[k] != NULL; k++)
			;
		d->nflags = k;
		d->action = tt_rows[i].action;
		d->cli_type = tt_rows[i].cli_type;
		d->type = tt_rows[i].type;
		d->const_value = tt_rows[i].const_value;
		d->default_text = tt_rows[i].default_text;
		d->choices = tt_rows[i].choices;
		for (k = 0; tt_rows[i].choices[k] != NULL; k++)
			;
		d->nchoices = k;
		d->versions = GV_BIT(GV_20_1_DEBIAN);
		tt_ptrs[i] = d;
	}
	return TT_N;
}

static inline const struct set_def *
tt_find(const char *name)
{
	size_t i;

	for (i = 0; i < TT_N; i++)
		if (strcmp(tt_defs[i].name, name) == 0)
			return &tt_defs[i];
	return NULL;
}

#endif
