"""Speaker mentions and their resolution to article-level entities.

A mention is the noun phrase that names the speaker at one attribution:
"Maria Kovacs, deputy director of the Danube Water Authority (DWA)", "Kovacs",
"she", "the authority", "experts", "an official who asked not to be named".
:func:`parse` reads one mention; :class:`Resolver` links the mentions of an
article to entities, in text order: a full name first, a surname, acronym,
role or pronoun later. A pronoun is resolved only when one antecedent stands
out; otherwise it stays unresolved and its attribution is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Entity", "Mention", "Resolver", "parse"]

_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z&.]{1,9})\)")
_NAMED_ACRONYM = re.compile(
    r"((?:[A-Z][\w'’-]*\s+(?:of\s+|for\s+|and\s+)?){0,5}[A-Z][\w'’-]*)\s*\(([A-Z][A-Za-z&]{1,8})\)"
)
_RELATIVE = re.compile(r",?\s+(?:who|which|whose|that)\s.*$", re.DOTALL)
_WORD = re.compile(r"[^\s,]+")

PRONOUNS = {
    "he": "m",
    "she": "f",
    "they": "p",
    "it": "n",
    "we": "p",
    "i": "?",
}
_DETERMINERS = frozenset(["the", "a", "an", "one", "another", "this", "that", "these", "those"])
_QUANTIFIERS = frozenset(
    """
    some several many most other others few two three four five six seven eight nine ten dozens
    hundreds thousands numerous various both all
    """.split()  # noqa: SIM905
)
_PARTICLES = frozenset(
    """
    van von der den de del della da dos du la le al el bin ibn di st.
    """.split()  # noqa: SIM905
)
#: Words of a title before a name ("Finance Minister", "Chief Executive").
_TITLE_WORDS = frozenset(
    """
    minister president prime chancellor secretary governor mayor senator director chief
    executive officer head chair chairman chairwoman chairperson spokesman spokeswoman
    spokesperson coach manager captain judge justice prosecutor detective inspector
    superintendent commissioner general colonel major lieutenant sergeant dr professor prof mr
    mrs ms sir dame lord lady rep. sen. gov. ceo cfo former deputy vice foreign finance health
    defence defense interior environment agriculture education trade economy energy transport
    state attorney councilor councillor council member congressman congresswoman representative
    ambassador envoy king queen prince princess pope bishop archbishop cardinal rabbi imam
    sheikh acting interim opposition leader striker defender midfielder goalkeeper forward
    pundit analyst economist officer constable city county federal national regional labour
    labor justice home police fire public works engineer
    """.split()  # noqa: SIM905
)
#: Nouns that make a lowercase description an organisation ("the ministry").
ORG_NOUNS = frozenset(
    """
    ministry authority agency council government administration company firm regulator police
    court commission committee department office bank union party campaign group club federation
    league association board university institute center centre army military navy embassy team
    cabinet parliament senate congress assembly municipality city county state district school
    hospital service organisation organization alliance coalition opposition network foundation
    fund watchdog prosecutors prosecution tribunal ministry's bureau corporation utility
    operator airline insurer lender carrier manufacturer broadcaster newspaper agency's
    programme program
    """.split()  # noqa: SIM905
)
_ORG_WORDS = frozenset(
    """
    Ministry Authority Agency Council Government Administration Company Commission Committee
    Department Office Bank Union Party Campaign Club Federation League Association Board
    University Institute Center Centre Army Navy Embassy Cabinet Parliament Senate Congress
    Assembly Court Police Service Services Organisation Organization Alliance Coalition Network
    Foundation Fund Programme Program Group Inc Inc. Ltd Ltd. Corp Corp. Corporation Holdings
    Partners Bureau Trust Society Chamber Forum Institution Tribunal Utilities Airlines Airways
    Motors Energy Pharmaceuticals Systems Technologies Bank District Agency's Observatory
    Laboratory Lab Museum Hospital Clinic Centre FC United Secretariat Directorate Inspectorate
    Watch Initiative Project Fire Rescue Guard
    """.split()  # noqa: SIM905
)
_PERSON_ROLES = frozenset(
    """
    minister president chancellor secretary governor mayor senator director chief executive head
    chair chairman chairwoman spokesman spokeswoman spokesperson coach manager captain judge
    prosecutor detective inspector superintendent commissioner ambassador envoy premier leader
    ceo founder economist striker defender goalkeeper midfielder engineer councilor councillor
    official
    """.split()  # noqa: SIM905
)
_GLUE = frozenset(["of", "and", "for", "the", "&", "de", "du", "la", "on", "in"])
_FEMALE = frozenset(
    """
    she her mrs ms spokeswoman chairwoman congresswoman queen princess dame lady
    """.split()  # noqa: SIM905
)
_MALE = frozenset(
    ["he", "his", "mr", "spokesman", "chairman", "congressman", "king", "prince", "sir", "lord"]
)
#: Countries and capitals often used as speakers ("Tashkent insisted").
PLACES = frozenset(
    """
    Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bangladesh
    Belarus Belgium Bolivia Bosnia Brazil Britain Bulgaria Cambodia Cameroon Canada Chile China
    Colombia Croatia Cuba Cyprus Czechia Denmark Ecuador Egypt Estonia Ethiopia Finland France
    Georgia Germany Ghana Greece Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy
    Japan Jordan Kazakhstan Kenya Kosovo Kuwait Kyrgyzstan Latvia Lebanon Libya Lithuania
    Luxembourg Malaysia Mali Malta Mexico Moldova Mongolia Montenegro Morocco Myanmar Nepal
    Netherlands Nigeria Norway Oman Pakistan Panama Paraguay Peru Philippines Poland Portugal
    Qatar Romania Russia Rwanda Senegal Serbia Singapore Slovakia Slovenia Somalia Spain Sudan
    Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Tunisia Turkey Turkmenistan
    Uganda Ukraine Uruguay Uzbekistan Venezuela Vietnam Yemen Zambia Zimbabwe US USA UK EU UN
    NATO Washington Moscow Beijing Brussels London Paris Berlin Tokyo Kyiv Kiev Tehran Ankara
    Delhi Islamabad Tashkent Astana Ottawa Canberra Seoul Pyongyang Damascus Baghdad Cairo
    Riyadh Jerusalem Madrid Rome Warsaw Vienna Budapest Prague Bucharest Sofia Athens Minsk
    Tbilisi Yerevan Baku Bishkek Dushanbe Kabul Hanoi Bangkok Manila Jakarta Pretoria Nairobi
    Caracas Havana Brasilia Lisbon Dublin Oslo Stockholm Helsinki Copenhagen Bern Belgrade
    """.split()  # noqa: SIM905
)


@dataclass
class Mention:
    """What one speaker mention says about its speaker."""

    #: person, organization, group, unnamed, pronoun, surname, acronym, role_ref, org_ref
    kind: str
    name: str | None = None
    role: str | None = None
    description: str | None = None
    aliases: tuple[str, ...] = ()
    #: The pronoun's class: m, f, n (it), p (they/we), ?.
    pronoun: str | None = None
    gender: str | None = None
    #: The head noun of a role or organisation description ("minister", "authority").
    head: str | None = None
    #: Organisations named with an acronym in an appositive ("Social Alliance (SA)").
    orgs: tuple[tuple[str, str], ...] = ()


@dataclass(eq=False)
class Entity:
    """An article-level speaker while it is being resolved."""

    kind: str
    name: str | None = None
    description: str | None = None
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    gender: str | None = None

    @property
    def surname(self) -> str | None:
        """The last word of a person's name."""
        if self.kind != "person" or not self.name:
            return None
        return self.name.split()[-1]

    def words(self) -> set[str]:
        """Lower-case words of the name, aliases and role, for descriptions."""
        found: set[str] = set()
        for text in (self.name, self.role, self.description, *self.aliases):
            if text:
                found.update(w.strip("'’s").lower() for w in text.split())
        return found


