"""The `ruzh` command line: thin, it reads arguments and calls the packages."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from ruzh import __version__, faults
from ruzh.align.encoders import (CACHE_MAX_MB, DEFAULT_MODEL, EmbeddingCache, ModelError, blas_threads, cache_path,
                                 load_encoder)
from ruzh.align.tmx import ZH_TAG, language_tag
from ruzh.corpus import InputError
from ruzh.outputs import check_target, output_set, unlike_manifest
from ruzh.timings import Timings

# What a run needs beyond this (spaCy, pandas, the detectors) is imported by the functions that run
# it, so that `ruzh --help`, `ruzh lookup` and `ruzh cache` start at once.

log = logging.getLogger("ruzh")
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports it
EXIT_TERMINATED = 143  # 128 + SIGTERM
EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE, as `seq 1000000 | head -1` ends
LOOPBACK = "127.0.0.1"  # `ruzh serve` answers this computer only, unless told otherwise
MAX_INPUT_MB = 200  # a document pair larger than this is most likely not a document pair


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
    inputs.add_argument("-v", "--verbose", action="store_true",
                        help="also list every repair made, and the time each stage took")
    inputs.add_argument("-q", "--quiet", action="store_true", help="only errors")
    inputs.add_argument("--max-size", type=_positive(float), default=MAX_INPUT_MB, metavar="MB",
                        help=f"refuse an input file larger than this (default {MAX_INPUT_MB} MB)")
    model = argparse.ArgumentParser(add_help=False)
    model.add_argument("--model", default=DEFAULT_MODEL, metavar="SPEC",
                       help="sentence embeddings: 'use-m3' (default, offline) or 'st:<name-or-path>'")
    model.add_argument("--links", choices=("default", "extended"), default="default",
                       help="link types: default 1-1, 1-2, 2-1, 1-0, 0-1; extended adds 2-2, 1-3, 3-1")
    model.add_argument("--cache-dir", metavar="DIR",
                       help="where embeddings are remembered (default: $RUZH_CACHE_DIR or ~/.cache/ruzh)")
    model.add_argument("--no-cache", action="store_true", help="do not remember embeddings on disk")
    model.add_argument("--cache-max-mb", type=_positive(float), default=CACHE_MAX_MB, metavar="MB",
                       help=f"the most the embedding cache may take; the least recently used go first "
                            f"(default {CACHE_MAX_MB} MB)")
    model.add_argument("--threads", type=_positive(int), metavar="N",
                       help="threads for encoding sentences (default: the cores no other process is running on); "
                            "the rest of the work uses one, as small matrix products run slower on more")
    checks = argparse.ArgumentParser(add_help=False)
    checks.add_argument("--min-severity", choices=("major", "minor", "info"), default="info",
                        help="report only findings at least this severe (default: all)")
    checks.add_argument("--min-confidence", type=_fraction, default=0.0, metavar="P",
                        help="report only findings at least this likely to be real, 0..1 (default 0: all)")
    checks.add_argument("--termbase", metavar="FILE",
                        help="check terminology against this term base (TBX, or CSV with ru and zh columns) "
                             "instead of the glossary built from the document")
    tags = argparse.ArgumentParser(add_help=False)
    tags.add_argument("--zh-tag", type=_zh_tag, default=ZH_TAG, metavar="TAG",
                      help=f"the Chinese language tag in the TMX, TBX and CAT-tool files (default {ZH_TAG}; "
                           "e.g. zh-TW, zh-Hans); Russian is ru-RU")
    exports = argparse.ArgumentParser(add_help=False, parents=[tags])
    exports.add_argument("--csv-sep", type=_csv_sep, default=",", metavar="SEP",
                         help="the CSV files' separator: ',' (default), ';' (for an Excel set to Russian) or 'tab'")
    sub.add_parser("run", parents=[inputs, model, checks, exports],
                   help="the whole job: corpus, alignment, glossary and divergence report")
    sub.add_parser("corpus", parents=[inputs], help="read, repair and segment; write corpus.jsonl")
    sub.add_parser("align", parents=[inputs, model, tags], help="align; write alignment.jsonl and alignment.tmx")

    sub.add_parser("glossary", parents=[inputs, model, exports],
                   help="build the glossary; write glossary.csv and .xlsx (all columns), .tbx (TBX v3) and "
                        ".v2.tbx (TBX 2008), OmegaT files RU→ZH (.omegat.txt) and ZH→RU (.zh-ru.omegat.txt), "
                        "and CSV/XLSX for memoQ and Trados per direction (.ru-zh.csv, .zh-ru.xlsx, …)")
    sub.add_parser("report", parents=[inputs, model, checks],
                   help="find where the versions diverge; write divergences.json, report.html and report.md")
    cache = sub.add_parser("cache", help="show or empty the embedding cache")
    cache.add_argument("action", choices=("info", "clear"))
    cache.add_argument("--cache-dir", metavar="DIR",
                       help="the cache's folder (default: $RUZH_CACHE_DIR or ~/.cache/ruzh)")
    look = sub.add_parser("lookup", help="look a term up (Russian or Chinese) in the glossary ruzh run wrote")
    look.add_argument("term", nargs="+", help="the term, in any form")
    look.add_argument("-o", "--out", type=Path, default=Path("out"), metavar="DIR",
                      help="the folder ruzh run wrote (default: out/)")
    look.add_argument("-n", "--limit", type=_positive(int), default=5, help="at most this many entries (default 5)")
    look.add_argument("--json", action="store_true",
                      help="print the matches as a JSON array (typed fields, how each matched, examples)")
    look.add_argument("--termbase", metavar="FILE",
                      help="search this term base (termbase.sqlite, written by ruzh batch) instead of a run's glossary")
    batch = sub.add_parser("batch", parents=[model, exports],
                           help="many document pairs: each through `ruzh run` into OUT/<name>/, on a local or a "
                                "Dask cluster; a term base of them all and the terms rendered inconsistently")
    batch.add_argument("source", metavar="FOLDER_OR_MANIFEST",
                       help="a folder of pairs (NAME.ru.txt + NAME.zh.txt, or bilingual NAME.txt), or a manifest "
                            "(CSV or JSONL with name, ru, zh or name, file)")
    batch.add_argument("-o", "--out", type=Path, default=Path("out"), metavar="DIR",
                       help="where to write: DIR/<name>/ per pair, DIR/batch.jsonl, DIR/termbase.sqlite, "
                            "DIR/consistency.json, DIR/index.html (default: out/)")
    batch.add_argument("--format", choices=("auto", "text", "lines"), default="auto",
                       help="'lines': one sentence per line, a blank line between paragraphs")
    batch.add_argument("--min-severity", choices=("major", "minor", "info"), default="info",
                       help="report only findings at least this severe (default: all)")
    batch.add_argument("--min-confidence", type=_fraction, default=0.0, metavar="P",
                       help="report only findings at least this likely to be real, 0..1 (default 0: all)")
    batch.add_argument("--max-size", type=_positive(float), default=MAX_INPUT_MB, metavar="MB",
                       help=f"refuse an input file larger than this (default {MAX_INPUT_MB} MB)")
    batch.add_argument("--workers", type=_count, metavar="N",
                       help="worker processes of the local cluster, each loading the models once (default: the "
                            "cores, at most 4; 0: run in this process, without Dask)")
    batch.add_argument("--scheduler", metavar="ADDRESS_OR_FILE",
                       help="run on an existing Dask cluster: its scheduler's address (tcp://HOST:8786) or its "
                            "scheduler file; the input and output folders must be shared with its workers")
    batch.add_argument("--termbase", metavar="FILE",
                       help="add the documents to this term base (created if absent; default: DIR/termbase.sqlite)")
    batch.add_argument("--force", action="store_true",
                       help="redo every pair, even those unchanged since the last batch into DIR")
    batch.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="show a progress bar (default: only on a terminal)")
    batch.add_argument("-v", "--verbose", action="store_true", help="also show each pair as it finishes")
    batch.add_argument("-q", "--quiet", action="store_true", help="only errors")
    termbase = sub.add_parser("termbase", help="the term base ruzh batch builds (termbase.sqlite)")
    tb_actions = termbase.add_subparsers(dest="action", required=True)
    tb_export = tb_actions.add_parser("export", parents=[exports],
                                      help="write it as CSV, XLSX, TBX (v3 and v2), OmegaT and the CAT tools' "
                                           "CSV/XLSX, like a run's glossary: DIR/termbase.*")
    tb_export.add_argument("file", type=Path, metavar="TERMBASE", help="the term base (e.g. out/termbase.sqlite)")
    tb_export.add_argument("-o", "--out", type=Path, metavar="DIR",
                           help="where to write the files (default: the term base's folder)")
    serve = sub.add_parser("serve", help="a local web page on a run: search the glossary, read the versions side "
                                         "by side, review the findings (decisions saved in OUT_DIR/review.sqlite); "
                                         "on a term base: search it")
    serve.add_argument("folder", nargs="?", type=Path, default=Path("out"), metavar="OUT_DIR|TERMBASE",
                       help="the folder ruzh run wrote (default: out/), or a term base: the termbase.sqlite "
                            "ruzh batch wrote, or the batch's folder")
    serve.add_argument("--host", default=LOOPBACK,
                       help=f"the address to listen on (default {LOOPBACK}: this computer only)")
    serve.add_argument("--port", type=_port, default=8000, help="the port to listen on (default 8000)")
    review = sub.add_parser("review", help="the reviewers' decisions made on the `ruzh serve` page")
    actions = review.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help="write OUT_DIR/review.csv (or .xlsx) and "
                                               "OUT_DIR/divergences.reviewed.json (each finding with its `review`)")
    export.add_argument("folder", nargs="?", type=Path, default=Path("out"), metavar="OUT_DIR",
                        help="the folder ruzh run wrote (default: out/)")
    export.add_argument("--format", choices=("csv", "xlsx"), default="csv", help="the table's format (default csv)")
    return p


def entry() -> None:
    """The `ruzh` command (and `python -m ruzh`): main(), then exit with its status.

    A run stopped by Ctrl-C or SIGTERM exits with 130 or 143 at once, skipping the interpreter's
    clean-up: a signal still pending from the stop (seen under load) would otherwise raise again
    while Python shuts down, and end the process by the signal instead of the status it reported.
    """
    try:
        code = main()
    except KeyboardInterrupt:  # a second Ctrl-C while the first was being reported
        code = EXIT_INTERRUPTED
    if code in (EXIT_INTERRUPTED, EXIT_TERMINATED):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def main(argv: list[str] | None = None) -> int:
    """Run a command; every fault ends in one line on stderr and a non-zero exit code, never a traceback."""
    args = parser().parse_args(argv)
    try:
        with faults.sigterm_raises():
            handler = {"lookup": _lookup, "cache": _cache, "serve": _serve, "review": _review, "batch": _batch,
                       "termbase": _termbase}.get(args.command, _run)
            return handler(args)
    except (InputError, ModelError) as e:
        return _fail(str(e))
    except BrokenPipeError:
        faults.silence_stdout()
        return EXIT_CLOSED_PIPE
    except OSError as e:
        return _fail(faults.describe(e))
    except KeyboardInterrupt:
        return _fail(_stopped(args, "interrupted (Ctrl-C)"), EXIT_INTERRUPTED)
    except faults.Terminated:
        return _fail(_stopped(args, "terminated"), EXIT_TERMINATED)


def _run(args: argparse.Namespace, encoders: dict | None = None) -> int:
    """One document pair. `encoders`: models already loaded in this process, by their settings
    (a batch worker keeps its own for the next pair)."""
    from ruzh import api, pipeline
    from ruzh.glossary.termbase import read_termbase

    _logging(args)
    paths = _input_paths(args)
    check_target(args.out, paths)
    timings = Timings()
    with timings.stage("reading"):
        doc = api.load(*args.inputs, ru=args.ru, zh=args.zh, format=args.format)
    log.info("%s", pipeline.summary(doc))
    termbase = read_termbase(args.termbase) if getattr(args, "termbase", None) else None
    if args.command != "corpus":
        with timings.stage("models"):
            try:
                key = (args.model, str(cache_path(args.cache_dir)), args.no_cache, args.threads, args.cache_max_mb)
                encoder = (encoders or {}).get(key) or load_encoder(args.model, args.cache_dir, cache=not args.no_cache,
                                                                    threads=args.threads, cache_max_mb=args.cache_max_mb)
                if encoders is not None:
                    encoders[key] = encoder
                timings.encoder = encoder
            except ModelError as e:
                raise ModelError(f"--model {args.model}: {e}") from None
    with output_set(args.out, paths, args.command) as staging, blas_threads(1):
        written = _write(args, doc, termbase, staging, timings)
    log.info("Wrote %s", ", ".join(str(args.out / p.name) for p in written))
    log.debug("%s", timings.line())
    return 0


def _write(args: argparse.Namespace, doc, termbase, out: Path, timings: Timings) -> list[Path]:
    """The command's files, written into `out` (the run's staging folder), stage by stage."""
    from ruzh import api, pipeline
    from ruzh.align import DEFAULT_TYPES, EXTENDED_TYPES, Settings
    from ruzh.align.divergence import filter_findings
    from ruzh.glossary import write_exports
    from ruzh.glossary.exports import ExportSettings

    encoder, stage = timings.encoder, timings.stage
    written: list[Path] = []
    if args.command in ("run", "corpus"):
        with stage("writing"):
            written += pipeline.write_corpus(doc, out)
    if args.command == "corpus":
        return written
    settings = Settings(types=EXTENDED_TYPES if args.links == "extended" else DEFAULT_TYPES)
    with stage("alignment"):
        alignment = api.align(doc, encoder, settings)
    log.info("%s", pipeline.alignment_summary(alignment))
    if args.command in ("run", "align"):
        with stage("writing"):
            written += pipeline.write_alignment(doc, alignment, out, zh_tag=getattr(args, "zh_tag", ZH_TAG))
    if args.command in ("run", "glossary", "report"):
        with stage("glossary"):
            glossary = api.glossary(doc, alignment, encoder)
    if args.command in ("run", "glossary"):
        log.info("Glossary: %d term pairs", len(glossary.entries))
        with stage("writing"):
            written += write_exports(glossary, out, ExportSettings(zh_tag=args.zh_tag, csv_sep=args.csv_sep))
    if args.command in ("run", "report"):
        with stage("divergences"):
            findings = api.findings(doc, alignment, glossary, encoder, termbase=termbase)
            findings = filter_findings(findings, args.min_severity, args.min_confidence)
        log.info("%s", pipeline.divergence_summary(findings))
        with stage("writing"):
            written += pipeline.write_report(doc, findings, out)
    return written


def _input_paths(args: argparse.Namespace) -> list[Path]:
    """The input files, checked before anything is read: of a plausible size."""
    paths = [Path(p) for p in [*args.inputs, args.ru, args.zh] if p]
    for path in paths:  # devices and pipes are refused by the reader (ruzh.corpus.textio.read_text)
        size = path.stat().st_size if path.is_file() else 0
        if size > args.max_size * 1e6:
            raise InputError(path, f"is {size / 1e6:,.0f} MB, over the limit of {args.max_size:g} MB; "
                                   "is it the right file? If so, raise the limit with --max-size")
    return paths


def _cache(args: argparse.Namespace) -> int:
    path = cache_path(args.cache_dir)
    if not path.exists():  # showing or emptying a cache must not create one
        print(f"{path}: no embedding cache here yet")
        return 0
    cache = EmbeddingCache(path)
    if args.action == "clear":
        cache.clear()
    info = cache.info()
    vectors = ", ".join(f"{n:,} of {model}" for model, n in info["vectors"].items()) or "no vectors"
    print(f"{info['path']}: {info['bytes'] / 2**20:.1f} MB of {info['limit'] / 2**20:.0f} MB; {vectors}")
    return 0


def _stopped(args: argparse.Namespace, how: str) -> str:
    out = getattr(args, "out", None)
    if args.command == "batch":
        return f"{how}: the pairs finished so far are kept in {out}; run the same command again to go on"
    kept = f"; {out} keeps what it had before" if out is not None and args.command != "lookup" else ""
    return f"{how}: nothing was written{kept}"


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> int:
    print(f"ruzh: error: {message}", file=sys.stderr)
    return code


def _lookup(args: argparse.Namespace) -> int:
    from ruzh.glossary.lookup import lookup, render, to_json

    if not " ".join(args.term).strip():  # an empty prefix would list the whole glossary
        return _fail("the term to look up is empty")
    if args.termbase:
        from ruzh import termbase_store

        found = termbase_store.lookup(args.termbase, " ".join(args.term), limit=args.limit)
        print(termbase_store.to_json(found) if args.json else termbase_store.render(found), flush=True)
        return 0 if found else 1

    for name in unlike_manifest(args.out, ("glossary.csv", "corpus.jsonl", "alignment.jsonl")):
        print(f"ruzh: warning: {args.out / name} is not the file the last run wrote there (changed since?)",
              file=sys.stderr)
    matches = lookup(" ".join(args.term), args.out, limit=args.limit)
    print(to_json(matches) if args.json else render(matches, color=sys.stdout.isatty()), flush=True)
    return 0 if matches else 1


def _batch(args: argparse.Namespace) -> int:
    from ruzh import batch

    _logging(args)
    settings = {k: getattr(args, k) for k in batch.RUN_OPTIONS}
    pairs = batch.find_pairs(args.source)  # a BatchError is an InputError: `main` says it, exit 2
    log.info("%d document pairs in %s", len(pairs), args.source)
    result = batch.run_batch(pairs, args.out, settings, workers=args.workers, scheduler=args.scheduler,
                             force=args.force, termbase=args.termbase, progress=False if args.quiet else args.progress)
    for record in result.records:
        if record["status"] == "failed":
            log.error("%s: failed: %s", record["name"], record["error"])
        else:
            log.debug("%s: %s in %.1f s", record["name"], record["status"], record["seconds"] or 0)
    log.info("%s", batch.summary_line(result, args.out))
    return result.exit_code


def _termbase(args: argparse.Namespace) -> int:
    from ruzh import termbase_store

    written = termbase_store.export(args.file, args.out or args.file.parent, zh_tag=args.zh_tag, csv_sep=args.csv_sep)
    print(f"Wrote {', '.join(map(str, written))}", file=sys.stderr)
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from ruzh.serve.app import LOCAL_HOSTS, create_app

    local = _is_loopback(args.host)
    app = create_app(args.folder, allowed_hosts=[*LOCAL_HOSTS, args.host] if local else ["*"])
    _check_free(args.host, args.port)
    if not local:
        print(f"ruzh: warning: listening on {args.host}: whoever reaches this computer can read the documents "
              "and change the review", file=sys.stderr)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"ruzh: serving {args.folder} at http://{shown}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr, flush=True)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    except (KeyboardInterrupt, faults.Terminated):  # uvicorn passes the signal on once it has shut down
        pass
    print("ruzh: stopped serving", file=sys.stderr)
    return 0


def _is_loopback(host: str) -> bool:
    import ipaddress

    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to any interface
        return False


def _check_free(host: str, port: int) -> None:
    """Say a taken port in one line before the server starts (the server's own error is a log record)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as e:
            raise InputError(f"{host}:{port}", f"cannot listen there ({e.strerror}); choose another --port "
                                               "or --host") from None


def _review(args: argparse.Namespace) -> int:
    from ruzh.serve.export import export

    written = export(args.folder, args.format)
    print(f"Wrote {', '.join(map(str, written))}", file=sys.stderr)
    return 0


def _port(text: str) -> int:
    """A TCP port number, for argparse."""
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1 to 65535)")
    return int(text)


