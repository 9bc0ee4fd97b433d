#!/bin/sh
set -e
python manage.py migrate --noinput
if [ "$1" = "gunicorn" ]; then
    echo "starting"
fi
"$@"
