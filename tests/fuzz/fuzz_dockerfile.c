/*
 * fuzz_dockerfile.c: libFuzzer harness for the Dockerfile front-end and
 * the image rules: any bytes must parse to findings, never crash.  The
 * build context is off so the harness reads no files.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "front/dockerfile.h"
#include "rules/image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const binds[] = { "0.0.0.0:80" };
	struct df_opts o = { 0 };
	struct img_settings st = { 0 };
	struct findings fs = { 0 };
	struct df_file *df;
	struct source *s = src_new("Dockerfile", (const char *)data, size);

	o.no_context = 1;
	df_parse(s, &o, &df, &fs);
	img_check(df, &fs);
	st.binds = binds;
	st.nbinds = 1;
	st.reload = 1;
	img_check_settings(df, &st, &fs);
	df_free(df);
	fnd_free(&fs);
	src_registry_free();
	return 0;
}