def _positive(number: type):
    """A number above zero, for argparse."""
    def parse(text: str):
        try:
            value = number(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a {'whole ' if number is int else ''}number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text} is not above zero")
        return value
    return parse


def _count(text: str) -> int:
    """A whole number, zero or more, for argparse."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number (0 or more)")
    return int(text)


def _fraction(text: str) -> float:
    """A number from 0 to 1, for argparse."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


def _zh_tag(text: str) -> str:
    """A language tag for Chinese (zh-CN, zh-TW, zh-Hans), for argparse."""
    try:
        return language_tag(text, "zh")
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


# A tab by name too: one is hard to type in a shell.
CSV_SEPARATORS = {",": ",", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t"}


def _csv_sep(text: str) -> str:
    """A CSV separator by its character or name, for argparse."""
    if text.lower() not in CSV_SEPARATORS:
        raise argparse.ArgumentTypeError(f"{text!r} is not one of ',', ';' or 'tab'")
    return CSV_SEPARATORS[text.lower()]


def _logging(args: argparse.Namespace) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log.handlers.clear()  # main() may run more than once in a process (tests, notebooks)
    log.addHandler(handler)
    log.propagate = False
    log.setLevel(logging.ERROR if args.quiet else logging.DEBUG if args.verbose else logging.INFO)
