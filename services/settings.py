"""The one settings object, read from BLOGTAIL_* variables and the command line."""

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


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
    workers: int = 2
    stream_maxlen: int = 0
    job_timeout: int = 120
    job_retries: int = 3
    batch_size: int = 10
    """Captures of one blog per backfill job: RQ's fixed cost is paid once for them."""
    settle_seconds: float = 1.0
    close_quiet_seconds: float = 0.2
    max_file_bytes: int = 16 * 1024 * 1024
    log_format: str = "console"
    log_level: str = "info"
