/*
 * fuzz_yaml.c: libFuzzer harness for the YAML front-end and everything
 * that reads its trees: ydoc, the Kubernetes and compose front-ends and
 * the orchestration rules (with fixed gunicorn values).  Build it with
 * clang -fsanitize=fuzzer,address,undefined together with the sources of
 * src/core, src/front, src/front/quantity.c, src/rules/orch*.c, the
 * catalogue (src/rules/catalog*.c, build/gen/catalog_data.c) and
 * -lcyaml -lyaml -lm; run it on tests/fuzz/corpus_yaml for up to 60 s.
 */
#include <stddef.h>
#include <stdint.h>

#include "front/compose.h"
#include "rules/orch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source *src = src_new("fuzz.yaml", (const char *)data, size);
	struct findings fs = { 0 };
	struct ydoc_stream *ys = ydoc_parse(src, &fs);
	struct k8s_set *ks = k8s_new();
	struct orch_bind b = { "0.0.0.0", 80, { NULL, 0, 0 } };
	struct orch_gunicorn g = { 0 };
	size_t i;

	g.workers.set = 1;
	g.workers.num = 9;
	g.workers.from = ORCH_CLI;
	g.binds = &b;
	g.nbinds = 1;
	g.certfile.set = g.keyfile.set = 1;
	g.certfile.str = "/etc/tls/tls.crt";
	g.keyfile.str = "/etc/tls/tls.key";
	g.worker_tmp_dir.set = 1;
	k8s_add_stream(ks, ys);
	k8s_finish(ks, &fs);
	cmp_read(ks, ys, "/nonexistent", &fs);
	for (i = 0; i < ks->nlaunches; i++)
		orch_check(&ks->launches[i], i % 2 ? NULL : &g, ks, NULL, &fs);
	k8s_free(ks);
	ydoc_free(ys);
	fnd_free(&fs);
	src_registry_free();
	return 0;
}
