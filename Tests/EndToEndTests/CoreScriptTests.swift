// Unit tests of the theme's shared core (progress.js's record, lectern.js's progress storage) in headless
// Chromium, on a page the real builder wrote. Grading and the standing rule run the shared cases
// (SharedCasesBrowserTests.swift).
import Foundation
import LecternTesting
import Testing

/// Runs assertions in a built lesson page opened from disk; each failed check is returned as a line.
private func failuresInCorePage(_ script: String) throws -> [String] {
    let course = try TemporaryCourse([
        "course.yaml": "title: Core\nslug: core\n",
        "01-m/01-read.md": "# Read\n\nText.\n",
    ])
    let out = course.url.deletingLastPathComponent().appendingPathComponent("site")
    #expect(try runLectern("build", course.url.path, "--out", out.path).exitCode == 0)
    let browser = try Browser()
    try browser.open(out.appendingPathComponent("core/m/read.html"))
    try browser.wait(until: "window.Lectern && window.LecternProgress")
    let result = try browser.execute("""
        const failures = [];
        const check = (name, got, want) => {
          if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(name + ': got ' + JSON.stringify(got) + ', want ' + JSON.stringify(want));
        };
        \(script)
        return failures;
        """) as? [String]
    _ = course
    return try #require(result)
}

@Test func theProgressRecordKeepsOnlyWellFormedFields() throws {
    let failures = try failuresInCorePage("""
        const clean = LecternProgress.sanitize;
        check('not an object', clean('x'), {completed: {}, quizzes: {}, open: {}, last: null});
        check('view times must be real moments', clean({completed: {a: 5, b: 0, c: -1, d: 'NaN', e: 1e999, f: null, g: '7'}}).completed, {a: 5, g: 7});
        check('quiz fields coerced', clean({quizzes: {q: {best: '80.5', last: 'x', attempts: 2.7, passed: 'yes'}, r: 3}}).quizzes,
              {q: {best: 80.5, last: 0, attempts: 2, passed: false}});
        check('negative attempts', clean({quizzes: {q: {attempts: -4}}}).quizzes.q.attempts, 0);
        check('an open attempt kept', clean({open: {q: {startedAt: 10, order: ['a', 1, 'b'], choices: {a: ['x', null]}, answers: {a: 'x', b: ['y', 2], c: 3}}}}).open,
              {q: {startedAt: 10, order: ['a', 'b'], choices: {a: ['x']}, answers: {a: 'x', b: ['y']}}});
        check('an open attempt without a start is dropped', clean({open: {q: {order: ['a']}, r: {startedAt: 0}}}).open, {});
        check('last needs an href', clean({last: {itemId: 'a'}}).last, null);
        check('last kept', clean({last: {itemId: 'a', href: 'm/a.html', title: 7}}).last, {itemId: 'a', href: 'm/a.html', title: '7'});
        """)
    #expect(failures == [], "\(failures.joined(separator: "\n"))")
}

@Test func progressStorageRecordsAndSurvivesBrokenStorage() throws {
    let failures = try failuresInCorePage("""
        const progress = Lectern.progress;
        localStorage.clear();
        // First view time kept; best score the highest; a pass stays a pass; attempts counted.
        progress.markComplete('core', 'm.other', 1000);
        check('first view kept', progress.markComplete('core', 'm.other', 2000).completed['m.other'], 1000);
        progress.recordQuiz('core', 'm.q', 80, true);
        const record = progress.recordQuiz('core', 'm.q', 40, false).quizzes['m.q'];
        check('quiz record', record, {best: 80, last: 40, attempts: 2, passed: true});
        check('stored as JSON', JSON.parse(localStorage.getItem('lectern:v1:progress:core')).quizzes['m.q'].attempts, 2);
        // A value that is not JSON reads as an empty record.
        localStorage.setItem('lectern:v1:progress:other', '{not json');
        check('broken JSON', progress.load('other'), {completed: {}, quizzes: {}, open: {}, last: null});
        // Storage that refuses writes (private mode, quota): the page keeps its progress in memory.
        const setItem = Storage.prototype.setItem, getItem = Storage.prototype.getItem;
        Storage.prototype.setItem = () => { throw new Error('QuotaExceededError'); };
        Storage.prototype.getItem = () => { throw new Error('SecurityError'); };
        try {
          progress.markComplete('memory', 'm.read', 5);
          check('kept in memory', progress.load('memory').completed, {'m.read': 5});
        } finally {
          Storage.prototype.setItem = setItem;
          Storage.prototype.getItem = getItem;
        }
        // Forgetting clears this browser's records (a kiosk after sign-out).
        progress.forgetLocal();
        check('forgotten', progress.load('core').completed, {});
        """)
    #expect(failures == [], "\(failures.joined(separator: "\n"))")
}
