/* fuzz_procfile.c: libFuzzer harness for proc_parse as a Procfile and as
 * an app.yaml; checks every word offset and $PORT span stays in the input. */
#include <stdint.h>
#include <stdlib.h>

#include "front/front.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source *s = src_new("Procfile", (const char *)data, size);
	size_t i, k, j;
	int f;

	for (f = 0; f < 2; f++) {
		struct procfile *pf = proc_parse(s, f ? PROC_APP_YAML :
		    PROC_PROCFILE);

		for (i = 0; i < pf->entries.n; i++) {
			const struct proc_entry *e = &pf->entries.v[i];

			for (k = 0; k < e->words.n; k++)
				for (j = 0; j < e->words.v[k].len; j++)
					if (e->words.v[k].off[j] >= size)
						abort();
			for (k = 0; k < e->ports.n; k++)
				if (e->ports.v[k].span.off +
				    e->ports.v[k].span.len > size)
					abort();
		}
		proc_free(pf);
	}
	src_registry_free();
	return 0;
}
