"""docker-compose.yml describes the deployment (parsed: no Docker engine runs here)."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_has_the_five_processes_with_healthchecks():
    services = compose()["services"]
    for name in ("postgres", "redis", "web", "worker", "beat"):
        assert name in services, name
        assert "healthcheck" in services[name], f"{name} has no healthcheck"
    assert services["web"]["command"][0] == "gunicorn"
    assert services["worker"]["command"][:4] == ["celery", "-A", "gaoyou_portal", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "gaoyou_portal", "beat"]


def test_compose_keeps_state_in_volumes_and_secrets_in_the_environment():
    data = compose()
    assert {"pgdata", "redisdata", "media"} <= set(data["volumes"])
    web = data["services"]["web"]
    env = web["environment"]
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert env["DEBUG"] == "0"
    assert env["DATABASE_URL"].startswith("postgres://")
    assert env["REDIS_URL"].startswith("redis://redis:6379")
    assert "media:/data/media" in web["volumes"]
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_dockerfile_builds_the_same_app():
    text = (ROOT / "Dockerfile").read_text()
    assert "pip install" in text and "collectstatic" in text and "compilemessages" in text
    # The manifest storage (DEBUG off) needs collectstatic to have run with DEBUG off too.
    assert "DEBUG=0 SECRET_KEY=build-only-not-used-at-run-time python manage.py collectstatic" in text
