public enum LecternCLI { public static func main(_ a: [String]) -> Int32 { 0 } }
