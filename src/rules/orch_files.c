/*
 * orch_files.c: files gunicorn needs inside the container: the TLS
 * certificate and key against the volume mounts (GL501), the key's file
 * mode in a Secret volume (GL502), and the worker heartbeat directory
 * on a read-only root filesystem (GL512).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orch_int.h"

/* GL501 */
static void
check_mounted(const struct gl_launch *gl, const char *name, const char *flag,
    struct findings *fs)
{
	const struct k8s_launch *l = gl->k8s;
	const char *file = lv_str(gl, name);
	struct finding *f;

	if (!orch_known(gl, name) || file == NULL || file[0] != '/' ||
	    orch_mount_for(l, file) != NULL)
		return;
	f = orch_add(fs, l, "GL501", orch_span(gl, name), "%s %s is not under "
	    "any volume mount of %s '%s': it must be baked into the image, or "
	    "it is missing", flag, file, l->from == K8S_FROM_COMPOSE ?
	    F_("service") : F_("container"), l->container);
	fnd_set_help(f, "mount the Secret that holds it");
}

/*
 * The mode the file at path gets in mount m's volume; -1 when unknown.
 * *item is the items[] entry whose mode applies, else NULL.
 */
static long
file_mode(const struct k8s_mount *m, const char *path, int *defaulted,
    const struct k8s_vol_item **item)
{
	const struct k8s_volume *v = m->vol;
	const char *rel = path + strlen(m->path);
	size_t i;

	*defaulted = 0;
	*item = NULL;
	while (*rel == '/')
		rel++;
	if (m->sub_path != NULL)
		rel = m->sub_path;
	for (i = 0; i < v->nitems; i++)
		if (strcmp(v->items[i].path, rel) == 0 && v->items[i].mode != -1) {
			*item = &v->items[i];
			return v->items[i].mode;
		}
	if (v->default_mode == -1) {
		*defaulted = 1;
		return 0644; /* Kubernetes' default for Secret volumes */
	}
	return v->default_mode;
}

/* Who besides the owner can read a file of this mode. */
static const char *
readers(long mode)
{
	static const char *const who[] = { "", F_("others"), F_("group"),
	    F_("group and others") };

	return who[((mode & 040) ? 2 : 0) | ((mode & 004) ? 1 : 0)];
}

/* " (420 is decimal)" when the mode at sp is written without a leading 0. */
static void
decimal_note(struct span sp, char *buf, size_t n)
{
	const char *t = sp.src != NULL ? sp.src->text + sp.off : "";
	size_t i;

	buf[0] = '\0';
	if (sp.src == NULL || sp.len == 0 || t[0] == '0')
		return;
	for (i = 0; i < sp.len; i++)
		if (t[i] < '0' || t[i] > '9')
			return;
	snprintf(buf, n, " (%.*s is decimal)", (int)sp.len, t);
}

/* GL502 */
static void
check_key_mode(const struct gl_launch *gl, struct findings *fs)
{
	const struct k8s_launch *l = gl->k8s;
	const char *key = lv_str(gl, "keyfile");
	const struct k8s_vol_item *it;
	const struct k8s_mount *m;
	struct finding *f;
	struct span at;
	char note[48];
	long mode;
	int dflt;

	if (!orch_known(gl, "keyfile") || key == NULL ||
	    (m = orch_mount_for(l, key)) == NULL ||
	    m->vol == NULL || (m->vol->type != K8S_VOL_SECRET &&
	    m->vol->type != K8S_VOL_PROJECTED))
		return;
	mode = file_mode(m, key, &dflt, &it);
	if (mode < 0 || (mode & 0044) == 0)
		return;
	at = it != NULL ? orch_pick(it->mode_span, it->span) :
	    orch_pick(m->vol->mode_span, m->vol->span);
	decimal_note(it != NULL ? it->mode_span : m->vol->mode_span, note,
	    sizeof(note));
	f = orch_add(fs, l, "GL502", at, "the private key %s comes from "
	    "Secret volume '%s' with mode %04lo%s%s%s: %s can read it", key,
	    m->vol->name, mode, note, dflt ? F_(" (Kubernetes' default)") : "",
	    it != NULL ? F_(" (its items[] entry)") : "", readers(mode));
	fnd_set_help(f, "set %s: 0400", it != NULL ? "mode" : "defaultMode");
}

/* GL512: where Python's tempfile looks, in order. */
static const char *const tmp_dirs[] = { "/tmp", "/var/tmp", "/usr/tmp" };

static int
writable_tmp(const struct k8s_launch *l)
{
	const struct k8s_env *t = k8s_env_get(l, "TMPDIR");
	const struct k8s_mount *m;
	size_t i;

	if (t != NULL && t->value != NULL && t->value[0] == '/' &&
	    ((m = orch_mount_for(l, t->value)) != NULL && !m->read_only))
		return 1;
	for (i = 0; i < sizeof(tmp_dirs) / sizeof(tmp_dirs[0]); i++)
		if ((m = orch_mount_for(l, tmp_dirs[i])) != NULL && !m->read_only)
			return 1;
	return 0;
}

static void
check_worker_tmp(const struct gl_launch *gl, struct findings *fs)
{
	const struct k8s_launch *l = gl->k8s;
	const char *dir = lv_str(gl, "worker_tmp_dir");
	const struct k8s_mount *m;
	struct finding *f;

	if (l->sec.read_only_root != 1 || !orch_known(gl, "worker_tmp_dir"))
		return;
	if (dir != NULL) {
		if (strncmp(dir, "/dev/shm", 8) == 0 ||
		    ((m = orch_mount_for(l, dir)) != NULL && !m->read_only))
			return;
		f = orch_add(fs, l, "GL512", orch_span(gl, "worker_tmp_dir"),
		    "--worker-tmp-dir %s is on the read-only root filesystem: "
		    "workers cannot create their heartbeat files", dir);
		fnd_set_help(f, "use --worker-tmp-dir /dev/shm");
		return;
	}
	if (writable_tmp(l))
		return;
	f = orch_add(fs, l, "GL512", l->sec.read_only_span, "the root "
	    "filesystem is read-only and no temporary directory is mounted: "
	    "gunicorn's workers cannot create their heartbeat files");
	fnd_set_help(f, "add --worker-tmp-dir /dev/shm, or mount an emptyDir "
	    "at /tmp");
}

void
orch_files(const struct gl_launch *l, struct findings *fs)
{
	check_mounted(l, "certfile", "--certfile", fs);
	check_mounted(l, "keyfile", "--keyfile", fs);
	check_key_mode(l, fs);
	check_worker_tmp(l, fs);
}
