/// The checks `lectern doctor` runs on a kiosk's setup, each answering with what to fix.
enum Doctor {
    static func run(_ settings: ServeSettings) -> [DoctorFinding] {
        [database(settings)] + secret(settings) + [disk(settings), files(settings)] + courses(settings) + [port(settings)] + [scormPort(settings)].compactMap { $0 } + [clock()]
    }
}
