/*
 * fuzz_settings.c: libFuzzer harness for the settings-table loader and its
 * checks; seed it with rules/gunicorn/settings.yaml.  Build with clang
 * -fsanitize=fuzzer,address,undefined together with src/gunicorn/settings_schema.c,
 * src/gunicorn/version.c and src/core/{xalloc,strbuf,yamlload}.c.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "gunicorn/settings_schema_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct set_table *t;
	char *err = NULL;

	if (set_table_load("fuzz.yaml", (const char *)data, size, &t,
	    &err) == 0)
		set_table_free(t);
	free(err);
	return 0;
}
