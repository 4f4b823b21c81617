"""Name the person or thing a drafted sentence's pronoun points at, from the sentences before it, or give up.

A note is read alone, so "In 1831 he discovered ..." or "Queen Victoria granted him a house" must say who; when
the sentences before do not name a fitting subject, the sentence is not drafted at all.
"""

from __future__ import annotations

import re

from quizapp.authoring.facts import MONTHS, find_facts
from quizapp.authoring.names import find_names
from quizapp.authoring.releases import named_noun, release_named

_PRONOUNS = {"he", "she", "it", "they", "his", "her", "its", "their", "this", "these", "those", "him", "them"}
_LEAD_INS = {
    "in",
    "on",
    "at",
    "after",
    "before",
    "by",
    "during",
    "from",
    "since",
    "following",
    "between",
    "when",
    "for",
}
# "So Judah was carried away ...", "Then Pharaoh ...": a sentence's linking word is no part of its subject's name
_CONJUNCTIONS = {"so", "then", "and", "but", "now", "thus", "yet", "or", "nor", "also", "hence", "therefore"}
_CLAUSE_OPENERS = {"while", "although", "though", "because", "once", "until", "as"}  # "While he was surveying ..."
_IRREGULAR_PAST = re.findall(
    r"\w+",
    "won led took gave made went fought wrote began left met rose fell held sent built lost ran saw came told sought "
    "brought found kept paid set spent stood taught thought chose drew drove grew knew spoke struck swore bore",
)
_SUBJECT = re.compile(
    r"^((?:(?:Mr|Mrs|Ms|Dr|Sir)\.?\s)?[A-Z][\w'’-]+(?:\s(?:[A-Z]\.|[A-Z][\w'’-]+|[IVX]\b)){0,3})(?:,\s[^,]{1,80},)?\s+"
    r"(?:(?:himself|herself)\s)?(?:[a-z]+ly\s)?(?:was|is|had|has|became|[a-z]{2,}(?:s|ed)|"
    + "|".join(_IRREGULAR_PAST)
    + r")\b"
)  # "Mr. McNiel mentions ...", "Turini was ...", "Michael Faraday, chemist, was born", "Roebling himself was"
_CLEFT = re.compile(r"^It (?:was|is) (?:not )?.{1,80}? (?:who|that|which|when) ")
_NOUN_SUBJECT = re.compile(
    r"^((?:The|A|An|These|Those) (?:[\w-]+ ){0,3}[\w-]+)(?:, [^,]{1,100},)? (was|is|has|had|were|are|have)\b"
    r"|^(The (?:[A-Z][\w'’-]+ ){0,3}[A-Z][\w'’-]+) ([a-z]{2,}[^s\W]s)\b"
)  # "The graves were ...", "The Brooklyn Bridge crosses the East River ..." (a name, a present-tense verb: singular)
_HEADING_NOUN = re.compile(r"(?:The |An? )?[A-Z][\w'’-]+(?: (?:of |the |and )?[A-Z][\w'’-]+){0,3}")
_POSSESSIVE = {
    "his": "he",
    "her": "she",
    "its": "it",
    "their": "they",
}  # "His experiments ..." -> "Pasteur's experiments ..."
_THING_START = {
    "mount", "lake", "river", "cape", "fort", "port", "the", "new", "great", "north", "south", "east", "west",
    "saint", "st", "san", "santa", "monte", "mont", "los", "las", "el", "upper", "lower",
}  # fmt: skip
_THING_END = re.compile(
    r"\b(?:Bridge|River|Tunnel|Canal|Company|Institute|Society|Line|Railway|Act|War|Empire|Kingdom|Republic|"
    r"Islands?|Mountains|Range|Sea|Ocean|Bay|Lake|Valley|Park|Street|Road|Cathedral|Church|Palace|Castle|Tower|"
    r"Museum|University|College|School|Office|Programme|Program|Organi[sz]ation|Assembly|Council|Games|"
    r"Exhibition|Expedition|Press|Bible)$"
)
_PERSON_WORDS = re.compile(r"\b(?:he|she|his|her|him|himself|herself|born|married|wife|husband|son|daughter)\b", re.I)
_VERB = re.compile(r"\b(?:was|were|is|are|had|has)\b")
_CAPS = re.compile(r"(?<![\w'’])[A-Z][\w'’-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w'’-]*)*")


