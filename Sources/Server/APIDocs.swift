import Foundation
import HTTP
import YAML

/// The API's own description, served as `/api/v1/openapi.json` (converted once from the embedded
/// `docs/openapi.yaml`), and a small page at `/api/docs` that lists it, with no outside scripts.
enum APIDocs {
    /// The OpenAPI document as JSON, or nil if the embedded YAML cannot be read.
    static let json: [UInt8]? = {
        guard let base64 = EmbeddedResources.base64["openapi.yaml"], let data = Data(base64Encoded: base64),
              let root = try? YAMLParser.parse(String(decoding: data, as: UTF8.self)),
              let json = try? JSONSerialization.data(withJSONObject: value(root), options: [.sortedKeys, .withoutEscapingSlashes]) else { return nil }
        return Array(json)
    }()

    /// YAML → JSON values: plain scalars are typed (numbers, booleans, null), everything else text.
    static func value(_ node: YAMLNode) -> Any {
        switch node.content {
        case .mapping(let pairs):
            var object: [String: Any] = [:]
            for pair in pairs { object[pair.key.scalar ?? ""] = value(pair.value) }
            return object
        case .sequence(let items):
            return items.map(value)
        case .scalar(let text, let style):
            guard style == .plain else { return text }
            if node.isNull { return NSNull() }
            if let bool = node.bool { return bool }
            if let int = node.int { return int }
            if let double = node.double { return double }
            return text
        }
    }

    static func response(for path: String) -> HTTPResponse? {
        switch path {
        case "/api/v1/openapi.json":
            guard let json else { return HTTPError(500, "the API description cannot be read").response }
            return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: .bytes(json))
        case "/api/docs":
            return HTTPResponse(status: 200, contentType: "text/html; charset=utf-8", text: page)
        case "/api/docs.js":
            return HTTPResponse(status: 200, contentType: "text/javascript; charset=utf-8", text: script)
        default:
            return nil
        }
    }

    static let page = """
    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Lectern API</title><script src="/api/docs.js" defer></script></head>
    <body><main><h1>Lectern API</h1>
    <p>The machine-readable description is <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3).</p>
    <noscript><p>This page lists the routes with JavaScript; without it, read the JSON above.</p></noscript>
    <div id="routes"></div></main></body></html>
    """

    /// Lists every operation: method, path, summary, who may call it and its responses.
    static let script = """
    (function () {
      "use strict";
      function add(parent, tag, text) {
        const element = document.createElement(tag);
        if (text !== undefined) element.textContent = text;
        parent.appendChild(element);
        return element;
      }
      fetch("/api/v1/openapi.json").then(function (r) { return r.json(); }).then(function (spec) {
        const root = document.getElementById("routes");
        Object.keys(spec.paths).sort().forEach(function (path) {
          const operations = spec.paths[path];
          Object.keys(operations).forEach(function (method) {
            const operation = operations[method];
            const section = add(root, "section");
            add(section, "h2", method.toUpperCase() + " " + path);
            if (operation.summary) add(section, "p", operation.summary);
            if (operation["x-lectern-access"]) add(section, "p", "Who: " + operation["x-lectern-access"].join(", "));
            const list = add(section, "ul");
            Object.keys(operation.responses || {}).forEach(function (status) {
              const response = operation.responses[status];
              add(list, "li", status + (response.description ? ": " + response.description : ""));
            });
          });
        });
      });
    })();
    """
}
