#!/usr/bin/env python3
"""difftest.py: the differential test of `gunilint explain --format=gunicorn`
against the real gunicorn's `--print-config` (and its error output).

Two commands:

  difftest.py check --gunilint BIN [--mode recorded|live] ...
      runs every case through gunilint and compares stdout byte for byte,
      the exit status, and stderr with what gunicorn printed for the same
      input: either a live run of the real gunicorn in the same folder with
      the same environment, or the recording under testdata/diff/.
  difftest.py record --version VER [--src TREE] ...
      runs the real gunicorn on every case and rewrites the recording.

Cases come from testdata/diff/cases.jsonl (tests/diff/gencases.py) and from
the shared reference table gunicorn-argparse-cases.tsv when it is present.
Standard library only.
"""
import argparse
import concurrent.futures
import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

APP_PY = ('def app(environ, start_response):\n'
          '    start_response("200 OK", [("Content-Type", "text/plain")])\n'
          '    return [b"ok\\n"]\n'
          '\n'
          'application = app\n')

# How each release is started.  Debian's package is the installed script;
# the upstream releases are source trees run with Debian's python3.
DEBIAN = "20.1-debian"
VERSIONS = [DEBIAN, "23.0.0", "26.1.0"]
DEBIAN_GUNICORN = "/usr/bin/gunicorn"
PYTHON = "/usr/bin/python3"
TREE_LAUNCHER = ('import sys; sys.argv[0] = "gunicorn"; '
                 'from gunicorn.app.wsgiapp import run; run()')
TIMEOUT = 30

# Deliberate exceptions to the exact comparison.  Each is keyed on what the
# real gunicorn printed, so it cannot hide a difference elsewhere.
EXCEPTIONS = [
    ("app-import",
     "gunicorn imports the application after printing the settings; when "
     "that import fails it prints 'Error while loading the application:' "
     "and a traceback and exits 1.  gunilint runs no Python, so only stdout "
     "is compared."),
    ("help",
     "-h/--help prints argparse's full help text, built from the help "
     "strings in gunicorn's config.py, which gunilint does not carry; only "
     "the usage line (its first line), stderr and the exit status are "
     "compared."),
    ("traceback",
     "gunicorn died with an uncaught Python exception (e.g. WEB_CONCURRENCY="
     "abc is converted with int() while gunicorn.config is imported); the "
     "traceback names files of this machine, so only its last line "
     "(the exception) is compared with gunilint's last stderr line, plus "
     "stdout and the exit status."),
]

HELP_START = "usage: gunicorn [OPTIONS] [APP_MODULE]\n\n"

# Reference rows that cannot run here, with the reason.
TSV_SKIP_PREFIX = [("run-", "starts a real server (not a --print-config run)")]
CONFIG_SKIP = ("imports the config from a module on PYTHONPATH "
               "(python:MODULE): needs Python's import system")


# Generated cases that cannot be compared, with the reason.
GENERATED_SKIP = [
    (lambda c: "python:" in c["env"].get("GUNICORN_CMD_ARGS", "") +
     " ".join(c["argv"]),
     "-c python:MODULE imports a Python module to read the config: needs "
     "Python's import system"),
]


def die(msg):
    sys.stderr.write("difftest: %s\n" % msg)
    sys.exit(2)


# ---- cases -------------------------------------------------------------------

def load_generated(path):
    cases = []
    with open(path, encoding="utf-8") as fp:
        for line in fp:
            if line.strip():
                cases.append(json.loads(line))
    return cases


def tsv_files(row_files, gunicorn_args, argv):
    """Turns the table's files_used column into files to create (config
    files included: "./gunicorn.conf.py (cwd)" is the case folder's), or
    returns None when the row needs Python's import system."""
    files = {}
    for key, content in row_files.items():
        if "PYTHONPATH" in key:
            return None
        if "(cwd)" in key:
            key = key.replace("(cwd)", "").strip()
            if key.startswith("./"):
                key = key[2:]
        if content.startswith("(") and key.endswith(".py"):
            files[key] = APP_PY
        elif content.startswith("("):
            for part in key.split("/"):
                files[part] = ""
        else:
            files[key] = content
    return files


