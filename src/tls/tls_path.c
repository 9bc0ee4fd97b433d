/*
 * tls_path.c: where a path named by the settings is on this disk.  Paths
 * in a container image resolve under --root; walking them one component
 * at a time (instead of realpath) keeps every step, including symlink
 * targets, inside that root.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tls/tls.h"

#define MAX_LINKS 40

/* Drops the last component of a "/a/b" path (stays at "" for the root). */
static void
pop(struct strbuf *sb)
{
	char *slash = strrchr(sb->buf, '/');

	if (slash != NULL) {
		*slash = '\0';
		sb->len = (size_t)(slash - sb->buf);
	}
}

/*
 * Walks `rest` (relative to the in-root path `cur`) under root.  cur and
 * the result are in-root paths ("" is the root itself).
 */
static int
walk(const char *root, struct strbuf *cur, const char *rest, int *links,
    const char **why)
{
	char *copy = xstrdup(rest), *tok, *save = NULL;
	int rc = 0;

	for (tok = strtok_r(copy, "/", &save); tok && rc == 0;
	    tok = strtok_r(NULL, "/", &save)) {
		char *disk, target[PATH_MAX];
		ssize_t n;

		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			if (cur->len == 0) {
				*why = "a '..' leads out of --root";
				rc = -1;
			}
			pop(cur);
			continue;
		}
		sb_addf(cur, "/%s", tok);
		disk = xasprintf("%s%s", root, cur->buf);
		n = readlink(disk, target, sizeof(target) - 1);
		free(disk);
		if (n < 0)
			continue; /* not a link (or absent): keep walking */
		target[n] = '\0';
		if (++*links > MAX_LINKS) {
			*why = "too many symbolic links";
			rc = -1;
			break;
		}
		pop(cur);
		if (target[0] == '/')
			sb_reset(cur); /* absolute targets mean the image root */
		rc = walk(root, cur, target, links, why);
	}
	free(copy);
	return rc;
}

char *
tls_resolve_path(const char *path, const char *chdir, const char *root,
    const char **why)
{
	struct strbuf full = STRBUF_INIT, cur = STRBUF_INIT;
	char *out;
	int links = 0;

	*why = NULL;
	if (path[0] != '/' && chdir != NULL && chdir[0] != '\0')
		sb_addf(&full, "%s/%s", chdir, path);
	else
		sb_adds(&full, path);
	if (root == NULL || full.buf[0] != '/')
		return sb_detach(&full);
	sb_adds(&cur, "");
	if (walk(root, &cur, full.buf, &links, why) != 0) {
		sb_release(&full);
		sb_release(&cur);
		return NULL;
	}
	out = xasprintf("%s%s", root, cur.len ? cur.buf : "/");
	sb_release(&full);
	sb_release(&cur);
	return out;
}
