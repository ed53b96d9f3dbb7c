"""W4 gather-downloads with CPython asyncio, stdlib only: raw HTTP/1.1 over asyncio.open_connection,
one connection per request. Usage: python3 w4_asyncio.py URL [rounds]; for an https URL the environment
variable W4_CAFILE names the server's certificate (PEM) to trust. Prints cold, best, sequential seconds
and the process's CPU seconds during the cold batch."""
import asyncio
import os
import ssl
import sys
import time
from urllib.parse import urlparse

N = 100
TLS = ssl.create_default_context(cafile=os.environ["W4_CAFILE"]) if os.environ.get("W4_CAFILE") else None


async def fetch(url):
    u = urlparse(url)
    tls = TLS if u.scheme == "https" else None
    reader, writer = await asyncio.open_connection(u.hostname, u.port, ssl=tls)
    path = u.path or "/"
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {u.netloc}\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    length = None
    chunked = False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
        elif name.strip().lower() == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if length is not None:
        body = await reader.readexactly(length)
    elif chunked:
        parts = []
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            if size == 0:
                await reader.readline()
                break
            parts.append(await reader.readexactly(size))
            await reader.readline()
        body = b"".join(parts)
    else:
        body = await reader.read()
    writer.close()
    await writer.wait_closed()
    return len(body)


async def main(url, rounds):
    batches = []
    cold_cpu = None
    for _ in range(rounds):
        t0 = time.perf_counter()
        c0 = time.process_time()
        sizes = await asyncio.gather(*(fetch(url) for _ in range(N)))
        assert all(s == 102400 for s in sizes), sizes
        batches.append(time.perf_counter() - t0)
        if cold_cpu is None:
            cold_cpu = time.process_time() - c0
    t0 = time.perf_counter()
    for _ in range(5):
        assert await fetch(url) == 102400
    seq = time.perf_counter() - t0
    best = min(batches[1:]) if len(batches) > 1 else float("nan")
    print(f"asyncio {batches[0]:.3f} {best:.3f} {seq:.3f} {cold_cpu:.3f}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 4))
