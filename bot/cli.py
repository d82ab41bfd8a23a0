"""Command line: ``python -m bot`` starts the bot; ``ask``, ``sources`` and ``eval`` work on the corpus directly."""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from xml.etree.ElementTree import ParseError

from pydantic import ValidationError

from bot import messages
from bot.bench import retrieval as bench
from bot.bench.answerability import bench_answerability
from bot.bench.baseline import plain_quotes
from bot.bench.extraction import bench_extraction
from bot.bench.patterns import bench_patterns
from bot.bench.scale import bench_scale
from bot.bench.timeml import bench_timeml
from bot.bench.variants import bench_variants
from bot.console.progress import ProgressLine
from bot.console.render import render_answer, render_sources, render_timeline
from bot.console.repl import ConsoleChat
from bot.core.admin.tools import AdminTools
from bot.core.answer.compose import AnswerPolicy
from bot.core.answer.evaluate import EvalQuestion, Quoter, evaluate, evaluate_by_kind, quotes_of, read_questions
from bot.core.answer.pair_eval import evaluate_pairs, read_pairs, unrelated_similarities
from bot.core.ingest.fetch import FetchPolicy
from bot.core.progress import no_progress
from bot.core.search.engines import EngineChoice
from bot.core.search.tokenize import tokenize
from bot.core.serialize import answer_to_dict, event_to_dict, question_error_to_dict, source_to_dict
from bot.core.service import QAService
from bot.core.timeline.labels import timeline_title
from bot.errors import CorpusError, QuestionError, SchemaTooNewError, UserError
from bot.lifecycle import attached_database
from bot.settings import Settings, setting_variable, unknown_settings

