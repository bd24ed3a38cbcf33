"""A tiny stand-in for the text pipeline, so the database side (service, events, CLI, admin
page) is tested against known ``ParsedArticle`` objects whatever the real pipeline decides
about a sentence. Pure (no Django): worker processes import it by name."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from claims.extract.lexicon import MONTH_NAMES
from claims.extract.types import (
    ActorMention,
    ArticleHints,
    DateMention,
    KnownActor,
    ParsedArticle,
    ParsedClaim,
)

# Names the fake pipeline recognises: canonical name -> (kind, role).
PEOPLE = {
    "Donald Trump": ("person", "US President"),
    "Vladimir Putin": ("person", "Russian President"),
    "Marco Rubio": ("person", "US Secretary of State"),
    "Sergei Lavrov": ("person", "Russian Foreign Minister"),
    "Kirill Dmitriev": ("person", ""),
}
# Recognised by full name only; their surname alone resolves only once they are known
# actors (as the real pipeline resolves surnames against the database).
NEWCOMERS = {"Nadia Petrova": ("person", "economist"), "Omar Haddad": ("person", "")}
_DATE = re.compile(rf"\b({'|'.join(MONTH_NAMES)}) (\d{{1,2}}), (\d{{4}})")
_SENTENCE = re.compile(r"[^\s][^\n]*?(?:[.!?][”\"]?(?=\s|$)|$)")


_NO_HINTS = ArticleHints()


def _date(match: re.Match[str]) -> dt.date:
    month = MONTH_NAMES.index(match.group(1)) + 1
    return dt.date(int(match.group(3)), month, int(match.group(2)))


def fake_parse(
    text: str, *, hints: ArticleHints = _NO_HINTS, known_actors: Sequence[KnownActor] = ()
) -> ParsedArticle:
    """Sentences ending in . ! or ? become claims; the first paragraph is the title when it
    has no final punctuation. Mentions: PEOPLE (and their surnames), and known actors."""
    body = text.strip("\n")
    paragraphs = body.split("\n\n")
    title = hints.title or ""
    if not title and paragraphs and not paragraphs[0].rstrip().endswith((".", "!", "?")):
        title = paragraphs[0].strip()
    names: dict[str, tuple[str, str, str]] = {}
    for name, (kind, role) in PEOPLE.items():
        names[name] = (name, kind, role)
        names[name.split()[-1]] = (name, kind, role)
    for name, (kind, role) in NEWCOMERS.items():
        names[name] = (name, kind, role)
    for actor in known_actors:
        for alias in (actor.name, *actor.aliases):
            names.setdefault(alias, (actor.name, actor.kind, ""))
        if actor.kind == "person" and " " in actor.name:
            names.setdefault(actor.name.split()[-1], (actor.name, actor.kind, ""))
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b"
    )
    claims: list[ParsedClaim] = []
    offset = 0
    for index, para in enumerate(paragraphs):
        start_of_para = body.index(para, offset)
        offset = start_of_para + len(para)
        if para.strip() == title:
            continue
        for match in _SENTENCE.finditer(para):
            sentence = match.group(0).strip()
            if not sentence.endswith((".", "!", "?", "”", '"')) or len(sentence) < 12:
                continue
            start = start_of_para + match.start()
            mentions = []
            for m in pattern.finditer(sentence):
                name, kind, role = names[m.group(1)]
                mentions.append(ActorMention(m.group(1), m.start(), m.end(), name, kind, role))  # type: ignore[arg-type]
            dates = [
                DateMention(d.group(0), d.start(), d.end(), _date(d), "day")
                for d in _DATE.finditer(sentence)
            ]
            speaker = None
            said = re.search(r"”,? (?:said )?([A-Z]\w+(?: [A-Z]\w+)?) said", sentence)
            if sentence.startswith("“") and said and said.group(1) in names:
                speaker = names[said.group(1)][0]
            claims.append(
                ParsedClaim(
                    text=sentence,
                    start=start,
                    end=start + len(sentence),
                    paragraph=index,
                    kind="quote" if speaker else "statement",
                    speaker=speaker,
                    mentions=mentions,
                    dates=dates,
                    check_worthiness=0.5,
                    check_reasons=["fake"],
                )
            )
    return ParsedArticle(
        title=title,
        body=body,
        claims=claims,
        publisher=hints.publisher or "",
        author=hints.author or "",
        url=hints.url or "",
        published_on=hints.published_on,
    )
