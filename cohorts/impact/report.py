"""The impact report, computed from plain rows (no database here): Guskey's five levels of PD
evaluation, each aligned to Learning Forward's Standards for Professional Learning (2022).

Every figure carries the number of people behind it. A figure with fewer people behind it than
the minimum group size is withheld (its value is None), so no one can be recognised in it.
``selectors.impact_rows`` reads the rows; ``build_report`` turns them into the report."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# Learning Forward, Standards for Professional Learning (2022): the standards each level speaks to.
STANDARDS = {
    1: ("Learning Designs", "Evidence"),
    2: ("Professional Expertise", "Curriculum, Assessment, and Instruction", "Evidence"),
    3: ("Leadership", "Resources"),
    4: ("Implementation", "Culture of Collaborative Inquiry"),
    5: ("Equity Outcomes", "Evidence"),
}
LEVEL_TITLES = {
    1: "Participants' reactions",
    2: "Participants' learning",
    3: "Organisational support",
    4: "Use of new knowledge and skills",
    5: "Student learning outcomes",
}
LEVEL_QUESTIONS = {
    1: "Did participants find the course worth their time?",
    2: "Did participants show mastery in graded evidence of the practice?",
    3: "Did their districts support them to take part?",
    4: "Are participants using what they learned?",
    5: "What do districts report about their students?",
}
AGREE = (4, 5)  # "Agree" and "Strongly agree" on the 1-5 scale
VERSION_BANDS = ("1 version", "2 versions", "3 versions", "4 or more versions")


@dataclass(frozen=True)
class Figure:
    label: str
    people: int  # the people behind the figure
    value: str | None  # as shown; None when withheld
    parts: tuple[tuple[str, int], ...] = ()  # a distribution: ((label, count), ...), empty when withheld
    source: str = ""  # where a supplied figure came from

    @property
    def withheld(self) -> bool:
        return self.value is None


@dataclass
class Level:
    number: int
    title: str
    question: str
    standards: tuple[str, ...]
    figures: list[Figure] = field(default_factory=list)
    note: str = ""  # said when the level has nothing to show yet


@dataclass(frozen=True)
class Rows:
    """What the selector reads, as plain tuples (all per enrollment or per person in the scope)."""

    enrollments: list[tuple[int, int, str, str, bool]]  # (enrollment_id, user_id, status, payment_method, paid)
    approvals: list[tuple[int, str]]  # (user_id, decision)
    responses: list[tuple[int, str, str]]  # (user_id, survey_kind, occasion)
    ratings: list[tuple[int, int, str, int]]  # (user_id, question_id, question_label, rating) of the evaluation
    evidence: list[tuple[int, str, bool, int]]  # (user_id, status, is_follow_up, revisions)
    certified: list[tuple[int, date]]  # (user_id, issued_on) of each live certificate
    sites: list[tuple[int, str]]  # (trainer_id, site) running the workshop series
    checkin_days: list[int]  # [30, 60, 90]
    # (district, period, measure, value, group_size, notes, source)
    outcomes: list[tuple[str, str, str, Decimal, int, str, str]]
    as_of: date | None = None  # the day the report is drawn (check-ins due by then)
    coordinator: list[Figure] = field(default_factory=list)  # Figures the district workspace contributes
    # question_id -> people its program's anonymous evaluation needs before its results show (when above the minimum)
    rating_minimums: dict[int, int] = field(default_factory=dict)


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _of(part: int, whole: int, noun: str = "people") -> str:
    return f"{part} of {whole} {noun} ({_percent(part, whole)}%)"


class FigureMaker:
    def __init__(self, minimum: int) -> None:
        self.minimum = minimum

    def __call__(
        self, label: str, people: int, value: str, parts: Iterable[tuple[str, int]] = (), source: str = ""
    ) -> Figure:
        if people < self.minimum:
            return Figure(label, people, None, source=source)
        return Figure(label, people, value, tuple(parts), source)


def build_report(rows: Rows, minimum: int) -> list[Level]:
    figure = FigureMaker(minimum)
    registered = {user for _, user, status, _, _ in rows.enrollments if status == "registered"}
    return [
        _reactions(rows, figure, registered),
        _learning(rows, figure, registered),
        _support(rows, figure),
        _use(rows, figure, registered),
        _outcomes(rows, figure),
    ]


def _level(number: int, figures: list[Figure], note: str = "") -> Level:
    return Level(number, LEVEL_TITLES[number], LEVEL_QUESTIONS[number], STANDARDS[number], figures, note)


def _reactions(rows: Rows, figure: FigureMaker, registered: set[int]) -> Level:
    answered = {user for user, kind, _ in rows.responses if kind == "evaluation" and user in registered}
    figures = [figure("Answered the end-of-course evaluation", len(registered), _of(len(answered), len(registered)))]
    by_question: defaultdict[int, dict[int, int]] = defaultdict(dict)
    labels: dict[int, str] = {}
    for user, question, label, rating in rows.ratings:
        if user in registered:
            by_question[question][user] = rating  # a person in two cohorts counts once, with their latest answer
            labels[question] = label
    for question, ratings in by_question.items():
        values = list(ratings.values())
        agree = sum(1 for value in values if value in AGREE)
        mean = sum(values) / len(values)
        # An anonymous evaluation shows nothing below its program's own minimum, here as on its results page.
        question_figure = FigureMaker(max(figure.minimum, rows.rating_minimums.get(question, 0)))
        figures.append(
            question_figure(
                labels[question],
                len(values),
                f"Average {mean:.1f} of 5; {_percent(agree, len(values))}% agree or strongly agree",
            )
        )
    return _level(1, figures)


def _versions_band(revisions: int) -> str:
    return VERSION_BANDS[min(max(revisions, 1), 4) - 1]


def _learning(rows: Rows, figure: FigureMaker, registered: set[int]) -> Level:
    pieces = [(user, status, revisions) for user, status, follow_up, revisions in rows.evidence if not follow_up]
    pieces = [piece for piece in pieces if piece[0] in registered]
    with_evidence = {user for user, _, _ in pieces}
    complete = [piece for piece in pieces if piece[1] == "complete"]
    not_all_complete = {user for user, status, _ in pieces if status != "complete"}
    all_complete = with_evidence - not_all_complete
    bands = Counter(_versions_band(revisions) for _, _, revisions in complete)
    with_complete = {user for user, _, _ in complete}
    figures = [
        figure(
            "Learning targets and grading plans rated complete",
            len(with_evidence),
            _of(len(complete), len(pieces), "pieces of evidence"),
        ),
        figure(
            "People with every piece of their evidence rated complete",
            len(with_evidence),
            _of(len(all_complete), len(with_evidence)),
        ),
        figure(
            "Versions it took to be rated complete",
            len(with_complete),
            _average_versions(complete),
            [(band, bands.get(band, 0)) for band in VERSION_BANDS],
        ),
    ]
    return _level(2, figures)


def _average_versions(complete: list[tuple[int, str, int]]) -> str:
    if not complete:
        return "None rated complete yet"
    return f"{sum(max(revisions, 1) for _, _, revisions in complete) / len(complete):.1f} versions on average"


def _support(rows: Rows, figure: FigureMaker) -> Level:
    decisions: dict[int, Counter[str]] = {}
    for user, decision in rows.approvals:
        decisions.setdefault(user, Counter())[decision] += 1
    tally: Counter[str] = Counter()
    for counts in decisions.values():
        tally.update(counts)
    requests = sum(tally.values())
    approvals = figure(
        "Places their district was asked to approve",
        len(decisions),
        f"{tally['approved']} approved, {tally['declined']} declined, {tally['lapsed']} lapsed, "
        f"{tally['pending']} waiting, of {requests} requests",
        [(name, tally[key]) for key, name in APPROVAL_NAMES],
    )
    live = [row for row in rows.enrollments if row[2] in ("registered", "awaiting")]
    by_district = [row for row in live if row[3] == "purchase_order"]
    paid = [row for row in by_district if row[4]]
    places = figure(
        "Places paid by purchase order (the district pays)",
        len({row[1] for row in live}),
        f"{len(by_district)} of {len(live)} places; {len(paid)} of them paid so far",
    )
    figures = [approvals, places, *rows.coordinator]
    note = "" if rows.coordinator else "The district coordinators' own activity is not counted here yet."
    return _level(3, figures, note)


APPROVAL_NAMES = (
    ("approved", "Approved"),
    ("declined", "Declined"),
    ("lapsed", "Lapsed (no answer in time)"),
    ("pending", "Waiting"),
    ("withdrawn", "Withdrawn"),
)


def _use(rows: Rows, figure: FigureMaker, registered: set[int]) -> Level:
    completed_on: dict[int, date] = {}
    for user, issued_on in rows.certified:
        if user in registered:
            completed_on[user] = min(issued_on, completed_on.get(user, issued_on))
    certified = set(completed_on)
    figures = []
    for day in rows.checkin_days:
        # Only those whose check-in has come count: nobody can answer day 90 on day 40.
        due = {user for user, on in completed_on.items() if rows.as_of and (rows.as_of - on).days >= day}
        answered = {
            user for user, kind, occasion in rows.responses if kind == "checkin" and occasion == f"day-{day}"
        } & due
        figures.append(
            figure(
                f"Answered the {day}-day check-in",
                len(due),
                _of(len(answered), len(due), f"people {day} days or more past their certificate"),
            )
        )
    follow_ups = [(user, status) for user, status, follow_up, _ in rows.evidence if follow_up and user in registered]
    given = {user for user, _ in follow_ups}
    done = sum(1 for _, status in follow_ups if status == "complete")
    figures.append(
        figure(
            "Follow-up assignments rated complete",
            len(given),
            _of(done, len(follow_ups), "follow-up assignments"),
        )
    )
    trainers = {trainer for trainer, _ in rows.sites if trainer in certified}
    sites = {site.strip().lower() for trainer, site in rows.sites if trainer in certified}
    figures.append(
        figure(
            "Running the workshop series at their own site",
            len(certified),
            f"{_of(len(trainers), len(certified), 'people who completed the course')}, at {len(sites)} "
            f"site{'' if len(sites) == 1 else 's'}",
        )
    )
    return _level(4, figures)


def _plain_number(value: Decimal) -> str:
    """61.50 as 61.5, 240.00 as 240: the figure as the district wrote it."""
    return format(Decimal(str(value)).normalize(), "f")


def _outcomes(rows: Rows, figure: FigureMaker) -> Level:
    figures = [
        figure(
            f"{measure} ({period}), {district}",
            group_size,
            _plain_number(value) + (f" ({notes})" if notes else ""),
            source=source,
        )
        for district, period, measure, value, group_size, notes, source in rows.outcomes
    ]
    note = "" if figures else "No district has supplied student outcome figures for these people yet."
    return _level(5, figures, note)