def _without_opening_date(sentence: str) -> str:
    """`sentence` without an opening "In 1821 " / "On 4 May 1950, " (and a bracketed aside after it) that stands
    before its subject."""
    first = re.match(r"\w+", sentence)
    if not first or first[0].casefold() not in _LEAD_INS:
        return sentence
    for fact in find_facts(sentence):
        if fact.kind in ("date", "year") and len(sentence[: fact.start].split()) <= 3:
            return re.sub(r"^,?\s*(?:\([^()]*\),?\s*)?", "", sentence[fact.end :])  # "During August 1995 (...), X"
    return sentence


def subject_name(sentence: str) -> str | None:
    """The named person `sentence` is about ("Faraday" of "In 1821 Faraday produced ...", "At Lille Pasteur
    studied ..."), or None. A possessive ("Pasteur's assistants ...") is not the subject."""
    rest = _without_opening_date(sentence)
    starts = [rest]
    place = re.match(r"(?:In|At|From|Near)\s+((?:[A-Z][\w'’-]+\s+){1,2})(?=[A-Z])", rest)
    if place:  # "At Lille Pasteur studied ...": the place before the subject
        starts.append(rest[place.end() :])
    for text in starts[::-1]:
        subject = _SUBJECT.match(text)
        if (
            subject
            and subject[1].split()[0].casefold() not in _PRONOUNS | _LEAD_INS | _CONJUNCTIONS | {"the", "a", "an"}
            and not re.search(r"['’]s(?:\s|$)", subject[1])  # "Johannes Gutenberg's Bible" is no person
        ):
            return subject[1]
    ruler = _RULER.match(rest)  # "The Yongle Emperor, the founder's fourth son, seized ..."
    if ruler:
        return ruler[1]
    described = _DESCRIBED.match(rest)  # "The French chemist Antoine Lavoisier repeated ..."
    return subject_name(rest[described.end() :]) if described else None


_VERB_AFTER = r"(?:,\s[^,]{1,80},)?\s+(?:was|is|had|has|became|[a-z]{2,}(?:s|ed)|" + "|".join(_IRREGULAR_PAST) + r")\b"
_RULER = re.compile(
    r"^(The (?:[A-Z][\w'’-]+ ){1,2}(?:Emperor|Empress|King|Queen|Pope|Sultan|Shah|Tsar|Khan))" + _VERB_AFTER
)
_DESCRIBED = re.compile(r"^(?:The|A|An) (?:[A-Z][\w'’-]+ )?(?:[a-z]+ ){1,2}(?=[A-Z])")


def is_thing(name: str, sentence: str) -> bool:
    """Whether the subject `name` of `sentence` is a thing an "it" can point at ("Mount Vesuvius", "Smallpox",
    "The Brooklyn Bridge"), not a person: no title, no he/his/born in its sentence, a place or thing word first or
    last ("Mount ...", "... Bridge"), or one word defined ("... is a ...") or in the present tense."""
    words = name.split()
    if _PERSON_WORDS.search(sentence) or re.match(r"(?:Mr|Mrs|Ms|Dr|Sir|Lady|Lord|King|Queen|President)\b", name):
        return False
    if len(words) == 1:  # "Smallpox was a contagious disease", "Vesuvius is a cone", not "Schop published ..."
        return bool(
            re.match(
                rf"{re.escape(name)}(?:, [^,]+,)? (?:(?:is|was) (?:a|an|the|one)\b|has\b|[a-z]{{2,}}[^s\W]s\b)",
                sentence,
            )
        )
    return words[0].casefold() in _THING_START or bool(_THING_END.search(name))


def thing_subject(sentence: str) -> str | None:
    """The thing `sentence` is about, for a later "it"/"its": "The Thames is ...", "Mount Vesuvius stands ...",
    "The Thames Tunnel, the first tunnel ..., was dug ..." (a singular subject), or None."""
    noun = _NOUN_SUBJECT.match(sentence)
    if noun and (noun[3] or noun[2] in ("was", "is", "has", "had")):
        return noun[1] or noun[3]
    name = subject_name(sentence)
    return name if name and is_thing(name, sentence) else None


