"""Unmet questions are logged redacted, with their top intents, and nothing is lost when the database is down."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk.executor import CollectingDispatcher

from actions import context
from actions.answers import ActionAnswerTopic
from bot.privacy import conversation_hash
from bot.storage.db import make_engine
from bot.storage.migrate import upgrade
from bot.storage.unmet import list_unmet
from tests.actions.trackers import domain, lang, tracker


def parsed(text: str, intent: str, ranking: List[tuple], language: str = "nl") -> Dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {
        "intent": {"name": intent, "confidence": ranking[0][1]},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
        "language": {"code": language, "confidence": 0.9, "source": "detected"}}}


async def answer(track) -> None:
    await ActionAnswerTopic().run(CollectingDispatcher(), track, domain())


def fallback(text: str, **kwargs: Any):
    track = tracker(text, "nlu_fallback", confidence=0.3, **kwargs)
    track.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.3}, {"name": "waste", "confidence": 0.22},
        {"name": "housing", "confidence": 0.19}, {"name": "work", "confidence": 0.1},
        {"name": "leisure", "confidence": 0.05}]
    return track


async def test_a_question_not_understood_is_logged_redacted_with_its_top_three_intents(database_url: str) -> None:
    await answer(fallback("mijn naam is Samira Haddad, waar kan ik mijn kapotte fiets laten ophalen? 0470 12 34 56",
                          language=lang("nl"), sender="widget-77"))
    [logged] = list_unmet(make_engine(database_url))
    assert "Samira" not in logged.text and "0470" not in logged.text
    assert "[naam]" in logged.text and "[telefoon]" in logged.text and "fiets" in logged.text
    assert logged.intents == [("waste", 0.22), ("housing", 0.19), ("work", 0.1)]
    assert logged.reason == "fallback" and logged.status == "new" and logged.language == "nl"
    with make_engine(database_url).connect() as connection:
        from sqlalchemy import text
        stored = connection.execute(text("SELECT conversation FROM unmet_question")).scalar_one()
    assert stored == conversation_hash("widget-77", "test-salt")


async def test_out_of_scope_is_logged_and_ordinary_answers_are_not(database_url: str) -> None:
    await answer(tracker("wie wint de match vanavond", "out_of_scope", language=lang("nl")))
    await answer(tracker("waar is het containerpark", "waste", language=lang("nl")))
    assert [u.reason for u in list_unmet(make_engine(database_url))] == ["out_of_scope"]


async def test_a_complaint_logs_the_question_before_it(database_url: str) -> None:
    question = parsed("hoe vraag ik een parkeerkaart aan voor mijn buurt", "certificates",
                      [("certificates", 0.61), ("driving_licence", 0.2), ("appointment", 0.1)])
    typed = tracker("dit helpt mij niet", "feedback_negative", events=[question, {"event": "bot"}])
    await answer(typed)
    clicked = tracker("/feedback_negative", "feedback_negative", events=[question, {"event": "bot"}])
    await answer(clicked)
    logged = list_unmet(make_engine(database_url))
    assert {u.reason for u in logged} == {"feedback_negative", "unhelpful"}
    assert all(u.text == "hoe vraag ik een parkeerkaart aan voor mijn buurt" for u in logged)
    assert logged[0].intents[0] == ("certificates", 0.61)


async def test_a_conversation_is_counted_once_per_session(database_url: str) -> None:
    from sqlalchemy import select

    from bot.storage.db import session_scope
    from bot.storage.models import ConversationCount

    first = tracker("hallo", "greet", language=lang("ar"), events=[{"event": "session_started"}])
    await answer(first)
    second = tracker("شكرا", "thank", language=lang("ar"),
                     events=[{"event": "session_started"}, {"event": "user", "text": "hallo"}, {"event": "bot"}])
    await answer(second)
    with session_scope(make_engine(database_url)) as session:
        rows = [(r.language, r.channel, r.count) for r in session.execute(select(ConversationCount)).scalars()]
    assert rows == [("ar", "rest", 1)]


async def test_during_an_outage_unmet_questions_are_spooled_then_stored(database_url, monkeypatch, tmp_path) -> None:
    later = f"sqlite:///{tmp_path / 'later.db'}"
    down = make_engine(later)  # not migrated yet: every write fails
    monkeypatch.setattr(context, "engine", lambda: down)
    context.recorder.cache_clear()
    await answer(fallback("kan iemand mij bellen op +32 470 12 34 56 over mijn dak"))
    assert context.recorder().pending() == 3  # the conversation, the topic and the question
    spooled = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "var" / "spool").glob("*.jsonl"))
    assert "470 12 34 56" not in spooled and "[telefoon]" in spooled  # redacted before the spool, too
    upgrade(later)  # the database is back
    await answer(tracker("hallo", "greet"))
    assert context.recorder().pending() == 0
    assert [u.text for u in list_unmet(make_engine(later))] == ["kan iemand mij bellen op [telefoon] over mijn dak"]
    context.recorder.cache_clear()