def load_tsv(path):
    """Reference rows as cases, plus the skipped ones with their reasons."""
    cases, skipped = [], []
    with open(path, encoding="utf-8") as fp:
        header = fp.readline().rstrip("\n").split("\t")
        for line in fp:
            if not line.strip():
                continue
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            cid = "tsv-" + row["case_id"]
            reason = None
            for prefix, why in TSV_SKIP_PREFIX:
                if row["case_id"].startswith(prefix):
                    reason = why
            gargs = json.loads(row["GUNICORN_CMD_ARGS_json"])
            env = {}
            if gargs is not None:
                env["GUNICORN_CMD_ARGS"] = gargs
            if row.get("extra_env_json"):
                env.update(json.loads(row["extra_env_json"]))
            argv = json.loads(row["argv_after_gunicorn_json"])
            files = {}
            if row.get("files_used_json") and reason is None:
                files = tsv_files(json.loads(row["files_used_json"]), gargs,
                                  argv)
                if files is None:
                    reason = CONFIG_SKIP
            if reason is None and "PYTHONPATH" in env:
                reason = CONFIG_SKIP
            if reason:
                skipped.append((cid, reason))
                continue
            cases.append({"id": cid, "env": env, "argv": argv,
                          "filemap": files})
    return cases, skipped


def case_key(case):
    """A short hash of a case's input, so a recording made for another
    input is noticed instead of silently compared."""
    blob = json.dumps([case["env"], case["argv"], case.get("files", []),
                       case.get("filemap", {})], sort_keys=True)
    return hashlib.sha1(blob.encode()).hexdigest()[:12]


def make_dir(root, idx, case):
    """The case folder: app.py plus the files the case lists."""
    d = os.path.join(root, idx if isinstance(idx, str) else "c%04d" % idx)
    os.makedirs(d)
    with open(os.path.join(d, "app.py"), "w") as fp:
        fp.write(APP_PY)
    for f in case.get("files", []):
        p = os.path.join(d, f)
        if f.endswith("/"):
            os.makedirs(p, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(p), exist_ok=True)
            open(p, "w").close()
    for f, content in case.get("filemap", {}).items():
        p = os.path.join(d, f)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as fp:
            fp.write(content)
    return d


# ---- running -----------------------------------------------------------------

def base_env(cwd, case):
    """The whole environment both programs get: nothing from the caller, so
    a stray GUNICORN_CMD_ARGS or XDG_RUNTIME_DIR cannot leak in."""
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "PWD": cwd,
           "LC_ALL": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}
    env.update(case["env"])
    return env


def run(cmd, cwd, env):
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=TIMEOUT)
        return {"status": p.returncode,
                "stdout": p.stdout.decode("utf-8", "backslashreplace"),
                "stderr": p.stderr.decode("utf-8", "backslashreplace")}
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "stdout": "", "stderr":
                "did not exit within %d s (did a server start?)\n" % TIMEOUT}


def gunicorn_cmd(version, src):
    if version == DEBIAN:
        return [DEBIAN_GUNICORN], {}
    return [PYTHON, "-c", TREE_LAUNCHER], {"PYTHONPATH": src}


def gunilint_cmd(binary, version):
    return [binary, "explain", "--format=gunicorn", "--gunicorn-version",
            version, "--env", "--", "gunicorn"]


PC_LINE = re.compile(r"^(user|group)( +)= (-?\d+)$", re.M)


