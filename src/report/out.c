/*
 * out.c: -o FILE written atomically: a temporary file beside the target,
 * flushed and fsynced, then renamed over it, so a CI step that reads the
 * report never sees half of one, and a failed run leaves the old file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"

struct rpt_out {
	FILE *fp;
	char *path, *tmp;
};

/* -1 with *err when the report would overwrite an input or a directory. */
static int
check_target(const char *path, const char *const *inputs, size_t n,
    char **err)
{
	struct stat out, in;
	size_t i;

	if (stat(path, &out) < 0)
		return 0; /* does not exist yet: nothing to protect */
	if (S_ISDIR(out.st_mode)) {
		*err = xasprintf(_("'%s' is a directory"), path);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (stat(inputs[i], &in) == 0 && in.st_dev == out.st_dev &&
		    in.st_ino == out.st_ino) {
			*err = xasprintf(_("refusing to write the report over "
			    "the input '%s'"), inputs[i]);
			return -1;
		}
	}
	return 0;
}

struct rpt_out *
rpt_out_open(const char *path, const char *const *inputs, size_t ninputs,
    char **err)
{
	struct rpt_out *o;
	char *dir;
	mode_t um;
	int fd;

	if (check_target(path, inputs, ninputs, err) < 0)
		return NULL;
	o = xcalloc(1, sizeof(*o));
	o->path = xstrdup(path);
	dir = path_dir(path);
	o->tmp = xasprintf("%s/.gunilint-report.XXXXXX", dir);
	free(dir);
	if ((fd = mkstemp(o->tmp)) < 0) {
		*err = xasprintf(_("cannot create a file beside '%s': %s"),
		    path, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		rpt_out_abort(o);
		return NULL;
	}
	/* mkstemp makes 0600; a report is an ordinary file for the umask. */
	um = umask(0);
	umask(um);
	(void)fchmod(fd, 0666 & ~um);
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		*err = xasprintf("'%s': %s", o->tmp, strerror(errno));
		close(fd);
		rpt_out_abort(o);
		return NULL;
	}
	return o;
}

FILE *
rpt_out_fp(struct rpt_out *o)
{
	return o->fp;
}

int
rpt_out_commit(struct rpt_out *o, char **err)
{
	int fail = 0, e = 0;
	char *dir;
	int dfd;

	if (fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) < 0)
		fail = 1, e = errno;
	if (fclose(o->fp) != 0 && !fail)
		fail = 1, e = errno;
	o->fp = NULL;
	if (!fail && rename(o->tmp, o->path) < 0)
		fail = 1, e = errno;
	if (fail) {
		*err = xasprintf(_("cannot write '%s': %s"), o->path,
		    strerror(e));
		rpt_out_abort(o);
		return -1;
	}
	/* Make the rename itself durable. */
	dir = path_dir(o->path);
	if ((dfd = open(dir, O_RDONLY)) >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	free(dir);
	free(o->tmp);
	free(o->path);
	free(o);
	return 0;
}

void
rpt_out_abort(struct rpt_out *o)
{
	if (o == NULL)
		return;
	if (o->fp != NULL)
		fclose(o->fp);
	if (o->tmp != NULL)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	free(o);
}

/* The directory part resolved (symlinks, "..") with the base name after it. */
static char *
canonical(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = path_dir(path), *real = realpath(dir, NULL), *out;

	out = real == NULL ? NULL :
	    xasprintf("%s/%s", real, slash ? slash + 1 : path);
	free(real);
	free(dir);
	return out;
}

int
rpt_out_same(const char *a, const char *b)
{
	struct stat sa, sb;
	char *ca, *cb;
	int same;

	if (strcmp(a, b) == 0)
		return 1;
	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	ca = canonical(a);
	cb = canonical(b);
	same = ca != NULL && cb != NULL && strcmp(ca, cb) == 0;
	free(ca);
	free(cb);
	return same;
}
