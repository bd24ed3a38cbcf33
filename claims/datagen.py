"""Synthetic newsroom data for load tests: articles, claims, actors, events, reviews, relations.

``generate_data`` (the management command) drives this module. The generator is pure Python
and deterministic for a seed; it yields rows as tuples in the column order of ``COLUMNS``, in
batches of whole articles, and two writers store them: ``PostgresCopyWriter`` streams them with
``COPY`` (the fast path: about a million claims a minute on two cores), ``OrmWriter`` uses
``bulk_create`` (any database, small sizes; what SQLite gets).

What the data promises — the tests check each on both databases:

* every claim satisfies ``article.body[start:end] == text``, with ``paragraph`` counted the way
  ``claims.extract.paragraphs`` counts (the title is paragraph 0) and ``position`` in reading order;
* a claim with a verdict other than "unverified" has one or more reviews forming a chain
  (each review's ``previous_verdict`` is the one before's ``verdict``, the first starts at
  "unverified", the last equals the claim's verdict) and ``version == reviews + 1``; an
  unverified claim has no reviews and ``version == 1``;
* relations join claims of different articles, never a claim to itself, one per pair and
  relation whichever way round;
* actor names, aliases, article URLs and content hashes are unique, as the constraints want.

Distributions (documented in bench/README.md, "Data set"): ~92 % of claims unverified, the
verdicts skewed towards "contradicted"; ~30 % of claims have a speaker (every quote does),
speakers and mentioned actors Zipf-distributed (a few very frequent); 1-3 mentioned actors
per claim; ~18 % of claims linked to an event near the article's date; ~45 % name a date.
Search terms with known frequencies: "sanctions" in ~20 % of claims (``COMMON_TERM``), each
city of ``RARE_CITIES`` (e.g. ``RARE_TERM`` "Tbilisi") in ~0.01 %.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from claims.extract.lexicon import MONTH_NAMES
from claims.extract.names import normalize_name
from claims.extract.paragraphs import PARAGRAPH_BREAK

# --- Table layouts ---------------------------------------------------------------------------

# Column order of the tuples the generator yields. ``check_columns`` compares these with the
# models at start-up, so a model change fails loudly here instead of writing wrong columns.
COLUMNS: dict[str, tuple[str, ...]] = {
    "claims_actor": (
        "id",
        "name",
        "kind",
        "description",
        "wikidata_id",
        "normalized_name",
        "created_at",
    ),
    "claims_actoralias": ("id", "actor_id", "alias", "normalized"),
    "claims_event": (
        "id",
        "title",
        "date",
        "date_precision",
        "end_date",
        "location",
        "description",
        "aliases",
        "status",
        "created_at",
    ),
    "claims_event_participants": ("id", "event_id", "actor_id"),
    "claims_article": (
        "id",
        "title",
        "subtitle",
        "publisher",
        "author",
        "url",
        "published_on",
        "section",
        "language",
        "body",
        "raw_text",
        "content_hash",
        "source_name",
        "imported_at",
        "updated_at",
    ),
    "claims_claim": (
        "id",
        "article_id",
        "position",
        "text",
        "start",
        "end",
        "paragraph",
        "kind",
        "speaker_id",
        "mentioned_dates",
        "check_worthiness",
        "check_reasons",
        "verdict",
        "verdict_note",
        "reviewed_by_id",
        "reviewed_at",
        "version",
    ),
    "claims_claim_actors": ("id", "claim_id", "actor_id"),
    "claims_claim_events": ("id", "claim_id", "event_id"),
    "claims_review": (
        "id",
        "claim_id",
        "verdict",
        "previous_verdict",
        "note",
        "editor_id",
        "created_at",
    ),
    "claims_evidence": (
        "id",
        "claim_id",
        "review_id",
        "url",
        "title",
        "excerpt",
        "stance",
        "added_by_id",
        "created_at",
    ),
    "claims_claimrelation": (
        "id",
        "from_claim_id",
        "to_claim_id",
        "relation",
        "note",
        "created_by_id",
        "created_at",
    ),
}
# Columns holding JSON text (the ORM writer decodes them; COPY takes the text as is).
JSON_COLUMNS = {"aliases", "mentioned_dates", "check_reasons"}

# The terms the search benchmark uses; ``term_counts`` reports their real frequencies.
COMMON_TERM = "sanctions"
RARE_TERM = "Tbilisi"

# --- Vocabulary ------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    "Anna Maria Elena Olga Sofia Laura Irina Hanna Marta Nina Julia Clara Eva Lena Vera Ada "
    "Rosa Lucia Alice Emma Grace Helen Diana Karin Petra Ingrid Yuki Amira Leila Priya Mei "
    "Fatima Zara Noor Ines Carmen Isabel Teresa Agnes Beatrix Dorota Katarzyna Zofia Milena "
    "John Peter Michael David James Robert Thomas Daniel Mark Paul Andrew Stefan Igor Oleg "
    "Viktor Pavel Dmitri Sergei Mikhail Ivan Jan Tomas Lukas Felix Hugo Oscar Marco Luca "
    "Carlos Diego Javier Pablo Rafael Ahmed Omar Karim Yusuf Ali Hassan Raj Arjun Vikram Wei "
    "Chen Kenji Hiro Samuel Benjamin Henry Edward George William Charles Frank Walter Arthur "
    "Nikolai Boris Yuri Anton Maksym Taras Bohdan Andriy Ruslan Emil Henrik Lars Nils Sven "
    "Kwame Kofi Tunde Chidi Amara Ngozi Abebe Tariq Rami Nadia Layla Selin Emre Kemal Mehmet"
)
LAST_NAMES = _words(
    "Novak Kowalski Petrov Ivanova Schmidt Muller Weber Fischer Becker Hoffmann Schulz Kraus "
    "Rossi Russo Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa Ferrari "
    "Garcia Martinez Lopez Gonzalez Rodriguez Fernandez Sanchez Perez Ramirez Torres Flores "
    "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore Jackson "
    "Martin Lee Thompson White Harris Clark Lewis Walker Hall Allen Young King Wright Scott "
    "Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner "
    "Kovalenko Bondarenko Tkachenko Shevchenko Melnyk Boyko Kravets Oliynyk Lysenko Moroz "
    "Sokolov Popov Lebedev Kozlov Morozov Volkov Solovyov Vasiliev Zaitsev Pavlov Semenov "
    "Nowak Wisniewski Wojcik Kaminski Lewandowski Zielinski Szymanski Dabrowski Kozlowski "
    "Horvath Nagy Toth Szabo Kiss Molnar Varga Farkas Balogh Papp Lakatos Takacs Juhasz "
    "Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Sato "
    "Kim Park Choi Jung Kang Cho Yoon Jang Lim Han Wang Zhang Liu Yang Huang Zhao Zhou Wu "
    "Okafor Mensah Adeyemi Owusu Diallo Traore Keita Haddad Khoury Nasser Farouk Mansour "
    "Yilmaz Kaya Demir Celik Sahin Ozturk Aydin Arslan Dogan Kilic Aslan Cetin Kara Koc "
    "Jensen Nielsen Hansen Pedersen Andersen Larsen Berg Lindqvist Johansson Eriksson Nyberg"
)
ROLES = (
    "Minister of Finance",
    "Foreign Minister",
    "Defence Minister",
    "Energy Minister",
    "Trade Minister",
    "Prime Minister",
    "President",
    "Senator",
    "Member of Parliament",
    "Government spokesperson",
    "Central bank governor",
    "Economist",
    "Analyst",
    "Ambassador",
    "Mayor",
    "Governor",
    "Chief executive",
    "Union leader",
    "Opposition leader",
    "Army general",
)
ORG_FIRST = _words(
    "National Federal European International Central United Regional Northern Southern "
    "Eastern Western Atlantic Pacific Baltic Continental Global Independent Public Allied "
    "Coastal"
)
ORG_MIDDLE = _words(
    "Energy Health Trade Defence Grain Shipping Banking Water Rail Steel Aviation Mining "
    "Farming Media Labour Housing Climate Science Export Fisheries"
)
ORG_LAST = _words(
    "Agency Council Commission Authority Union Bank Institute Committee Association Fund "
    "Alliance Board Forum Office Federation"
)
PUBLISHERS = (
    "Example News",
    "The Daily Ledger",
    "Northern Herald",
    "Global Wire",
    "Capital Times",
    "The Evening Post",
    "Metro Chronicle",
    "Harbor Gazette",
    "Continental Review",
    "Riverside Courier",
    "Eastern Dispatch",
    "Pacific Tribune",
    "Atlantic Monitor",
    "City Bulletin",
    "Morning Standard",
    "Union Journal",
    "Frontier Press",
    "Lakeside Sentinel",
    "Summit Report",
    "Plains Observer",
)
SECTIONS = ("news", "politics", "business", "world", "commentary")
SECTION_WEIGHTS = (50, 20, 15, 10, 5)

# Topic nouns with weights in percent of claims. "sanctions" is the common benchmark term.
TOPICS: tuple[tuple[str, float], ...] = (
    ("sanctions", 20.0),
    ("tariffs", 8.0),
    ("inflation", 7.0),
    ("ceasefire", 6.0),
    ("energy prices", 6.0),
    ("grain exports", 5.0),
    ("military aid", 5.0),
    ("interest rates", 4.0),
    ("budget deficits", 4.0),
    ("gas supplies", 4.0),
    ("refugee quotas", 3.0),
    ("defence spending", 3.0),
    ("oil revenues", 3.0),
    ("peace plans", 3.0),
    ("pension reform", 2.5),
    ("unemployment", 2.5),
    ("election security", 2.0),
    ("food prices", 2.0),
    ("trade agreements", 2.0),
    ("border controls", 2.0),
    ("drone strikes", 1.5),
    ("cyber attacks", 1.0),
    ("vaccine stocks", 1.0),
    ("shipping insurance", 0.5),
    ("fertiliser exports", 0.5),
    ("desalination plants", 0.2),
    ("lithium mining", 0.2),
    ("satellite launches", 0.1),
)
ADJECTIVES = (
    "new",
    "tougher",
    "additional",
    "emergency",
    "long-term",
    "temporary",
    "sweeping",
    "limited",
    "targeted",
    "unprecedented",
    "planned",
    "proposed",
    "existing",
    "record",
    "controversial",
    "joint",
)
TAILS = (
    "",
    "",
    "",
    " on Russian banks",
    " for small businesses",
    " on steel imports",
    " in the eastern regions",
    " across the European Union",
    " for the coming winter",
    " at the Black Sea ports",
    " for state companies",
    " on luxury goods",
    " for farmers",
    " on technology exports",
)
VERBS = (
    "announced",
    "rejected",
    "approved",
    "blocked",
    "signed",
    "criticised",
    "proposed",
    "welcomed",
    "delayed",
    "has backed",
    "will review",
    "agreed to",
    "voted against",
    "called for",
    "warned against",
    "played down",
    "ruled out",
    "defended",
    "questioned",
    "promised",
)
RISE = ("rose", "fell", "climbed", "dropped", "jumped", "slipped", "doubled", "stalled")
UNITS = (
    "percent",
    "billion dollars",
    "million euros",
    "troops",
    "tonnes of wheat",
    "barrels a day",
    "jobs",
    "households",
)
QUOTE_OPENERS = (
    "We will not accept",
    "There is no evidence for",
    "Nobody asked us about",
    "We have always supported",
    "This is the end of",
    "We are ready to discuss",
    "Our position on",
    "History will judge",
)
CITIES = (
    "Kyiv",
    "Moscow",
    "Washington",
    "Brussels",
    "Geneva",
    "Berlin",
    "Paris",
    "London",
    "Warsaw",
    "Riyadh",
    "Istanbul",
    "Beijing",
    "Vienna",
    "Rome",
    "Madrid",
    "Ankara",
    "Doha",
    "Tokyo",
    "New York",
    "Budapest",
)
# Each appears in ~0.01 % of claims: ~3 % of claims name one of ~300 rare places.
RARE_CITIES = _words(
    "Tbilisi Yerevan Baku Chisinau Vilnius Riga Tallinn Minsk Bratislava Ljubljana Zagreb "
    "Sarajevo Podgorica Skopje Tirana Pristina Sofia Bucharest Odesa Kharkiv Dnipro Lviv "
    "Zaporizhzhia Mykolaiv Kherson Mariupol Poltava Chernihiv Sumy Vinnytsia Uzhhorod Lutsk "
    "Rivne Ternopil Ivano-Frankivsk Chernivtsi Kropyvnytskyi Cherkasy Zhytomyr Kramatorsk "
    "Sloviansk Bakhmut Avdiivka Pokrovsk Kupiansk Izium Melitopol Berdiansk Nikopol "
    "Enerhodar Kaliningrad Murmansk Arkhangelsk Novosibirsk Yekaterinburg Kazan Samara "
    "Rostov Volgograd Krasnodar Sochi Sevastopol Simferopol Kerch Novorossiysk Vladivostok "
    "Khabarovsk Irkutsk Omsk Tomsk Ufa Perm Saratov Voronezh Belgorod Kursk Bryansk "
    "Smolensk Pskov Tver Yaroslavl Gdansk Szczecin Wroclaw Poznan Lodz Lublin Rzeszow "
    "Bialystok Olsztyn Katowice Krakow Debrecen Szeged Pecs Gyor Miskolc Brno Ostrava "
    "Plzen Olomouc Kosice Presov Zilina Nitra Cluj Iasi Timisoara Constanta Galati Brasov "
    "Craiova Varna Burgas Plovdiv Ruse Thessaloniki Patras Heraklion Larissa Izmir Antalya "
    "Bursa Adana Gaziantep Konya Trabzon Samsun Erzurum Diyarbakir Mersin Aleppo Homs "
    "Latakia Tartus Idlib Raqqa Deir Mosul Basra Erbil Kirkuk Najaf Karbala Tabriz "
    "Isfahan Shiraz Mashhad Qom Ahvaz Haifa Eilat Ashdod Hebron Nablus Jenin Rafah "
    "Amman Aqaba Beirut Tripoli Sidon Tyre Benghazi Misrata Tunis Sfax Algiers Oran "
    "Casablanca Rabat Tangier Marrakesh Fez Agadir Alexandria Aswan Luxor Suez Khartoum "
    "Omdurman Juba Asmara Djibouti Mogadishu Hargeisa Nairobi Mombasa Kisumu Kampala "
    "Kigali Bujumbura Dodoma Zanzibar Lusaka Harare Bulawayo Maputo Beira Lilongwe "
    "Blantyre Windhoek Gaborone Maseru Mbabane Durban Pretoria Soweto Bloemfontein "
    "Kimberley Luanda Benguela Kinshasa Lubumbashi Goma Bukavu Brazzaville Libreville "
    "Douala Yaounde Abuja Kano Ibadan Enugu Accra Kumasi Tamale Lome Cotonou Niamey "
    "Bamako Ouagadougou Dakar Banjul Conakry Freetown Monrovia Nouakchott Ndjamena "
    "Bangui Malabo Almaty Astana Bishkek Osh Dushanbe Tashkent Samarkand Bukhara "
    "Ashgabat Kabul Herat Kandahar Mazar Peshawar Quetta Lahore Karachi Multan Faisalabad "
    "Chittagong Sylhet Kathmandu Pokhara Thimphu Colombo Kandy Jaffna Male Yangon "
    "Mandalay Naypyidaw Vientiane Phnom Siem Hanoi Haiphong Danang Hue Cebu Davao Iloilo "
    "Medan Surabaya Bandung Makassar Semarang Palembang Kuching Penang Ipoh Darwin "
    "Cairns Hobart Nuku Suva Apia Honiara"
)
FILLERS = (
    "The ministry did not respond to a request for comment.",
    "Officials declined to give further details.",
    "The talks are expected to continue next week.",
    "Markets reacted calmly to the news.",
    "The full text of the statement was not published.",
    "Reporters were not allowed into the meeting.",
)
MONTHS = MONTH_NAMES
VERDICT_WEIGHTS = (("contradicted", 35), ("corroborated", 30), ("unverifiable", 20), ("mixed", 15))
NOTES = {
    "contradicted": "Official figures contradict the claim.",
    "corroborated": "Confirmed by two independent sources.",
    "unverifiable": "No public record either way.",
    "mixed": "Partly true: the figure is right, the date is not.",
    "unverified": "",
}
STANCE_FOR = {
    "contradicted": "refutes",
    "corroborated": "supports",
    "mixed": "context",
    "unverifiable": "context",
}
RELATIONS = (("corroborates", 45), ("contradicts", 35), ("duplicates", 20))
EVENT_STATUS = (("confirmed", 80), ("suggested", 15), ("dismissed", 5))
REASONS = ("number", "date", "quote", "named actor")

FIRST_DAY = date(2023, 1, 1)
LAST_DAY = date(2026, 10, 31)
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Sizes:
    articles: int
    claims: int
    actors: int
    events: int
    reviews: int
    relations: int
    evidence_share: float = 0.5  # of reviewed claims that get one evidence row


@dataclass
class Start:
    """First free id per table (``max(id) + 1`` on the target database)."""

    ids: dict[str, int]
    existing_actors: Sequence[tuple[int, str, str]] = ()  # (id, name, kind) already stored
    taken_names: frozenset[str] = frozenset()  # normalised actor names and aliases in use
    taken_wikidata: frozenset[str] = frozenset()
    editor_ids: Sequence[int] = ()


@dataclass
class Batch:
    """Rows of a group of whole articles, per table."""

    rows: dict[str, list[tuple[Any, ...]]] = field(
        default_factory=lambda: {table: [] for table in COLUMNS}
    )

    def __len__(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


def _weighted(pairs: Sequence[tuple[Any, float]]) -> tuple[list[Any], list[float]]:
    values = [v for v, _ in pairs]
    cum = list(itertools.accumulate(w for _, w in pairs))
    return values, cum


def _zipf_cum(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank**s) for rank in range(1, n + 1)))


@functools.cache
def _date_phrases(ordinal: int) -> tuple[tuple[str, str], ...]:
    """(phrase appended to a sentence, mentioned_dates JSON) at day, month and year
    precision; cached, as a data set names only a few thousand distinct days."""
    day = date.fromordinal(ordinal)
    month = MONTHS[day.month - 1]
    out = []
    for phrase, said, iso, precision in (
        (" on ", f"{month} {day.day}, {day.year}", day.isoformat(), "day"),
        (" in ", f"{month} {day.year}", f"{day.year:04d}-{day.month:02d}-01", "month"),
        (" by ", str(day.year + 1), f"{day.year + 1:04d}-01-01", "year"),
    ):
        data = f'[{{"text": "{said}", "date": "{iso}", "precision": "{precision}"}}]'
        out.append((phrase + said, data))
    return tuple(out)


def _ts(day: date, seconds: int) -> str:
    """A UTC timestamp as ISO text: both COPY and Django's DateTimeField parse it."""
    return (_midnight(day) + timedelta(seconds=seconds)).isoformat()