if TYPE_CHECKING:
    from bot.discord.client import DiscordConfig
    from bot.slack.config import SlackConfig

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Answer questions by quoting news articles.")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="start the bot: Discord and/or Slack when their tokens are set, else the console")
    ask = commands.add_parser("ask", help="answer one question, or one per line of standard input")
    ask.add_argument("question", nargs="?", help="the question; omit it to read questions from standard input")
    ask.add_argument("--json", action="store_true", help="print JSON (one object per line when reading stdin)")
    timeline = commands.add_parser("timeline", help="the story's dated events in chronological order")
    timeline.add_argument("--json", action="store_true", help="print a JSON array")
    timeline.add_argument("--topic", help="only events about this (BM25 over the event sentences)")
    timeline.add_argument("--from", dest="start", metavar="DATE", help="only events from this date (YYYY[-MM[-DD]])")
    timeline.add_argument("--to", dest="end", metavar="DATE", help="only events up to this date (YYYY[-MM[-DD]])")
    timeline.add_argument("--png", type=Path, metavar="FILE", help="also draw the timeline as a PNG picture in FILE")
    sources = commands.add_parser("sources", help="list the articles with their metadata")
    sources.add_argument("--json", action="store_true", help="print a JSON array")
    sources.add_argument(
        "--passages", action="store_true", help="with --json: each article's passages in reading order (passage_texts)"
    )
    score = commands.add_parser("eval", help="score answers against a JSONL question file")
    score.add_argument("file", type=Path, help="questions with answer strings (see README)")
    score.add_argument("--json", action="store_true", help="print the report as JSON")
    score.add_argument(
        "--pairs", action="store_true", help="FILE is labelled sentence pairs: score the same-fact (corroboration) rule"
    )
    score.add_argument("--by-kind", action="store_true", help="also report each split and kind the file labels")
    score.add_argument(
        "--baseline", action="store_true", help="also score plain rank-bm25 (lower-cased words, never refuses)"
    )
    sync = commands.add_parser("sync", help="register the Discord slash commands now (needs DISCORD_TOKEN)")
    sync.add_argument("--guild", type=int, help="a server id: sync there only, instantly")
    bench = commands.add_parser("bench", help="retrieval quality and speed/memory ratios against plain rank-bm25")
    bench.add_argument("--scifact", type=Path, help="folder of BEIR SciFact (corpus.jsonl, queries.jsonl, qrels/)")
    bench.add_argument("--squad", type=Path, help="folder of SQuAD dev as passages.jsonl and questions.jsonl")
    bench.add_argument("--squad-limit", type=int, default=None, help="use only the first N SQuAD questions")
    bench.add_argument("--copies", default="1,10,40", help="bundled-corpus copies for the ratio run (default 1,10,40)")
    bench.add_argument("--scale", help="generated corpus sizes in passages, e.g. 10000,100000,1000000 (see README)")
    bench.add_argument("--scale-questions", type=int, default=200, help="questions per size (default 200)")
    bench.add_argument("--scale-dir", type=Path, help="keep the generated corpora here, to reuse them in later runs")
    bench.add_argument("--timeml", type=Path, help="folder of TimeML .tml files (TimeBank): dates and the timeline")
    bench.add_argument("--timeml-limit", type=int, default=None, help="use only the first N TimeML files")
    bench.add_argument(
        "--patterns", action="store_true", help="time the cleaning and date patterns on 1k/10k/100k adversarial chars"
    )
    bench.add_argument("--extraction", type=Path, help="folder of article pages (html/ID.html.gz, ground-truth.json)")
    bench.add_argument(
        "--answerability", type=Path, metavar="SQUAD_DIR", help="answer-or-refuse on SQuAD split in two halves"
    )
    bench.add_argument("--answerability-questions", type=int, default=300, help="questions per half (default 300)")
    bench.add_argument(
        "--variants",
        type=Path,
        metavar="QUESTIONS",
        help="the same answers for the file's questions with chat around them, in lower case, capitals, with a slip",
    )
    return parser


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run a command and return the process exit code."""
    try:
        return _main(argv, stdin, stdout)
    except BrokenPipeError:
        # The reader went away (``python -m bot eval ... | head``): stop quietly, as command-line tools do.
        sys.stderr.close()
        return 0


def _main(argv: Sequence[str] | None, stdin: TextIO | None, stdout: TextIO | None) -> int:
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    _tolerate_odd_text(stdin, stdout)
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as error:
        print(f"error: invalid setting: {_first_validation_problem(error)}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as error:  # a .env saved in another encoding (UTF-16 by some editors)
        print(messages.SETTINGS_FILE_NOT_UTF8.format(path=".env", position=error.start), file=sys.stderr)
        return 2
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for warning in unknown_settings(os.environ):
        print(f"warning: {warning}", file=sys.stderr)
    try:
        progress = ProgressLine(sys.stderr, messages.LOAD_PROGRESS)
        service = QAService.open(
            settings.corpus_dir,
            settings.corpus_cache or settings.database.parent / "corpus-cache",
            AnswerPolicy(
                top_k=settings.top_k,
                corroboration_overlap=settings.corroboration_overlap,
                min_confidence=settings.min_confidence,
            ),
            settings.max_question_chars,
            EngineChoice(settings.search_engine, settings.fast_engine_from),
            settings.max_pending_questions,
            progress if sys.stderr.isatty() else no_progress,
        )
        progress.finish()
    except CorpusError as error:
        print(f"error: {error}. Set BOT_CORPUS_DIR to a folder of .txt, .md or .html articles.", file=sys.stderr)
        return 2
    if args.command == "ask":
        return _ask(service, args.question, args.json, stdin, stdout)
    if args.command == "timeline":
        return _timeline(service, args, stdout)
    if args.command == "sources":
        return _sources(service, args.json, stdout, args.passages)
    if args.command == "eval" and args.pairs:
        return _eval_pairs(service, args.file, args.json, stdout)
    if args.command == "eval":
        return _eval(service, args.file, args.json, stdout, args.by_kind, args.baseline)
    if args.command == "bench":
        return _bench(settings.corpus_dir, args, stdout, service)
    if args.command == "sync":
        return _sync(service, settings, args.guild)
    return _run(service, settings, stdin, stdout)


def _tolerate_odd_text(stdin: TextIO, stdout: TextIO) -> None:
    """Under a strict locale, an odd byte read or written would end the chat or the batch: replace it instead.

    A byte that is not UTF-8 is read as U+FFFD; text that cannot be encoded (an undecodable byte kept in a
    file name) is written as an escape.
    """
    if isinstance(stdin, io.TextIOWrapper):
        stdin.reconfigure(errors="replace")
    if isinstance(stdout, io.TextIOWrapper):
        stdout.reconfigure(errors="backslashreplace")


def _run(service: QAService, settings: Settings, stdin: TextIO, stdout: TextIO) -> int:
    try:
        slack = slack_config(settings)
        if settings.discord_token is not None or slack is not None:
            discord = None
            if settings.discord_token is not None:
                discord = (settings.discord_token.get_secret_value(), discord_config(settings))
            # Imported here so the console and the other commands never load a platform library.
            from bot.platforms import serve_platforms

            return asyncio.run(
                serve_platforms(service, settings.database, settings.retention_days, discord=discord, slack=slack)
            )
        asyncio.run(_console(service, settings, stdin, stdout))
    except SchemaTooNewError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except UserError as error:
        print(error.user_message, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        if stdout.isatty():
            stdout.write("\n")  # Ctrl-C: leave the shell's prompt on a line of its own
    return 0


async def _console(service: QAService, settings: Settings, stdin: TextIO, stdout: TextIO) -> None:
    async with attached_database(service, settings.database, settings.retention_days):
        admin = AdminTools(service, settings.max_upload_bytes, fetch_policy(settings))
        await ConsoleChat(service, stdin, stdout, color=stdout.isatty(), admin=admin).run()


def _sync(service: QAService, settings: Settings, guild_id: int | None) -> int:
    if settings.discord_token is None:
        print("error: set DISCORD_TOKEN to sync the Discord slash commands", file=sys.stderr)
        return 2
    from bot.discord.runner import sync_discord

    config = discord_config(settings)
    return sync_discord(service, settings.discord_token.get_secret_value(), config, guild_id or config.dev_guild_id)


def discord_config(settings: Settings) -> DiscordConfig:
    """The Discord front end's part of the settings."""
    from bot.discord.client import DiscordConfig

    return DiscordConfig(
        dev_guild_id=settings.discord_dev_guild_id,
        admin_role_ids=frozenset(settings.discord_admin_role_ids),
        admin_user_ids=frozenset(settings.discord_admin_user_ids),
        qa_channel_id=settings.discord_qa_channel_id,
        cooldown_questions=settings.cooldown_questions,
        cooldown_seconds=settings.cooldown_seconds,
        sync_state_file=settings.database.parent / "discord-commands.json",
        message_content=settings.discord_message_content,
        max_upload_bytes=settings.max_upload_bytes,
        fetch=fetch_policy(settings),
    )


