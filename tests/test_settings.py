import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV_READS = re.compile(
    r"""(?:os\.environ\.get|env_bool|env_list|required)\(\s*["']([A-Z0-9_]+)["']"""
)


def test_env_example_documents_every_setting():
    read = set()
    for path in (ROOT / "portal").rglob("*.py"):
        read |= set(ENV_READS.findall(path.read_text()))
    documented = set(re.findall(r"^#?\s*([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read, "found no settings read from the environment"
    assert read - documented == set()


def test_production_refuses_to_start_without_a_secret_key():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOWED_HOSTS"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.production"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
