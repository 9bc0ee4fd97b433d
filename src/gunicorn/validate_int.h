/* validate_int.h: internal helpers shared by the validate_*.c files. */
#ifndef GL_VALIDATE_INT_H
#define GL_VALIDATE_INT_H

#include <stddef.h>

size_t vi_space_len(const char *s, size_t len);
/* Python's str.strip() on UTF-8 text (ASCII whitespace, U+0085, U+00A0). */
void vi_strip(const char **s, size_t *len);

#endif
