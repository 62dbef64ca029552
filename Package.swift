// swift-tools-version:6.0
// Lectern: courses kept as code → static sites, SCORM packages, a kiosk server.
// No package dependencies: the toolchain plus system C libraries (see README's dependency table).
import PackageDescription

let package = Package(
    name: "lectern",
    products: [
        .executable(name: "lectern", targets: ["lectern"]),
    ],
    targets: [
        // System C libraries: a module map and a shim header each, nothing else.
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // libpq: the PostgreSQL client, for `--db postgres://…` (several servers sharing one database).
        .systemLibrary(name: "CPostgres", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libharu has no pkg-config file: headers in /usr/include, library in the default path.
        .systemLibrary(name: "CHaru", providers: [.apt(["libhpdf-dev"])]),
        // libqrencode: the kiosk's address as a QR code on sign-in cards.
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // libmicrohttpd's start function is variadic: a small C shim passes its options as an array.
        .target(name: "CMicroHTTPD", linkerSettings: [.linkedLibrary("microhttpd")]),
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("curl")]),

        // One thin Swift wrapper per C library.
        .target(name: "YAML", dependencies: ["CYAML"]),
        .target(name: "Markdown", dependencies: ["CCmarkGFM", "Utilities"]),
        // Mustache templates, pure Swift: string in, string out.
        .target(name: "Templating"),
        // Small helpers with no dependencies: parallelMap, the one way numbers are written.
        .target(name: "Utilities"),
        // RFC 4180 CSV, read and written, with the spreadsheet-formula defence.
        .target(name: "CSV", dependencies: ["Utilities"]),
        .target(name: "HTTP", dependencies: ["CMicroHTTPD", "Utilities"]),
        .target(name: "WebClient", dependencies: ["CCurl"]),
        .target(name: "Zip", dependencies: ["CZip"]),
        .target(name: "Zlib", dependencies: ["CZlib"]),
        .target(name: "XML", dependencies: ["CLibXML2"]),
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(name: "Postgres", dependencies: ["CPostgres"]),
        .target(name: "Crypto", dependencies: ["CSodium"]),
        .target(name: "PDF", dependencies: ["CHaru", "CQRencode"]),

        // Course folder → immutable model + diagnostics.
        .target(name: "CourseModel", dependencies: ["YAML", "Markdown", "Utilities"]),

        // Course + theme → static site pages and assets.
        .target(name: "SiteBuilder", dependencies: ["CourseModel", "Markdown", "Templating", "Utilities", "Zlib"],
                plugins: ["EmbedResourcesPlugin"]),

        // Course + built site → SCORM 1.2 / 2004 packages (manifest, launch pages, ZIP), schemas embedded.
        .target(name: "Packaging", dependencies: ["CourseModel", "SiteBuilder", "Templating", "Utilities", "XML", "Zip"],
                exclude: ["Schemas"], plugins: ["EmbedResourcesPlugin"]),

        // The kiosk server: JSON API, accounts and tokens, SQLite storage, the built site.
        .target(name: "Server", dependencies: ["CourseModel", "CSV", "HTTP", "Markdown", "SQLite", "Postgres", "Crypto", "PDF", "YAML", "Utilities", "WebClient", "Zip"],
                plugins: ["EmbedResourcesPlugin"]),

        // Command line: the only module that imports everything.
        .target(name: "LecternCLI", dependencies: ["CourseModel", "CSV", "SiteBuilder", "HTTP", "Packaging", "Server", "Utilities", "Zip"]),
        .executableTarget(name: "lectern", dependencies: ["LecternCLI"]),

        // Build tooling: compiles Templates/ and Themes/ into SiteBuilder.
        .executableTarget(name: "embed-resources"),
        .plugin(name: "EmbedResourcesPlugin", capability: .buildTool(), dependencies: ["embed-resources"],
                path: "Sources/EmbedResourcesPlugin"),

        // Helpers shared by test targets.
        .target(name: "LecternTesting", path: "Tests/LecternTesting"),

        .testTarget(name: "YAMLTests", dependencies: ["YAML"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "TemplatingTests", dependencies: ["Templating"], exclude: ["Fixtures"]),
        .testTarget(name: "CSVTests", dependencies: ["CSV"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "LecternTesting"]),
        .testTarget(name: "PackagingTests", dependencies: ["Packaging", "SiteBuilder", "CourseModel", "Zip", "XML", "LecternTesting"]),
        .testTarget(name: "XMLTests", dependencies: ["XML"]),
        .testTarget(name: "ServerTests", dependencies: ["Server", "CourseModel", "YAML", "SQLite", "Zip", "LecternTesting"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite", "LecternTesting"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "LecternTesting"]),
        .testTarget(name: "CryptoTests", dependencies: ["Crypto"]),
        .testTarget(name: "SiteBuilderTests", dependencies: ["SiteBuilder", "CourseModel", "Templating", "LecternTesting"]),
        .testTarget(name: "CourseModelTests", dependencies: ["CourseModel", "Markdown", "LecternTesting"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "EndToEndTests", dependencies: ["LecternTesting", "lectern", "HTTP", "Zip", "Crypto", "CourseModel", "SiteBuilder", "SQLite"]),
    ],
    swiftLanguageModes: [.v6]
)
