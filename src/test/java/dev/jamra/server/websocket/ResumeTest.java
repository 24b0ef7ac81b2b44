package dev.jamra.server.websocket;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import dev.jamra.server.events.DownloadProgress;
import dev.jamra.server.events.LibraryItemRemoved;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resuming a session over real sockets: replay, refusals, a session taken over, many clients at once. */
class ResumeTest {
    static final int MAX_EVENTS = 5_000;

    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .configured(Map.of(
                    "websocket.retention.max-events", String.valueOf(MAX_EVENTS),
                    "websocket.queue-capacity", "10000"));

    private final URI uri = SERVER.uri();

    /** The {@code connect} of a client, and its session's coordinates. */
    record Session(String sessionId, String epoch, long seq, JsonObject data) {
        static Session of(JsonObject connect) {
            assertEquals("connect", connect.getString("event"), () -> "expected connect, got " + connect);
            JsonObject data = connect.getJsonObject("data");
            return new Session(data.getString("sessionId"), data.getString("epoch"),
                    data.getJsonNumber("seq").longValue(), data);
        }
    }

    static ChannelClient resume(URI uri, String sessionId, String epoch, long lastSeq) {
        return ChannelClient.open(uri, "/?resume=" + sessionId + "&epoch=" + epoch + "&lastSeq=" + lastSeq, Map.of());
    }

    private static void publishProgress(String downloadId, int page) {
        SERVER.app().channel().publish(DownloadProgress.of(downloadId, "ch-" + downloadId, page, 100,
                System.currentTimeMillis()));
    }

    private static void publishLibrary(String libraryId) {
        SERVER.app().channel().publish(new LibraryItemRemoved(libraryId, "manga", "local", "Title",
                System.currentTimeMillis()));
    }

    private static long seq(JsonObject message) {
        return message.getJsonNumber("seq").longValue();
    }

    /** Drops the client's TCP connection without a close frame and waits until the server has noticed. */
    private static void drop(ChannelClient client, String sessionId) {
        try (EndedSessions ended = EndedSessions.watch()) {
            client.abort();
            ended.await(sessionId);
        }
    }

    @Test
    void aDroppedClientResumesWithExactlyWhatItMissedThenLiveEvents() {
        try (ChannelClient observer = ChannelClient.connect(uri)) {
            ChannelClient client = ChannelClient.open(uri, "/", Map.of());
            Session session = Session.of(client.next());
            assertFalse(session.data().containsKey("resumed"), "a plain connect says nothing of resuming");
            try (ChannelClient probe = ChannelClient.open(uri, "/", Map.of())) {
                assertEquals(Session.of(probe.next()).epoch(), session.epoch(), "the epoch names this server run");
            }
            client.subscribe("dl-mine");
            publishProgress("dl-mine", 1);
            JsonObject applied = client.expect("download:progress");
            observer.expect("download:progress");
            drop(client, session.sessionId());

            for (int i = 0; i < 50; i++) {
                switch (i % 3) {
                    case 0 -> publishLibrary("lib-" + i);
                    case 1 -> publishProgress("dl-mine", i + 1);
                    default -> publishProgress("dl-other", i + 1);
                }
            }
            List<JsonObject> all = observer.next(50);
            List<JsonObject> missed = all.stream()
                    .filter(m -> !"dl-other".equals(m.getJsonObject("data").getString("downloadId", null)))
                    .toList();
            assertEquals(34, missed.size());

            try (ChannelClient resumed = resume(uri, session.sessionId(), session.epoch(), seq(applied))) {
                Session again = Session.of(resumed.next());
                assertEquals(session.sessionId(), again.sessionId());
                assertTrue(again.data().getBoolean("resumed"));
                assertEquals(missed.size(), again.data().getInt("replayed"));
                assertFalse(again.data().containsKey("reason"));
                assertEquals(seq(all.get(49)), again.seq(), "connect names the last broadcast before it");
                List<JsonObject> replayed = resumed.next(missed.size());
                for (int i = 0; i < missed.size(); i++) {
                    assertEquals(missed.get(i).getString("event"), replayed.get(i).getString("event"));
                    assertEquals(seq(missed.get(i)), seq(replayed.get(i)), "replayed in seq order");
                    assertEquals(missed.get(i).getJsonObject("data"), replayed.get(i).getJsonObject("data"));
                }

                publishProgress("dl-other", 99);  // still filtered: the subscription came back
                publishProgress("dl-mine", 99);
                publishLibrary("lib-live");
                JsonObject live = resumed.expect("download:progress");
                assertEquals("dl-mine", live.getJsonObject("data").getString("downloadId"));
                assertEquals(seq(all.get(49)) + 2, seq(live));
                assertEquals(seq(live) + 1, seq(resumed.expect("library:item:removed")));
                assertEquals(0, resumed.pending(), "nothing else arrived");
            }
        }
    }

    @Test
    void replayFiltersEachBroadcastByTheSubscriptionsOfItsTime() {
        ChannelClient client = ChannelClient.open(uri, "/", Map.of());
        Session session = Session.of(client.next());
        publishProgress("dl-then", 1);  // reaches the client, which still follows everything; it never applies it
        client.expect("download:progress");
        client.subscribe("dl-now");
        publishProgress("dl-then", 2);  // no longer followed
        publishProgress("dl-now", 1);
        client.expect("download:progress");
        drop(client, session.sessionId());

        try (ChannelClient resumed = resume(uri, session.sessionId(), session.epoch(), session.seq())) {
            assertEquals(2, Session.of(resumed.next()).data().getInt("replayed"));
            assertEquals(List.of("dl-then", "dl-now"), resumed.next(2).stream()
                    .map(m -> m.getJsonObject("data").getString("downloadId")).toList(),
                    "what the old connection received, not what its last subscriptions select");
        }
    }

