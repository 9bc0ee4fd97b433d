#!/usr/bin/env python3
"""gencases.py: writes the seeded list of differential cases (JSON lines)
that tests/diff/difftest.py feeds to the real gunicorn and to gunilint.

Each case is one gunicorn invocation: GUNICORN_CMD_ARGS and the other
environment variables gunicorn reads at config time, the argument list after
`gunicorn`, and the files or directories the case folder must hold.  The
seed is fixed, so the list is the same on every run; rerun with
`python3 tests/diff/gencases.py > testdata/diff/cases.jsonl` after editing.
Standard library only.
"""
import json
import random
import sys

SEED = 20261127
PC = ["--print-config", "app:app"]

# Integer options (argparse type=int, then validate_pos_int).
INT_FLAGS = [
    ["-w", "--workers"], ["--threads"], ["--worker-connections"],
    ["--max-requests"], ["--max-requests-jitter"], ["-t", "--timeout"],
    ["--graceful-timeout"], ["--keep-alive"], ["--limit-request-line"],
    ["--limit-request-fields"], ["--limit-request-field_size"],
    ["--backlog"],
]
INT_VALUES = ["0", "1", "3", "-1", "-5", "010", "0x10", "1.5", "", " 3",
              "3 ", "+4", "-0", "00", "1_000", "1e3", "abc", "99999999999999999999",
              "0o10", "\u0663", "2 3", "--", "-", "4\t"]

# store_true flags (and the one store_const flag) of 20.1.
BOOL_FLAGS = ["--preload", "--reload", "--spew", "-D", "--daemon",
              "--reuse-port", "--initgroups", "--capture-output",
              "--log-syslog", "-R", "--enable-stdio-inheritance",
              "--proxy-protocol", "--suppress-ragged-eofs",
              "--do-handshake-on-connect", "--strip-header-spaces",
              "--disable-redirect-access-to-syslog",
              "--tolerate-dangerous-framing", "--no-sendfile",
              "--casefold-http-method", "--permit-obsolete-folding",
              "--enable-backlog-metric", "--no-control-socket"]
BOOL_TAILS = ["", "=true", "=false", "=", "=1", " true", " false", " 0",
              " yes"]

