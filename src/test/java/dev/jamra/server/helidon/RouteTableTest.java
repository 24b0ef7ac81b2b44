package dev.jamra.server.helidon;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.jamra.server.testing.RawHttp;

import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link RouteTable} works around, on a bare Helidon server: Helidon answers a known path asked with another
 * method with 404, and its matching of a made-up request line agrees with the routes it serves.
 */
class RouteTableTest {
    private static final List<Method> METHODS = List.of(Method.GET, Method.POST, Method.PUT, Method.PATCH,
            Method.DELETE);
    private static final List<String> PATHS = List.of("/things", "/things/", "/things/t1", "/things/t1/parts/2",
            "/things/t1/parts", "/things/t1/parts/2/more", "/things/t1/flag", "/thingsx", "/elsewhere", "/",
            "/nested/inner/n1", "/nested/inner", "/nested/direct", "/nested", "/things/a%20b");

    private static WebServer server;

    /** Routes of every shape the server's services use: a root, path parameters, a nested registration. */
    private static final class Things implements HttpService {
        @Override
        public void routing(HttpRules rules) {
            rules.get("/", Things::answer)
                    .post("/", Things::answer)
                    .get("/{id}", Things::answer)
                    .delete("/{id}", Things::answer)
                    .put("/{id}/parts/{number}", Things::answer)
                    .patch("/{id}/flag", Things::answer);
        }

        private static void answer(ServerRequest req, ServerResponse res) {
            res.send("routed");
        }
    }

    /** Services registered by a service, under a path of their own and under its own. */
    private static final class Nested implements HttpService {
        @Override
        public void routing(HttpRules rules) {
            rules.register("/inner", new HttpService() {
                @Override
                public void routing(HttpRules inner) {
                    inner.get("/{id}", Things::answer);
                }
            }).register(new HttpService() {
                @Override
                public void routing(HttpRules same) {
                    same.post("/direct", Things::answer);
                }
            });
        }
    }

    /** The table of the services the server serves, recorded on a routing of its own. */
    private static RouteTable register(HttpRouting.Builder routing) {
        return new RouteTable(routing).register("/things", new Things()).register("/nested", new Nested());
    }

    @BeforeAll
    static void start() {
        server = WebServer.builder()
                .port(0)
                .host("localhost")
                .routing(RouteTableTest::register)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void helidonAnswersAKnownPathAskedWithAnotherMethodWith404() {
        RawHttp.Answer answer = RawHttp.exchange(uri(), "DELETE /things HTTP/1.1\r\nHost: localhost\r\n",
                new byte[0]);
        assertEquals(404, answer.status(), "Helidon answers 405 itself now: RouteTable may go\n" + answer.head());
        assertTrue(answer.header("Allow").isEmpty(), answer::head);
    }

    @Test
    void theRecordedRoutesTakeExactlyTheMethodsHelidonRoutes() {
        RouteTable routes = register(HttpRouting.builder());
        List<String> disagreements = new ArrayList<>();
        for (String path : PATHS) {
            Set<Method> allowed = routes.allowed(path);
            for (Method method : METHODS) {
                RawHttp.Answer answer = RawHttp.exchange(uri(), method.text() + " " + path
                        + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n", new byte[0]);
                boolean routed = answer.status() == 200;
                if (routed != allowed.contains(method)) {
                    disagreements.add(method.text() + " " + path + ": Helidon " + answer.status() + ", table "
                                      + allowed);
                }
            }
        }
        assertEquals(List.of(), disagreements);
    }

    @Test
    void aKnownPathAllowsItsMethodsInOrderWithHeadAndOptions() {
        RouteTable routes = register(HttpRouting.builder());
        assertEquals(List.of(Method.GET, Method.HEAD, Method.POST, Method.OPTIONS),
                List.copyOf(routes.allowed("/things")));
        assertEquals(List.of(Method.GET, Method.HEAD, Method.DELETE, Method.OPTIONS),
                List.copyOf(routes.allowed("/things/t1")));
        assertEquals(List.of(Method.PUT, Method.OPTIONS), List.copyOf(routes.allowed("/things/t1/parts/2")));
        assertEquals(List.of(Method.GET, Method.HEAD, Method.OPTIONS), List.copyOf(routes.allowed("/nested/inner/n")));
        assertEquals(List.of(Method.POST, Method.OPTIONS), List.copyOf(routes.allowed("/nested/direct")));
        assertEquals(Set.of(), routes.allowed("/things/t1/parts"));
        assertEquals(Set.of(), routes.allowed("/thingsx"));
    }

    @Test
    void aTableOfNoServicesKnowsNoPath() {
        assertEquals(Set.of(), new RouteTable(HttpRouting.builder()).allowed("/things"));
    }

    private static URI uri() {
        return URI.create("http://localhost:" + server.port());
    }
}
