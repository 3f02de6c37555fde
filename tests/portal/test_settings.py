"""Settings come from the environment; bad values stop start-up with a message naming them."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_django(env_overrides, *args):
    # A clean environment: the test process itself runs with test values set.
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")}
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = "gaoyou_portal.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *(args or ("check",))], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )


def test_it_refuses_to_start_without_secret_key_when_debug_is_off():
    result = run_django({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_offline_developer_commands_need_no_secret():
    result = run_django({}, "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_it_names_a_malformed_database_url():
    result = run_django({"DEBUG": "1", "DATABASE_URL": "nonsense://what"})
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_it_names_a_malformed_debug_value():
    result = run_django({"DEBUG": "maybe-ish"})
    assert result.returncode != 0
    assert "DEBUG is malformed" in result.stderr


def test_it_names_a_malformed_redis_url():
    result = run_django({"DEBUG": "1", "REDIS_URL": "localhost:6379"})
    assert result.returncode != 0
    assert "REDIS_URL must start with redis://" in result.stderr


def test_deploy_check_passes_with_production_values(tmp_path):
    result = run_django(
        {
            "DEBUG": "0",
            "SECRET_KEY": "x" * 20 + "-production-like-secret-key-with-enough-entropy-1234567890",
            "ALLOWED_HOSTS": "portal.gaoyou.example",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_are_strict(settings):
    # The security settings the deploy check relies on, as the test settings import them.
    assert settings.X_FRAME_OPTIONS == "DENY"
    assert settings.SESSION_COOKIE_AGE <= 2 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert "csp.middleware.CSPMiddleware" in settings.MIDDLEWARE


def test_it_names_a_malformed_embed_origin():
    result = run_django({"DEBUG": "1", "PORTAL_EMBED_ORIGINS": "https://www.gaoyou.gov.cn/column/"})
    assert result.returncode != 0
    assert "PORTAL_EMBED_ORIGINS" in result.stderr and "is not an origin" in result.stderr
    assert run_django({"DEBUG": "1", "PORTAL_EMBED_ORIGINS": "https://www.gaoyou.gov.cn,http://10.0.0.5:8080"}
                      ).returncode == 0
