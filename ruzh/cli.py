"""The `ruzh` command line: thin, it reads arguments and calls the packages."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ruzh.align import DEFAULT_MODEL, DEFAULT_TYPES, EXTENDED_TYPES, ModelError, Settings, load_encoder
from ruzh.align.divergence import filter_findings
from ruzh.corpus import InputError
from ruzh.glossary import lookup, render, write_exports
from ruzh.glossary.termbase import read_termbase
from ruzh import __version__, api, pipeline

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
    checks = argparse.ArgumentParser(add_help=False)
    checks.add_argument("--min-severity", choices=("major", "minor", "info"), default="info",
                        help="report only findings at least this severe (default: all)")
    checks.add_argument("--min-confidence", type=_fraction, default=0.0, metavar="P",
                        help="report only findings at least this likely to be real, 0..1 (default 0: all)")
    checks.add_argument("--termbase", metavar="FILE",
                        help="check terminology against this term base (TBX, or CSV with ru and zh columns) "
                             "instead of the glossary built from the document")
    sub.add_parser("run", parents=[inputs, model, checks],
                   help="the whole job: corpus, alignment, glossary and divergence report")
    sub.add_parser("corpus", parents=[inputs], help="read, repair and segment; write corpus.jsonl")
    sub.add_parser("align", parents=[inputs, model], help="align; write alignment.jsonl and alignment.tmx")
    sub.add_parser("glossary", parents=[inputs, model],
                   help="build the glossary; write glossary.csv, .tbx, .xlsx and .omegat.txt")
    sub.add_parser("report", parents=[inputs, model, checks],
                   help="find where the versions diverge; write divergences.json, report.html and report.md")
    look = sub.add_parser("lookup", help="look a term up (Russian or Chinese) in the glossary ruzh run wrote")
    look.add_argument("term", nargs="+", help="the term, in any form")
    look.add_argument("-o", "--out", type=Path, default=Path("out"), metavar="DIR",
                      help="the folder ruzh run wrote (default: out/)")
    look.add_argument("-n", "--limit", type=int, default=5, help="at most this many entries (default 5)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "lookup":
        return _lookup(args)
    _logging(args)
    try:
        doc = api.load(*args.inputs, ru=args.ru, zh=args.zh, format=args.format)
    except InputError as e:
        print(f"ruzh: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    log.info("%s", pipeline.summary(doc))
    termbase = None
    if getattr(args, "termbase", None):
        try:
            termbase = read_termbase(args.termbase)
        except InputError as e:
            print(f"ruzh: error: {e}", file=sys.stderr)
            return EXIT_BAD_INPUT
    if args.command == "corpus":
        written = pipeline.write_corpus(doc, args.out)
    else:
        try:
            encoder = load_encoder(args.model, args.cache_dir, cache=not args.no_cache)
        except ModelError as e:
            print(f"ruzh: error: --model {args.model}: {e}", file=sys.stderr)
            return EXIT_BAD_INPUT
        settings = Settings(types=EXTENDED_TYPES if args.links == "extended" else DEFAULT_TYPES)
        alignment = api.align(doc, encoder, settings)
        log.info("%s", pipeline.alignment_summary(alignment))
        written = []
        if args.command == "run":
            written += pipeline.write_corpus(doc, args.out)
        if args.command in ("run", "align"):
            written += pipeline.write_alignment(doc, alignment, args.out)
        if args.command in ("run", "glossary", "report"):
            glossary = api.glossary(doc, alignment, encoder)
        if args.command in ("run", "glossary"):
            log.info("Glossary: %d term pairs", len(glossary.entries))
            written += write_exports(glossary, args.out)
        if args.command in ("run", "report"):
            findings = api.findings(doc, alignment, glossary, encoder, termbase=termbase)
            findings = filter_findings(findings, args.min_severity, args.min_confidence)
            log.info("%s", pipeline.divergence_summary(findings))
            written += pipeline.write_report(doc, findings, args.out)
    log.info("Wrote %s", ", ".join(str(p) for p in written))
    return 0


def _lookup(args: argparse.Namespace) -> int:
    try:
        matches = lookup(" ".join(args.term), args.out, limit=args.limit)
    except InputError as e:
        print(f"ruzh: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(render(matches, color=sys.stdout.isatty()))
    return 0 if matches else 1


def _fraction(text: str) -> float:
    """A number from 0 to 1, for argparse."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


def _logging(args: argparse.Namespace) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log.addHandler(handler)
    log.propagate = False
    log.setLevel(logging.ERROR if args.quiet else logging.DEBUG if args.verbose else logging.INFO)
