/*
 * kinds_driver PATH...: prints, for each path, the input kind a directory
 * walk gives it (kinds.c's kind_of_path), or "-" when its name says none.
 * For tests/check-procs-corpus.sh, which asserts that real files are read
 * as the kind they are.
 */
#include <stdio.h>

#include "model/model.h"

int
main(int argc, char **argv)
{
	const struct input_kind *k;
	int i;

	for (i = 1; i < argc; i++) {
		k = kind_of_path(argv[i]);
		printf("%s\t%s\n", k ? k->name : "-", argv[i]);
	}
	return 0;
}
