"""CI says which database each run must use, so a misconfigured run cannot pass silently."""

import os

import pytest
from django.db import connection


@pytest.mark.skipif(
    not os.environ.get("EXPECT_DATABASE_VENDOR"),
    reason="EXPECT_DATABASE_VENDOR is not set: this run may use any database",
)
def test_tests_run_on_the_database_ci_asked_for():
    assert connection.vendor == os.environ["EXPECT_DATABASE_VENDOR"]
