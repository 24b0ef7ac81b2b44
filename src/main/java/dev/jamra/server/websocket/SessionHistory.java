package dev.jamra.server.websocket;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.DownloadEvent;
import dev.jamra.server.events.ResumeRefusal;
import dev.jamra.server.events.SubscriptionAck;

/**
 * What the channel remembers of its past, so that clients can resume and late subscribers start from the
 * present: the newest broadcasts (bounded by count, bytes and age), the sessions that ended within that age with
 * their subscriptions, each session's recent subscription changes (so a replay filters every broadcast by the
 * subscriptions the session had when it was published), and the latest event of each download. Not thread-safe: the channel calls it under its
 * publish lock, which is what makes a resume's replay and the live broadcasts after it meet without a gap or a
 * duplicate.
 */
final class SessionHistory {

    /** Downloads whose latest event is kept for snapshots; the least recently active are forgotten first. */
    static final int MAX_SNAPSHOTS = 10_000;

    /** Subscription changes remembered per session; a resume from before the oldest forgotten one is refused. */
    static final int MAX_CHANGES = 64;

    /**
     * A broadcast as every connection got it, and when it was published (epoch milliseconds). Only the download
     * id of the event is kept ({@code null} for library events), all the delivery rule needs: the event's other
     * fields would double the memory of the buffer.
     */
    private record Retained(long seq, String downloadId, OutgoingFrame.Text message, long publishedAt) {
    }

    /** A subscription change that applies to broadcasts after {@code afterSeq}. */
    private record Change(long afterSeq, boolean subscribed, String downloadId) {
    }

    /** A session's recent subscription changes, oldest first; complete for broadcasts after {@code floor}. */
    private static final class ChangeLog {
        final ArrayDeque<Change> changes = new ArrayDeque<>();
        long floor;
    }

    /** A session without a connection: its subscriptions, and when its connection ended. */
    private record Ended(Set<String> subscriptions, long endedAt) {
    }

    /** The outcome of a resume request. */
    sealed interface Outcome {
    }

    /** The session goes on with {@code subscriptions}; {@code replay} is what it missed, in seq order. */
    record Resumed(Set<String> subscriptions, List<OutgoingFrame.Text> replay) implements Outcome {
    }

    record Refused(ResumeRefusal reason) implements Outcome {
    }

    private final RetentionSettings settings;
    private final int maxEndedSessions;
    private final Clock clock;
    private final ArrayDeque<Retained> log = new ArrayDeque<>();
    private final LinkedHashMap<String, Ended> ended = new LinkedHashMap<>();  // oldest end first
    private final Map<String, Boolean> expired;   // ids of sessions forgotten for age, to say "expired"
    private final Map<String, SubscriptionAck.Snapshot> latest;  // by download id, least recently updated first
    private final Map<String, ChangeLog> changeLogs = new HashMap<>();  // by session id, open or ended
    private long firstRetainableSeq = 1;  // the seq after the last one dropped from the log
    private long retainedBytes;  // what the log's messages hold together

    /** @param maxEndedSessions ended sessions remembered at most (and as many expired ids); the oldest go first */
    SessionHistory(RetentionSettings settings, int maxEndedSessions, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.maxEndedSessions = maxEndedSessions;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.expired = bounded(maxEndedSessions);
        this.latest = bounded(MAX_SNAPSHOTS);
    }

    /** A map that forgets its oldest entry beyond {@code max}; re-put a key to make it the newest. */
    private static <V> Map<String, V> bounded(int max) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    /** Remembers broadcast {@code seq}, just published. */
    void published(long seq, BroadcastEvent event, OutgoingFrame.Text message) {
        String downloadId = null;
        if (event instanceof DownloadEvent download) {
            downloadId = download.downloadId();
            latest.remove(downloadId);  // to the end: the most recently active
            latest.put(downloadId, new SubscriptionAck.Snapshot(download, seq));
        }
        long now = clock.millis();
        log.addLast(new Retained(seq, downloadId, message, now));
        retainedBytes += message.weight();
        while (log.size() > settings.maxEvents() || retainedBytes > settings.maxBytes()) {
            drop();
        }
        pruneLog(now);
    }

    /** The latest event this run published for {@code downloadId}. */
    Optional<SubscriptionAck.Snapshot> snapshot(String downloadId) {
        return Optional.ofNullable(latest.get(downloadId));
    }

    /**
     * Session {@code sessionId} subscribed to (or unsubscribed from) {@code downloadId}, effective for broadcasts
     * after {@code afterSeq}.
     */
    void subscriptionChanged(String sessionId, long afterSeq, boolean subscribed, String downloadId) {
        ChangeLog log = changeLogs.computeIfAbsent(sessionId, id -> new ChangeLog());
        log.changes.addLast(new Change(afterSeq, subscribed, downloadId));
        // changes before the oldest retained broadcast can no longer matter: a resume starts after it
        while (log.changes.size() > MAX_CHANGES
               || log.changes.peekFirst().afterSeq() + 1 < firstRetainableSeq) {
            log.floor = Math.max(log.floor, log.changes.removeFirst().afterSeq());
        }
    }

