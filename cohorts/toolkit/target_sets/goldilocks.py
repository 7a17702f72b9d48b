"""The "Goldilocks" checks of a learning target: not too broad, not too narrow, written for the
student, one observable skill. Pure: the words it looks for come in a `TargetRules`, which admins
edit (`TargetCheckSettings`); `DEFAULT_RULES` is what a new site starts with.

Each check answers ok or not, a short reason and what to do; `suggest` rewrites the whole target so
that every check it failed passes at once, in the words of the set's subject and grade band
(`context_for`), so a teacher can act on it while typing. The checks are heuristics over plain words, not grammar: they catch the mistakes the
course warns about (seed 002: "understand" is not measurable; a target is one skill a student can
show), and let through what they cannot judge.
"""

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

# What a target may start with; only the first is written for the student.
STUDENT_STEM = ("i can",)
TEACHER_STEMS = (
    "students will be able to",
    "the student will be able to",
    "student will be able to",
    "students will",
    "the student will",
    "student will",
    "swbat",
    "i will be able to",
    "i will",
    "we can",
    "we will",
)
ADVERB = re.compile(r"^[a-z]+ly$")
NARROW_PATTERNS = (
    re.compile(r"#\s*\d+"),
    re.compile(r"\b(?:page|p\.|pp\.|question|problem|problems|item|items|exercise|number)\s*\d+"),
)


@dataclass(frozen=True)
class TargetRules:
    vague_verbs: tuple[str, ...]
    action_verbs: tuple[str, ...]
    broad_phrases: tuple[str, ...]
    subjects: tuple[str, ...]
    narrow_words: tuple[str, ...]
    max_words: int = 20


def _words(text: str) -> tuple[str, ...]:
    return tuple(sorted({w.strip().lower() for w in text.split("\n") if w.strip()}))


DEFAULT_RULES = TargetRules(
    vague_verbs=_words(
        """understand
know
learn
appreciate
be aware of
become aware of
be familiar with
become familiar with
grasp
comprehend
realize
believe
internalize
be exposed to
get"""
    ),
    action_verbs=_words(
        """add
analyze
apply
argue
assess
build
calculate
categorize
cite
classify
collect
compare
compose
compute
conclude
construct
contrast
convert
create
critique
debate
defend
define
demonstrate
describe
design
determine
develop
diagram
distinguish
divide
draw
edit
estimate
evaluate
explain
express
find
formulate
generate
graph
identify
illustrate
infer
interpret
investigate
judge
justify
label
list
locate
match
measure
model
multiply
name
organize
outline
paraphrase
perform
plan
plot
predict
present
produce
prove
rank
read
recall
recognize
record
relate
represent
research
revise
rewrite
select
sequence
simplify
sketch
solve
sort
speak
state
subtract
summarize
support
synthesize
test
trace
translate
use
verify
write"""
    ),
    broad_phrases=_words(
        """everything
all about
all of
the whole
the entire
this unit
the unit
a unit
this chapter
the chapter
the course
the subject
in general
the semester
the year"""
    ),
    subjects=_words(
        """math
mathematics
science
history
english
ela
reading
writing
social studies
biology
chemistry
physics
algebra
geometry
calculus
statistics
art
music
spanish
french
literature
economics
government
geography
grammar
spelling
health
pe"""
    ),
    narrow_words=_words(
        """worksheet
handout
packet
this quiz
the quiz
today's
todays
the bell ringer
the warm-up
flashcard
flashcards"""
    ),
    max_words=20,
)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    why: str
    fix: str = ""

    @property
    def label(self) -> str:
        return CHECK_LABELS[self.name]

    def as_dict(self) -> dict[str, str | bool]:
        return {"name": self.name, "label": self.label, "ok": self.ok, "why": self.why, "fix": self.fix}


CHECK_NAMES = ("student_facing", "measurable_verb", "one_skill", "not_too_broad", "not_too_narrow", "short_enough")
CHECK_LABELS = {
    "student_facing": "Written for the student",
    "measurable_verb": "One observable, measurable verb",
    "one_skill": "One skill",
    "not_too_broad": "Not too broad",
    "not_too_narrow": "Not too narrow",
    "short_enough": "Short enough to read",
}


def _normalise(text: str | None) -> str:
    text = re.sub(r"\s+", " ", (text or "").replace("\u2019", "'")).strip()
    return text.lower().rstrip(".!?;:, ")


