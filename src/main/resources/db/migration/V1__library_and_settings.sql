-- Library items, reading progress and settings.
-- Timestamps are ISO-8601 UTC strings with milliseconds, as the API returns them; they sort in time order.

CREATE TABLE library_items (
    id            TEXT PRIMARY KEY,
    manga_id      TEXT NOT NULL,
    extension_id  TEXT NOT NULL,
    title         TEXT NOT NULL,
    -- the title folded by the server (Unicode lower case), for case-insensitive search and sort:
    -- SQLite's own LIKE and NOCASE fold ASCII letters only
    title_key     TEXT NOT NULL,
    cover_url     TEXT,
    status        TEXT NOT NULL CHECK (status IN ('reading', 'plan_to_read', 'completed', 'dropped', 'on_hold')),
    favorite      INTEGER NOT NULL DEFAULT 0 CHECK (favorite IN (0, 1)),
    date_added    TEXT NOT NULL,
    last_updated  TEXT NOT NULL,
    UNIQUE (manga_id, extension_id)
);

CREATE INDEX library_items_status ON library_items (status);
CREATE INDEX library_items_title_key ON library_items (title_key);
CREATE INDEX library_items_date_added ON library_items (date_added);
CREATE INDEX library_items_last_updated ON library_items (last_updated);

CREATE TABLE reading_progress (
    id              TEXT PRIMARY KEY,
    library_id      TEXT NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
    chapter_id      TEXT NOT NULL,
    chapter_number  TEXT,
    page_number     INTEGER NOT NULL CHECK (page_number >= 0),
    total_pages     INTEGER CHECK (total_pages IS NULL OR total_pages >= 1),
    last_read       TEXT NOT NULL,
    -- grows with every progress write of the item: orders writes that fall in the same millisecond
    read_order      INTEGER NOT NULL,
    completed       INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
    UNIQUE (library_id, chapter_id),
    CHECK (total_pages IS NULL OR page_number <= total_pages)
);

CREATE INDEX reading_progress_read_order ON reading_progress (library_id, read_order);

CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    scope       TEXT NOT NULL,
    -- the JSON text of the value
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE INDEX settings_scope ON settings (scope);
