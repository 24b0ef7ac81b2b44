package dev.jamra.server.library;

import java.time.Clock;

import dev.jamra.server.storage.Database;
import dev.jamra.server.storage.Sql;
import dev.jamra.server.testing.TestConfig;
import dev.jamra.server.updates.UpdateRepository;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link PageJson} over {@link StoredItems}, without a server: every page of a library with every kind of field
 * ({@link EncodingLibrary}) is, byte for byte, what the {@code JsonObject} encoding made of the same rows
 * ({@link PreviousPageEncoding}), whatever the size of the chunks it is written in.
 */
class PageJsonTest {
    private static final String BASE = "http://127.0.0.1:3000";

    private static Database db;
    private static LibraryService library;

    @BeforeAll
    static void seed() {
        db = EncodingLibrary.seeded(TestConfig.newDataDir());
        library = new LibraryService(db, new LibraryRepository(), new UpdateRepository(), event -> { },
                Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @ParameterizedTest
    @MethodSource("dev.jamra.server.library.EncodingLibrary#queries")
    void everyPageIsThePreviousEncodingByteForByte(String query) {
        EncodingLibrary.assertSameBytes(EncodingLibrary.previous(db, query, BASE),
                PageBytes.write(library, EncodingLibrary.parse(query), EncodingLibrary::covers, 64 * 1024, BASE),
                query);
    }

    /**
     * A stored date that cannot be read as an instant failed the page before ({@code IsoTime.parse}), and still
     * does, however close to the API's form it looks: it is never sent as it is.
     */
    @ParameterizedTest
    @ValueSource(strings = {"2025-02-30T18:10:00.000Z|2025-01-09T18:10:00.000Z",
        "2025-01-09T18:10:00.000Z|2025-02-30T18:10:00.000Z", "2025-01-09T18:10:00.000Z|2025-01-09T18:10:00.000ZZ"})
    void aStoredDateTheApiCannotShowFailsThePageAsBefore(String dates) {
        String[] stored = dates.split("\\|");
        db.write(c -> EncodingLibrary.insertItem(c, "unreadable", stored[0], stored[1]));
        try {
            assertThrows(IllegalArgumentException.class, () -> EncodingLibrary.previous(db, "", BASE));
            assertThrows(IllegalArgumentException.class,
                    () -> PageBytes.write(library, EncodingLibrary.parse(""), EncodingLibrary::covers, 1024, BASE));
        } finally {
            db.write(c -> Sql.update(c, "DELETE FROM library_items WHERE id = ?", "unreadable"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 64, 1000})
    void chunksOfAnySizeMakeTheSamePage(int chunkSize) {
        for (String query : new String[] {"", "?sort=title&direction=desc", "?limit=20&offset=5"}) {
            EncodingLibrary.assertSameBytes(EncodingLibrary.previous(db, query, BASE),
                    PageBytes.write(library, EncodingLibrary.parse(query), EncodingLibrary::covers, chunkSize, BASE),
                    query + " in chunks of " + chunkSize);
        }
    }
}
