/*
 * fuzz_pem.c: libFuzzer harness for the PEM reader behind the GL3xx file
 * checks (block scanning, line numbers, key/cert decoding, the encrypted
 * key test) and for the cipher-string check.  Seed it with PEM files and
 * cipher strings.  Build with clang -fsanitize=fuzzer,address,undefined
 * together with src/tls/tls_pem.c, src/tls/tls_cipher.c and
 * src/core/{xalloc,strbuf}.c, linking libssl and libcrypto.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tls/tls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tls_pem p;
	char *s, *sel, *why;

	tls_pem_parse(&p, (const char *)data, size);
	tls_pem_release(&p);
	if (size < 256 && memchr(data, '\0', size) == NULL) {
		s = xstrndup((const char *)data, size);
		if (tls_cipher_select(s, &sel, &why) == 0) {
			free(tls_cipher_weak(sel));
			free(tls_cipher_outside_profile(sel));
			free(sel);
		}
		free(why);
		free(s);
	}
	return 0;
}
