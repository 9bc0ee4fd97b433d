#!/bin/sh
# check-precommit.sh GUNILINT: the pre-commit hook in .pre-commit-hooks.yaml,
# run by the real pre-commit against a throw-away git repository.  The hook
# repository is a temporary git copy of the manifest as it is in the work
# tree, so an uncommitted edit is tested too.  Checks: the manifest is
# valid; its `files`/`exclude` patterns pick the right file names; a bad
# compose file and a bad Pod manifest fail the hook, a good compose file
# passes, a README is skipped.
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
pass=0 fail=0 skip=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL precommit: $*"; }

if ! command -v pre-commit >/dev/null 2>&1 || ! command -v git >/dev/null 2>&1; then
	echo "skipped: pre-commit or git is not installed (apt-get install pre-commit git)"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi

if pre-commit validate-manifest "$top/.pre-commit-hooks.yaml" >"$tmp/log" 2>&1; then
	ok
else
	bad "manifest is not valid"; cat "$tmp/log"
fi

# Which names the hook takes, with the manifest's own patterns (Python re,
# as pre-commit uses them).
python3 - "$top/.pre-commit-hooks.yaml" >"$tmp/names" 2>&1 <<'PY'
import re, sys, yaml
hook = yaml.safe_load(open(sys.argv[1]))[0]
inc, exc = re.compile(hook["files"]), re.compile(hook.get("exclude", "^$"))
cases = {
    "Dockerfile": 1, "docker/Dockerfile.prod": 1, "Containerfile": 1,
    "api.dockerfile": 1, "compose.yaml": 1, "docker-compose.override.yml": 1,
    "k8s/deploy.yaml": 1, "README.md": 0, "app/main.py": 0, "Dockerfile.md": 0,
    "requirements.txt": 1, ".gunilint.yaml": 0, ".pre-commit-config.yaml": 0,
    "docs/Dockerfiles/x.txt": 0, "environment.py": 0,
    ".env": 1, "app/.env.example": 1, "config/prod.env": 1, "Procfile": 1,
    "Procfile.dev": 1, "app.yaml": 1, ".envrc": 0, "Procfile.txt": 0,
    "gunicorn.conf.py": 1, "deploy/gunicorn_conf.py": 1, "gunicorn.py": 1,
    "conf/gunicorn_config.py": 1, "prod.conf.py": 1, "conf.py": 0,
    "requirements-dev.txt": 1, "app/dev-requirements.txt": 1,
    "constraints.txt": 1, "pyproject.toml": 1, "uv.lock": 1,
    "Pipfile.lock": 1, "Dockerfile.txt": 0, "notes.txt": 0,
    "requirements/production.txt": 1, "docs/production.txt": 0,
}
bad = [n for n, want in cases.items()
       if bool(inc.search(n) and not exc.search(n)) != bool(want)]
print(" ".join(bad) if bad else "ok")
PY
if [ "$(cat "$tmp/names")" = ok ]; then
	ok
else
	bad "file patterns wrong for: $(cat "$tmp/names")"
fi

# The hook itself needs a gunilint that fails on a bad compose file.
bad_compose='services:
  web:
    image: registry.example/web:1
    command: gunicorn --bind 0.0.0.0:8000 app:app
    environment:
      GUNICORN_CMD_ARGS: "--workers=-1"
'
mkdir -p "$tmp/probe"
printf '%s' "$bad_compose" >"$tmp/probe/compose.yaml"
"$bin" check "$tmp/probe/compose.yaml" >/dev/null 2>&1
file_rc=$?
if [ $file_rc -ne 1 ]; then
	echo "skipped: the hook run, as 'gunilint check' does not fail on a bad compose file (exit $file_rc, want 1)"
	skip=$((skip + 1))
	echo "$pass passed, $fail failed, $skip skipped"
	[ $fail -eq 0 ]
	exit
fi

export PRE_COMMIT_HOME="$tmp/cache" PATH="$(dirname "$bin"):$PATH"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@localhost GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@localhost
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
hooks=$tmp/hooks
mkdir -p "$hooks"
cp "$top/.pre-commit-hooks.yaml" "$hooks/"
(cd "$hooks" && git init -q && git add . && git commit -qm hooks) || bad "cannot make the hook repository"
rev=$(git -C "$hooks" rev-parse HEAD)

proj=$tmp/proj
mkdir -p "$proj"
cd "$proj" && git init -q || exit 1
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: gunilint
YAML
# A bad compose file fails the hook, naming the rule; fixed, it passes.
printf '%s' "$bad_compose" >compose.yaml
git add . >/dev/null
if pre-commit run --files compose.yaml >"$tmp/log" 2>&1; then
	bad "a compose file with --workers=-1 passed the hook"; cat "$tmp/log"
elif grep -q GL006 "$tmp/log"; then
	ok
else
	bad "the hook failed without naming GL006"; cat "$tmp/log"
fi
printf '%s' "$bad_compose" | sed 's/--workers=-1/--workers=2/' >compose.yaml
git add compose.yaml
if pre-commit run --files compose.yaml >"$tmp/log" 2>&1; then
	ok
else
	bad "a good compose file failed the hook"; cat "$tmp/log"
fi
# A Kubernetes manifest under k8s/ goes through the hook too.
mkdir -p k8s
cat >k8s/deploy.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: registry.example/web:1
      command: ["gunicorn", "app:app"]
YAML
git add k8s/deploy.yaml
if pre-commit run --files k8s/deploy.yaml >"$tmp/log" 2>&1; then
	bad "a Pod with gunicorn on 127.0.0.1 passed the hook"; cat "$tmp/log"
elif grep -q GL515 "$tmp/log"; then
	ok
else
	bad "the hook failed on the Pod without naming GL515"; cat "$tmp/log"
fi
# A config file and a Procfile are checked, not refused: a setting name
# gunicorn ignores fails the hook; a Procfile on $PORT passes it.
printf 'bind = "0.0.0.0:8000"\nworker = 4\n' >gunicorn.conf.py
printf 'web: gunicorn -c gunicorn.conf.py app:app\n' >Procfile
git add gunicorn.conf.py Procfile
if pre-commit run --files gunicorn.conf.py Procfile >"$tmp/log" 2>&1; then
	bad "'worker = 4' in gunicorn.conf.py passed the hook"; cat "$tmp/log"
elif grep -q GL154 "$tmp/log"; then
	ok
else
	bad "the hook failed on gunicorn.conf.py without naming GL154"; cat "$tmp/log"
fi
printf 'workers = 4\n' >gunicorn.conf.py
git add gunicorn.conf.py
if pre-commit run --files gunicorn.conf.py Procfile >"$tmp/log" 2>&1; then
	ok
else
	bad "a good gunicorn.conf.py and Procfile failed the hook"; cat "$tmp/log"
fi
echo '# not a launch' >README.md
git add README.md
if pre-commit run --files README.md >"$tmp/log" 2>&1 && grep -q Skipped "$tmp/log"; then
	ok
else
	bad "README.md was not skipped"; cat "$tmp/log"
fi

echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
