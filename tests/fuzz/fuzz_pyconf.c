/* fuzz_pyconf.c: libFuzzer harness for py_eval_config (any bytes as a
 * config file, with a known and with an unknown environment); checks
 * every item's spans stay inside the input.
 *   FUZZ_ONLY=pyconf sh tests/fuzz/run.sh
 */
#include <stdint.h>
#include <stdlib.h>

#include "py/py.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *
fake_getenv(void *arg, const char *name, struct span *where)
{
	(void)arg;
	(void)where;
	return name[0] == 'P' ? "8080" : NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source *src = src_new("fuzz.py", (const char *)data, size);
	struct py_env env = { fake_getenv, NULL, 4 };
	struct py_result r;
	size_t i;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		py_eval_config(src, pass ? &env : NULL, &r);
		for (i = 0; i < r.n; i++)
			if (r.v[i].span.off + r.v[i].span.len > size ||
			    r.v[i].value_span.off + r.v[i].value_span.len > size)
				abort();
		py_result_free(&r);
	}
	src_registry_free();
	return 0;
}
