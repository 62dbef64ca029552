extension Double {
    /// The number as people write it: 1 → "1", 1.5 → "1.5", with no ".0" on whole numbers
    /// (messages, quiz points and CSV cells all use this one form).
    public var plainText: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