# String-valued store options and sample values, valid and not.
STR_OPTS = {
    "--reload-engine": ["auto", "poll", "inotify", "foo", "", "POLL"],
    "--log-level": ["debug", "DEBUG", "bogus", "", " warning "],
    "--header-map": ["drop", "refuse", "dangerous", "bogus"],
    "--asgi-loop": ["auto", "uvloop", "bogus"],
    "--http-parser": ["auto", "fast", "bogus"],
    "--http-protocols": ["h1", "h1,h2", "h2, h1", "h4", ""],
    "--proxy-allow-from": ["*", "10.0.0.1,10.0.0.2", "10.0.0.0/8", "", "::1",
                           "example.com"],
    "--forwarded-allow-ips": ["*", "10.0.0.1, 10.0.0.2", "10.0.0.0/8",
                              "10.0.0.1/8", "", " ", "fe80::1", "a,,b",
                              "example.com", "127.0.0.1,"],
    "-k": ["sync", "gthread", "uvicorn.workers.UvicornWorker",
           "egg:gunicorn#gevent", "#gevent", "", " sync ",
           "uvicorn_worker.UvicornWorker", "eventlet", "asgi"],
    "--worker-class": ["gevent", "tornado", "nosuch.Worker"],
    "-n": ["web", "  padded  ", "", "caf\u00e9", "a b", "-foo"],
    "--name": ["api", "x=y"],
    "--pid": ["/run/app.pid", "", "rel.pid"],
    "--worker-tmp-dir": ["/dev/shm", "missing-dir", ""],
    "--access-logfile": ["-", "/var/log/a.log", ""],
    "--error-logfile": ["-", "/var/log/e.log", ""],
    "--log-file": ["-", "err.log"],
    "--access-logformat": ['%(h)s "%(r)s"', "", "%(x)s"],
    "--logger-class": ["simple", "my.Logger", ""],
    "--log-config": ["missing.ini", ""],
    "--log-config-json": ["missing.json"],
    "--log-syslog-to": ["udp://localhost:514", "unix:///dev/log", "bogus"],
    "--log-syslog-prefix": ["app", ""],
    "--log-syslog-facility": ["local0", "bogus"],
    "--statsd-host": ["localhost:8125", "localhost", ":8125",
                      "unix:/tmp/statsd.sock", "[::1]:8125", "h:1:2",
                      "localhost:abc", ""],
    "--statsd-prefix": ["app.", ""],
    "--dogstatsd-tags": ["env:prod,team:x", ""],
    "--pythonpath": ["/srv/app", "a,b", ""],
    "--paste": ["missing.ini"],
    "--keyfile": ["/opt/key/abc-key.pem", "missing.key", ""],
    "--certfile": ["/opt/key/abc-cert.pem", ""],
    "--ca-certs": ["/etc/ssl/certs/ca.pem", ""],
    "--ciphers": ["ECDHE+AESGCM", "HIGH:!aNULL:!MD5", "", " DEFAULT ",
                  "TLSv1", "RC4-SHA"],
    "--ssl-version": ["SSLv23", "TLS", "TLSv1", "TLSv1_1", "TLSv1_2",
                      "TLS_SERVER", "TLS_CLIENT", "SSLv3", "SSLv2",
                      "tlsv1_2", "2", "5", "17", "-1", "0x5", "",
                      "PROTOCOL_TLSv1_2", "TLSv1_3", " 5", "3"],
    "--cert-reqs": ["0", "1", "2", "3", "CERT_REQUIRED", "0x2", "010", "-1",
                    "", " 2", "1_0"],
    "-m": ["022", "0o22", "0x12", "18", "8a", "0", "-1", "0b101", "", "09",
           "0022", "1_0", "0O22", "0X1f", " 022", "-022", "077 "],
    "--umask": ["007", "0777", "abc"],
    "--chdir": ["sub", "nosuchdir", "/", "~", "sub/..", "", ".",
                "sub/", "./sub"],
    "-u": ["nobody", "nosuchuser", "65534", "", " nobody ", "4242", "-1",
           "daemon", "1.5"],
    "--user": ["nobody"],
    "-g": ["nogroup", "nosuchgroup", "4242", "", "daemon", "-2"],
    "--group": ["65534"],
    "--reload-extra-file": ["extra.txt", "missing.txt", "*.py", "sub"],
    "--paste-global": ["a=b", "a\\=b=c", "noeq"],
    "-e": ["A=1", "FOO", "X=hello world", "=v", "A=", "A=b=c"],
    "--env": ["B=2"],
    "--protocol": ["uwsgi", "http", "bogus"],
    "--root-path": ["/api", ""],
    "--control-socket": ["/run/g.ctl", ""],
    "--control-socket-mode": ["0600", "384", "bogus"],
    "--dirty-app": ["mod:App"],
    "--dirty-workers": ["2", "-1"],
    "--http2-max-frame-size": ["16384", "100", "16777216"],
    "--asgi-disconnect-grace-period": ["5", "x"],
    "--uwsgi-allow-from": ["*", "10.0.0.1"],
}

BINDS = ["0.0.0.0:8000", "[::]:8000", "[::1]:443", "unix:/tmp/g.sock",
         "unix:///tmp/g.sock", "fd://3", "tcp://127.0.0.1:9", "", ":8080",
         "localhost", "127.0.0.1:http", "0.0.0.0:8443", "a:b:c", "::1",
         "127.0.0.1:1,127.0.0.1:2", "unix:/run/a=b.sock"]

