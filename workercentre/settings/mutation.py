"""Mutation runs (`bin/mutation`): the test settings with the test database kept on disk.

Each mutant runs its tests in a new process; keeping the migrated SQLite test database
between runs (`--reuse-db`) saves migrating it every time. `MUTATION_TEST_DB` names it.
"""

from .test import *  # noqa: F403
from .test import DATABASES, env

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": env("MUTATION_TEST_DB", default="var/mutation-test.sqlite3")
    }
