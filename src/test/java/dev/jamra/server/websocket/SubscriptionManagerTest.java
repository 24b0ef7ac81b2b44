package dev.jamra.server.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.DownloadCancelled;
import dev.jamra.server.events.LibraryItemRemoved;
import dev.jamra.server.testing.Await;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The delivery rule, one test per branch, on connections that are never opened. */
class SubscriptionManagerTest {
    private final SubscriptionManager manager = unlimited(2);

    /** A manager whose subscriptions of all connections together are not bounded. */
    private static SubscriptionManager unlimited(int maxSubscriptions) {
        return new SubscriptionManager(maxSubscriptions, new MemoryBudget(Long.MAX_VALUE));
    }

    private static ClientConnection connection(String id) {
        return TestChannel.bareConnection(id);
    }

    private List<String> recipients(BroadcastEvent event) {
        List<String> ids = new ArrayList<>();
        manager.forEachRecipient(event.topic(), c -> ids.add(c.sessionId()));
        ids.sort(null);
        return ids;
    }

    private static BroadcastEvent download(String id) {
        return new DownloadCancelled(id, "chapter", 1L);
    }

    private static BroadcastEvent library() {
        return new LibraryItemRemoved("lib", "manga", "local", "Title", 1L);
    }

    @Test
    void libraryEventsReachEveryConnectionWhateverItFollows() {
        ClientConnection plain = connection("a");
        ClientConnection following = connection("b");
        manager.add(plain);
        manager.add(following);
        manager.subscribe(following, "dl-1");
        assertEquals(List.of("a", "b"), recipients(library()));
    }

    @Test
    void downloadEventsReachConnectionsWithoutSubscriptions() {
        manager.add(connection("a"));
        assertEquals(List.of("a"), recipients(download("dl-1")));
    }

    @Test
    void downloadEventsReachConnectionsSubscribedToThatDownload() {
        ClientConnection following = connection("b");
        manager.add(following);
        manager.subscribe(following, "dl-1");
        assertEquals(List.of("b"), recipients(download("dl-1")));
    }

    @Test
    void downloadEventsSkipConnectionsSubscribedToOthers() {
        ClientConnection following = connection("b");
        manager.add(following);
        manager.subscribe(following, "dl-2");
        assertEquals(List.of(), recipients(download("dl-1")));
    }

    @Test
    void unsubscribingTheLastRestoresTheFirehose() {
        ClientConnection c = connection("a");
        manager.add(c);
        manager.subscribe(c, "dl-1");
        manager.unsubscribe(c, "dl-1");
        assertEquals(List.of("a"), recipients(download("dl-9")));
        assertEquals(List.of("a"), recipients(download("dl-1")), "once, from the firehose");
    }

    /**
     * Walks the recipients of an event of dl-1 and, on meeting {@code bystander}, runs {@code change} on another
     * thread until it is done or waits for the walk to end.
     *
     * @return the session ids the walk met, in order
     */
    private static List<String> walkWhile(SubscriptionManager manager, ClientConnection bystander, Runnable change)
            throws InterruptedException {
        List<String> ids = new ArrayList<>();
        AtomicReference<Thread> changer = new AtomicReference<>();
        manager.forEachRecipient(download("dl-1").topic(), c -> {
            ids.add(c.sessionId());
            if (c == bystander) {
                Thread t = Thread.ofPlatform().start(change);
                changer.set(t);
                Await.until(() -> t.getState() == Thread.State.TERMINATED || t.getState() == Thread.State.WAITING,
                        "the change ran or waits");
            }
        });
        changer.get().join(Await.TIMEOUT.toMillis());
        return ids;
    }

    @Test
    void anEventPublishedDuringTheFirstSubscribeArrivesExactlyOnce() throws Exception {
        // The connection leaves the firehose for the index of dl-1 while an event of dl-1 walks the firehose
        // (meeting another connection there) and then the index: it must be met in one of them, not both.
        for (int round = 0; round < 50; round++) {
            SubscriptionManager fresh = unlimited(2);
            ClientConnection bystander = connection("bystander");
            ClientConnection joining = connection("joining");
            fresh.add(bystander);
            fresh.add(joining);
            List<String> ids = walkWhile(fresh, bystander, () -> fresh.subscribe(joining, "dl-1"));
            assertEquals(1, ids.stream().filter("joining"::equals).count(), () -> "met once: " + ids);
            assertEquals(List.of("dl-1"), new ArrayList<>(joining.subscriptions()), "and then it followed dl-1");
        }
    }

    @Test
    void subscriptionsAreCappedAndRepeatsAreFree() {
        ClientConnection c = connection("a");
        manager.add(c);
        assertEquals(SubscriptionManager.Subscribed.ADDED, manager.subscribe(c, "dl-1"));
        assertEquals(SubscriptionManager.Subscribed.ALREADY, manager.subscribe(c, "dl-1"));
        assertEquals(SubscriptionManager.Subscribed.ADDED, manager.subscribe(c, "dl-2"));
        assertEquals(SubscriptionManager.Subscribed.LIMIT_REACHED, manager.subscribe(c, "dl-3"));
    }

