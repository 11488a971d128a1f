"""The demo on a laptop: `make run`. Embedded defaults, no server needed."""

from .base import *  # noqa: F403
from .base import FIELD_ENCRYPTION_KEYS, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="local-demo-secret-key-not-for-production")
# Demo only: production refuses this key (see production.py).
FIELD_ENCRYPTION_KEYS = FIELD_ENCRYPTION_KEYS or ["ZGVtby1vbmx5LWZpZWxkLWtleS0wMDAwMDAwMDAwMDA="]
WORKERCENTRE_REQUIRE_SECOND_FACTOR = env.bool("REQUIRE_SECOND_FACTOR", default=False)