def normalise(res, cwd):
    """Replaces what depends on this machine with placeholders: the case
    folder (@CWD@) and the effective uid/gid printed for user/group."""
    ids = {"user": str(os.geteuid()), "group": str(os.getegid())}

    def ugid(m):
        if m.group(3) == ids[m.group(1)]:
            return "%s%s= @%s@" % (m.group(1), m.group(2),
                                   "UID" if m.group(1) == "user" else "GID")
        return m.group(0)
    out = dict(res)
    for k in ("stdout", "stderr"):
        out[k] = res[k].replace(cwd, "@CWD@")
    out["stdout"] = PC_LINE.sub(ugid, out["stdout"])
    return out


def expectation(res):
    """What of a gunicorn result is compared, after normalise()."""
    err = res["stderr"]
    exp = {"status": res["status"], "stdout": res["stdout"]}
    if res["stdout"].startswith(HELP_START):
        exp["kind"] = "help"
        exp["stderr"] = err
    elif "\nError while loading the application:\n" in err:
        exp["kind"] = "app-import"
        exp["stderr"] = last_line(err)
    elif "Traceback (most recent call last):" in err:
        exp["kind"] = "traceback"
        exp["stderr"] = last_line(err)
    else:
        exp["kind"] = "exact"
        exp["stderr"] = err
    return exp


def last_line(text):
    lines = [ln for ln in text.split("\n") if ln.strip()]
    return lines[-1] if lines else ""


# ---- recordings --------------------------------------------------------------

def rec_dir(top, version):
    return os.path.join(top, "testdata", "diff", "gunicorn-" + version)


def encode_stdout(stdout, baseline):
    """A --print-config output differs from the baseline in a few lines; keep
    only those (by setting name) unless the shape differs."""
    b, s = baseline.split("\n"), stdout.split("\n")
    if stdout and len(b) == len(s) and \
            all(x.split(" ", 1)[0] == y.split(" ", 1)[0] for x, y in zip(b, s)):
        return {"changed": {y.split(" ", 1)[0]: y for x, y in zip(b, s)
                            if x != y}}
    return {"raw": stdout}


def decode_stdout(enc, baseline):
    if "raw" in enc:
        return enc["raw"]
    ch = enc["changed"]
    return "\n".join(ch.get(ln.split(" ", 1)[0], ln)
                     for ln in baseline.split("\n"))


def load_recording(top, version):
    d = rec_dir(top, version)
    try:
        with open(os.path.join(d, "baseline.txt"), encoding="utf-8") as fp:
            baseline = fp.read()
        recs = {}
        with open(os.path.join(d, "expected.jsonl"), encoding="utf-8") as fp:
            for line in fp:
                r = json.loads(line)
                recs[r["id"]] = r
    except OSError:
        return None
    out = {}
    for cid, r in recs.items():
        out[cid] = {"key": r["key"], "status": r["status"],
                    "stdout": decode_stdout(r["stdout"], baseline),
                    "stderr": r["stderr"], "kind": r["kind"]}
        if out[cid]["stdout"].startswith(HELP_START):
            out[cid]["kind"] = "help"
    return out


def write_recording(top, version, cases, exps, baseline):
    d = rec_dir(top, version)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "baseline.txt"), "w", encoding="utf-8") as fp:
        fp.write(baseline)
    with open(os.path.join(d, "expected.jsonl"), "w", encoding="utf-8") as fp:
        for case, exp in zip(cases, exps):
            rec = {"id": case["id"], "key": case_key(case),
                   "status": exp["status"], "kind": exp["kind"],
                   "stdout": encode_stdout(exp["stdout"], baseline),
                   "stderr": exp["stderr"]}
            fp.write(json.dumps(rec, ensure_ascii=False) + "\n")


# ---- comparing ---------------------------------------------------------------

def udiff(a, b, what, names, limit=40):
    lines = list(difflib.unified_diff(
        a.splitlines(True), b.splitlines(True), names[0] + " " + what,
        names[1] + " " + what, n=1))
    lines = [ln if ln.endswith("\n") else ln + "\n\\ no newline\n"
             for ln in lines]
    if len(lines) > limit:
        lines = lines[:limit] + ["  ... (%d more diff lines)\n"
                                 % (len(lines) - limit)]
    return "".join(lines)


