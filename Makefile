# gunilint: GNU make is the only entry point.  `make` builds ./gunilint;
# `make run` and `make test` first install missing Debian packages
# (scripts/deps.sh).  V=1 shows the full commands.

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
DATADIR  ?= $(PREFIX)/share/gunilint
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/vendor-completions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
LOCALEDIR   ?= $(PREFIX)/share/locale
DESTDIR  ?=

CC       ?= cc
PKGS      = libcyaml yaml-0.1 libcjson openssl libpcre2-8
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN      = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
CSTD      = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
OPT      ?= -O2 -g
CFLAGS   ?=
# CPPFLAGS and LDFLAGS as a packager sets them (debian/rules: hardening).
ALL_CFLAGS = $(CSTD) $(OPT) $(WARN) $(PKG_CFLAGS) -Isrc -I$(BUILD)/gen $(CPPFLAGS) $(CFLAGS)
LDLIBS    = $(PKG_LIBS) -pthread -lm
# The program itself links OpenSSL, libyaml, libcyaml and PCRE2 from their
# static archives (Debian's -dev packages ship them): the dynamic loader
# then has no libcrypto symbols to look up, which was 80% of a run's
# instructions (`make bench` measures it).  STATIC_LIBS= links them all
# dynamically, as the test programs are.
STATIC_LIBS ?= -lssl -lcrypto -lcyaml -lyaml -lpcre2-8
STATIC_LINK = -Wl,-z,pack-relative-relocs -Wl,-Bstatic $(STATIC_LIBS) \
	-Wl,-Bdynamic -lcjson -pthread -lm
BIN_LDLIBS = $(if $(STATIC_LIBS),$(STATIC_LINK),$(LDLIBS))

BUILD    ?= build
# The binary the tests run; the sanitizer build keeps its own.
BIN      ?= gunilint
VERSION  := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

ifeq ($(V),1)
Q =
else
Q = @
endif

LIB_SRC  := $(sort $(shell find src -name '*.c' ! -path src/main.c))
GEN_SRC  := $(BUILD)/gen/catalog_data.c $(BUILD)/gen/patterns_data.c
ifneq ($(wildcard tools/gen_settings.c),)
GEN_SRC  += $(BUILD)/gen/settings_data.c
endif
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(GEN_SRC:%.c=%.o)
LIB      := $(BUILD)/libgunilint.a

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# The languages of po/ (po/LANG.po), compiled for gettext.
LANGS    := zh_CN
MO_FILES := $(LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/gunilint.mo)

.PHONY: pot docs all deps deps-test run test unit golden check-tests asan bench \
	install uninstall clean fmt regress-update fuzz valgrind

all: gunilint $(MO_FILES) $(BUILD)/man/gunilint-rules.7

# ---- set-up -----------------------------------------------------------------
deps:
	$(Q)sh scripts/deps.sh build
deps-test:
	$(Q)sh scripts/deps.sh test

# ---- build ------------------------------------------------------------------
$(BUILD)/%.o: %.c | $(BUILD)/gen/version.h
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# Build-time generators: rules/ YAML becomes C tables (no parsing at start-up).
GEN_COMMON := src/core/diag.c src/core/xalloc.c src/core/strbuf.c src/core/yamlload.c tools/genutil.c

$(BUILD)/tools/gen_catalog: tools/gen_catalog.c src/rules/catalog_schema.c $(GEN_COMMON)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GENTOOL $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/gen/catalog_data.c: rules/catalog.yaml $(BUILD)/tools/gen_catalog
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)$(BUILD)/tools/gen_catalog $< $@ $(BUILD)/gen/catalog_msgids.c

# The rules' summaries and fixes as N_() entries, for xgettext only.
$(BUILD)/gen/catalog_msgids.c: $(BUILD)/gen/catalog_data.c
	@:

# ---- translations -----------------------------------------------------------
# i18n.c looks for the catalogue next to the binary first (build/locale,
# ../share/locale), then in LOCALEDIR.
$(BUILD)/src/core/i18n.o: ALL_CFLAGS += -DGL_LOCALEDIR='"$(LOCALEDIR)"'