# Abbreviations: unique, ambiguous, and ones whose status depends on the
# release (options added later make a once-unique prefix ambiguous).
ABBREVS = [
    ("--threa", "4"), ("--wor", "3"), ("--work", "3"), ("--worker", "3"),
    ("--worker-c", "x"), ("--worker-cl", "sync"), ("--worker-co", "50"),
    ("--workers", "2"), ("--log-l", "debug"), ("--log-s", "x"),
    ("--log-syslog-t", "udp://h:1"), ("--acc", "-"), ("--access-logf", "-"),
    ("--access-logfi", "-"), ("--chd", "sub"), ("--us", "nobody"),
    ("--gr", "1"), ("--grace", "5"), ("--ke", "x"), ("--keyf", "k.pem"),
    ("--cert-r", "1"), ("--ca", "ca.pem"), ("--cip", "HIGH"),
    ("--ssl", "5"), ("--ssl-v", "5"), ("--stat", "x"), ("--statsd-h", "h:1"),
    ("--max-r", "5"), ("--max-requests", "5"), ("--max-requests-j", "5"),
    ("--limit-request-l", "100"), ("--limit-request-f", "10"),
    ("--limit-request-fie", "10"), ("--limit-request-field_", "10"),
    ("--pre", None), ("--pr", None), ("--pi", "p.pid"), ("--pid", "p.pid"),
    ("--no", None), ("--pas", "x.ini"), ("--paste-g", "a=b"),
    ("--dogs", "a:b"), ("--daem", None), ("--nam", "x"), ("--en", "A=1"),
    ("--enable", None), ("--enable-s", None), ("--e", "A=1"), ("--b", "x"),
    ("--ba", "10"), ("--bi", ":1"), ("--t", "5"), ("--ti", "5"),
    ("--th", "2"), ("--log-conf", "x.ini"), ("--log-config-j", "x.json"),
    ("--reload-en", "poll"), ("--reload-ex", "extra.txt"), ("--reu", None),
    ("--do", None), ("--sus", None), ("--spe", None), ("--ch", "x"),
    ("--check", None), ("--print", None), ("--proxy-p", None),
    ("--proxy-a", "*"), ("--forw", "*"), ("--capt", None), ("--ini", None),
    ("--um", "022"), ("--u", "x"), ("--py", "/x"), ("--dis", None),
    ("--strip", None), ("--tol", None), ("--perm", None), ("--he", "drop"),
    ("--http", "h1"), ("--conf", "missing.py"), ("--c", "x"),
    ("--version", None), ("--vers", None), ("--he", None),
]

SHORT = ["-Dw3", "-Rw3", "-DR", "-w3D", "-Dw 3", "-Dw=3", "-wD", "-b:80",
         "-b0.0.0.0:80", "-eA=1", "-kgevent", "-Db0.0.0.0:1", "-n-foo",
         "-DD", "-Dx", "-x", "-w=3", "-w3", "-w 3", "-w", "-t=0",
         "-m022", "-m=0o7", "-u65534", "-g=4242", "-pp.pid", "-Dt5", "-RDw2",
         "-w-1", "-w=-1", "-W3", "-Dk", "-ew", "-c", "-e=A=1"]

UNKNOWN = ["--bogus", "--bogus=1", "-x", "---workers 3", "--Workers 3",
           "--workers_ 3", "--keepalive 5", "--limit-request-field-size 100",
           "--log-dict-config x", "--debug", "--worker_class sync",
           "-- --workers 3", "--workers 3 --", "--", "- -w 2",
           "--=3", "--reload=", "--no-sendfile=1"]

POSITIONAL_ENV = ["app:app", "foo --workers 2", "a --workers 2 b",
                  "--workers 2 app:app", "app:app --print-config", "''",
                  "--preload app:app", "-w 2 x y"]

WEB_CONCURRENCY = ["4", "0", "-2", "abc", "", " 3 ", "010", "0x10", "1_0",
                   "3.0", "+2", "\u0663"]
PORT = ["5000", "", "http", "0", " 80", "8000:9000", "[::]"]
FWD_IPS = ["*", "", "10.0.0.1,10.0.0.2", "10.0.0.0/8", " 1.2.3.4 , 5.6.7.8 ",
           "example.com", "::1", "10.0.0.1/8", ",", "127.0.0.1"]

CONFIG_MISSING = ["-c missing.py", "-c file:missing.py", "--config=missing.py",
                  "-c python:nosuchmod", "-c sub", "-c ''", "--config"]


class Gen:
    """Accumulates cases with sequential, readable ids."""

    def __init__(self):
        self.rng = random.Random(SEED)
        self.cases = []
        self.seen = set()

    def add(self, family, cmd_args=None, argv=None, env=None, files=None):
        env = dict(env or {})
        if cmd_args is not None:
            env["GUNICORN_CMD_ARGS"] = cmd_args
        argv = list(PC if argv is None else argv)
        key = json.dumps([env, argv, sorted(files or [])], sort_keys=True)
        if key in self.seen:
            return
        self.seen.add(key)
        case = {"id": "g%04d-%s" % (len(self.cases) + 1, family),
                "env": env, "argv": argv}
        if files:
            case["files"] = sorted(files)
        self.cases.append(case)


def sq(tok):
    """Single-quote a word for shlex (POSIX): '' cannot hold a quote."""
    return "'" + tok.replace("'", "'\"'\"'") + "'"


def dq(tok):
    """Double-quote a word: inside, backslash escapes only \" and \\."""
    return '"' + tok.replace("\\", "\\\\").replace('"', '\\"') + '"'


