#!/usr/bin/env python3
"""Signs COUNT accounts in at the same moment and prints the wall time until the last answer.

Usage: bench/signins.py PORT COUNT PASSWORD      (accounts signin1..signinCOUNT, made first, in parallel)
Prints: SECONDS FAILURES
"""
import http.client
import json
import sys
import threading
import time


def post(port, path, body):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def at_once(count, work):
    """Runs work(i) on COUNT threads released together; returns (seconds, statuses)."""
    ready = threading.Barrier(count + 1)
    statuses = [0] * count

    def run(index):
        ready.wait()
        statuses[index] = work(index)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    ready.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, statuses


def main():
    port, count, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    at_once(count, lambda i: post(port, "/api/v1/auth/register",
                                  {"email": f"signin{i}@example.org", "username": f"signin{i}", "password": password}))
    seconds, statuses = at_once(count, lambda i: post(port, "/api/v1/auth/login", {"login": f"signin{i}", "password": password}))
    print(f"{seconds:.2f} {sum(1 for s in statuses if s != 200)}")


if __name__ == "__main__":
    main()
