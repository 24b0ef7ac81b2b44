package dev.jamra.server;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.jamra.server.websocket.EventChannel;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;

/**
 * How the server {@link Main#setup} wired stops: its event channel and the resources that must stop with it.
 * Its stop path closes every WebSocket with 1001 before the port is released, then closes the resources in the
 * reverse order of their registration. It rides on the routing's lifecycle, so a server stopped some other
 * way (a test's) still releases them.
 */
public final class ServerLifecycle implements HttpFeature {
    private static final System.Logger LOG = System.getLogger(ServerLifecycle.class.getName());

    private final EventChannel channel;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile WebServer server;
    private volatile Runnable afterRequestedStop = () -> { };

    ServerLifecycle(EventChannel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    /** The event channel: where services publish, and what health and metrics read. */
    public EventChannel channel() {
        return channel;
    }

    /** Closes {@code resource} when the server stops, before those registered earlier. */
    synchronized <T extends AutoCloseable> T closeOnStop(T resource) {
        resources.push(resource);
        return resource;
    }

    /**
     * Stops the server: WebSocket clients get 1001 "Server shutting down", then the web server stops and
     * releases the port, then every resource closes. Safe to call more than once.
     */
    public void stop() {
        channel.shutdown();
        WebServer running = server;
        if (running != null && running.isRunning()) {
            running.stop();
        } else {
            afterStop();
        }
    }

    /**
     * Stops the server on a thread of its own, so the request that asked for it can finish first; then runs
     * the action given to {@link #afterRequestedStop}. Only the first request counts.
     */
    public void requestStop() {
        if (stopRequested.compareAndSet(false, true)) {
            Thread.ofPlatform().name("jamra-stop").start(() -> {
                try {
                    stop();
                } finally {
                    afterRequestedStop.run();
                }
            });
        }
    }

    /** What to do once a {@link #requestStop() requested} stop is over; {@code Main} ends the process. */
    public void afterRequestedStop(Runnable action) {
        this.afterRequestedStop = Objects.requireNonNull(action, "action");
    }

    @Override
    public void setup(HttpRouting.Builder routing) {
        // nothing to route; the feature is here for its lifecycle
    }

    @Override
    public void afterStart(WebServer webServer) {
        this.server = webServer;
    }

    @Override
    public void afterStop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        channel.shutdown();
        AutoCloseable resource;
        while ((resource = pollResource()) != null) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Failed to close " + resource, e);
            }
        }
    }

    private synchronized AutoCloseable pollResource() {
        return resources.poll();
    }
}