def fetch_policy(settings: Settings) -> FetchPolicy:
    """The limits for fetching links with /corpus add."""
    return FetchPolicy(
        settings.fetch_max_bytes,
        settings.fetch_timeout_seconds,
        settings.fetch_max_redirects,
        settings.fetch_allow_private,
    )


def slack_config(settings: Settings) -> SlackConfig | None:
    """The Slack front end's part of the settings; None when Slack is not configured."""
    from bot.slack.config import DEFAULT_API_URL, SlackConfig

    if settings.slack_bot_token is None:
        if settings.slack_app_token or settings.slack_signing_secret:
            raise UserError(messages.SLACK_START_NO_BOT_TOKEN)
        return None
    app_token, secret = settings.slack_app_token, settings.slack_signing_secret
    return SlackConfig(
        bot_token=settings.slack_bot_token.get_secret_value(),
        app_token=app_token.get_secret_value() if app_token else None,
        signing_secret=secret.get_secret_value() if secret else None,
        api_url=settings.slack_api_url or DEFAULT_API_URL,
        admin_user_ids=frozenset(settings.slack_admin_user_ids),
        port=settings.slack_port,
        max_upload_bytes=settings.max_upload_bytes,
        cooldown_questions=settings.cooldown_questions,
        cooldown_seconds=settings.cooldown_seconds,
    )