def _capital_runs(text: str) -> list[str]:
    """Runs of capitalised words in `text`, leaving out its first word when a lead-in and month names."""
    runs = []
    for m in _CAPS.finditer(text):
        words = [w for w in m[0].split() if w.casefold() not in MONTHS]
        if m.start() == 0 and words and words[0].casefold() in _LEAD_INS | _PRONOUNS | {"the", "a", "an", "at"}:
            words = words[1:]
        if words:
            runs.append(" ".join(words))
    return runs


_EXPLETIVE = re.compile(
    r"it (?:became|becomes|is|was|seems|seemed|has become|had become|would be|will be) (?:now |also |then |still )?"
    r"(?:possible|impossible|necessary|unnecessary|clear|likely|unlikely|easy|easier|hard|harder|difficult|"
    r"important|common|customary|usual|said|thought|believed|decided|agreed)\b",
    re.I,
)  # "By moving the tree ..., it became possible to ...": an "it" that points at nothing


# a clause whose subject is named, just before a pronoun: "Nebuchadnezzar king of Babylon came, he and his army"
_NAMED_CLAUSE = re.compile(
    r"\b[A-Z][\w'’-]+(?: [a-z]+(?: of)? [A-Z][\w'’-]+)? (?:[a-z]{2,}ed|came|" + "|".join(_IRREGULAR_PAST) + r"),\s*$"
)


def opening_pronoun(sentence: str) -> tuple[int, int] | None:
    """The span of a pronoun that opens the sentence ("He ...", "In 1876, he ...", "In 1831 he ..."), or None;
    an empty "it" ("it became possible to ...", "it was decided that ...") is none."""
    span = _opening_pronoun(sentence)
    return None if span and _EXPLETIVE.match(sentence, span[0]) else span


_THIS_TEXT = re.compile(r"[\"“‘(]*This (?:article|document|chapter|book|guide|paper|essay|report|manual|text)\b")


def _opening_pronoun(sentence: str) -> tuple[int, int] | None:
    m = re.match(r"[\"“‘(]*(\w+)", sentence)
    if not m or _CLEFT.match(sentence) or _THIS_TEXT.match(sentence):
        return None  # "This article explains ...": the source itself, which every note cites
    if m[1].casefold() in _PRONOUNS:
        return m.start(1), m.end(1)
    if m[1].casefold() in _CLAUSE_OPENERS:
        second = re.match(r"\w+\s+(he|she|they)\b", sentence[m.start(1) :], re.I)
        return (m.start(1) + second.start(1), m.start(1) + second.end(1)) if second else None
    if m[1].casefold() in _LEAD_INS:
        second = re.match(r"\w+\s+(\w+)\b(?!\s+(?:time|point|stage|moment|period)\b)", sentence[m.start(1) :])
        if second and second[1].casefold() in _PRONOUNS:  # "After his death ...", not "By this time ..."
            return m.start(1) + second.start(1), m.start(1) + second.end(1)
        c = re.match(r"[^;]{0,150}?,\s*(he|she|it|they|his|her|its|their)\b", sentence, re.I)
        named = c and _NAMED_CLAUSE.search(sentence[: c.start(1)])  # "X king of Babylon came, he and all ..."
        if c and not _VERB.search(sentence[: c.start(1)]) and subject_name(sentence) is None and not named:
            return c.start(1), c.end(1)  # not "In 1558 England lost Calais, its last possession ..."
        bare = re.match(r"[^;,]{0,60}?\s(he|she|they)\b", sentence, re.I)  # "In 1831 he ..."
        if bare and not _VERB.search(sentence[: bare.start(1)]) and not _capital_runs(sentence[: bare.start(1)]):
            return bare.start(1), bare.end(1)
    return None


def object_pronoun(sentence: str) -> tuple[int, int] | None:
    """The span of a 'him' that cannot point at anyone its sentence names before it (at most the subject
    of its own clause is named: "Queen Victoria granted him a house"), or None; a possessive before it names him."""
    m = re.search(r"\bhim\b", sentence)  # not 'them': it points at a thing of its own sentence too often
    runs = _capital_runs(sentence[: m.start()]) if m else []
    if not m or len(runs) > 1 or (runs and re.search(r"['’]s$", runs[0])):
        return None  # "Pasteur's experiments earned him a prize": him is the owner named
    return m.start(), m.end()


