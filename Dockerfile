# Regioportaal production image: gunicorn serving regioportaal.wsgi; the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VAR_DIR=/app/var \
    MEDIA_ROOT=/app/var/media

# WeasyPrint's native libraries (Pango, HarfBuzz subsetting) and the fonts the PDFs use.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 1000 regioportaal \
    && useradd --system --uid 1000 --gid regioportaal --home-dir /app --shell /usr/sbin/nologin regioportaal

WORKDIR /app

# Dependencies first (the project installs no packages of its own: its code runs from /app).
COPY pyproject.toml constraints.txt ./
RUN pip install -c constraints.txt .

# The application itself (.dockerignore keeps .venv, node_modules, var/ and the tests out of the image).
COPY . .

# Static files collected at build time; the key only exists to let the settings load (DEBUG=0 demands one).
RUN DEBUG=0 SECRET_KEY=build-time-dummy-key-not-used-at-runtime python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media \
    && chown -R regioportaal:regioportaal /app/var

USER regioportaal

EXPOSE 8000

# Forwarded headers are trusted only from FORWARDED_ALLOW_IPS (gunicorn's default: 127.0.0.1 and ::1); compose sets
# it to the proxy's address.
CMD ["gunicorn", "regioportaal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-"]
