"""A seeded corpus of damaged reports, and a run of the public reader over it.

From the seed report rendered as XLSX, DOCX, HTML and PDF (and a zip of them, as the bulk check gets
it, and the seed's Excel 97–2003 fixture), `mutations` makes damaged files the way transfers,
converters and attackers do: bytes flipped, files truncated, chunks repeated or dropped, and inside
the Office zips their XML parts edited (a number made huge or negative, an element cut, text
spliced) and zipped again. The same seed gives the
same files. `run` reads each through `read_bytes` (a zip through the bulk check's `ZipReader` and then
`read_bytes` per member) and counts what ended in a traceback: an exception out of the reader, or one
that only the reader's last-resort handler caught (it logs it). Each file gets a CPU-time allowance.

    python -m tests.report.formats.fuzz --count 1000 --seed 13     # prints the figures as JSON
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import random
import re
import resource
import signal
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SEED_REPORT = Path(__file__).parents[2] / "fixtures" / "reports" / "dazhai-2023.txt"
SHARES = {"xlsx": 0.2, "docx": 0.2, "html": 0.2, "pdf": 0.2, "zip": 0.1, "xls": 0.1}
CPU_SECONDS_PER_FILE = 10  # far above what any file needs (a few hundredths): only a runaway reader reaches it
_NUMBER_ATTRIBUTE = re.compile(rb'(\w+)="(\d+)"')


class TooSlow(BaseException):
    """A file used up its CPU-time allowance (a BaseException: no reader's handler swallows it)."""


def base_documents() -> dict[str, bytes]:
    from gongkai.report.read import read_path
    from gongkai.report.render import render

    report = read_path(SEED_REPORT).report
    assert report is not None
    documents: dict[str, bytes] = {}
    for kind in ("xlsx", "docx", "html", "pdf"):
        rendered = render(report, kind)
        documents[kind] = rendered if isinstance(rendered, bytes) else rendered.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for kind in ("html", "docx", "xlsx"):
            archive.writestr(f"大寨乡2023.{kind}", documents[kind])
    documents["zip"] = buffer.getvalue()
    documents["xls"] = SEED_REPORT.with_suffix(".xls").read_bytes()  # saved by LibreOffice from the XLSX
    return documents


def _mutate_bytes(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    if not data:
        return b"\x00", "empty"
    how = rng.choice(("flip", "truncate", "insert", "repeat", "drop", "zero"))
    buffer = bytearray(data)
    if how == "flip":
        for _ in range(rng.randint(1, 16)):
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    elif how == "truncate":
        del buffer[rng.randrange(len(buffer)) :]
    elif how == "insert":
        at = rng.randrange(len(buffer) + 1)
        buffer[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    else:
        start = rng.randrange(len(buffer))
        end = min(len(buffer), start + rng.randint(1, 4096))
        if how == "repeat":
            buffer[end:end] = buffer[start:end] * rng.randint(2, 50)
        elif how == "drop":
            del buffer[start:end]
        else:
            buffer[start:end] = bytes(end - start)
    return bytes(buffer), how


def _mutate_xml(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Edits that keep an XML part nearly well-formed, so the reader gets past the parser."""
    numbers = list(_NUMBER_ATTRIBUTE.finditer(data))
    how = rng.choice(("number", "number", "cut", "splice", "bytes"))
    if how == "number" and numbers:
        match = rng.choice(numbers)
        value = rng.choice((b"0", b"-1", b"99999999", b"1048576", b"16384", b"1e9", b"x", b"", b"4294967296"))
        return data[: match.start(2)] + value + data[match.end(2) :], f"number {match.group(1).decode()}"
    if how == "cut":
        start = rng.randrange(len(data))
        end = data.find(b">", start)
        return (data[:start] + data[end + 1 :] if end > 0 else data[:start]), "cut"
    if how == "splice":
        start, other = rng.randrange(len(data)), rng.randrange(len(data))
        return data[:start] + data[other : other + rng.randint(1, 2000)] + data[start:], "splice"
    return _mutate_bytes(data, rng)


def _mutate_zip(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    index = rng.randrange(len(members))
    name, content = members[index]
    if name.endswith((".docx", ".xlsx")):  # a document inside the bulk check's zip
        mutated, how = _mutate_zip(content, rng)
    elif name.endswith((".xml", ".rels")):
        mutated, how = _mutate_xml(content, rng)
    else:
        mutated, how = _mutate_bytes(content, rng)
    members[index] = (name, mutated)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members:
            archive.writestr(member, content)
    return buffer.getvalue(), f"{name}: {how}"


def _mutate_html(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    if rng.random() < 0.5:
        return _mutate_bytes(data, rng)
    spans = [m for m in re.finditer(rb"<(td|th|tr)\b", data)]
    if spans and rng.random() < 0.5:
        at = rng.choice(spans).end()
        attribute = rng.choice((b" rowspan=", b" colspan="))
        value = rng.choice((b"0", b"-5", b"499", b"100000", b"abc", b"3.5"))
        return data[:at] + attribute + value + data[at:], "span"
    return _mutate_xml(data, rng)


def mutations(documents: dict[str, bytes], count: int, seed: int) -> Iterator[tuple[str, str, bytes]]:
    """`count` damaged files as (kind, what was done, bytes), in the shares of SHARES; the same seed, the same files."""
    rng = random.Random(seed)
    for kind, share in SHARES.items():
        for _ in range(round(count * share)):
            base = documents[kind]
            if kind in ("xlsx", "docx", "zip") and rng.random() < 0.7:
                data, how = _mutate_zip(base, rng)
            elif kind == "html":
                data, how = _mutate_html(base, rng)
            else:
                data, how = _mutate_bytes(base, rng)
            yield kind, how, data


@dataclass
class Figures:
    files: Counter[str] = field(default_factory=Counter)
    tracebacks: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    too_slow: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)  # neither a report nor a finding
    max_cpu_seconds: float = 0.0
    peak_mb: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "files": dict(self.files), "tracebacks": dict(self.tracebacks), "examples": self.examples[:20],
            "too_slow": self.too_slow, "empty": self.empty[:20], "max_cpu_seconds": round(self.max_cpu_seconds, 3),
            "peak_mb": round(self.peak_mb, 1),
        }


class _Logged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _read(kind: str, data: bytes) -> list[object]:
    """What the public entry points give for one file: ReadResults (a zip: one per member, as the bulk check)."""
    from gongkai.report.read import limits, read_bytes

    if kind != "zip":
        return [read_bytes(data, source=f"fuzz.{kind}")]
    try:
        archive = limits.ZipReader(data)
    except (zipfile.BadZipFile, limits.LimitExceeded):
        return ["zip refused"]
    results: list[object] = []
    for info in archive.archive.infolist():
        try:
            results.append(read_bytes(archive.read(info), source=info.filename))
        except (zipfile.BadZipFile, limits.LimitExceeded):
            results.append("member refused")
    return results


def run(count: int, seed: int) -> Figures:
    """Read every file of the corpus; count tracebacks, results that say nothing, and runaway files."""
    handler = _Logged()
    logging.getLogger("gongkai.report.read").addHandler(handler)

    def out_of_time(signum: int, frame: object) -> None:
        raise TooSlow

    signal.signal(signal.SIGVTALRM, out_of_time)
    figures = Figures()
    for number, (kind, how, data) in enumerate(mutations(base_documents(), count, seed)):
        label = f"#{number} {kind} {how}"
        figures.files[kind] += 1
        before, logged = time.process_time(), len(handler.records)
        signal.setitimer(signal.ITIMER_VIRTUAL, CPU_SECONDS_PER_FILE)
        try:
            results = _read(kind, data)
        except TooSlow:
            figures.too_slow.append(label)
            continue
        except Exception as exc:
            figures.tracebacks[kind] += 1
            figures.examples.append(f"{label}: {type(exc).__name__}: {exc}"[:300])
            continue
        finally:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
            figures.max_cpu_seconds = max(figures.max_cpu_seconds, time.process_time() - before)
        if len(handler.records) > logged:
            figures.tracebacks[kind] += 1
            record = handler.records[-1]
            figures.examples.append(f"{label}: {record.exc_info[1]!r}"[:300] if record.exc_info else label)
        for result in results:
            if not isinstance(result, str) and result.report is None and not result.findings:  # type: ignore[attr-defined]
                figures.empty.append(label)
    status = Path("/proc/self/status").read_text()
    figures.peak_mb = int(status.split("VmHWM:")[1].split()[0]) / 1024
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--memory-mb", type=int, default=1024, help="the address-space cap of this process")
    args = parser.parse_args()
    cap = args.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    started = time.perf_counter()
    figures = run(args.count, args.seed).as_dict()
    figures["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(figures, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
