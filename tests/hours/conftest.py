"""The ledger the report tests read, for the tests of the report's background exports too."""

from tests.hours.test_reports import ledger  # noqa: F401