@functools.cache
def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


class Generator:
    """Deterministic for a seed. ``actors()`` and ``events()`` first, then ``articles()``
    (batches), then ``relations()``; each step uses what the previous ones made."""

    def __init__(self, sizes: Sizes, start: Start, seed: int = 1):
        self.sizes = sizes
        self.start = start
        self.rng = random.Random(seed)
        # One counter per table: ids are assigned here, COPY writes them explicitly.
        self.ids = {table: itertools.count(first) for table, first in start.ids.items()}
        self.editor_ids = list(start.editor_ids) or [None]
        # Filled by actors() / events() / articles():
        self.speakers: list[tuple[int, str]] = []
        self.speaker_cum: list[float] = []
        self.mentionable: list[tuple[int, str]] = []
        self.mention_cum: list[float] = []
        self.event_ids: list[int] = []
        self.event_days: list[int] = []
        self.claim_article: list[int] = []  # claim index -> article index
        self.reviewed_claims: list[int] = []  # claim indexes with a verdict
        self.first_claim_id = start.ids["claims_claim"]
        self.stats: dict[str, int] = {}

    def _next_id(self, table: str) -> int:
        return next(self.ids[table])

    # -- actors ------------------------------------------------------------------------------

    def actors(self) -> Batch:
        rng = self.rng
        batch = Batch()
        taken = set(self.start.taken_names)
        wikidata = set(self.start.taken_wikidata)
        n_org = self.sizes.actors // 7
        people: list[tuple[int, str]] = []
        orgs: list[tuple[int, str]] = []
        person_names = [f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES]
        org_names = [f"{a} {b} {c}" for a in ORG_FIRST for b in ORG_MIDDLE for c in ORG_LAST]
        rng.shuffle(person_names)
        rng.shuffle(org_names)
        pools = [("organization", org_names, n_org), ("person", person_names, None)]
        for kind, names, limit in pools:
            want = limit if limit is not None else self.sizes.actors - len(orgs)
            made = 0
            for name in names:
                if made >= want:
                    break
                key = normalize_name(name)
                if key in taken:
                    continue
                taken.add(key)
                pk = self._next_id("claims_actor")
                qid = ""
                if rng.random() < 0.2:
                    qid = f"Q{900_000_000 + pk}"
                    if qid in wikidata:
                        qid = ""
                    wikidata.add(qid)
                role = rng.choice(ROLES) if kind == "person" else ""
                created = _ts(FIRST_DAY, rng.randrange(86400 * 30))
                batch.rows["claims_actor"].append((pk, name, kind, role, qid, key, created))
                (people if kind == "person" else orgs).append((pk, name))
                made += 1
                # One person in ten is also known by title and surname ("Minister Novak").
                if kind == "person" and rng.random() < 0.1:
                    alias = f"{role.split()[0]} {name.split()[-1]}"
                    akey = normalize_name(alias)
                    if akey not in taken:
                        taken.add(akey)
                        batch.rows["claims_actoralias"].append(
                            (self._next_id("claims_actoralias"), pk, alias, akey)
                        )
            if made < want:
                raise ValueError(f"cannot make {want} distinct {kind} names (made {made})")
        existing = list(self.start.existing_actors)
        # Countries and big organisations (the gazetteer) are named most often; then the
        # generated actors in a random order, so a few of them are very frequent too.
        known = [(pk, name) for pk, name, kind in existing if kind in ("country", "organization")]
        others = people + orgs
        rng.shuffle(others)
        self.mentionable = known[:30] + others + known[30:]
        self.mention_cum = _zipf_cum(len(self.mentionable), 1.0)
        speakers = people + [(pk, name) for pk, name, kind in existing if kind == "person"]
        if not speakers:
            speakers = self.mentionable
        rng.shuffle(speakers)
        self.speakers = speakers
        self.speaker_cum = _zipf_cum(len(speakers), 1.1)
        return batch

    def _mentioned(self) -> tuple[int, str]:
        cum = self.mention_cum
        return self.mentionable[bisect.bisect_left(cum, self.rng.random() * cum[-1])]

    def _speaker(self) -> tuple[int, str]:
        cum = self.speaker_cum
        return self.speakers[bisect.bisect_left(cum, self.rng.random() * cum[-1])]

    # -- events ------------------------------------------------------------------------------

    def events(self) -> Batch:
        rng = self.rng
        batch = Batch()
        statuses, status_cum = _weighted(EVENT_STATUS)
        topics, topic_cum = _weighted(TOPICS)
        span = (LAST_DAY - FIRST_DAY).days
        made: list[tuple[int, int]] = []
        for _ in range(self.sizes.events):
            pk = self._next_id("claims_event")
            day = FIRST_DAY + timedelta(days=rng.randrange(span))
            city = rng.choice(CITIES)
            topic = topics[bisect.bisect_left(topic_cum, rng.random() * topic_cum[-1])]
            shape = rng.random()
            if shape < 0.5:
                title = f"Talks on {topic} in {city}"
            elif shape < 0.8:
                title = f"{city} summit on {topic}"
            else:
                title = f"Vote on {topic}"
            r = rng.random()
            precision = "day" if r < 0.8 else "month" if r < 0.95 else "year"
            if precision == "month":
                day = day.replace(day=1)
            elif precision == "year":
                day = day.replace(month=1, day=1)
            end = (
                day + timedelta(days=rng.randint(1, 3)) if precision == "day" and r < 0.2 else None
            )
            aliases = json.dumps([f"{city} talks"] if rng.random() < 0.4 else [])
            status = statuses[bisect.bisect_left(status_cum, rng.random() * status_cum[-1])]
            batch.rows["claims_event"].append(
                (
                    pk,
                    title,
                    day.isoformat(),
                    precision,
                    end.isoformat() if end else None,
                    city,
                    f"{title}, as reported in the press.",
                    aliases,
                    status,
                    _ts(day, rng.randrange(86400)),
                )
            )
            chosen: set[int] = set()
            for _ in range(rng.randint(1, 4)):
                actor_id = self._mentioned()[0]
                if actor_id not in chosen:
                    chosen.add(actor_id)
                    batch.rows["claims_event_participants"].append(
                        (self._next_id("claims_event_participants"), pk, actor_id)
                    )
            made.append((day.toordinal(), pk))
        made.sort()
        self.event_days = [d for d, _ in made]
        self.event_ids = [pk for _, pk in made]
        return batch

    # -- articles and their claims ------------------------------------------------------------

    def _claims_per_article(self) -> list[int]:
        """Lognormal article lengths summing exactly to ``sizes.claims``."""
        n, total = self.sizes.articles, self.sizes.claims
        if n == 0:
            return []
        weights = [self.rng.lognormvariate(0.0, 0.5) for _ in range(n)]
        scale = total / sum(weights)
        counts = [int(w * scale) for w in weights]
        for i in self.rng.sample(range(n), total - sum(counts)) if total > sum(counts) else ():
            counts[i] += 1
        return counts

    def _reviews_per_claim(self) -> dict[int, int]:
        """claim index -> number of reviews, for the reviewed claims.

        A fifth of the reviews are re-reviews (a verdict changed), so ~80 % of ``--reviews``
        claims get a verdict and the rest of the claims stay unverified."""
        n_claims, n_reviews = self.sizes.claims, self.sizes.reviews
        reviewed = min(n_claims, n_reviews, max(1 if n_reviews else 0, round(n_reviews / 1.25)))
        chosen = self.rng.sample(range(n_claims), reviewed)
        counts = dict.fromkeys(chosen, 1)
        for _ in range(n_reviews - reviewed):
            counts[chosen[self.rng.randrange(reviewed)]] += 1
        return counts

    def articles(self, batch_articles: int = 500) -> Iterator[Batch]:
        rng = self.rng
        topics, topic_cum = _weighted(TOPICS)
        topic_total = topic_cum[-1]
        verdicts, verdict_cum = _weighted(VERDICT_WEIGHTS)
        publisher_cum = _zipf_cum(len(PUBLISHERS), 1.0)
        section_cum = list(itertools.accumulate(SECTION_WEIGHTS))
        authors = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(300)]
        reasons_json = {
            mask: json.dumps([r for bit, r in enumerate(REASONS) if mask >> bit & 1])
            for mask in range(16)
        }
        editor_cum = _zipf_cum(len(self.editor_ids), 0.8)
        span = (LAST_DAY - FIRST_DAY).days
        reviews_for = self._reviews_per_claim()
        counts = self._claims_per_article()
        claim_index = 0
        random_ = rng.random
        claim_ids = self.ids["claims_claim"]
        claim_actor_ids = self.ids["claims_claim_actors"]
        claim_event_ids = self.ids["claims_claim_events"]
        batch = Batch()
        a_rows = batch.rows["claims_article"]

        def topic() -> str:
            t = topics[bisect.bisect_left(topic_cum, random_() * topic_total)]
            adj = ADJECTIVES[int(random_() * len(ADJECTIVES))]
            return f"{adj} {t}{TAILS[int(random_() * len(TAILS))]}"

        for a_index, n_claims in enumerate(counts):
            article_id = self._next_id("claims_article")
            pub = FIRST_DAY + timedelta(days=int(random_() * span))
            pub_ordinal = pub.toordinal()
            publisher = PUBLISHERS[bisect.bisect_left(publisher_cum, random_() * publisher_cum[-1])]
            lead_actor = self._mentioned()[1]
            title = f"{lead_actor} {VERBS[int(random_() * len(VERBS))]} {topic()}"
            title = title[0].upper() + title[1:]
            parts = [title]  # the body: title, then paragraphs of sentences
            length = len(title)
            paragraph = 0
            in_paragraph = 0  # sentences in the current paragraph
            for position in range(n_claims):
                # A new paragraph every 1-4 sentences (the first claim opens paragraph 1).
                if in_paragraph == 0 or random_() < 0.35:
                    parts.append(PARAGRAPH_BREAK)
                    length += len(PARAGRAPH_BREAK)
                    paragraph += 1
                    in_paragraph = 0
                    if random_() < 0.1:
                        filler = FILLERS[int(random_() * len(FILLERS))]
                        parts.append(filler)
                        length += len(filler)
                        in_paragraph = 1
                if in_paragraph:
                    parts.append(" ")
                    length += 1
                text, kind, speaker_id, actor_ids, dates_json, mask = self._sentence(
                    pub_ordinal, topic
                )
                claim_id = next(claim_ids)
                parts.append(text)
                start = length
                length += len(text)
                in_paragraph += 1
                worth = 0.15 * random_() + 0.25 * (mask & 1) + 0.1 * (mask >> 1 & 1)
                worth = round(min(1.0, worth + 0.5 * random_() ** 2), 3)
                n_reviews = reviews_for.get(claim_index, 0)
                verdict, note, reviewer, reviewed_at = "unverified", "", None, None
                if n_reviews:
                    verdict = verdicts[bisect.bisect_left(verdict_cum, random_() * verdict_cum[-1])]
                    note = NOTES[verdict]
                    reviewer = self.editor_ids[
                        bisect.bisect_left(editor_cum, random_() * editor_cum[-1])
                    ]
                    seconds = 3600 + int(random_() * 86400 * 60)
                    reviewed_at = _ts(pub, seconds)
                    self._reviews(batch, claim_id, verdict, n_reviews, reviewer, pub, seconds)
                    self.reviewed_claims.append(claim_index)
                batch.rows["claims_claim"].append(
                    (
                        claim_id,
                        article_id,
                        position,
                        text,
                        start,
                        length,
                        paragraph,
                        kind,
                        speaker_id,
                        dates_json,
                        worth,
                        reasons_json[mask],
                        verdict,
                        note,
                        reviewer,
                        reviewed_at,
                        n_reviews + 1,
                    )
                )
                claim_actors = batch.rows["claims_claim_actors"]
                for actor_id in actor_ids:
                    claim_actors.append((next(claim_actor_ids), claim_id, actor_id))
                if self.event_ids and random_() < 0.18:
                    # An event within a month of the article, as the importer would link.
                    near = pub_ordinal + int(random_() * 60) - 30
                    i = min(bisect.bisect_left(self.event_days, near), len(self.event_ids) - 1)
                    batch.rows["claims_claim_events"].append(
                        (next(claim_event_ids), claim_id, self.event_ids[i])
                    )
                self.claim_article.append(a_index)
                claim_index += 1
            if n_claims == 0:
                parts.append("\n\n" + FILLERS[0])
            body = "".join(parts)
            slug = "-".join(title.lower().split()[:6]).replace(",", "")
            imported = _ts(pub, 3600 * 6 + int(random_() * 3600 * 12))
            a_rows.append(
                (
                    article_id,
                    title,
                    "",
                    publisher,
                    authors[int(random_() * len(authors))],
                    f"https://news.example.org/{pub:%Y/%m/%d}/{slug}-{article_id}",
                    pub.isoformat(),
                    SECTIONS[bisect.bisect_left(section_cum, random_() * section_cum[-1])],
                    "en",
                    body,
                    body,
                    hashlib.sha256(body.encode()).hexdigest(),
                    f"feeds/{publisher.lower().replace(' ', '-')}/{pub}-{article_id}.txt",
                    imported,
                    imported,
                )
            )
            if len(a_rows) >= batch_articles:
                yield batch
                batch = Batch()
                a_rows = batch.rows["claims_article"]
        if a_rows:
            yield batch

    def _sentence(
        self, pub_ordinal: int, topic: Any
    ) -> tuple[str, str, int | None, list[int], str, int]:
        """(text, kind, speaker id, mentioned actor ids, mentioned_dates JSON, reasons mask).

        Reasons mask bits: 1 number, 2 date, 4 quote, 8 named actor."""
        random_ = self.rng.random
        mask = 8
        n_actors = 1 if random_() < 0.5 else 2 if random_() < 0.7 else 3
        named: dict[int, str] = {}
        while len(named) < n_actors:
            pk, name = self._mentioned()
            named[pk] = name
            if len(named) < n_actors and len(self.mentionable) <= len(named):
                break
        names = list(named.values())
        subject = names[0] if len(names) == 1 else f"{names[0]} and {names[1]}"
        extra = f", with {names[2]}," if len(names) > 2 else ""
        verb = VERBS[int(random_() * len(VERBS))]
        clause = f"{subject}{extra} {verb} {topic()}"
        r = random_()
        if r < 0.45:
            mask |= 1
            n = int(random_() * 95) + 2
            if random_() < 0.5:
                clause += f" worth {n} {UNITS[int(random_() * len(UNITS))]}"
            else:
                what = topic()
                clause = (
                    f"{what[0].upper()}{what[1:]} {RISE[int(random_() * len(RISE))]} by"
                    f" {n} percent, according to {subject}{extra.rstrip(',')}"
                )
        dates_json = "[]"
        if random_() < 0.45:
            mask |= 2
            phrases = _date_phrases(pub_ordinal - int(random_() * 120) + 20)
            p = random_()
            said, dates_json = phrases[0 if p < 0.6 else 1 if p < 0.9 else 2]
            clause += said
        r = random_()
        if r < 0.03:
            clause += f" near {RARE_CITIES[int(random_() * len(RARE_CITIES))]}"
        elif r < 0.2:
            clause += f" in {CITIES[int(random_() * len(CITIES))]}"
        kind, speaker_id = "statement", None
        r = random_()
        if r < 0.2:
            mask |= 4
            kind = "quote"
            speaker_id, speaker = self._speaker()
            opener = QUOTE_OPENERS[int(random_() * len(QUOTE_OPENERS))]
            text = f"“{opener} {topic()}, and {clause},” {speaker} said."
        elif r < 0.3:
            speaker_id, speaker = self._speaker()
            text = f"{speaker} said {clause}."
        else:
            text = f"{clause[0].upper()}{clause[1:]}."
        return text, kind, speaker_id, list(named), dates_json, mask

    def _reviews(
        self,
        batch: Batch,
        claim_id: int,
        verdict: str,
        n: int,
        editor: int | None,
        pub: date,
        last_seconds: int,
    ) -> None:
        """A chain of ``n`` reviews ending at ``verdict``, an hour or more apart."""
        rng = self.rng
        chain = [rng.choice(VERDICT_WEIGHTS)[0] for _ in range(n - 1)] + [verdict]
        previous = "unverified"
        review_id = 0
        for i, step in enumerate(chain):
            review_id = self._next_id("claims_review")
            seconds = last_seconds - (n - 1 - i) * 3600 * (1 + rng.randrange(48))
            batch.rows["claims_review"].append(
                (review_id, claim_id, step, previous, NOTES[step], editor, _ts(pub, seconds))
            )
            previous = step
        if rng.random() < self.sizes.evidence_share:
            batch.rows["claims_evidence"].append(
                (
                    self._next_id("claims_evidence"),
                    claim_id,
                    review_id,
                    f"https://evidence.example.org/claims/{claim_id}",
                    "Official statistics",
                    "The published figures for the period.",
                    STANCE_FOR[verdict],
                    editor,
                    _ts(pub, last_seconds),
                )
            )

    # -- relations ---------------------------------------------------------------------------

    def relations(self) -> Batch:
        """Links between claims of different articles; half start from a reviewed claim."""
        rng = self.rng
        batch = Batch()
        n_claims = len(self.claim_article)
        if n_claims < 2 or len(set(self.claim_article[:1000] + self.claim_article[-1000:])) < 2:
            return batch
        kinds, kind_cum = _weighted(RELATIONS)
        seen: set[tuple[int, int, str]] = set()
        reviewed = self.reviewed_claims or list(range(n_claims))
        attempts = 0
        while len(seen) < self.sizes.relations and attempts < self.sizes.relations * 20:
            attempts += 1
            a = reviewed[rng.randrange(len(reviewed))] if rng.random() < 0.5 else None
            if a is None:
                a = rng.randrange(n_claims)
            b = rng.randrange(n_claims)
            if self.claim_article[a] == self.claim_article[b]:
                continue
            relation = kinds[bisect.bisect_left(kind_cum, rng.random() * kind_cum[-1])]
            # Symmetric, like the database's constraint: b → a repeats a → b.
            key = (min(a, b), max(a, b), relation)
            if key in seen:
                continue
            seen.add(key)
            batch.rows["claims_claimrelation"].append(
                (
                    self._next_id("claims_claimrelation"),
                    self.first_claim_id + a,
                    self.first_claim_id + b,
                    relation,
                    "",
                    self.editor_ids[rng.randrange(len(self.editor_ids))],
                    (NOW - timedelta(seconds=rng.randrange(86400 * 300))).isoformat(),
                )
            )
        return batch


