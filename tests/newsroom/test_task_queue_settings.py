"""The task queue's and e-mail's settings, as an operator writes them."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from huey.utils import load_class

from newsroom.task_queue import SCHEDULER_INTERVAL, email_settings, huey_settings


def test_without_a_url_the_queue_is_a_sqlite_file_with_a_one_second_scheduler(tmp_path):
    config = huey_settings("", default_file=tmp_path / "tasks.sqlite3", workers=3)
    assert config["huey_class"] == "huey.SqliteHuey"
    assert config["filename"] == str(tmp_path / "tasks.sqlite3")
    assert config["immediate"] is False  # a real worker, even with DEBUG (make run)
    assert config["consumer"]["workers"] == 3
    assert config["consumer"]["scheduler_interval"] == SCHEDULER_INTERVAL == 1


def test_a_bad_queue_url_stops_the_settings_with_a_message(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="NEWSROOM_TASKS_URL must be"):
        huey_settings("amqp://guest@127.0.0.1//", default_file=tmp_path / "t")


def test_a_redis_url_gives_a_queue_that_works_on_the_machines_redis(tmp_path):
    """Against the Redis of our machines (CI has one at 127.0.0.1:6379)."""
    import redis

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15").ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    config = huey_settings("redis://127.0.0.1:6379/15", default_file=tmp_path / "t")
    assert config["huey_class"] == "huey.PriorityRedisHuey"
    options = {k: v for k, v in config.items() if k not in ("huey_class", "consumer", "name")}
    huey = load_class(config["huey_class"])(f"newsroom-test-{tmp_path.name}", **options)
    try:
        done = []
        record = huey.task()(lambda n: done.append(n) or n)
        record(21)  # enqueued, not run
        assert len(huey) == 1 and done == []
        huey.execute(huey.dequeue())
        assert done == [21] and len(huey) == 0
        assert huey.storage.result_store_size() == 0  # no result kept for ever
    finally:
        huey.flush()


def test_e_mail_settings_from_one_url_or_the_console_in_development():
    relay = email_settings("smtp://press:s3cret@relay.example.be:587/?tls=True", debug=False)
    assert relay["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (relay["EMAIL_HOST"], relay["EMAIL_PORT"], relay["EMAIL_USE_TLS"]) == (
        "relay.example.be",
        587,
        True,
    )
    assert (relay["EMAIL_HOST_USER"], relay["EMAIL_HOST_PASSWORD"]) == ("press", "s3cret")
    assert email_settings("", debug=True)["EMAIL_BACKEND"].endswith("console.EmailBackend")
    production = email_settings("", debug=False)
    assert production["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    assert (production["EMAIL_HOST"], production["EMAIL_PORT"]) == ("localhost", 25)
