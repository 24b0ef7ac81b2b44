package dev.jamra.server.websocket;

import java.net.URI;
import java.util.Map;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;

/** The subscriptions of all connections share one memory budget, far below what their own limits allow. */
class SubscriptionBudgetTest {
    /** Room for ten subscriptions of ids like "dl-a-0" in all; each connection alone may hold 1,000. */
    private static final long BUDGET = 10 * SubscriptionManager.cost("dl-a-0");

    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .configured(Map.of(
                    "websocket.subscription-memory", String.valueOf(BUDGET)));

    private final URI uri = SERVER.uri();

    @Test
    void aSubscribePastTheServerBudgetGetsAnErrorAndAClosedConnectionGivesItsShareBack() {
        try (ChannelClient b = ChannelClient.connect(uri)) {
            try (ChannelClient a = ChannelClient.connect(uri)) {
                for (int i = 0; i < 5; i++) {
                    a.subscribe("dl-a-" + i);
                    b.subscribe("dl-b-" + i);
                }
                b.send(ChannelClient.message("subscribe:download", "dl-b-5"));
                assertThat(b.expect("error").getJsonObject("data").getString("message"),
                        containsString("too many downloads for all its clients"));
                b.subscribe("dl-b-0");  // one already held is still acknowledged
            }
            Await.until(() -> SERVER.app().channel().connectionCount() == 1, "the first client is gone");
            for (int i = 5; i < 10; i++) {
                b.subscribe("dl-b-" + i);  // its share is free again
            }
        }
    }
}
