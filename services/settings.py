"""The one settings object, read from BLOGTAIL_* variables and the command line."""

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Positive = Annotated[int, Field(ge=1)]
Count = Annotated[int, Field(ge=0)]
Seconds = Annotated[float, Field(ge=0)]
URL_SCHEMES = ("redis://", "rediss://", "unix://")


class ConfigurationError(Exception):
    """Settings that cannot work together, told to the user in one sentence."""


class Settings(BaseSettings):
    """How blogtail is configured; built once at the entry point and passed down."""

    model_config = SettingsConfigDict(env_prefix="BLOGTAIL_", frozen=True)

    redis_url: str | None = None
    state_dir: Path = Path(".blogtail")
    inbox: Path = Path("inbox")
    archive: Path | None = None
    namespace: str = "blogtail"
    queue: str = "captures"
    backfill_queue: str | None = None
    """The backfill lane's queue; by default the live queue's name + "-backfill"."""
    workers: Positive = 2
    stream_maxlen: Count = 0
    job_timeout: Positive = 120
    job_retries: Count = 3
    batch_size: Positive = 10
    """Captures of one blog per backfill job: RQ's fixed cost is paid once for them."""
    settle_seconds: Seconds = 1.0
    close_quiet_seconds: Seconds = 0.2
    max_file_bytes: Positive = 16 * 1024 * 1024
    dashboard: bool = False
    """Whether `up` also serves the dashboard."""
    dashboard_host: str = "127.0.0.1"
    """Where the dashboard listens: this machine only unless told otherwise."""
    dashboard_port: Annotated[int, Field(ge=0, le=65535)] = 8377
    dashboard_token: str | None = None
    """If set, the dashboard asks for it (?token= or Authorization: Bearer)."""
    log_format: Literal["auto", "console", "json"] = "auto"
    """"auto": readable on a terminal, JSON lines otherwise."""
    log_level: Literal["debug", "info", "warning", "error"] = "info"

    @field_validator("redis_url")
    @classmethod
    def _known_scheme(cls, url: str | None) -> str | None:
        if url is not None and not url.startswith(URL_SCHEMES):
            raise ValueError(f"{url!r} is not a Redis URL: it starts with none of {URL_SCHEMES}")
        return url


def settings_error(error: ValidationError) -> ConfigurationError:
    """Tell the first invalid setting in one sentence, naming its flag and variable."""
    problem = error.errors()[0]
    name = str(problem["loc"][0]) if problem["loc"] else "settings"
    flag = "--" + name.replace("_", "-")
    message = str(problem["msg"]).removeprefix("Value error, ")
    return ConfigurationError(
        f"invalid {flag} / BLOGTAIL_{name.upper()} ({problem.get('input')!r}): {message}"
    )
