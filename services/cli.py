"""The `blogtail` console script: one command, a subcommand per job."""

import argparse
import json
import os
import socket
import sys
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any, NoReturn, TypeAlias

import redis
import structlog
from pydantic import ValidationError
from rq import Worker
from rq.serializers import JSONSerializer

import schemas
from schemas import FileReceived, FileRejected, event_schemas, event_types
from services.dashboard import serve_dashboard
from services.embedded import NoServerError, ServerBusyError, redact, resolve_redis_url
from services.eventlog import (
    CLAIM_IDLE_MS,
    MAX_DELIVERIES,
    EventFilter,
    EventLog,
    skip_foreign,
)
from services.intake import EntryRefusedError, read_entry, shown
from services.logs import configure_logging
from services.progress import Progress
from services.queueing import (
    CaptureWorker,
    Taken,
    await_committed,
    backfill_queue,
    capture_queues,
    folder_of,
    reject_unread,
    take_in_batches,
)
from services.replay import ReplayRefusedError, rebuild
from services.retry import failed_report, quarantined_files, retry
from services.runtime import handle_stop_signals, run_server, run_up, watch_inbox
from services.settings import ConfigurationError, Settings, settings_error
from services.status import collect_status, render_status
from services.watcher import capture_files
from workers.jobs import run_capture
from workers.parsing import compiled, render_explained
from workers.pipeline import Capture, CaptureRejectedError, Recall, parse_capture
from workers.projection import REJECTED
from workers.simulate import simulate, write_simulation
from workers.store.keys import Keys
from workers.store.redis_store import RedisStore

log = structlog.get_logger(__name__)

CLEAR_SCREEN = "\x1b[H\x1b[2J"
SCHEMA_DIR = Path(schemas.__file__).parent / "json"


