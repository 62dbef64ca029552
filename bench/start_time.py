#!/usr/bin/env python3
"""Starts a server command RUNS times and prints the median milliseconds until GET /api/v1/ready answers 200.

Usage: bench/start_time.py PORT RUNS COMMAND [ARG...]     (the command must listen on PORT)
"""
import http.client
import statistics
import subprocess
import sys
import time


def ready(port):
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        connection.request("GET", "/api/v1/ready")
        status = connection.getresponse().status
        connection.close()
        return status == 200
    except OSError:
        return False


def main():
    port, runs, command = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while not ready(port):
            if time.perf_counter() - start > 60 or server.poll() is not None:
                sys.exit("the server did not become ready")
            time.sleep(0.002)
        times.append((time.perf_counter() - start) * 1000)
        server.terminate()
        server.wait()
    print(f"{statistics.median(times):.0f}")


if __name__ == "__main__":
    main()
