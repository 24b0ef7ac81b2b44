package dev.jamra.server.websocket.history;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.ResumeRefusal;
import dev.jamra.server.events.SubscriptionAck;
import dev.jamra.server.websocket.delivery.OutgoingFrame;

/**
 * What the channel remembers of its past, so that clients can resume and late subscribers start from the
 * present: the newest broadcasts (bounded by count, bytes and age), the sessions that ended within that age with
 * their subscriptions and {@link Changes}, and the latest event of each download. Not thread-safe: the channel
 * calls it under its publish lock, which is what makes a resume's replay and the live broadcasts after it meet
 * without a gap or a duplicate.
 */
public final class SessionHistory {

    /** Downloads whose latest event is kept for snapshots; the least recently active are forgotten first. */
    static final int MAX_SNAPSHOTS = 10_000;

    /** Subscription changes remembered per session; a resume from before the oldest forgotten one is refused. */
    static final int MAX_CHANGES = 64;

    /**
     * A broadcast as every connection got it, and when it was published (epoch milliseconds). Only its topic is
     * kept ({@code null} when every connection receives it), all the delivery rule needs: the event's other
     * fields would double the memory of the buffer.
     */
    private record Retained(long seq, String topic, OutgoingFrame.Text message, long publishedAt) {
    }

    /** A subscription change that applies to broadcasts after {@code afterSeq}. */
    private record Change(long afterSeq, boolean subscribed, String downloadId) {
    }

    /**
     * A session's recent subscription changes, oldest first; complete for broadcasts after its floor. A replay
     * filters each broadcast by the subscriptions the session had when it was published, which these changes
     * tell. The session's connection holds them while it is open, the history once it ended; they go with
     * whichever holds them.
     */
    public static final class Changes {
        private ArrayDeque<Change> log;  // null until the first change: most sessions never change theirs
        private long floor;

        private List<Change> list() {
            return log == null ? List.of() : List.copyOf(log);
        }
    }

    /** What a session holds: its download subscriptions and its recent changes of them. */
    public record Held(Set<String> subscriptions, Changes changes) {
        public Held {
            subscriptions = Set.copyOf(subscriptions);
            Objects.requireNonNull(changes, "changes");
        }
    }

    /** A session without a connection: what it held, and when its connection ended. */
    private record Ended(Held held, long endedAt) {
    }

    /** The outcome of a resume request. */
    public sealed interface Outcome permits Resumed, Refused {
    }

    /** The session goes on with what it {@code held}; {@code replay} is what it missed, in seq order. */
    public record Resumed(Held held, List<OutgoingFrame.Text> replay) implements Outcome {
    }

    public record Refused(ResumeRefusal reason) implements Outcome {
    }

    private final RetentionSettings settings;
    private final int maxEndedSessions;
    private final Clock clock;
    private final ArrayDeque<Retained> log = new ArrayDeque<>();
    private final LinkedHashMap<String, Ended> ended = new LinkedHashMap<>();  // oldest end first
    private final Map<String, Boolean> expired;   // ids of sessions forgotten for age, to say "expired"
    private final Map<String, SubscriptionAck.Snapshot> latest;  // by download id, least recently updated first
    private long firstRetainableSeq = 1;  // the seq after the last one dropped from the log
    private long retainedBytes;  // what the log's messages hold together

