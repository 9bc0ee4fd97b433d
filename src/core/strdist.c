/* strdist.c: edit distance for "did you mean" suggestions (misspelled options, workers, variables). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

static int
same(char a, char b, int fold)
{
	return fold ? tolower((unsigned char)a) == tolower((unsigned char)b) :
	    a == b;
}

size_t
str_distance(const char *a, const char *b, int fold)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d;
	size_t *prev2, *prev, *cur, *tmp;

	prev2 = xcalloc(lb + 1, sizeof(size_t));
	prev = xcalloc(lb + 1, sizeof(size_t));
	cur = xcalloc(lb + 1, sizeof(size_t));
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t cost = same(a[i - 1], b[j - 1], fold) ? 0 : 1;

			d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (prev[j - 1] + cost < d)
				d = prev[j - 1] + cost;
			if (i > 1 && j > 1 && same(a[i - 1], b[j - 2], fold) &&
			    same(a[i - 2], b[j - 1], fold) && prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
		}
		tmp = prev2;
		prev2 = prev;
		prev = cur;
		cur = tmp;
	}
	d = prev[lb];
	free(prev2);
	free(prev);
	free(cur);
	return d;
}

const char *
str_nearest(const char *word, const char *const *cands, size_t n,
    size_t max_dist, int fold)
{
	const char *best = NULL;
	size_t i, d, best_d = max_dist + 1;

	for (i = 0; i < n; i++) {
		d = str_distance(word, cands[i], fold);
		if (d < best_d) {
			best_d = d;
			best = cands[i];
		}
	}
	return best;
}
