"""How right the glossary is: against reference lists read off documents by hand, and judgements.

Sample (tuned on): `tests/data/glossary_reference_sample.tsv` lists 180 pairs a translator of the
sample wants, read off both versions. Recall: the share of them whose Russian term has the right
Chinese partner first. Precision: of the top 100 entries, of a random 50 and of the confirmed
entries, the share that are right, where "right" is a reference pair or a pair judged right in
`tests/data/glossary_judged_sample.tsv` (entries judged by reading: right, partial or wrong).
Entries in neither file are counted as "unjudged" and listed, for someone to judge.

UN dev set (held out from the glossary's design before this work; `--split testset` for the set
earlier sessions tuned on): every country that CLDR names on both sides of at least two line
pairs must be in the glossary with its Chinese name (recall), and every entry whose Russian term
is a country name must have that country's Chinese name (precision); recall against
`tests/data/glossary_reference_un_devset.tsv` (150 pairs read off its first 600 lines); recall
against `tests/data/glossary_reference_un_devset_b.tsv` (150 pairs a helper read off lines
1200-1799 on 2 December 2026, never used to change the glossary: its misses are not printed, only
its totals, so that it stays unseen); and a random 50 of the whole list and of the confirmed entries, judged in
`tests/data/glossary_judged_un_devset.tsv`. "Random" samples are the entries whose pair hashes
lowest, so that a small change to the list keeps most judgements usable.

Changes that move a few hundred of 7,000 entries hardly show in a random 50, so each such change
was also judged on a sample of what it moved (`benchmarks/data/*_judged.tsv`: the entries it
added, changed or removed on the UN dev set, before and after, with a verdict); their totals are
printed last.

    python benchmarks/eval_glossary.py [--split devset] [--lines 4000] [--skip-un] [--skip-sample]
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import machine, timed  # noqa: E402
from un import un_pairs  # noqa: E402

from ruzh.align import align_document, load_encoder  # noqa: E402
from ruzh.align.divergence.names import country_named, mentioned  # noqa: E402
from ruzh.corpus import load_sample, read_lines  # noqa: E402
from ruzh.glossary import build_glossary  # noqa: E402
from ruzh.glossary.build import Entry  # noqa: E402
from ruzh.glossary.lookup import russian_lemmas  # noqa: E402

DATA = HERE.parent / "tests" / "data"
REFERENCE = DATA / "glossary_reference_sample.tsv"
JUDGED = DATA / "glossary_judged_sample.tsv"
REFERENCE_UN = DATA / "glossary_reference_un_devset.tsv"  # read off the dev set's first 600 lines by hand
JUDGED_UN = DATA / "glossary_judged_un_devset.tsv"  # a random 50 of the UN dev set's glossary, judged
REFERENCE_UN_UNSEEN = DATA / "glossary_reference_un_devset_b.tsv"  # lines 1200-1799, read by a helper, never tuned on


@dataclass
class Reference:
    """A pair a translator wants: the Russian term (lemmas), its Chinese renderings."""

    ru: str
    key: str
    zh: set[str]
    kind: str
    ru_alt: list[str]


def read_reference(path: Path = REFERENCE) -> list[Reference]:
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    out = []
    for r in rows:
        zh = {r["zh"].strip()} | {z.strip() for z in (r.get("zh_alt") or "").split("|") if z.strip()}
        alt = [a.strip() for a in (r.get("ru_alt") or "").split("|") if a.strip()]
        out.append(Reference(r["ru"].strip(), russian_lemmas(r["ru"]), zh, r.get("kind", ""), alt))
    return out


def read_judged(path: Path = JUDGED) -> dict[tuple[str, str], str]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as f:
        return {(r["ru"], r["zh"]): r["verdict"] for r in csv.DictReader(f, delimiter="\t")}


def verdict(e: Entry, by_key: dict[str, Reference], alt_keys: dict[str, Reference],
            judged: dict[tuple[str, str], str]) -> str:
    """right, partial or wrong from the reference list or the judgements; unjudged otherwise."""
    if (e.ru, e.zh) in judged:
        return judged[(e.ru, e.zh)]
    ref = by_key.get(e.ru_key.casefold()) or alt_keys.get(e.ru_key.casefold()) or by_key.get(e.ru.casefold())
    if ref is not None:
        return "right" if e.zh in ref.zh else "unjudged"
    return "unjudged"


def evaluate_sample(encoder) -> None:
    doc = load_sample()
    alignment = align_document(doc, encoder)
    glossary = build_glossary(doc, alignment, encoder)
    refs = read_reference()
    judged = read_judged()
    by_key = {r.key: r for r in refs} | {r.ru.casefold(): r for r in refs}
    alt_keys = {russian_lemmas(a): r for r in refs for a in r.ru_alt}
    print(f"machine: {machine()}")
    print(f"sample: {len(glossary.entries)} entries; reference {len(refs)} pairs "
          f"(tests/data/{REFERENCE.name}, tuned on)")
    _recall(glossary.entries, refs)
    verdicts = [verdict(e, by_key, alt_keys, judged) for e in glossary.entries]
    _precision("top 100", list(zip(glossary.entries, verdicts))[:100])
    _precision("random 50", fixed_sample(list(zip(glossary.entries, verdicts)), key=lambda p: p[0]))
    confirmed = [(e, v) for e, v in zip(glossary.entries, verdicts) if e.status == "confirmed"]
    _precision(f"confirmed ({len(confirmed)})", confirmed)


def _recall(entries: list[Entry], refs: list[Reference], show_misses: bool = True) -> None:
    """The share of the reference pairs whose Russian term has the right Chinese partner first,
    and (with `show_misses`) the pairs missed."""
    first: dict[str, Entry] = {}  # the best entry of each Russian term, by lemmas and as written
    for e in entries:
        first.setdefault(e.ru_key.casefold(), e)
        first.setdefault(e.ru.casefold(), e)
    found = Counter()
    missing = []
    for r in refs:
        keys = [r.key, r.ru.casefold()] + [russian_lemmas(a) for a in r.ru_alt] + [a.casefold() for a in r.ru_alt]
        e = next((first[k] for k in keys if k in first), None)
        outcome = "missing" if e is None else ("right" if e.zh in r.zh else "other partner")
        found[outcome] += 1
        if outcome != "right":
            missing.append((r, outcome, e))
    print(f"  recall (right Chinese partner first): {found['right']}/{len(refs)} = {found['right'] / len(refs):.1%}"
          f"; other partner {found['other partner']}, missing {found['missing']}")
    by_kind = Counter(r.kind for r in refs)
    right_kind = by_kind - Counter(m[0].kind for m in missing)
    print("  by kind: " + ", ".join(f"{k} {right_kind[k]}/{n}" for k, n in sorted(by_kind.items())))
    for r, outcome, e in missing if show_misses else []:
        print(f"    {outcome:13s} {r.ru} — {' | '.join(sorted(r.zh))}" + (f"   (has: {e.zh})" if e else ""))


def fixed_sample(items: list, size: int = 50, key=lambda e: e) -> list:
    """A random sample that stays the same when the list changes a little: the entries whose pair
    hashes lowest, so that judgements made once keep serving."""
    def rank(item) -> str:
        e = key(item)
        return hashlib.sha256(f"{e.ru}\t{e.zh}".encode()).hexdigest()

    return sorted(items, key=rank)[:size]


def _precision(title: str, judged: list[tuple[Entry, str]]) -> None:
    counts = Counter(v for _, v in judged)
    known = len(judged) - counts["unjudged"]
    share = counts["right"] / known if known else 0.0
    print(f"  precision, {title}: {counts['right']}/{known} right = {share:.1%} "
          f"(partial {counts['partial']}, wrong {counts['wrong']}, unjudged {counts['unjudged']})")
    for e, v in judged:
        if v != "right":
            print(f"    {v:8s}\t{e.ru}\t{e.zh}\t{e.score:.3f}\t{e.freq}\t{e.status}")


def evaluate_un(encoder, split: str, lines: int) -> None:
    pairs = un_pairs(split)[:lines]
    with tempfile.TemporaryDirectory() as tmp:
        for lang, k in (("ru", 0), ("zh", 1)):
            Path(tmp, f"{lang}.txt").write_text("\n".join(p[k] for p in pairs) + "\n", encoding="utf-8")
        doc = read_lines(Path(tmp, "ru.txt"), Path(tmp, "zh.txt"))
    alignment = align_document(doc, encoder)
    seconds, glossary = timed(lambda: build_glossary(doc, alignment, encoder))
    both = Counter()
    for ru, zh in pairs:
        both.update(set(mentioned(ru, "ru")) & set(mentioned(zh, "zh")))
    wanted = {code for code, n in both.items() if n >= 2}
    named = []  # (entry, code of the Russian name, code of the Chinese name)
    for e in glossary.entries:
        ru_code, zh_code = country_named(e.ru, "ru"), country_named(e.zh, "zh")
        if ru_code:
            named.append((e, ru_code, zh_code))
    hits = {ru_code for _, ru_code, zh_code in named if ru_code == zh_code}
    wrong = [(e, r, z) for e, r, z in named if r != z]
    print(f"UN {split}, {len(pairs)} line pairs (held out): glossary of {len(glossary.entries)} entries in {seconds:.1f} s")
    print(f"  countries on both sides of >= 2 line pairs: {len(wanted)}; in the glossary with their Chinese name: "
          f"{len(wanted & hits)} = {len(wanted & hits) / max(1, len(wanted)):.1%}")
    for code in sorted(wanted - hits):
        print(f"    missing {code} ({both[code]} line pairs)")
    print(f"  entries naming a country: {len(named)}; right: {len(named) - len(wrong)} = "
          f"{(len(named) - len(wrong)) / max(1, len(named)):.1%}")
    for e, r, z in wrong:
        print(f"    wrong\t{e.ru}\t{e.zh}\t({r} / {z})")
    if split == "devset" and REFERENCE_UN.exists():
        refs = read_reference(REFERENCE_UN)
        print(f"  reference: {len(refs)} pairs from its first 600 lines (tests/data/{REFERENCE_UN.name}, held out)")
        _recall(glossary.entries, refs)
    if split == "devset" and REFERENCE_UN_UNSEEN.exists():
        refs = read_reference(REFERENCE_UN_UNSEEN)
        print(f"  unseen reference: {len(refs)} pairs from lines 1200-1799 (tests/data/{REFERENCE_UN_UNSEEN.name}, "
              f"never tuned on; misses not printed)")
        _recall(glossary.entries, refs, show_misses=False)
    judged = read_judged(JUDGED_UN) if split == "devset" else {}
    for title, entries in (("whole list", glossary.entries),
                           ("confirmed", [e for e in glossary.entries if e.status == "confirmed"])):
        _precision(f"random 50 of the {title}",
                   [(e, judged.get((e.ru, e.zh), "unjudged")) for e in fixed_sample(entries)])


CHANGES = Path(__file__).resolve().parent / "data"


def judged_changes() -> None:
    """The totals of the judged samples of what single glossary changes moved."""
    for path in sorted(CHANGES.glob("*_judged.tsv")):
        with path.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        counts = Counter((row.get("change", "changed"), row["verdict"]) for row in rows)
        summary = "; ".join(f"{change} {verdict} {n}" for (change, verdict), n in sorted(counts.items()))
        print(f"  {path.name}: {len(rows)} judged: {summary}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="devset")
    parser.add_argument("--lines", type=int, default=4000)
    parser.add_argument("--skip-un", action="store_true")
    parser.add_argument("--skip-sample", action="store_true")
    args = parser.parse_args()
    encoder = load_encoder("use-m3")
    if not args.skip_sample:
        evaluate_sample(encoder)
    if not args.skip_un:
        evaluate_un(encoder, args.split, args.lines)
    print("what single changes moved, judged (benchmarks/data/):")
    judged_changes()


if __name__ == "__main__":
    main()
