"""Answer or refuse on the bundled corpus: ordinary and other wording answered, chat ignored, the rest refused."""

from __future__ import annotations

import math

import pytest

from bot import messages
from bot.core.answer.compose import AnswerPolicy
from bot.core.models import Answer
from bot.core.search.answer_type import form_terms, lacks_asked_kind, prefer_kind
from bot.core.search.answerability import FEATURES, LARGE_CORPUS, confidence, corpus_size, search_query
from bot.core.search.decision import judge
from bot.core.search.index import CANDIDATES
from bot.core.search.query import build_query
from bot.core.service import QAService
from bot.errors import QuestionError

LONG_FORM = "general security of military information agreement"


def _quoted(answer: Answer) -> str:
    return " ".join(q.passage.text for q in answer.quotes).lower()


@pytest.mark.parametrize(
    "question", ["What does GSOMIA stand for?", "What does GSOMIA mean?", "What is the full form of GSOMIA?"]
)
def test_acronym_definition_questions_quote_the_long_form(service: QAService, question: str) -> None:
    """Asking what an acronym stands for or means quotes a passage that spells it out."""
    answer = service.ask(question)
    assert answer.answered
    assert LONG_FORM in _quoted(answer)


@pytest.mark.parametrize(
    ("plain", "chatty"),
    [
        ("who signed the pact?", "hey, who signed the pact?"),
        ("who signed the pact?", "who signed the pact, thanks!"),
        ("What does GSOMIA stand for?", "hiii bot, what does GSOMIA stand for? pls 🙏"),
        (
            "Where did the Defense Trilateral Talks take place?",
            "Good morning! Where did the Defense Trilateral Talks take place?",
        ),
        (
            "Where did the Defense Trilateral Talks take place?",
            "Could you tell me where the Defense Trilateral Talks took place?",
        ),
        (
            "What will the military pact set the stage for?",
            "Quick question: what will the military pact set the stage for?",
        ),
        (
            "What will the military pact set the stage for?",
            "What will the military pact set the stage for? Many thanks in advance!",
        ),
        (
            "Has the relationship between the two countries improved?",
            "Sorry to bother, has the relationship between the two countries improved?",
        ),
        ("What does the Yonhap photo show?", "WHAT DOES THE YONHAP PHOTO SHOW?"),
        ("How many opposition parties protested the deal?", "How many oposition parties protested the deal?"),
        (
            "Has the relationship between the two countries improved?",
            "Has the reltaionship between the two countries improved?",
        ),
    ],
)
def test_greetings_and_thanks_change_nothing(service: QAService, plain: str, chatty: str) -> None:
    """A question with a greeting, thanks or an emoji, typed in capitals or with a slip, gets the same passages
    as written plainly."""
    expected, got = service.ask(plain), service.ask(chatty)
    assert expected.answered and got.answered
    assert [q.passage.passage_id for q in got.quotes] == [q.passage.passage_id for q in expected.quotes]


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("How many atomic tests did Pyongyang carry out this year?", "two nuclear tests"),
        ("Did the two neighbours swap classified data?", "exchange of classified information"),
    ],
)
def test_other_wording_is_bridged_to_the_articles_words(service: QAService, question: str, needle: str) -> None:
    """Words the articles do not use ("atomic", "data") reach the ones they do ("nuclear", "information")."""
    answer = service.ask(question)
    assert answer.answered
    assert needle in _quoted(answer)


def test_bridged_word_is_searched_for_the_missing_one(service: QAService) -> None:
    """ "atomic" is absent from the corpus and bridged to "nuclear", which the articles use."""
    corpus = service.corpus
    query = build_query("atomic tests", corpus.lexicon, corpus.index)
    assert "nuclear" in query.bridge_terms


def test_misspelt_name_is_corrected_and_suggested(service: QAService) -> None:
    """ "Kishda" finds Kishida's words, and the answer says what was searched."""
    answer = service.ask("What did Kishda say?")
    assert answer.answered and "kishida" in _quoted(answer)
    assert answer.did_you_mean == "What did Kishida say?"


def test_correct_spelling_suggests_nothing(service: QAService) -> None:
    """A question spelt as the articles spell it has no "did you mean"."""
    assert service.ask("What did Kishida say?").did_you_mean is None


@pytest.mark.parametrize(
    "question",
    [
        "Who won the 2016 World Series?",
        "How do I reset my wifi router?",
        "What is the capital of Australia?",
        "What did Vladimir Putin say about the pact?",
        "How much did the intelligence pact cost taxpayers?",
    ],
)
def test_questions_the_articles_do_not_answer_are_refused(service: QAService, question: str) -> None:
    """Off-topic questions, and on-topic ones whose key words the articles lack, quote nothing (a cost asked for
    and given nowhere is said to be missing)."""
    answer = service.ask(question)
    assert not answer.answered and answer.quotes == ()
    lacking = messages.NO_ANSWER_OF_KIND.format(kind="an amount")
    assert answer.message == (lacking if question.startswith("How much") else messages.NOT_IN_CORPUS)


def test_filler_only_question_is_refused(service: QAService) -> None:
    """A message of nothing but greetings and thanks is not searched: the asker is told what the bot answers."""
    with pytest.raises(QuestionError, match="ask me who, what, when or where"):
        service.ask("hey there, thanks bot!")


