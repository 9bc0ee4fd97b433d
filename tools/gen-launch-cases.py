#!/usr/bin/python3
"""gen-launch-cases.py TSV [PYTHON TREE]: writes what gunicorn prints
with --print-config (or the error it stops with) for the parsing cases of
gunicorn-argparse-cases.tsv plus random ones, for test_launch.c.  Without
PYTHON and TREE it runs the installed /usr/bin/gunicorn (Debian 20.1);
with them, `PYTHON -m gunicorn` from a source tree (HOME is then set to a
fixed path and recorded, for the control socket default).  Machine facts
are written as @CWD@, @UID@ and @GID@.
    /usr/bin/python3 tools/gen-launch-cases.py \\
        ../shared/reference/gunicorn-argparse-cases.tsv \\
        > tests/unit/launch_cases.inc
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

SKIP_FILES = ("(existing", "from gunicorn", "(a WSGI")
CMD_VOCAB = ["-w 3", "--workers=2", "-b 1.2.3.4:5", "--bind=unix:/x",
             "-e A=1", "--threads 4", "-k gevent", "--preload", "-D",
             "--name ' x '", "--umask 022", "--max-requests -1",
             "--log-level DEBUG", "--statsd-host a:1", "--statsd-host a",
             "--ssl-version TLSv1", "--ssl-version 9", "--cert-reqs 1",
             "--reload-engine poll", "--forwarded-allow-ips 'a, b,,c'",
             "--no-sendfile", "-c nofile.py", "--chdir .", "--chdir /",
             "--chdir ..", "--group 0", "--user 0", "--user root",
             "--limit-request-line 0", "--worker-connections=5",
             "--pythonpath a,b", "--paste-global a=b", "--keep-alive 0",
             "-R", "--graceful-timeout 1_0", "--timeout ' 7 '", "--bogus",
             "--work 3", "app:app", "--", "-w", "'unclosed", "--log-file -",
             "--proxy-allow-from '*'", "--capture-output", "--spew",
             "--error-logfile=/x", "--access-logformat '%(h)s'", "-n a",
             "--suppress-ragged-eofs", "--ca-certs x", "--ciphers TLS"]
CLI_VOCAB = ["-w", "5", "--threads=2", "-b", "9.9.9.9:9", "--preload",
             "app:app", "--print-config", "-e", "B=2", "--name", "n",
             "--workers=-3", "--check-config", "-k", "sync", "extra",
             "--umask=7", "--backlog", "0"]


GUNICORN = ["/usr/bin/gunicorn"]
TREE_ENV = {}


def run(case_dir, cmd_args, extra_env, argv):
    env = {"PATH": os.environ["PATH"], "PWD": case_dir, "LANG": "C.UTF-8"}
    env.update(TREE_ENV)
    if cmd_args is not None:
        env["GUNICORN_CMD_ARGS"] = cmd_args
    env.update(extra_env)
    p = subprocess.run(GUNICORN + argv, cwd=case_dir, env=env,
                       capture_output=True, text=True, timeout=20)
    return p.returncode, p.stdout, p.stderr


def c_str(s):
    out = []
    for ch in s.encode():
        c = chr(ch)
        if c in '\\"':
            out.append("\\" + c)
        elif 32 <= ch < 127 and c != "?":
            out.append(c)
        else:
            out.append("\\%03o" % ch)
    return '"' + "".join(out) + '"'


BASELINE = []


def compact(out):
    """Keeps a print-config output only as the lines that differ from the
    first one printed (the TSV's baseline case): "@DIFF@" then those."""
    if not out.startswith("access_log_format"):
        return out
    if not BASELINE:
        BASELINE.append(out.splitlines())
        return out
    lines = out.splitlines()
    if len(lines) != len(BASELINE[0]):
        return out
    diff = [a for a, b in zip(lines, BASELINE[0]) if a != b]
    return "@DIFF@\n" + "".join(d + "\n" for d in diff)


def emit(name, case_dir, cmd_args, extra_env, argv, files):
    if "PYTHONPATH" in TREE_ENV:
        extra_env = dict(extra_env, HOME="/nonexistent-gl-home")
    code, out, err = run(case_dir, cmd_args, extra_env, argv)
    lines = [ln for ln in err.splitlines() if ln.strip()]
    last = lines[-1] if lines else ""
    if "Traceback" in err and "Error while loading" not in err:
        last = "TRACEBACK:" + last
    if "Error while loading the application" in err:
        last = "APPLOAD"
    for k, v in (("@CWD@", case_dir), ("@UID@", str(os.geteuid())),
                 ("@GID@", str(os.getegid()))):
        out = out.replace(" = " + v + "\n", " = " + k + "\n")
    out = out.replace(case_dir, "@CWD@")
    out = compact(out)
    env_enc = "".join("%s=%s\x01" % kv for kv in extra_env.items())
    file_enc = "".join("%s\x02%s\x01" % kv for kv in files.items())
    print("{ %s, %s, %s, %s, %d, %s, %s, %s }," % (
        c_str(name), "NULL" if cmd_args is None else c_str(cmd_args),
        c_str(env_enc), c_str("".join(a + "\x01" for a in argv)), code,
        c_str(out), c_str(last), c_str(file_enc)))


def setup(files):
    d = tempfile.mkdtemp(prefix="gl-launch-")
    with open(os.path.join(d, "app.py"), "w") as f:
        f.write("def app(e, s):\n    pass\n")
    for k, v in files.items():
        p = os.path.join(d, k)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(v)
    return d


def tsv_cases(path):
    with open(path) as f:
        rows = [ln.rstrip("\n").split("\t") for ln in f][1:]
    for r in rows:
        cid, cmd, env, argv, files = r[0], r[1], r[2], r[3], r[6]
        if cid.startswith("run-"):
            continue
        files = json.loads(files) if files else {}
        if any(s in v for v in files.values() for s in SKIP_FILES):
            continue
        if any("PYTHONPATH" in k for k in files):
            continue
        fixed = {}
        for k, v in files.items():
            k = k.replace(" (cwd)", "").replace("./", "")
            fixed[k] = v
        if cid.startswith("default-cfg") and "gunicorn.conf.py" in fixed:
            pass
        yield (cid, json.loads(cmd), json.loads(env) if env else {},
               json.loads(argv), fixed)


def main():
    global GUNICORN
    if len(sys.argv) > 3:
        GUNICORN = [sys.argv[2], "-m", "gunicorn"]
        TREE_ENV["PYTHONPATH"] = sys.argv[3]
        sys.path.insert(0, sys.argv[3])
        import gunicorn
        print("/* Generated by tools/gen-launch-cases.py from gunicorn %s"
              " (source tree). */" % gunicorn.__version__)
    else:
        print("/* Generated by tools/gen-launch-cases.py from /usr/bin/"
              "gunicorn (Debian 20.1). */")
    for cid, cmd, env, argv, files in tsv_cases(sys.argv[1]):
        d = setup(files)
        emit(cid, d, cmd, env, argv, files)
        shutil.rmtree(d)
    rnd = random.Random(1127)
    for i in range(120):
        cmd = " ".join(rnd.choice(CMD_VOCAB) for _ in range(rnd.randint(0, 4)))
        argv = [rnd.choice(CLI_VOCAB) for _ in range(rnd.randint(0, 4))]
        argv += ["--print-config", "app:app"]
        d = setup({})
        emit("random-%d" % i, d, cmd if i % 7 else None, {}, argv, {})
        shutil.rmtree(d)
    # Validators: the variable only, a valid command line.
    for i in range(100):
        cmd = " ".join(rnd.choice(CMD_VOCAB) for _ in range(rnd.randint(1, 3)))
        env = {}
        if i % 5 == 0:
            env["WEB_CONCURRENCY"] = rnd.choice(["3", " 4 ", "-2", "0"])
        if i % 6 == 0:
            env["FORWARDED_ALLOW_IPS"] = rnd.choice(["", "a,b", "*"])
        if i % 4 == 0:
            env["PORT"] = rnd.choice(["", "80", "x"])
        d = setup({})
        emit("valid-%d" % i, d, cmd, env, ["--print-config", "app:app"], {})
        shutil.rmtree(d)


main()