def _split_stem(lowered: str) -> tuple[str, str]:
    """(the stem it starts with or "", the rest)."""
    for stem in STUDENT_STEM + TEACHER_STEMS:
        if lowered == stem or lowered.startswith(stem + " ") or lowered.startswith(stem + ","):
            return stem, lowered[len(stem) :].lstrip(" ,")
    return "", lowered


def _starts_with(words: list[str], phrase: str) -> bool:
    parts = phrase.split()
    return words[: len(parts)] == parts


def _verb(words: list[str], rules: TargetRules) -> tuple[str, int]:
    """The phrase naming what the student does: a vague phrase as a whole, else the first word that
    is not an adverb ("I can accurately measure")."""
    for phrase in _by_first_word(rules.vague_verbs).get(words[0] if words else "", ()):
        if _starts_with(words, phrase):
            return phrase, len(phrase.split())
    index = 0
    while index < len(words) - 1 and ADVERB.match(words[index]) and words[index] not in rules.action_verbs:
        index += 1
    return (words[index], index + 1) if words else ("", 0)


@lru_cache(maxsize=64)
def _longest_first(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=64)
def _by_first_word(phrases: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The phrases by their first word, longest first: a target is compared only with those that could begin it."""
    found: dict[str, list[str]] = {}
    for phrase in _longest_first(phrases):
        if phrase.split():
            found.setdefault(phrase.split()[0], []).append(phrase)
    return {first: tuple(group) for first, group in found.items()}


@lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])" + re.escape(phrase) + r"(?![\w'])")


@lru_cache(maxsize=64)
def _any_phrase(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern that finds any of the phrases (as whole words): most targets contain none, and one search
    answers that; which phrase comes first in the list is then asked only of a target that holds one."""
    if not phrases:
        return None
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(p) for p in _longest_first(phrases)) + r")(?![\w'])")


def _contains(haystack: str, phrase: str) -> bool:
    return _phrase_pattern(phrase).search(haystack) is not None


def _first_contained(haystack: str, phrases: tuple[str, ...]) -> str | None:
    """The first of the phrases (in their order) that the text holds as whole words, or None."""
    anywhere = _any_phrase(phrases)
    if anywhere is None or anywhere.search(haystack) is None:
        return None
    return next((phrase for phrase in phrases if _contains(haystack, phrase)), None)


def check_target(text: str | None, rules: TargetRules = DEFAULT_RULES) -> list[Check]:
    """Every check of one target, in `CHECK_NAMES` order."""
    lowered = _normalise(text)
    stem, rest = _split_stem(lowered)
    words = re.findall(r"[a-z0-9'#.-]+", rest)
    words = [w.strip(".") or w for w in words]
    verb, verb_length = _verb(words, rules)
    object_words = words[verb_length:]
    return [
        _student_facing(stem),
        _measurable(verb, rules),
        _one_skill(words, verb_length, rules),
        _not_too_broad(verb, rest, object_words, rules),
        _not_too_narrow(rest, rules),
        _short_enough(lowered, rules),
    ]


def _student_facing(stem: str) -> Check:
    if stem in STUDENT_STEM:
        return Check("student_facing", True, "It speaks to the student: “I can …”.")
    if stem:
        return Check(
            "student_facing",
            False,
            f"“{stem[:1].upper()}{stem[1:]} …” speaks about students; a target is read by the student.",
            "Begin with “I can”, in the student's voice.",
        )
    return Check(
        "student_facing",
        False,
        "Start with “I can”, so a student can say it and check it.",
        "Begin with “I can”, in the student's voice.",
    )


def _measurable(verb: str, rules: TargetRules) -> Check:
    if not verb:
        return Check(
            "measurable_verb", False, "Say what the student will do after “I can”.", "Name one thing a student does."
        )
    if verb in rules.vague_verbs:
        return Check(
            "measurable_verb",
            False,
            f"“{verb}” happens inside a head: nobody can see or measure it.",
            "Name what a student does to show it: explain, compare, solve, design …",
        )
    return Check("measurable_verb", True, f"“{verb}” is something a student can show.")


def _one_skill(words: list[str], verb_length: int, rules: TargetRules) -> Check:
    after_verb = words[verb_length:]
    for index, word in enumerate(after_verb):
        if word not in ("and", "&", "then"):
            continue
        following = after_verb[index + 1 : index + 3]
        if following[:2] == ["i", "can"] or (
            following
            and (following[0] in rules.action_verbs or any(_starts_with(following, v) for v in rules.vague_verbs))
        ):
            second = "i can" if following[:2] == ["i", "can"] else following[0]
            return Check(
                "one_skill",
                False,
                f"“… {word} {second} …” joins two skills; each can be mastered on a different day.",
                "Split it into two targets, one verb each.",
            )
    return Check("one_skill", True, "One skill.")