def compare(exp, got, names=("gunicorn", "gunilint")):
    """Returns a list of difference reports; empty when they agree."""
    out = []
    if exp["kind"] == "help":
        first = exp["stdout"].split("\n", 1)[0] + "\n"
        if got["stdout"] != first:
            out.append(udiff(first, got["stdout"], "stdout (usage line)",
                             names))
    elif got["stdout"] != exp["stdout"]:
        out.append(udiff(exp["stdout"], got["stdout"], "stdout", names))
    if exp["kind"] == "app-import":
        return out
    if got["status"] != exp["status"]:
        out.append("exit status: %s %s, %s %s\n"
                   % (names[0], exp["status"], names[1], got["status"]))
    if exp["kind"] == "traceback":
        if last_line(got["stderr"]) != exp["stderr"]:
            out.append("last stderr line:\n  %s: %r\n  %s: %r\n"
                       % (names[0], exp["stderr"], names[1],
                          last_line(got["stderr"])))
    elif got["stderr"] != exp["stderr"]:
        out.append(udiff(exp["stderr"], got["stderr"], "stderr", names))
    return out


def exp_differs(a, b):
    return any(a[k] != b[k] for k in ("status", "stdout", "stderr", "kind"))


# ---- commands ----------------------------------------------------------------

def all_cases(args):
    cases = load_generated(os.path.join(args.top, "testdata", "diff",
                                        "cases.jsonl"))
    skipped, notes = [], []
    tsv = args.tsv or os.path.join(args.top, "..", "shared", "reference",
                                   "gunicorn-argparse-cases.tsv")
    keep = []
    for c in cases:
        why = [r for test, r in GENERATED_SKIP if test(c)]
        if why:
            skipped.append((c["id"], why[0]))
        else:
            keep.append(c)
    cases = keep
    if os.path.exists(tsv):
        tcases, tskipped = load_tsv(tsv)
        cases = tcases + cases
        skipped = tskipped + skipped
    else:
        notes.append("skipped: the reference cases (%s not found)" % tsv)
    if args.only:
        rx = re.compile(args.only)
        cases = [c for c in cases if rx.search(c["id"])]
    return cases, skipped, notes


def parse_src(items):
    out = {}
    for it in items or []:
        ver, _, path = it.partition("=")
        if ver not in VERSIONS or not os.path.isdir(path):
            die("--src wants VERSION=TREE with a gunicorn source tree: %s" % it)
        out[ver] = os.path.abspath(path)
    return out


def debian_available():
    if not os.access(DEBIAN_GUNICORN, os.X_OK):
        return False
    p = subprocess.run([DEBIAN_GUNICORN, "--version"], capture_output=True,
                       text=True, env={"PATH": "/usr/bin:/bin"})
    return p.stdout.strip() == "gunicorn (version 20.1.0)"


def live_for(version, src):
    if version == DEBIAN:
        return debian_available()
    return version in src


def run_gunicorn(version, src, case, d):
    cmd, extra = gunicorn_cmd(version, src.get(version))
    env = base_env(d, case)
    env.update(extra)
    return expectation(normalise(run(cmd + case["argv"], d, env), d))


