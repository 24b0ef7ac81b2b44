package dev.jamra.server.websocket;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import dev.jamra.server.events.DownloadFailed;
import dev.jamra.server.events.DownloadProgress;
import dev.jamra.server.events.LibraryUpdateProgress;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.RawWebSocket;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Clients that do not read: the publisher never waits for them, everyone else gets everything, and they are
 * closed with 1008, unless collapsing their queued progress messages is enough.
 */
class SlowConsumerTest {
    // a long close timeout: the stalled client must still be there to read its close frame
    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .configured(Map.of("websocket.close-timeout", "PT60S"))
            .connectionsGoneBeforeEach();

    /** Large enough that 20,000 of them overflow the socket buffers (4 MiB here) and the 1,024-message queue. */
    private static final String REASON = "x".repeat(600);
    /** A stalled client's receive buffer: small, so the server's side fills quickly. */
    private static final int SMALL_RECEIVE_BUFFER = 4096;

    private final URI uri = SERVER.uri();

    private static long slowConsumerCloses() {
        return SERVER.app().channel().stats().slowConsumerCloses();
    }

    @Test
    void stalledClientIsClosedWith1008WhileOthersReceiveEverything() {
        List<ChannelClient> readers = new ArrayList<>();
        try (RawWebSocket stalled = RawWebSocket.upgrade(uri, "/", Map.of(), SMALL_RECEIVE_BUFFER)) {
            assertEquals(101, stalled.status());
            for (int i = 0; i < 5; i++) {
                readers.add(ChannelClient.connect(uri));
            }
            stalledClientIsClosedWhileOthersReceiveEverything(stalled, readers);
        } finally {
            readers.forEach(ChannelClient::close);
        }
    }

    private void stalledClientIsClosedWhileOthersReceiveEverything(RawWebSocket stalled, List<ChannelClient> readers) {
        Await.until(() -> SERVER.app().channel().connectionCount() == 6, "all six are registered");
        long closesBefore = slowConsumerCloses();

        int total = 20_000;
        int batch = 500;  // below the queue capacity, so the readers never count as slow
        for (int sent = 0; sent < total; ) {
            for (int i = 0; i < batch; i++, sent++) {
                SERVER.app().channel().publish(new DownloadFailed("dl-" + sent, "ch", REASON, sent));
            }
            int published = sent;
            // if publish() waited on the stalled socket, we would never get here
            Await.until(() -> readers.stream().allMatch(r -> r.received() >= published + 1),
                    "readers have everything published so far");
        }

        for (ChannelClient reader : readers) {
            long previousSeq = -1;
            for (int n = 0; n < total; n++) {
                JsonObject message = reader.expect("download:failed");
                assertEquals("dl-" + n, message.getJsonObject("data").getString("downloadId"));
                long seq = message.getJsonNumber("seq").longValue();
                if (previousSeq >= 0) {
                    assertEquals(previousSeq + 1, seq, "no gap");
                }
                previousSeq = seq;
            }
        }

        Await.until(() -> slowConsumerCloses() == closesBefore + 1, "the stalled client counts as slow");
        assertEquals(1008, stalled.readUntilClose(), "once it reads again, its last frame is 1008");
        stalled.sendClose(1000);
        Await.until(() -> SERVER.app().channel().connectionCount() == 5, "the slow consumer is removed");

        JsonObject health = health();
        assertEquals(5, health.getInt("connections"));
        assertThat(health.getJsonNumber("slowConsumerCloses").longValue(), greaterThanOrEqualTo(closesBefore + 1));
    }

    @Test
    void slowReaderOfAProgressBurstEndsOnTheFinalPercentageWithoutBeingClosed() {
        int pages = 100_000;  // ~19 MB of progress: far more than the socket buffers and the queue hold
        Burst read = readSlowly(() -> {
            for (int page = 1; page <= pages; page++) {
                SERVER.app().channel().publish(DownloadProgress.of("dl-burst", "ch-burst", page, pages, page));
            }
        }, "download:progress", data -> data.getInt("currentPage"), data -> data.getInt("currentPage") == pages);
        assertEquals(100, read.last().getInt("percentage"));
        assertThat("waiting progress was collapsed", read.messages(), lessThan(pages));
    }

    @Test
    void slowReaderOfALibraryCheckEndsOnItsLastReportWithoutBeingClosed() {
        int items = 30_000;  // ~3.6 MB of reports: far more than the socket buffers and the queue hold
        Burst read = readSlowly(() -> {
            for (int checked = 0; checked <= items; checked++) {
                SERVER.app().channel().publish(new LibraryUpdateProgress(true, checked, items, checked));
            }
            SERVER.app().channel().publish(new LibraryUpdateProgress(false, items, items, items + 1));
        }, "library:update:progress",
                // the last report comes after the running one of the same count
                data -> 2 * data.getInt("checked") + (data.getBoolean("running") ? 0 : 1),
                data -> !data.getBoolean("running"));
        assertEquals(items, read.last().getInt("checked"));
        assertThat("waiting reports were collapsed", read.messages(), lessThan(items));
    }

    /** What a slow reader read of a burst: how many messages of the event, and the last one's data. */
    private record Burst(int messages, JsonObject last) {
    }

    /**
     * Has {@code burst} published to a client that reads slowly, then reads its messages of {@code event} until
     * {@code isLast}; each must come later by {@code order} than the one before. Collapsing must be enough: the
     * client is not closed.
     */
    private Burst readSlowly(Runnable burst, String event, ToIntFunction<JsonObject> order,
                             Predicate<JsonObject> isLast) {
        RawWebSocket slow = RawWebSocket.upgrade(uri, "/", Map.of(), SMALL_RECEIVE_BUFFER);
        assertEquals(101, slow.status());
        Await.until(() -> SERVER.app().channel().connectionCount() == 1, "it is registered");
        long closesBefore = slowConsumerCloses();
        burst.run();

        int messages = 0;
        JsonObject last = null;
        while (last == null || !isLast.test(last)) {
            JsonObject message = Json.createReader(new StringReader(slow.readFrame().text())).readObject();
            if (message.getString("event").equals(event)) {
                messages++;
                JsonObject data = message.getJsonObject("data");
                if (last != null) {
                    assertThat("progress only rises", order.applyAsInt(last), lessThan(order.applyAsInt(data)));
                }
                last = data;
            }
        }
        assertEquals(closesBefore, slowConsumerCloses(), "collapsing was enough; it was not closed");
        slow.sendClose(1000);
        assertEquals(1000, slow.readUntilClose());
        slow.close();
        return new Burst(messages, last);
    }

    private JsonObject health() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(uri.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            return Json.createReader(new StringReader(response.body())).readObject();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
