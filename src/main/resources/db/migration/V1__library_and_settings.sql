-- Library items, reading progress and settings.
-- Timestamps are ISO-8601 UTC strings with milliseconds, as the API returns them.

CREATE TABLE library_items (
    id            TEXT PRIMARY KEY,
    manga_id      TEXT NOT NULL,
    extension_id  TEXT NOT NULL,
    title         TEXT NOT NULL,
    cover_url     TEXT,
    status        TEXT NOT NULL CHECK (status IN ('reading', 'plan_to_read', 'completed', 'dropped', 'on_hold')),
    favorite      INTEGER NOT NULL DEFAULT 0 CHECK (favorite IN (0, 1)),
    date_added    TEXT NOT NULL,
    last_updated  TEXT NOT NULL,
    UNIQUE (manga_id, extension_id)
);

CREATE INDEX library_items_status ON library_items (status);
CREATE INDEX library_items_title ON library_items (title COLLATE NOCASE);

CREATE TABLE reading_progress (
    id              TEXT PRIMARY KEY,
    library_id      TEXT NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
    chapter_id      TEXT NOT NULL,
    chapter_number  TEXT,
    page_number     INTEGER NOT NULL CHECK (page_number >= 0),
    total_pages     INTEGER CHECK (total_pages IS NULL OR total_pages >= 0),
    last_read       TEXT NOT NULL,
    completed       INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
    UNIQUE (library_id, chapter_id)
);

CREATE INDEX reading_progress_last_read ON reading_progress (library_id, last_read);

CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    scope       TEXT NOT NULL,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE INDEX settings_scope ON settings (scope);
