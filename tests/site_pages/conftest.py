# The real-browser fixtures (Chromium, the live server with the demo) for test_browser.py.
from tests.browser.conftest import browser, page, site  # noqa: F401
