#!/usr/bin/env python3
"""toml_tagged.py: the oracle for tests/check-toml.sh.

  toml_tagged.py FILE          prints FILE read by tomllib in the toml-test
                               "tagged" JSON form, or exits 1 if tomllib
                               rejects it (integers beyond 64 bits are
                               rejected too, as TOML 1.0 asks)
  toml_tagged.py --canon       reads JSON on stdin, prints it canonically
"""
import datetime
import json
import sys
import tomllib


def dt_text(v):
    if isinstance(v, datetime.date):
        s = "%04d-%02d-%02d" % (v.year, v.month, v.day)
        if not isinstance(v, datetime.datetime):
            return s
        s += "T"
    else:
        s = ""
    s += "%02d:%02d:%02d" % (v.hour, v.minute, v.second)
    if v.microsecond:
        s += ".%06d" % v.microsecond
    if isinstance(v, datetime.datetime) and v.tzinfo is not None:
        off = v.utcoffset()
        mins = int(off.total_seconds()) // 60
        sign = "-" if mins < 0 else "+"
        s += "%s%02d:%02d" % (sign, abs(mins) // 60, abs(mins) % 60)
    return s


def tag(v):
    if isinstance(v, dict):
        return {k: tag(x) for k, x in v.items()}
    if isinstance(v, list):
        return [tag(x) for x in v]
    if isinstance(v, bool):
        return {"type": "bool", "value": "true" if v else "false"}
    if isinstance(v, int):
        if not -(2 ** 63) <= v < 2 ** 63:
            raise ValueError("integer out of range")
        return {"type": "integer", "value": str(v)}
    if isinstance(v, float):
        s = "%.17g" % v
        return {"type": "float", "value": "nan" if v != v else s}
    if isinstance(v, str):
        return {"type": "string", "value": v}
    if isinstance(v, datetime.datetime):
        kind = "datetime" if v.tzinfo is not None else "datetime-local"
    elif isinstance(v, datetime.date):
        kind = "date-local"
    else:
        kind = "time-local"
    return {"type": kind, "value": dt_text(v)}


def main():
    if sys.argv[1] == "--canon":
        print(json.dumps(json.loads(sys.stdin.buffer.read()), sort_keys=True))
        return 0
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    try:
        doc = tag(tomllib.loads(data.decode("utf-8-sig")))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError) as e:
        print("rejected: %s" % e, file=sys.stderr)
        return 1
    print(json.dumps(doc, sort_keys=True))
    return 0


sys.exit(main())
