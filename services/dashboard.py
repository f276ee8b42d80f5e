"""The web dashboard: one page, a JSON API behind it, the live feed as server-sent events."""

import hmac
import json
import os
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import redis
import structlog

from services.eventlog import EventLog, skip_foreign
from services.metrics import render_metrics
from services.queueing import backfill_queue, capture_queues
from services.retry import failed_report, quarantined_files, retry
from services.settings import ConfigurationError, Settings
from services.status import blog_counts, collect_status, throughput
from workers.store import replies
from workers.store.keys import Keys
from workers.store.redis_store import RedisStore

log = structlog.get_logger(__name__)

PAGE = Path(__file__).with_name("dashboard.html")
FEED_BACKLOG = 50
"""Events the live feed starts with, before following."""


class Dashboard:
    """What the page shows and does, read from Redis at each request."""

    def __init__(self, client: redis.Redis, settings: Settings) -> None:
        self.client, self.settings = client, settings
        self.keys = Keys(settings.namespace)
        self.queues = capture_queues(client, settings)
        self.inbox = Path(os.path.abspath(settings.inbox))  # noqa: PTH100 - as given

    def overview(self) -> dict[str, Any]:
        """The status report, with each blog's post count and the last hour's throughput."""
        report = collect_status(self.client, self.queues, self.keys, self.settings.namespace)
        report["blogs"] = blog_counts(self.client, self.keys)
        report["throughput"] = throughput(self.client, self.keys)
        return report

    def failed(self) -> dict[str, Any]:
        """Rejected captures (in quarantine) and the jobs RQ gave up on."""
        return failed_report(self.inbox, self.queues)

    def retry(self, quarantined: str | None) -> list[dict[str, Any]]:
        """Take one quarantined capture back (or every one) and hand it over again."""
        store = RedisStore(self.client, self.keys, stream_maxlen=self.settings.stream_maxlen)
        queue = backfill_queue(self.client, self.settings)
        chosen = [Path(quarantined)] if quarantined else []
        known = set(quarantined_files(self.inbox))
        results = []
        for path in quarantined_files(self.inbox, chosen):
            if path not in known:  # only what the quarantine holds, never a path of the caller's
                results.append({"quarantined": str(path), "error": "not in the quarantine"})
                continue
            done = retry(
                path,
                inbox=self.inbox,
                store=store,
                queue=queue,
                settings=self.settings,
            )
            results.append(
                {"quarantined": str(path), "path": str(done.path), "error": done.error or ""}
            )
        return results

    def metrics(self) -> bytes:
        """Prometheus' text format."""
        return render_metrics(self.client, self.queues, self.keys, self.settings.namespace)


def make_handler(dashboard: Dashboard, token: str | None) -> type[BaseHTTPRequestHandler]:
    """Build the request handler of one dashboard, closed over it and its token."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "blogtail"

        def log_message(self, format: str, *args: Any) -> None:
            """Keep http.server's per-request lines out of the log."""

        def _allowed(self) -> bool:
            """Tell whether the request carries the token; answer 401 if it does not."""
            if token is None:
                return True
            query = parse_qs(urlsplit(self.path).query)
            given = query.get("token", [""])[0]
            header = self.headers.get("Authorization", "")
            if header.startswith("Bearer "):
                given = header.removeprefix("Bearer ")
            if hmac.compare_digest(given.encode(), token.encode()):
                return True
            self._send(HTTPStatus.UNAUTHORIZED, b"a token is needed: ?token=...\n", "text/plain")
            return False

        def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
            """Answer with a whole body, never cached."""
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def _json(self, value: object) -> None:
            """Answer with a JSON value."""
            self._send(HTTPStatus.OK, json.dumps(value).encode(), "application/json")

        def do_GET(self) -> None:
            """Serve the page, the API, the live feed and the metrics."""
            if not self._allowed():
                return
            route = urlsplit(self.path).path
            if route == "/":
                self._send(HTTPStatus.OK, PAGE.read_bytes(), "text/html; charset=utf-8")
            elif route == "/api/status":
                self._json(dashboard.overview())
            elif route == "/api/failed":
                self._json(dashboard.failed())
            elif route == "/api/events":
                self._feed()
            elif route == "/metrics":
                self._send(HTTPStatus.OK, dashboard.metrics(), "text/plain; version=0.0.4")
            else:
                self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain")

        def do_POST(self) -> None:
            """Retry a quarantined capture: {"quarantined": path}, or every one with {}."""
            if not self._allowed():
                return
            if urlsplit(self.path).path != "/api/retry":
                self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain")
                return
            length = int(self.headers.get("Content-Length") or 0)
            try:
                asked = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                self._send(HTTPStatus.BAD_REQUEST, b"a JSON body is needed\n", "text/plain")
                return
            self._json(dashboard.retry(asked.get("quarantined")))

        def _feed(self) -> None:
            """Stream events as server-sent events: the last few, then each new one."""
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            events = EventLog(dashboard.client, dashboard.keys)
            since = self.headers.get("Last-Event-ID") or _backlog_start(events)
            try:
                for entry in events.read(from_start=False, follow=True, since=since):
                    if skip_foreign(entry):  # its data could break the feed's framing
                        continue
                    self.wfile.write(f"id: {entry.stream_id}\ndata: {entry.line()}\n\n".encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return  # the page went away

    return Handler


def _backlog_start(events: EventLog) -> str:
    """Return the id after which the last FEED_BACKLOG events begin."""
    recent = replies.entries(events.client.xrevrange(events.stream, count=FEED_BACKLOG + 1))
    return recent[-1][0] if len(recent) > FEED_BACKLOG else "0-0"


def serve_dashboard(
    client: redis.Redis, settings: Settings, stop: threading.Event
) -> ThreadingHTTPServer:
    """Start the dashboard in a thread; it stops when ``stop`` is set. Returns the server."""
    handler = make_handler(Dashboard(client, settings), settings.dashboard_token)
    address = (settings.dashboard_host, settings.dashboard_port)
    try:
        server = ThreadingHTTPServer(address, handler)
    except OSError as error:
        raise ConfigurationError(
            f"the dashboard cannot listen on {address[0]}:{address[1]}: {error.strerror}"
        ) from None
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="dashboard", daemon=True).start()

    def shut_down_on_stop() -> None:
        stop.wait()
        server.shutdown()

    threading.Thread(target=shut_down_on_stop, name="dashboard-stop", daemon=True).start()
    host, port = server.server_address[:2]
    log.info(
        "dashboard.started",
        url=f"http://{host!s}:{port}/",
        token=settings.dashboard_token is not None,
    )
    return server
