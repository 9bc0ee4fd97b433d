#!/bin/sh
# check-i18n.sh GUNILINT: the translations.  (a) po/gunilint.pot is what
# xgettext finds in the sources and the catalogue now, and po/zh_CN.po
# translates every msgid of it, none fuzzy; (b) --lang zh_CN and
# LANG=zh_CN.UTF-8 turn the text report, `rules` and --help into Chinese,
# and C / English stay English; (c) the machine formats are byte for byte
# the same in every language.
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL i18n: $1"; fi; }
# An English starting point whatever the caller's locale is.
unset LC_ALL LC_MESSAGES LANGUAGE
export LANG=C NO_COLOR=1
po=$top/po/zh_CN.po

# (a) the catalogue is complete.
make -C "$top" --no-print-directory -s pot POT_OUT="$tmp/fresh.pot" >/dev/null 2>"$tmp/pot.err"
ok "xgettext writes a POT" '[ -s "$tmp/fresh.pot" ]'
msgids() { msgattrib --no-location --no-wrap --sort-output "$1" | grep -v '^"POT-Creation-Date' | grep '^msgid\|^"'; }
ok "po/gunilint.pot is up to date (make pot)" '[ "$(msgids "$top/po/gunilint.pot")" = "$(msgids "$tmp/fresh.pot")" ]'
# msgcmp counts untranslated and fuzzy entries as missing.
ok "zh_CN.po translates every msgid of the sources (msgmerge --update po/zh_CN.po po/gunilint.pot, then translate)" \
	'msgcmp "$po" "$tmp/fresh.pot" 2>"$tmp/cmp.err" || { head -20 "$tmp/cmp.err"; false; }'
ok "zh_CN.po has no untranslated entry" '[ -z "$(msgattrib --untranslated --no-obsolete "$po" | grep "^msgid" | grep -v "^msgid \"\"$")" ]'
ok "zh_CN.po has no fuzzy entry" '[ -z "$(msgattrib --only-fuzzy --no-obsolete "$po" | grep "^msgid")" ]'
ok "msgfmt --check accepts zh_CN.po" 'msgfmt --check --statistics -o /dev/null "$po" 2>"$tmp/stat" && ! grep -q "untranslated\|fuzzy" "$tmp/stat"'
# The check itself catches a gap: the same po with one translation emptied.
awk 'BEGIN{d=0} /^msgstr "[^"]/ && !d {print "msgstr \"\""; d=1; next} {print}' "$po" >"$tmp/gap.po"
ok "a missing translation is detected" '! msgcmp "$tmp/gap.po" "$tmp/fresh.pot" 2>/dev/null'

