package dev.jamra.server.library;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import dev.jamra.server.storage.Database;
import dev.jamra.server.updates.UpdateRepository;

import io.helidon.common.uri.UriQuery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * A library with every kind of field, stored as rows the way any writer might have left them: stored covers (with
 * quotes and backslashes, empty), a cover a source serves itself ({@link #covers}) and none at all, new chapter
 * counts, every status, favorites, titles in every script and with every control character, text that is not
 * UTF-8, dates stored in other forms than the API's; and enough plain items that the whole list takes several
 * chunks of an answer. What the streamed pages are compared on.
 */
final class EncodingLibrary {
    /** Enough plain items that the whole list takes several chunks of the answer. */
    static final int FILLERS = 1000;
    /** The pages compared: every order, filter and window. */
    private static final List<String> QUERIES = List.of("", "?sort=title", "?sort=title&direction=desc", "?sort=dateAdded",
            "?sort=dateAdded&direction=asc", "?sort=lastUpdated&direction=asc", "?status=reading",
            "?status=on_hold&favorite=true", "?favorite=false", "?favorite=true&sort=title", "?search=dra",
            "?search=%25", "?search=_", "?search=%E5%A4%9C", "?search=%EF%BC%A6ULL", "?search=nothing-matches",
            "?limit=8&sort=lastUpdated&direction=desc", "?sort=lastUpdated&direction=desc&limit=20",
            "?limit=50&offset=100", "?offset=950", "?offset=100000", "?limit=0", "?limit=1000",
            "?limit=500&offset=10", "?search=a&offset=3", "?search=nothing-matches&offset=2", "?search=bad&sort=title");
    private static final String[] STATUSES = {"reading", "plan_to_read", "completed", "dropped", "on_hold"};
    private static final String[] WORDS = {"Dragon", "Academy", "Blade", "Shadow", "夜", "桜", "Crimson", "Tale",
        "100%", "snake_case", "C:\\Manga", "\"Best\"", "l'été", "Ｆｕｌｌ"};

    private EncodingLibrary() {
    }

    /** The query strings of the pages compared (each with its {@code ?}, or empty). */
    static List<String> queries() {
        return QUERIES;
    }

    /** The page {@code query} asks for as the server encoded it before pages were streamed. */
    static byte[] previous(Database db, String query, String serverBase) {
        return PreviousPageEncoding.page(db, parse(query), new UpdateRepository(), EncodingLibrary::covers,
                serverBase);
    }

    static LibraryQuery parse(String query) {
        return LibraryRequests.query(UriQuery.create(query.isEmpty() ? "" : query.substring(1)));
    }

    /** Equal bytes; otherwise fails showing where they part. */
    static void assertSameBytes(byte[] expected, byte[] actual, String what) {
        int at = Arrays.mismatch(expected, actual);
        if (at >= 0) {
            int from = Math.max(0, at - 120);
            assertArrayEquals(expected, actual, () -> what + ": first difference at byte " + at + "\nexpected ..."
                    + new String(expected, from, Math.min(expected.length, at + 120) - from, StandardCharsets.UTF_8)
                    + "\nbut was  ..."
                    + new String(actual, from, Math.min(actual.length, at + 120) - from, StandardCharsets.UTF_8));
        }
    }

    /** The local manga that have a cover file: {@link #covers} serves theirs. */
    static final List<String> SERVED = List.of("served", "served-stored", "served-odd");

    /** The server's default covers here: the local library's, for the manga that have a cover file. */
    static Optional<String> covers(String extensionId, String mangaId, String base) {
        return extensionId.equals("local") && SERVED.contains(mangaId)
                ? Optional.of(base + "/api/extensions/local/manga/" + mangaId + "/cover")
                : Optional.empty();
    }

    /** The database of {@code dataDir}, opened, its library (empty until now) filled. */
    static Database seeded(Path dataDir) {
        Database db = Database.open(dataDir);
        seed(db);
        return db;
    }

    private static void seed(Database db) {
        db.write(c -> {
            special(c);
            Random random = new Random(28);
            for (int i = 0; i < FILLERS; i++) {
                StringBuilder title = new StringBuilder();
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    title.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                }
                title.append(i);
                String day = String.format("2024-%02d-%02dT%02d:%02d:%02d.%03dZ", 1 + random.nextInt(12),
                        1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60),
                        random.nextInt(1000));
                insert(c, "filler-" + i, utf8("manga-" + i), utf8(i % 3 == 0 ? "mangadex" : "other"),
                        utf8(title.toString()), i % 11 == 0 ? null : utf8("https://covers.example/" + i + ".jpg"),
                        STATUSES[random.nextInt(STATUSES.length)], random.nextInt(2), day, day);
                if (i % 13 == 0) {
                    newChapters(c, "filler-" + i, 1 + random.nextInt(3), random.nextBoolean());
                }
            }
            return null;
        });
    }

    /** The items whose fields are each an edge of their own. */
    private static void special(Connection c) throws SQLException {
        String at = "2025-01-09T18:10:00.000Z";
        insert(c, "served", utf8("served"), utf8("local"), utf8("Served cover"), null, "reading", 1, at, at);
        insert(c, "coverless", utf8("coverless"), utf8("local"), utf8("No cover at all"), null, "dropped", 0, at, at);
        insert(c, "empty-cover", utf8("empty-cover"), utf8("other"), utf8("Empty cover"), utf8(""), "on_hold", 1,
                at, at);
        insert(c, "quoted-cover", utf8("quoted-cover"), utf8("other"), utf8("Quoted cover"),
                utf8("https://e.example/a\"b\\c d.jpg?x=1&y=<2>"), "completed", 0, at, at);
        StringBuilder controls = new StringBuilder("Controls");
        for (char ch = 0; ch < 0x20; ch++) {
            controls.append(ch);
        }
        insert(c, "controls", utf8("controls"), utf8("other"), utf8(controls + "\u007f\"\\/'"), null, "reading", 0,
                at, at);
        insert(c, "scripts", utf8("漫画-ü"), utf8("ext\"ension"), utf8("進撃の巨人 — Ärger ﬁ 😀 \u2028\u2029 \uFFFD é"),
                utf8("https://e.example/夜.jpg"), "plan_to_read", 1, at, at);
        for (String hex : List.of("C341", "80", "EDA080", "C0AF", "F88080808041", "E282", "41FF42")) {
            byte[] bad = HexFormat.of().parseHex(hex);
            insert(c, "bad-" + hex, utf8("bad-" + hex), bad, concat(utf8("Bad "), bad), concat(utf8("https://b/"), bad),
                    "reading", 0, at, at);
        }
        insert(c, "no-millis", utf8("no-millis"), utf8("other"), utf8("Dates without milliseconds"), null,
                "completed", 1, "2025-01-09T18:10:00Z", "2025-01-09T18:10:00.5Z");
        insert(c, "micros", utf8("micros"), utf8("other"), utf8("Dates with microseconds"), utf8("https://m/c.jpg"),
                "reading", 0, "2025-01-09T18:10:00.123456Z", "2024-02-29T23:59:59.999Z");
        insert(c, "year-zero", utf8("year-zero"), utf8("other"), utf8("Year zero"), utf8("https://z/c.jpg"),
                "reading", 0, "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z");
        // a source's own cover: never over a stored one, and also for a row written from its columns
        insert(c, "served-stored", utf8("served-stored"), utf8("local"), utf8("Stored over served"),
                utf8("https://s/stored.jpg"), "reading", 0, at, at);
        insert(c, "served-odd", utf8("served-odd"), utf8("local"), utf8("Served, odd dates"), null, "reading", 0,
                "2025-01-09T18:10:00Z", at);
        newChapters(c, "served", 4, false);
        newChapters(c, "scripts", 2, true);
        newChapters(c, "bad-80", 1, false);
    }

    /** A plain item of its own, {@code id}, with the dates given stored as they are. */
    static int insertItem(Connection c, String id, String dateAdded, String lastUpdated) throws SQLException {
        insert(c, id, utf8(id), utf8("other"), utf8("Item " + id), utf8("https://i/" + id + ".jpg"), "reading", 0,
                dateAdded, lastUpdated);
        return 1;
    }

    private static void insert(Connection c, String id, byte[] mangaId, byte[] extensionId, byte[] title,
                               byte[] cover, String status, int favorite, String dateAdded, String lastUpdated)
            throws SQLException {
        // every text bound as bytes and stored as text as it is, so that it may be anything, UTF-8 or not
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO library_items (id, manga_id, extension_id,"
                + " title, title_key, cover_url, status, favorite, date_added, last_updated) VALUES (?,"
                + " CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), ?, CAST(? AS TEXT), ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setBytes(2, mangaId);
            insert.setBytes(3, extensionId);
            insert.setBytes(4, title);
            insert.setString(5, LibraryRepository.fold(new String(title, StandardCharsets.UTF_8)));
            insert.setBytes(6, cover);
            insert.setString(7, status);
            insert.setInt(8, favorite);
            insert.setString(9, dateAdded);
            insert.setString(10, lastUpdated);
            insert.executeUpdate();
        }
    }

    /** {@code count} chapters found new for the item; opened ones too when asked, which do not count. */
    private static void newChapters(Connection c, String libraryId, int count, boolean alsoOpened)
            throws SQLException {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(null);
        }
        if (alsoOpened) {
            rows.add("2025-01-10T00:00:00.000Z");
        }
        int chapter = 0;
        for (String openedAt : rows) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO library_new_chapters (library_id,"
                    + " chapter_id, chapter_number, found_at, opened_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, libraryId);
                insert.setString(2, "chapter-" + chapter);
                insert.setString(3, String.valueOf(chapter++));
                insert.setString(4, "2025-01-09T00:00:00.000Z");
                insert.setString(5, openedAt);
                insert.executeUpdate();
            }
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
