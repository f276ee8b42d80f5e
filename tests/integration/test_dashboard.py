"""The dashboard end to end in headless Chromium: posts appear live, a failed capture retried."""

import os
import shutil
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

from tests.conftest import SEEDS, wait_for
from tests.integration.daemon import Daemon

TOKEN = "s3cret"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    if not (shutil.which(CHROMEDRIVER) and shutil.which(CHROMIUM)):
        if os.environ.get("CI"):
            pytest.fail(".ci/run installs Debian's chromium and chromium-driver; none is here")
        pytest.skip("no Chromium here (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium'}",
        "--window-size=1280,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def daemon(tmp_path: Path) -> Iterator[tuple[Daemon, int]]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("BLOGTAIL_")}
    env |= {"BLOGTAIL_DASHBOARD_PORT": str(port), "BLOGTAIL_DASHBOARD_TOKEN": TOKEN}
    running = Daemon(tmp_path, env, ["--dashboard"])
    try:
        wait_for((tmp_path / ".blogtail" / "server.json").exists, 30, message="server")
        wait_for(lambda: len(running.status()["workers"]) == 2, 30, message="two workers")
        yield running, port
    finally:
        if running.process.poll() is None:
            running.stop()


def feed(driver: WebDriver, kind: str) -> list[str]:
    """The texts of the live feed's items of one event type."""
    items = driver.find_elements(By.CSS_SELECTOR, f"#feed li[data-type='{kind}'] .what")
    return [item.text for item in items]


def test_a_dropped_capture_appears_live_and_a_failed_one_is_retried_by_its_button(
    daemon: tuple[Daemon, int], browser: WebDriver
) -> None:
    running, port = daemon
    base = f"http://127.0.0.1:{port}"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{base}/api/status", timeout=10)
    assert refused.value.code == 401
    refused.value.close()

    browser.get(f"{base}/?token={TOKEN}")
    wait = WebDriverWait(browser, 30, poll_frequency=0.2)
    wait.until(lambda d: "healthy" in d.find_element(By.ID, "health").text)
    inbox = running.folder / "inbox"
    (inbox / "nato").mkdir()
    (inbox / "nato" / "capture.txt").write_bytes(SEEDS[0].read_bytes())
    wait.until(lambda d: len(feed(d, "post.created")) == 7)
    assert any(text for text in feed(browser, "post.created"))
    wait.until(lambda d: "nato" in d.find_element(By.ID, "blogs").text)

    (inbox / "truncated.txt").write_bytes(b"")  # the scraper's write failed
    button = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#failed button.retry"))[0]
    assert "empty" in browser.find_element(By.ID, "failed").text
    kept = inbox / ".quarantine" / "truncated.txt"
    kept.write_bytes(SEEDS[2].read_bytes())  # fetched again, into the quarantined file
    button.click()
    wait.until(lambda d: feed(d, "file.retried"))
    wait.until(lambda d: len(feed(d, "post.created")) == 7 + 9)
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#failed button.retry"))
    if shot := os.environ.get("BLOGTAIL_SCREENSHOT"):
        browser.save_screenshot(shot)

    asked = urllib.request.Request(f"{base}/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(asked, timeout=10) as reply:
        metrics = reply.read().decode()
    assert "blogtail_files_received_total 2.0" in metrics
    assert 'blogtail_files_rejected_total{reason="empty"} 1.0' in metrics
    assert 'blogtail_posts_total{change="created"} 16.0' in metrics
    assert 'blogtail_queue_jobs{queue="captures",state="queued"} 0.0' in metrics
    assert "blogtail_capture_seconds_count 3.0" in metrics
