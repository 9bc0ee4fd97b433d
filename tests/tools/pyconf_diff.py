#!/usr/bin/env python3
"""pyconf_diff.py GUNILINT FILE...: config files through the real gunicorn.

For each config file and each environment below, runs Debian's gunicorn
(`gunicorn -c FILE --print-config app:app`) and gunilint (`explain
--format=gunicorn --gunicorn-version 20.1-debian --env -- gunicorn -c FILE
--print-config app:app`) in the same fresh folder with the same variables,
and compares the exit status and every printed setting.  Settings gunilint
says the file computes only at run time (`runtime` in explain's JSON) are
not compared: gunilint printed the default for them.  A file gunicorn
cannot import a module the file imports is run again with a stub of that
module in the folder (on PYTHONPATH), as the deployment would have the
real one; gunilint evaluates nothing that depends on such a module.  A
file gunicorn still cannot execute must make gunilint report a runtime
value or a failure, never a wrong value; the one known exception is
Python 3.12's f-string grammar (nested quotes), which gunilint reads and
the Python 3.11 under Debian 12's gunicorn rejects: said, not failed.
Prints one line per mismatch and "pyconf-diff: N passed, N failed".
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ENVS = [
    {},
    {"WEB_CONCURRENCY": "3", "PORT": "8080", "HOST": "0.0.0.0",
     "BIND": "0.0.0.0:9000", "WORKERS": "2", "LOG_LEVEL": "debug",
     "MAX_WORKERS": "2", "WORKERS_PER_CORE": "1"},
]
VERSION = "20.1-debian"


def base_env(folder, extra):
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "PWD": folder,
           "LC_ALL": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}
    env.update(extra)
    return env


def settings(text):
    out = {}
    for line in text.splitlines():
        name, sep, value = line.partition(" = ")
        name = name.strip()
        if sep and name and " " not in name:
            out[name] = value
    return out


STUB = """# a stand-in for a module that is not installed here
class _Stub:
    def __init__(self, *a, **k):
        pass

    def __call__(self, *a, **k):
        return _Stub()

    def __getattr__(self, name):
        return _Stub()

    def __bool__(self):
        return False

    def __iter__(self):
        return iter(())


def __getattr__(name):
    return _Stub()
"""


def add_stub(folder, module):
    parts = module.split(".")
    path = folder
    for i, part in enumerate(parts):
        if i < len(parts) - 1:
            path = os.path.join(path, part)
            os.makedirs(path, exist_ok=True)
            init = os.path.join(path, "__init__.py")
            if not os.path.exists(init):
                with open(init, "w") as fp:
                    fp.write(STUB)
        else:
            with open(os.path.join(path, part + ".py"), "w") as fp:
                fp.write(STUB)


def run_gunicorn(argv, folder, env):
    genv = dict(env)
    for _ in range(8):
        real = subprocess.run(["gunicorn"] + argv, cwd=folder, env=genv,
                              capture_output=True, text=True, timeout=60)
        m = re.search(r"ModuleNotFoundError: No module named '([\w.]+)'",
                      real.stderr)
        if real.returncode == 0 or m is None:
            return real
        add_stub(folder, m.group(1))
        genv["PYTHONPATH"] = folder
    return real


def run_one(gunilint, conf, extra):
    folder = tempfile.mkdtemp(prefix="pyconf-diff.")
    try:
        shutil.copy(conf, os.path.join(folder, "conf.py"))
        with open(os.path.join(folder, "app.py"), "w") as fp:
            fp.write("def app(environ, start_response):\n    return []\n")
        env = base_env(folder, extra)
        argv = ["-c", "conf.py", "--print-config", "app:app"]
        real = run_gunicorn(argv, folder, env)
        ours = subprocess.run([gunilint, "explain", "--format=gunicorn",
                               "--gunicorn-version", VERSION, "--env", "--",
                               "gunicorn"] + argv, cwd=folder, env=env,
                              capture_output=True, text=True, timeout=60)
        js = subprocess.run([gunilint, "explain", "--format=json",
                             "--gunicorn-version", VERSION, "--env", "--",
                             "gunicorn"] + argv, cwd=folder, env=env,
                            capture_output=True, text=True, timeout=60)
    finally:
        shutil.rmtree(folder)
    runtime, from_conf = set(), set()
    try:
        for launch in json.loads(js.stdout).get("launches", []):
            for name, v in launch.get("effective", {}).items():
                if "runtime" in v:
                    runtime.add(name)
                elif v.get("from", "").endswith("conf.py"):
                    from_conf.add(name)
    except ValueError:
        pass
    return real, ours, runtime, from_conf


def compare(gunilint, conf, extra):
    real, ours, runtime, from_conf = run_one(gunilint, conf, extra)
    COMPARED[0] += len(from_conf)
    problems = []
    if (real.returncode != 0 and ours.returncode == 0 and
            "SyntaxError: f-string:" in real.stderr):
        return [], "Python 3.12 f-string grammar; Debian's Python is older"
    if real.returncode != 0:
        # gunicorn could not execute it (e.g. an import that is not
        # installed here): gunilint must not claim the file's values.
        if ours.returncode == 0 and not runtime:
            last = (real.stderr.strip().splitlines() or ["?"])[-1]
            problems.append("gunicorn exits %d (%s), gunilint 0 with every "
                            "value known" % (real.returncode, last))
        return problems, "gunicorn-failed"
    if ours.returncode != 0:
        last = (ours.stderr.strip().splitlines() or ["?"])[-1]
        return ["gunilint exits %d: %s" % (ours.returncode, last)], None
    a, b = settings(real.stdout), settings(ours.stdout)
    for name in sorted(set(a) | set(b)):
        if name in runtime:
            continue
        if a.get(name) != b.get(name):
            problems.append("%s: gunicorn %r, gunilint %r" %
                            (name, a.get(name), b.get(name)))
    return problems, None


COMPARED = [0]  # values the config files set, compared with gunicorn's


def main():
    if len(sys.argv) < 3:
        sys.stderr.write("usage: pyconf_diff.py GUNILINT FILE...\n")
        return 2
    gunilint = os.path.abspath(sys.argv[1])
    passed = failed = 0
    for conf in sys.argv[2:]:
        for i, extra in enumerate(ENVS):
            problems, note = compare(gunilint, conf, extra)
            label = "%s [env %d]" % (os.path.basename(conf), i)
            if problems:
                failed += 1
                for p in problems:
                    print("FAIL %s: %s" % (label, p))
            else:
                passed += 1
                if note:
                    print("ok   %s (%s)" % (label, note))
    print("pyconf-diff: %d passed, %d failed; %d values set by the files "
          "compared" % (passed, failed, COMPARED[0]))
    if COMPARED[0] == 0:
        print("FAIL: no value of any config file was compared")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
