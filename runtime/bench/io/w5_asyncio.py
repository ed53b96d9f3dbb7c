"""W5 C10K echo with CPython asyncio streams (same protocol as W5Jaio.java).
python3 w5_asyncio.py server | client PORT CONNS MSGS"""
import asyncio
import sys
import time


async def handle(reader, writer):
    while True:
        data = await reader.read(65536)
        if not data:
            break
        writer.write(data)
        await writer.drain()
    writer.close()


async def server():
    srv = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=16384)
    print(srv.sockets[0].getsockname()[1], flush=True)
    await srv.serve_forever()


async def client(port, conns, msgs):
    streams = await asyncio.gather(*(asyncio.open_connection("127.0.0.1", port) for _ in range(conns)))
    msg = bytes(64)

    async def talk(reader, writer):
        for _ in range(msgs):
            writer.write(msg)
            await writer.drain()
            await reader.readexactly(64)

    t0 = time.perf_counter()
    await asyncio.gather(*(talk(r, w) for r, w in streams))
    dt = time.perf_counter() - t0
    for _, w in streams:
        w.close()
    await asyncio.sleep(0.1)
    print(f"asyncio {conns * msgs / dt:.0f}")


if __name__ == "__main__":
    if sys.argv[1] == "server":
        asyncio.run(server())
    else:
        asyncio.run(client(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])))
