"""What "he" or "she" refers to: the people of the last few sentences, most recent first,
passing over one whose honorific says the other gender.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

# Honorifics that say a person's gender: as the people pass records a title ("Mrs.", "Ms").
HONORIFIC_PRONOUNS = {
    "mr": "he",
    "mrs": "she",
    "ms": "she",
    "miss": "she",
    "sir": "he",
    "dame": "she",
    "lord": "he",
    "lady": "she",
}


@dataclass(slots=True)
class SpeakerContext:
    """What a pronoun can refer back to: the people of the last few sentences, most recent
    sentence first. Kept by the pipeline as it walks the article in order."""

    # Per sentence: (speaker or None, people outside quotations in order of appearance).
    history: list[tuple[str | None, list[str]]] = field(default_factory=list)
    depth: int = 2  # how many earlier sentences a pronoun may reach back

    def push(self, speaker: str | None, people: list[str]) -> None:
        self.history.append((speaker, people))
        if len(self.history) > self.depth:
            del self.history[0]

    def resolve(
        self,
        people_before: Sequence[str],
        pronoun: str = "",
        gender_of: Callable[[str], str] | None = None,
    ) -> str | None:
        """The referent of "he"/"she": the subject (first person outside quotations) earlier
        in the same sentence; else the previous sentence's speaker, then its subject; then
        the sentence before that. A candidate whose honorific (``gender_of``: "Mrs.",
        "Mr") says the other gender is passed over for the next one. Nothing else is
        taken to say a gender: no table of first names is kept, and a pronoun resolved
        earlier may have been resolved wrongly (remembering it spreads the error).
        """
        for name in self._candidates(people_before):
            known = gender_of(name) if gender_of and pronoun else ""
            if known and known != pronoun:
                continue
            return name
        return None

    def _candidates(self, people_before: Sequence[str]) -> Iterator[str]:
        # In order of preference; beyond the first of each kind only when the one before
        # was of the other gender.
        yield from people_before
        for speaker, people in reversed(self.history):
            if speaker:
                yield speaker
            yield from people