_GROUP_ENDINGS = (
    "ists",
    "ers",
    "ants",
    "ents",
    "ians",
    "als",
    "ors",
    "ics",
    "ees",
    "ives",
    "ats",
    "ites",
    "ops",
    "ples",
    "ffs",
    "ces",
    "ges",
    "ies",
)


_GROUP_NOUNS = frozenset(
    """
    experts officials analysts residents critics scientists researchers economists doctors
    witnesses police activists investors lawmakers voters parents teachers students workers
    farmers diplomats sources observers campaigners protesters prosecutors engineers executives
    traders bankers fans players nurses pilots officers
    """.split()  # noqa: SIM905
)


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() else text


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _head_noun(words: list[str]) -> str:
    """The head of a noun phrase: its last word before a preposition or clause."""
    head = words[-1]
    for word in words:
        if word.lower() in (
            "of",
            "in",
            "at",
            "from",
            "for",
            "with",
            "on",
            "who",
            "which",
            "interviewed",
            "working",
            "based",
            "close",
            "familiar",
        ):
            break
        head = word
    return head.strip(".,;:").lower()


def _plural(noun: str) -> bool:
    return (
        len(noun) > 3
        and noun.endswith("s")
        and not noun.endswith(("ss", "'s", "’s", "us", "is", "ics"))
        and noun not in ("news", "series", "species")
    ) or noun in ("people", "police", "staff", "children", "women", "men", "crew", "public")


