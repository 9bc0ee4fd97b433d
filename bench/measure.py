#!/usr/bin/env python3
"""measure.py: timing and peak-memory numbers for `make bench` (bench/run.sh).

For each command it runs the program N times in a scratch folder holding a
minimal app.py, and reports the median wall time and the largest peak RSS
of three runs (GNU time's %M).  gunilint and `gunicorn --print-config`
get the same input; the table shows their ratio.  The throughput part
writes a corpus of Dockerfiles that set GUNICORN_CMD_ARGS and times one
`gunilint check` over the folder.  Standard library only.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

APP_PY = ('def app(environ, start_response):\n'
          '    start_response("200 OK", [])\n'
          '    return [b""]\n')
GUNICORN = "/usr/bin/gunicorn"


TIME = "/usr/bin/time"


def run_once(cmd, cwd, env):
    """Runs cmd; returns (seconds, status, stderr)."""
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - t0, p.returncode, \
        p.stderr.decode("utf-8", "replace")


def peak_rss(cmd, cwd, env):
    """Peak RSS in KiB, read by GNU time.  Not wait4() from here: a child
    forked from this Python process inherits its memory high-water mark
    across exec, so small programs would all look as big as Python."""
    if not os.access(TIME, os.X_OK):
        return None
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run([TIME, "-f", "%M", "-o", out.name] + cmd, cwd=cwd,
                       env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        text = out.read().strip().split("\n")[-1]
    return int(text) if text.isdigit() else None


def measure(cmd, cwd, env, n, ok_status=(0,)):
    """Median wall time over n runs and the largest peak RSS of three, or
    the reason it could not be measured."""
    times = []
    for _ in range(n):
        dt, st, err = run_once(cmd, cwd, env)
        if st not in ok_status:
            first = err.strip().split("\n")[-1] if err.strip() else "no output"
            return None, "exit %d: %s" % (st, first[:110])
        times.append(dt)
    rss = [peak_rss(cmd, cwd, env) for _ in range(3)]
    rss = None if None in rss else max(rss)
    return (statistics.median(times), rss), None


def fmt_ms(sec):
    return "%.1f ms" % (sec * 1000)


def table(args, line, root):
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "PWD": root,
           "LC_ALL": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1",
           "GUNICORN_CMD_ARGS": line}
    gl = os.path.abspath(args.gunilint)
    rows = [
        ("explain --format=text", [gl, "explain", "--format=text", "--args",
                                   line], (0, 1)),
        ("explain --format=gunicorn",
         [gl, "explain", "--format=gunicorn", "--gunicorn-version",
          "20.1-debian", "--env", "--", "gunicorn", "--print-config",
          "app:app"], (0,)),
        ("check --args", [gl, "check", "--args", line], (0, 1)),
    ]
    ref = None
    if os.access(GUNICORN, os.X_OK):
        ref, why = measure([GUNICORN, "--print-config", "app:app"], root, env,
                           args.runs)
        if why:
            print("gunicorn --print-config: not measured: " + why)
    else:
        print("gunicorn --print-config: not measured: %s is not installed"
              % GUNICORN)
    print("input: GUNICORN_CMD_ARGS=%s" % json.dumps(line))
    print("time = median wall time of %d runs; RSS = largest peak resident "
          "set of 3 runs" % args.runs)
    print()
    print("%-27s %10s %10s  %s" % ("command", "time", "peak RSS",
                                   "ratio to gunicorn --print-config"))
    print("-" * 78)
    if ref:
        print("%-27s %10s %10s  %s" % ("gunicorn --print-config",
                                       fmt_ms(ref[0]), fmt_kib(ref[1]),
                                       "1 (reference)"))
    for name, cmd, ok in rows:
        res, why = measure(cmd, root, env, args.runs, ok)
        if why:
            print("%-27s not measured: %s" % (name, why))
            continue
        ratio = "-"
        if ref:
            ratio = "time %.4f" % (res[0] / ref[0])
            if res[1] and ref[1]:
                ratio += ", RSS %.3f" % (res[1] / ref[1])
        print("%-27s %10s %10s  %s" % (name, fmt_ms(res[0]), fmt_kib(res[1]),
                                       ratio))


def fmt_kib(kib):
    return "%d KiB" % kib if kib else "n/a"


def corpus_lines(top, n):
    """n GUNICORN_CMD_ARGS values that fit in a Dockerfile ENV line, taken
    from the differential cases (repeated with a varying --name)."""
    vals = []
    with open(os.path.join(top, "testdata", "diff", "cases.jsonl"),
              encoding="utf-8") as fp:
        for ln in fp:
            v = json.loads(ln)["env"].get("GUNICORN_CMD_ARGS")
            if v and not any(c in v for c in '\n\t"\\$`'):
                vals.append(v)
    out = []
    i = 0
    while len(out) < n:
        out.append("%s --name svc%d" % (vals[i % len(vals)], i))
        i += 1
    return out


def launches_short(cmd, cwd, env, want):
    """A fast run that read nothing is no throughput: the JSON summary must
    count one launch per Dockerfile."""
    p = subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                       capture_output=True)
    try:
        got = json.loads(p.stdout)["summary"]["launches"]
    except (ValueError, KeyError, TypeError):
        return "the JSON report has no summary.launches"
    if got != want:
        return "gunilint found %s launches in %d Dockerfiles" % (got, want)
    return None


def throughput(args, root):
    n = args.corpus
    corpus = os.path.join(root, "corpus")
    lines = corpus_lines(args.top, n)
    for i, v in enumerate(lines):
        d = os.path.join(corpus, "svc%04d" % i)
        os.makedirs(d)
        with open(os.path.join(d, "Dockerfile"), "w") as fp:
            fp.write('FROM python:3.11-slim\n'
                     'RUN pip install gunicorn uvicorn\n'
                     'ENV GUNICORN_CMD_ARGS="%s"\n'
                     'CMD ["gunicorn", "app:app"]\n' % v)
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "LC_ALL": "C.UTF-8"}
    gl = os.path.abspath(args.gunilint)
    print()
    cmd = [gl, "check", "--format=json", corpus]
    res, why = measure(cmd, root, env, 3, (0, 1))
    if not why:
        why = launches_short(cmd, root, env, n)
    if why:
        print("check PATH throughput: not measured: %s" % why)
    else:
        print("check PATH throughput: %d Dockerfiles (one GUNICORN_CMD_ARGS "
              "line each) in %.2f s (median of 3) = %.0f files/s, peak RSS %s"
              % (n, res[0], n / res[0], fmt_kib(res[1])))
    argv = [gl, "check", "--format=json"]
    for v in lines:
        argv += ["--args", v]
    res, why = measure(argv, root, env, 3, (0, 1))
    if why:
        print("check --args throughput: not measured: %s" % why)
    else:
        print("check --args throughput: %d GUNICORN_CMD_ARGS values in one "
              "run in %.3f s (median of 3) = %.0f values/s, peak RSS %s"
              % (n, res[0], n / res[0], fmt_kib(res[1])))


def yaml_sources(top):
    """The real Kubernetes manifests and compose files of ../shared/corpus
    (GUNILINT_SHARED overrides it), as (name, bytes)."""
    shared = os.environ.get("GUNILINT_SHARED",
                            os.path.join(top, "..", "shared"))
    out = []
    for kind, name in (("k8s", "deploy%d.yaml"), ("compose",
                                                   "compose.yaml")):
        d = os.path.join(shared, "corpus", kind)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            with open(os.path.join(d, f), "rb") as fp:
                out.append((kind, name, fp.read()))
    return out


def scale(args, root):
    """check over 1k, 4k and 16k copies of the real manifests and compose
    files: files/s, MB/s and peak RSS (text and json), and yamllint on the
    4k set.  Memory should not grow with the number of files."""
    srcs = yaml_sources(args.top)
    print()
    if not srcs:
        print("scale: not measured: no corpus (../shared/corpus)")
        return
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "LC_ALL": "C.UTF-8"}
    gl = os.path.abspath(args.gunilint)
    rss1k = {}
    print("%-30s %9s %9s %9s %11s" % ("check over N YAML files", "s",
                                      "files/s", "MB/s", "peak RSS"))
    print("-" * 72)
    for n in args.scale:
        tree = os.path.join(root, "scale%d" % n)
        size = 0
        for i in range(n):
            kind, name, data = srcs[i % len(srcs)]
            d = os.path.join(tree, "d%05d" % i)
            os.makedirs(d)
            with open(os.path.join(d, name % i if "%" in name else name),
                      "wb") as fp:
                fp.write(data)
            size += len(data)
        for fmt in ("text", "json"):
            res, why = measure([gl, "check", "--format=" + fmt, tree], root,
                               env, 1, (0, 1))
            label = "%dk files, %s" % (n // 1000, fmt)
            if why:
                print("%-30s not measured: %s" % (label, why))
                continue
            if n == args.scale[0]:
                rss1k[fmt] = res[1]
            ratio = (" (%.1fx the %dk run)" % (res[1] / rss1k[fmt],
                                               args.scale[0] // 1000)
                     if fmt in rss1k and n != args.scale[0] else "")
            print("%-30s %9.2f %9.0f %9.1f %11s%s" % (
                label, res[0], n / res[0], size / 1e6 / res[0],
                fmt_kib(res[1]), ratio))
        if n == 4000:
            if shutil.which("yamllint") is None:
                print("%-30s not measured: yamllint is not installed "
                      "(apt-get install yamllint)" % "yamllint, 4k files")
            else:
                res, why = measure(["yamllint", "-f", "parsable", tree],
                                   root, env, 1, (0, 1, 2))
                if not why:
                    mine, _ = measure([gl, "check", tree], root, env, 1,
                                      (0, 1))
                    print("%-30s %9.2f %9.0f %9.1f %11s  gunilint is %.0fx "
                          "faster (target 50x)" % (
                              "yamllint, 4k files", res[0], n / res[0],
                              size / 1e6 / res[0], fmt_kib(res[1]),
                              res[0] / mine[0]))
        shutil.rmtree(tree, ignore_errors=True)


def instructions(args, root):
    """Instructions one `check --args` costs, start-up included (the
    dynamic loader's work too), counted by valgrind's callgrind."""
    print()
    if shutil.which("valgrind") is None:
        print("instructions per check --args: not measured: valgrind is "
              "not installed")
        return
    out = os.path.join(root, "callgrind.out")
    for what, argv in (("without TLS files", ["--workers=2"]),
                       ("with --certfile (OpenSSL used)",
                        ["--workers=2 --certfile=/nonexistent.pem"])):
        r = subprocess.run(["valgrind", "--tool=callgrind",
                            "--callgrind-out-file=" + out,
                            os.path.abspath(args.gunilint), "check",
                            "--args"] + argv, cwd=root, capture_output=True,
                           text=True)
        refs = [ln for ln in r.stderr.splitlines() if "refs:" in ln]
        n = refs[-1].split("refs:")[1].strip() if refs else "?"
        print("instructions per check --args, %s: %s (target: under 1,000,000)"
              % (what, n))


def main():
    ap = argparse.ArgumentParser(description="gunilint benchmarks")
    ap.add_argument("gunilint")
    ap.add_argument("--top", default=os.path.abspath(
        os.path.join(os.path.dirname(__file__), "..")))
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--corpus", type=int, default=2000)
    ap.add_argument("--line", help="the GUNICORN_CMD_ARGS value to time")
    ap.add_argument("--scale", type=lambda v: [int(x) for x in v.split(",")],
                    default=[1000, 4000, 16000],
                    help="file counts of the scale runs (default "
                    "1000,4000,16000)")
    args = ap.parse_args()
    line = args.line or (
        "--bind=0.0.0.0:8443 --workers=3 --worker-class "
        "uvicorn.workers.UvicornWorker --keyfile=/opt/key/abc-key.pem "
        "--certfile=/opt/key/abc-cert.pem")
    root = tempfile.mkdtemp(prefix="gl-bench-")
    try:
        with open(os.path.join(root, "app.py"), "w") as fp:
            fp.write(APP_PY)
        table(args, line, root)
        instructions(args, root)
        throughput(args, root)
        scale(args, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
