#!/bin/sh
# check-readme-ci.sh GUNILINT: the CI and editor examples of README.md
# work.  Each YAML block of "### CI examples" parses; the pre-commit one
# names a hook of .pre-commit-hooks.yaml; the GitHub job uploads with
# github/codeql-action/upload-sarif the file its gunilint step writes, and
# the GitLab job publishes as artifacts:reports:codequality the file its
# script writes.  Every `gunilint check` command of the examples then runs
# on the bundled example deployment: it must exit 0 or 1 (never a usage
# error), write each -o file, SARIF 2.1.0 and codeclimate JSON where the
# formats say so, and print its stdout report.
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
command -v python3 >/dev/null || { echo "skipped: python3 is not installed"; exit 0; }
python3 -c 'import yaml' 2>/dev/null ||
	{ echo "skipped: python3-yaml is not installed"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -R "$top/testdata/examples/fastapi-tls" "$tmp/work"
cd "$tmp/work" || exit 1
python3 - "$top" "$bin" <<'PY'
import json, os, re, shlex, subprocess, sys, yaml
top, gl = sys.argv[1], sys.argv[2]
readme = open(os.path.join(top, "README.md")).read()
sec = readme.split("### CI examples", 1)[1].split("\n## ", 1)[0]
blocks = re.findall(r"```yaml\n(.*?)```", sec, re.S)
passed = failed = 0

def ok(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL readme-ci:", what)

def out_file(cmd, fmt):
    """The -o file bound to --format fmt in a gunilint command line."""
    w = shlex.split(cmd)
    for i, a in enumerate(w):
        if a == "--format" and i + 1 < len(w) and w[i + 1] == fmt:
            if i + 3 < len(w) and w[i + 2] == "-o":
                return w[i + 3]
    return None

def run(cmd, stdin=None):
    """Runs a `gunilint check ...` line with the binary under test."""
    w = shlex.split(cmd)
    assert w[0] == "gunilint"
    for f in os.listdir("."):
        if f.endswith((".sarif", ".json")) and os.path.isfile(f):
            os.remove(f)
    p = subprocess.run([gl] + w[1:], input=stdin, capture_output=True)
    ok(p.returncode in (0, 1), f"`{cmd}` exits {p.returncode}: "
       f"{p.stderr.decode(errors='replace').strip()}")
    i = 0
    stdout_fmt = "text"
    while i < len(w):
        if w[i] == "--format":
            fmt, path = w[i + 1], None
            if i + 3 < len(w) and w[i + 2] == "-o":
                path = w[i + 3]
                i += 2
            if path is None:
                stdout_fmt = fmt
            else:
                ok(os.path.isfile(path), f"`{cmd}` writes {path}")
                if os.path.isfile(path) and fmt in ("sarif", "codeclimate", "json"):
                    doc = json.load(open(path))
                    if fmt == "sarif":
                        ok(doc.get("version") == "2.1.0", f"{path} is SARIF 2.1.0")
                    if fmt == "codeclimate":
                        ok(isinstance(doc, list) and all("check_name" in d
                           for d in doc), f"{path} is a codeclimate list")
            i += 2
        else:
            i += 1
    ok(len(p.stdout) > 0, f"`{cmd}` prints its {stdout_fmt} report")
    return p

ok(len(blocks) == 3, f"3 YAML blocks (pre-commit, GitHub, GitLab), found {len(blocks)}")
docs = []
for b in blocks:
    try:
        docs.append(yaml.safe_load(b))
        ok(True, "")
    except yaml.YAMLError as e:
        ok(False, f"a YAML block does not parse: {e}")
        docs.append(None)
pc, gh, gitlab = (docs + [None] * 3)[:3]

# pre-commit: the hook id exists, its args run.
hooks = yaml.safe_load(open(os.path.join(top, ".pre-commit-hooks.yaml")))
ids = {h["id"]: h for h in hooks}
h = pc["repos"][0]["hooks"][0] if pc else {}
ok(h.get("id") in ids, f"pre-commit hook id {h.get('id')!r} is in .pre-commit-hooks.yaml")
if h.get("id") in ids:
    entry = ids[h["id"]]["entry"]
    run(" ".join([entry] + [shlex.quote(a) for a in h.get("args", [])] +
                 ["Dockerfile", "k8s/deployment.yaml"]))

# GitHub: the gunilint step's SARIF file is the one uploaded.
steps = gh["jobs"]["gunilint"]["steps"] if gh else []
gl_cmds = [l.strip() for s in steps for l in s.get("run", "").splitlines()
           if l.strip().startswith("gunilint check")]
up = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
ok(len(gl_cmds) == 1 and len(up) == 1, "the GitHub job has one gunilint step and one upload-sarif step")
if gl_cmds and up:
    ok(out_file(gl_cmds[0], "sarif") == up[0]["with"]["sarif_file"],
       "upload-sarif uploads the file gunilint writes")
    ok(gh["jobs"]["gunilint"]["permissions"].get("security-events") == "write",
       "the GitHub job may write security events")
    run(gl_cmds[0])

# GitLab: the codeclimate file is the code quality report.
job = gitlab["gunilint"] if gitlab else {}
gl_cmds = [l for l in job.get("script", []) if l.startswith("gunilint check")]
ok(len(gl_cmds) == 1, "the GitLab job runs gunilint check once")
if gl_cmds:
    rep = job["artifacts"]["reports"]["codequality"]
    ok(out_file(gl_cmds[0], "codeclimate") == rep,
       "artifacts:reports:codequality is the file gunilint writes")
    ok(job["artifacts"].get("when") == "always", "the report is kept when findings fail the job")
    run(gl_cmds[0])

# Editors: the stdin command with the Dockerfile's bytes.
m = re.search(r"`(gunilint check [^`]*--stdin-filename[^`]*)`",
              readme.split("### Editors", 1)[1].replace("\n", " "))
ok(m is not None, "the Editors paragraph shows a --stdin-filename command")
if m:
    p = run(m.group(1), stdin=open("Dockerfile", "rb").read())
    name = shlex.split(m.group(1))[-1]
    ok(all(l.startswith(name + ":") for l in p.stdout.decode().splitlines()),
       f"every finding of the editor command is named {name}")
print(f"readme-ci: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