_PERSON_NAME = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]+")


def _named_in_apposition(text: str) -> Mention | None:
    """ "A spokesman for the company, Jonas Feld": the name, with the description as role."""
    first, comma, rest = text.partition(",")
    words = first.split()
    if not comma or len(words) < 2 or words[0].lower() not in ("a", "an", "the"):
        return None
    if _is_cap(words[1]):
        return None
    name = rest.split(",")[0].strip()
    if not _PERSON_NAME.fullmatch(name):
        return None
    mention = parse(f"{name}, {_lower_first(first.strip())}")
    return mention if mention is not None and mention.kind == "person" else None


def _titled_name(words: list[str]) -> Mention | None:
    """ "the company's spokesman Jonas Feld": a lowercase title, then a person's name."""
    count = 0
    while count < min(3, len(words) - 2) and _is_cap(words[len(words) - 1 - count]):
        count += 1
    if count < 2:
        return None
    title = words[1 : len(words) - count]
    if not title or any(_is_cap(w) for w in title) or title[-1].endswith(("'s", "’s")):
        return None
    name = words[len(words) - count :]
    if any(
        w.endswith(("'s", "’s")) or not w.replace("-", "").replace("'", "").isalpha() for w in name
    ):
        return None
    return Mention("person", name=" ".join(name), role=" ".join(title))


