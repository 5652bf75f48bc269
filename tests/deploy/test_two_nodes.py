"""Two gunicorn nodes on one PostgreSQL database (tests/deploy/two_nodes.py): a release
scheduled through one node's admin goes live on both at its instant, not before,
not a request later; a withdrawal through the other node is seen by both at once;
a login on one node is a login on the other."""

import pytest

from tests.deploy.two_nodes import database_url_for, demonstrate

#: The first live answer includes the polling interval and a loaded machine's
#: response time; the strict check is that no request sent after the instant is stale.
FIRST_LIVE_ANSWER_WITHIN_MS = 2000


@pytest.mark.postgresql
def test_a_release_published_through_one_node_is_live_on_both_at_the_same_instant(
    transactional_db, tmp_path
):
    from django.db import connection

    # Committed rows (transactional_db), in the test database the nodes are pointed at.
    result = demonstrate(
        database_url_for(connection.settings_dict),
        lead=2.5,
        after=1.0,
        static_root=tmp_path / "static",
        log=lambda *args: None,
    )

    assert result["problems"] == []
    assert {node["healthz"] for node in result["nodes"].values()} == {200}
    assert result["sessions"]["admin_on_B_with_A_session"] == 200
    assert result["sessions"]["admin_on_B_without_session"] == 302
    for name in ("A", "B"):
        for page in ("detail", "list"):
            seen = result["go_live"][name][page]
            assert seen["absent_before"] > 0, f"{name} {page}: not watched before the instant"
            assert seen["live_too_early"] == 0, f"{name} {page}: live before its time"
            assert seen["live_after"] > 0 and seen["stale_after"] == 0, (
                f"{name} {page}: still hidden after its time"
            )
            assert seen["errors"] == 0
            assert 0 <= seen["first_live_ms"] < FIRST_LIVE_ANSWER_WITHIN_MS
        assert result["withdrawal"][name] == {
            "detail": 410,
            "listed": False,
            "after_ms": result["withdrawal"][name]["after_ms"],
        }
    assert result["ok"]
