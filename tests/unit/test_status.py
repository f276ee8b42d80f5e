"""The status table people read."""

from services.status import render_status

REPORT = {
    "idle": False,
    "healthy": True,
    "problems": [],
    "server": "redis://blogtail:***@127.0.0.1:16379",
    "queues": [{"name": "captures", "queued": 3, "started": 1, "scheduled": 0, "failed": 2}],
    "workers": [
        {
            "name": "host:11",
            "state": "busy",
            "current_job": "capture-1",
            "current_capture": "capture /srv/inbox/nato/0412.txt",
            "successful_jobs": 40,
            "failed_jobs": 1,
        }
    ],
    "watchers": [{"id": "host:10", "inbox": "/srv/inbox", "pending": 2, "at": 0.0}],
    "stream": {
        "key": "{blogtail}:events",
        "length": 120,
        "last_id": "1700000000000-0",
        "dead_letters": 1,
    },
    "groups": [
        {
            "name": "alerts",
            "consumers": 1,
            "pending": 4,
            "lag": 7,
            "last_delivered_id": "1699999999999-0",
        }
    ],
    "files": {
        "received": 30,
        "with_warnings": 4,
        "retried": 1,
        "rejected": {"no_posts": 2, "symlink": 1},
    },
    "posts": {"created": 200, "updated": 12, "unchanged": 3400},
}


def test_render_status_shows_every_part() -> None:
    lines = render_status(REPORT).splitlines()
    assert lines[0] == "idle: no"
    assert "captures                3        1          0       2" in lines
    assert "workers: 1" in lines
    assert "  host:11  busy  done=40 failed=1  on capture /srv/inbox/nato/0412.txt" in lines
    assert "  host:10  inbox=/srv/inbox  pending=2" in lines
    assert "server: redis://blogtail:***@127.0.0.1:16379" in lines
    assert "stream {blogtail}:events: 120 events, last 1700000000000-0, dead letters 1" in lines
    assert "  group alerts: pending=4 lag=7 consumers=1" in lines
    assert "files: received=30 with_warnings=4 retried=1 rejected=3 (no_posts=2 symlink=1)" in lines
    assert "posts: created=200 updated=12 unchanged=3400" in lines


def test_render_status_of_an_empty_system() -> None:
    empty = {
        "idle": True,
        "healthy": False,
        "problems": ["no worker is running"],
        "queues": [{"name": "captures", "queued": 0, "started": 0, "scheduled": 0, "failed": 0}],
        "workers": [],
        "watchers": [],
        "stream": {"key": "{blogtail}:events", "length": 0, "last_id": None, "dead_letters": 0},
        "groups": [],
        "files": {"received": 0, "with_warnings": 0, "retried": 0, "rejected": {}},
        "posts": {"created": 0, "updated": 0},
    }
    text = render_status(empty)
    assert text.startswith("idle: yes   UNHEALTHY: no worker is running")
    assert "workers: 0" in text and "watchers: 0" in text
    assert "0 events, last -," in text
    assert "files: received=0 with_warnings=0 retried=0 rejected=0" in text