def parse(text: str) -> Mention | None:
    """Read one speaker mention; None when it does not look like one."""
    text = " ".join(text.split()).strip(" ,;:")
    if not text or len(text) > 200:
        return None
    aliases = tuple(_ACRONYM.findall(text.split(",")[0]))
    orgs = tuple(
        (_strip_article(m[0]), m[1]) for m in _NAMED_ACRONYM.findall(text.partition(",")[2])
    )
    swapped = _named_in_apposition(text)
    if swapped is not None:
        return swapped
    plain = _ACRONYM.sub("", text)
    role = None
    if "," in plain:
        head, _, rest = plain.partition(",")
        rest = rest.strip(" ,")
        if rest and not re.match(r"(?:who|which|whose|that)\b", rest):
            role = _strip_article(re.sub(r"^(?:a|an)\s+", "", rest.split(",")[0].strip()))
        plain = head.strip()
    plain = _RELATIVE.sub("", plain).strip()
    words = plain.split()
    if not words:
        return None
    low = [w.lower() for w in words]
    if len(words) == 1 and low[0] in PRONOUNS:
        return Mention("pronoun", pronoun=PRONOUNS[low[0]])
    gender = "f" if _FEMALE & set(low) else ("m" if _MALE & set(low) else None)
    head = _head_noun(words)
    if low[0] in ("a", "an", "one", "another") and not _plural(head):
        return Mention("unnamed", description=_lower_first(text), head=head)
    head_word = next((w for w in words if w.strip(".,;:").lower() == head), words[-1])
    if low[0] in _QUANTIFIERS or (
        _plural(head)
        and (
            not _is_cap(head_word)
            or (head_word == words[0] and (head.endswith(_GROUP_ENDINGS) or head in _GROUP_NOUNS))
        )
        and not (len(words) > 1 and all(_is_cap(w) for w in words if w not in _PARTICLES))
    ):
        return Mention("group", description=_lower_first(text), head=head)
    if not _is_cap(words[0]) and low[0] not in _DETERMINERS and head in ORG_NOUNS:
        return Mention("org_ref", description=_lower_first(plain), head=head)
    if low[0] in ("the", "its", "his", "her", "their") and len(words) > 1:
        titled = _titled_name(words)
        if titled is not None:
            return titled
        tail = words[1:]
        if all(not _is_cap(w) for w in tail):
            if head in ORG_NOUNS or head.rstrip("'’s") in ORG_NOUNS:
                return Mention("org_ref", description=_lower_first(plain), head=head)
            if head in _PERSON_ROLES:
                return Mention("role_ref", description=_lower_first(plain), head=head)
            return None
        if low[0] != "the" or not all(
            _is_cap(w) or w in _GLUE or (i == len(tail) - 1 and w in ORG_NOUNS)
            for i, w in enumerate(tail)
        ):
            return None
        name = " ".join(tail)
        if len(tail) == 1 and tail[0].isupper():
            return Mention("acronym", name=tail[0], aliases=aliases)
        return Mention("organization", name=name, aliases=aliases, head=head)
    if not _is_cap(words[0]):
        # "paediatrician Pablo Navarro", "manager Gareth Hughes": a lowercase title.
        lead = 0
        while lead < len(words) and not _is_cap(words[lead]) and words[lead].isalpha():
            lead += 1
        if lead == 0 or lead >= len(words) - 1 or len(words) - lead > 4 or lead > 3:
            return None
        inner = parse(" ".join(words[lead:]))
        if inner is None or inner.kind != "person":
            return None
        inner.role = inner.role or " ".join(words[:lead])
        return inner
    if len(words) == 1:
        word = words[0].strip(".")
        if word in PLACES:
            return Mention("organization", name=word, aliases=aliases)
        if word.isupper() and len(word) > 1:
            return Mention("acronym", name=word, aliases=aliases)
        if word.endswith(("'s", "’s")) or not word.isalpha():
            return None
        return Mention("surname", name=word, aliases=aliases)
    if any(w.strip(".,") in _ORG_WORDS for w in words) or plain in PLACES:
        return Mention("organization", name=plain, aliases=aliases, head=head)
    # A person: title words, then the name (two capitalised words, with particles).
    if any(not _is_cap(w) and w not in _PARTICLES for w in words[-2:]):
        return None
    end = len(words)
    start = end - 1
    while start > 0 and (
        words[start - 1] in _PARTICLES
        or (
            _is_cap(words[start - 1])
            and words[start - 1].lower() not in _TITLE_WORDS
            and end - start < 2
        )
    ):
        start -= 1
    name_words = words[start:end]
    if len(name_words) < 2 and start > 0:
        name_words = words[start - 1 : end]
        start -= 1
    title = " ".join(words[:start])
    if role is None and title:
        role = title.lower() if not re.search(r"[A-Z]{2}", title) else title
    name = " ".join(name_words)
    if any(w.endswith(("'s", "’s")) for w in name_words):
        return None
    return Mention("person", name=name, role=role, aliases=aliases, gender=gender, orgs=orgs)


#: How many recent entities a description ("the ministry") is matched against.
_POOL = 300


