-- Chapter downloads and their pages. A library item has at most one download per chapter: a failed or cancelled
-- one is queued again in place. Page files live under <data dir>/downloads/<download id>/; file_path is relative
-- to that downloads folder.

CREATE TABLE downloads (
    id              TEXT PRIMARY KEY,
    library_id      TEXT NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
    manga_id        TEXT NOT NULL,
    chapter_id      TEXT NOT NULL,
    chapter_number  TEXT,
    extension_id    TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('queued', 'downloading', 'completed', 'failed', 'cancelled')),
    progress        INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    total_pages     INTEGER CHECK (total_pages IS NULL OR total_pages >= 0),
    error           TEXT,
    created_at      TEXT NOT NULL,
    started_at      TEXT,
    completed_at    TEXT,
    UNIQUE (library_id, chapter_id)
);

CREATE INDEX downloads_status ON downloads (status, created_at);
CREATE INDEX downloads_created ON downloads (created_at);

CREATE TABLE download_pages (
    id             TEXT PRIMARY KEY,
    download_id    TEXT NOT NULL REFERENCES downloads (id) ON DELETE CASCADE,
    page_number    INTEGER NOT NULL CHECK (page_number >= 1),
    page_url       TEXT NOT NULL,
    file_path      TEXT NOT NULL,
    file_size      INTEGER NOT NULL CHECK (file_size >= 0),
    downloaded_at  TEXT NOT NULL,
    UNIQUE (download_id, page_number)
);