    @Test
    void tooManyBroadcastsSinceTheDropMeansAFreshSession() {
        ChannelClient fresh = ChannelClient.open(uri, "/", Map.of());
        Session session = Session.of(fresh.next());
        drop(fresh, session.sessionId());
        for (int i = 0; i <= MAX_EVENTS; i++) {
            publishLibrary("lib-many-" + i);
        }
        assertRefused(session, session.seq(), "too-far-behind");
    }

    @Test
    void aWrongEpochOrAnUnknownSessionIsRefused() {
        ChannelClient client = ChannelClient.open(uri, "/", Map.of());
        Session session = Session.of(client.next());
        drop(client, session.sessionId());
        assertRefused(new Session(session.sessionId(), "another-run", session.seq(), session.data()), session.seq(),
                "epoch-mismatch");
        // the refused attempt did not consume the session: the right epoch still resumes it
        try (ChannelClient right = resume(uri, session.sessionId(), session.epoch(), session.seq())) {
            assertTrue(Session.of(right.next()).data().getBoolean("resumed"));
        }
        assertRefused(new Session("no-such-session", session.epoch(), 0, session.data()), session.seq(),
                "unknown-session");
    }

    /** Resumes {@code session} and expects a new session, no replay, then live events. */
    private void assertRefused(Session session, long lastSeq, String reason) {
        try (ChannelClient again = resume(uri, session.sessionId(), session.epoch(), lastSeq)) {
            Session fresh = Session.of(again.next());
            assertFalse(fresh.data().getBoolean("resumed"));
            assertEquals(reason, fresh.data().getString("reason"));
            assertFalse(fresh.data().containsKey("replayed"));
            assertThat(fresh.sessionId(), not(session.sessionId()));
            publishLibrary("lib-after-refusal");
            JsonObject first = again.expect("library:item:removed");
            assertEquals("lib-after-refusal", first.getJsonObject("data").getString("libraryId"), "no replay");
            assertEquals(fresh.seq() + 1, seq(first));
        }
    }

    @Test
    void resumingASessionStillConnectedClosesTheOlderConnection() {
        ChannelClient older = ChannelClient.open(uri, "/", Map.of());
        Session session = Session.of(older.next());
        older.subscribe("dl-kept");
        try (ChannelClient newer = resume(uri, session.sessionId(), session.epoch(), session.seq())) {
            Session again = Session.of(newer.next());
            assertTrue(again.data().getBoolean("resumed"));
            assertEquals(session.sessionId(), again.sessionId());
            assertEquals(1008, older.awaitClose());
            publishProgress("dl-elsewhere", 1);
            publishProgress("dl-kept", 1);
            assertEquals("dl-kept", newer.expect("download:progress").getJsonObject("data").getString("downloadId"),
                    "the subscriptions moved to the newer connection");
        }
    }

    @Test
    void twoHundredClientsResumeAtOnceWhileEventsArePublished() throws Exception {
        int clients = 200;
        List<ChannelClient> first = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            ChannelClient client = ChannelClient.open(uri, "/", Map.of());
            first.add(client);
            sessions.add(Session.of(client.next()));
        }
        AtomicBoolean resumedAll = new AtomicBoolean();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> publisher = pool.submit(() -> {
                int published = 0;
                int afterwards = 0;
                while (afterwards < 50 && published < 3_000) {
                    publishLibrary("lib-storm-" + published++);
                    if (resumedAll.get()) {
                        afterwards++;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));  // a steady stream, not a burst
                }
                return published;
            });
            // each client applies a few broadcasts, drops, and resumes from the last one it applied
            record Resumed(ChannelClient client, long lastApplied) {
            }
            List<Future<Resumed>> resuming = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                ChannelClient client = first.get(i);
                Session session = sessions.get(i);
                int applied = 1 + i % 3;
                resuming.add(pool.submit(() -> {
                    long lastSeq = seq(client.next(applied).get(applied - 1));
                    client.abort();
                    ChannelClient again = resume(uri, session.sessionId(), session.epoch(), lastSeq);
                    Session resumed = Session.of(again.next());
                    assertTrue(resumed.data().getBoolean("resumed"), () -> "not resumed: " + resumed.data());
                    return new Resumed(again, lastSeq);
                }));
            }
            List<Resumed> resumed = new ArrayList<>();
            for (Future<Resumed> f : resuming) {
                resumed.add(f.get(Await.TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS));
            }
            resumedAll.set(true);
            publisher.get(Await.TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
            long lastPublished;
            try (ChannelClient probe = ChannelClient.open(uri, "/", Map.of())) {
                lastPublished = Session.of(probe.next()).seq();
            }
            List<Future<?>> checks = new ArrayList<>();
            for (Resumed one : resumed) {
                checks.add(pool.submit(() -> {
                    try (ChannelClient client = one.client()) {
                        for (long expected = one.lastApplied() + 1; expected <= lastPublished; expected++) {
                            assertEquals(expected, seq(client.next()), "gap-free and duplicate-free");
                        }
                        assertEquals(0, client.pending(), "nothing after the last broadcast");
                    }
                    return null;
                }));
            }
            for (Future<?> check : checks) {
                check.get(Await.TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
            }
        }
    }
}
