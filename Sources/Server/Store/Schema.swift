import SQLite

/// The versioned schema. Add a step for every change; never edit a step that has shipped.
enum Schema {
    static let migrations = Migrations([
        """
        CREATE TABLE user (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT NOT NULL DEFAULT '',
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('student', 'instructor', 'admin')),
            approved INTEGER NOT NULL DEFAULT 1,
            active INTEGER NOT NULL DEFAULT 1,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE refresh_token (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            family TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            used_at INTEGER,
            revoked INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX refresh_token_family ON refresh_token(family);
        """,
        """
        CREATE TABLE enrollment (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            course TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (user_id, course)
        );
        CREATE TABLE lesson_completion (
            user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            course TEXT NOT NULL,
            lesson TEXT NOT NULL,
            completed_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, course, lesson)
        ) WITHOUT ROWID;
        CREATE TABLE bookmark (
            user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            course TEXT NOT NULL,
            href TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, course)
        ) WITHOUT ROWID;
        CREATE TABLE attempt (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            course TEXT NOT NULL,
            quiz TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            deadline INTEGER,
            question_order TEXT NOT NULL,
            submitted_at INTEGER,
            answers TEXT,
            score REAL,
            passed INTEGER
        );
        CREATE INDEX attempt_user_quiz ON attempt(user_id, course, quiz);
        """,
        """
        CREATE TABLE review (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            course TEXT NOT NULL,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
            comment TEXT NOT NULL DEFAULT '',
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (user_id, course)
        );
        CREATE TABLE grade (
            course TEXT NOT NULL,
            student_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            grade TEXT NOT NULL,
            feedback TEXT NOT NULL DEFAULT '',
            instructor_id INTEGER NOT NULL REFERENCES user(id),
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (course, student_id)
        ) WITHOUT ROWID;
        """,
        """
        CREATE TABLE certificate (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES user(id),
            course TEXT NOT NULL,
            code TEXT NOT NULL UNIQUE,
            learner TEXT NOT NULL,
            course_title TEXT NOT NULL,
            minutes INTEGER NOT NULL,
            issued_at INTEGER NOT NULL,
            revoked INTEGER NOT NULL DEFAULT 0,
            UNIQUE (user_id, course)
        );
        """,
        """
        CREATE TABLE activity (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            user_id INTEGER,
            type TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX activity_at ON activity(at);
        ALTER TABLE user ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
        """,
        // The ids of the questions an attempt got right, one per line, kept for item analysis.
        """
        ALTER TABLE attempt ADD COLUMN correct TEXT;
        CREATE INDEX attempt_course ON attempt(course, quiz, submitted_at);
        CREATE INDEX lesson_completion_course ON lesson_completion(course, completed_at);
        """,
        // Answers given so far in an open attempt, so a reload or another kiosk resumes it; and extra
        // attempts that a course's staff granted a learner beyond the quiz's max_attempts.
        """
        ALTER TABLE attempt ADD COLUMN draft TEXT;
        CREATE TABLE attempt_grant (
            user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            course TEXT NOT NULL,
            quiz TEXT NOT NULL,
            extra INTEGER NOT NULL CHECK (extra >= 0),
            PRIMARY KEY (user_id, course, quiz)
        ) WITHOUT ROWID;
        """,
        // Emails and usernames are stored folded (`Identity`); `Store.foldIdentities` folds older rows at
        // start and notes here why a row could not be (`email`, `username`: the folded form is another
        // account's; `look-alike`: a username the new policy refuses), for an administrator to settle.
        """
        ALTER TABLE user ADD COLUMN identity_conflict TEXT;
        """,
        // Requests to reload the courses (SIGHUP on any instance, `lectern db reload`): every `lectern
        // serve` on the database polls the newest id and reloads when it grows.
        """
        CREATE TABLE course_reload (
            id INTEGER PRIMARY KEY,
            requested_at INTEGER NOT NULL,
            requested_by TEXT NOT NULL
        );
        """,
        // Statements other systems (kiosks, SCORM packages) send to the xAPI endpoint, kept as sent, with
        // what the queries filter on; `seq` orders them as stored.
        """
        CREATE TABLE xapi_statement (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            stored INTEGER NOT NULL,
            verb TEXT NOT NULL,
            activity TEXT NOT NULL,
            actor TEXT NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX xapi_statement_verb ON xapi_statement(verb, seq);
        CREATE INDEX xapi_statement_activity ON xapi_statement(activity, seq);
        CREATE INDEX xapi_statement_actor ON xapi_statement(actor, seq);
        """,
        // A first-use password (a printed sign-in card, an administrator's reset): the account may do
        // nothing but choose its own password until it has.
        """
        ALTER TABLE user ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
        """,
        // Statements `lectern serve --lrs` forwards: made from the records, kept until the store took them.
        """
        CREATE TABLE xapi_outbox (
            id TEXT PRIMARY KEY,
            body TEXT NOT NULL,
            enqueued_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_try_at INTEGER NOT NULL,
            sent_at INTEGER,
            last_error TEXT
        );
        CREATE INDEX xapi_outbox_due ON xapi_outbox(sent_at, next_try_at);
        """,
        // Classes (groups) a school runs: their instructors, members and the courses they are enrolled in.
        // A class is archived, never deleted, so its learners' records keep their grouping.
        """
        CREATE TABLE class (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            archived INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE class_instructor (
            class_id INTEGER NOT NULL REFERENCES class(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            PRIMARY KEY (class_id, user_id)
        ) WITHOUT ROWID;
        CREATE TABLE class_member (
            class_id INTEGER NOT NULL REFERENCES class(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            added_at INTEGER NOT NULL,
            PRIMARY KEY (class_id, user_id)
        ) WITHOUT ROWID;
        CREATE INDEX class_member_user ON class_member(user_id);
        CREATE TABLE class_course (
            class_id INTEGER NOT NULL REFERENCES class(id) ON DELETE CASCADE,
            course TEXT NOT NULL,
            PRIMARY KEY (class_id, course)
        ) WITHOUT ROWID;
        """,
        // The inbox: notifications each account is sent (an announcement, a certificate, a grade, a reply),
        // and the announcements instructors write to a course or to one class in it.
        """
        CREATE TABLE announcement (
            id INTEGER PRIMARY KEY,
            course TEXT NOT NULL,
            class_id INTEGER REFERENCES class(id) ON DELETE CASCADE,
            author_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX announcement_course ON announcement(course, id);
        CREATE TABLE notification (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            course TEXT,
            subject TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT '',
            link TEXT NOT NULL DEFAULT '',
            announcement_id INTEGER REFERENCES announcement(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            read_at INTEGER
        );
        CREATE INDEX notification_user ON notification(user_id, id);
        CREATE INDEX notification_unread ON notification(user_id) WHERE read_at IS NULL;
        CREATE INDEX notification_created ON notification(created_at);
        CREATE INDEX notification_announcement ON notification(announcement_id) WHERE announcement_id IS NOT NULL;
        """,
        // Lesson discussions (`discussion:` in course.yaml): a topic is a post without `topic_id`, a reply
        // names its topic. `lesson` is '' for the course home. `state` is what readers see: published,
        // pending (a moderated course's learner post waiting for an instructor) or hidden by one.
        """
        CREATE TABLE discussion_post (
            id INTEGER PRIMARY KEY,
            course TEXT NOT NULL,
            lesson TEXT NOT NULL,
            topic_id INTEGER REFERENCES discussion_post(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('published', 'pending', 'hidden')),
            pinned INTEGER NOT NULL DEFAULT 0,
            locked INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            edited_at INTEGER,
            last_activity_at INTEGER NOT NULL
        );
        CREATE INDEX discussion_post_place ON discussion_post(course, lesson, topic_id);
        CREATE INDEX discussion_post_topic ON discussion_post(topic_id, id);
        CREATE INDEX discussion_post_state ON discussion_post(course, state);
        CREATE INDEX discussion_post_user ON discussion_post(user_id, created_at);
        """,
        // Work handed in for assignments: one submission per learner and assignment (replaced until graded),
        // its files by content hash (the bytes live in the files folder), its points and feedback.
        """
        CREATE TABLE submission (
            id INTEGER PRIMARY KEY,
            course TEXT NOT NULL,
            assignment TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            submitted_at INTEGER NOT NULL,
            late INTEGER NOT NULL DEFAULT 0,
            points REAL,
            feedback TEXT NOT NULL,
            graded_at INTEGER,
            graded_by INTEGER REFERENCES user(id) ON DELETE SET NULL,
            UNIQUE (course, assignment, user_id)
        );
        CREATE INDEX submission_user ON submission(user_id);
        CREATE TABLE submission_file (
            id INTEGER PRIMARY KEY,
            submission_id INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            content_type TEXT NOT NULL,
            added_at INTEGER NOT NULL
        );
        CREATE INDEX submission_file_submission ON submission_file(submission_id);
        CREATE INDEX submission_file_hash ON submission_file(sha256);
        """,
        // SCORM packages hosted from uploads: the manifest's summary; the files are in the files folder
        // under scorm/<sha256>/ (content-addressed: one copy per content).
        """
        CREATE TABLE scorm_package (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            sha256 TEXT NOT NULL UNIQUE,
            edition TEXT NOT NULL,
            title TEXT NOT NULL,
            description TEXT NOT NULL,
            scos TEXT NOT NULL,
            byte_count INTEGER NOT NULL,
            entry_count INTEGER NOT NULL,
            extracted_bytes INTEGER NOT NULL,
            uploaded_by INTEGER REFERENCES user(id) ON DELETE SET NULL,
            created_at INTEGER NOT NULL
        );
        """,
        // A learner's CMI data of one SCO of a hosted package in one attempt, as the runtime committed it:
        // the elements as a JSON object, and the number of the last commit taken (replays are refused).
        """
        CREATE TABLE scorm_cmi (
            package_id INTEGER NOT NULL REFERENCES scorm_package(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            attempt INTEGER NOT NULL,
            sco TEXT NOT NULL,
            cmi TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (package_id, user_id, attempt, sco)
        ) WITHOUT ROWID;
        """,
        // Whether the SCO's session that wrote an attempt's data ended (Terminate / LMSFinish): a launch after
        // an attempt that ended without `suspend` begins the next attempt with fresh data.
        """
        ALTER TABLE scorm_cmi ADD COLUMN terminated INTEGER NOT NULL DEFAULT 0;
        """,
    ])
}
