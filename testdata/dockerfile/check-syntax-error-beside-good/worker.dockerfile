FROM python:3.12-slim
WORKDIR /app
RUN pip install --no-cache-dir gunicorn==22.0.0 flask==3.0.3
COPY app.py .
COPY <<EOF /app/run.sh
#!/bin/sh
exec gunicorn --bind 0.0.0.0:8001 --workers 0 app:app
USER nobody
CMD ["sh", "/app/run.sh"]
