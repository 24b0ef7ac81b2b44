package dev.jamra.server.downloads;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.ChannelClient;


import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.jamra.server.downloads.DownloadAssertions.data;
import static dev.jamra.server.downloads.DownloadAssertions.enqueue;
import static dev.jamra.server.downloads.DownloadAssertions.hasFiles;
import static dev.jamra.server.downloads.DownloadAssertions.of;
import static dev.jamra.server.downloads.DownloadAssertions.untilFinished;
import static dev.jamra.server.downloads.DownloadTestServer.SOURCE;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A server with the default rule, public addresses only, and pages a source lists on this machine or without a
 * host: downloads fail with a clear reason, the reader answers 502, and neither tells the client a page URL or an
 * exception's text.
 */
class PageSafetyTest {
    @RegisterExtension
    static final DownloadTestServer SERVER = DownloadTestServer.create(Map.of(
            "allow-private-networks", "false", "retries", "0"));

    private final RestClient http = SERVER.http();

    @BeforeAll
    static void listPages() {
        for (String manga : List.of("m", "r")) {
            SERVER.pages().addManga(manga, "M");
            SERVER.pages().addChapter(manga, "local", "1", List.of(PageFixture.of("1.png")));
            SERVER.pages().addChapter(manga, "no-host", "2", List.of(PageFixture.of("1.png")
                    .listedAt("http:///pages/m/1.png")));
        }
    }

    @Test
    void downloadsOfPagesOnThisMachineOrWithoutHostFailClearly() {
        String item = SERVER.libraryItem("m");
        Map<String, String> ids = new LinkedHashMap<>();
        List<JsonObject> events;
        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            enqueue(http, item, SOURCE, "local", "no-host").forEach((chapter, download) ->
                    ids.put(chapter, download.getString("id")));
            events = untilFinished(client, new HashSet<>(ids.values()));
        }
        assertEquals("Page 1: Refused to connect to a host that is not on the public internet"
                     + " (see downloads.allow-private-networks)", failure(events, ids.get("local")));
        assertEquals("Page 1: The source gave a page URL without a host", failure(events, ids.get("no-host")));
        assertEquals(0, SERVER.pages().requests("m", "local", "1.png"), "the first request is checked too");
        ids.values().forEach(id -> assertFalse(hasFiles(SERVER.dataDir(), id)));
    }

    @Test
    void theReaderAnswers502WithoutDetails() {
        String item = SERVER.libraryItem("r");
        for (String chapter : List.of("no-host", "local")) {
            RestClient.Response page = http.get("/api/reader/" + item + "/chapters/" + chapter + "/pages/1");
            assertEquals(502, page.status(), page::body);
            assertEquals("Page 1 could not be fetched from the source 'fixture'", page.message());
            assertNoDetails(page.body());
        }
    }

    private static String failure(List<JsonObject> events, String downloadId) {
        List<JsonObject> run = of(events, downloadId);
        String error = data(run.get(run.size() - 1), "download:failed").getString("error");
        assertNoDetails(error);
        return error;
    }

    /** No page URL, host or exception text reaches a client. */
    private static void assertNoDetails(String text) {
        for (String detail : List.of("127.0.0.1", "http:", "/pages/", "Exception", "localhost")) {
            assertThat(text, not(containsString(detail)));
        }
    }
}
