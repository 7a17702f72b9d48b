"""Which SQL statements can change what a page shows, and in which table: pure, no Django.

A statement is a write unless it is recognised as one that only reads or only steers the
session: a query (``SELECT`` without ``INTO``, ``VALUES``, ``TABLE``, ``SHOW``, ``EXPLAIN``
without ``ANALYZE``), transaction and savepoint control (``BEGIN``, ``COMMIT``, ``SAVEPOINT``,
``RELEASE``, ``ROLLBACK TO``...), a session setting (``SET``, ``RESET``, SQLite's ``PRAGMA``),
a lock, or ``COPY ... TO`` (an export). Anything else, a verb nobody listed here included, is a
write; its table is named only when the statement's shape gives it plainly (``INSERT INTO t``,
``UPDATE t``, ``DELETE FROM t``, ``TRUNCATE t``, ``MERGE INTO t``, ``COPY t FROM``), and a
write whose table is not named empties every kept page.

A ``WITH`` is read up to its main statement; a data-modifying query inside it (PostgreSQL's
``WITH moved AS (DELETE ...) INSERT ...``) makes the whole a write of no one table.
"""

import re
from dataclasses import dataclass

# Words that begin a statement that changes no row a page could show.
READS = frozenset(
    {
        "SELECT",
        "VALUES",
        "TABLE",
        "SHOW",
        "BEGIN",
        "START",
        "COMMIT",
        "END",
        "ROLLBACK",
        "ABORT",
        "SAVEPOINT",
        "RELEASE",
        "SET",
        "RESET",
        "PRAGMA",
        "LOCK",
    }
)

TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<line_comment>--[^\n]*)
    | (?P<block_comment>/\*.*?\*/)
    | (?P<string>[Ee]'(?:[^'\\]|\\.|'')*'|(?:[BbXxNn]|[Uu]&)?'(?:[^']|'')*')
    | (?P<dollar>\$\$.*?\$\$|\$(?P<tag>[A-Za-z_]\w*)\$.*?\$(?P=tag)\$)
    | (?P<quoted>"(?:[^"]|"")*"|`[^`]*`)
    | (?P<word>[A-Za-z_][\w$]*)
    | (?P<other>.)
    """,
    re.S | re.X,
)
WORD = re.compile(r"[A-Z_][\w$]*")
# Most statements are one plain query: told apart without reading them through.
PLAIN_SELECT = re.compile(r"\s*SELECT\b", re.I)
# A statement's tokens; None ends an unterminated comment or quote (see ``tokens``).
Tokens = list[str | None]


@dataclass(frozen=True)
class Statement:
    """``writes``: it may change a row. ``tables``: the tables it changes, when its shape names
    them; empty for a write whose tables are not known (every kept page goes)."""

    writes: bool
    tables: tuple[str, ...] = ()


READ = Statement(writes=False)
UNKNOWN_WRITE = Statement(writes=True)


def tokens(sql: str) -> Tokens:
    """Words upper-cased; quoted names, literals and punctuation as written; comments and white
    space left out. An unterminated comment or quote ends the list with ``None``: such a
    statement is counted as a write."""
    found: list[str | None] = []
    position = 0
    while position < len(sql):
        match = TOKEN.match(sql, position)
        assert match is not None  # (?P<other>.) matches any character
        kind = "dollar" if match.lastgroup == "tag" else match.lastgroup
        text = match.group()
        if kind == "other" and (text in "'\"`" or sql.startswith("/*", position)):
            found.append(None)  # an opening with no close: not a statement to trust
            break
        position = match.end()
        if kind == "word":
            found.append(text.upper())
        elif kind not in ("space", "line_comment", "block_comment"):
            found.append(text)
    return found


def classify(sql: str) -> Statement:
    """Whether ``sql`` may change a row, and which tables when its shape says (see the module).
    Several statements in one (``;`` between them) write what any of them writes."""
    if PLAIN_SELECT.match(sql) and ";" not in sql and "into" not in sql.lower():
        return READ
    toks = tokens(sql)
    if None in toks:
        return UNKNOWN_WRITE
    parts, start = [], 0
    for i, token in enumerate(toks):
        if token == ";":
            parts.append(toks[start:i])
            start = i + 1
    parts.append(toks[start:])
    found = [_statement(part) for part in parts if part]
    writes = [statement for statement in found if statement.writes]
    if not writes:
        return READ
    if len(writes) == 1:
        return writes[0]
    if all(statement.tables for statement in writes):
        return Statement(writes=True, tables=tuple(t for statement in writes for t in statement.tables))
    return UNKNOWN_WRITE


def _word(token: str | None) -> str | None:
    """A keyword or an unquoted name (upper-cased), else None."""
    return token if token is not None and WORD.fullmatch(token) else None


def _statement(toks: Tokens) -> Statement:
    i = 0
    while i < len(toks) and toks[i] == "(":  # (SELECT ...) UNION (SELECT ...)
        i += 1
    if i == len(toks):
        return READ if not toks else UNKNOWN_WRITE
    verb = _word(toks[i])
    rest = toks[i + 1 :]
    if verb in ("SELECT", "VALUES"):
        return UNKNOWN_WRITE if "INTO" in _top_level_words(rest) else READ  # SELECT ... INTO makes a table
    if verb in READS:
        return READ
    if verb == "WITH":
        return _with(rest)
    if verb == "EXPLAIN":
        return _explain(rest)
    if verb == "INSERT":
        return _target(rest, after=("INTO",), skip_conflict=True)
    if verb == "REPLACE":
        return _target(rest, after=("INTO",))
    if verb == "UPDATE":
        return _target(rest, after=(), skip_conflict=True)
    if verb == "DELETE":
        return _target(rest, after=("FROM",))
    if verb == "MERGE":
        return _target(rest, after=("INTO",))
    if verb == "TRUNCATE":
        return _truncate(rest)
    if verb == "COPY":
        return _copy(rest)
    return UNKNOWN_WRITE


def _top_level_words(toks: Tokens) -> list[str | None]:
    depth, words = 0, []
    for token in toks:
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif depth == 0 and _word(token):
            words.append(token)
    return words


def _name_at(toks: Tokens, i: int) -> tuple[str | None, int]:
    """The table named from ``toks[i]`` (``t``, ``"t"``, ``s.t``, ``"s"."t"``): its last part as
    the database spells it, and the index after the name; None when no name is there."""
    part = None
    while i < len(toks) and (token := toks[i]) is not None:
        if token[0] in '"`':
            part = token[1:-1].replace('""', '"') if token[0] == '"' else token[1:-1]
        elif _word(token):
            part = token.lower()
        else:
            break
        i += 1
        if i < len(toks) and toks[i] == ".":
            i += 1
            continue
        return part, i
    return None, i


def _target(toks: Tokens, after: tuple[str, ...], skip_conflict: bool = False) -> Statement:
    i = 0
    if skip_conflict and i + 1 < len(toks) and toks[i] == "OR":  # SQLite: INSERT OR REPLACE INTO
        i += 2
    for word in after:
        if i >= len(toks) or toks[i] != word:
            return UNKNOWN_WRITE
        i += 1
    if i < len(toks) and toks[i] == "ONLY":
        i += 1
    table, _ = _name_at(toks, i)
    return Statement(writes=True, tables=(table,)) if table else UNKNOWN_WRITE


def _truncate(toks: Tokens) -> Statement:
    i = 1 if toks[:1] == ["TABLE"] else 0
    tables = []
    while True:
        if i < len(toks) and toks[i] == "ONLY":
            i += 1
        table, i = _name_at(toks, i)
        if table is None:
            return UNKNOWN_WRITE
        tables.append(table)
        if i < len(toks) and toks[i] == "*":
            i += 1
        if i < len(toks) and toks[i] == ",":
            i += 1
            continue
        return Statement(writes=True, tables=tuple(tables))


def _copy(toks: Tokens) -> Statement:
    if toks[:1] == ["("]:  # COPY (query) TO ...: an export
        return READ if "TO" in _top_level_words(toks) and "FROM" not in _top_level_words(toks) else UNKNOWN_WRITE
    table, i = _name_at(toks, 0)
    if table is None:
        return UNKNOWN_WRITE
    words = _top_level_words(toks[i:])
    if words[:1] == ["TO"]:
        return READ
    if words[:1] == ["FROM"]:
        return Statement(writes=True, tables=(table,))
    return UNKNOWN_WRITE


def _explain(toks: Tokens) -> Statement:
    """``EXPLAIN`` only plans, unless it says ``ANALYZE``: then the statement runs."""
    i, analyze = 0, False
    if toks[:1] == ["("]:
        close = _closing(toks, 0)
        if close is None:
            return UNKNOWN_WRITE
        analyze = any(token == "ANALYZE" for token in toks[1:close])
        i = close + 1
    while i < len(toks) and toks[i] in ("ANALYZE", "ANALYSE", "VERBOSE", "QUERY", "PLAN"):
        analyze = analyze or toks[i] in ("ANALYZE", "ANALYSE")
        i += 1
    return _statement(toks[i:]) if analyze else READ


def _closing(toks: Tokens, i: int) -> int | None:
    """The index of the ``)`` that closes the ``(`` at ``toks[i]``."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j] == "(":
            depth += 1
        elif toks[j] == ")":
            depth -= 1
            if depth == 0:
                return j
    return None


def _with(toks: Tokens) -> Statement:
    """``WITH [RECURSIVE] name [(columns)] AS [[NOT] MATERIALIZED] (query) [, ...] statement``."""
    i = 1 if toks[:1] == ["RECURSIVE"] else 0
    inner_writes = False
    while True:
        name, i = _name_at(toks, i)
        if name is None:
            return UNKNOWN_WRITE
        if i < len(toks) and toks[i] == "(":
            close = _closing(toks, i)
            if close is None:
                return UNKNOWN_WRITE
            i = close + 1
        if i >= len(toks) or toks[i] != "AS":
            return UNKNOWN_WRITE
        i += 1
        if i < len(toks) and toks[i] == "NOT":
            i += 1
        if i < len(toks) and toks[i] == "MATERIALIZED":
            i += 1
        if i >= len(toks) or toks[i] != "(":
            return UNKNOWN_WRITE
        close = _closing(toks, i)
        if close is None:
            return UNKNOWN_WRITE
        inner_writes = inner_writes or _statement(toks[i + 1 : close]).writes
        i = close + 1
        if i < len(toks) and toks[i] == ",":
            i += 1
            continue
        break
    main = _statement(toks[i:])
    if inner_writes:
        return UNKNOWN_WRITE
    return main
