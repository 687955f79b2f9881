"""The `ruzh` command line: thin, it reads arguments and calls the packages."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from align import DEFAULT_MODEL, DEFAULT_TYPES, EXTENDED_TYPES, ModelError, Settings, align_document, load_encoder
from corpus import InputError, read_document
from ruzh import __version__, pipeline

log = logging.getLogger("ruzh")
EXIT_BAD_INPUT = 2


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ruzh", description="Russian–Chinese translation alignment and terminology.")
    p.add_argument("--version", action="version", version=f"ruzh {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    inputs = argparse.ArgumentParser(add_help=False)
    inputs.add_argument("inputs", nargs="*", metavar="INPUT",
                        help="one bilingual file (Russian and Chinese one after the other) or a Russian "
                             "and a Chinese file; none: the bundled sample")
    inputs.add_argument("--ru", metavar="FILE", help="the Russian version")
    inputs.add_argument("--zh", metavar="FILE", help="the Chinese version")
    inputs.add_argument("--format", choices=("auto", "text", "lines"), default="auto",
                        help="'lines': one sentence per line, a blank line between paragraphs")
    inputs.add_argument("-o", "--out", type=Path, default=Path("out"), metavar="DIR",
                        help="where to write the results (default: out/)")
    inputs.add_argument("-v", "--verbose", action="store_true", help="also list every repair made")
    inputs.add_argument("-q", "--quiet", action="store_true", help="only errors")
    model = argparse.ArgumentParser(add_help=False)
    model.add_argument("--model", default=DEFAULT_MODEL, metavar="SPEC",
                       help="sentence embeddings: 'use-m3' (default, offline) or 'st:<name-or-path>'")
    model.add_argument("--links", choices=("default", "extended"), default="default",
                       help="link types: default 1-1, 1-2, 2-1, 1-0, 0-1; extended adds 2-2, 1-3, 3-1")
    model.add_argument("--cache-dir", metavar="DIR",
                       help="where embeddings are remembered (default: $RUZH_CACHE_DIR or ~/.cache/ruzh)")
    model.add_argument("--no-cache", action="store_true", help="do not remember embeddings on disk")
    sub.add_parser("run", parents=[inputs, model], help="the whole job: corpus and alignment")
    sub.add_parser("corpus", parents=[inputs], help="read, repair and segment; write corpus.jsonl")
    sub.add_parser("align", parents=[inputs, model], help="align; write alignment.jsonl and alignment.tmx")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    _logging(args)
    try:
        doc = read_document(args.inputs, args.ru, args.zh, args.format)
    except InputError as e:
        print(f"ruzh: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    log.info("%s", pipeline.summary(doc))
    if args.command == "corpus":
        written = pipeline.write_corpus(doc, args.out)
    else:
        try:
            encoder = load_encoder(args.model, args.cache_dir, cache=not args.no_cache)
        except ModelError as e:
            print(f"ruzh: error: --model {args.model}: {e}", file=sys.stderr)
            return EXIT_BAD_INPUT
        settings = Settings(types=EXTENDED_TYPES if args.links == "extended" else DEFAULT_TYPES)
        alignment = align_document(doc, encoder, settings)
        log.info("%s", pipeline.alignment_summary(alignment))
        written = pipeline.write_corpus(doc, args.out) if args.command == "run" else []
        written += pipeline.write_alignment(doc, alignment, args.out)
    log.info("Wrote %s", ", ".join(str(p) for p in written))
    return 0


def _logging(args: argparse.Namespace) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log.addHandler(handler)
    log.propagate = False
    log.setLevel(logging.ERROR if args.quiet else logging.DEBUG if args.verbose else logging.INFO)