def bs(tok):
    """Backslash-escape every character that shlex would treat specially."""
    if tok == "":
        return "''"
    out = []
    for ch in tok:
        if ch.isalnum() or ch in "-_=:./,@%+":
            out.append(ch)
        else:
            out.append("\\" + ch)
    return "".join(out)


def plain(tok):
    if tok == "" or any(c in tok for c in " \t\n'\"\\"):
        return sq(tok)
    return tok


def render(rng, words):
    """Joins words into one GUNICORN_CMD_ARGS value with random quoting
    that shlex.split turns back into exactly these words."""
    style = rng.choice([plain, plain, sq, dq, bs])
    sep = rng.choice([" ", " ", " ", "  ", "\t", "\n"])
    return sep.join(style(w) if style is not plain else plain(w)
                    for w in words)


def opt_words(rng, flag, value):
    """One option with a value in one of argparse's spellings."""
    form = rng.choice(["space", "eq", "attached"] if not flag.startswith("--")
                      else ["space", "eq"])
    if form == "eq":
        return [flag + "=" + value]
    if form == "attached":
        return [flag + value]
    return [flag, value]


def gen_ints(g):
    rng = g.rng
    for flags in INT_FLAGS:
        values = rng.sample(INT_VALUES, 8)
        for v in values:
            flag = rng.choice(flags)
            words = opt_words(rng, flag, v)
            g.add("int", render(rng, words))
    for v in INT_VALUES:
        g.add("int-cli", None, ["-w", v] + PC)
        g.add("int-cli-eq", None, ["--threads=" + v] + PC)


def gen_bools(g):
    rng = g.rng
    for flag in BOOL_FLAGS:
        for tail in rng.sample(BOOL_TAILS, 4):
            g.add("bool", flag + tail)
    for flag in ["--preload", "--reload", "-D", "--proxy-protocol"]:
        g.add("bool-cli-word", None, [flag, "true", "--print-config",
                                      "app:app"])
        g.add("bool-cli-word-after", None, ["--print-config", "app:app",
                                            flag, "false"])
        g.add("bool-cli-eq", None, [flag + "=true"] + PC)
    g.add("bool-cli-before-app", None, ["--print-config", "--proxy-protocol",
                                        "app:app"])
    g.add("bool-cli-proxy-v2", None, ["--proxy-protocol", "v2"] + PC)
    g.add("bool-env-proxy-v1", "--proxy-protocol v1")
    g.add("bool-env-proxy-eq", "--proxy-protocol=v2")
    g.add("bool-env-proxy-eq-bad", "--proxy-protocol=v9")


def gen_strs(g):
    rng = g.rng
    for flag, values in STR_OPTS.items():
        for v in values:
            files = None
            if flag in ("--chdir", "-c") or v in ("sub", "sub/..", "sub/",
                                                  "./sub"):
                files = ["sub/"]
            if v in ("extra.txt", "*.py"):
                files = ["extra.txt"]
            if rng.random() < 0.2:
                g.add("str-cli", None, opt_words(rng, flag, v) + PC,
                      files=files)
            else:
                g.add("str", render(rng, opt_words(rng, flag, v)),
                      files=files)


def gen_binds(g):
    rng = g.rng
    for b in BINDS:
        g.add("bind", render(rng, opt_words(rng, rng.choice(["-b", "--bind"]),
                                            b)))
    for _ in range(12):
        picks = rng.sample(BINDS, rng.randint(2, 3))
        words = []
        for b in picks:
            words += opt_words(rng, rng.choice(["-b", "--bind"]), b)
        g.add("bind-repeat", render(rng, words))
    for _ in range(6):
        a, b = rng.sample(BINDS, 2)
        g.add("bind-env-cli", render(rng, ["-b", a]), ["-b", b] + PC)
    for p in PORT:
        g.add("port", None, env={"PORT": p})
        g.add("port-bind", "-b 127.0.0.1:1", env={"PORT": p})
    g.add("port-bind-cli", None, ["--bind", "[::1]:9"] + PC,
          env={"PORT": "5000"})


def gen_appends(g):
    rng = g.rng
    pools = {"-e": ["A=1", "B=2", "C=x y", "D"],
             "--paste-global": ["a=1", "b=2"],
             "--reload-extra-file": ["extra.txt", "app.py"]}
    for flag, vals in pools.items():
        for _ in range(4):
            env_words, cli = [], []
            for v in rng.sample(vals, rng.randint(1, 2)):
                env_words += opt_words(rng, flag, v)
            for v in rng.sample(vals, rng.randint(0, 2)):
                cli += opt_words(rng, flag, v)
            g.add("append-env-cli", render(rng, env_words), cli + PC,
                  files=["extra.txt"])