    /** @param maxEndedSessions ended sessions remembered at most (and as many expired ids); the oldest go first */
    public SessionHistory(RetentionSettings settings, int maxEndedSessions, Clock clock) {
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

    /** Remembers broadcast {@code seq}, just published; {@code topic} is the event's, read once by the caller. */
    public void published(long seq, BroadcastEvent event, Optional<String> topic, OutgoingFrame.Text message) {
        String downloadId = topic.orElse(null);
        if (downloadId != null) {
            latest.remove(downloadId);  // to the end: the most recently active
            latest.put(downloadId, new SubscriptionAck.Snapshot(event, seq));
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
    public Optional<SubscriptionAck.Snapshot> snapshot(String downloadId) {
        return Optional.ofNullable(latest.get(downloadId));
    }

    /**
     * A session subscribed to (or unsubscribed from) {@code downloadId}, effective for broadcasts after
     * {@code afterSeq}; {@code changes} are the session's.
     */
    public void subscriptionChanged(Changes changes, long afterSeq, boolean subscribed, String downloadId) {
        if (changes.log == null) {
            changes.log = new ArrayDeque<>();
        }
        ArrayDeque<Change> log = changes.log;
        log.addLast(new Change(afterSeq, subscribed, downloadId));
        // changes before the oldest retained broadcast can no longer matter: a resume starts after it
        while (log.size() > MAX_CHANGES || log.peekFirst().afterSeq() + 1 < firstRetainableSeq) {
            changes.floor = Math.max(changes.floor, log.removeFirst().afterSeq());
        }
    }

    /** The connection of {@code sessionId} ended; it may be resumed with what it {@code held} for a while. */
    public void ended(String sessionId, Held held) {
        ended.remove(sessionId);
        ended.put(sessionId, new Ended(held, clock.millis()));
        if (ended.size() > maxEndedSessions) {
            Iterator<String> oldest = ended.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /**
     * Decides a resume request of this run ({@code epoch} already checked). {@code live} is what the session's
     * connection holds if it is still open. The session's record is consumed either way: resumed, it is live
     * again; refused, the client starts a new session.
     *
     * @param lastSeq the seq of the last broadcast published
     */
    public Outcome resume(ResumeRequest request, Optional<Held> live, long lastSeq) {
        prune();
        Ended record = ended.remove(request.sessionId());
        Held held;
        if (live.isPresent()) {
            held = live.get();
        } else if (record != null) {
            held = record.held();
        } else {
            return new Refused(expired.remove(request.sessionId()) != null
                    ? ResumeRefusal.EXPIRED : ResumeRefusal.UNKNOWN_SESSION);
        }
        if (request.lastSeq() > lastSeq) {
            // a position this run never reached: the client's numbers come from another run
            return new Refused(ResumeRefusal.EPOCH_MISMATCH);
        }
        if (request.lastSeq() < 0 || request.lastSeq() + 1 < firstRetainableSeq
            || request.lastSeq() < held.changes().floor) {
            return new Refused(ResumeRefusal.TOO_FAR_BEHIND);
        }
        return new Resumed(held, replay(request.lastSeq(), held));
    }

    /**
     * The retained broadcasts after {@code afterSeq} that the session received or would have: each filtered by
     * the subscriptions it had when that broadcast was published: what it holds now with every logged change
     * undone, then each redone before the first broadcast after it.
     */
    private List<OutgoingFrame.Text> replay(long afterSeq, Held now) {
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
        List<Change> changes = now.changes().list();
        Set<String> held = new HashSet<>(now.subscriptions());
        for (int i = changes.size() - 1; i >= 0; i--) {
            redo(held, changes.get(i), false);
        }
        List<OutgoingFrame.Text> missed = new ArrayList<>(after.size());
        int next = 0;
        for (Retained retained : after) {
            while (next < changes.size() && changes.get(next).afterSeq() < retained.seq()) {
                redo(held, changes.get(next++), true);
            }
            if (delivers(held, retained.topic())) {
                missed.add(retained.message());
            }
        }
        return missed;
    }

    /** Makes {@code held} what it was after {@code change} ({@code forward}) or before it. */
    private static void redo(Set<String> held, Change change, boolean forward) {
        if (change.subscribed() == forward) {
            held.add(change.downloadId());
        } else {
            held.remove(change.downloadId());
        }
    }

    /**
     * The delivery rule of the protocol, for a connection holding {@code subscriptions}: events without a topic
     * ({@code null}) reach everyone, the others connections that follow all downloads or that one.
     */
    static boolean delivers(Set<String> subscriptions, String topic) {
        return topic == null || subscriptions.isEmpty() || subscriptions.contains(topic);
    }

    /** Forgets broadcasts and ended sessions older than the retention age. */
    public void prune() {
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
}
