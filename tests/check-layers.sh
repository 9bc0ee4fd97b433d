#!/bin/sh
# check-layers.sh: each folder of src/ has one public header (the rest are
# *_int.h, for that folder only) and includes only folders below it in the
# layer order of docs/ARCHITECTURE.md, so the include graph between
# folders has no cycle and data flows one way (front -> model -> rules ->
# report).  Each include that breaks the order is a failure.
top=$(cd "$(dirname "$0")/.." && pwd)
command -v python3 >/dev/null || { echo "layers: skipped: python3 is not installed"; exit 0; }
python3 - "$top/src" <<'PY'
import os, re, sys
order = ["core", "py", "config", "front", "gunicorn", "model", "tls",
         "rules", "report", "probe", "cmd", "."]
rank = {d: i for i, d in enumerate(order)}
root = sys.argv[1]
passed = failed = 0
for dp, _, files in sorted(os.walk(root)):
    d = os.path.relpath(dp, root)
    for f in sorted(files):
        if not f.endswith((".c", ".h")):
            continue
        if d not in rank:
            print(f"FAIL src/{d}/{f}: folder {d} has no place in the layer order")
            failed += 1
            continue
        for m in re.finditer(r'#include "([^"]+)"', open(os.path.join(dp, f)).read()):
            inc = m.group(1)
            parts = [p for p in inc.split("/") if p != ".."]
            t = parts[0] if len(parts) > 1 else d
            if t not in rank:
                continue  # generated headers (version.h, settings_data)
            if rank[t] > rank[d]:
                print(f"FAIL src/{d}/{f} includes {inc}: {d} is below {t}")
                failed += 1
            elif t != d and parts[-1].endswith("_int.h"):
                print(f"FAIL src/{d}/{f} includes {inc}, internal to {t}")
                failed += 1
            else:
                passed += 1
# One public header per folder; the rest are *_int.h.
for dp, _, files in sorted(os.walk(root)):
    public = [f for f in files if f.endswith(".h") and not f.endswith("_int.h")]
    if len(public) > 1:
        print(f"FAIL src/{os.path.relpath(dp, root)}: public headers {sorted(public)}")
        failed += 1
    else:
        passed += 1
print(f"layers: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
