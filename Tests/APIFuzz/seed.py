#!/usr/bin/env python3
"""Seed a fresh `lectern serve` for Schemathesis: accounts, enrollments, progress, attempts, reviews,
discussion posts, a grade and a certificate. Writes <name>.tok access tokens and cert.code into OUT_DIR.
Usage: seed.py API_BASE COURSES_DIR OUT_DIR   (the admin account exists already, made with `lectern users add`)."""
import json, os, sys, urllib.request, urllib.error
import yaml  # PyYAML: reads the sample quizzes' answer keys

API, COURSES, OUT = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
PASSWORDS = {"admin": "silver harbor noodle 5", "stu": "blue kettle orbit 42",
             "ada": "amber violin quarry 9", "stu2": "green ladder comet 17"}

def call(method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(API + path, data=data, method=method)
    if data is not None: req.add_header("Content-Type", "application/json")
    if token: req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req) as r:
            raw = r.read(); return r.status, (json.loads(raw) if raw and r.headers.get_content_type() == "application/json" else raw)
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")

def must(expected, result, what):
    if result[0] not in expected: sys.exit(f"seed: {what} answered {result[0]} {result[1]}")
    return result[1]

must({201}, call("POST", "/auth/register", body={"email": "stu@example.org", "username": "stu", "password": PASSWORDS["stu"], "name": "Stu Dent"}), "register stu")
must({201}, call("POST", "/auth/register", body={"email": "stu2@example.org", "username": "stu2", "password": PASSWORDS["stu2"], "name": "Other Student"}), "register stu2")
# ada.okafor@example.org is listed under instructors: in python-foundations/course.yaml
must({201}, call("POST", "/auth/register", body={"email": "ada.okafor@example.org", "username": "ada", "password": PASSWORDS["ada"], "name": "Ada Okafor", "role": "instructor"}), "register ada")
tokens = {}
admin = must({200}, call("POST", "/auth/login", body={"login": "admin", "password": PASSWORDS["admin"]}), "login admin")["access_token"]
ada_id = must({200}, call("GET", "/users?search=ada", admin), "find ada")["items"][0]["id"]
must({200}, call("PATCH", f"/users/{ada_id}", admin, {"approved": True}), "approve ada")
for name in ("admin", "stu", "ada", "stu2"):
    tokens[name] = must({200}, call("POST", "/auth/login", body={"login": name, "password": PASSWORDS[name]}), f"login {name}")["access_token"]
S, S2 = tokens["stu"], tokens["stu2"]
for course in ("python-foundations", "digital-literacy"):
    must({201}, call("POST", "/enrollments", S, {"course": course}), f"enroll stu in {course}")
must({201}, call("POST", "/enrollments", S2, {"course": "python-foundations"}), "enroll stu2")
call("POST", "/progress/lessons/welcome/complete", S)
call("PUT", "/progress/courses/python-foundations/bookmark", S, {"href": "getting-started/first-program.html"})
attempt = must({201}, call("POST", "/quizzes/getting-started.check/attempts", S), "start attempt")["id"]
call("POST", f"/attempts/{attempt}/submit", S, {"answers": []})
call("POST", "/quizzes/control-flow.check/attempts", S)           # left open: a submittable attempt
call("POST", "/reviews", S, {"course": "python-foundations", "rating": 5, "comment": "great"})
call("POST", "/reviews", S2, {"course": "python-foundations", "rating": 3, "comment": "ok"})
# Discussion posts (python-foundations has `discussion: open`): topics and a reply, so post ids 1-3 exist.
topic = must({201}, call("POST", "/courses/python-foundations/discussion", S, {"lesson": "welcome", "title": "Help", "body": "How do I *start*?"}), "topic")["id"]
must({201}, call("POST", f"/discussion/{topic}/replies", S2, {"body": "Read the **first** lesson."}), "reply")
must({201}, call("POST", "/courses/python-foundations/discussion", S2, {"title": "Home", "body": "Hello"}), "home topic")
stu_id = must({200}, call("GET", "/users/me", S), "me")["id"]
call("POST", f"/courses/python-foundations/grades/{stu_id}", tokens["ada"], {"grade": "A", "feedback": "well done"})
# A class Ada teaches, with stu in it and her course: class routes find real ids.
class_id = must({201}, call("POST", "/classes", tokens["ada"], {"name": "5A"}), "create class")["id"]
must({201}, call("POST", f"/classes/{class_id}/members", tokens["ada"], {"user_id": stu_id}), "add member")
must({200}, call("POST", f"/classes/{class_id}/courses", tokens["ada"], {"course": "python-foundations"}), "add course")

# A certificate: every digital-literacy lesson completed and every quiz passed (answers from the course files).
course = must({200}, call("GET", "/courses/digital-literacy"), "course")
for module in course["modules"]:
    for item in module["items"]:
        if item["kind"] == "lesson": call("POST", f"/progress/lessons/{item['id']}/complete", S)
root = os.path.join(COURSES, "digital-literacy")
for folder in sorted(os.listdir(root)):
    for f in sorted(os.listdir(os.path.join(root, folder))) if os.path.isdir(os.path.join(root, folder)) else []:
        if not f.endswith(".quiz.yaml"): continue
        key = yaml.safe_load(open(os.path.join(root, folder, f)))
        quiz_id = folder.split("-", 1)[1] + "." + f.split("-", 1)[1][: -len(".quiz.yaml")]
        quiz = must({200}, call("GET", f"/quizzes/{quiz_id}"), f"quiz {quiz_id}")
        answers = []
        for src, q in zip(key["questions"], quiz["questions"]):
            if src["type"] == "true_false": a = src["answer"]
            elif src["type"] == "short": a = (src.get("answers") or [src.get("answer")])[0]
            elif src["type"] == "numeric": a = src["answer"]
            else:
                ids = [c["id"] for c, s in zip(q["choices"], src["choices"]) if s.get("correct")]
                a = ids[0] if src["type"] == "single" else ids
            answers.append({"question_id": q["id"], "answer": a})
        at = must({201}, call("POST", f"/quizzes/{quiz_id}/attempts", S), "attempt")["id"]
        must({200}, call("POST", f"/attempts/{at}/submit", S, {"answers": answers}), "submit")
certs = must({200}, call("GET", "/certificates/my-certificates", S), "certificates")["items"]
if not certs: sys.exit("seed: no certificate was issued")
for name, token in tokens.items():
    open(os.path.join(OUT, name + ".tok"), "w").write(token)
open(os.path.join(OUT, "cert.code"), "w").write(certs[0]["code"])
print(f"seeded: users admin/stu/ada/stu2, certificate {certs[0]['code']}")
