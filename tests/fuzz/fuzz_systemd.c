/* fuzz_systemd.c: libFuzzer harness for sd_parse with and without a unit
 * name; checks every word offset and reference span stays in the input. */
#include <stdint.h>
#include <stdlib.h>

#include "front/front.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source *s = src_new("fuzz.service", (const char *)data, size);
	size_t i, k, j;
	int n;

	for (n = 0; n < 2; n++) {
		struct sd_unit *u = sd_parse(s, n ? "web-a@80\\x2d1.service" :
		    NULL);

		for (i = 0; i < u->execs.n; i++) {
			const struct sd_exec *e = &u->execs.v[i];

			for (k = 0; k < e->words.n; k++)
				for (j = 0; j < e->words.v[k].len; j++)
					if (e->words.v[k].off[j] >= size)
						abort();
			for (k = 0; k < e->refs.n; k++)
				if (e->refs.v[k].span.off +
				    e->refs.v[k].span.len > size)
					abort();
		}
		sd_free(u);
	}
	src_registry_free();
	return 0;
}