# (b) the languages are selected.
cd "$top/testdata/examples/fastapi-tls" || exit 2
"$bin" check . >"$tmp/en.txt"
"$bin" check --lang zh_CN . >"$tmp/zh.txt"
LANG=zh_CN.UTF-8 "$bin" check . >"$tmp/zh-env.txt"
ok "check --lang zh_CN differs from English" '! cmp -s "$tmp/en.txt" "$tmp/zh.txt"'
ok "check --lang zh_CN: summary in Chinese" 'tail -n 1 "$tmp/zh.txt" | grep -q "个问题.*涉及 [0-9]* 个文件"'
ok "check --lang zh_CN: severity words in Chinese" 'grep -q ": 错误\[GL" "$tmp/zh.txt" && ! grep -q ": error\[GL" "$tmp/zh.txt"'
ok "English summary unchanged" 'tail -n 1 "$tmp/en.txt" | grep -q "^[0-9]* findings (.*) in [0-9]* files$"'
ok "LANG=zh_CN.UTF-8 gives what --lang zh_CN gives" 'cmp -s "$tmp/zh.txt" "$tmp/zh-env.txt"'
ok "LC_ALL=zh_CN.UTF-8 wins over LANG=C" '[ "$(LC_ALL=zh_CN.UTF-8 "$bin" check . | tail -n 1)" = "$(tail -n 1 "$tmp/zh.txt")" ]'
ok "LC_MESSAGES=zh_CN.UTF-8 selects Chinese" '[ "$(LC_MESSAGES=zh_CN.UTF-8 "$bin" check . | tail -n 1)" = "$(tail -n 1 "$tmp/zh.txt")" ]'
ok "--lang C wins over LANG=zh_CN.UTF-8" 'LANG=zh_CN.UTF-8 "$bin" check --lang C . | cmp -s - "$tmp/en.txt"'
ok "--lang=en_US wins over LC_ALL=zh_CN.UTF-8" 'LC_ALL=zh_CN.UTF-8 "$bin" check --lang=en_US . | cmp -s - "$tmp/en.txt"'
ok "LANGUAGE alone does not translate under the C locale (as GNU gettext)" 'LANGUAGE=zh_CN "$bin" check . | cmp -s - "$tmp/en.txt"'
ok "LANGUAGE=zh_CN is honoured beside LANG=de_DE.UTF-8" '[ "$(LANGUAGE=zh_CN LANG=de_DE.UTF-8 "$bin" check . | tail -n 1)" = "$(tail -n 1 "$tmp/zh.txt")" ]'
"$bin" rules >"$tmp/rules-en.txt"
"$bin" rules --lang zh_CN >"$tmp/rules-zh.txt"
ok "rules --lang zh_CN differs from English" '! cmp -s "$tmp/rules-en.txt" "$tmp/rules-zh.txt"'
ok "rules --lang zh_CN lists every rule" '[ "$(grep -c "^GL" "$tmp/rules-zh.txt")" -eq "$(grep -c "^GL" "$tmp/rules-en.txt")" ]'
ok "rules --lang zh_CN: no English summary is left" '[ "$(cut -c 50- "$tmp/rules-zh.txt" | grep -c "^[A-Za-z]")" -eq 0 ] || { cut -c 50- "$tmp/rules-zh.txt" | grep "^[A-Za-z]" | head -3; false; }'
ok "LANG=zh_CN.UTF-8 rules is --lang zh_CN rules" 'LANG=zh_CN.UTF-8 "$bin" rules | cmp -s - "$tmp/rules-zh.txt"'
ok "rules GL001 --lang zh_CN: fix in Chinese" '"$bin" rules --lang zh_CN GL001 | grep -q "^修复："'
ok "check --help --lang zh_CN in Chinese" '"$bin" check --help --lang zh_CN | grep -q "^用法：gunilint check"'
ok "explain --lang zh_CN: severity words in Chinese" '"$bin" explain --lang zh_CN --args "--workers 0" | grep -q "^    错误\[GL206 "'
ok "explain --lang zh_CN: the summary in Chinese" '"$bin" explain --lang zh_CN . | grep -q "^  进程  .*个 worker 进程"'
"$bin" explain --lang zh_CN . >"$tmp/explain-zh"
ok "explain --lang zh_CN text differs from English" '! "$bin" explain . | cmp -s - "$tmp/explain-zh"'
ok "usage errors on stderr in Chinese" '"$bin" rules --lang zh_CN GL999 2>&1 >/dev/null | grep -q "^gunilint rules: 没有规则 .GL999."'
ok "usage errors stay English without a language" '"$bin" rules GL999 2>&1 >/dev/null | grep -q "^gunilint rules: no rule .GL999."'
ok "gunilint --help --lang zh_CN in Chinese" '"$bin" --help --lang zh_CN | grep -q "^命令："'
ok "gunilint --lang zh_CN rules: the option before the command" '"$bin" --lang zh_CN rules | cmp -s - "$tmp/rules-zh.txt"'
ok "help rules --lang zh_CN in Chinese" '"$bin" help rules --lang zh_CN | grep -q "^用法：gunilint rules"'

# Texts made of parts: a fragment passed for a %s, a parser's error, a
# rule's rationale, a setting's description, the probe's report.
zh() { "$bin" "$@" --lang zh_CN 2>&1; }
ok "a fragment inside a finding message is translated (GL203)" \
	'zh explain --args "--threads 4 -k uvicorn.workers.UvicornWorker" >"$tmp/frag"; grep -q "GL203" "$tmp/frag" && ! grep -q "event loop\|has no effect" "$tmp/frag"'