def cmd_record(args):
    src = parse_src(args.src)
    if not live_for(args.version, src):
        die("cannot run gunicorn %s here (Debian's /usr/bin/gunicorn 20.1 "
            "or --src %s=TREE needed)" % (args.version, args.version))
    cases, skipped, notes = all_cases(args)
    root = tempfile.mkdtemp(prefix="gl-diff-")
    try:
        base_case = {"id": "baseline", "env": {}, "argv": ["--print-config",
                                                           "app:app"]}
        baseline = run_gunicorn(args.version, src, base_case,
                                make_dir(root, 0, base_case))["stdout"]
        dirs = [make_dir(root, i + 1, c) for i, c in enumerate(cases)]
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
            exps = list(ex.map(lambda cd: run_gunicorn(args.version, src,
                                                        cd[0], cd[1]),
                               zip(cases, dirs)))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    bad = [c["id"] for c, e in zip(cases, exps) if e["status"] == "timeout"]
    if bad:
        die("gunicorn did not exit for: %s" % " ".join(bad))
    write_recording(args.top, args.version, cases, exps, baseline)
    for n in notes:
        print(n)
    print("recorded %d cases for gunicorn %s (%d reference rows skipped)"
          % (len(cases), args.version, len(skipped)))
    return 0


def probe_support(binary, version, root):
    """One baseline run; a gunilint without the feature fails it."""
    case = {"id": "probe", "env": {}, "argv": ["--print-config", "app:app"]}
    d = make_dir(root, "probe-" + version, case)
    res = run(gunilint_cmd(binary, version) + case["argv"], d,
              base_env(d, case))
    if res["status"] == 0 and res["stdout"].startswith("access_log_format"):
        return None
    first = (res["stderr"].strip().split("\n") or [""])[0]
    return ("gunilint does not support --format=gunicorn with "
            "--gunicorn-version %s yet (baseline case: exit %s, stderr: %s)"
            % (version, res["status"], first or "(empty)"))


class Tally:
    def __init__(self):
        self.passed = self.failed = 0


def check_version(args, version, src, cases, dirs, root, tally):
    """Checks one release; returns the summary line."""
    live = args.mode == "live"
    if args.mode == "live" and not live_for(version, src):
        if version == DEBIAN:
            die("--live: Debian's gunicorn 20.1 is not installed")
        print("[%s] not run live: no --src %s=TREE given; compared with the "
              "recording" % (version, version))
        live = False
    rec = load_recording(args.top, version)
    if rec is None and not live:
        print("[%s] FAIL: no recording under %s and no live gunicorn"
              % (version, rec_dir(args.top, version)))
        tally.failed += len(cases)
        return "%s: 0 passed, %d failed" % (version, len(cases))
    why = probe_support(args.gunilint, version, root)
    if why:
        print("[%s] FAIL: %s" % (version, why))
        tally.failed += len(cases)
        return "%s: 0 passed, %d failed (not supported)" % (version,
                                                            len(cases))
    binary = args.gunilint

    def one(cd):
        case, d = cd
        msgs = []
        exp = None
        if live:
            exp = run_gunicorn(version, src, case, d)
            if exp["status"] == "timeout":
                return ["gunicorn " + exp["stderr"]]
        r = rec.get(case["id"]) if rec else None
        if rec is not None:
            if r is None or r["key"] != case_key(case):
                msgs.append("the recording has no entry for this input; "
                            "rerun tests/diff/record.sh\n")
            elif exp is not None and exp_differs(exp, r):
                msgs.append("the recording no longer matches the live "
                            "gunicorn (kind %s, live %s):\n"
                            % (r["kind"], exp["kind"]) + "".join(
                                compare(r, exp, ("recorded", "live"))))
            if exp is None and r is not None and \
                    r["key"] == case_key(case):
                exp = r
        if exp is None:
            return msgs
        got = normalise(run(gunilint_cmd(binary, version) + case["argv"], d,
                            base_env(d, case)), d)
        return msgs + compare(exp, got)

    npass = nfail = 0
    what = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        for case, msgs in zip(cases, ex.map(one, zip(cases, dirs))):
            if not msgs:
                npass += 1
                continue
            nfail += 1
            for m in msgs:
                key = aspect(m)
                what[key] = what.get(key, 0) + 1
            print("FAIL [%s] %s  env=%s argv=%s"
                  % (version, case["id"], json.dumps(case["env"],
                                                     ensure_ascii=False),
                     json.dumps(case["argv"], ensure_ascii=False)))
            if nfail > args.max_diffs:
                continue
            sys.stdout.write("".join("    " + ln + "\n" for m in msgs
                                     for ln in m.rstrip("\n").split("\n")))
    if nfail > args.max_diffs:
        print("[%s] (differences shown for the first %d failing cases only; "
              "--max-diffs N shows more)" % (version, args.max_diffs))
    tally.passed += npass
    tally.failed += nfail
    detail = ", ".join("%s %d" % kv for kv in sorted(what.items()))
    return "%s: %d passed, %d failed (%s)%s" % (
        version, npass, nfail, "live gunicorn" if live else "recording",
        "; differing: " + detail if detail else "")


