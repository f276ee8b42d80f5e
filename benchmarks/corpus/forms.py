"""Render a live-blog page into the text forms scrapers produce.

For PAGE.html, writes beside it:
- PAGE.innertext.txt: a browser's ``document.body.innerText`` (headless Chromium);
- PAGE.blocks.txt: BeautifulSoup's ``get_text("\\n")``, one block or inline run per line;
- PAGE.w3m.txt: ``w3m -dump``, a CSS-less dump that runs inline elements together;
- PAGE.md.txt: Markdown, as scrapers for language models write pages (markdownify, the same
  conversion as html2text, Firecrawl or Jina Reader in substance: headings, links, lists);
- PAGE.lynx.txt: ``lynx -dump`` as it comes: paragraphs wrapped at 80 columns, every link
  numbered ("[12]Read more") and listed under "References", form buttons marked "(BUTTON)".

Needs Debian's chromium, w3m and lynx, beautifulsoup4 and markdownify (none are blogtail's
dependencies: this is how the corpus was made, kept so anyone can remake it).

Run: python benchmarks/corpus/forms.py benchmarks/corpus/*/*.html
"""

import html
import re
import subprocess
import sys
import tempfile
from pathlib import Path

_DUMP_INNER_TEXT = (
    "<script>addEventListener('load', () => {"
    " const text = document.body.innerText;"
    " document.documentElement.innerHTML = '<body><pre id=\"innertext\"></pre></body>';"
    " document.getElementById('innertext').textContent = text; });</script>"
)
_CHROMIUM = (
    "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--dump-dom",
)  # fmt: skip


def inner_text(page: Path) -> str:
    """Return the page's innerText as Chromium lays it out."""
    source = page.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "page.html"
        probe.write_text(source.replace("</body>", _DUMP_INNER_TEXT + "</body>"), "utf-8")
        dumped = subprocess.run(
            [*_CHROMIUM, f"--user-data-dir={folder}/profile", probe.as_uri()],
            capture_output=True, text=True, timeout=120, check=True,
        ).stdout  # fmt: skip
    found = re.search(r'<pre id="innertext">(.*?)</pre>', dumped, re.DOTALL)
    if found is None:
        raise RuntimeError(f"Chromium gave no innerText for {page}")
    return html.unescape(found[1]) + "\n"


def block_text(page: Path) -> str:
    """Return BeautifulSoup's get_text("\\n") of the page's body."""
    from bs4 import BeautifulSoup  # noqa: PLC0415 (a corpus-making tool's own dependency)

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for hidden in soup(["script", "style", "noscript", "template"]):
        hidden.decompose()
    body = soup.body or soup
    return body.get_text("\n") + "\n"


def markdown_text(page: Path) -> str:
    """Return the page's body as Markdown (ATX headings)."""
    from bs4 import BeautifulSoup  # noqa: PLC0415 (a corpus-making tool's own dependency)
    from markdownify import markdownify  # noqa: PLC0415

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for hidden in soup(["script", "style", "noscript", "template"]):
        hidden.decompose()
    return str(markdownify(str(soup.body or soup), heading_style="ATX"))


def w3m_text(page: Path) -> str:
    """Return w3m's dump of the page, inline elements run together."""
    return subprocess.run(
        ["w3m", "-dump", "-T", "text/html", "-cols", "10000", "-O", "UTF-8", "-I", "UTF-8",
         str(page)],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout  # fmt: skip


def lynx_text(page: Path) -> str:
    """Return lynx's dump as it comes: lines wrapped at 80 columns, links numbered."""
    return subprocess.run(
        ["lynx", "-dump", "-assume_charset=utf-8", "-display_charset=utf-8", str(page)],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout  # fmt: skip


FORMS = (
    ("innertext", inner_text),
    ("blocks", block_text),
    ("w3m", w3m_text),
    ("md", markdown_text),
    ("lynx", lynx_text),
)


def main(pages: list[str]) -> int:
    """Write the text forms of every page given."""
    for name in pages:
        page = Path(name)
        stem = page.with_suffix("")
        for form, render in FORMS:
            stem.with_suffix(f".{form}.txt").write_text(render(page), encoding="utf-8")
        print(f"rendered {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
