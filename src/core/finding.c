/* finding.c: the finding record: creation, sorting, the worst severity. */
#include <stdlib.h>
#include <string.h>

#include "core.h"

static const char *const sev_names[] = { "none", "info", "warning", "error" };

const char *
sev_name(enum severity s)
{
	return s <= SEV_ERROR ? sev_names[s] : "?";
}

int
sev_parse(const char *name, enum severity *out)
{
	unsigned i;

	for (i = 0; i <= SEV_ERROR; i++) {
		if (strcmp(name, sev_names[i]) == 0) {
			*out = (enum severity)i;
			return 0;
		}
	}
	return -1;
}

static struct finding *
fnd_new(struct findings *fs, const char *id, struct span span)
{
	struct finding *f;

	VEC_GROW(fs);
	f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	f->rule = id;
	f->span = span;
	return f;
}

/* Both languages are formatted now: the arguments do not outlive the call. */
struct finding *
fnd_vadd(struct findings *fs, const char *id, struct span span,
    const char *fmt, va_list ap)
{
	struct finding *f = fnd_new(fs, id, span);
	va_list again;

	va_copy(again, ap);
	f->message = xvasprintf_en(fmt, ap);
	f->message_l10n = xvasprintf_l10n(fmt, again);
	va_end(again);
	return f;
}

struct finding *
fnd_add(struct findings *fs, const char *id, struct span span,
    const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = fnd_vadd(fs, id, span, fmt, ap);
	va_end(ap);
	return f;
}

struct finding *
fnd_add_text(struct findings *fs, const char *id, struct span span,
    const char *message, const char *message_l10n)
{
	struct finding *f = fnd_new(fs, id, span);

	f->message = xstrdup(message);
	f->message_l10n = message_l10n ? xstrdup(message_l10n) : NULL;
	return f;
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct finding *
fnd_copy(struct findings *fs, const struct finding *from)
{
	struct finding *f;

	f = fnd_new(fs, from->rule, from->span);
	f->slug = from->slug;
	f->severity = from->severity;
	f->message = xstrdup(from->message);
	f->message_l10n = dup_or_null(from->message_l10n);
	f->help = dup_or_null(from->help);
	f->help_l10n = dup_or_null(from->help_l10n);
	f->launch = dup_or_null(from->launch);
	f->suppressed = from->suppressed;
	return f;
}

void
fnd_set_help(struct finding *f, const char *fmt, ...)
{
	va_list ap;

	free(f->help);
	free(f->help_l10n);
	va_start(ap, fmt);
	f->help = xvasprintf_en(fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	f->help_l10n = xvasprintf_l10n(fmt, ap);
	va_end(ap);
}

const char *
fnd_message(const struct finding *f)
{
	return f->message_l10n && gl_i18n_on() ? f->message_l10n : f->message;
}

const char *
fnd_help(const struct finding *f)
{
	return f->help_l10n && gl_i18n_on() ? f->help_l10n : f->help;
}

void
fnd_set_fix(struct finding *f, struct span span, const char *with)
{
	if (f->fix == NULL)
		f->fix = xcalloc(1, sizeof(*f->fix));
	else
		free(f->fix->with);
	f->fix->span = span;
	f->fix->with = xstrdup(with);
}

static int
fnd_cmp(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	const char *na = a->span.src ? a->span.src->name : "";
	const char *nb = b->span.src ? b->span.src->name : "";
	int c;

	if ((c = strcmp(na, nb)) != 0)
		return c;
	if (a->span.off != b->span.off)
		return a->span.off < b->span.off ? -1 : 1;
	if ((c = strcmp(a->rule, b->rule)) != 0)
		return c;
	return strcmp(a->message, b->message);
}

void
fnd_sort(struct findings *fs)
{
	if (fs->n > 1)
		qsort(fs->v, fs->n, sizeof(*fs->v), fnd_cmp);
}

enum severity
fnd_worst(const struct findings *fs)
{
	enum severity worst = SEV_NONE;
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (!fs->v[i].suppressed && fs->v[i].severity > worst)
			worst = fs->v[i].severity;
	return worst;
}

static void
fnd_release(struct finding *f)
{
	free(f->message);
	free(f->help);
	free(f->message_l10n);
	free(f->help_l10n);
	free(f->launch);
	if (f->fix)
		free(f->fix->with);
	free(f->fix);
}

void
fnd_drop(struct findings *fs, size_t i)
{
	if (i >= fs->n)
		return;
	fnd_release(&fs->v[i]);
	memmove(&fs->v[i], &fs->v[i + 1], (fs->n - i - 1) * sizeof(*fs->v));
	fs->n--;
}

void
fnd_free(struct findings *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		fnd_release(&fs->v[i]);
	free(fs->v);
	fs->v = NULL;
	fs->n = fs->cap = 0;
}