    @Test
    void removingAConnectionDropsItsSubscriptionsAndIndexEntries() {
        ClientConnection c = connection("a");
        manager.add(c);
        manager.subscribe(c, "dl-1");
        manager.remove(c);
        assertEquals(0, manager.connectionCount());
        assertEquals(List.of(), recipients(library()));
        assertEquals(List.of(), recipients(download("dl-1")), "its subscription went from the index");
        // a late subscribe from the connection's own thread must not bring it back into the index
        manager.subscribe(c, "dl-2");
        assertEquals(List.of(), recipients(download("dl-2")));
    }

    @Test
    void anEventPublishedDuringTheLastUnsubscribeStillArrives() throws Exception {
        // Before the unsubscribe the connection follows dl-1, after it follows everything: either way it gets an
        // event of dl-1. The unsubscribe runs, on its own thread, while the event walks the firehose (meeting
        // another connection there); the walk then reads the index. Where a new member of a concurrent set is
        // met depends on hashes, so the race is run many times.
        for (int round = 0; round < 50; round++) {
            SubscriptionManager fresh = unlimited(2);
            ClientConnection bystander = connection("bystander");
            ClientConnection leaving = connection("leaving");
            fresh.add(bystander);
            fresh.add(leaving);
            fresh.subscribe(leaving, "dl-1");
            List<String> ids = walkWhile(fresh, bystander, () -> fresh.unsubscribe(leaving, "dl-1"));
            assertTrue(ids.contains("leaving"), () -> "the leaving connection got the event: " + ids);
            assertEquals(List.of(), new ArrayList<>(leaving.subscriptions()), "and then it left");
        }
    }

    @Test
    void subscriptionsOfAllConnectionsShareOneBudget() {
        long two = SubscriptionManager.cost("dl-1") + SubscriptionManager.cost("dl-2");
        SubscriptionManager shared = new SubscriptionManager(10, new MemoryBudget(two));
        ClientConnection a = connection("a");
        ClientConnection b = connection("b");
        shared.add(a);
        shared.add(b);
        assertEquals(SubscriptionManager.Subscribed.ADDED, shared.subscribe(a, "dl-1"));
        assertEquals(SubscriptionManager.Subscribed.ADDED, shared.subscribe(b, "dl-2"));
        assertEquals(SubscriptionManager.Subscribed.BUDGET_EXHAUSTED, shared.subscribe(b, "dl-3"));
        assertEquals(SubscriptionManager.Subscribed.ALREADY, shared.subscribe(b, "dl-2"), "held ids stay fine");
        shared.unsubscribe(a, "dl-1");
        assertEquals(SubscriptionManager.Subscribed.ADDED, shared.subscribe(b, "dl-3"), "room made is room to use");
        shared.remove(b);
        assertEquals(SubscriptionManager.Subscribed.ADDED, shared.subscribe(a, "dl-8"), "a removed connection gives back");
        assertEquals(SubscriptionManager.Subscribed.ADDED, shared.subscribe(a, "dl-9"));
        assertEquals(SubscriptionManager.Subscribed.BUDGET_EXHAUSTED, shared.subscribe(a, "dl-7"));
    }

    @Test
    void aSubscriptionCostsItsIdAndAFixedOverhead() {
        assertEquals(SubscriptionManager.SUBSCRIPTION_OVERHEAD_BYTES + 8, SubscriptionManager.cost("dl-1"));
    }

    /** The recipients of {@code event} in order of their names: each once. */
    private List<String> sorted(BroadcastEvent event) {
        return recipients(event).stream().sorted().toList();
    }

    @Test
    void unsubscribingOneOfSeveralKeepsTheOthers() {
        ClientConnection c = connection("a");
        ClientConnection other = connection("b");
        manager.add(c);
        manager.add(other);
        assertEquals(2, manager.connectionCount());
        manager.subscribe(c, "dl-1");
        manager.subscribe(c, "dl-2");
        manager.subscribe(other, "dl-2");
        manager.subscribe(other, "dl-3");
        assertTrue(manager.unsubscribe(c, "dl-1"));
        assertFalse(manager.unsubscribe(c, "dl-1"), "it no longer holds it");
        assertFalse(manager.unsubscribe(other, "dl-1"), "it never held it");
        assertEquals(List.of(), recipients(download("dl-1")));
        assertEquals(List.of("a", "b"), sorted(download("dl-2")));
        assertTrue(manager.unsubscribe(c, "dl-2"));  // its last: it follows everything again
        assertEquals(List.of("a", "b"), sorted(download("dl-2")), "the other subscriber stays");
        assertEquals(List.of("a", "b"), sorted(download("dl-3")));
    }

    @Test
    void aConnectionIsRemovedOnceAndGivesItsBudgetBack() {
        long one = SubscriptionManager.cost("dl-1");
        SubscriptionManager shared = new SubscriptionManager(10, new MemoryBudget(one));
        ClientConnection c = connection("a");
        shared.add(c);
        shared.subscribe(c, "dl-1");
        assertTrue(shared.remove(c));
        assertEquals(false, shared.remove(c), "the second removal finds nothing");
        assertEquals(SubscriptionManager.Subscribed.ADDED, shared.subscribe(c, "dl-1"), "a late subscribe is answered");
        assertEquals(List.of(), new ArrayList<>(c.subscriptions()), "but holds nothing");
        ClientConnection next = connection("b");
        shared.add(next);
        assertEquals(SubscriptionManager.Subscribed.ADDED, shared.subscribe(next, "dl-2"), "the budget is free");
    }
}