$(BUILD)/locale/%/LC_MESSAGES/gunilint.mo: po/%.po
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  MSGFMT  $@")
	$(Q)msgfmt --check -o $@.tmp $< && mv $@.tmp $@

# po/gunilint.pot: the marked strings of src/ and the catalogue's texts.
# `make pot` rewrites it; po/LANG.po is then brought up to date with
# msgmerge --update (tests/check-i18n.sh fails on any gap).
# The finding helpers take a printf format: --flag marks their strings
# c-format so msgfmt --check compares the conversions of each translation.
XGETTEXT_FMT = fnd_add:4 fnd_set_help:2 orch_add:5 sup_bad_add:3 add:3 \
	gl_error:1 gl_cmd_error:2 pd_error:4 p508_fail:4 tp_fail:4 yaml_finding:4 \
	probe_step:5 frag_snprintf:3 frag_asprintf:1 pem_error:3
XGETTEXT_FLAGS = --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ \
	--keyword=gl_ngettext:1,2 --keyword=NP_:1,2 --keyword=F_ \
	$(foreach k,$(XGETTEXT_FMT),--keyword=$(k) --flag=$(k):c-format) \
	--add-comments=TRANSLATORS: --sort-by-file \
	--package-name=gunilint --package-version=$(VERSION) \
	--msgid-bugs-address=dev@gunilint.invalid
POT_OUT ?= po/gunilint.pot
pot: $(BUILD)/gen/catalog_msgids.c $(BUILD)/gen/settings_msgids.c
	$(Q)xgettext $(XGETTEXT_FLAGS) -o $(POT_OUT) \
		$(LIB_SRC) src/main.c $(BUILD)/gen/catalog_msgids.c \
		$(BUILD)/gen/settings_msgids.c

$(BUILD)/tools/gen_patterns: tools/gen_patterns.c src/rules/patterns_schema.c $(GEN_COMMON)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GENTOOL $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/gen/patterns_data.c: rules/patterns.yaml $(BUILD)/tools/gen_patterns
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)$(BUILD)/tools/gen_patterns $< $@

$(BUILD)/tools/gen_settings: tools/gen_settings.c src/gunicorn/settings_schema.c src/gunicorn/version.c $(GEN_COMMON)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GENTOOL $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/gen/settings_data.c: rules/gunicorn/settings.yaml $(BUILD)/tools/gen_settings
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)$(BUILD)/tools/gen_settings $< $@ $(BUILD)/gen/settings_msgids.c

$(BUILD)/gen/settings_msgids.c: $(BUILD)/gen/settings_data.c
	@:

# libcyaml and libyaml say their version only at run time; `version` also
# prints the one built against, as pkg-config reports it.
$(BUILD)/gen/version.h: VERSION Makefile
	@mkdir -p $(dir $@)
	$(Q){ printf '#define GUNILINT_VERSION "%s"\n' "$(VERSION)"; \
	  printf '#define GL_BUILT_LIBCYAML "%s"\n' "$$(pkg-config --modversion libcyaml 2>/dev/null || echo unknown)"; \
	  printf '#define GL_BUILT_LIBYAML "%s"\n' "$$(pkg-config --modversion yaml-0.1 2>/dev/null || echo unknown)"; \
	} > $@

$(LIB): $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^


$(BIN): $(BUILD)/src/main.o $(LIB) | $(MO_FILES)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(BIN_LDLIBS)

# ---- the bundled example ----------------------------------------------------
run: deps
	$(Q)$(MAKE) --no-print-directory gunilint
	./gunilint check testdata/examples/fastapi-tls || true
	./gunilint explain testdata/examples/fastapi-tls

# ---- tests ------------------------------------------------------------------
$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CCTEST  $<")
	$(Q)$(CC) $(ALL_CFLAGS) -Wno-unused-parameter -MMD -MP -o $@ $< $(LIB) $(LDLIBS) -lcmocka

unit: $(UNIT_BIN)
	$(Q)sh tests/run-unit.sh $(UNIT_BIN)

golden: $(BIN)
	$(Q)sh tests/run-golden.sh ./$(BIN)

regress-update: $(BIN)
	$(Q)UPDATE=1 sh tests/run-golden.sh ./$(BIN)

