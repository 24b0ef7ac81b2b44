package dev.jamra.server.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A data folder of the original Node.js server: {@code manga.db} made by the original's own migration statements
 * ({@code importer/original-migrations.sql}, copied from its {@code migrations.ts}) and filled the way its
 * repositories write (ISO dates from {@code toISOString()}, {@code JSON.stringify} values, epoch-millisecond
 * settings times, absolute page paths), with page files in {@code downloads/<download id>/}.
 */
public final class OriginalFixture {
    private static final Pattern MIGRATION = Pattern.compile("^-- @migration (\\d+): (.*)$", Pattern.MULTILINE);

    public static final String DATE = "2025-01-09T18:10:00.000Z";
    /** The settings of {@link #standard}: one of every JSON type, in every scope, as JSON.stringify wrote them. */
    public static final Map<String, String> SETTINGS = Map.of(
            "reader.settings", "{\"mode\":\"rtl\",\"zoom\":1.5,\"fit\":null,\"nested\":{\"a\":[1,2]}}",
            "recent.searches", "[\"one\",\"two\",3]",
            "theme", "\"dark\"",
            "downloads.concurrency", "3",
            "reader.brightness", "0.85",
            "notifications.enabled", "true",
            "catalog.nsfw", "false",
            "extensions.last", "null",
            "sandbox.hosts", "[]");
    public static final List<String> STATUSES = List.of("reading", "plan_to_read", "completed", "dropped", "on_hold");

    /** The pages of the sound download {@code dl-ok} of {@link #standard}, by number. */
    public final Map<Integer, byte[]> okPages = new LinkedHashMap<>();

    public final Path folder;
    public final Path database;
    public final Path downloads;

    private OriginalFixture(Path folder) {
        this.folder = folder;
        this.database = folder.resolve("manga.db");
        this.downloads = folder.resolve("downloads");
    }

