#!/bin/sh
set -e
# the volume belongs to root when it is first mounted
chown -R app:app /data
exec gosu app "$@"
