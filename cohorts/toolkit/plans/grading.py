"""The rule that turns mastery marks into a letter grade (seed 004): count the mastery tasks that
are still In Progress or missing ("not yet"); the fewer, the better the letter. Pure.

Seed 004's rule: A = 0, B = 1, C = 2, F = 3 or more not yet; once there are 18-20 mastery tasks,
B widens to 2-3 and C to 4-5 (so A is 0-1 and F 6 or more). A teacher may set their own bands.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from modules import mastery_rule

MAX_TASKS = 500
MAX_BANDS = 12

# The marks a teacher gives: (label, marks best first, the mark or lowest level that is mastery
# by default). "/" is missing. On a number scale the teacher chooses the level that counts.
SCALES = {
    "mip": ("Mastery / In Progress / Missing", ("M", "IP", "/"), "M"),
    "4321": ("4-3-2-1", ("4", "3", "2", "1", "/"), "3"),
    "13": ("1-3", ("3", "2", "1", "/"), "3"),
}


def is_mastery(mark: object, scale: str, level: str | int) -> bool:
    """Does this mark count as mastery? Missing (blank or "/") never does."""
    mark = str(mark if mark is not None else "").strip().upper()
    if scale == "mip":
        return mark == "M"
    return mark.isdigit() and int(mark) >= int(level)


def not_yet(marks: Iterable[object], scale: str, level: str | int) -> int:
    """How many of these tasks are not yet mastered (in progress, below the level, or missing)."""
    return sum(1 for mark in marks if not is_mastery(mark, scale, level))


class InvalidRule(ValueError):
    """Bad input, with a message a person can act on."""


@dataclass(frozen=True)
class Band:
    letter: str
    most: int | None  # the most "not yet" this letter allows; None: any number (the last band)


@dataclass(frozen=True)
class GradeRule:
    bands: tuple[Band, ...]
    wide_bands: tuple[Band, ...] = ()
    wide_from: int | None = None  # from this many mastery tasks on, the wide bands apply

    def bands_for(self, tasks: int) -> tuple[Band, ...]:
        if self.wide_bands and self.wide_from is not None and tasks >= self.wide_from:
            return self.wide_bands
        return self.bands


# The course's rule, from the one place the course's handouts read it too.
SEED_004 = GradeRule(
    bands=(*(Band(letter, most) for letter, most in mastery_rule.NARROW_BANDS), Band("F", None)),
    wide_bands=(*(Band(letter, most) for letter, most in mastery_rule.WIDE_BANDS), Band("F", None)),
    wide_from=mastery_rule.WIDE_FROM_TASKS,
)


def letter_for(tasks: int, not_yet: int, rule: GradeRule = SEED_004) -> str:
    """The letter for `not_yet` of `tasks` mastery tasks still In Progress or missing."""
    validate_counts(tasks, not_yet)
    for band in rule.bands_for(tasks):
        if band.most is None or not_yet <= band.most:
            return band.letter
    raise AssertionError("the last band takes any number")  # validate_bands guarantees it


def examples(rule: GradeRule, tasks: int) -> list[tuple[str, str]]:
    """(how many not yet, letter) from 0 up to the first count that gets the last letter, which
    reads "3 or more": the table a family sees on the grading policy."""
    rows, last = [], rule.bands_for(tasks)[-1].letter
    for count in range(tasks + 1):
        letter = letter_for(tasks, count, rule)
        if letter == last:
            rows.append((f"{count} or more" if count < tasks else str(count), letter))
            break
        rows.append((str(count), letter))
    return rows


def validate_counts(tasks: object, not_yet: object) -> None:
    if isinstance(tasks, bool) or not isinstance(tasks, int) or not 1 <= tasks <= MAX_TASKS:
        raise InvalidRule(f"“tasks” must be a whole number of mastery tasks from 1 to {MAX_TASKS}.")
    if isinstance(not_yet, bool) or not isinstance(not_yet, int) or not 0 <= not_yet <= tasks:
        raise InvalidRule("“not_yet” must be a whole number from 0 to the number of tasks.")


def describe(rule: GradeRule, tasks: int) -> str:
    """The rule as a student or parent reads it, for this many tasks."""
    parts = []
    floor = 0
    for band in rule.bands_for(tasks):
        if band.most is None:
            parts.append(f"{band.letter} = {floor} or more")
        elif band.most == floor:
            parts.append(f"{band.letter} = {floor}")
        else:
            parts.append(f"{band.letter} = {floor}-{band.most}")
        floor = (band.most or 0) + 1
    return " | ".join(parts) + " mastery tasks In Progress or missing"


def bands_from_data(data: object, field: str = "bands") -> tuple[Band, ...]:
    """Bands from JSON: `[{"letter": "A", "most": 0}, ..., {"letter": "F", "most": null}]`,
    best letter first; raises InvalidRule saying what is wrong."""
    if not isinstance(data, list) or not 2 <= len(data) <= MAX_BANDS:
        raise InvalidRule(f"“{field}” must be a list of 2 to {MAX_BANDS} bands, best letter first.")
    bands, letters, previous = [], set(), -1
    for position, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise InvalidRule(f"Band {position} of “{field}” must be an object with “letter” and “most”.")
        letter, most = item.get("letter"), item.get("most")
        if not isinstance(letter, str) or not 1 <= len(letter.strip()) <= 3:
            raise InvalidRule(f"Band {position} of “{field}” needs a letter of 1 to 3 characters.")
        letter = letter.strip()
        if letter in letters:
            raise InvalidRule(f"The letter {letter} appears twice in “{field}”.")
        last = position == len(data)
        if last and most is not None:
            raise InvalidRule(f"The last band of “{field}” takes any number: its “most” must be null.")
        if not last:
            if isinstance(most, bool) or not isinstance(most, int) or most <= previous or most > MAX_TASKS:
                raise InvalidRule(
                    f"Band {position} of “{field}” ({letter}): “most” must be a whole number "
                    f"greater than the band before ({previous})."
                )
            previous = most
        letters.add(letter)
        bands.append(Band(letter, most))
    return tuple(bands)


def rule_from_data(data: Mapping[str, Any]) -> GradeRule:
    """A rule from the API's optional fields; seed 004's when none is given."""
    if not any(key in data for key in ("bands", "wide_bands", "wide_from")):
        return SEED_004
    bands = bands_from_data(data.get("bands"), "bands") if "bands" in data else SEED_004.bands
    wide_bands: tuple[Band, ...] = ()
    wide_from = None
    if "wide_bands" in data or "wide_from" in data:
        wide_bands = bands_from_data(data.get("wide_bands"), "wide_bands")
        wide_from = data.get("wide_from")
        if isinstance(wide_from, bool) or not isinstance(wide_from, int) or not 1 <= wide_from <= MAX_TASKS:
            raise InvalidRule(f"“wide_from” must be a number of mastery tasks from 1 to {MAX_TASKS}.")
    return GradeRule(bands=bands, wide_bands=wide_bands, wide_from=wide_from)
