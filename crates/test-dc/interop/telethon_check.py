"""Telethon 1.45.0 against pyro's test DC: an independent client checking the server side.

Run by crates/test-dc/tests/interop.rs, which starts the DC in-process and passes:
  PYRO_DC_PORT, PYRO_DC_ID, PYRO_DC_PEM   where the DC listens and its RSA public key
  PYRO_HANDSHAKES                         extra fresh key exchanges per connection type
  PYRO_TRANSPORTS                         optional comma list (full,abridged,intermediate,obfuscated)
The forced disconnect is a handshake with the test: the script prints "DISCONNECT" and waits
for a line on stdin, written once the server has closed every connection.
Every check raises on failure; the last line printed is "ALL OK".
"""

import asyncio
import hashlib
import logging
import os
import sys

from telethon import TelegramClient, events, functions
from telethon.crypto import rsa
from telethon.network import (ConnectionTcpAbridged, ConnectionTcpFull,
                              ConnectionTcpIntermediate, ConnectionTcpObfuscated)
from telethon.sessions import MemorySession

PORT = int(os.environ["PYRO_DC_PORT"])
DC_ID = int(os.environ["PYRO_DC_ID"])
HANDSHAKES = int(os.environ.get("PYRO_HANDSHAKES", "2"))
TRANSPORTS = {
    "full": ConnectionTcpFull,
    "abridged": ConnectionTcpAbridged,
    "intermediate": ConnectionTcpIntermediate,
    "obfuscated": ConnectionTcpObfuscated,
}
FILE_SIZE = 3 * 1024 * 1024 + 12345  # several MiB, not a multiple of any part size

logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
rsa.add_key(os.environ["PYRO_DC_PEM"], old=False)


def client(connection):
    session = MemorySession()
    session.set_dc(DC_ID, "127.0.0.1", PORT)
    return TelegramClient(session, 1, "0123456789abcdef0123456789abcdef",
                          connection=connection, retry_delay=0.1, timeout=10,
                          connection_retries=20, request_retries=10)


def check(condition, what):
    if not condition:
        raise AssertionError(what)


async def handshakes(connection, name):
    for _ in range(HANDSHAKES):
        c = client(connection)
        await c.connect()
        config = await c(functions.help.GetConfigRequest())
        check(config.this_dc == DC_ID, "help.getConfig names this DC")
        await c.disconnect()
    print(f"{name}: {HANDSHAKES} key exchanges", flush=True)


async def wait_disconnect():
    print("DISCONNECT", flush=True)
    line = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    check(line.strip() == "OK", "the test confirms the disconnect")


async def run(connection, name):
    await handshakes(connection, name)

    bot = client(connection)
    await bot.start(bot_token="42:TOKEN")
    me = await bot.get_me()
    check(me.bot and me.username == "helper", f"bot get_me: {me}")

    alice = client(connection)
    await alice.start(phone="+15550001", code_callback=lambda: "12345", password="hunter2")
    me = await alice.get_me()
    check(me.first_name == "Alice" and not me.bot, f"user get_me: {me}")

    bob = client(connection)
    await bob.start(phone="+15550002", code_callback=lambda: "22222")
    got = asyncio.get_running_loop().create_future()

    @bob.on(events.NewMessage(incoming=True))
    async def on_message(event):
        if not got.done():
            got.set_result(event.raw_text)

    text = f"hello over {name}"
    await alice.send_message("bob", text)
    live = await asyncio.wait_for(got, 15)
    check(live == text, f"live update: {live!r}")
    history = await bob.get_messages("alice", limit=5)
    check(any(m.message == text for m in history), "bob reads the message back")

    data = hashlib.sha256(name.encode()).digest() * (FILE_SIZE // 32 + 1)
    data = data[:FILE_SIZE]
    sent = await alice.send_file("bob", file=data, force_document=True)
    received = (await bob.get_messages("alice", ids=sent.id))
    downloaded = await bob.download_media(received, file=bytes)
    check(downloaded == data, f"download is byte-exact ({len(downloaded or b'')} bytes)")

    await wait_disconnect()
    me = await alice.get_me()
    check(me.first_name == "Alice", "alice works after the forced disconnect")
    await alice.send_message("bob", "after reconnect")
    history = await bob.get_messages("alice", limit=3)
    check(any(m.message == "after reconnect" for m in history), "messages after reconnect")

    for c in (bot, alice, bob):
        await c.disconnect()
    print(f"{name}: OK", flush=True)


async def main():
    chosen = os.environ.get("PYRO_TRANSPORTS", ",".join(TRANSPORTS)).split(",")
    for name in chosen:
        await run(TRANSPORTS[name], name)
    print("ALL OK", flush=True)


asyncio.run(main())