def _not_too_broad(verb: str, rest: str, object_words: list[str], rules: TargetRules) -> Check:
    phrase = _first_contained(rest, rules.broad_phrases)
    if phrase is not None:
        return Check(
            "not_too_broad",
            False,
            f"“{phrase}” covers a whole unit or subject: a student can't tell when they have it.",
            "Pick one skill inside it that a student can show in a lesson or two.",
        )
    content = [w for w in object_words if w not in ("the", "a", "an", "in", "of", "my", "about", "at", "do", "good")]
    joined = " ".join(content)
    if content and (joined in rules.subjects or all(w in rules.subjects for w in content)):
        return Check(
            "not_too_broad",
            False,
            f"“{joined}” is a whole subject, not a skill.",
            "Pick one skill in it that a student can show in a lesson or two.",
        )
    if verb and not object_words:
        return Check(
            "not_too_broad",
            False,
            f"“{verb}” what? Without an object the target could mean anything.",
            f"Say what the student will {verb}.",
        )
    return Check("not_too_broad", True, "Names a skill a student can master within a few lessons.")


def _not_too_narrow(rest: str, rules: TargetRules) -> Check:
    phrase = _first_contained(rest, rules.narrow_words)
    if phrase is not None:
        return Check(
            "not_too_narrow",
            False,
            f"“{phrase}” ties the target to one task; a target outlives the task that practises it.",
            "Name the skill the task practises, not the task.",
        )
    for pattern in NARROW_PATTERNS:
        found = pattern.search(rest)
        if found:
            return Check(
                "not_too_narrow",
                False,
                f"“{found.group(0)}” points at one question or page, not a skill.",
                "Name the skill the question practises, not the question.",
            )
    return Check("not_too_narrow", True, "Not tied to one task or one fact.")


def _short_enough(lowered: str, rules: TargetRules) -> Check:
    count = len(lowered.split())
    if count > rules.max_words:
        return Check(
            "short_enough",
            False,
            f"{count} words: a student should read it at a glance (at most {rules.max_words}).",
            "Keep the verb and what it acts on; move the conditions into the task.",
        )
    return Check("short_enough", True, f"{count} words.")


def target_is_ok(checks: Iterable[Check]) -> bool:
    return all(check.ok for check in checks)


# --- The suggestion: one rewrite of a target that fixes every check it fails at once ---------------------------

