-- What the server knows about its data folder beyond the library: whether the original server's data still waits
-- to be imported, and whether download folders made before ownership markers existed are still to be adopted.
-- And which downloads an import added as failed for want of sound page files, so a later import may repair them.

CREATE TABLE server_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- Folders that earlier versions of this server created under downloads/ carry no ownership marker: the next start
-- adopts those of its downloads that hold nothing but their recorded pages (see DownloadFolders).
INSERT INTO server_state (key, value)
SELECT 'download-folders-to-adopt', 'pending' WHERE EXISTS (SELECT 1 FROM downloads);

CREATE TABLE import_placeholders (
    download_id  TEXT PRIMARY KEY REFERENCES downloads (id) ON DELETE CASCADE
);

-- the failed downloads earlier imports added, recognized by the reason they wrote
INSERT INTO import_placeholders (download_id)
SELECT id FROM downloads WHERE status = 'failed' AND error LIKE 'Imported from the original server with %';
