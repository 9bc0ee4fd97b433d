/*
 * modeltest.h: launches for the rule tests, built through the model as
 * `gunilint check` builds them: the text is written to a file of the
 * given name in a folder (a new temporary one unless given) and read with
 * model_collect().  Include after cmocka.h.
 */
#ifndef GL_MODELTEST_H
#define GL_MODELTEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/model.h"

struct mt {
	char tmp[64];           /* the folder made for this input, or "" */
	char *path;
	struct gl_launches set;
	struct findings fs;     /* the front-ends' findings, then the rules' */
};

/* Reads `text` as the file dir/name (dir NULL: a new temporary folder). */
static void
mt_load(struct mt *m, const char *dir, const char *name, const char *text)
{
	struct model_opts o;
	const char *paths[1];
	FILE *fp;

	memset(m, 0, sizeof(*m));
	if (dir == NULL) {
		snprintf(m->tmp, sizeof(m->tmp), "%s/gl-mt-XXXXXX", P_tmpdir);
		assert_non_null(mkdtemp(m->tmp));
		dir = m->tmp;
	}
	m->path = xasprintf("%s/%s", dir, name);
	assert_non_null(fp = fopen(m->path, "w"));
	fputs(text, fp);
	fclose(fp);
	memset(&o, 0, sizeof(o));
	o.version = GV_NEWEST;
	paths[0] = m->path;
	o.paths = paths;
	o.npaths = 1;
	assert_int_equal(model_collect(&o, &m->set, &m->fs), 0);
}

/* Frees what mt_load() made and removes its file (and folder). */
static void
mt_free(struct mt *m)
{
	model_free(&m->set);
	fnd_free(&m->fs);
	unlink(m->path);
	free(m->path);
	if (m->tmp[0] != '\0')
		rmdir(m->tmp);
	src_registry_free();
}

#endif
