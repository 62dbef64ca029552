/// SQLite is the first database behind `Storage`.
extension Store: Storage {}
