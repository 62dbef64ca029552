#!/usr/bin/env python3
"""Simulated learners against `lectern serve`: each signs in, enrolls in a course, then completes lessons
and submits quiz attempts until the time is up. Prints throughput, p99 latency and errors, and writes every
write the server acknowledged (2xx) to a JSON-lines file, so a later check can find each one in the database.

Usage: learners.py BASE_URL COURSE LEARNERS SECONDS ACKS_FILE [--prefix NAME] [--register]
  --register   create the accounts first (argon2id hashing: minutes for thousands, not timed)
Stdlib only; several processes, each running many keep-alive connections with asyncio."""
import asyncio, json, multiprocessing, os, sys, time
from urllib.parse import urlsplit

PASSWORD = "quiet orange lighthouse 7"


class Client:
    """One keep-alive HTTP/1.1 connection, reopened when the server closes it."""

    def __init__(self, host, port):
        self.host, self.port, self.reader, self.writer = host, port, None, None

    async def call(self, method, path, token=None, body=None):
        data = json.dumps(body).encode() if body is not None else b""
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Length: {len(data)}\r\n"
        if body is not None:
            head += "Content-Type: application/json\r\n"
        if token:
            head += f"Authorization: Bearer {token}\r\n"
        for retry in (0, 1):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            try:
                self.writer.write(head.encode() + b"\r\n" + data)
                await self.writer.drain()
                return await self._response()
            except (ConnectionError, asyncio.IncompleteReadError):
                # A connection the server closed between two requests: only a request never answered is retried.
                self.writer = None
                if retry:
                    raise

    async def _response(self):
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        length, close = 0, False
        while True:
            line = await self.reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and "close" in value.lower():
                close = True
        raw = await self.reader.readexactly(length) if length else b""
        if close:
            self.writer.close()
            self.writer = None
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, None


async def learner(name, base, course, deadline, stats, acks, register):
    host, port = base
    client = Client(host, port)

    async def timed(method, path, token=None, body=None):
        start = time.perf_counter()
        try:
            status, answer = await client.call(method, "/api/v1" + path, token, body)
        except Exception as error:  # a refused or reset connection counts as an error, not a crash
            stats["errors"] += 1
            stats["error_kinds"][type(error).__name__] = stats["error_kinds"].get(type(error).__name__, 0) + 1
            return 0, None
        stats["latencies"].append(time.perf_counter() - start)
        if status >= 400:
            stats["errors"] += 1
            stats["error_kinds"][str(status)] = stats["error_kinds"].get(str(status), 0) + 1
        return status, answer

    if register:
        await timed("POST", "/auth/register", body={"email": f"{name}@example.org", "username": name, "password": PASSWORD})
        return
    status, answer = await timed("POST", "/auth/login", body={"login": name, "password": PASSWORD})
    if status != 200:
        return
    token = answer["access_token"]
    status, _ = await timed("POST", "/enrollments", token, {"course": course["slug"]})
    if status == 201:
        acks.append({"user": name, "kind": "enrollment", "course": course["slug"]})
    step = 0
    while time.monotonic() < deadline:
        lesson = course["lessons"][step % len(course["lessons"])]
        status, _ = await timed("POST", f"/progress/lessons/{lesson}/complete", token)
        if 200 <= status < 300:
            acks.append({"user": name, "kind": "lesson", "course": course["slug"], "lesson": lesson})
        if step % 5 == 4 and course["quizzes"]:
            quiz = course["quizzes"][step // 5 % len(course["quizzes"])]
            status, attempt = await timed("POST", f"/quizzes/{quiz}/attempts", token)
            if status in (200, 201):
                status, result = await timed("POST", f"/attempts/{attempt['id']}/submit", token, {"answers": []})
                if status == 200:
                    acks.append({"user": name, "kind": "attempt", "attempt": attempt["id"], "score": result.get("score")})
        step += 1


def worker(args):
    base, course, names, seconds, register = args
    stats = {"latencies": [], "errors": 0, "error_kinds": {}}
    acks = []

    async def run():
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(learner(n, base, course, deadline, stats, acks, register) for n in names))

    asyncio.run(run())
    return stats, acks


def course_outline(base, slug):
    async def fetch():
        client = Client(*base)
        status, course = await client.call("GET", f"/api/v1/courses/{slug}")
        if status != 200:
            sys.exit(f"learners.py: GET /courses/{slug} answered {status}")
        lessons = [i["id"] for m in course["modules"] for i in m["items"] if i["kind"] == "lesson"]
        quizzes = [i["id"] for m in course["modules"] for i in m["items"] if i["kind"] == "quiz"]
        return {"slug": slug, "lessons": lessons, "quizzes": quizzes}
    return asyncio.run(fetch())


def main():
    argv = sys.argv[1:]
    register = "--register" in argv
    prefix = "learner"
    if "--prefix" in argv:
        prefix = argv[argv.index("--prefix") + 1]
    positional = [a for i, a in enumerate(argv) if not a.startswith("--") and (i == 0 or argv[i - 1] != "--prefix")]
    url, slug, count, seconds, acks_file = positional[0], positional[1], int(positional[2]), float(positional[3]), positional[4]
    parts = urlsplit(url)
    base = (parts.hostname, parts.port or 80)
    course = course_outline(base, slug)
    names = [f"{prefix}{i:05d}" for i in range(count)]
    processes = max(2, os.cpu_count() or 2)
    shares = [names[i::processes] for i in range(processes)]
    started = time.perf_counter()
    with multiprocessing.Pool(processes) as pool:
        results = pool.map(worker, [(base, course, share, seconds, register) for share in shares])
    elapsed = time.perf_counter() - started
    latencies = sorted(l for stats, _ in results for l in stats["latencies"])
    errors = sum(stats["errors"] for stats, _ in results)
    kinds = {}
    for stats, _ in results:
        for kind, n in stats["error_kinds"].items():
            kinds[kind] = kinds.get(kind, 0) + n
    acks = [a for _, batch in results for a in batch]
    with open(acks_file, "w") as out:
        for ack in acks:
            out.write(json.dumps(ack) + "\n")
    p99 = latencies[int(len(latencies) * 0.99)] * 1000 if latencies else float("nan")
    print(json.dumps({"requests": len(latencies), "seconds": round(elapsed, 2),
                      "per_second": round(len(latencies) / elapsed, 1), "p99_ms": round(p99, 1),
                      "errors": errors, "error_kinds": kinds, "acknowledged_writes": len(acks)}))


if __name__ == "__main__":
    main()
