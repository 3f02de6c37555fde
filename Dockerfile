FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends gettext && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir -e .
COPY . .
# DEBUG off so collectstatic writes the hashed manifest the production storage serves from.
RUN DEBUG=0 SECRET_KEY=build-only-not-used-at-run-time python manage.py collectstatic --noinput -v0 \
    && python manage.py compilemessages -l zh_Hans
RUN useradd --create-home portal && mkdir -p /data/media && chown portal /data/media
USER portal
EXPOSE 8000
CMD ["gunicorn", "gaoyou_portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "4"]
