# syntax=docker/dockerfile:1
# A newsroom web node: gunicorn serving Django, static files by WhiteNoise
# (collected and compressed at build), media on a volume shared by every node.
# docker-compose.yml puts it together with PostgreSQL; docs/deployment.md explains.
FROM python:3.11-slim-bookworm

# The build's name (docker build --build-arg NEWSROOM_BUILD_ID=$(git rev-parse --short
# HEAD)): part of every ETag and cache key; empty, a digest of the code is used.
ARG NEWSROOM_BUILD_ID=
ENV NEWSROOM_BUILD_ID=${NEWSROOM_BUILD_ID}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media \
    PORT=8000

# The process runs unprivileged; it owns nothing but the media folder (uploads).
RUN groupadd --system --gid 10001 newsroom \
 && useradd --system --uid 10001 --gid newsroom --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin newsroom

WORKDIR /app

# Dependencies first, so this layer is rebuilt only when the lock file changes: the
# exact versions of requirements/production.txt, each checked against its hash
# (gunicorn among them). The apps themselves run from /app, as in a checkout.
COPY requirements/production.txt requirements/production.txt
RUN pip install --require-hashes -r requirements/production.txt

COPY . .

# Static files are part of the image: collected with hashed, compressed names.
# collectstatic reads the settings, which refuse to start without a SECRET_KEY:
# this one exists during this command only and is never in the image.
RUN SECRET_KEY=build-only-collectstatic-not-a-secret DEBUG=false \
        python manage.py collectstatic --noinput --verbosity 1 \
 && mkdir -p "$MEDIA_ROOT" /app/tasks \
 && chown newsroom:newsroom "$MEDIA_ROOT" /app/tasks \
 && chmod 0755 docker/entrypoint.sh

USER newsroom
EXPOSE 8000

# Waits for the database and applies migrations (one node at a time), then runs CMD.
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "newsroom.wsgi", "-c", "newsroom/gunicorn.conf.py"]
