#!/usr/bin/env python3
"""Times the analytics reports of `lectern serve` on a large seeded class and prints the figures.

A school-sized database is written straight into SQLite (after `lectern users add` has created it with
the server's own migrations): LEARNERS students enrolled in the Python sample, each with some lessons
completed and one to three graded attempts per quiz, right/wrong per question. Then the server answers
GET /api/v1/analytics/courses/python-foundations (JSON and CSV), /api/v1/analytics/system, the course's
gradebook (JSON and CSV; every learner graded, a third with a certificate), a page of its grades and a
certificate search, each timed over several requests, and its peak RSS is read from /proc.

Usage: bench/analytics.py LECTERN_BINARY [LEARNERS]      (bench/analytics.sh builds and calls this)
"""
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
lectern = sys.argv[1]
learners = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
work = tempfile.mkdtemp()
db = os.path.join(work, "lectern.db")
password = "silver harbor noodle 5"
subprocess.run([lectern, "users", "add", "--db", db, "--email", "admin@example.org", "--username", "admin", "--role", "admin"],
               input=password + "\n", text=True, check=True, stdout=subprocess.DEVNULL)

server = subprocess.Popen([lectern, "serve", os.path.join(ROOT, "SampleCourses/python-foundations"), "--port", "0", "--db", db,
                           "--rate-limit", "0", "--account-rate-limit", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
line = server.stdout.readline()
port = int(line.split("127.0.0.1:")[1].split("/")[0])
base = f"http://127.0.0.1:{port}/api/v1"


def call(path, token=None, body=None):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode() if body is not None else None, method="POST" if body else "GET")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        return response.read()


# The server listens before its courses are built (503 until then): wait for them.
for _ in range(600):
    try:
        call("/ready")
        break
    except urllib.error.HTTPError:
        time.sleep(0.1)

# The course's lessons and quizzes, as the server publishes them.
detail = json.loads(call("/courses/python-foundations"))
lessons = [item["id"] for module in detail["modules"] for item in module["items"] if item["kind"] == "lesson"]
quizzes = {}
for module in detail["modules"]:
    for item in module["items"]:
        if item["kind"] == "quiz":
            quizzes[item["id"]] = [question["id"] for question in json.loads(call("/quizzes/" + item["id"]))["questions"]]

# Seed: the server is running, so write in one transaction, as another client of the WAL database would.
random.seed(7)
now = int(time.time())
connection = sqlite3.connect(db, timeout=30)
with connection:
    for number in range(learners):
        cursor = connection.execute(
            "INSERT INTO user (email, username, name, password_hash, role, approved, active, created_at) VALUES (?, ?, ?, 'x', 'student', 1, 1, ?)",
            (f"learner{number}@example.org", f"learner{number}", f"Learner {number}", now - 86400 * 40))
        user = cursor.lastrowid
        connection.execute("INSERT INTO enrollment (user_id, course, created_at) VALUES (?, 'python-foundations', ?)", (user, now - 86400 * 30))
        ability = random.random()
        reached = int(len(lessons) * min(1.0, ability + random.random() * 0.5))
        for index, lesson in enumerate(lessons[:reached]):
            connection.execute("INSERT INTO lesson_completion VALUES (?, 'python-foundations', ?, ?)", (user, lesson, now - 86400 * (30 - index)))
        for quiz, questions in quizzes.items():
            for attempt in range(random.randint(1, 3)):
                right = [question for question in questions if random.random() < 0.3 + ability * 0.6 + attempt * 0.1]
                score = round(100 * len(right) / len(questions), 1)
                connection.execute(
                    "INSERT INTO attempt (user_id, course, quiz, started_at, question_order, submitted_at, answers, score, passed, correct) "
                    "VALUES (?, 'python-foundations', ?, ?, ?, ?, '[]', ?, ?, ?)",
                    (user, quiz, now - 3600, "\n".join(questions), now - 3000 + attempt, score, int(score >= 70), "\n".join(right)))
        connection.execute("INSERT INTO grade (course, student_id, grade, feedback, instructor_id, updated_at) VALUES ('python-foundations', ?, ?, ?, 1, ?)",
                           (user, "ABCDE"[number % 5], "Feedback for learner %d." % number, now))
        if number % 3 == 0:
            connection.execute("INSERT INTO certificate (user_id, course, code, learner, course_title, minutes, issued_at) "
                               "VALUES (?, 'python-foundations', ?, ?, 'Python Foundations', 240, ?)", (user, "code%020d" % number, f"Learner {number}", now))
connection.close()

token = json.loads(call("/auth/login", body={"login": "admin", "password": password}))["access_token"]


def timed(label, path, runs=5):
    call(path, token)  # warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        size = len(call(path, token))
        times.append(time.perf_counter() - start)
    times.sort()
    print(f"{label}: median {times[len(times) // 2] * 1000:.0f} ms, worst {times[-1] * 1000:.0f} ms, {size / 1024:.0f} KiB")


attempts = learners * sum(2 for _ in quizzes)
print(f"seeded {learners} learners, {len(lessons)} lessons, {len(quizzes)} quizzes, about {attempts} attempts")
# For profiling: LECTERN_BENCH_PID_FILE gets the server's pid (for `perf record -p`), LECTERN_BENCH_RUNS more runs.
if os.environ.get("LECTERN_BENCH_PID_FILE"):
    open(os.environ["LECTERN_BENCH_PID_FILE"], "w").write(str(server.pid))
    time.sleep(2)
timed("course analytics (JSON)", "/analytics/courses/python-foundations", runs=int(os.environ.get("LECTERN_BENCH_RUNS", "5")))
timed("course analytics (CSV, learners)", "/analytics/courses/python-foundations?format=csv")
timed("course analytics (CSV, questions)", "/analytics/courses/python-foundations?format=csv&table=questions")
timed("system analytics (JSON)", "/analytics/system")
timed("gradebook (JSON)", "/courses/python-foundations/gradebook")
timed("gradebook (CSV)", "/courses/python-foundations/gradebook?format=csv")
timed("grades, one page of 100", "/courses/python-foundations/grades?page=10&page_size=100")
timed("certificate search (user, part of a name)", "/certificates?user=learner12")
with open(f"/proc/{server.pid}/status") as status:
    peak = next(line for line in status if line.startswith("VmHWM")).split()[1]
print(f"server peak RSS: {int(peak) / 1024:.0f} MiB")
server.terminate()
server.wait()
