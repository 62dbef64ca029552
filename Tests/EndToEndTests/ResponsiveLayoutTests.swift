// Every page kind on phone and desktop widths, in both themes: nothing may scroll sideways, the signed-in
// kiosk header stays short, and axe-core finds no accessibility violation.
import Foundation
import LecternTesting
import Testing

/// One page of each kind in a site built from the samples and `lectern new`'s starter course.
private let pageKinds: [(kind: String, path: String)] = [
    ("catalog", "index.html"),
    ("course home", "python-foundations/index.html"),
    ("module", "python-foundations/control-flow/index.html"),
    ("lesson with code", "python-foundations/control-flow/for-loops.html"),
    ("quiz", "python-foundations/control-flow/check.html"),
    ("search", "python-foundations/search.html?q=loop"),
    ("lesson with a task list", "starter/getting-started/writing-lessons.html"),
    ("404", "404.html"),
    ("account", "account.html"),
    ("my courses", "my-courses.html"),
    ("dashboard", "dashboard.html"),
    ("teaching", "teaching.html"),
    ("administration", "admin.html"),
]

/// Shows the account links as `server.js` does for a signed-in learner with every role's links (the
/// widest the header gets), without a server: the layout is what is under test. (The 404 page has no
/// script and no account area.)
private let showSignedIn = """
    const nav = window.Lectern ? Lectern.fillAccountNav() : null;
    if (nav) {
      nav.hidden = false;
      for (const item of nav.querySelectorAll('li')) item.hidden = item.classList.contains('account-nav-signin');
      nav.querySelector('.account-user-name').textContent = 'María Fernanda Gutiérrez';
    }
    """

/// The elements sticking out past the page's right edge, for the failure message.
private let overflowReport = """
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return '';
    const out = [];
    for (const element of document.querySelectorAll('body *')) {
      const box = element.getBoundingClientRect();
      if (box.right > root.clientWidth + 1) out.push(element.tagName.toLowerCase() + '.' + element.className + ' ends at ' + Math.round(box.right));
    }
    return 'page is ' + root.scrollWidth + ' px wide in ' + root.clientWidth + ' px: ' + out.slice(0, 4).join('; ');
    """

/// A page of a site folder, with its query kept (appendingPathComponent would escape the `?`).
private func pageURL(_ site: URL, _ path: String) -> URL {
    let base = site.absoluteString.hasSuffix("/") ? site.absoluteString : site.absoluteString + "/"
    return URL(string: base + path)!
}

private func buildSites(in scratch: TemporaryCourse) throws -> [String: URL] {
    let base = scratch.url.deletingLastPathComponent()
    let starter = base.appendingPathComponent("starter")
    let created = try runLectern("new", starter.path)
    #expect(created.exitCode == 0, "\(created.stderr)")
    var sites: [String: URL] = [:]
    for theme in ["default", "kiosk"] {
        let out = base.appendingPathComponent("site-\(theme)")
        let built = try runLectern(["build", sampleCourse("python-foundations").path, starter.path, "--out", out.path, "--theme", theme])
        #expect(built.exitCode == 0, "\(built.stderr)")
        sites[theme] = out
    }
    return sites
}

@Test(.enabled(if: Browser.isAvailable)) func noPageScrollsSidewaysOnPhonesOrDesktops() throws {
    let scratch = try TemporaryCourse([:], name: "unused")
    let sites = try buildSites(in: scratch)
    let browser = try Browser()
    for (theme, site) in sites.sorted(by: { $0.key < $1.key }) {
        for width in [320, 360, 390, 1440] {
            try browser.resize(width: width, height: 900)
            for (kind, path) in pageKinds {
                try browser.open(pageURL(site, path))
                for signedIn in [false, true] {
                    if signedIn { try browser.execute(showSignedIn) }
                    let report = try browser.execute(overflowReport) as? String ?? "no answer"
                    #expect(report.isEmpty, "\(theme) theme, \(kind) at \(width) px\(signedIn ? ", signed in" : ""): \(report)")
                }
                // Signed in on a phone, the kiosk header used to stack into about 300 px before the content.
                if width == 360, kind == "lesson with code" {
                    let height = try browser.execute("return document.querySelector('.site-header').getBoundingClientRect().height") as? Double ?? 0
                    #expect(height <= 240, "\(theme) theme: the signed-in header is \(Int(height)) px tall on a 360 px phone")
                }
            }
        }
    }
}

/// axe.min.js from the PyPI package `axe-core-python` (scripts/deps installs it).
func axeScript() throws -> String {
    let (status, output) = try runTool("python3", ["-c", "import axe_core_python, os; print(os.path.join(os.path.dirname(axe_core_python.__file__), 'axe.min.js'))"])
    let path = output.trimmingCharacters(in: .whitespacesAndNewlines)
    guard status == 0, let script = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw WebDriverError(message: "axe-core is missing: pip install axe-core-python (\(output))")
    }
    return script
}

@Test(.enabled(if: Browser.isAvailable)) func axeFindsNoViolationOnAnyPageKind() throws {
    let scratch = try TemporaryCourse([:], name: "unused")
    let sites = try buildSites(in: scratch)
    let axe = try axeScript()
    let browser = try Browser()
    for (theme, site) in sites.sorted(by: { $0.key < $1.key }) {
        for (kind, path) in pageKinds {
            try browser.open(pageURL(site, path))
            // The page's own scripts (copy buttons, the search results) run on load; axe judges what they leave.
            try browser.wait(until: "document.readyState === 'complete'")
            try browser.execute(showSignedIn)
            try browser.execute(axe + "\nreturn true;")
            let found = try browser.executeAsync("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(
                  (result) => done(result.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '))),
                  (error) => done(['axe failed: ' + error]));
                """) as? [String] ?? ["no answer from axe"]
            #expect(found.isEmpty, "\(theme) theme, \(kind) (\(path)): \(found.joined(separator: "; "))")
        }
    }
}
