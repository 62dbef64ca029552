#!/usr/bin/env python3
"""Runs a command once after a warm-up run and prints its wall time and peak resident memory.

Usage: bench/measure.py LABEL COMMAND [ARG...]
Prints: LABEL: 1.23 s wall, 45.6 MiB peak RSS
"{run}" in an argument becomes "warm-up" in the first run and "measured" in the second, so a build can
write each run into a folder of its own (a cold build into an empty folder every time).
"""
import resource
import subprocess
import sys
import time


def run(command):
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start, result


def main():
    label, command = sys.argv[1], sys.argv[2:]
    def command_for(run_name):
        return [argument.replace("{run}", run_name) for argument in command]
    run(command_for("warm-up"))  # warm the file cache so both tools of a comparison read from memory
    wall, result = run(command_for("measured"))
    if result.returncode != 0:
        sys.stderr.write(result.stderr.decode(errors="replace")[-2000:])
        sys.exit(f"{label}: exited with {result.returncode}")
    # ru_maxrss of children is the largest of any child so far, in KiB on Linux.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{label}: {wall:.2f} s wall, {peak:.1f} MiB peak RSS")


if __name__ == "__main__":
    main()
