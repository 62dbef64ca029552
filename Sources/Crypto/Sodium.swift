internal import CSodium

/// libsodium must be initialised once before use; every entry point of this module goes through here.
enum Sodium {
    static let ready: Bool = sodium_init() >= 0
}
