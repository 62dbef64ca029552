/// `lectern doctor`: checks what `lectern serve` needs, with the same options or config file.
enum DoctorCommand: Command {
    static let name = "doctor"
    static let summary = "check a kiosk's setup (database, secret, disk, courses, ports, clock)"
    static let help = """
    Usage: lectern doctor [DIR...] [--config FILE] [any option of serve]

    Checks the setup 'lectern serve' would run with, and prints one line per check,
    'ok', 'warning' or 'error', with what to fix:
      database  the SQLite file opens and is intact (quick_check; read only)
      secret    the token secret has mode 0600, belongs to the folder's owner (the
                service's user), in a folder of mode 0700
      disk      free space against --min-free-disk-mb
      courses   every course folder loads without errors (as 'lectern check')
      port      the address and port are free to listen on, or held by a running
                lectern (it answers /api/v1/health)
      scorm-port  the same for --scorm-port, where SCORM packages play from
      clock     not before this lectern was built, nor decades after
    Run it as the service's user, e.g. 'sudo -u lectern lectern doctor --config
    /etc/lectern/serve.conf'.

    Exit status: 0 without errors (warnings allowed), 1 with any error, 64 for a
    usage error.
    """

    static func run(_ words: [String]) throws -> Int32 {
        let settings = try ServeSettings(ServeConfig.arguments(words, options: ServeSettings.optionNames))
        let findings = Doctor.run(settings)
        for finding in findings { Output.print(finding.line) }
        let errors = findings.filter { $0.level == .error }.count, warnings = findings.filter { $0.level == .warning }.count
        Output.print("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        return errors > 0 ? ExitCode.failure : ExitCode.ok
    }
}
