"""The "Goldilocks" checks of a learning target: not too broad, not too narrow, written for the
student, one observable skill. Pure: the words it looks for come in a `TargetRules`, which admins
edit (`TargetCheckSettings`); `DEFAULT_RULES` is what a new site starts with.

Each check answers ok or not, a short reason, and an example of a fix, so a teacher can act on it
while typing. The checks are heuristics over plain words, not grammar: they catch the mistakes the
course warns about (seed 002: "understand" is not measurable; a target is one skill a student can
show), and let through what they cannot judge.
"""

import re
from dataclasses import dataclass

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
    re.compile(r"#\s*\d"),
    re.compile(r"\b(?:page|p\.|pp\.|question|problem|problems|item|items|exercise|number)\s*\d"),
)


@dataclass(frozen=True)
class TargetRules:
    vague_verbs: tuple[str, ...]
    action_verbs: tuple[str, ...]
    broad_phrases: tuple[str, ...]
    subjects: tuple[str, ...]
    narrow_words: tuple[str, ...]
    max_words: int = 20


def _words(text):
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
    def label(self):
        return CHECK_LABELS[self.name]

    def as_dict(self):
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


def _normalise(text):
    text = re.sub(r"\s+", " ", (text or "").replace("\u2019", "'")).strip()
    return text.lower().rstrip(".!?;:, ")


def _split_stem(lowered):
    """(the stem it starts with or "", the rest)."""
    for stem in STUDENT_STEM + TEACHER_STEMS:
        if lowered == stem or lowered.startswith(stem + " ") or lowered.startswith(stem + ","):
            return stem, lowered[len(stem) :].lstrip(" ,")
    return "", lowered


def _starts_with(words, phrase):
    parts = phrase.split()
    return words[: len(parts)] == parts


def _verb(words, rules):
    """The phrase naming what the student does: a vague phrase as a whole, else the first word that
    is not an adverb ("I can accurately measure")."""
    for phrase in sorted(rules.vague_verbs, key=len, reverse=True):
        if _starts_with(words, phrase):
            return phrase, len(phrase.split())
    index = 0
    while index < len(words) - 1 and ADVERB.match(words[index]) and words[index] not in rules.action_verbs:
        index += 1
    return (words[index], index + 1) if words else ("", 0)


def _contains(haystack, phrase):
    return re.search(r"(?<![\w'])" + re.escape(phrase) + r"(?![\w'])", haystack) is not None


def check_target(text, rules=DEFAULT_RULES):
    """Every check of one target, in `CHECK_NAMES` order."""
    lowered = _normalise(text)
    stem, rest = _split_stem(lowered)
    words = re.findall(r"[a-z0-9'#.-]+", rest)
    words = [w.strip(".") or w for w in words]
    verb, verb_length = _verb(words, rules)
    object_words = words[verb_length:]
    return [
        _student_facing(stem, rest),
        _measurable(verb, rules),
        _one_skill(words, verb_length, rules),
        _not_too_broad(verb, rest, object_words, rules),
        _not_too_narrow(rest, rules),
        _short_enough(lowered, rules),
    ]


def _student_facing(stem, rest):
    if stem in STUDENT_STEM:
        return Check("student_facing", True, "It speaks to the student: “I can …”.")
    if stem:
        return Check(
            "student_facing",
            False,
            f"“{stem[:1].upper()}{stem[1:]} …” speaks about students; a target is read by the student.",
            f"I can {rest}" if rest else "I can explain …",
        )
    return Check(
        "student_facing",
        False,
        "Start with “I can”, so a student can say it and check it.",
        f"I can {rest}" if rest else "I can explain …",
    )


def _measurable(verb, rules):
    if not verb:
        return Check("measurable_verb", False, "Say what the student will do after “I can”.", "I can compare …")
    if verb in rules.vague_verbs:
        return Check(
            "measurable_verb",
            False,
            f"“{verb}” happens inside a head: nobody can see or measure it.",
            "Name what a student does to show it: explain, compare, solve, design …",
        )
    return Check("measurable_verb", True, f"“{verb}” is something a student can show.")


def _one_skill(words, verb_length, rules):
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


def _not_too_broad(verb, rest, object_words, rules):
    for phrase in rules.broad_phrases:
        if _contains(rest, phrase):
            return Check(
                "not_too_broad",
                False,
                f"“{phrase}” covers a whole unit or subject: a student can't tell when they have it.",
                "Pick one skill inside it: “I can add fractions with unlike denominators”.",
            )
    content = [w for w in object_words if w not in ("the", "a", "an", "in", "of", "my", "about", "at", "do", "good")]
    joined = " ".join(content)
    if content and (joined in rules.subjects or all(w in rules.subjects for w in content)):
        return Check(
            "not_too_broad",
            False,
            f"“{joined}” is a whole subject, not a skill.",
            "Pick one skill in it: “I can use a number line to compare fractions”.",
        )
    if verb and not object_words:
        return Check(
            "not_too_broad",
            False,
            f"“{verb}” what? Without an object the target could mean anything.",
            f"I can {verb} the main idea of a paragraph",
        )
    return Check("not_too_broad", True, "Names a skill a student can master within a few lessons.")


def _not_too_narrow(rest, rules):
    for phrase in rules.narrow_words:
        if _contains(rest, phrase):
            return Check(
                "not_too_narrow",
                False,
                f"“{phrase}” ties the target to one task; a target outlives the task that practises it.",
                "Name the skill the task practises: “I can solve two-step equations”.",
            )
    for pattern in NARROW_PATTERNS:
        found = pattern.search(rest)
        if found:
            return Check(
                "not_too_narrow",
                False,
                f"“{found.group(0)}” points at one question or page, not a skill.",
                "Name the skill the question practises: “I can find the area of a triangle”.",
            )
    return Check("not_too_narrow", True, "Not tied to one task or one fact.")


def _short_enough(lowered, rules):
    count = len(lowered.split())
    if count > rules.max_words:
        return Check(
            "short_enough",
            False,
            f"{count} words: a student should read it at a glance (at most {rules.max_words}).",
            "Keep the verb and what it acts on; move the conditions into the task.",
        )
    return Check("short_enough", True, f"{count} words.")


def target_is_ok(checks):
    return all(check.ok for check in checks)
