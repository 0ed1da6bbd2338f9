"""Benchmark of the screening automaton: MiB/s at 1,000 / 10,000 / 100,000 dictionary terms.

    .venv/bin/python benchmarks/bench_screening.py              # about two minutes on two cores
    .venv/bin/python benchmarks/bench_screening.py --mib 8      # quicker

What is measured, so the figures can be judged:
- Text: sentences of official Chinese prose (below), each copy with about one character in eight
  replaced by a random common character (GB2312 level 1, 3,755 characters) so the text is not a few
  sentences repeated; joined up to ``--mib`` MiB. MiB means the text's size in UTF-8 bytes / 2**20.
- Terms: 2–6 random common characters each (uniform over GB2312 level 1, fixed seed, distinct). Two-
  character terms occur in the text by chance; in addition one random term is planted every ~4 KiB so
  that longer terms are found too and the match check has something to compare.
- Engine: ``Automaton(terms, backend=...).find_all(text)`` from a Python ``str`` to the sorted list of
  (start, end, term) character offsets: the whole cost, including encoding and offset conversion.
  Best of three runs; the compile time is shown apart.
- Baseline: pyahocorasick's own ``Automaton.iter`` over the same ``str``, one run (it is slow).
- Ceiling: ``str.count`` of one character (一 pass over the text in C), best of three.
- Check: the engine's matches equal the baseline's (all occurrences, overlapping included); any
  difference is printed and the script exits 1.
- A last line repeats 10,000 terms drawn from the text itself (every term occurs, often): the cost
  per match is then what limits both engines, because each match becomes a Python object.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from typing import Any

import ahocorasick

from gongkai.screening.engine import Automaton, Backend, Match, available_backends

SEED = 20240101
SENTENCES = """\
为深入贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，进一步提升政府信息公开质量和实效，现将有关事项通知如下。
各乡镇人民政府、县直各部门要高度重视，切实加强组织领导，明确分管负责人和工作人员，确保各项任务落到实处。
县人民政府办公室负责统筹协调，定期调度工作进展情况，对工作推进不力的单位进行通报。
依申请公开工作要严格按照法定时限答复，不得以任何理由拖延，答复内容要准确、完整、规范。
主动公开的政府信息应当自该信息形成或者变更之日起二十个工作日内予以公开。
各单位要建立健全政府信息公开审查机制，明确审查的程序和责任，坚持先审查、后公开的原则。
涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。
全年共收到政府信息公开申请一百二十六件，其中当面申请十件，网络申请九十八件，信函申请十八件。
各地区各部门要聚焦群众关切，围绕稳增长、促改革、调结构、惠民生、防风险等重点工作，加大信息发布力度。
要加强政策解读工作，通过新闻发布会、政策吹风会、图文解读、视频解读等形式，提高解读的针对性和可读性。
政府网站和政务新媒体要加强内容保障，确保信息发布及时、准确、权威，严防出现严重表述错误。
本年度共制发规范性文件十二件，废止规范性文件五件，现行有效规范性文件一百零八件。
行政许可事项办理情况、行政处罚和行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定应当公开。
财政预算、决算信息，行政事业性收费项目及其依据、标准，政府集中采购项目的目录、标准及实施情况应当主动公开。
乡镇人民政府还应当根据本地区的具体情况，主动公开贯彻落实农业农村政策、农田水利工程建设运营、农村土地承包经营权流转等方面的政府信息。
对公开工作中发现的问题，要建立问题清单，逐项明确整改措施和完成时限，确保按期整改到位。
要充分利用政务服务中心、档案馆、公共图书馆等场所，设置政府信息公开查阅点，方便公众查阅。
强化监督考核，将政务公开工作纳入年度绩效考核，对工作成效明显的单位予以表扬，对工作不力的单位进行约谈。
本通知自印发之日起施行，此前有关规定与本通知不一致的，以本通知为准。
持续优化营商环境，深化放管服改革，全面推行证明事项告知承诺制，切实减轻企业和群众负担。
加快推进乡村振兴，巩固拓展脱贫攻坚成果，扎实推进农村人居环境整治，建设宜居宜业和美乡村。
坚持以人民为中心的发展思想，着力解决群众急难愁盼问题，不断增强人民群众的获得感、幸福感、安全感。
"""


def common_characters() -> list[str]:
    """The 3,755 characters of GB2312 level 1 (常用字, rows 16–55)."""
    characters = []
    for high in range(0xB0, 0xD8):
        for low in range(0xA1, 0xFF):
            try:
                characters.append(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return characters


def make_text(mib: float, rng: random.Random, alphabet: list[str]) -> str:
    """About ``mib`` MiB (UTF-8) of prose: sentence variants with ~1 character in 8 replaced."""
    sentences = SENTENCES.split("\n")[:-1]
    variants = []
    for _ in range(4000):
        sentence = list(rng.choice(sentences))
        for position in rng.sample(range(len(sentence)), len(sentence) // 8):
            sentence[position] = rng.choice(alphabet)
        variants.append("".join(sentence))
    target = int(mib * 2**20)
    average = sum(len(v.encode()) for v in variants) / len(variants)
    return "".join(rng.choices(variants, k=int(target / average) + 1))


def make_terms(count: int, rng: random.Random, alphabet: list[str]) -> list[str]:
    terms: set[str] = set()
    while len(terms) < count:
        terms.add("".join(rng.choices(alphabet, k=rng.randint(2, 6))))
    return sorted(terms)


def plant(text: str, terms: list[str], rng: random.Random, every: int = 4096 // 3) -> str:
    """Insert one random term every ``every`` characters (about 4 KiB of UTF-8)."""
    pieces = []
    for start in range(0, len(text), every):
        pieces.append(text[start : start + every])
        pieces.append(rng.choice(terms))
    return "".join(pieces)


def best_of(runs: int, work: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


def baseline_matches(terms: list[str], text: str) -> tuple[float, list[Match], float]:
    """pyahocorasick on its own: build time, scan time, and its matches in the engine's form."""
    started = time.perf_counter()
    automaton = ahocorasick.Automaton()
    for index, term in enumerate(terms):
        automaton.add_word(term, (index, len(term)))
    automaton.make_automaton()
    built = time.perf_counter() - started
    started = time.perf_counter()
    raw = list(automaton.iter(text))
    scanned = time.perf_counter() - started
    matches = sorted((end + 1 - length, end + 1, index) for end, (index, length) in raw)
    return scanned, matches, built


