"""Word alignment sources compared on a hand-labelled set (tests/data/word_links_gold.jsonl:
30 UN test-set pairs and 15 of the sample's measures, 829 sure links).

Two figures per source: link precision / recall / AER against the gold links, and how well a
content word's *having a partner* is told (what the divergence detectors stand on): of the
content words gold leaves without a counterpart, how many we call partnerless (recall), and of
those we call partnerless, how many gold agrees are (precision).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import machine, timed  # noqa: E402

from ruzh.align import load_encoder  # noqa: E402
from ruzh.align.evaluate import word_scores  # noqa: E402
from ruzh.align.words import WordAligner  # noqa: E402

GOLD = HERE.parent / "tests" / "data" / "word_links_gold.jsonl"
CONFIGS = {"lexicon (eflomal on UN)": ("lexicon", "same"), "embedding (USE-m3 words)": ("embedding", "same"),
           "co-occurrence in the document (Dice)": ("document",),
           "dictionary (CC-CEDICT's English glosses, USE-m3)": ("dictionary", "same"),
           "lexicon + embedding": ("lexicon", "embedding", "same"),
           "lexicon + embedding + dictionary": ("lexicon", "embedding", "dictionary", "same"),
           "all: lexicon + embedding + document": ("lexicon", "embedding", "same", "document"),
           "all + dictionary (optional)": ("lexicon", "embedding", "dictionary", "same", "document")}


def context() -> list[tuple[str, str]]:
    """What eflomal sees beside the labelled pairs, as it would in a run: their documents (the
    UN test set's 4,000 pairs, the sample's measures)."""
    from un import un_pairs

    from ruzh.corpus import load_sample

    doc = load_sample()
    measures = list(zip([u.text for u in doc.of("ru", "measure")], [u.text for u in doc.of("zh", "measure")]))
    return un_pairs("testset") + measures


def evaluate(aligner: WordAligner, gold: list[dict], around: list[tuple[str, str]]) -> dict[str, float]:
    m = word_scores(gold, aligner.align([(g["ru"], g["zh"]) for g in gold], context=around))
    return {"P": m.precision, "R": m.recall, "AER": m.aer, "lone P": m.partnerless_precision,
            "lone R": m.partnerless_recall}


def main() -> None:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    encoder = load_encoder("use-m3")
    around = context()
    print(f"machine: {machine()}")
    print(f"{len(gold)} pairs, {sum(len(g['links']) for g in gold)} gold links")
    print("| source | link P | link R | AER | partnerless P | partnerless R | seconds |")
    print("|---|---|---|---|---|---|---|")
    for name, sources in CONFIGS.items():
        seconds, m = timed(lambda: evaluate(WordAligner(encoder, sources=sources), gold, around))
        print(f"| {name} | {m['P']:.3f} | {m['R']:.3f} | {m['AER']:.3f} | {m['lone P']:.3f} | {m['lone R']:.3f} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
