/* fuzz_envfile.c: libFuzzer harness for env_parse in both dialects;
 * checks every value offset and span stays inside the input. */
#include <stdint.h>
#include <stdlib.h>

#include "front/front.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source *s = src_new("fuzz.env", (const char *)data, size);
	size_t i, k;
	int d;

	for (d = 0; d < 2; d++) {
		struct env_file *ef = env_parse(s, d ? ENV_COMPOSE : ENV_DOCKER,
		    NULL, NULL);

		for (i = 0; i < ef->items.n; i++) {
			const struct env_item *it = &ef->items.v[i];

			for (k = 0; it->off != NULL && k < it->len; k++)
				if (it->off[k] >= size)
					abort();
			if (it->span.off + it->span.len > size)
				abort();
		}
		for (i = 0; i < ef->errors.n; i++)
			if (ef->errors.v[i].span.off > size)
				abort();
		env_free(ef);
	}
	src_registry_free();
	return 0;
}