# What a subject named in the course ("8th grade science", "Algebra I") belongs to, so an example is in the
# teacher's own subject. A name matching none gets an example that fits any subject.
SUBJECT_FAMILIES = {
    "math": ("math", "maths", "mathematics", "algebra", "geometry", "calculus", "statistics", "arithmetic"),
    "science": ("science", "biology", "chemistry", "physics", "stem", "earth", "environmental"),
    "social studies": ("history", "social studies", "government", "civics", "geography", "economics"),
    "ela": ("english", "ela", "reading", "writing", "literature", "language arts", "grammar", "spelling", "literacy"),
    "arts": ("art", "arts", "music", "band", "choir", "drama", "theater", "theatre", "dance"),
    "world languages": ("spanish", "french", "german", "chinese", "mandarin", "japanese", "latin", "language"),
    "health": ("health", "pe", "physical education", "wellness"),
}
# (verb, what it acts on) per subject and grade band; "" is the band used when the set's band has none.
EXAMPLES = {
    "math": {
        "k-2": [("compare", "two numbers using the symbols >, = or <"), ("add", "numbers within 20 on a number line")],
        "3-5": [("compare", "fractions using a number line"), ("multiply", "a two-digit number by a one-digit number")],
        "6-8": [("solve", "two-step equations with one variable"), ("find", "the rate per item from a ratio table")],
        "9-12": [("graph", "a linear function from its equation"), ("solve", "a system of two linear equations")],
        "": [("solve", "two-step equations with one variable")],
    },
    "science": {
        "k-2": [("describe", "what plants need to grow"), ("sort", "objects by whether they sink or float")],
        "3-5": [("explain", "how the length of a shadow changes during the day")],
        "6-8": [
            ("explain", "how unbalanced forces change an object's motion"),
            ("use", "a model to describe how energy moves in a food web"),
        ],
        "9-12": [("use", "Newton's second law to predict an object's acceleration")],
        "": [("explain", "how unbalanced forces change an object's motion")],
    },
    "social studies": {
        "k-2": [("describe", "one job that helps our community")],
        "3-5": [("explain", "why early towns grew near rivers")],
        "6-8": [("use", "two primary sources to explain a cause of a historical event")],
        "9-12": [("evaluate", "a primary source for its point of view")],
        "": [("explain", "one cause of a historical event using a primary source")],
    },
    "ela": {
        "k-2": [("identify", "the main character in a story")],
        "3-5": [("explain", "how a character changes in a story")],
        "6-8": [("cite", "evidence from a text to support my claim")],
        "9-12": [("analyze", "how an author's word choice shapes tone")],
        "": [("cite", "evidence from a text to support my claim")],
    },
    "arts": {"": [("describe", "how an artist uses color to show mood")]},
    "world languages": {"": [("describe", "my daily routine in the language I am learning")]},
    "health": {"": [("explain", "how sleep affects my health")]},
    "": {"": [("explain", "the main idea of a passage"), ("describe", "the evidence that supports my answer")]},
}
# A measurable verb for each vague one, and the words after it that the new verb makes redundant.
REPLACEMENTS = {
    "understand": "explain",
    "know": "identify",
    "learn": "describe",
    "appreciate": "explain",
    "be aware of": "identify",
    "become aware of": "identify",
    "be familiar with": "describe",
    "become familiar with": "describe",
    "grasp": "explain",
    "comprehend": "explain",
    "realize": "explain",
    "believe": "justify",
    "internalize": "apply",
    "be exposed to": "describe",
    "get": "explain",
}
# The same words met later in a target ("how plants get energy"): a word that reads right in their place.
INNER_REPLACEMENTS = {
    "understand": "explain",
    "know": "recall",
    "learn": "study",
    "appreciate": "value",
    "be aware of": "notice",
    "become aware of": "notice",
    "be familiar with": "use",
    "become familiar with": "use",
    "grasp": "explain",
    "comprehend": "explain",
    "realize": "notice",
    "believe": "claim",
    "internalize": "apply",
    "be exposed to": "see",
    "get": "obtain",
}
STUDENT_VOICE = {"they": "I", "their": "my", "them": "me", "themselves": "myself", "theirs": "mine"}
SMALL_WORDS = ("the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "with", "about", "by", "and", "or", "my")
CONDITIONS = (",", ";", " when ", " by ", " using ", " with ", " after ", " while ", " because ", " so that ",
              " in order to ", " including ", " such as ", " during ", " through ")  # fmt: skip


@dataclass(frozen=True)
class TargetContext:
    """What a target is for: the subject family ("science", or "" when the course names none) and grade band."""

    subject: str = ""
    grade_band: str = ""


def context_for(course_name: str | None, grade_band: str | None = "") -> TargetContext:
    """The subject the course name says ("8th grade science" -> science) and the set's grade band."""
    lowered = _normalise(course_name)
    for family, names in SUBJECT_FAMILIES.items():
        if any(_contains(lowered, name) for name in names):
            return TargetContext(family, grade_band or "")
    return TargetContext("", grade_band or "")


def examples_for(context: TargetContext) -> list[tuple[str, str]]:
    """The example skills of the context's subject and band, then its subject's, then any subject's."""
    subject = EXAMPLES.get(context.subject, EXAMPLES[""])
    found = subject.get(context.grade_band) or subject[""]
    return list(found) + [e for e in subject[""] if e not in found] + EXAMPLES[""][""]


def _has_vague(text: str, rules: TargetRules) -> bool:
    lowered = _normalise(text)
    return any(_contains(lowered, phrase) for phrase in rules.vague_verbs)


def _measurable_for(vague: str, rules: TargetRules) -> str:
    """The measurable verb that replaces a vague one, among the rules' observable verbs."""
    wanted = REPLACEMENTS.get(vague, "explain")
    usable = [v for v in rules.action_verbs if v not in rules.vague_verbs and " " not in v]
    if wanted in usable or not usable:
        return wanted
    return "explain" if "explain" in usable else usable[0]


def _tidy(tokens: list[str]) -> list[str]:
    """Drop the small words left hanging at either end of the object when something was cut out."""
    while tokens and tokens[-1].lower().strip(",;:") in SMALL_WORDS:
        tokens = tokens[:-1]
    while tokens and tokens[0].lower() in ("and", "or", "then", ",", "&"):
        tokens = tokens[1:]
    if tokens:
        tokens[-1] = tokens[-1].rstrip(",;:")
    return tokens


def _drop_phrases(tokens: list[str], phrases: Sequence[str]) -> list[str]:
    """The tokens without each phrase found, with a preposition just before it and "about/of/in" after a
    leading one ("everything about cells" -> "cells", "the problems on the worksheet" -> "the problems")."""
    changed = True
    while changed:
        changed = False
        lowered = [t.lower().strip(",;:") for t in tokens]
        for phrase in sorted(phrases, key=len, reverse=True):
            parts = phrase.split()
            for start in range(len(lowered) - len(parts) + 1):
                if lowered[start : start + len(parts)] != parts:
                    continue
                end = start + len(parts)
                while start > 0 and lowered[start - 1] in ("the", "a", "an", "this", "my", "our"):
                    start -= 1
                if start > 0 and lowered[start - 1] in SMALL_WORDS:
                    start -= 1
                if end < len(lowered) and lowered[end] in ("about", "of", "in", "on", "from") and start <= 1:
                    end += 1
                tokens = tokens[:start] + tokens[end:]
                changed = True
                break
            if changed:
                break
    return tokens


PREPOSITIONS = ("in", "on", "from", "for", "with", "during", "at", "of")


def _drop_task_phrases(tokens: list[str], phrases: Sequence[str]) -> list[str]:
    """Without the phrase that ties the target to one task: from the preposition it follows to the end of
    its noun ("the capital shown in today's slides" -> "the capital shown"), else the phrase and its article."""
    lowered = [t.lower().strip(",;:") for t in tokens]
    for phrase in sorted(phrases, key=len, reverse=True):
        parts = phrase.split()
        for start in range(len(lowered) - len(parts) + 1):
            if lowered[start : start + len(parts)] != parts:
                continue
            end = start + len(parts)
            back = next((i for i in range(start - 1, max(start - 4, -1), -1) if lowered[i] in PREPOSITIONS), None)
            if back is not None:
                stop = next((i for i in range(end, len(lowered)) if lowered[i] in PREPOSITIONS + ("and", "to")), None)
                end = stop if stop is not None else len(lowered)
                start = back
            while start > 0 and lowered[start - 1] in ("the", "a", "an", "this", "my", "our"):
                start -= 1
            return _drop_task_phrases(tokens[:start] + tokens[end:], phrases)
    return tokens


def _replace_inner_vague(tokens: list[str], rules: TargetRules) -> list[str]:
    """The object with each vague word in it replaced by one that reads right in its place."""
    result, index = [], 0
    lowered = [t.lower() for t in tokens]
    phrases = sorted(rules.vague_verbs, key=len, reverse=True)
    while index < len(tokens):
        found = next((p for p in phrases if _starts_with(lowered[index:], p)), None)
        if found is None:
            result.append(tokens[index])
            index += 1
            continue
        result.append(INNER_REPLACEMENTS.get(found, "use"))
        index += len(found.split())
    return result


def _drop_task_numbers(tokens: list[str]) -> list[str]:
    """Without "question 4", "page 12", "#3" and the word naming what the number is of."""
    lowered = [t.lower() for t in tokens]
    numbered = ("page", "p.", "pp.", "question", "questions", "problem", "problems", "item", "items", "exercise",
                "number", "no.")  # fmt: skip
    keep: list[str] = []
    index = 0
    while index < len(tokens):
        word = lowered[index]
        following = lowered[index + 1] if index + 1 < len(tokens) else ""
        if word in numbered and (following[:1].isdigit() or following.startswith("#")):
            index += 2
            while keep and keep[-1].lower() in SMALL_WORDS:
                keep.pop()
            continue
        if word.startswith("#") and word[1:2].isdigit() or re.match(r"^#\s*\d", word):
            while keep and keep[-1].lower() in SMALL_WORDS + numbered:
                keep.pop()
            index += 1
            continue
        keep.append(tokens[index])
        index += 1
    return keep


def _one_skill_only(verb: str, tokens: list[str], rules: TargetRules) -> list[str]:
    """Keep the first skill of two joined by "and": "identify and explain the causes" -> "identify the causes",
    "read a poem and write a response" -> "read a poem"."""
    lowered = [t.lower().strip(",") for t in tokens]
    for index, word in enumerate(lowered):
        if word not in ("and", "&", "then"):
            continue
        following = lowered[index + 1 : index + 3]
        joins_skill = following[:2] == ["i", "can"] or (
            following
            and (following[0] in rules.action_verbs or any(_starts_with(following, v) for v in rules.vague_verbs))
        )
        if not joins_skill:
            continue
        before = lowered[:index]
        if all(w in rules.action_verbs for w in before if w):  # a list of verbs sharing one object
            after = index + (3 if following[:2] == ["i", "can"] else 2)
            return tokens[after:]
        return tokens[:index]
    return tokens


def _shortened(tokens: list[str], max_words: int) -> list[str]:
    """Cut the conditions off a long target ("... using models and drawings"), keeping the verb's object."""
    budget = max_words - 3  # "I can" and the verb
    if len(tokens) <= budget:
        return tokens
    text = " ".join(tokens)
    cuts = [text.find(marker) for marker in CONDITIONS]
    cuts = [c for c in cuts if c > 0 and 1 <= len(text[:c].split()) <= budget]
    if cuts:
        return _tidy(text[: max(cuts)].split())
    return _tidy(tokens[: max(budget, 1)])


def _repair(text: str | None, rules: TargetRules) -> tuple[str, list[str]]:
    """(verb, object tokens) of the teacher's own target with what the checks fault taken out."""
    clean = re.sub(r"\s+", " ", (text or "").replace("\u2019", "'")).strip().rstrip(".!?;:, ")
    stem, _ = _split_stem(clean.lower())
    tokens = clean.split(" ")
    if stem:
        tokens = tokens[len(stem.split()) :]
        tokens = _tidy([t for t in tokens if t != ","]) if tokens and tokens[0] == "," else tokens
    if tokens and tokens[0].lower() == "to":
        tokens = tokens[1:]
    lowered = [t.lower() for t in tokens]
    vague = next(
        (p for p in sorted(rules.vague_verbs, key=len, reverse=True) if _starts_with(lowered, p)),
        None,
    )
    if vague:
        tokens = tokens[len(vague.split()) :]
        lowered = lowered[len(vague.split()) :]
        if lowered[:2] == ["how", "to"] and len(lowered) > 2:
            tokens = tokens[2:]  # "know how to solve" -> "solve"
        elif lowered[:1] == ["to"] and len(lowered) > 1:
            tokens = tokens[1:]  # "learn to write" -> "write"
        else:
            if lowered[:1] == ["about"]:
                tokens = tokens[1:]
            tokens = [_measurable_for(vague, rules)] + tokens
    if not tokens:
        return "", []
    verb, rest = tokens[0].lower().strip(",;:"), tokens[1:]
    rest = _one_skill_only(verb, rest, rules)
    rest = _drop_phrases(rest, rules.broad_phrases)
    rest = _drop_task_phrases(rest, rules.narrow_words)
    rest = _drop_task_numbers(rest)
    if len(rest) > 1 and rest[0].lower() == "to":  # "use the handout to label" -> "label"
        verb, rest = rest[1].lower(), rest[2:]
    content = [w.lower() for w in rest if w.lower() not in ("the", "a", "an", "in", "of", "my", "about", "at", "do")]
    if content and (" ".join(content) in rules.subjects or all(w in rules.subjects for w in content)):
        rest = []
    if stem and stem not in STUDENT_STEM:  # about students -> in the student's voice
        rest = [STUDENT_VOICE.get(t.lower(), t) for t in rest]
    return verb, _shortened(_tidy(_replace_inner_vague(rest, rules)), rules.max_words)


def _candidates(text: str | None, rules: TargetRules, context: TargetContext) -> Iterator[str]:
    verb, rest = _repair(text, rules)
    examples = examples_for(context)
    if verb and rest:
        yield f"I can {verb} {' '.join(rest)}"
    if verb:  # the teacher's verb with a thing of their subject ("solve" -> "solve two-step equations")
        for example_verb, thing in examples[: len(examples) - len(EXAMPLES[""][""])]:
            if example_verb == verb:
                yield f"I can {verb} {thing}"
    for example_verb, thing in examples:
        yield f"I can {example_verb} {thing}"


def suggest(text: str | None, rules: TargetRules = DEFAULT_RULES, context: TargetContext = TargetContext()) -> str:
    """One rewrite of the target that passes every check, or "" when it passes them already.

    The teacher's own words are kept where the checks allow (the stem becomes "I can", a vague verb a
    measurable one, the second of two skills, a whole unit, a task's number and the conditions come out);
    where nothing usable is left, an example in the set's subject and grade band is offered instead."""
    if target_is_ok(check_target(text, rules)):
        return ""
    for candidate in _candidates(text, rules, context):
        if target_is_ok(check_target(candidate, rules)) and not _has_vague(candidate, rules):
            return candidate
    return ""