def _antecedent(
    word: str,
    sentence: str,
    span: tuple[int, int],
    previous: list[str],
    person: str | None = None,
    thing: str | None = None,
) -> str | None:
    """The name or noun phrase of the nearest of the last two `previous` sentences that fits `word`; for a person,
    else `person` (the last person the document named as a subject) when the section has just begun or one of
    those two sentences names them ("Heating wine ...; Pasteur patented ..." before "From 1865 he ...")."""
    told = sentence[: span[0]] if word == "him" else sentence  # "Fust sued him ..., and Gutenberg lost ...": him
    own = set(" ".join(_capital_runs(told)).split())
    found = _nearest(word, sentence, span, previous, own)
    if found is None and person and word in ("he", "she", "him") and not own & set(person.split()):
        surname = person.split()[-1]
        if not previous or (
            any(re.search(rf"\b{re.escape(surname)}\b", p) for p in previous[::-1][:2])
            and not _other_person(person, previous[::-1][:2])
        ):
            return person
    if found is None and thing and word == "it" and not own & set(thing.split()):
        last = thing.split()[-1]  # "Vesuvius" of "Mount Vesuvius", "Bridge" of "The Brooklyn Bridge"
        if not previous or any(re.search(rf"\b{re.escape(last)}\b", p, re.I) for p in previous[::-1][:2]):
            return thing
    return found


def _other_person(person: str, sentences: list[str]) -> bool:
    """Whether `sentences` name someone other than `person` as the subject of a clause ("Nebuchadnezzar king of
    Babylon came ..., and Jehoiachin the king of Judah went out ..." before "He carried away ...": the "he" may be
    either, so neither is taken)."""
    own = set(person.split())
    for s in sentences:
        for m in re.finditer(r"(?:^|[,;:—]\s*(?:and |but |then |so )?)([A-Z][\w'’-]+)\b", s):
            name = m[1]
            if (
                name in own
                or re.search(r"['’]s?$", name)
                or name.casefold() in _PRONOUNS | _LEAD_INS | _CONJUNCTIONS | {"the", "a", "an"}
            ):
                continue
            if subject_name(s[m.start(1) :]) or re.match(
                r"[A-Z][\w'’-]+,? (?:the )?(?:king|queen|son|daughter)\b", s[m.start(1) :]
            ):
                return True
    return False


def _only_person(sentence: str) -> str | None:
    """The one name of `sentence` when it is a person's, by name_type ("... by the engineer John Augustus Roebling,
    whose plan ..."), or None when it names none, several, or no person."""
    from quizapp.authoring.distract import name_type
    from quizapp.authoring.facts import Fact

    names = [n for n in find_names(sentence) if not re.search(r"\b[Tt]he\s+$", sentence[: n[1]])]  # not things
    if len({t for t, _, _ in names}) != 1:
        return None  # no name, or several that a pronoun could point at
    text, start, end = names[0]
    return text if name_type(sentence, Fact("name", text, start, end)) == "person" else None


_GENDER = {"he": r"\b(?:he|his|him)\b", "she": r"\b(?:she|her)\b"}


def _known(word: str, previous: list[str]) -> str | None:
    """The one person the section has already called `word` ("he"/"she": the subject of a sentence that goes on
    with that pronoun, "Marie Curie received ...; she was ...") who is named in one of the last two sentences."""
    if word not in _GENDER:
        return None
    known = {n for p in previous if (n := subject_name(p)) and re.search(_GENDER[word], p[len(n) :], re.I)}
    recent = [n for n in known if len(n.split()) > 1 and any(n in p for p in previous[::-1][:2])]
    return recent[0] if len(recent) == 1 else None


def _nearest(word: str, sentence: str, span: tuple[int, int], previous: list[str], own: set[str]) -> str | None:
    if (known := _known(word, previous)) and not own & set(known.split()):
        return known  # "She died ..." after "... Warren Harding gave Marie Curie ...": Marie Curie, a "she" before
    for before in previous[::-1][:2]:
        name = None
        if word in ("he", "she", "him"):
            name = subject_name(before) or (_only_person(before) if before is previous[-1] else None)
            if name and word == "him" and own & set(name.split()):
                name = None  # "Davy hired him" after a sentence about Davy: not Davy himself
        elif word == "it" and (named := subject_name(before)) and is_thing(named, before):
            name = named
        elif word in ("it", "they", "them") and (noun := _NOUN_SUBJECT.match(before)):
            noun_phrase, verb_word = (noun[1], noun[2]) if noun[1] else (noun[3], noun[4])
            plural = verb_word in ("were", "are", "have")
            verb = re.match(r"\s+(\w+)", sentence[span[1] :])
            agrees = word == "them" or (verb is not None and (verb[1] in ("were", "are", "have")) == (word == "they"))
            name = noun_phrase if plural == (word in ("they", "them")) and agrees else None
        if name:
            return name
    return _pair(previous[-1]) if word == "they" and previous else None