def test_confidence_threshold_is_the_policy_setting(service: QAService) -> None:
    """The same question is answered at a lax threshold and refused at a strict one."""
    question = "Which round of talks produced the preliminary agreement?"
    assert QAService(service.corpus, AnswerPolicy(min_confidence=0.05)).ask(question).answered
    assert not QAService(service.corpus, AnswerPolicy(min_confidence=0.999)).ask(question).answered


def test_signals_come_from_the_top_passages_only(service: QAService) -> None:
    """The model reads one value per feature, each a share or ratio between 0 and 1, off the engine's hits."""
    corpus = service.corpus
    question = "Who signed the pact in Seoul?"
    verdict = judge(corpus, question, build_query(question, corpus.lexicon, corpus.index))
    assert len(verdict.signals) == len(FEATURES)
    assert all(0.0 <= value <= 1.0 for value in verdict.signals)
    assert verdict.confidence == confidence(verdict.signals)
    assert 0 < len(verdict.hits) <= CANDIDATES


@pytest.mark.parametrize(
    "question",
    [
        "How many documents were handed over at the first intelligence exchange in December?",
        "How many people died in the 1950-53 Korean War?",
        "At what time did the closed signing ceremony in Seoul begin?",
    ],
)
def test_on_topic_questions_without_an_answer_of_their_kind_are_refused(service: QAService, question: str) -> None:
    """A count the articles never give is refused, though the story's own words match."""
    assert not service.ask(question).answered


@pytest.mark.parametrize(
    ("question", "lacking"),
    [
        ("How old is Defense Minister Han Min-koo?", True),
        ("Where was the 2014 trilateral intelligence-sharing deal signed?", True),
        ("How many lawmakers voted to dismiss Defense Minister Han Min-koo?", True),
        ("How many nuclear tests did North Korea conduct this year?", False),
        ("How many civic groups opposed the pact in 2012?", True),
        ("How many South Korean opposition parties protested the deal?", False),
        ("How long does the pact last?", False),
        ("How long was Korea under Japanese colonial rule?", False),
        ("Where were the Defense Trilateral Talks held?", False),
        ("What percentage of South Koreans opposed the intelligence pact?", True),
        ("What is the range of North Korea's Musudan missile?", True),
        ("At what time did the closed signing ceremony in Seoul begin?", True),
    ],
)
def test_passages_lacking_the_asked_kind_are_seen(service: QAService, question: str, lacking: bool) -> None:
    """An age, place or count absent from the top passages' on-topic sentences is noticed; one present is not,
    and a count of something else ("three opposition parties" for civic groups) is no count of what is asked.
    A sentence naming "Japan" and "the Korean peninsula" speaks to "Japanese" and "Korea"."""
    corpus = service.corpus
    query = build_query(question, corpus.lexicon, corpus.index, drop=form_terms(question))
    hits = prefer_kind(question, search_query(corpus.index, query), corpus)
    assert lacks_asked_kind(question, hits, corpus, query) == lacking


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How old is Defense Minister Han Min-koo?", "an age"),
        ("How many lawmakers voted to dismiss Defense Minister Han Min-koo?", "a number"),
    ],
)
def test_a_missing_kind_refuses_however_confident_the_model(service: QAService, question: str, kind: str) -> None:
    """Passages that name the story's people but hold no age or count of what is asked are not quoted, though the
    model alone would quote them, and the reply says what they lack; a threshold of 0 still quotes them."""
    corpus = service.corpus
    query = build_query(question, corpus.lexicon, corpus.index, drop=form_terms(question))
    verdict = judge(corpus, question, query)
    assert verdict.contradicted and verdict.confidence >= service.policy.min_confidence
    answer = service.ask(question)
    assert not answer.answered
    assert answer.message == messages.NO_ANSWER_OF_KIND.format(kind=kind)
    assert QAService(corpus, AnswerPolicy(min_confidence=0.0)).ask(question).answered


def test_a_span_of_years_answers_how_long(service: QAService) -> None:
    """ "From 1910 to 1945" is a duration: a how-long question about the colonial rule is answered with it."""
    question = "How long did Japan control the Korean peninsula?"
    corpus = service.corpus
    query = build_query(question, corpus.lexicon, corpus.index, drop=form_terms(question))
    assert not judge(corpus, question, query).contradicted
    answer = service.ask(question)
    assert answer.answered
    assert "1910 to 1945" in answer.quotes[0].passage.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who signed the pact on behalf of Japan?", "nagamine"),
        ("How many nuclear tests did North Korea carry out this year?", "two nuclear tests"),
        ("When did North Korea conduct its fifth nuclear test?", "september"),
    ],
)
def test_questions_with_an_answer_of_their_kind_are_still_answered(
    service: QAService, question: str, expected: str
) -> None:
    """Who / how many / when questions the articles answer keep their quoted answer."""
    answer = service.ask(question)
    assert answer.answered
    assert expected in _quoted(answer)


def test_the_same_overlap_counts_for_less_in_a_larger_corpus(service: QAService) -> None:
    """A question's signals give less confidence when the corpus has fifty times the bundled passages."""
    corpus = service.corpus
    question = "When did Pyongyang conduct its fifth atomic test?"
    verdict = judge(corpus, question, build_query(question, corpus.lexicon, corpus.index))
    bundled = corpus_size(corpus.index)
    assert 0 < bundled < 1 and verdict.signals[FEATURES.index("corpus_size")] == bundled
    larger = (*verdict.signals[:-1], bundled + math.log10(50) / math.log10(LARGE_CORPUS))
    assert confidence(larger) < verdict.confidence