def gen_store_repeats(g):
    rng = g.rng
    pairs = [("-w", ["2", "5", "abc"]), ("--name", ["a", "b"]),
             ("-k", ["sync", "gthread"]), ("--chdir", ["sub", "/"]),
             ("--umask", ["022", "8a"]), ("--ssl-version", ["TLSv1", "5"])]
    for flag, vals in pairs:
        words = []
        for v in vals:
            words += opt_words(rng, flag, v)
        g.add("store-repeat", render(rng, words), files=["sub/"])
        g.add("store-env-cli", render(rng, opt_words(rng, flag, vals[0])),
              opt_words(rng, flag, vals[-1]) + PC, files=["sub/"])


def gen_abbrevs(g):
    rng = g.rng
    for flag, val in ABBREVS:
        if val is None:
            g.add("abbrev", flag)
        else:
            g.add("abbrev", render(rng, opt_words(rng, flag, val)),
                  files=["sub/", "extra.txt"])
    for flag, val in rng.sample([a for a in ABBREVS if a[1]], 6):
        g.add("abbrev-cli", None, [flag, val] + PC)


def gen_shorts(g):
    for s in SHORT:
        g.add("short", s)
    for s in ["-Dw3", "-w=3", "-Rw", "-Dw3x"]:
        g.add("short-cli", None, [s] + PC)


def gen_quoting(g):
    raw = [
        "--name 'a b'", '--name "a b"', "--name a\\ b", "--name 'it'\\''s'",
        '--name "say \\"hi\\""', "--name 'a\\b'", '--name "a\\b"',
        "--name a\\b", '--name "a\\nb"', "--name \"abc", "--name 'abc",
        "--name abc\\", "--name a'b'c", "--name \"\"", "--name ''",
        "--name ''x", '--name a"b c"d', "--name a#b # c", "--workers\t2",
        "--workers\n2", "\n", "  ", "--name \"a'b\"", "--name 'a\"b'",
        "--name \\'", "--name '\\''", "-e 'X=a b' -e Y=\"c d\"",
        "--access-logformat '%(h)s \"%(r)s\"'", "--name \\\\", "--name é",
        "--name $HOME", "--name `id`", "--name ~", "--name a;b",
        "--name a|b", "--name *", "--name 'a\nb'", "--name=\"x y\"",
        "'--name' x", "\"--workers\"=2", "--work\\ers 3", "--name \"\\$x\"",
        "--name 'unterminated\\'", "--name \"trailing\\\\\"",
    ]
    for r in raw:
        g.add("quote", r)


def gen_env_vars(g):
    for v in WEB_CONCURRENCY:
        g.add("web-concurrency", None, env={"WEB_CONCURRENCY": v})
    g.add("web-concurrency-cli", None, ["-w", "2"] + PC,
          env={"WEB_CONCURRENCY": "abc"})
    g.add("web-concurrency-env", "-w 0", env={"WEB_CONCURRENCY": "8"})
    g.add("web-concurrency-version", "--version",
          env={"WEB_CONCURRENCY": "-2"})
    for v in FWD_IPS:
        g.add("fwd-env", None, env={"FORWARDED_ALLOW_IPS": v})
    g.add("fwd-env-cli", "--forwarded-allow-ips 1.1.1.1",
          env={"FORWARDED_ALLOW_IPS": "10.0.0.0/8"})
    g.add("all-env", "--bind 0.0.0.0:8443 -w 3",
          env={"WEB_CONCURRENCY": "9", "PORT": "1", "FORWARDED_ALLOW_IPS": "*"})


