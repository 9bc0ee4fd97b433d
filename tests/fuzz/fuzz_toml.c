/* fuzz_toml.c: libFuzzer harness for toml_parse (any bytes); checks that
 * every value's span lies inside the input and that an error has a span.
 * Built and run by tests/fuzz/run.sh (FUZZ_ONLY=toml).
 */
#include <stdint.h>
#include <stdlib.h>

#include "front/front.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
walk(const struct toml_val *v, size_t size)
{
	size_t i;

	if (v->span.off + v->span.len > size)
		abort();
	for (i = 0; i < v->n; i++)
		walk(v->items[i], size);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source *src = src_new("fuzz.toml", (const char *)data, size);
	struct toml_doc *doc;
	struct span sp;
	char *err;

	if ((doc = toml_parse(src, &err, NULL, &sp)) != NULL) {
		walk(toml_root(doc), size);
		(void)toml_get(toml_root(doc), "tool.poetry.dependencies");
	} else if (err == NULL || sp.off > size) {
		abort();
	}
	free(err);
	toml_free(doc);
	src_registry_free();
	return 0;
}
