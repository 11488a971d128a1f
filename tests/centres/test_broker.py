"""The demo's server-less broker (`workercentre.broker`): a message is seen whole or
not at all, and a file that is not whole yet is neither taken nor lost."""

import json
import os
from queue import Empty

import pytest
from django.conf import settings
from kombu import Connection
from kombu.transport import virtual

from workercentre import broker
from workercentre.celery import app


@pytest.fixture
def folders(tmp_path):
    queue, processed, control = (tmp_path / name for name in ("queue", "processed", "control"))
    for folder in (queue, processed, control):
        folder.mkdir()
    return {
        "data_folder_in": str(queue),
        "data_folder_out": str(queue),
        "processed_folder": str(processed),
        "control_folder": str(control),
        "store_processed": False,
    }


@pytest.fixture
def connection(folders, monkeypatch):
    # Declared exchanges are kept per process, their tables in the control folder: a
    # fresh state for each test's own folders.
    monkeypatch.setattr(broker.Transport, "global_state", virtual.BrokerState())
    with Connection("filesystem://", transport=broker.Transport, transport_options=folders) as c:
        yield c


def _files(folders):
    return sorted(os.listdir(folders["data_folder_in"]))


def test_a_message_written_is_consumed_once(connection, folders):
    queue = connection.SimpleQueue("reports")
    queue.put({"report": 14})
    assert [name.split(".", 1)[1] for name in _files(folders)] == ["reports.msg"]
    message = queue.get(timeout=1)
    assert message.payload == {"report": 14}
    message.ack()
    assert _files(folders) == []
    with pytest.raises(Empty):
        queue.get(timeout=0.1)
    queue.close()


def test_a_message_is_never_visible_half_written(connection, folders, monkeypatch):
    seen = []
    fsync = os.fsync

    def look_while_writing(fd):
        seen.extend(_files(folders))  # what a worker listing the folder would find now
        fsync(fd)

    monkeypatch.setattr(broker.os, "fsync", look_while_writing)
    queue = connection.SimpleQueue("reports")
    queue.put({"report": 14})
    assert len(seen) == 1 and seen[0].startswith(broker.WRITING_PREFIX)
    assert queue.get(timeout=1).payload == {"report": 14}
    queue.close()


def test_a_partly_written_file_is_not_taken_and_not_lost(connection, folders):
    queue = connection.SimpleQueue("reports")
    queue.put({"report": 14})
    whole = _files(folders)[0]
    path = os.path.join(folders["data_folder_in"], whole)
    with open(path, "rb") as file:
        content = file.read()
    # As kombu's own writer leaves it while writing: the final name, part of the body.
    with open(path, "wb") as file:
        file.write(content[: len(content) // 2])
    with pytest.raises(Empty):
        queue.get(timeout=0.2)  # neither an error that stops the worker nor a taken file
    assert _files(folders) == [whole]
    with open(path, "wb") as file:
        file.write(content)
    message = queue.get(timeout=1)
    assert message.payload == {"report": 14}
    message.ack()
    assert _files(folders) == []
    queue.close()


def test_an_empty_file_is_left_for_later(connection, folders):
    name = "1_empty.reports.msg"
    open(os.path.join(folders["data_folder_in"], name), "wb").close()
    queue = connection.SimpleQueue("reports")
    with pytest.raises(Empty):
        queue.get(timeout=0.2)
    assert _files(folders) == [name]
    queue.close()


def test_the_embedded_broker_is_this_transport_and_redis_replaces_it():
    with app.connection_for_write() as connection:
        if settings.CELERY_BROKER_URL == "filesystem://":
            assert isinstance(connection.transport, broker.Transport)
            json.dumps(connection.transport_options)  # the folders, as configured
        else:  # REDIS_URL is set: Redis is the broker
            assert settings.CELERY_BROKER_URL.startswith("redis://")
            assert connection.transport.driver_type == "redis"
