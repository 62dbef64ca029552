// Building values from JSON, where booleans and numbers must stay apart.

import Foundation
import Templating
import Testing

@Test func jsonSerializationBooleansAreNotNumbers() throws {
    let json = try JSONSerialization.jsonObject(with: Data(#"{"a": true, "b": 1, "c": 0, "d": 1.5, "e": [null, "x"]}"#.utf8))
    #expect(TemplateValue(json: json) == ["a": true, "b": 1, "c": 0, "d": 1.5, "e": [.null, "x"]])
}

@Test func decodedBooleansAreNotNumbers() throws {
    let value = try JSONDecoder().decode(TemplateValue.self, from: Data(#"[true, 1, 0, 1.5, false, {"k": null}]"#.utf8))
    #expect(value == [true, 1, 0, 1.5, false, ["k": .null]])
}

@Test func plainSwiftValuesConvert() {
    let value = TemplateValue(json: ["flag": true, "count": 3, "ratio": 0.5, "name": "Ada"] as [String: Any])
    #expect(value == ["flag": true, "count": 3, "ratio": 0.5, "name": "Ada"])
}
