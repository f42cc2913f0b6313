"""The settings module reads the environment; production settings refuse to run insecurely."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    # A production process has none of the test run's settings (DJANGO_ALLOW_ASYNC_UNSAFE is for Playwright only).
    skip = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", "CONN_MAX_AGE"}
    clean = {k: v for k, v in os.environ.items() if k not in skip}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_production_without_secret_key_refuses_to_start_with_a_clear_message():
    result = manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x" * 60 + "-production-test-key",
        ALLOWED_HOSTS="regioportaal.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def database_setting(**env):
    code = "from django.conf import settings; d = settings.DATABASES['default']; print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    result = manage("shell", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()[-2:]


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 60 + "-production-test-key",
    "ALLOWED_HOSTS": "regioportaal.example",
}


def test_production_keeps_database_connections_a_minute_and_checks_them_before_reuse():
    assert database_setting(**PRODUCTION) == ["60", "True"]
    assert database_setting(**PRODUCTION, CONN_MAX_AGE="0") == ["0", "True"]


def test_the_embedded_default_opens_a_connection_per_request():
    assert database_setting() == ["0", "True"]


def database_options(**env):
    code = "from django.conf import settings; print(sorted(settings.DATABASES['default'].get('OPTIONS', {}).items()))"
    result = manage("shell", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


POSTGRES = "postgres://postgres@127.0.0.1:5432/regioportaal"


def test_postgresql_binds_on_the_server_and_prepares_repeated_queries():
    assert database_options(**PRODUCTION, DATABASE_URL=POSTGRES, DB_RANDOM_PAGE_COST="") == (
        "[('prepare_threshold', 2), ('server_side_binding', True)]"
    )
    assert database_options(
        **PRODUCTION, DATABASE_URL=POSTGRES, DB_PREPARE_THRESHOLD="0", DB_RANDOM_PAGE_COST=""
    ) == ("[('prepare_threshold', 0), ('server_side_binding', True)]")


def test_prepared_statements_can_be_turned_off_for_a_transaction_pooler_and_sqlite_has_none():
    assert (
        database_options(**PRODUCTION, DATABASE_URL=POSTGRES, DB_PREPARED="0", DB_RANDOM_PAGE_COST="") == "[]"
    )
    assert database_options(DATABASE_URL="sqlite:///var/x.sqlite3") == "[]"


def test_postgresql_prices_a_random_page_read_for_memory_unless_told_otherwise():
    assert database_options(**PRODUCTION, DATABASE_URL=POSTGRES, DB_PREPARED="0") == (
        "[('options', '-c random_page_cost=1.1')]"
    )
    assert database_options(
        **PRODUCTION, DATABASE_URL=POSTGRES, DB_PREPARED="0", DB_RANDOM_PAGE_COST="2"
    ) == ("[('options', '-c random_page_cost=2')]")
