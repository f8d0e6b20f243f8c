"""Hypothesis profiles for the hostile-input tests.

``dev`` (the default) keeps the whole folder to a minute or two on a small
machine; ``thorough`` tries ten times as many values, for a hunt before a
release: ``HYPOTHESIS_PROFILE=thorough pytest tests/security``.
"""

import os

from hypothesis import HealthCheck, settings

_common = {
    "deadline": None,  # a page render on a busy machine is not a failure
    # The database and clients are function-scoped fixtures shared by a test's
    # examples on purpose: each example checks what it changed itself.
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    "print_blob": True,
}
settings.register_profile("dev", max_examples=10, **_common)
settings.register_profile("thorough", max_examples=100, **_common)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
