"""Command line: ``python -m analysis extract FILE...``, ``build PATH... --out DIR``, ``refresh --out DIR``,
``repair --out DIR``, ``export --store DIR`` and ``tone FILE.jsonl``.

``extract`` prints one JSON object per input file (per article for JSONL/CSV files), one
per line, in input order. Its statements are those the app and ``export`` show: by default
those that report words (``act`` "speech"); ``--acts speech,stance`` adds attributed attitudes
and acts, every record the extractor finds (what PolNeAR annotates). Unreadable inputs give
a one-line error on stderr naming the file; the others are still processed and the exit
status is 1.

``build`` precomputes the store the dashboard reads (see :mod:`analysis.store`). With no
path it builds the bundled seed article. Rerunning it on the same input changes nothing.

``repair`` makes a store loadable after an interrupted change of an older version: it sets
incomplete batches aside (kept as hidden ``.broken-`` folders) and deletes leftovers. Writers
take the store's lock (:mod:`analysis.store.lock`): a second writer stops with a clear message.

``refresh`` re-analyses the stored articles an older version of the analysis produced (after
an upgrade that changed what the analysis finds), adding nothing new.

``export`` writes the statements of a store as the app shows them (after the corpus-wide
name merge and the analysts' corrections, which it counts) for outside tools: ``--format jsonl``
(one statement per line, the default),
``csv`` (the same rows, formula-like cells neutralised) or ``articles`` (one article per line
with its text and statements, the shape ``extract`` prints), to ``--out FILE`` or stdout
(:mod:`analysis.export`); the statements that report words by default, ``--acts speech,stance``
adds attributed attitudes and acts ("wants X", "signed the treaty").

A store (``--out``, ``--store``) is a folder or an object-store URL such as ``s3://bucket/prefix``
(docs/scale.md). ``build`` and ``refresh`` take ``--cluster ADDRESS`` (a Dask scheduler) or
``--cluster local:N`` (N local worker processes) to analyse on a cluster (:mod:`analysis.cluster`).

``--target-tone`` (``extract``, ``build``, ``refresh``) also gives each statement its tone towards
each person and country it names (``target_tones``; the app's speaker x country tone chart then
shows it). Off by default for its cost (docs/speed.md); ``QUOTE_ATLAS_TARGET_TONE=1`` does the
same and ``--no-target-tone`` overrides that. Switching it re-analyses a store on ``build``/``refresh``.
``--similar-topics`` (or ``QUOTE_ATLAS_SIMILAR_TOPICS=1``) also files a sentence or statement whose
words trigger no topic under the topic nearest in meaning (evidence "similar meaning"; about 0.35x
bare spaCy's time more, no gain measured on hand-labelled statements: docs/accuracy.md).

``tone`` prints the tone (negative / neutral / positive) of NewsMTSC-style sentences towards
their target spans, one JSON line per input line; a bad line is skipped with an error naming
its line number (:mod:`analysis.tone.lines`).

Wrong arguments give a one-line error on stderr and exit status 1.

``--tagger`` (any analysing command) also runs the content tagger: more of the statements news
annotators count, at about 0.55 times the speed of quote extraction without it
(``QUOTE_ATLAS_TAGGER=1`` does the same; ``--no-tagger`` overrides that). Settings are read
once (:func:`analysis.settings.load_settings`) and passed on explicitly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from analysis.ingest import expand_paths, read_path
from analysis.settings import Settings, load_settings


def read_inputs(paths: list[str], keep_paths: bool = False) -> tuple[list, bool]:
    """Read files and folders into articles, printing each warning and error on stderr.

    Args:
        paths: Files or folders.
        keep_paths: Give a file holding one article the path as given for its ``source``
            (the scorer and outside tools key records by it).

    Returns:
        The articles, and whether any input could not be read.
    """
    articles, failed = [], False
    for path in expand_paths(paths):
        result = read_path(path)
        for message in result.warnings:
            print(f"warning: {message}", file=sys.stderr)
        for message in result.errors:
            print(f"error: {message}", file=sys.stderr)
            failed = True
        if keep_paths and len(result.articles) == 1:
            articles.append(type(result.articles[0])(**{**result.articles[0].to_dict(), "source": path}))
        else:
            articles.extend(result.articles)
    return articles, failed


def command_extract(args: argparse.Namespace) -> int:
    """Print the analysis of each file as one JSON line."""
    from analysis.export import parse_acts, with_acts

    try:
        acts = parse_acts(args.acts)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    from analysis.pipeline import analyse_articles, summary

    articles, failed = read_inputs(args.files, keep_paths=True)
    for analysis in analyse_articles(articles, n_process=args.processes, tagger=args.tagger,
                                     budget_seconds=args.settings.article_seconds, target_tone=args.target_tone,
                                     similar_topics=args.similar_topics, conll_people=args.conll_people):
        if analysis.meta.get("skipped"):
            print(f"error: {analysis.meta['skipped']}", file=sys.stderr)
            failed = True
            continue
        record = summary(analysis)
        record["quotes"] = with_acts(record["quotes"], acts)
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 1 if failed else 0


def command_build(args: argparse.Namespace) -> int:
    """Analyse inputs into the store folder."""
    from analysis.build import build_store, compact_store

    articles, failed = read_inputs(args.paths or [str(args.settings.seed)])

    def progress(done: int, total: int) -> None:
        print(f"analysed {done}/{total}", file=sys.stderr)

    report = build_store(args.out, articles, batch_size=args.batch_size, progress=progress,
                         n_process=args.processes, tagger=args.tagger, budget_seconds=args.settings.article_seconds,
                         cluster=args.cluster, target_tone=args.target_tone, similar_topics=args.similar_topics,
                         conll_people=args.conll_people)
    if args.compact:
        compact_store(args.out)
    for message in report.too_slow:
        print(f"error: {message}", file=sys.stderr)
    print(f"{args.out}: {report.analysed} analysed, {report.skipped} already stored, "
          f"{report.duplicates} duplicates skipped", file=sys.stderr)
    return 1 if failed or report.too_slow else 0


def command_refresh(args: argparse.Namespace) -> int:
    """Re-analyse the stored articles of an older analysis version."""
    from analysis.build import build_store, store_exists

    if not store_exists(args.out):
        print(f"error: no store at {args.out}", file=sys.stderr)
        return 1
    report = build_store(args.out, [], batch_size=args.batch_size, n_process=args.processes, tagger=args.tagger,
                         budget_seconds=args.settings.article_seconds, cluster=args.cluster,
                         target_tone=args.target_tone, similar_topics=args.similar_topics,
                         conll_people=args.conll_people)
    for message in report.too_slow:
        print(f"error: {message}", file=sys.stderr)
    print(f"{args.out}: {report.analysed} re-analysed for this analysis version", file=sys.stderr)
    return 1 if report.too_slow else 0


def command_repair(args: argparse.Namespace) -> int:
    """Set incomplete batches aside and delete the leftovers of interrupted changes."""
    from analysis.build import repair_store, store_exists

    if not store_exists(args.out):
        print(f"error: no store at {args.out}", file=sys.stderr)
        return 1
    report = repair_store(args.out)
    for name in report.set_aside:
        print(f"{args.out}: batch {name} lacked tables: moved to .broken-{name} (its articles can be built again)",
              file=sys.stderr)
    print(f"{args.out}: {len(report.set_aside)} incomplete batches set aside, "
          f"{report.leftovers_removed} leftover folders removed", file=sys.stderr)
    return 0


def command_export(args: argparse.Namespace) -> int:
    """Write the statements of a store to a file or stdout."""
    from analysis.export import export_store, parse_acts, store_exists

    try:
        acts = parse_acts(args.acts)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if not store_exists(args.store):
        print(f"error: no store at {args.store}", file=sys.stderr)
        return 1
    try:
        if args.out in (None, "-"):
            statements, articles, corrected = export_store(args.store, sys.stdout, args.format, acts)
        else:
            temporary = f"{args.out}.tmp-{os.getpid()}"
            try:
                with open(temporary, "w", encoding="utf-8", newline="") as handle:
                    statements, articles, corrected = export_store(args.store, handle, args.format, acts)
                os.replace(temporary, args.out)
            finally:
                if os.path.exists(temporary):
                    os.remove(temporary)
    except OSError as error:
        print(f"error: cannot write {args.out}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"{args.store}: {statements} statements of {articles} articles" + (f"; {corrected}" if corrected else ""),
          file=sys.stderr)
    return 0


def command_tone(args: argparse.Namespace) -> int:
    """Print the tone towards each target of each line of a NewsMTSC-style JSONL file."""
    from analysis.tone.lines import tone_file

    return tone_file(args.file)


#: ``analysis.export.FORMATS``, spelled out so that parsing arguments loads no store code.
EXPORT_FORMATS = ("jsonl", "csv", "articles")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr with exit status 1."""

    def error(self, message: str):  # noqa: D102
        self.exit(1, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


ACTS_HELP = ("statements that report words (speech, the default, what the app shows) and/or attributed "
             "attitudes and acts (stance): speech,stance for both")
TAGGER_HELP = "also run the content tagger: more reported statements found, about half the speed"


CLUSTER_HELP = ("analyse on a Dask cluster: a scheduler address (tcp://HOST:8786) or local:N for N local "
                "worker processes; this process still writes the store (docs/scale.md)")


def _cluster_address(value: str) -> str:
    """A ``--cluster`` value: ``local:N`` with N >= 1, or a scheduler address (checked when connecting)."""
    if value.startswith("local:") and not (value[6:].isdigit() and int(value[6:]) >= 1):
        raise argparse.ArgumentTypeError(f"{value!r}: expected local:N with N workers, e.g. local:2")
    return value


#: The analysis options that are switched on and off alike on the command line: (setting and
#: argument name, help for ``--name``, help for ``--no-name``). Unset, each follows its setting.
OPTION_SWITCHES = (
    ("tagger", TAGGER_HELP, "rules only (the default)"),
    ("target_tone", "also give each statement its tone towards each person and country it names "
                    "(about 0.2-0.3x bare spaCy's time more)", "no tone towards targets (the default)"),
    ("similar_topics", "also file sentences and statements whose words trigger no topic under the topic "
                       "nearest in meaning (about 0.35x bare spaCy's time more; no gain measured, "
                       "docs/accuracy.md)", "topics by their words only (the default)"),
    ("conll_people", "find people and organisations with the recogniser trained on CoNLL-2003 (the default: "
                     "CoNLL dev PER F1 92.5 instead of 75.9, no extra time)",
     "people and organisations from the spaCy model's own recogniser"),
)
#: Every option off: commands that analyse nothing.
OPTIONS_OFF = {name: False for name, _on, _off in OPTION_SWITCHES}


def _option_switches(command: argparse.ArgumentParser) -> None:
    """``--name`` / ``--no-name`` for each of :data:`OPTION_SWITCHES`."""
    for name, on_help, off_help in OPTION_SWITCHES:
        flag = name.replace("_", "-")
        switch = command.add_mutually_exclusive_group()
        switch.add_argument(f"--{flag}", dest=name, action="store_true", default=None, help=on_help)
        switch.add_argument(f"--no-{flag}", dest=name, action="store_false", help=off_help)


def main(argv: list[str] | None = None, settings: Settings | None = None) -> int:
    """Parse arguments and run a command; returns the exit status.

    Args:
        argv: The arguments (default: the command line).
        settings: The settings (default: read from the environment once, here).
    """
    settings = settings or load_settings()
    default_store = str(settings.store)
    parser = _Parser(prog="python -m analysis", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="print the analysis of each file as JSON lines")
    extract.add_argument("files", nargs="+", help="text, HTML, JSON/JSONL, CSV, DOCX or PDF files")
    extract.add_argument("--processes", type=int, default=1, help="spaCy worker processes")
    extract.add_argument("--acts", default="speech", help=ACTS_HELP)
    _option_switches(extract)
    extract.set_defaults(run=command_extract)
    build = commands.add_parser("build", help="precompute the store the dashboard reads")
    build.add_argument("paths", nargs="*", help="files or folders (default: the bundled seed article)")
    build.add_argument("--out", default=default_store, help=f"store folder (default {default_store})")
    build.add_argument("--batch-size", type=int, default=50, help="articles per committed batch")
    build.add_argument("--processes", type=int, default=1, help="spaCy worker processes")
    build.add_argument("--compact", action="store_true", help="merge batches afterwards")
    build.add_argument("--cluster", type=_cluster_address, help=CLUSTER_HELP)
    _option_switches(build)
    build.set_defaults(run=command_build)
    refresh = commands.add_parser("refresh", help="re-analyse stored articles of an older analysis version")
    refresh.add_argument("--out", default=default_store, help=f"store folder (default {default_store})")
    refresh.add_argument("--batch-size", type=int, default=50, help="articles per committed batch")
    refresh.add_argument("--processes", type=int, default=1, help="spaCy worker processes")
    refresh.add_argument("--cluster", type=_cluster_address, help=CLUSTER_HELP)
    _option_switches(refresh)
    refresh.set_defaults(run=command_refresh)
    repair = commands.add_parser("repair", help="make a store loadable after an interrupted change")
    repair.add_argument("--out", default=default_store, help=f"store folder (default {default_store})")
    repair.set_defaults(run=command_repair, **OPTIONS_OFF)
    export = commands.add_parser("export", help="write the statements of a store for outside tools")
    export.add_argument("--store", default=default_store, help=f"store folder (default {default_store})")
    export.add_argument("--format", default="jsonl", choices=EXPORT_FORMATS,
                        help="jsonl: a statement per line; csv: the same as a table; "
                             "articles: an article per line with its text and statements")
    export.add_argument("--out", help="output file (default: stdout)")
    export.add_argument("--acts", default="speech", help=ACTS_HELP)
    export.set_defaults(run=command_export, **OPTIONS_OFF)
    tone = commands.add_parser("tone", help="print the tone of sentences towards their targets (NewsMTSC JSONL)")
    tone.add_argument("file", help='JSONL with "sentence_normalized" and "targets" [{"from", "to"}] ("-": stdin)')
    tone.set_defaults(run=command_tone, **OPTIONS_OFF)
    args = parser.parse_args(argv)
    args.settings = settings
    for name, _on, _off in OPTION_SWITCHES:
        if getattr(args, name) is None:
            setattr(args, name, getattr(settings, name))
    from analysis.build import StoreBusy, access_errors

    try:
        return args.run(args)
    except StoreBusy as busy:
        print(f"error: {busy}", file=sys.stderr)
        return 1
    except access_errors() as error:  # an unreachable object store or Dask scheduler, missing credentials
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
