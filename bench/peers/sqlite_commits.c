// The peer for durable writes: one SQLite connection in WAL mode with synchronous=FULL committing one
// small upsert per transaction, as fast as it can, on the disk the server's database is on.
// Usage: sqlite_commits DATABASE SECONDS      prints: COMMITS_PER_SECOND P99_MS
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s DATABASE SECONDS\n", argv[0]); return 64; }
    sqlite3 *db;
    if (sqlite3_open(argv[1], &db) != SQLITE_OK) { fprintf(stderr, "%s\n", sqlite3_errmsg(db)); return 1; }
    sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
    sqlite3_exec(db, "PRAGMA synchronous=FULL;"
                     "CREATE TABLE IF NOT EXISTS bookmark (user_id INTEGER, course TEXT, href TEXT, updated_at INTEGER,"
                     " PRIMARY KEY (user_id, course))", NULL, NULL, NULL);
    sqlite3_stmt *begin, *upsert, *commit;
    sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO bookmark VALUES (?, 'course', 'module/lesson.html', ?) ON CONFLICT (user_id, course)"
                           " DO UPDATE SET href = excluded.href, updated_at = excluded.updated_at", -1, &upsert, NULL);
    sqlite3_prepare_v2(db, "COMMIT", -1, &commit, NULL);
    double seconds = atof(argv[2]), start = now(), end = start + seconds;
    size_t count = 0, capacity = 1 << 16;
    double *latencies = malloc(capacity * sizeof *latencies);
    for (double t = start; t < end; ) {
        sqlite3_step(begin); sqlite3_reset(begin);
        sqlite3_bind_int(upsert, 1, (int)(count % 64));
        sqlite3_bind_int64(upsert, 2, (sqlite3_int64)count);
        if (sqlite3_step(upsert) != SQLITE_DONE) { fprintf(stderr, "%s\n", sqlite3_errmsg(db)); return 1; }
        sqlite3_reset(upsert);
        if (sqlite3_step(commit) != SQLITE_DONE) { fprintf(stderr, "%s\n", sqlite3_errmsg(db)); return 1; }
        sqlite3_reset(commit);
        double done = now();
        if (count == capacity) latencies = realloc(latencies, (capacity *= 2) * sizeof *latencies);
        latencies[count++] = done - t;
        t = done;
    }
    qsort(latencies, count, sizeof *latencies, compare);
    printf("%.0f %.2f\n", count / (now() - start), latencies[count * 99 / 100] * 1000);
    sqlite3_close(db);
    return 0;
}
