import HTTP

/// The one envelope of every list the API answers, as the LMS APIs Lectern replaces page their lists:
/// `{"items": […], "total": 57, "page": 2, "page_size": 20, "pages": 3}`.
struct Page<Item: Encodable>: Encodable {
    var items: [Item]
    var total: Int
    var page: Int
    var pageSize: Int
    var pages: Int
}

/// `?page=` (from 1) and `?page_size=` of a list request: 422 when out of range.
struct PageRequest {
    var page: Int
    var size: Int

    init(_ query: [String: String], defaultSize: Int = 20, maxSize: Int = 100) throws(HTTPError) {
        page = try Self.number(query["page"], "page", default: 1, range: 1...1_000_000)
        size = try Self.number(query["page_size"], "page_size", default: defaultSize, range: 1...maxSize)
    }

    /// Rows to skip before this page.
    var offset: Int { (page - 1) * size }

    /// This page's part of a list held whole.
    func window<Item>(_ all: [Item]) -> [Item] { Array(all.dropFirst(offset).prefix(size)) }

    /// This page of a list held whole.
    func slice<Item>(_ all: [Item]) -> Page<Item> { page(window(all), total: all.count) }

    /// The envelope for `items`, already this page's, of `total` in all.
    func page<Item>(_ items: [Item], total: Int) -> Page<Item> {
        Page(items: items, total: total, page: page, pageSize: size, pages: max(1, (total + size - 1) / size))
    }

    static func number(_ text: String?, _ name: String, default value: Int, range: ClosedRange<Int>) throws(HTTPError) -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw .invalid("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)", field: name)
        }
        return number
    }
}
