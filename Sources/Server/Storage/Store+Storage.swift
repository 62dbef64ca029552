/// `Store`, on SQLite or PostgreSQL, is the database behind `Storage`.
extension Store: Storage {}
