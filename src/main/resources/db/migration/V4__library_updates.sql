-- Library updates: the chapters each check of a library item saw, the chapters it found new, and the state of the
-- last check. Every row of an item goes with it (cascade). Times are ISO-8601 UTC strings with milliseconds.

-- Items checked at least once: their first check records chapters without calling them new.
CREATE TABLE library_update_items (
    library_id  TEXT PRIMARY KEY REFERENCES library_items (id) ON DELETE CASCADE,
    checked_at  TEXT NOT NULL
);

-- The source's chapter ids a check has seen, per item; a chapter that leaves the source stays known, so it is not
-- called new again if it comes back.
CREATE TABLE library_known_chapters (
    library_id  TEXT NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
    chapter_id  TEXT NOT NULL,
    PRIMARY KEY (library_id, chapter_id)
) WITHOUT ROWID;

-- Chapters a check found new: the feed, newest first by id. opened_at is set when the reader opens the chapter;
-- until then it counts in the item's newChapters.
CREATE TABLE library_new_chapters (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    library_id      TEXT NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
    chapter_id      TEXT NOT NULL,
    chapter_number  TEXT NOT NULL,
    chapter_title   TEXT,
    found_at        TEXT NOT NULL,
    opened_at       TEXT,
    UNIQUE (library_id, chapter_id)
);

CREATE INDEX library_new_chapters_unopened ON library_new_chapters (library_id) WHERE opened_at IS NULL;

-- The last check, in one row (id 1): running, items checked of total, when it started and ended.
CREATE TABLE library_update_check (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    running      INTEGER NOT NULL CHECK (running IN (0, 1)),
    checked      INTEGER NOT NULL CHECK (checked >= 0),
    total        INTEGER NOT NULL CHECK (total >= checked),
    started_at   TEXT NOT NULL,
    finished_at  TEXT
);

-- The items the last check could not check, in the order it met them.
CREATE TABLE library_update_errors (
    position    INTEGER PRIMARY KEY,
    library_id  TEXT NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    message     TEXT NOT NULL
);
