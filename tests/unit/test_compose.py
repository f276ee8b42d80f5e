"""docker-compose.yml runs real blogtail subcommands."""

import yaml

from services.cli import build_parser
from tests.conftest import ROOT


def test_every_service_command_is_a_blogtail_subcommand() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    commands = {
        name: service["command"]
        for name, service in compose["services"].items()
        if service.get("command", [""])[0] == "blogtail"
    }
    assert set(commands) == {"watcher", "worker"}
    parser = build_parser()
    for command in commands.values():
        parser.parse_args(command[1:])  # exits (fails the test) on an unknown command or flag


def test_valkey_service_persists() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    valkey = compose["services"]["valkey"]
    assert "--appendonly" in valkey["command"]
    assert valkey["volumes"]
