"""Score the parser on labelled captures: post precision, recall and F1, times and authors.

The truth format is ../shared/captures/real/truth.json's (its README explains it): per file a
``captured_at``, and every post a reader sees with its ``headline`` (or null), ``raw_time``,
``utc`` (where knowable), ``first_words`` and, where the post names them, ``authors``. The
seeds' truth is read from their hand-checked golden files.

Run: python benchmarks/parse_accuracy.py [--corpus DIR ...] [--verbose] [--dump FILE]
"""

import argparse
import gzip
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # last: an installed (maybe compiled) blogtail comes first

from schemas import Post, Snapshot  # noqa: E402
from workers.parsing import compiled  # noqa: E402
from workers.pipeline import parse_capture  # noqa: E402

REAL = ROOT.parent / "shared" / "captures" / "real"
CORPUS = ROOT / "benchmarks" / "corpus"
GOLDEN = ROOT / "tests" / "golden"
SEEDS = ROOT / "seeds"
TIME_TOLERANCE_SECONDS = 90
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_SPACE = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Compare texts as a reader would: case, quotes, dashes and spacing aside."""
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES).casefold()
    return _SPACE.sub(" ", text.replace("\u2014", "-").replace("\u2013", "-")).strip(" .")


@dataclass
class Score:
    """Counts for one capture or many."""

    truth: int = 0
    parsed: int = 0
    found: int = 0
    timed: int = 0
    times_right: int = 0
    authored: int = 0
    authors_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        """Add another score's counts to this one."""
        for name in ("truth", "parsed", "found", "timed", "times_right", "authored"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.authors_right += other.authors_right

    @property
    def precision(self) -> float:
        return self.found / self.parsed if self.parsed else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.truth if self.truth else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def times(self) -> float:
        return self.times_right / self.timed if self.timed else 1.0

    @property
    def authors(self) -> float:
        return self.authors_right / self.authored if self.authored else 1.0


def _text(post: Post) -> str:
    return fold(" ".join([post.headline or "", *post.body, *post.bullets]))


def _matches(truth: dict, post: Post) -> bool:
    """Tell whether a parsed post is the true post: same headline, else same opening words."""
    if truth.get("headline"):
        return fold(post.headline) == fold(truth["headline"])
    opening = fold(truth.get("first_words"))
    if not opening:
        return False
    body = fold(" ".join([*post.body, *post.bullets]))
    return body.startswith(opening) or _text(post).startswith(opening)


def score(posts: Sequence[Post], truths: Sequence[dict]) -> Score:
    """Match true posts to parsed ones one to one, in page order, and count what is right."""
    result = Score(truth=len(truths), parsed=len(posts))
    free = list(range(len(posts)))
    for truth in truths:
        index = next((i for i in free if _matches(truth, posts[i])), None)
        if index is None:
            result.misses.append(truth.get("headline") or truth.get("first_words") or "?")
            continue
        free.remove(index)
        post = posts[index]
        result.found += 1
        if truth.get("utc"):
            result.timed += 1
            expected = datetime.fromisoformat(truth["utc"].replace("Z", "+00:00"))
            if post.published_at is not None:
                error = abs((post.published_at - expected).total_seconds())
                result.times_right += error <= TIME_TOLERANCE_SECONDS
        if "authors" in truth:
            result.authored += 1
            result.authors_right += {fold(a) for a in post.authors} == {
                fold(a) for a in truth["authors"]
            }
    return result


def read_capture(path: Path, truth: dict) -> Snapshot:
    """Parse one capture as the daemon would, at its true capture time."""
    captured = truth.get("captured_at")
    at = datetime.fromisoformat(captured.replace("Z", "+00:00")) if captured else None
    raw = read_bytes(path)
    return parse_capture(raw, name=path.name, max_bytes=len(raw), captured_at=at).snapshot


def score_capture(path: Path, truth: dict) -> Score:
    """Parse one capture as the daemon would, at its true capture time, and score it."""
    return score(read_capture(path, truth).posts, truth["posts"])


def corpus_entries() -> list[tuple[str, Path, dict]]:
    """Every labelled capture beside the checkout and in the repository's corpus."""
    return [entry for folder in [REAL, *sorted(CORPUS.glob("*/"))] for entry in labelled(folder)]


def golden_truth() -> Iterable[tuple[str, Path, dict]]:
    """Read the seeds' truth from their hand-checked golden files."""
    for seed in sorted(SEEDS.glob("*.txt")):
        golden = json.loads((GOLDEN / f"{seed.stem}.json").read_text(encoding="utf-8"))
        posts = []
        for post in golden["posts"]:
            words = " ".join((post["body"] or post["bullets"] or [""])[0].split()[:8])
            truth = {"headline": post["headline"], "first_words": words, "utc": None}
            if post["published_at"]:
                truth["utc"] = post["published_at"]
            if post["authors"]:
                truth["authors"] = post["authors"]
            posts.append(truth)
        yield f"seed {seed.stem[:3]}", seed, {"captured_at": None, "posts": posts}


def labelled(folder: Path) -> Iterable[tuple[str, Path, dict]]:
    """Read a folder of captures with a truth.json beside them; html/NAME.html.gz too."""
    truth_file = folder / "truth.json"
    if not truth_file.exists():
        return
    for name, truth in json.loads(truth_file.read_text(encoding="utf-8")).items():
        yield name, folder / name, truth
        page = folder / "html" / (name.rsplit(".", 1)[0] + ".html.gz")
        if page.exists():
            yield page.name.removesuffix(".gz"), page, truth


def read_bytes(path: Path) -> bytes:
    """Read a capture, unpacking the gzip the real HTML pages are kept in."""
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.suffix == ".gz" else raw


def main(argv: Sequence[str] | None = None) -> int:
    """Print per-capture and overall scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="folder with truth.json")
    parser.add_argument("--verbose", action="store_true", help="list the posts missed")
    parser.add_argument("--no-seeds", action="store_true", help="leave the seeds out")
    parser.add_argument(
        "--dump", type=Path, help="also write every parse to FILE, a JSON line a capture"
    )
    args = parser.parse_args(argv)
    corpora = [] if args.no_seeds else [*golden_truth()]
    if args.corpus:
        corpora += [entry for folder in args.corpus for entry in labelled(folder)]
    else:
        corpora += corpus_entries()
    total = Score()
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    print(f"parser: {'compiled (mypyc)' if compiled() else 'Python sources'}")
    columns = ("posts", "found", "P", "R", "F1")
    print(f"{'capture':<52} " + " ".join(f"{c:>5}" for c in columns) + "  times authors")
    for name, path, truth in corpora:
        snapshot = read_capture(path, truth)
        if dump is not None:
            dump.write(json.dumps({"capture": name, **snapshot.model_dump(mode="json")}) + "\n")
        result = score(snapshot.posts, truth["posts"])
        total.add(result)
        print(
            f"{name[:52]:<52} {result.truth:>5} {result.found:>5} {result.precision:>5.2f} "
            f"{result.recall:>5.2f} {result.f1:>5.2f} "
            f"{result.times_right:>3}/{result.timed:<3}{result.authors_right:>4}/{result.authored:<3}"
        )
        if args.verbose:
            for miss in result.misses:
                print(f"    missed: {miss[:90]}")
    if dump is not None:
        dump.close()
    print(
        f"{'all':<52} {total.truth:>5} {total.found:>5} {total.precision:>5.2f} "
        f"{total.recall:>5.2f} {total.f1:>5.2f} {total.times:>6.0%} {total.authors:>7.0%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
