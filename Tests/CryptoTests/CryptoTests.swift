import Crypto
import Foundation
import Testing

@Test func passwordHashesAreArgon2idSaltedAndVerify() throws {
    let first = try #require(PasswordHash.hash("correct horse battery staple"))
    let second = try #require(PasswordHash.hash("correct horse battery staple"))
    #expect(first.hasPrefix("$argon2id$v=19$m=9216,t=4,p=1$"))
    #expect(first != second)
    #expect(PasswordHash.verify("correct horse battery staple", against: first))
    #expect(!PasswordHash.verify("correct horse battery stapler", against: first))
    #expect(!PasswordHash.verify("anything", against: "not a hash"))
}

@Test func hmacMatchesRFC4231TestCase2() {
    let code = HMACSHA256.authenticate(Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8))
    #expect(code.map { String(format: "%02x", $0) }.joined() == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
}

@Test func base64URLRoundTripsAndRejectsOtherAlphabets() {
    let bytes: [UInt8] = [0xfb, 0xff, 0xfe, 0x00, 0x41]
    #expect(Base64URL.encode(bytes) == "-__-AEE")
    #expect(Base64URL.decode("-__-AEE") == bytes)
    #expect(Base64URL.decode("+//+AEE=") == nil)
    #expect(SecureRandom.token(32).count == 43)
    #expect(SecureRandom.bytes(16) != SecureRandom.bytes(16))
}

@Test func jwtSignsVerifiesAndRefusesForgeries() throws {
    let key = SecureRandom.bytes(32)
    let token = JWT.sign(["sub": "42", "role": "student", "exp": 2_000], key: key)
    let claims = try JWT.verify(token, key: key, now: 1_000)
    #expect(claims["sub"] as? String == "42" && claims["role"] as? String == "student")
    #expect(throws: JWT.Failure.expired) { try JWT.verify(token, key: key, now: 2_000) }
    #expect(throws: JWT.Failure.badSignature) { try JWT.verify(token, key: SecureRandom.bytes(32), now: 1_000) }
    // A payload changed to admin keeps the old signature: refused.
    let parts = token.split(separator: ".").map(String.init)
    let forged = parts[0] + "." + Base64URL.encode(Array(#"{"exp":2000,"role":"admin","sub":"42"}"#.utf8)) + "." + parts[2]
    #expect(throws: JWT.Failure.badSignature) { try JWT.verify(forged, key: key, now: 1_000) }
    // alg "none" with no signature: refused before any signature check.
    let none = Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "." + parts[1] + "."
    #expect(throws: JWT.Failure.unsupportedAlgorithm) { try JWT.verify(none, key: key, now: 1_000) }
    #expect(throws: JWT.Failure.malformed) { try JWT.verify("not.a.token!", key: key, now: 1_000) }
}

/// The base64url character `index` steps after `character` in the alphabet.
func base64URLCharacter(_ character: Character, plus index: Int) -> Character {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    return alphabet[(alphabet.firstIndex(of: character)! + index) % 64]
}

@Test func base64URLRefusesUnusedBitsAndImpossibleLengths() {
    // "E" and "F" differ only in the two bits after the last byte, which a lenient decoder drops.
    #expect(Base64URL.decode("-__-AEE") == [0xfb, 0xff, 0xfe, 0x00, 0x41])
    #expect(Base64URL.decode("-__-AEF") == nil)
    #expect(Base64URL.decode("-__-AEH") == nil)
    // One character left over holds no whole byte.
    #expect(Base64URL.decode("-__-A") == nil)
    #expect(Base64URL.decode("") == [])
}

@Test func jwtRefusesASignatureSpelledTwoWays() throws {
    let key = SecureRandom.bytes(32)
    let token = JWT.sign(["sub": "42", "role": "student", "exp": 2_000], key: key)
    // 32 signature bytes fill 43 characters with 2 bits to spare: the next character decodes to the same bytes.
    let tweaked = String(token.dropLast()) + String(base64URLCharacter(token.last!, plus: 1))
    #expect(tweaked != token)
    #expect(throws: JWT.Failure.malformed) { try JWT.verify(tweaked, key: key, now: 1_000) }
    #expect(try JWT.verify(token, key: key, now: 1_000)["sub"] as? String == "42")
}
