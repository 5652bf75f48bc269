from tests.smtp import smtp_server  # noqa: F401  (the fixture)
from tests.worker import queue  # noqa: F401  (the fixture)