_NAME = r"[A-Z][\w'’-]+(?: (?:of )?[A-Z][\w'’-]+){0,3}"
_PAIRS = [
    re.compile(rf"\b({_NAME}) married ({_NAME})"),  # "Cook married Elizabeth Batts."
    re.compile(r"\b([A-Z][\w'’-]+ and [A-Z][\w'’-]+ [A-Z][\w'’-]+)\b"),  # "Marie and Pierre Curie"
    re.compile(rf"\b({_NAME}) [a-z]+ed\b[^,;]*, with ({_NAME})"),  # "Cook commanded ..., with Tobias Furneaux"
]


def _pair(before: str) -> str | None:
    """The two people a "they" after `before` points at: "X and Y" of "X married Y", "Marie and Pierre Curie",
    "X commanded ..., with Y" (only these forms: two names joined otherwise may be places), or None."""
    for rx in _PAIRS:
        found = [m for m in rx.finditer(before)]
        if len(found) == 1:
            m = found[0]
            return m[1] if rx.groups == 1 else f"{m[1]} and {m[2]}"
    return None


def _named(sentence: str, span: tuple[int, int], name: str) -> str:
    if span[0] > 0 and name.split()[0] in ("The", "A", "An", "These", "Those"):
        name = name[0].lower() + name[1:]
    if sentence[span[0] : span[1]].casefold() in _POSSESSIVE:
        name += "'s"  # "His experiments" -> "Pasteur's experiments", "Its summit" -> "Vesuvius's summit"
    return sentence[: span[0]] + name + sentence[span[1] :]


def resolve_pronoun(
    sentence: str,
    previous: list[str],
    heading: str | None = None,
    person: str | None = None,
    thing: str | None = None,
) -> str | None:
    """`sentence` with an opening 'He'/'She' (or a 'him' pointing outside it) replaced by the person or thing the
    previous sentences are about; the sentence itself when it has no such pronoun; None when its pronoun cannot be
    resolved. `previous` are the sentences before it in its section; the nearest of the last two that names a
    fitting subject is taken, else `person`, the last person named as a subject before, or for "it" `thing`, the
    last thing named as one (see _antecedent). An opening "His"/"Its" is named as its owner's possessive."""
    named_release = release_named(sentence, previous, heading)
    if named_release is not None:
        return named_release
    sentence = named_noun(sentence, previous)
    span = opening_pronoun(sentence)
    if span is not None:
        word = sentence[span[0] : span[1]].casefold()
        word = _POSSESSIVE.get(word, word)  # "His ..." is named as "he" would be, with "'s"
        asked = word in ("he", "she", "it", "they")
        name = _antecedent(word, sentence, span, previous, person, thing) if asked else None
        if name is None and not previous and heading:
            name = _heading_subject(sentence, span, word, heading)
        if name is None:
            return None
        sentence = _named(sentence, span, name)
    span = object_pronoun(sentence)
    if span is not None:
        name = _antecedent(sentence[span[0] : span[1]], sentence, span, previous, person, thing)
        if name is None:
            return None
        sentence = _named(sentence, span, name)
    return sentence


def _heading_subject(sentence: str, span: tuple[int, int], word: str, heading: str) -> str | None:
    """The section heading as the subject of a section's first sentence opening 'It was ...'/'They were ...',
    when the heading is a short name ("The Althingi", "Early Sonatas") whose number agrees with the verb."""
    verb = re.match(r"\s+(\w+)", sentence[span[1] :])
    if span[0] != 0 or word not in ("it", "they") or verb is None or not _HEADING_NOUN.fullmatch(heading):
        return None
    if heading.casefold() in {"background", "introduction", "overview", "summary", "history", "opening"}:
        return None  # a heading that names no thing
    plural = verb[1] in ("were", "are", "have")
    singular = verb[1] in ("was", "is", "has")
    if (word == "they" and plural and heading.endswith("s")) or (
        word == "it" and singular and not heading.endswith("s")
    ):
        return heading
    return None
