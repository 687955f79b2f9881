"""Glossary benchmark: the sample once models are loaded, and the UN test set (4,000 pairs).

Run with `make bench`. Timings are wall-clock on this machine; the sample's is also given as a
ratio to aligning the same document in the same process. The UN test set is read as
sentence-per-line files (`--format lines`), aligned, and its glossary built twice with an empty
embedding cache (the first build encodes the terms, the second finds them cached); the 30 best
pairs are printed for inspection.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import machine, timed  # noqa: E402
from un import un_pairs  # noqa: E402

from ruzh.align import align_document, load_encoder  # noqa: E402
from ruzh.corpus import analyze, load_sample, read_lines  # noqa: E402
from ruzh.glossary import build_glossary  # noqa: E402


def main() -> None:
    encoder = load_encoder("use-m3")
    analyze("Секретариат ШОС", "ru"), analyze("上合组织秘书处", "zh")
    doc = load_sample()
    alignment = align_document(doc, encoder)  # warms the embedding cache for the sample
    build_glossary(doc, alignment, encoder)  # and for its terms
    t_align, _ = timed(lambda: align_document(doc, encoder), repeat=3)
    t_sample, glossary = timed(lambda: build_glossary(doc, alignment, encoder), repeat=3)
    print(f"machine: {machine()}")
    print(f"sample: glossary of {len(glossary.entries)} pairs in {t_sample:.2f} s "
          f"({t_sample / t_align:.2f}x the time to align it, embeddings cached)")

    pairs = un_pairs("testset")
    with tempfile.TemporaryDirectory() as tmp:
        for lang, k in (("ru", 0), ("zh", 1)):
            Path(tmp, f"{lang}.txt").write_text("\n".join(p[k] for p in pairs) + "\n", encoding="utf-8")
        un = read_lines(Path(tmp, "ru.txt"), Path(tmp, "zh.txt"))
    with tempfile.TemporaryDirectory() as cache:  # an empty embedding cache: a true first run
        cold = load_encoder("use-m3", cache_dir=cache)
        t_un_align, un_alignment = timed(lambda: align_document(un, cold))
        t_first, _ = timed(lambda: build_glossary(un, un_alignment, cold))
        t_again, un_glossary = timed(lambda: build_glossary(un, un_alignment, cold))
    print(f"UN test set ({len(pairs)} pairs, --format lines): aligned in {t_un_align:.1f} s (sentences encoded); "
          f"glossary of {len(un_glossary.entries)} pairs in {t_first:.1f} s with its terms encoded, "
          f"{t_again:.1f} s again with them cached ({t_again / t_first:.2f}x)")
    print("top 30:")
    for e in un_glossary.entries[:30]:
        print(f"  {e.score:.3f} {e.freq:4d}  {e.ru} — {e.zh}")


if __name__ == "__main__":
    main()
