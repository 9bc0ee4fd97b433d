"""pyconf_compare.py DRIVER (case:FILE | corpus:FILE)...: the comparison
half of tests/check-pyconf.sh.  Runs the gunilint driver and CPython on
each file under the same environment and CPU count, and checks that every
value gunilint claims is the one Python computes."""
import os
import re
import subprocess
import sys

RUNNER = r'''
import importlib.abc, importlib.machinery, io, multiprocessing, os, sys, types
from unittest import mock
n = int(sys.argv[2])
os.cpu_count = lambda: n
multiprocessing.cpu_count = lambda: n
os.sched_getaffinity = lambda pid: set(range(n))
class Stub(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return mock.MagicMock(name=name)
class Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        return importlib.machinery.ModuleSpec(name, self, is_package=True)
    def create_module(self, spec):
        return Stub(spec.name)
    def exec_module(self, module):
        module.__path__ = []
sys.meta_path.append(Finder())
path = sys.argv[1]
src = open(path, "rb").read()
try:
    code = compile(src, path, "exec")
except SyntaxError as e:
    print("!error %s:%s: %s" % (e.lineno, e.offset, e.msg))
    sys.exit(0)
g = {"__name__": "__config__", "__file__": path}
out, sys.stdout = sys.stdout, io.StringIO()
fail = None
try:
    exec(code, g)
except BaseException as e:
    fail = type(e).__name__ + (": " + str(e) if str(e) else "")
sys.stdout = out
def plain(v):
    if v is None or type(v) in (bool, int, float, str):
        return True
    if type(v) in (list, tuple):
        return all(plain(x) for x in v)
    if type(v) is dict:
        return all(plain(k) and plain(x) for k, x in v.items())
    return False
for k, v in g.items():
    if not k.startswith("__") and plain(v):
        print("%s = %r" % (k, v))
if fail:
    print("!fails " + fail)
'''

TYPICAL = {"PORT": "8080", "HOST": "127.0.0.1", "WEB_CONCURRENCY": "3",
           "WORKERS_PER_CORE": "0.5", "ENVIRONMENT": "development",
           "GUNICORN_WORKERS": "4", "POD_CPU_LIMIT": "3",
           "OTHER_LOG_LEVEL": "INFO"}


def header(path):
    env, cpus, runtime = {}, 4, set()
    for line in open(path, encoding="utf-8", errors="replace"):
        m = re.match(r"#\s*(env|cpus|runtime):(.*)", line)
        if not m:
            continue
        if m.group(1) == "env":
            for w in m.group(2).split():
                k, _, v = w.partition("=")
                env[k] = v
        elif m.group(1) == "cpus":
            cpus = int(m.group(2))
        else:
            runtime |= set(m.group(2).split())
    return env, cpus, runtime


def parse(out):
    known, rt, special = {}, {}, []
    for line in out.splitlines():
        if line.startswith("!"):
            special.append(line)
            continue
        m = re.match(r"(\S+) \?= runtime: (.*)", line)
        if m:
            rt[m.group(1)] = m.group(2)
            continue
        line = re.sub(r"(  # (cpu|env))+$", "", line)
        name, _, val = line.partition(" = ")
        known[name] = val
    return known, rt, special


def run(drv, path, env, cpus):
    e = {"PATH": "/usr/bin:/bin"}
    e.update(env)
    g = subprocess.run([drv, "-c", str(cpus), path], env=e,
                       capture_output=True, text=True, errors="replace")
    p = subprocess.run([sys.executable, "-c", RUNNER, path, str(cpus)],
                       env=e, capture_output=True, text=True,
                       errors="replace")
    if p.returncode != 0 or g.returncode not in (0, 1):
        return None, "runner failed: %s %s" % (p.stderr[-300:],
                                                 g.stderr[-300:])
    return (parse(g.stdout), parse(p.stdout)), None


def compare(res, is_case, want_rt):
    (gk, grt, gs), (pk, _, ps) = res
    errs = []
    if any(s.startswith("!error") for s in ps) and not \
            any(s.startswith("!error") for s in gs):
        return ["skip", "python3 %s cannot compile it (%s)" % (
            sys.version.split()[0], ps[0])]
    gerr = [s.split(":")[0] for s in gs if s.startswith("!error")]
    perr = [s.split(":")[0] for s in ps if s.startswith("!error")]
    if gerr != perr:
        errs.append("syntax error: gunilint %s, python %s" % (gs, ps))
    gf = [s for s in gs if s.startswith("!fails")]
    pf = [s for s in ps if s.startswith("!fails")]
    if gf != pf:
        errs.append("failure: gunilint %s, python %s" % (gf, pf))
    for name, val in pk.items():
        if name in grt:
            continue
        if name not in gk:
            errs.append("%s: python %s, gunilint has nothing" % (name, val))
        elif gk[name] != val:
            errs.append("%s: python %s, gunilint %s" % (name, val, gk[name]))
    for name, val in gk.items():
        if name not in pk and not val.startswith("<"):
            errs.append("%s: gunilint %s, python has no such plain global"
                        % (name, val))
    if is_case:
        extra = set(grt) - want_rt
        missing = want_rt - set(grt)
        for n in sorted(extra):
            errs.append("%s: unexpectedly runtime: %s" % (n, grt[n]))
        for n in sorted(missing):
            errs.append("%s: expected runtime, gunilint computed it" % n)
    return errs


def main():
    drv = sys.argv[1]
    passed = failed = 0
    stats = []
    for arg in sys.argv[2:]:
        kind, _, path = arg.partition(":")
        runs = []
        if kind == "case":
            env, cpus, want = header(path)
            runs.append((env, cpus, want, "case"))
        else:
            runs.append(({}, 2, set(), "empty env"))
            runs.append((TYPICAL, 2, set(), "typical env"))
        for env, cpus, want, label in runs:
            res, err = run(drv, path, env, cpus)
            errs = [err] if err else compare(res, kind == "case", want)
            name = os.path.basename(path)
            if errs and errs[0] == "skip":
                print("skipped %s (%s): %s" % (name, label, errs[1]))
                continue
            if errs:
                failed += 1
                print("FAIL %s (%s)" % (name, label))
                for e in errs:
                    print("    " + e)
                continue
            passed += 1
            if kind == "corpus":
                (gk, grt, gs), _ = res
                stats.append((name, label, grt, gs))
    for name, label, grt, gs in stats:
        if grt or gs:
            print("corpus %s (%s): %s%s" % (name, label, "; ".join(
                "%s runtime (%s)" % kv for kv in sorted(grt.items())),
                " " + " ".join(gs) if gs else ""))
        else:
            print("corpus %s (%s): fully evaluated" % (name, label))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


sys.exit(main())
