/* fuzz_suppress.c: libFuzzer harness for the "# gunilint" comment scanner and filters. */
#include <stdint.h>
#include <stdlib.h>

#include "rules/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source *src = src_new("fuzz", (const char *)data, size);
	struct sup_opts o = { 0 };
	struct findings fs = { 0 };
	struct sup_set *set;
	size_t i;

	/* A finding on every 7th byte, so the filters have work to do. */
	for (i = 0; i < size; i += 7)
		fnd_add(&fs, i % 2 ? "GL006" : "GL003", span_make(src, i,
		    size - i < 3 ? size - i : 3), "x");
	set = sup_scan(src);
	o.report_unused = 1;
	o.today = "2026-06-15";
	if (size > 4)
		sup_add_annotation(set, "GL006,x until=2020-01-01 -- y",
		    span_make(src, 1, size - 2), span_make(src, 0, size / 2));
	sup_apply(&fs, &set, 1, NULL, &o);
	sup_set_free(set);
	fnd_free(&fs);
	src_registry_free();
	return 0;
}