ok "the same fragment stays English in English" \
	'"$bin" explain --args "--threads 4 -k uvicorn.workers.UvicornWorker" | grep -q "one event loop per process"'
# Chinese has no spaces to break at: explain wraps next to wide characters
# and keeps every line within 80 columns (a wide character is 2).
cols80() { python3 -c 'import sys,unicodedata as u
bad=[l for l in sys.stdin.read().splitlines() if sum(2 if u.east_asian_width(c) in "WF" else 1 for c in l)>80]
print(*bad[:3],sep="\n"); sys.exit(1 if bad else 0)'; }
ok "explain --lang zh_CN keeps its lines within 80 columns" \
	'zh explain --args "--workers 3 --keyfile k.pem --ssl-version 2 -k uvicorn.workers.UvicornWorker --threads 4" | cols80'
ok "explain --lang zh_CN fills a line between Chinese words, not only at spaces" \
	'zh explain --args "--workers 3" | grep -q "^  应用         此处未给出：gunicorn 从它自己的命令行"'
cd "$top/testdata/rules/GL510-trigger" || exit 2
ok "a help that is only a fragment is translated (GL510)" \
	'zh check deploy.yaml | grep "^  建议：" >"$tmp/help510"; [ -s "$tmp/help510" ] && ! grep -q "pass the file" "$tmp/help510"'
ok "a fragment inside a message is translated (GL510)" \
	'! zh check deploy.yaml | grep -q "is not in the checked files"'
cd "$top/testdata/deps/parse-errors" || exit 2
zh check requirements.txt pyproject.toml Pipfile >"$tmp/parse-zh"
ok "TOML and requirements parse errors in Chinese" \
	'grep -q "^pyproject.toml:4:26: " "$tmp/parse-zh" && ! grep -q "expected a value\|expected a version" "$tmp/parse-zh"'
ok "and in English without a language" \
	'"$bin" check requirements.txt pyproject.toml Pipfile | grep -q "expected a value"'
ok "rules --lang zh_CN GL001: the rationale in Chinese" \
	'zh rules GL001 | sed -n "/^原因：/,/^修复：/p" >"$tmp/why"; [ -s "$tmp/why" ] && ! grep -q "cannot be checked" "$tmp/why"'
ok "explain --lang zh_CN: a setting's description in Chinese" \
	'zh explain --args "--workers 3" >"$tmp/ex-set"; grep -q "^    设置 workers = 3" "$tmp/ex-set" && ! grep -q "Number of worker processes\|How many processes" "$tmp/ex-set"'
ok "explain in English: the setting's description" \
	'"$bin" explain --args "--workers 3" | grep -q "^    Number of worker processes"'
cd "$tmp" || exit 2
openssl req -x509 -newkey rsa:2048 -nodes -keyout self.key -out self.pem \
	-days 30 -subj /CN=localhost -addext subjectAltName=DNS:localhost >/dev/null 2>&1
chmod 600 self.key
zh probe --certfile self.pem --keyfile self.key >"$tmp/probe-zh"
"$bin" probe --certfile self.pem --keyfile self.key >"$tmp/probe-en"
ok "probe --lang zh_CN: statuses and summary in Chinese" \
	'grep -q "^  通过  handshake " "$tmp/probe-zh" && grep -q "^  提示  chain .*自签名" "$tmp/probe-zh" && grep -q "^  通过  TLSv1.0 .*被拒绝" "$tmp/probe-zh" && grep -q "^[0-9]* 项通过，" "$tmp/probe-zh"'
ok "probe in English: statuses and summary unchanged" \
	'grep -q "^  pass  handshake " "$tmp/probe-en" && grep -q "^  info  chain .*verified against itself: self-signed" "$tmp/probe-en" && grep -q "passed, .* warnings" "$tmp/probe-en"'
ok "probe --static-only --lang zh_CN: the count of findings in Chinese" \
	'zh probe --static-only --certfile self.pem --keyfile self.key | tail -n 1 | grep -q "个问题"'
printf -- '-----BEGIN CERTIFICATE-----\nabc\n' >unended.pem
ok "a PEM reader's error (a formatted fragment) in Chinese" \
	'zh probe --static-only --certfile unended.pem --keyfile self.key | grep -q "从这里开始的 CERTIFICATE 块没有 END 行"'
ok "probe --format json is the same with --lang zh_CN" \
	'"$bin" probe --format json --certfile self.pem --keyfile self.key | grep -v "\"ms\":\|127\.0\.0\.1:" >"$tmp/pj-en"; zh probe --format json --certfile self.pem --keyfile self.key | grep -v "\"ms\":\|127\.0\.0\.1:" | cmp -s - "$tmp/pj-en" && grep -q "verified against itself" "$tmp/pj-en"'
free=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
zh probe --target "127.0.0.1:$free" >"$tmp/closed-zh"
ok "a formatted fragment (a number inside gunilint's words) in Chinese" \
	'grep -q "^  失败  handshake .*连接 127.0.0.1:$free：" "$tmp/closed-zh" && ! grep -q "connect to" "$tmp/closed-zh"'
ok "no fragment mark reaches the output" '! grep -q "$(printf "[\001\002\003]")" "$tmp/closed-zh" "$tmp/probe-zh" "$tmp/probe-en"'
mkdir "$tmp/cfg" && printf 'severity:\n  GL999: error\n' >"$tmp/cfg/.gunilint.yaml" && : >"$tmp/cfg/Dockerfile"
cd "$tmp/cfg" || exit 2
ok "a .gunilint.yaml error in Chinese, with its place" \
	'zh check . | grep -q "^gunilint check: .gunilint.yaml:2:3: 未知的规则 .GL999."'
ok "and in English without a language" \
	'"$bin" check . 2>&1 | grep -q "^gunilint check: .gunilint.yaml:2:3: unknown rule .GL999."'
rm .gunilint.yaml
ok "refusing to write over an input, in Chinese" \
	'zh check -o Dockerfile Dockerfile | grep -q "拒绝把报告写到输入文件"'
cd "$top/testdata/examples/fastapi-tls" || exit 2

# (c) machine formats keep the English text and stable ids.
for f in json sarif github gnu codeclimate; do
	"$bin" check --format $f . >"$tmp/$f-en" 2>&1
	LANG=zh_CN.UTF-8 "$bin" check --lang zh_CN --format $f . >"$tmp/$f-zh" 2>&1
	ok "check --format $f is the same with --lang zh_CN" '[ -s "$tmp/$f-en" ] && cmp -s "$tmp/$f-en" "$tmp/$f-zh"'
done
# A finding that quotes strerror(): libc's messages must not follow the language.
for f in text json; do
	"$bin" probe --static-only --format $f --args '--certfile no-such.pem --keyfile no-such-key.pem' >"$tmp/err-en-$f" 2>&1
	"$bin" probe --lang zh_CN --static-only --format $f --args '--certfile no-such.pem --keyfile no-such-key.pem' >"$tmp/err-zh-$f" 2>&1
done
ok "a finding quoting strerror is the same json in every language" 'grep -q "No such file" "$tmp/err-en-json" && cmp -s "$tmp/err-en-json" "$tmp/err-zh-json"'
ok "and its text has no '???'" 'grep -q "No such file" "$tmp/err-zh-text" && ! grep -q "???" "$tmp/err-zh-text"'
ok "rules --format json is the same with --lang zh_CN" '"$bin" rules --format json | cmp -s - "$tmp/rules-en.json" 2>/dev/null || { "$bin" rules --format json >"$tmp/rules-en.json"; "$bin" rules --lang zh_CN --format json | cmp -s - "$tmp/rules-en.json"; }'
ok "explain --format json is the same with --lang zh_CN" '[ "$("$bin" explain --format json .)" = "$("$bin" explain --lang zh_CN --format json .)" ]'
ok "sarif keeps the English rule summary (GL503)" 'grep -q "An HTTP probe talks plain HTTP to a TLS listener" "$tmp/sarif-zh"'

echo "i18n: $pass passed, $fail failed"
[ $fail -eq 0 ]
