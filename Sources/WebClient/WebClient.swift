import CCurl
import Foundation

/// Requests to other servers (libcurl): an xAPI record store that `lectern serve --lrs` forwards to.
public enum WebClient {
    public struct Response: Sendable {
        public var status: Int
        public var body: [UInt8]
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    private static let initialized: Bool = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK }()

    /// Sends one request and waits for the whole answer (at most `timeout` seconds); redirects are not followed.
    /// - Throws: `Failure` when no answer came (refused, unreachable, timed out, TLS refused).
    public static func send(_ method: String, _ url: String, headers: [(String, String)] = [], body: [UInt8] = [],
                            timeout: Int = 30) throws(Failure) -> Response {
        guard initialized, let handle = curl_easy_init() else { throw Failure(description: "libcurl could not start") }
        defer { curl_easy_cleanup(handle) }
        var list: UnsafeMutablePointer<curl_slist>?
        for (name, value) in headers { list = curl_slist_append(list, "\(name): \(value)") }
        // Without this, libcurl adds "Expect: 100-continue" to larger bodies and waits for the server.
        list = curl_slist_append(list, "Expect:")
        defer { curl_slist_free_all(list) }
        let collected = Collected()
        let context = Unmanaged.passUnretained(collected).toOpaque()
        var bodyCopy = body
        let code: CURLcode = bodyCopy.withUnsafeMutableBytes { bytes in
            _ = lectern_curl_set_string(handle, CURLOPT_URL, url)
            _ = lectern_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, method)
            _ = lectern_curl_set_pointer(handle, CURLOPT_HTTPHEADER, list)
            _ = lectern_curl_set_long(handle, CURLOPT_TIMEOUT, timeout)
            _ = lectern_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT, min(timeout, 10))
            _ = lectern_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
            // Only the web: a URL of another scheme (file:, gopher:) is refused, not read.
            _ = lectern_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
            if !body.isEmpty || method == "POST" || method == "PUT" {
                _ = lectern_curl_set_pointer(handle, CURLOPT_POSTFIELDS, bytes.baseAddress)
                _ = lectern_curl_set_long(handle, CURLOPT_POSTFIELDSIZE, bytes.count)
            }
            _ = lectern_curl_set_write(handle, { data, size, count, context in
                guard let data, let context else { return 0 }
                let collected = Unmanaged<Collected>.fromOpaque(context).takeUnretainedValue()
                collected.bytes.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size * count))
                return size * count
            }, context)
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else { throw Failure(description: String(cString: curl_easy_strerror(code))) }
        return Response(status: lectern_curl_status(handle), body: collected.bytes)
    }

    private final class Collected {
        var bytes: [UInt8] = []
    }
}
