/* test_report_out.c: the colour decision and atomic report files. */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "report/report.h"

static int
open_tty(int *master)
{
	int fd;

	if ((*master = posix_openpt(O_RDWR | O_NOCTTY)) < 0)
		return -1;
	if (grantpt(*master) < 0 || unlockpt(*master) < 0 ||
	    (fd = open(ptsname(*master), O_RDWR | O_NOCTTY)) < 0) {
		close(*master);
		return -1;
	}
	return fd;
}

static void
test_color(void **state)
{
	int p[2], tty, master;

	(void)state;
	assert_int_equal(pipe(p), 0);
	unsetenv("NO_COLOR");
	setenv("TERM", "xterm", 1);
	assert_int_equal(rpt_color_enabled("always", p[1]), 1);
	assert_int_equal(rpt_color_enabled("never", p[1]), 0);
	assert_int_equal(rpt_color_enabled("auto", p[1]), 0); /* a pipe */
	assert_int_equal(rpt_color_enabled("sometimes", p[1]), -1);
	if ((tty = open_tty(&master)) < 0) {
		print_message("skipped: no pseudo-terminal for the auto cases\n");
	} else {
		assert_int_equal(rpt_color_enabled("auto", tty), 1);
		setenv("NO_COLOR", "", 1); /* empty: does not count */
		assert_int_equal(rpt_color_enabled("auto", tty), 1);
		setenv("NO_COLOR", "0", 1); /* any non-empty value */
		assert_int_equal(rpt_color_enabled("auto", tty), 0);
		assert_int_equal(rpt_color_enabled("always", tty), 1);
		unsetenv("NO_COLOR");
		setenv("TERM", "dumb", 1);
		assert_int_equal(rpt_color_enabled("auto", tty), 0);
		unsetenv("TERM");
		assert_int_equal(rpt_color_enabled("auto", tty), 1);
		close(tty);
		close(master);
	}
	close(p[0]);
	close(p[1]);
}

static char tmpdir[64];

static int
mkdir_setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/gl-rpt-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
rm_teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);

	(void)state;
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmpdir);
	free(cmd);
	return 0;
}

/* Number of entries in the directory besides . and .. */
static int
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static char *
slurp(const char *path)
{
	char buf[256];
	FILE *fp = fopen(path, "r");
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	return xstrdup(buf);
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void
test_atomic_commit(void **state)
{
	char *path = xasprintf("%s/report.json", tmpdir), *err = NULL, *got;
	struct rpt_out *o;
	struct stat st;

	(void)state;
	umask(022);
	write_file(path, "old\n");
	o = rpt_out_open(path, NULL, 0, &err);
	assert_non_null(o);
	fputs("new report\n", rpt_out_fp(o));
	/* Until the commit, readers see the old file. */
	got = slurp(path);
	assert_string_equal(got, "old\n");
	free(got);
	assert_int_equal(count_entries(tmpdir), 2);
	assert_int_equal(rpt_out_commit(o, &err), 0);
	got = slurp(path);
	assert_string_equal(got, "new report\n");
	free(got);
	assert_int_equal(count_entries(tmpdir), 1);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644); /* not mkstemp's 0600 */
	free(path);
}

static void
test_atomic_abort(void **state)
{
	char *path = xasprintf("%s/out.sarif", tmpdir), *err = NULL;
	struct rpt_out *o;

	(void)state;
	o = rpt_out_open(path, NULL, 0, &err);
	assert_non_null(o);
	fputs("partial", rpt_out_fp(o));
	rpt_out_abort(o);
	assert_int_equal(count_entries(tmpdir), 0); /* nothing left behind */
	rpt_out_abort(NULL);
	free(path);
}

static void
test_atomic_refuses(void **state)
{
	char *in = xasprintf("%s/Dockerfile", tmpdir);
	char *alias = xasprintf("%s/./Dockerfile", tmpdir);
	char *missing = xasprintf("%s/no/such/dir/r.json", tmpdir);
	const char *inputs[] = { "elsewhere", in };
	char *err = NULL, *got;

	(void)state;
	write_file(in, "FROM x\n");
	assert_null(rpt_out_open(alias, inputs, 2, &err));
	assert_non_null(strstr(err, "refusing to write the report over"));
	free(err);
	err = NULL;
	assert_null(rpt_out_open(tmpdir, NULL, 0, &err));
	assert_non_null(strstr(err, "is a directory"));
	free(err);
	err = NULL;
	assert_null(rpt_out_open(missing, NULL, 0, &err));
	assert_non_null(strstr(err, "cannot create"));
	free(err);
	got = slurp(in);
	assert_string_equal(got, "FROM x\n"); /* the input is untouched */
	free(got);
	assert_int_equal(count_entries(tmpdir), 1);
	free(in);
	free(alias);
	free(missing);
}

/* Two -o of one run naming one file, existing or not, in any spelling. */
static void
test_same_path(void **state)
{
	char *a = xasprintf("%s/r.json", tmpdir);
	char *b = xasprintf("%s/./sub/../r.json", tmpdir);
	char *c = xasprintf("%s/r.sarif", tmpdir);
	char *sub = xasprintf("%s/sub", tmpdir);
	char *link = xasprintf("%s/link.json", tmpdir);

	(void)state;
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_true(rpt_out_same(a, a));
	assert_true(rpt_out_same(a, b));    /* neither exists yet */
	assert_false(rpt_out_same(a, c));
	assert_false(rpt_out_same(a, "r.json"));
	write_file(a, "{}\n");
	assert_int_equal(symlink(a, link), 0);
	assert_true(rpt_out_same(link, a)); /* one inode */
	assert_false(rpt_out_same(c, link));
	free(a);
	free(b);
	free(c);
	free(sub);
	free(link);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_color),
		cmocka_unit_test_setup_teardown(test_atomic_commit, mkdir_setup,
		    rm_teardown),
		cmocka_unit_test_setup_teardown(test_atomic_abort, mkdir_setup,
		    rm_teardown),
		cmocka_unit_test_setup_teardown(test_atomic_refuses, mkdir_setup,
		    rm_teardown),
		cmocka_unit_test_setup_teardown(test_same_path, mkdir_setup,
		    rm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
