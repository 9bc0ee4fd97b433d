#!/bin/sh
set -e
export GUNICORN_CMD_ARGS="--workers 0"
exec gunicorn --bind 0.0.0.0:8000 \
    --timeout 0 app:app