class Resolver:
    """Links an article's mentions to entities, in text order."""

    def __init__(self, text: str = "") -> None:
        self.text = text
        self.entities: list[Entity] = []
        self._names: dict[str, Entity] = {}
        self._words: dict[str, list[Entity]] = {}
        self._described: dict[tuple[str, str], Entity] = {}
        #: (position, entity) of every resolved mention, in text order.
        self.history: list[tuple[int, Entity]] = []

    def _add(self, entity: Entity) -> Entity:
        self.entities.append(entity)
        self._index(entity)
        return entity

    def _index(self, entity: Entity) -> None:
        for name in (entity.name, *entity.aliases):
            if name:
                self._names.setdefault(name.lower(), entity)
        if entity.name:
            first = entity.surname or entity.name.split()[0]
            self._words.setdefault(first, []).append(entity)

    def _find_name(self, name: str) -> Entity | None:
        return self._names.get(name.lower())

    def _find_surname(self, word: str) -> Entity | None:
        found = self._words.get(word, [])
        people = [e for e in found if e.surname == word]
        found = people or [e for e in found if e.kind == "organization"]
        return found[-1] if len(found) == 1 else None

    def declare(self, mention: Mention) -> Entity | None:
        """Create or find the entity a full name denotes (first pass)."""
        for org_name, acronym in mention.orgs:
            if self._find_name(org_name) is None and self._find_name(acronym) is None:
                self._add(Entity("organization", name=org_name, aliases=[acronym]))
        if mention.kind == "person" and mention.name:
            entity = self._find_name(mention.name)
            if entity is None:
                entity = Entity(
                    "person", name=mention.name, role=mention.role, gender=mention.gender
                )
                entity.aliases.append(mention.name.split()[-1])
                self._add(entity)
            elif entity.role is None:
                entity.role = mention.role
        elif mention.kind == "organization" and mention.name:
            entity = self._find_name(mention.name)
            if entity is None:
                entity = self._add(Entity("organization", name=mention.name))
        else:
            return None
        for alias in mention.aliases:
            if alias not in entity.aliases:
                entity.aliases.append(alias)
                self._names.setdefault(alias.lower(), entity)
        if mention.gender and not entity.gender:
            entity.gender = mention.gender
        return entity

    def resolve(self, mention: Mention, position: int, window: int) -> Entity | None:
        """The entity *mention* at *position* refers to. *window* is the earliest
        position a pronoun may look back to; None when no antecedent stands out.
        """
        entity: Entity | None = None
        kind = mention.kind
        if kind in ("person", "organization"):
            entity = self.declare(mention)
        elif kind == "surname" and mention.name:
            entity = self._find_surname(mention.name) or self._find_name(mention.name)
            if entity is None:
                entity = self._add(Entity("person", name=mention.name))
        elif kind == "acronym" and mention.name:
            entity = self._find_name(mention.name)
            if entity is None:
                entity = self._add(Entity("organization", name=mention.name))
        elif kind in ("org_ref", "role_ref") and mention.head:
            entity = self._describe(mention)
        elif kind in ("group", "unnamed") and mention.description:
            description = _lower_first(mention.description)
            entity = self._described.get((kind, description))
            if entity is None:
                entity = self._add(Entity(kind, description=description))
                self._described[(kind, description)] = entity
        elif kind == "pronoun":
            entity = self._pronoun(mention.pronoun or "?", position, window)
        if entity is not None:
            self.history.append((position, entity))
        return entity

    def _describe(self, mention: Mention) -> Entity | None:
        head = (mention.head or "").rstrip("'’s")
        wanted = "person" if mention.kind == "role_ref" else "organization"
        # Only the most recent entities: a description refers to something near.
        pool = self.entities[-_POOL:]
        matches = [e for e in pool if e.kind == wanted and head in e.words()]
        if wanted == "organization" and not matches:
            words = set((mention.description or "").lower().split())
            matches = [
                e
                for e in pool
                if e.kind == wanted and words & e.words() - {"the"} and head in " ".join(e.words())
            ]
        if len({id(e) for e in matches}) == 1:
            return matches[0]
        recent = next((e for _, e in reversed(self.history[-_POOL:]) if e in matches), None)
        if recent is not None:
            return recent
        if wanted == "organization" and mention.description:
            return self._add(Entity("organization", name=_strip_article(mention.description)))
        return None

    def _recent(self, window: int) -> list[tuple[int, Entity]]:
        found = []
        for pair in reversed(self.history):
            if pair[0] < window:
                break
            found.append(pair)
        return found

    def _last_seen(self, entity: Entity, position: int, window: int) -> int:
        seen = max((p for p, e in self._recent(window) if e is entity and p < position), default=-1)
        surname = entity.surname
        if surname and self.text:
            found = self.text.rfind(surname, max(window, seen + 1, 0), position)
            seen = max(seen, found)
        return seen

    def _pronoun(self, pronoun: str, position: int, window: int) -> Entity | None:
        recent = [e for _, e in self._recent(window)]
        if pronoun in ("m", "f", "?"):
            people = {id(e): e for e in recent if e.kind == "person"}
            if not people:
                return None
            compatible = [
                e for e in people.values() if e.gender in (None, pronoun) or pronoun == "?"
            ]
            if not compatible:
                return None
            ranked = sorted(
                ((self._last_seen(e, position, window), e) for e in compatible),
                key=lambda pair: -pair[0],
            )
            first_seen, first = ranked[0]
            if len(ranked) > 1:
                second_seen, second = ranked[1]
                # Two antecedents mentioned close together, and nothing to tell
                # them apart: leave the pronoun unresolved.
                if first_seen - second_seen < 60 and first.gender == second.gender:
                    return None
            if first.gender is None and pronoun != "?":
                first.gender = pronoun
            return first
        wanted = ("organization",) if pronoun == "n" else ("group", "organization")
        for entity in recent:
            if entity.kind in wanted:
                return entity
        return None

    def mentioned(self, entity: Entity, position: int) -> None:
        """Record that *entity* was named at *position* outside an attribution."""
        self.history.append((position, entity))