def _ask(service: QAService, question: str | None, as_json: bool, stdin: TextIO, stdout: TextIO) -> int:
    """Exit 0 when every question could be searched, 1 when one could not (each is still reported)."""
    if question is not None:
        return 0 if _answer_one(service, question, as_json, stdout, alone=True) else 1
    valid = [_answer_one(service, line.rstrip("\n"), as_json, stdout) for line in stdin]
    return 0 if all(valid) else 1


def _answer_one(service: QAService, question: str, as_json: bool, stdout: TextIO, alone: bool = False) -> bool:
    """Write the answer (or why the question cannot be searched); False for an invalid question."""
    try:
        answer = service.ask(question)
    except QuestionError as error:
        if alone and not as_json:
            print(f"error: {error.user_message}", file=sys.stderr)
            return False
        payload: dict[str, Any] = question_error_to_dict(question.strip(), error.user_message)
        text = error.user_message
        valid = False
    else:
        payload = answer_to_dict(answer)
        text = render_answer(answer, chat=False)
        valid = True
    stdout.write((json.dumps(payload, ensure_ascii=False) if as_json else text) + "\n")
    stdout.flush()
    return valid


def _timeline(service: QAService, args: argparse.Namespace, stdout: TextIO) -> int:
    try:
        events = service.timeline(args.topic, args.start, args.end)
    except UserError as error:
        print(f"error: {error.user_message}", file=sys.stderr)
        return 2
    if args.png:
        from bot.charts import write_timeline_png  # matplotlib loads only when a picture is asked for

        try:
            drawn = write_timeline_png(events, args.png, timeline_title(args.topic, args.start, args.end))
        except UserError as error:
            print(f"error: {error.user_message}", file=sys.stderr)
            return 2
        print(drawn, file=sys.stderr)  # stdout stays the timeline itself, text or JSON
    if args.json:
        stdout.write(json.dumps([event_to_dict(e) for e in events], ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(render_timeline(events, color=stdout.isatty()) + "\n")
    return 0


def _sources(service: QAService, as_json: bool, stdout: TextIO, with_passages: bool = False) -> int:
    infos = service.sources()
    if as_json:
        rows = [source_to_dict(i) for i in infos]
        if with_passages:
            texts = service.corpus.base_passage_texts()
            for row in rows:
                row["passage_texts"] = texts.get(row["article_id"], [])
        stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(render_sources(infos, service.corpus.problems) + "\n")
    return 0


def _eval(
    service: QAService, path: Path, as_json: bool, stdout: TextIO, by_kind: bool = False, baseline: bool = False
) -> int:
    try:
        questions = read_questions(path)
    except (OSError, ValueError) as error:
        print(f"error: cannot read {path}: {error}", file=sys.stderr)
        return 2
    report = _scores(questions, quotes_of(service.ask), by_kind)
    # The baseline quotes from the same passages, so the two differ only in ranking and refusing.
    plain = _scores(questions, plain_quotes(service.corpus), by_kind) if baseline else None
    if as_json:
        stdout.write(json.dumps({**report, "rank_bm25": plain} if plain else report, indent=2) + "\n")
        return 0
    if by_kind:
        for label, scores in report.items():
            if label != "all":
                stdout.write(f"{label}: {_summary(scores)}\n")
        stdout.write(f"all: {_summary(report['all'])}\n")
        misses = report["all"]["misses"]
    else:
        stdout.write(
            f"answerable: {report['answerable']}  hit@1: {_percent(report['hit@1'])}  "
            f"hit@3: {_percent(report['hit@3'])}\n"
            f"unanswerable: {report['unanswerable']}  abstention: {_percent(report['abstention'])}\n"
        )
        misses = report["misses"]
    if plain is not None:
        stdout.write("plain rank-bm25 over the same passages (lower-cased words, never refuses):\n")
        for label, scores in plain.items() if by_kind else [("all", plain)]:
            if scores["answerable"]:
                stdout.write(f"  {label}: hit@1 {_percent(scores['hit@1'])} hit@3 {_percent(scores['hit@3'])}\n")
    assert isinstance(misses, list)
    for miss in misses:
        stdout.write(f"  miss {miss}\n")
    return 0


def _scores(questions: list[EvalQuestion], quoted: Quoter, by_kind: bool) -> dict[str, Any]:
    """The report of one system: per split and kind (``by_kind``) or for the whole file."""
    if by_kind:
        return {label: r.as_dict() for label, r in evaluate_by_kind(questions, quoted).items()}
    return evaluate(questions, quoted).as_dict()


def _eval_pairs(service: QAService, path: Path, as_json: bool, stdout: TextIO) -> int:
    try:
        pairs = read_pairs(path)
    except (OSError, ValueError) as error:
        print(f"error: cannot read {path}: {error}", file=sys.stderr)
        return 2
    bar = service.policy.corroboration_overlap
    report = evaluate_pairs(pairs, service.corpus, bar).as_dict()
    unrelated = unrelated_similarities(service.corpus)
    report["bar"] = bar
    report["unrelated_pairs"] = len(unrelated)
    report["unrelated_below_bar"] = round(sum(s < bar for s in unrelated) / len(unrelated), 4) if unrelated else None
    if as_json:
        stdout.write(json.dumps(report, indent=2) + "\n")
        return 0
    stdout.write(
        f"pairs: {report['positives']} same fact, {report['negatives']} not  "
        f"precision: {_percent(report['precision'])}  recall: {_percent(report['recall'])}  "
        f"false reports: {report['false_reports']}\n"
        f"bar {bar}: above {_percent(report['unrelated_below_bar'])} of {len(unrelated)} sentence pairs "
        "from different articles\n"
    )
    wrong = report["errors"]
    assert isinstance(wrong, list)
    for line in wrong:
        stdout.write(f"  {line}\n")
    return 0


def _summary(report: dict[str, object]) -> str:
    """One line: hit rates over the answerable questions, abstention over the rest."""
    return (
        f"answerable {report['answerable']} hit@1 {_percent(report['hit@1'])} hit@3 {_percent(report['hit@3'])}; "
        f"unanswerable {report['unanswerable']} abstention {_percent(report['abstention'])}"
    )


def _bench(corpus_dir: Path, args: argparse.Namespace, stdout: TextIO, service: QAService) -> int:
    policy = service.policy
    tokenizers: dict[str, bench.Tokenizer] = {"baseline": bench.plain_split, "bot": tokenize, "fast": tokenize}
    report: dict[str, Any] = {}
    try:
        copies = [int(n) for n in args.copies.split(",")]
        sizes = [int(n) for n in args.scale.split(",")] if args.scale else []
        if args.scifact:
            report["scifact"] = bench.summarize(bench.bench_scifact(args.scifact, tokenizers))
        if args.squad:
            report["squad"] = bench.summarize(bench.bench_squad(args.squad, tokenizers, args.squad_limit))
        if args.timeml:
            report["timeml"] = bench_timeml(args.timeml, args.timeml_limit)
        if args.extraction:
            report["extraction"] = bench_extraction(args.extraction)
        if args.answerability:
            report["answerability"] = bench_answerability(
                args.answerability, policy, per_side=args.answerability_questions
            )
        if args.variants:
            report["variants"] = bench_variants(args.variants, service)
    except (OSError, ValueError, KeyError, ParseError) as error:
        print(f"error: cannot read the benchmark data: {error}", file=sys.stderr)
        return 2
    if args.patterns:
        report["patterns"] = bench_patterns()
    report["corpus_scale"] = bench.bench_corpus_scale(corpus_dir, copies)
    if sizes:
        progress = ProgressLine(sys.stderr, "bench --scale: {stage} ({done:,} of {total:,})")
        report["scale"] = bench_scale(sizes, args.scale_dir, args.scale_questions, progress=progress)
        progress.finish()
    stdout.write(json.dumps(report, indent=2) + "\n")
    return 0


def _percent(value: object) -> str:
    return f"{value:.1%}" if isinstance(value, float) else "n/a"


def _first_validation_problem(error: ValidationError) -> str:
    """The first bad setting, named as it is set: its environment variable (``BOT_TOP_K``), not its field."""
    problem = error.errors()[0]
    return f"{setting_variable(str(problem['loc'][0])) if problem['loc'] else 'settings'}: {problem['msg']}"
