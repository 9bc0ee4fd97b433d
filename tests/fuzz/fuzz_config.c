/* fuzz_config.c: libFuzzer harness for the .gunilint.yaml loader (libyaml pre-scan, checks, libcyaml). */
#include <stdint.h>
#include <stdlib.h>

#include "config/config.h"
#include "rules/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gcfg *cfg = NULL;
	char *err = NULL;

	if (gcfg_load(cat_id, "fuzz.yaml", (const char *)data, size, &cfg, &err) == 0)
		gcfg_free(cfg);
	else
		free(err);
	return 0;
}