def check_columns() -> None:
    """Fail clearly when the models and ``COLUMNS`` disagree (a migration changed a table)."""
    from django.apps import apps

    by_table = {m._meta.db_table: m for m in apps.get_app_config("claims").get_models()}
    for model in list(by_table.values()):
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            by_table[through._meta.db_table] = through
    for table, columns in COLUMNS.items():
        model = by_table[table]
        actual = {f.column for f in model._meta.concrete_fields}
        if actual != set(columns):
            raise RuntimeError(
                f"generate_data is out of date for {table}: the model has columns "
                f"{sorted(actual)}, the generator writes {sorted(columns)}"
            )


# --- Writers ---------------------------------------------------------------------------------

# Parents before children, so the ORM writer satisfies foreign keys row by row where a
# database checks them immediately.
TABLE_ORDER = tuple(COLUMNS)


def _models_by_table() -> dict[str, Any]:
    from django.apps import apps

    found: dict[str, Any] = {}
    for model in apps.get_app_config("claims").get_models():
        found[model._meta.db_table] = model
        for m2m in model._meta.local_many_to_many:
            found[m2m.remote_field.through._meta.db_table] = m2m.remote_field.through
    return {table: found[table] for table in COLUMNS}


class Timings:
    """Rows and seconds per (table, step), for the command's report."""

    def __init__(self) -> None:
        self.rows: dict[str, int] = dict.fromkeys(COLUMNS, 0)
        self.seconds: dict[tuple[str, str], float] = {}

    def add(self, table: str, step: str, seconds: float, rows: int = 0) -> None:
        key = (table, step)
        self.seconds[key] = self.seconds.get(key, 0.0) + seconds
        if rows:
            self.rows[table] = self.rows.get(table, 0) + rows


