"""Settings for the page benchmark (bench/pages.py): the production settings,
with the framework-floor view mounted (bench/urls.py).

Everything else, middleware included, is newsroom/settings.py as configured by
the environment, so the floor goes through the same stack as the pages.
"""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