def aspect(msg):
    """Which part a difference report is about, for the summary."""
    for prefix, name in (("--- gunicorn stdout", "stdout"),
                         ("--- gunicorn stderr", "stderr"),
                         ("exit status", "status"),
                         ("last stderr line", "stderr"),
                         ("the recording no longer", "recording"),
                         ("the recording has no", "recording")):
        if msg.startswith(prefix):
            return name
    return "other"


def generator_agrees(top):
    """True when cases.jsonl is exactly what gencases.py writes now."""
    gen = os.path.join(top, "tests", "diff", "gencases.py")
    p = subprocess.run([sys.executable, gen], capture_output=True)
    with open(os.path.join(top, "testdata", "diff", "cases.jsonl"),
              "rb") as fp:
        return p.returncode == 0 and p.stdout == fp.read()


def cmd_check(args):
    if not os.access(args.gunilint, os.X_OK):
        die("not an executable: %s" % args.gunilint)
    args.gunilint = os.path.abspath(args.gunilint)
    src = parse_src(args.src)
    cases, skipped, notes = all_cases(args)
    for cid, why in skipped:
        print("skip %s: %s" % (cid, why))
    for n in notes:
        print(n)
    print("deliberate exceptions to the exact comparison:")
    for name, why in EXCEPTIONS:
        print("  %s: %s" % (name, why))
    tally = Tally()
    lines = []
    if not generator_agrees(args.top):
        print("FAIL testdata/diff/cases.jsonl differs from what "
              "tests/diff/gencases.py generates: regenerate it (and the "
              "recordings) with tests/diff/record.sh")
        tally.failed += 1
    root = tempfile.mkdtemp(prefix="gl-diff-")
    try:
        dirs = [make_dir(root, i + 1, c) for i, c in enumerate(cases)]
        for version in args.versions:
            lines.append(check_version(args, version, src, cases, dirs, root,
                                       tally))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    for ln in lines:
        print("  " + ln)
    print("check-diff: %d passed, %d failed, %d skipped"
          % (tally.passed, tally.failed, len(skipped) * len(args.versions)))
    return 1 if tally.failed else 0


def main():
    top = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("check", "record"):
        p = sub.add_parser(name)
        p.add_argument("--top", default=top)
        p.add_argument("--tsv", help="the reference case table")
        p.add_argument("--src", action="append", metavar="VERSION=TREE",
                       help="a gunicorn source tree to run for VERSION")
        p.add_argument("--jobs", "-j", type=int, default=2)
        p.add_argument("--only", help="regular expression on case ids")
    c = sub.choices["check"]
    c.add_argument("--gunilint", required=True)
    c.add_argument("--max-diffs", type=int, default=60,
                   help="print differences for at most N failing cases per "
                   "release (the others are listed by id)")
    c.add_argument("--mode", choices=["live", "recorded"],
                   default="recorded")
    c.add_argument("--versions", nargs="+", default=VERSIONS,
                   choices=VERSIONS)
    sub.choices["record"].add_argument("--version", required=True,
                                       choices=VERSIONS)
    args = ap.parse_args()
    return cmd_check(args) if args.cmd == "check" else cmd_record(args)


if __name__ == "__main__":
    sys.exit(main())