def compare(name: str, got: list[Match], expected: list[Match]) -> bool:
    if got == expected:
        return True
    print(f"  MISMATCH {name}: {len(got)} matches vs {len(expected)} from pyahocorasick", file=sys.stderr)
    missing, extra = set(expected) - set(got), set(got) - set(expected)
    print(f"    missing {sorted(missing)[:5]} extra {sorted(extra)[:5]}", file=sys.stderr)
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mib", type=float, default=32.0, help="size of the text in MiB of UTF-8 (default 32)")
    parser.add_argument("--sizes", default="1000,10000,100000", help="dictionary sizes, comma-separated")
    parser.add_argument("--dense-mib", type=float, default=4.0, help="text size for the dense line (0: skip)")
    args = parser.parse_args(argv)

    rng = random.Random(SEED)
    alphabet = common_characters()
    base_text = make_text(args.mib, rng, alphabet)
    backends = available_backends()
    print(f"back ends: {', '.join(backends)}; seed {SEED}")

    ceiling_text = base_text
    mib = len(ceiling_text.encode()) / 2**20
    seconds, _ = best_of(3, lambda: ceiling_text.count("的"))
    print(f"text {mib:.1f} MiB UTF-8, {len(ceiling_text):,} characters; ceiling str.count: {mib / seconds:,.0f} MiB/s")
    print()
    header = (
        f"{'terms':>8} {'matches':>9} {'compile s':>9} {'engine MiB/s':>13} {'pyahocorasick':>14} {'ratio':>7}  same"
    )
    print(header)
    ok = True
    for size in (int(s) for s in args.sizes.split(",")):
        terms = make_terms(size, rng, alphabet)
        text = plant(base_text, terms, rng)
        ok &= run_line(f"{size:>8,}", terms, text, backends)
    if args.dense_mib:
        text = base_text[: int(args.dense_mib * 2**20 / 3)]
        terms = sorted(
            {text[p : p + n] for p, n in ((rng.randrange(len(text) - 6), rng.randint(2, 6)) for _ in range(10_000))}
        )
        print("terms taken from the text itself (dense matches):")
        ok &= run_line(f"{len(terms):>8,}", terms, text, backends)
    print()
    print("same: the engine's matches equal pyahocorasick's" if ok else "MISMATCH: see above")
    return 0 if ok else 1


def run_line(label: str, terms: list[str], text: str, backends: tuple[Backend, ...]) -> bool:
    mib = len(text.encode()) / 2**20
    backend = backends[0]
    started = time.perf_counter()
    automaton = Automaton(terms, backend=backend)
    compiled = time.perf_counter() - started
    seconds, matches = best_of(3, lambda: automaton.find_all(text))
    base_seconds, expected, _ = baseline_matches(terms, text)
    same = compare(label.strip(), matches, expected)
    engine, base = mib / seconds, mib / base_seconds
    print(
        f"{label} {len(matches):>9,} {compiled:>9.2f} {engine:>13,.0f} {base:>14,.1f} {engine / base:>6.1f}x  "
        f"{'yes' if same else 'NO'}  ({backend}, {mib:.1f} MiB)"
    )
    return same


if __name__ == "__main__":
    sys.exit(main())
