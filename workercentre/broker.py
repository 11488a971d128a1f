"""The server-less Celery broker of the demo (`make run`): kombu's file-system transport,
with messages that are never read half-written nor lost.

kombu's own transport writes a message file in place, under its final name, so a
worker listing the folder may take it before the web process has written it: it reads
nothing, `json.loads` fails (`JSONDecodeError: Expecting value: line 1 column 1`,
celery/kombu#1551), the worker exits and the message, already moved away, is gone.

Here a message is written under a hidden name the reader does not look at, flushed to
disk, then renamed to its final name (POSIX `rename` is atomic on one file system): a
reader sees the whole message or none. A reader also parses a message before taking
it, and takes it by removing it (only one remover succeeds), so a file that does not
parse (one written by another writer, still being written) stays where it is for a
later poll instead of stopping the worker.
"""

from __future__ import annotations

import logging
import os
import uuid
from pathlib import Path
from queue import Empty
from time import monotonic

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import bytes_to_str, str_to_bytes
from kombu.utils.json import dumps, loads

logger = logging.getLogger(__name__)

# A message being written: hidden, and never `<...>.<queue>.msg`, which readers take.
WRITING_PREFIX = ".writing-"


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        """Put `payload` on `queue`: written whole under a hidden name, then renamed."""
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        folder = Path(self.data_folder_out)
        final, writing = folder / name, folder / f"{WRITING_PREFIX}{name}"
        try:
            with open(writing, "wb") as file:
                file.write(str_to_bytes(dumps(payload)))
                file.flush()
                os.fsync(file.fileno())
            os.replace(writing, final)
        except OSError as exc:
            writing.unlink(missing_ok=True)
            raise ChannelError(f"Cannot add file {name!r} to directory") from exc

    def _get(self, queue):
        """The next whole message of `queue`, oldest first; Empty when there is none.
        A file that does not parse is left in place and skipped."""
        suffix = f".{queue}.msg"
        folder = Path(self.data_folder_in)
        for name in sorted(os.listdir(folder)):
            if name.startswith(".") or name.partition(".")[2] != suffix[1:]:
                continue
            path = folder / name
            try:
                raw = path.read_bytes()
                payload = loads(bytes_to_str(raw))
            except FileNotFoundError:
                continue  # taken by another reader meanwhile
            except (OSError, ValueError):
                logger.warning("Broker message %s is not whole yet: left for later", name)
                continue
            try:
                path.unlink()  # the one reader that removes it has it
            except FileNotFoundError:
                continue
            if self.store_processed:
                (Path(self.processed_folder) / name).write_bytes(raw)
            return payload
        raise Empty()


class Transport(filesystem.Transport):
    Channel = Channel
