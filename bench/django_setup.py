"""Set up Django for the benchmark scripts (run from the repository root)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The benchmarks measure the demo and a data set around it (demo/ is left out of
# production settings unless NEWSROOM_DEMO is on).
os.environ.setdefault("NEWSROOM_DEMO", "true")


def setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