# Everything `make test` runs once the packages are in place.
check-tests: $(BIN) unit golden $(BUILD)/tools/gen_docs
	$(Q)failed=; for t in tests/check-*.sh; do [ -f "$$t" ] || continue; \
		echo "== $$t"; GEN_DOCS=$(BUILD)/tools/gen_docs sh "$$t" ./$(BIN) || \
		failed="$$failed $$t"; done; \
		if [ -n "$$failed" ]; then echo "failed:$$failed"; exit 1; fi

test: deps-test
	$(Q)$(MAKE) --no-print-directory check-tests

asan: deps-test
	$(Q)ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		$(MAKE) --no-print-directory BUILD=build/asan BIN=build/asan/gunilint \
		OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		check-tests

valgrind: deps-test
	$(Q)$(MAKE) --no-print-directory gunilint $(UNIT_BIN)
	$(Q)sh tests/run-valgrind.sh ./gunilint $(UNIT_BIN)

fuzz:
	$(Q)sh tests/fuzz/run.sh

bench: deps-test
	$(Q)$(MAKE) --no-print-directory gunilint
	$(Q)sh bench/run.sh ./gunilint

# ---- install ----------------------------------------------------------------
# The man pages, and the completions where bash-completion, zsh and fish
# look for them (under PREFIX, inside DESTDIR).
MAN_PAGES = man1/gunilint.1 man5/gunilint.yaml.5 man7/gunilint-rules.7
COMPLETIONS = $(BASHCOMPDIR)/gunilint $(ZSHCOMPDIR)/_gunilint $(FISHCOMPDIR)/gunilint.fish

install: $(BIN) $(MO_FILES) $(BUILD)/man/gunilint-rules.7
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/gunilint
	install -m 644 man/gunilint.1 $(DESTDIR)$(MANDIR)/man1/gunilint.1
	install -m 644 man/gunilint.yaml.5 $(DESTDIR)$(MANDIR)/man5/gunilint.yaml.5
	install -m 644 $(BUILD)/man/gunilint-rules.7 $(DESTDIR)$(MANDIR)/man7/gunilint-rules.7
	install -m 644 completions/gunilint.bash $(DESTDIR)$(BASHCOMPDIR)/gunilint
	install -m 644 completions/_gunilint $(DESTDIR)$(ZSHCOMPDIR)/_gunilint
	install -m 644 completions/gunilint.fish $(DESTDIR)$(FISHCOMPDIR)/gunilint.fish
	cp -R share/gunilint/. $(DESTDIR)$(DATADIR)/
	for l in $(LANGS); do \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/gunilint.mo \
			$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/gunilint.mo || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/gunilint $(MAN_PAGES:%=$(DESTDIR)$(MANDIR)/%) \
		$(COMPLETIONS:%=$(DESTDIR)%) \
		$(LANGS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/gunilint.mo)
	rm -rf $(DESTDIR)$(DATADIR)

# The man pages and the completions are generated from the command, option
# and kind tables and the catalogue.  `make docs` writes the committed ones
# (tests/check-docs.sh fails when they are stale); the rules page is written
# at build time only, so the catalogue's parallel edits never conflict in it.
$(BUILD)/tools/gen_docs: tools/gen_docs.c $(LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/man/gunilint-rules.7: $(BUILD)/tools/gen_docs
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)$(BUILD)/tools/gen_docs rules-man > $@.tmp && mv $@.tmp $@

docs: $(BUILD)/tools/gen_docs $(BUILD)/man/gunilint-rules.7
	$(Q)$(BUILD)/tools/gen_docs man > man/gunilint.1
	$(Q)$(BUILD)/tools/gen_docs bash > completions/gunilint.bash
	$(Q)$(BUILD)/tools/gen_docs zsh > completions/_gunilint
	$(Q)$(BUILD)/tools/gen_docs fish > completions/gunilint.fish
	$(Q)$(BUILD)/tools/gen_docs precommit > .pre-commit-hooks.yaml

fmt:
	clang-format -i $$(find src tests/unit tools -name '*.[ch]')

clean:
	rm -rf build gunilint

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
