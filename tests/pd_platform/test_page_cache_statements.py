"""Which statements empty kept pages (pd_platform.page_cache.statements): every statement is a
write unless it is recognised as one that only reads or steers the session, so a write nobody
thought of empties too much, never too little, and an ordinary read empties nothing."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pd_platform.page_cache.statements import READS, classify

# What Django, Wagtail and the project issue, and what a person could type.
READ_STATEMENTS = [
    'SELECT "cohorts_cohort"."id", "cohorts_cohort"."name" FROM "cohorts_cohort" WHERE "cohorts_cohort"."id" = %s',
    "select count(*) as into_count from t",  # a word with INTO in it is no SELECT ... INTO
    "SELECT 'a; DELETE FROM t' AS quoted",
    "SELECT E'it\\'s; DELETE FROM t; --' AS escaped",
    "SELECT $$; DROP TABLE t$$",
    'SELECT 1 AS "into"',
    '(SELECT "a" FROM "t" LIMIT 1) UNION (SELECT "a" FROM "u" LIMIT 1)',
    "SELECT ... FOR UPDATE",
    'SELECT "id" FROM "cohorts_enrollment" WHERE "id" = %s FOR NO KEY UPDATE',
    "WITH RECURSIVE tree(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM tree) SELECT * FROM tree",
    'WITH "recent" AS MATERIALIZED (SELECT * FROM t) SELECT * FROM "recent"',
    "VALUES (1), (2)",
    "SHOW TIME ZONE",
    "EXPLAIN SELECT 1",
    "EXPLAIN QUERY PLAN DELETE FROM t",  # SQLite: planned, never run
    'SAVEPOINT "s140234_x1"',
    'RELEASE SAVEPOINT "s140234_x1"',
    'ROLLBACK TO SAVEPOINT "s140234_x1"',
    "BEGIN",
    "BEGIN IMMEDIATE",
    "START TRANSACTION ISOLATION LEVEL SERIALIZABLE",
    "COMMIT",
    "ROLLBACK",
    "END",
    "SET CONSTRAINTS ALL IMMEDIATE",
    "SET TIME ZONE 'UTC'",
    "SET search_path TO public",
    "RESET ALL",
    "PRAGMA foreign_keys = OFF",
    "PRAGMA foreign_key_check",
    'PRAGMA table_info("cohorts_cohort")',
    "LOCK TABLE t IN SHARE MODE",
    "COPY t TO STDOUT",
    "COPY (SELECT * FROM t) TO STDOUT WITH CSV",
    "",
    "  ;  ",
]

WRITES_TO = [
    ('INSERT INTO "cohorts_enrollment" ("user_id", "cohort_id") VALUES (%s, %s) RETURNING "id"', "cohorts_enrollment"),
    ('UPDATE "cohorts_cohort" SET "name" = %s WHERE "id" = %s', "cohorts_cohort"),
    ('DELETE FROM "cohorts_cohort" WHERE "id" IN (%s)', "cohorts_cohort"),
    (
        'INSERT INTO "t" ("a", "b") VALUES (%s, %s) ON CONFLICT("a") DO UPDATE SET "b" = EXCLUDED."b"',
        "t",
    ),  # an upsert
    ("INSERT OR REPLACE INTO t (a) VALUES (1)", "t"),
    ("REPLACE INTO t (a) VALUES (1)", "t"),
    ("UPDATE OR IGNORE t SET a = 1", "t"),
    ("UPDATE ONLY public.t SET a = 1", "t"),
    ('DELETE FROM "public"."t"', "t"),
    ("TRUNCATE t", "t"),
    ('TRUNCATE TABLE ONLY "t" RESTART IDENTITY CASCADE', "t"),
    ("COPY t FROM STDIN", "t"),
    ("COPY t (a, b) FROM '/tmp/rows.csv' WITH CSV", "t"),
    ("MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE", "t"),
    ("-- fixing a typo\nupdate t set a = 1", "t"),
    ("/* bulk fix */ /* twice */ delete from t", "t"),
    ("  \n\tInSeRt InTo t VALUES (1)", "t"),
    ("WITH rows AS (SELECT 1 AS a) INSERT INTO t SELECT a FROM rows", "t"),
    ("with x as (select 1) update t set a = (select * from x)", "t"),
    ("EXPLAIN ANALYZE DELETE FROM t", "t"),  # runs the delete
    ("EXPLAIN (ANALYZE, BUFFERS) UPDATE t SET a = 1", "t"),
    ("SELECT 1; DELETE FROM t", "t"),
]

UNKNOWN_WRITES = [
    "ALTER TABLE t ADD COLUMN a integer",
    "CREATE TABLE t (a integer)",
    "DROP TABLE t",
    "GRANT SELECT ON t TO someone",
    "VACUUM",
    "CALL refresh_everything()",
    "DO $$ BEGIN DELETE FROM t; END $$",
    "FROBNICATE t",
    "SELECT * INTO copy_of_t FROM t",  # makes a table
    "WITH moved AS (DELETE FROM t RETURNING *) INSERT INTO archive SELECT * FROM moved",
    "WITH gone AS (DELETE FROM t RETURNING *) SELECT count(*) FROM gone",
    "INSERT t VALUES (1)",  # a shape not read through: its table is not named
    "SELECT 1; UPDATE t SET a = 1; DROP TABLE u",
    "/* a comment never closed DELETE FROM t",
    "UPDATE 't' SET a = 1",
]


@pytest.mark.parametrize("sql", READ_STATEMENTS)
def test_a_statement_that_only_reads_or_steers_the_session_empties_no_kept_page(sql):
    assert classify(sql).writes is False


@pytest.mark.parametrize(("sql", "table"), WRITES_TO)
def test_a_write_is_told_with_the_table_it_changes(sql, table):
    assert classify(sql).writes is True
    assert classify(sql).tables == (table,)


@pytest.mark.parametrize("sql", UNKNOWN_WRITES)
def test_a_statement_not_recognised_as_a_read_is_a_write_to_no_one_table(sql):
    """No table: every kept page is emptied."""
    assert classify(sql) == classify("FROBNICATE")
    assert classify(sql).writes is True and classify(sql).tables == ()


# Statement shapes ---------------------------------------------------------------------------------

KNOWN_VERBS = READS | {"WITH", "EXPLAIN", "INSERT", "REPLACE", "UPDATE", "DELETE", "MERGE", "TRUNCATE", "COPY"}
identifiers = st.from_regex(r"[a-z_][a-z0-9_]{0,15}", fullmatch=True)
verbs = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,12}", fullmatch=True).filter(lambda w: w.upper() not in KNOWN_VERBS)
comments = st.lists(
    st.one_of(
        st.just(" "),
        st.just("\n\t"),
        st.from_regex(r"-- [ -~]{0,20}\n", fullmatch=True),
        st.from_regex(r"/\* [ -)+-~]{0,20} \*/", fullmatch=True),  # no "*" inside, so none ends early
    ),
    max_size=3,
).map("".join)
# Text that may hold write verbs and semicolons, but only inside literals and quoted names.
literals = st.one_of(
    st.from_regex(r"'([^']|'')*'", fullmatch=True),
    st.from_regex(r'"([^"]|""){1,20}"', fullmatch=True),
    st.integers().map(str),
)
write_words = st.sampled_from(["insert into t", "update t set", "delete from t", "; delete from t", "drop table t"])


def cased(word):
    return st.sampled_from([word.upper(), word.lower(), word.capitalize()])


def table_names():
    return identifiers.flatmap(
        lambda name: st.sampled_from(
            [(name, name), (f'"{name}"', name), (f"public.{name}", name), (f'"s"."{name}"', name)]
        )
    )


@settings(max_examples=300, deadline=None)
@given(lead=comments, verb=verbs, rest=st.text(max_size=40))
def test_any_verb_nobody_listed_is_a_write_that_empties_every_kept_page(lead, verb, rest):
    sql = f"{lead}{verb} {rest}"
    assert classify(sql).writes is True
    assert classify(sql).tables == ()


@settings(max_examples=300, deadline=None)
@given(
    lead=comments,
    select=cased("select"),
    values=st.lists(literals, min_size=1, max_size=4),
    table=table_names(),
    locking=st.sampled_from(["", " FOR UPDATE", " for share", " FOR NO KEY UPDATE"]),
    parenthesised=st.booleans(),
)
def test_a_query_is_a_read_whatever_its_literals_and_names_hold(lead, select, values, table, locking, parenthesised):
    query = f"{select} {', '.join(values)} FROM {table[0]}{locking}"
    sql = f"{lead}({query}) UNION ({query})" if parenthesised else f"{lead}{query}"
    assert classify(sql).writes is False


@settings(max_examples=200, deadline=None)
@given(
    lead=comments,
    words=st.sampled_from(
        [
            "savepoint",
            "release savepoint",
            "release",
            "rollback to savepoint",
            "rollback to",
            "begin",
            "commit",
            "rollback",
            "set",
            "reset",
            "pragma",
            "show",
        ]
    ),
    name=identifiers,
    upper=st.booleans(),
)
def test_transaction_savepoint_and_session_statements_are_reads(lead, words, name, upper):
    sql = f"{lead}{words.upper() if upper else words} {name}"
    assert classify(sql).writes is False


@settings(max_examples=300, deadline=None)
@given(
    lead=comments,
    shape=st.sampled_from(
        [
            "{insert} {into} {t} (a) VALUES (1)",
            "{insert} {into} {t} (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = 2",
            "{update} {t} SET a = 1",
            "{delete} {from} {t} WHERE a = 1",
            "TRUNCATE {t}",
            "COPY {t} {from} STDIN",
            "WITH x AS (SELECT 1) {insert} {into} {t} SELECT * FROM x",
            "select 1; {delete} {from} {t}",
        ]
    ),
    words=st.fixed_dictionaries({w: cased(w) for w in ("insert", "into", "update", "delete", "from")}),
    table=table_names(),
)
def test_a_write_in_any_case_after_any_comment_names_its_table(lead, shape, words, table):
    sql = lead + shape.format(t=table[0], **words)
    assert classify(sql).writes is True
    assert classify(sql).tables == (table[1],)


@settings(max_examples=200, deadline=None)
@given(
    read=st.sampled_from(READ_STATEMENTS[:3] + ["SAVEPOINT s1", "SELECT 1"]),
    write=st.sampled_from([sql for sql, _ in WRITES_TO] + UNKNOWN_WRITES),
    cte=identifiers,
)
def test_a_write_hidden_behind_a_read_or_inside_a_with_is_still_a_write(read, write, cte):
    assert classify(f"{read}; {write}").writes is True
    assert classify(f"WITH {cte} AS ({write}) SELECT * FROM {cte}").writes is True