class OrmWriter:
    """``bulk_create`` into any database: slow, for small sizes (SQLite, tests)."""

    def __init__(self, timings: Timings) -> None:
        self.timings = timings
        self.models = _models_by_table()

    def write(self, batch: Batch) -> None:
        import time

        for table in TABLE_ORDER:
            rows = batch.rows[table]
            if not rows:
                continue
            started = time.perf_counter()
            model = self.models[table]
            attnames = {f.column: f.attname for f in model._meta.concrete_fields}
            names = [attnames[c] for c in COLUMNS[table]]
            decode = [c in JSON_COLUMNS for c in COLUMNS[table]]
            objects = [
                model(
                    **{
                        name: json.loads(value) if dec and value is not None else value
                        for name, value, dec in zip(names, row, decode, strict=True)
                    }
                )
                for row in rows
            ]
            model.objects.bulk_create(objects, batch_size=500)
            self.timings.add(table, "write", time.perf_counter() - started, len(rows))


class PostgresCopyWriter:
    """``COPY … FROM STDIN`` through psycopg 3, inside the caller's transaction.

    ``freeze`` writes rows already frozen and all-visible (allowed only for tables truncated
    in this transaction): no hint-bit writes or VACUUM needed before the data is fast to read.
    """

    def __init__(self, connection: Any, timings: Timings, *, freeze: bool) -> None:
        self.pg = connection.connection  # the raw psycopg connection, in Django's transaction
        self.timings = timings
        self.freeze = freeze

    def write(self, batch: Batch) -> None:
        import time

        for table in TABLE_ORDER:
            rows = batch.rows[table]
            if not rows:
                continue
            started = time.perf_counter()
            columns = ", ".join(f'"{c}"' for c in COLUMNS[table])
            options = " WITH (FREEZE)" if self.freeze else ""
            with (
                self.pg.cursor() as cursor,
                cursor.copy(f"COPY {table} ({columns}) FROM STDIN{options}") as copy,
            ):
                write_row = copy.write_row
                for row in rows:
                    write_row(row)
            self.timings.add(table, "copy", time.perf_counter() - started, len(rows))
