/* arena.c: bump allocator for the many small, same-lifetime objects of one input. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

#define ARENA_CHUNK 8192

struct chunk {
	struct chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct arena {
	struct chunk *head;   /* the chunk being filled */
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

/*
 * Zeroed once, as a whole: an allocation needs no memset, and the bytes
 * after a packed string are defined for readers that go a word at a time
 * (PCRE2's JIT reads past the NUL; valgrind would call them uninitialised).
 */
static struct chunk *
chunk_new(size_t size)
{
	struct chunk *c = xcalloc(1, sizeof(*c) + size);

	c->size = size;
	c->used = 0;
	return c;
}

/* n zeroed bytes at a multiple of align (a power of two). */
static void *
take(struct arena *a, size_t n, size_t align)
{
	struct chunk *c = a->head;
	size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
	void *p;

	if (c == NULL || at > c->size || c->size - at < n) {
		if (n > ARENA_CHUNK / 4) {
			/*
			 * A large block gets a chunk of its own behind the
			 * head, so the rest of the head is still filled.
			 */
			c = chunk_new(n);
			c->used = n;
			c->next = NULL;
			if (a->head == NULL)
				a->head = c;
			else {
				c->next = a->head->next;
				a->head->next = c;
			}
			return c->data;
		}
		c = chunk_new(ARENA_CHUNK);
		c->next = a->head;
		a->head = c;
		at = 0;
	}
	p = (char *)c->data + at;
	c->used = at + n;
	return p;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	return take(a, n ? n : 1, _Alignof(max_align_t));
}

/* Strings need no alignment: rounding each up cost 8 bytes on average. */
char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = take(a, n + 1, 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void
arena_free(struct arena *a)
{
	struct chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}