def gen_misc(g):
    for u in UNKNOWN:
        g.add("unknown", u)
    for p in POSITIONAL_ENV:
        g.add("positional-env", p)
        g.add("positional-env-noapp", p, [])
    for c in CONFIG_MISSING:
        g.add("config-missing", c, files=["sub/"])
    g.add("config-missing-cli", None, ["-c", "missing.py"] + PC)
    g.add("config-missing-both", "-c a.py", ["-c", "b.py"] + PC)
    g.add("config-cli-over-env", "-c missing.py", ["--check-config", "app:app"])
    g.add("dashdash-cli", None, ["--print-config", "--", "app:app"])
    g.add("dashdash-cli-mid", None, ["--print-config", "app:app", "--",
                                     "-w", "3"])
    g.add("check-config", None, ["--check-config", "app:app"])
    g.add("check-config-env", "--check-config", ["app:app"])
    g.add("check-config-bad", "-w abc", ["--check-config", "app:app"])
    g.add("check-and-print", "--check-config", PC)
    g.add("print-config-env", "--print-config", ["app:app"])
    g.add("print-config-twice", "--print-config", PC)
    g.add("version-cli", None, ["--version"] + PC)
    g.add("version-env-bad", "--version --workers abc")
    g.add("help-cli", None, ["-h"])
    g.add("app-variants", None, ["--print-config", "app"])
    g.add("app-variants", None, ["--print-config", "app:app()"])
    g.add("app-variants", None, ["--print-config", "app:application"])
    g.add("app-two-positionals", None, ["--print-config", "app:app", "x"])
    g.add("no-app", None, ["--print-config"])
    g.add("mission-example",
          "--bind=0.0.0.0:8443 --workers=3 --worker-class "
          "uvicorn.workers.UvicornWorker --keyfile=/opt/key/abc-key.pem "
          "--certfile=/opt/key/abc-cert.pem")
    g.add("mission-platform", "--worker-class uvicorn.workers.UvicornWorker")


# Options of every release (20.1 included), for the mixed lines: those are
# meant to be mostly valid so that they exercise merging, not rejection.
COMMON_STR = ["--reload-engine", "--log-level", "--forwarded-allow-ips",
              "-k", "--worker-class", "-n", "--name", "--pid",
              "--access-logfile", "--error-logfile", "--log-file",
              "--statsd-host", "--keyfile", "--certfile", "--ciphers",
              "--ssl-version", "--cert-reqs", "-m", "--chdir", "-e",
              "--env", "--reload-extra-file", "--proxy-allow-from"]
VALID_INTS = ["0", "1", "2", "3", "4", "010", " 3", "+4", "1_0", "120"]
VALID_BOOLS = ["--preload", "--reload", "-D", "--reuse-port",
               "--capture-output", "-R", "--no-sendfile",
               "--do-handshake-on-connect", "--proxy-protocol"]


def gen_mix(g, n):
    """Random lines built from several fragments, as people write them;
    one fragment in five may be a wrong one."""
    rng = g.rng
    good = []
    for flags in INT_FLAGS:
        good.append(lambda f=flags: opt_words(rng, rng.choice(f),
                                              rng.choice(VALID_INTS)))
    for flag in COMMON_STR:
        good.append(lambda f=flag: opt_words(rng, f, STR_OPTS[f][0]))
    good.append(lambda: opt_words(rng, rng.choice(["-b", "--bind"]),
                                  rng.choice(BINDS[:7])))
    good.append(lambda: [rng.choice(VALID_BOOLS)])
    bad = []
    for flags in INT_FLAGS:
        bad.append(lambda f=flags: opt_words(rng, rng.choice(f),
                                             rng.choice(INT_VALUES)))
    for flag, values in STR_OPTS.items():
        bad.append(lambda f=flag, v=values: opt_words(rng, f, rng.choice(v)))
    bad.append(lambda: [rng.choice(BOOL_FLAGS) + rng.choice(BOOL_TAILS)])
    bad.append(lambda: [rng.choice(SHORT).split()[0]])
    bad.append(lambda: list(rng.choice([a for a in ABBREVS if a[1]])))

    def frag():
        return rng.choice(bad if rng.random() < 0.2 else good)()
    for _ in range(n):
        words = []
        for _ in range(rng.randint(2, 6)):
            words += frag()
        env = {}
        if rng.random() < 0.15:
            env["WEB_CONCURRENCY"] = rng.choice(WEB_CONCURRENCY[:3])
        if rng.random() < 0.1:
            env["PORT"] = rng.choice(PORT[:2])
        if rng.random() < 0.1:
            env["FORWARDED_ALLOW_IPS"] = rng.choice(FWD_IPS)
        argv = PC
        if rng.random() < 0.3:
            argv = rng.choice(good)() + PC
        g.add("mix", render(rng, words), argv, env=env,
              files=["sub/", "extra.txt"])


def main():
    g = Gen()
    gen_ints(g)
    gen_bools(g)
    gen_strs(g)
    gen_binds(g)
    gen_appends(g)
    gen_store_repeats(g)
    gen_abbrevs(g)
    gen_shorts(g)
    gen_quoting(g)
    gen_env_vars(g)
    gen_misc(g)
    gen_mix(g, 120)
    for c in g.cases:
        sys.stdout.write(json.dumps(c, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