    /** An original data folder with the original's schema at {@code versions}, and no rows. */
    public static OriginalFixture empty(Path folder, int... versions) {
        OriginalFixture fixture = new OriginalFixture(folder);
        try {
            Files.createDirectories(fixture.downloads);
            try (Connection c = fixture.connect()) {
                Map<Integer, String[]> migrations = migrations();
                exec(c, migrations.get(0)[1]);
                for (int version : versions) {
                    String[] migration = migrations.get(version);
                    exec(c, migration[1]);
                    try (PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO migrations (version, description, applied_at) VALUES (?, ?, ?)")) {
                        insert.setInt(1, version);
                        insert.setString(2, migration[0]);
                        insert.setLong(3, 1736446200000L);
                        insert.executeUpdate();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return fixture;
    }

    /**
     * An original user's data: a library item in every status ({@code lib-<status>}), reading progress, settings of
     * every JSON type, a sound completed download {@code dl-ok} (3 pages), a completed download
     * {@code dl-damaged} whose page 2 file is gone, a failed and a cancelled one, and an extension and catalog.
     */
    public static OriginalFixture standard(Path folder) {
        OriginalFixture f = empty(folder);
        for (int i = 0; i < STATUSES.size(); i++) {
            String status = STATUSES.get(i);
            f.libraryItem("lib-" + status, "manga-" + i, i == 4 ? "Ｎａｕｓｉｃａä " + status : "Title " + status,
                    status, i % 2 == 0, "2025-01-0" + (i + 1) + "T08:00:00.000Z");
        }
        f.progress("prog-1", "lib-reading", "ch-1", "1", 20, 20, "2025-01-02T10:00:00.000Z");
        f.progress("prog-2", "lib-reading", "ch-2", "2", 5, 18, "2025-01-03T10:00:00.000Z");
        f.progress("prog-3", "lib-completed", "ch-9", null, 3, null, "2025-01-04T10:00:00.000Z");
        f.progress("prog-4", "lib-on_hold", "ch-1", "1", 0, 12, "2025-01-05T10:00:00.000Z");
        String[] scopes = {"app", "catalog", "extensions", "sandbox"};
        int n = 0;
        for (Map.Entry<String, String> setting : new java.util.TreeMap<>(SETTINGS).entrySet()) {
            f.setting(setting.getKey(), scopes[n++ % scopes.length], setting.getValue());
        }
        f.download("dl-ok", "lib-reading", "ch-1", "completed", 3, null);
        f.okPages.put(1, f.page("dl-ok", 1, "png"));
        f.okPages.put(2, f.page("dl-ok", 2, "png"));
        f.okPages.put(3, f.page("dl-ok", 3, "jpg"));
        f.download("dl-damaged", "lib-reading", "ch-2", "completed", 2, null);
        f.page("dl-damaged", 1, "png");
        f.page("dl-damaged", 2, "png");
        try {
            Files.delete(f.pageFile("dl-damaged", 2, "png"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        f.download("dl-failed", "lib-completed", "ch-9", "failed", null, "Network error");
        f.download("dl-cancelled", "lib-dropped", "ch-4", "cancelled", 10, null);
        f.sql("INSERT INTO extensions (id, slug, name, version, install_path, manifest_json, installed_at, updated_at) "
              + "VALUES ('ext-1', 'mangadex', 'MangaDex', '1.2.0', '/ext/mangadex', '{}', 1, 1)");
        f.sql("INSERT INTO catalog_repos (id, name, url, type, created_at, updated_at) "
              + "VALUES ('local-catalog', 'Local Catalog', '/catalog/index.json', 'filesystem', 1, 1)");
        for (String slug : List.of("mangadex", "weebcentral")) {
            f.sql("INSERT INTO catalog_entries (id, repo_id, slug, name, version, archive_url, created_at, updated_at) "
                  + "VALUES (?, 'local-catalog', ?, ?, '1.0.0', 'x.zip', 1, 1)", "entry-" + slug, slug, slug);
        }
        return f;
    }

    /** An original data folder at the schema version the importer knows. */
    public static OriginalFixture empty(Path folder) {
        return empty(folder, 1, 2, 3, 4);
    }

    public Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
        try (Statement statement = c.createStatement()) {
            statement.execute("PRAGMA foreign_keys = ON"); // as the original's connection.ts
        }
        return c;
    }

    public void sql(String sql, Object... parameters) {
        try (Connection c = connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void libraryItem(String id, String mangaId, String title, String status, boolean favorite,
                            String dateAdded) {
        sql("INSERT INTO library (id, manga_id, extension_id, title, cover_url, status, favorite, date_added, "
            + "last_updated) VALUES (?, ?, 'mangadex', ?, ?, ?, ?, ?, ?)",
                id, mangaId, title, "https://covers.example/" + mangaId + ".jpg", status, favorite ? 1 : 0, dateAdded,
                DATE);
    }

    public void progress(String id, String libraryId, String chapterId, String chapterNumber, int page, Integer total,
                  String lastRead) {
        sql("INSERT INTO reading_progress (id, library_id, chapter_id, chapter_number, page_number, total_pages, "
            + "last_read, completed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id, libraryId, chapterId, chapterNumber, page, total, lastRead,
                total != null && page == total ? 1 : 0);
    }

    /** A setting as the original's repository stores it: {@code JSON.stringify(value)}. */
    public void setting(String key, String scope, String valueJson) {
        sql("INSERT INTO settings (key, scope, value_json, updated_at) VALUES (?, ?, ?, ?)", key, scope, valueJson,
                1736446200123L);
    }

    public void download(String id, String libraryId, String chapterId, String status, Integer totalPages,
                         String error) {
        sql("INSERT INTO downloads (id, library_id, chapter_id, chapter_number, extension_id, status, progress, "
            + "total_pages, error, created_at, started_at, completed_at) VALUES (?, ?, ?, ?, 'mangadex', ?, ?, ?, ?, "
            + "?, ?, ?)",
                id, libraryId, chapterId, chapterId.replace("ch-", ""), status,
                status.equals("completed") ? 100 : 0, totalPages, error, DATE, "2025-01-09T18:10:01.000Z",
                status.equals("queued") ? null : "2025-01-09T18:10:05.000Z");
    }

    /** A page the original downloaded: its file written where the original writes it, and its row. */
    public byte[] page(String downloadId, int number, String extension) {
        return page(downloadId, number, extension, extension);
    }

    /**
     * A page as {@link #page(String, int, String)} writes it, in a file named {@code .<extension>} that holds an
     * image of type {@code type} (the original named files after the type its page's server declared).
     */
    public byte[] page(String downloadId, int number, String extension, String type) {
        byte[] bytes = image(type, downloadId + "/" + number);
        Path file = downloads.resolve(downloadId).resolve(String.format("page_%03d.%s", number, extension));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sql("INSERT INTO downloaded_pages (id, download_id, page_number, page_url, file_path, file_size, "
            + "downloaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                downloadId + "-p" + number, downloadId, number, "https://pages.example/" + downloadId + "/" + number,
                file.toAbsolutePath().toString(), bytes.length, "2025-01-09T18:10:02.000Z");
        return bytes;
    }

    public Path pageFile(String downloadId, int number, String extension) {
        return downloads.resolve(downloadId).resolve(String.format("page_%03d.%s", number, extension));
    }

    /** Bytes an image sniffer takes for {@code extension}, different for every {@code seed}. */
    public static byte[] image(String extension, String seed) {
        byte[] header = switch (extension) {
            case "png" -> new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
            case "jpg" -> new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0};
            default -> throw new IllegalArgumentException(extension);
        };
        byte[] body = ("image " + seed).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[header.length + body.length];
        System.arraycopy(header, 0, bytes, 0, header.length);
        System.arraycopy(body, 0, bytes, header.length, body.length);
        return bytes;
    }

    public static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** version -> {description, statements}, from the resource copied from the original's migrations.ts. */
    private static Map<Integer, String[]> migrations() throws IOException {
        String text;
        try (InputStream in = OriginalFixture.class.getResourceAsStream("/importer/original-migrations.sql")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<Integer, String[]> migrations = new LinkedHashMap<>();
        Matcher m = MIGRATION.matcher(text);
        List<int[]> starts = new ArrayList<>();
        List<String[]> heads = new ArrayList<>();
        while (m.find()) {
            starts.add(new int[] {m.start(), m.end()});
            heads.add(new String[] {m.group(1), m.group(2)});
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length();
            migrations.put(Integer.parseInt(heads.get(i)[0]),
                    new String[] {heads.get(i)[1], text.substring(starts.get(i)[1], end)});
        }
        return migrations;
    }

    /** Runs statements separated by {@code ;} as {@code db.exec} does. */
    private static void exec(Connection c, String statements) throws SQLException {
        try (Statement statement = c.createStatement()) {
            for (String sql : statements.split(";\\s*\\n|;\\s*$")) {
                if (!sql.replaceAll("(?m)^\\s*--.*$", "").isBlank()) {
                    statement.executeUpdate(sql);
                }
            }
        }
    }
}