def build_parser() -> argparse.ArgumentParser:
    """Describe every subcommand and its flags."""
    common = Parser(add_help=False)
    common.add_argument("--redis-url", help="Redis URL (default: the server `up` recorded)")
    common.add_argument("--state-dir", type=Path, help="state folder (default ./.blogtail)")

    parser = Parser(prog="blogtail", description=__doc__)
    parser.add_argument("--version", action="version", version=f"blogtail {version('blogtail')}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_running_commands(commands, common)
    _add_file_commands(commands, common)
    _add_log_commands(commands, common)
    return parser


class Parser(argparse.ArgumentParser):
    """An argument parser that tells a mistake in one line, not a usage dump."""

    def error(self, message: str) -> NoReturn:
        """Print the mistake and where help is, then exit 2."""
        self.exit(2, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


Commands: TypeAlias = "argparse._SubParsersAction[Parser]"


def _command(
    commands: Commands,
    name: str,
    summary: str,
    description: str,
    example: str,
    *,
    parents: Sequence[Parser] = (),
) -> Parser:
    """Add a subcommand with its one-line summary, its description and an example."""
    return commands.add_parser(
        name,
        parents=list(parents),
        help=summary,
        description=description,
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _add_running_commands(commands: Commands, common: Parser) -> None:
    """Add the long-running commands: up, server, watch, worker."""
    archive_help = "move processed files here instead of leaving them (default: they stay)"
    up = _command(
        commands,
        "up",
        "run server, workers and watcher",
        "Run everything: the embedded server (unless --redis-url names one), the workers and "
        "the inbox watcher, until Ctrl-C or SIGTERM.",
        "blogtail up --inbox ./inbox --workers 2",
        parents=[common],
    )
    up.set_defaults(handler=cmd_up)
    up.add_argument("--inbox", type=Path, help="folder to watch (default ./inbox)")
    up.add_argument("--workers", type=_count, help="worker processes (default 2)")
    up.add_argument("--archive", type=Path, help=archive_help)
    up.add_argument(
        "--dashboard",
        action="store_true",
        default=None,
        help="also serve the dashboard (BLOGTAIL_DASHBOARD_HOST/PORT/TOKEN; 127.0.0.1:8377)",
    )

    dashboard = _command(
        commands,
        "dashboard",
        "serve the web dashboard",
        "Serve the dashboard (queues, workers, failed captures with a retry button, the live "
        "event feed, posts per blog, throughput) and Prometheus metrics on /metrics.",
        "blogtail dashboard --port 8377 --token s3cret",
        parents=[common],
    )
    dashboard.set_defaults(handler=cmd_dashboard)
    dashboard.add_argument(
        "--host", dest="dashboard_host", help="address to listen on (default 127.0.0.1)"
    )
    dashboard.add_argument(
        "--port", dest="dashboard_port", type=int, help="port to listen on (default 8377)"
    )
    dashboard.add_argument(
        "--token", dest="dashboard_token", help="ask every request for this token"
    )
    dashboard.add_argument(
        "--inbox", type=Path, help="the inbox whose quarantine to show (./inbox)"
    )

    server = _command(
        commands,
        "server",
        "run the embedded server alone (for events, status)",
        "Run the embedded Valkey server alone and record its URL in the state folder, so that "
        "`up`, `events` and `status` run here use it.",
        "blogtail server",
        parents=[common],
    )
    server.set_defaults(handler=cmd_server)

    watch = _command(
        commands,
        "watch",
        "watch the inbox only",
        "Watch the inbox and publish each new capture to the queue; workers run elsewhere.",
        "blogtail watch --inbox /srv/captures --redis-url redis://127.0.0.1:6379/0",
        parents=[common],
    )
    watch.set_defaults(handler=cmd_watch)
    watch.add_argument("--inbox", type=Path, help="folder to watch (default ./inbox)")
    watch.add_argument("--archive", type=Path, help=archive_help)

    worker = _command(
        commands,
        "worker",
        "run one worker",
        "Run one RQ worker on the live and backfill lanes (live first).",
        "blogtail worker --burst",
        parents=[common],
    )
    worker.set_defaults(handler=cmd_worker)
    worker.add_argument("--burst", action="store_true", help="exit when the queue is empty")
    worker.add_argument("--name", help="worker name (default host:pid)")


def _add_file_commands(commands: Commands, common: Parser) -> None:
    """Add the commands that take files: ingest, retry, parse, simulate."""
    ingest = _command(
        commands,
        "ingest",
        "ingest existing files",
        "Hand files or folders over to the backfill lane (or process them here with --inline); "
        "each file is applied once, whatever is run twice.",
        "blogtail ingest ./archive --wait",
        parents=[common],
    )
    ingest.set_defaults(handler=cmd_ingest)
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    ingest.add_argument("--wait", action="store_true", help="wait until the jobs finished")
    ingest.add_argument("--inline", action="store_true", help="do the work here, not in a worker")
    ingest.add_argument("--inbox", type=Path, help="root whose sub-folders name blogs (./inbox)")

    retry_ = _command(
        commands,
        "retry",
        "take quarantined files back once the cause is fixed",
        "Move quarantined files back into the inbox, forgetting their rejection.",
        "blogtail retry inbox/.quarantine/blog-a/capture.txt",
        parents=[common],
    )
    retry_.set_defaults(handler=cmd_retry)
    retry_.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="quarantined files (default: all)"
    )
    retry_.add_argument("--inbox", type=Path, help="the inbox whose quarantine to read (./inbox)")

    failed = _command(
        commands,
        "failed",
        "list failed and rejected captures; --retry takes them back",
        "List the captures blogtail rejected (kept in the inbox's quarantine, with the "
        "reason) and the jobs RQ gave up on, with their error; --retry puts the quarantined "
        "captures back in the inbox and hands them over again.",
        "blogtail failed --retry",
        parents=[common],
    )
    failed.set_defaults(handler=cmd_failed)
    failed.add_argument("--retry", action="store_true", help="take every one back and requeue it")
    failed.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    failed.add_argument("--inbox", type=Path, help="the inbox whose quarantine to read (./inbox)")

    parse = _command(
        commands,
        "parse",
        "print a capture's blog and posts as JSON",
        "Parse one capture, text or HTML, without a server, and print what blogtail reads.",
        "blogtail parse seeds/000_e04962a337bb4b2f.txt --explain",
    )
    parse.set_defaults(handler=cmd_parse)
    parse.add_argument("file", type=Path, help="a capture file, or - for standard input")
    parse.add_argument(
        "--explain", action="store_true", help="show each line's kind and the post it went to"
    )
    parse.add_argument(
        "--captured-at",
        type=datetime.fromisoformat,
        help="when it was captured, ISO-8601 (default: the file's modification time)",
    )

    simulate = _command(
        commands,
        "simulate",
        "write a simulated capture sequence",
        "Write a realistic sequence of captures of one blog (new posts, edits, drifting "
        "times, re-saves) and print the events it must give rise to.",
        "blogtail simulate seeds/000_e04962a337bb4b2f.txt --out ./sim --snapshots 12",
    )
    simulate.set_defaults(handler=cmd_simulate)
    simulate.add_argument(
        "seed_file", type=Path, metavar="SEED_FILE", help="a capture to start from"
    )
    simulate.add_argument("--out", type=Path, required=True, help="folder to write the captures to")
    simulate.add_argument(
        "--snapshots", type=_count, default=8, help="captures in the sequence (default 8)"
    )
    simulate.add_argument("--seed", type=int, default=0, help="random seed")
    simulate.add_argument(
        "--new-blog", action="store_true", help="start from a new blog's first capture: one post"
    )


def _add_log_commands(commands: Commands, common: Parser) -> None:
    """Add the commands that read the log and the queues: events, schema, status, replay."""
    schema = _command(
        commands,
        "schema",
        "write the events' JSON Schema",
        "Write a JSON Schema file per event type, and event.schema.json for any event.",
        "blogtail schema --out ./schemas-json",
    )
    schema.set_defaults(handler=cmd_schema)
    schema.add_argument(
        "--out",
        type=Path,
        default=SCHEMA_DIR,
        metavar="DIR",
        help=f"folder to write into (default {SCHEMA_DIR})",
    )

    events = _command(
        commands,
        "events",
        "print events as JSON lines",
        'Print the event log as JSON lines, each with its stream id as "id"; through a '
        "consumer group, each is acknowledged once written.",
        "blogtail events --follow --group indexer --type post.created,post.updated",
        parents=[common],
    )
    events.set_defaults(handler=cmd_events)
    events.add_argument("--from-start", action="store_true", help="start at the first event")
    events.add_argument("--since", metavar="ID", help="start after this stream id")
    events.add_argument("--follow", action="store_true", help="wait for new events")
    events.add_argument("--count", type=_count, help="stop after N events")
    events.add_argument(
        "--type", type=_types, default=frozenset(), help="only these types, comma-separated"
    )
    events.add_argument("--blog", metavar="ID", help="only this blog's events")
    events.add_argument("--group", help="read through this consumer group and acknowledge")
    events.add_argument("--consumer", help="consumer name in the group (default: host name)")
    events.add_argument(
        "--claim-idle",
        type=_seconds,
        default=CLAIM_IDLE_MS / 1000,
        metavar="SECONDS",
        help="claim entries another consumer left unacknowledged this long (default 60)",
    )
    events.add_argument(
        "--max-deliveries",
        type=_count,
        default=MAX_DELIVERIES,
        metavar="N",
        help="set an entry aside in the dead-letter stream after N deliveries (default 5)",
    )

    status = _command(
        commands,
        "status",
        "queues, workers, stream",
        "Show queues, workers, watchers, files, posts, the stream and its groups. "
        "Exits 1 when unhealthy (no worker, no watcher heartbeat, server unreachable).",
        "blogtail status --watch 2",
        parents=[common],
    )
    status.set_defaults(handler=cmd_status)
    status.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    status.add_argument(
        "--watch",
        type=_seconds,
        nargs="?",
        const=2.0,
        metavar="SECONDS",
        help="refresh in place every SECONDS (default 2) until Ctrl-C",
    )

    replay = _command(
        commands,
        "replay",
        "rebuild state from the log",
        "Drop the projections and rebuild them from the event log, the system's record.",
        "blogtail replay --rebuild",
        parents=[common],
    )
    replay.set_defaults(handler=cmd_replay)
    replay.add_argument("--rebuild", action="store_true", help="drop projections, then rebuild")
    replay.add_argument("--force", action="store_true", help="even with workers registered")


def _count(text: str) -> int:
    """Read a count of one or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is too small: give 1 or more")
    return value


def _seconds(text: str) -> float:
    """Read a duration in seconds, zero or more."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative: give 0 or more seconds")
    return value


def _types(text: str) -> frozenset[str]:
    """Read a comma-separated list of event types, each one blogtail emits."""
    try:
        return event_types(part.strip() for part in text.split(",") if part.strip())
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_settings(args: argparse.Namespace) -> Settings:
    """Build the one Settings object: environment first, then flags given."""
    overrides = {
        name: getattr(args, name)
        for name in (
            "redis_url",
            "state_dir",
            "inbox",
            "workers",
            "archive",
            "dashboard",
            "dashboard_host",
            "dashboard_port",
            "dashboard_token",
        )
        if getattr(args, name, None) is not None
    }
    return Settings(**overrides)


def require_folders(settings: Settings) -> None:
    """Refuse, before anything starts, a file given where a folder is expected."""
    for flag, folder in (
        ("--inbox", settings.inbox),
        ("--archive", settings.archive),
        ("--state-dir", settings.state_dir),
    ):
        if folder is not None and folder.exists() and not folder.is_dir():
            raise ConfigurationError(f"{flag} {folder} is a file: give a folder")


def connect(settings: Settings) -> redis.Redis:
    """Connect to the configured Redis or the one `up` recorded."""
    return redis.Redis.from_url(resolve_redis_url(settings.redis_url, settings.state_dir))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the console script."""
    args = build_parser().parse_args(argv)
    try:
        settings = build_settings(args)
    except ValidationError as error:
        print(f"blogtail: {settings_error(error)}", file=sys.stderr)
        return 2
    configure_logging(level=settings.log_level, fmt=settings.log_format)
    try:
        return _run(args, settings)
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error of ours.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:  # Ctrl-C: what it stopped is the user's choice, not an error
        return 0 if getattr(args, "watch", None) is not None else 130


def _run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the subcommand; a user's mistake or an unreachable server is one sentence."""
    try:
        code: int = args.handler(args, settings)
    except (NoServerError, ServerBusyError, ConfigurationError) as error:
        print(f"blogtail: {error}", file=sys.stderr)
        return 2
    except redis.AuthenticationError as error:
        print(f"blogtail: the server refused the password: {error}", file=sys.stderr)
        return 2
    except (redis.ConnectionError, redis.TimeoutError) as error:
        url = redact(resolve_redis_url(settings.redis_url, settings.state_dir))
        print(f"blogtail: cannot reach the server at {url}: {error}", file=sys.stderr)
        return 1 if args.handler is cmd_status else 2  # status: 1 is "unhealthy"
    return code


def cmd_up(args: argparse.Namespace, settings: Settings) -> int:
    """Run everything until Ctrl-C or SIGTERM."""

    require_folders(settings)
    stop, force = threading.Event(), threading.Event()
    handle_stop_signals(stop, force)
    run_up(settings, stop, force)
    return 0


def cmd_dashboard(args: argparse.Namespace, settings: Settings) -> int:
    """Serve the dashboard until Ctrl-C or SIGTERM."""

    stop = threading.Event()
    handle_stop_signals(stop)
    client = connect(settings)
    client.ping()  # an unreachable server is told now, not on the first page load
    server = serve_dashboard(client, settings, stop)
    host, port = server.server_address[:2]
    print(f"blogtail dashboard on http://{host!s}:{port}/", file=sys.stderr)
    stop.wait()
    return 0


def cmd_server(args: argparse.Namespace, settings: Settings) -> int:
    """Run the embedded server alone until Ctrl-C or SIGTERM; `up` run here will use it."""
    stop = threading.Event()
    handle_stop_signals(stop)
    run_server(settings, stop)
    return 0


def cmd_watch(args: argparse.Namespace, settings: Settings) -> int:
    """Watch the inbox and publish captures to the queue."""

    require_folders(settings)
    stop = threading.Event()
    handle_stop_signals(stop)
    watch_inbox(connect(settings), settings, stop)
    return 0


def cmd_worker(args: argparse.Namespace, settings: Settings) -> int:
    """Run one RQ worker on the capture queue."""

    client = connect(settings)
    name = args.name or f"{socket.gethostname()}:{os.getpid()}"
    # SimpleWorker runs jobs in its own process: no fork per capture, which is most
    # of a small job's latency. `up` restarts a worker that dies.
    # Both lanes, live first: RQ takes from the first queue that holds a job.
    worker = CaptureWorker(
        capture_queues(client, settings), connection=client, serializer=JSONSerializer, name=name
    )
    # RQ's own per-job lines repeat what our file.* and post.* events say; keep its warnings.
    rq_level = "DEBUG" if settings.log_level.lower() == "debug" else "WARNING"
    log.info("worker.ready", worker=name, parser="compiled" if compiled() else "python")
    worker.work(burst=args.burst, logging_level=rq_level, with_scheduler=False)
    return 0


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    """Ingest existing files or folders, through the queue or inline."""

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"blogtail: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    client = connect(settings)
    # Absolute, as the watcher names files, so a file ingested and later seen in the inbox
    # has one receipt; abspath, not resolve, so a link is judged as the link it is.
    roots = [Path(os.path.abspath(root)) for root in args.paths]  # noqa: PTH100
    files = [(path, root) for root in roots for path in capture_files(root)]

    def folder(path: Path, root: Path) -> str | None:
        """Name the blog as the watcher would, else by the sub-folder of a folder given."""
        return folder_of(path, settings.inbox) or folder_of(path, root if root.is_dir() else None)

    store = RedisStore(client, Keys(settings.namespace), stream_maxlen=settings.stream_maxlen)
    if args.inline:
        recall = Recall()
        for path, root in files:
            print(json.dumps(ingest_inline(path, folder(path, root), store, settings, recall)))
        return 0

    queue = backfill_queue(client, settings)
    since = EventLog(client, store.keys).last_id()
    jobs, paths = {}, {}
    for taken in take_in_batches(
        [(path, folder(path, root)) for path, root in files],
        store=store,
        queue=queue,
        settings=settings,
    ):
        if taken.job is not None:
            jobs[taken.receipt], paths[taken.receipt] = taken.job, str(taken.path)
        else:
            print(json.dumps({"path": str(taken.path), **_not_queued(taken)}))
    log.info("ingest.enqueued", captures=len(jobs), jobs=len({job.id for job in jobs.values()}))
    if not args.wait:
        return 0
    if not Worker.all(queue=queue):
        print("blogtail: no worker serves this queue yet; waiting", file=sys.stderr)
    failed = 0
    progress = Progress("committed", len(jobs))
    for ticket, job, event in await_committed(client, store.keys, jobs, since=since):
        line = {"path": paths[ticket], "job_id": job.id, **_committed(event)}
        failed += line["status"] in ("failed", "missing")
        progress.clear()
        print(json.dumps(line), flush=True)
        progress.advance()
    progress.finish()
    return 1 if failed else 0


def _committed(event: FileReceived | FileRejected | None) -> dict[str, object]:
    """Say what became of a capture by the event that committed it."""
    if event is None:
        return {"status": "missing"}
    if isinstance(event, FileRejected):
        status = "failed" if event.code == "failed" else "rejected"
        return {"status": status, "code": event.code, "reason": event.reason}
    return {
        "status": "applied",
        "blog_id": event.blog_id,
        "posts": event.posts,
        "warnings": list(event.warnings),
    }


def cmd_failed(args: argparse.Namespace, settings: Settings) -> int:
    """List rejected captures and failed jobs; with --retry, take the captures back."""
    if args.retry:
        return _retry_quarantined([], settings)
    client = connect(settings)
    inbox = Path(os.path.abspath(settings.inbox))  # noqa: PTH100 - as given, not resolved
    report = failed_report(inbox, capture_queues(client, settings))
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    captures, jobs = report["captures"], report["jobs"]
    print(f"captures rejected: {len(captures)}")
    for capture in captures:
        print(f"  {capture['path']}  {capture['code']}: {capture['reason']}")
    print(f"jobs failed: {len(jobs)}")
    for job in jobs:
        print(f"  {job['lane']} {job['job_id']}: {job['error']}")
    if captures:
        print("take them back with: blogtail failed --retry")
    return 0


def cmd_retry(args: argparse.Namespace, settings: Settings) -> int:
    """Put quarantined files back in the inbox and hand them over again."""
    return _retry_quarantined(args.paths, settings)


def _retry_quarantined(chosen: list[Path], settings: Settings) -> int:
    """Retry the chosen quarantined files (all when none), a JSON line for each."""
    client = connect(settings)
    store = RedisStore(client, Keys(settings.namespace), stream_maxlen=settings.stream_maxlen)
    queue = backfill_queue(client, settings)
    inbox = Path(os.path.abspath(settings.inbox))  # noqa: PTH100 - as given, not resolved
    failed = 0
    for quarantined in quarantined_files(inbox, chosen):
        done = retry(quarantined, inbox=inbox, store=store, queue=queue, settings=settings)
        line: dict[str, object] = {"quarantined": str(done.quarantined), "path": str(done.path)}
        if done.error is not None:
            failed += 1
            line |= {"status": "error", "error": done.error}
        elif done.taken is not None and done.taken.job is not None:
            line |= {"status": "queued", "job_id": done.taken.job.id}
        elif done.taken is not None:
            line |= _not_queued(done.taken)
        print(json.dumps(line))
    return 1 if failed else 0


def _not_queued(taken: Taken) -> dict[str, object]:
    """Describe an entry that needed no job: refused, or committed before."""
    if taken.refused is not None:
        return {"status": "rejected", "code": taken.refused.code, "reason": taken.refused.reason}
    if taken.applied == REJECTED:
        return {"status": "rejected", "reason": "rejected before"}
    return {"status": "already_applied", "blog_id": taken.applied}


def ingest_inline(
    path: Path, folder: str | None, store: RedisStore, settings: Settings, recall: Recall
) -> dict[str, object]:
    """Read and ingest one file in this process; describe what it gave."""
    try:
        entry = read_entry(path, settings.max_file_bytes)
    except EntryRefusedError as refused:
        reject_unread(store, path, refused)
        return {"path": shown(path), "status": "rejected", "code": refused.code}
    capture = Capture(path=str(path), raw=entry.raw, modified_at=entry.modified_at, folder=folder)
    outcome = run_capture(capture, store, max_bytes=settings.max_file_bytes, recall=recall)
    return {
        "path": str(path),
        "status": outcome.status.value,
        "blog_id": outcome.blog_id,
        "events": len(outcome.events),
        "reason": outcome.reason,
    }


def cmd_parse(args: argparse.Namespace, settings: Settings) -> int:
    """Print a capture's blog and posts as JSON, or how each line was read (--explain)."""

    captured_at = args.captured_at
    if captured_at is not None and captured_at.tzinfo is None:
        captured_at = captured_at.replace(tzinfo=UTC)
    name = str(args.file)
    try:
        if name == "-":
            raw, modified_at = sys.stdin.buffer.read(), None
        else:
            raw = args.file.read_bytes()
            modified_at = datetime.fromtimestamp(args.file.stat().st_mtime, UTC)
        reading = parse_capture(
            raw,
            name=name,
            max_bytes=settings.max_file_bytes,
            captured_at=captured_at,
            modified_at=modified_at,
        )
    except IsADirectoryError:
        print(f"blogtail parse: {name} is a folder, not a capture file", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"blogtail parse: cannot read {name}: {error.strerror or error}", file=sys.stderr)
        return 2
    except CaptureRejectedError as error:
        print(f"blogtail parse: {name}: {error.reason}", file=sys.stderr)
        return 2
    if args.explain:
        print(render_explained(reading))
        return 0
    snapshot = reading.snapshot
    output = {
        "blog": snapshot.blog.model_dump(mode="json"),
        "layout": snapshot.layout,
        "warnings": list(snapshot.warnings),
        "posts": [post.model_dump(mode="json") for post in snapshot.posts],
    }
    print(json.dumps(output, ensure_ascii=False, indent=2))
    return 0


def cmd_events(args: argparse.Namespace, settings: Settings) -> int:
    """Print events as JSON lines, optionally following and through a consumer group."""

    event_log = EventLog(connect(settings), Keys(settings.namespace))
    wanted = EventFilter(args.type, args.blog)
    if args.group:
        # One name per host by default, so a restarted reader gets its unacknowledged events.
        consumer = args.consumer or socket.gethostname()
        entries = event_log.read_group(
            args.group,
            consumer,
            from_start=args.from_start,
            follow=args.follow,
            # Unfiltered, read no more than is printed: what is read is delivered.
            count=None if args.type or args.blog else args.count,
            claim_idle_ms=int(args.claim_idle * 1000),
            max_deliveries=args.max_deliveries,
        )
    else:
        entries = event_log.read(
            from_start=args.from_start,
            follow=args.follow,
            since=args.since,
            count=None if args.type or args.blog else args.count,
        )
    printed = 0
    try:
        for entry in entries:
            if skip_foreign(entry):
                if args.group:  # set aside where an operator sees it, not delivered again
                    event_log.set_aside(args.group, entry.stream_id)
                continue
            if wanted(entry):
                sys.stdout.write(entry.line() + "\n")
                sys.stdout.flush()
                printed += 1
            if args.group:  # acknowledged once written; one filtered out is not for us
                event_log.ack(args.group, entry.stream_id)
            if args.count is not None and printed >= args.count:
                break
    except KeyboardInterrupt:
        pass
    return 0


def cmd_schema(args: argparse.Namespace, settings: Settings) -> int:
    """Write the JSON Schema of every event type."""

    if args.out.exists() and not args.out.is_dir():
        raise ConfigurationError(f"{args.out} is a file: --out needs a folder")
    args.out.mkdir(parents=True, exist_ok=True)
    for name, schema in sorted(event_schemas().items()):
        target = args.out / f"{name}.schema.json"
        target.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(target)
    return 0


def cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    """Show queues, workers, watchers and the stream."""

    url = resolve_redis_url(settings.redis_url, settings.state_dir)
    client = redis.Redis.from_url(url)
    queues, keys = capture_queues(client, settings), Keys(settings.namespace)
    while True:
        report: dict[str, Any] = collect_status(client, queues, keys, settings.namespace)
        report["server"] = redact(url)
        text = json.dumps(report, indent=2) if args.json else render_status(report)
        if args.watch is None:
            print(text)
            return 0 if report["healthy"] else 1
        sys.stdout.write(CLEAR_SCREEN + text + "\n")
        sys.stdout.flush()
        time.sleep(args.watch)  # until Ctrl-C, which main() turns into a quiet exit


def cmd_replay(args: argparse.Namespace, settings: Settings) -> int:
    """Rebuild the projections from the event log."""

    if not args.rebuild:
        print("blogtail: replay needs --rebuild (drop projections, then rebuild)", file=sys.stderr)
        return 2
    client = connect(settings)
    report = collect_status(
        client, capture_queues(client, settings), Keys(settings.namespace), settings.namespace
    )
    busy = bool(report["workers"] or report["watchers"]) and not args.force
    try:
        store = RedisStore(client, Keys(settings.namespace), stream_maxlen=settings.stream_maxlen)
        progress = Progress("events replayed", int(client.xlen(store.keys.events)))
        counts = rebuild(store, busy=busy, on_event=progress.advance)
        progress.finish()
    except ReplayRefusedError as error:
        print(f"blogtail: replay refused: {error}", file=sys.stderr)
        return 2
    print(json.dumps(counts))
    return 0


def cmd_simulate(args: argparse.Namespace, settings: Settings) -> int:
    """Write a simulated sequence of captures and print the events it must give."""

    simulation = simulate(
        args.seed_file.read_text(encoding="utf-8-sig"),
        snapshots=args.snapshots,
        seed=args.seed,
        new_blog=args.new_blog,
    )
    progress = Progress("captures written", args.snapshots)
    write_simulation(simulation, args.out, on_written=progress.advance)
    progress.finish()
    for expected in simulation.expected:
        print(expected.model_dump_json())
    return 0


if __name__ == "__main__":
    sys.exit(main())