    /** The connection of {@code sessionId} ended; it may be resumed with these subscriptions for a while. */
    void ended(String sessionId, Set<String> subscriptions) {
        ended.remove(sessionId);
        ended.put(sessionId, new Ended(Set.copyOf(subscriptions), clock.millis()));
        if (ended.size() > maxEndedSessions) {
            Iterator<String> oldest = ended.keySet().iterator();
            changeLogs.remove(oldest.next());
            oldest.remove();
        }
    }

    /**
     * Decides a resume request of this run ({@code epoch} already checked). {@code live} holds the
     * subscriptions of the session's connection if it is still open. The session's record is consumed either
     * way: resumed, it is live again; refused, the client starts a new session.
     *
     * @param lastSeq the seq of the last broadcast published
     */
    Outcome resume(ResumeRequest request, Optional<Set<String>> live, long lastSeq) {
        prune();
        Outcome outcome = decide(request, live, lastSeq);
        if (outcome instanceof Refused) {
            changeLogs.remove(request.sessionId());  // the client starts a new session
        }
        return outcome;
    }

    private Outcome decide(ResumeRequest request, Optional<Set<String>> live, long lastSeq) {
        Ended record = ended.remove(request.sessionId());
        Set<String> subscriptions;
        if (live.isPresent()) {
            subscriptions = live.get();
        } else if (record != null) {
            subscriptions = record.subscriptions();
        } else {
            return new Refused(expired.remove(request.sessionId()) != null
                    ? ResumeRefusal.EXPIRED : ResumeRefusal.UNKNOWN_SESSION);
        }
        if (request.lastSeq() > lastSeq) {
            // a position this run never reached: the client's numbers come from another run
            return new Refused(ResumeRefusal.EPOCH_MISMATCH);
        }
        ChangeLog changes = changeLogs.get(request.sessionId());
        if (request.lastSeq() < 0 || request.lastSeq() + 1 < firstRetainableSeq
            || changes != null && request.lastSeq() < changes.floor) {
            return new Refused(ResumeRefusal.TOO_FAR_BEHIND);
        }
        return new Resumed(subscriptions, replay(request.lastSeq(), subscriptions, changes));
    }

    /**
     * The retained broadcasts after {@code afterSeq} that the session received or would have: each filtered by
     * the subscriptions it had when that broadcast was published: {@code now} with every logged change undone,
     * then each redone before the first broadcast after it.
     */
    private List<OutgoingFrame.Text> replay(long afterSeq, Set<String> now, ChangeLog log) {
        List<Retained> after = new ArrayList<>();
        Iterator<Retained> newestFirst = this.log.descendingIterator();
        while (newestFirst.hasNext()) {
            Retained retained = newestFirst.next();
            if (retained.seq() <= afterSeq) {
                break;
            }
            after.add(retained);
        }
        Collections.reverse(after);
        List<Change> changes = log == null ? List.of() : List.copyOf(log.changes);
        Set<String> held = new HashSet<>(now);
        for (int i = changes.size() - 1; i >= 0; i--) {
            apply(held, changes.get(i), false);
        }
        List<OutgoingFrame.Text> missed = new ArrayList<>(after.size());
        int next = 0;
        for (Retained retained : after) {
            while (next < changes.size() && changes.get(next).afterSeq() < retained.seq()) {
                apply(held, changes.get(next++), true);
            }
            if (delivers(held, retained.downloadId())) {
                missed.add(retained.message());
            }
        }
        return missed;
    }

    private static void apply(Set<String> held, Change change, boolean forward) {
        if (change.subscribed() == forward) {
            held.add(change.downloadId());
        } else {
            held.remove(change.downloadId());
        }
    }

    /**
     * The delivery rule of the protocol, for a connection holding {@code subscriptions}: library events
     * ({@code downloadId} null) reach everyone, download events connections that follow all or that one.
     */
    static boolean delivers(Set<String> subscriptions, String downloadId) {
        return downloadId == null || subscriptions.isEmpty() || subscriptions.contains(downloadId);
    }

    /** Forgets broadcasts and ended sessions older than the retention age. */
    void prune() {
        long now = clock.millis();
        pruneLog(now);
        long oldestEnd = now - settings.maxAge().toMillis();
        Iterator<Map.Entry<String, Ended>> oldestFirst = ended.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Map.Entry<String, Ended> entry = oldestFirst.next();
            if (entry.getValue().endedAt() >= oldestEnd) {
                break;
            }
            oldestFirst.remove();
            changeLogs.remove(entry.getKey());
            expired.put(entry.getKey(), Boolean.TRUE);
        }
    }

    private void pruneLog(long now) {
        long oldest = now - settings.maxAge().toMillis();
        while (!log.isEmpty() && log.peekFirst().publishedAt() < oldest) {
            drop();
        }
    }

    private void drop() {
        Retained oldest = log.removeFirst();
        retainedBytes -= oldest.message().weight();
        firstRetainableSeq = oldest.seq() + 1;
    }

    int retainedEvents() {
        return log.size();
    }

    long retainedBytes() {
        return retainedBytes;
    }

    int endedSessions() {
        return ended.size();
    }

    /** Sessions with a subscription change log; for tests. */
    int changeLogs() {
        return changeLogs.size();
    }

    /** Whether {@code sessionId} can still be resumed without its connection. */
    boolean isResumable(String sessionId) {
        return ended.containsKey(sessionId);
    }

    long firstRetainableSeq() {
        return firstRetainableSeq;
    }
}
