import Foundation

/// The time rules are judged at, in Unix seconds: deadlines, activity windows, dates of records. One
/// place, so the store and the domain never disagree about "now".
enum Clock {
    static var now: Int { Int(Date().timeIntervalSince1970) }
}
