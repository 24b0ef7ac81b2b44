package dev.jamra.server.helidon;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.RawWebSocket;
import dev.jamra.server.websocket.delivery.OutgoingFrame;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.ClientWsFrame;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsCloseException;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the adapter relies on in Helidon 4.5.0 beyond its public WebSocket API (this package's
 * {@code package-info} lists each reach), checked on a real Helidon server with a listener of the test's own: if
 * an upgrade of Helidon changes one of them, a test here fails, instead of the channel quietly writing slower,
 * no longer cutting stalled clients, keeping dead ones or refusing the reader's page.
 */
class HelidonReachesTest {
    private static final BlockingQueue<Probe> OPENED = new LinkedBlockingQueue<>();
    private static WebServer server;
    private static URI uri;

    @BeforeAll
    static void start() {
        server = WebServer.builder()
                .host("localhost")
                .port(0)
                .addProtocol(WsConfig.builder().name("websocket").build())
                .addRouting(WsRouting.builder().endpoint("/probe", Probe::new))
                .build()
                .start();
        uri = URI.create("http://localhost:" + server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** Keeps what Helidon hands a listener: the session as our socket, and each text frame decoded and raw. */
    private static final class Probe implements WsListener {
        final List<String> decoded = new CopyOnWriteArrayList<>();
        final List<byte[]> raw = new CopyOnWriteArrayList<>();
        volatile SessionSocket socket;
        volatile RawTextFrames tapped;

        @Override
        public void onOpen(WsSession session) {
            socket = SessionSocket.of(session);
            if (session.socketContext() instanceof TextTappingContext context) {
                tapped = context.textFrames();
            }
            OPENED.add(this);
        }

        @Override
        public void onMessage(WsSession session, String text, boolean last) {
            decoded.add(text);
            if (tapped != null) {
                raw.add(tapped.next());
            }
        }
    }

    private static Probe opened(RawWebSocket client) throws InterruptedException {
        assertEquals(101, client.status(), client::responseHead);
        Probe probe = OPENED.poll(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(probe, "the listener was opened");
        return probe;
    }

    private static String error(String message) {
        return "{\"event\":\"error\",\"data\":{\"message\":\"" + message + "\"},\"timestamp\":1}";
    }

    @Test
    void framesMadeOnceAreWrittenAsTheyAreSeveralInOneWrite() throws Exception {
        try (RawWebSocket client = RawWebSocket.upgrade(uri, "/probe", Map.of())) {
            Probe probe = opened(client);
            ByteArrayOutputStream two = new ByteArrayOutputStream();
            two.writeBytes(OutgoingFrame.Text.of(error("one"), null).frame());
            two.writeBytes(OutgoingFrame.Text.of(error("two"), null).frame());
            probe.socket.write(two.toByteArray());
            assertEquals(error("one"), client.readFrame().text());
            assertEquals(error("two"), client.readFrame().text());
            probe.socket.ping();
            assertEquals(RawWebSocket.PING, client.readFrame().opcode(), "the session's own frames go beside them");
        }
    }

    @Test
    void aCutClosesTheSocketAndEndsHelidonsThreadForIt() throws Exception {
        try (RawWebSocket client = RawWebSocket.upgrade(uri, "/probe", Map.of())) {
            Probe probe = opened(client);
            assertTrue(probe.socket.isOpen(), "Helidon's thread for the socket runs while the socket is open");
            probe.socket.cut();
            assertTrue(probe.socket.awaitEnd(System.nanoTime() + Await.TIMEOUT.toNanos()),
                    "the thread Helidon opened the session on ended: the socket is closed");
            assertFalse(probe.socket.isOpen());
            client.readUntilClose();  // returns, rather than timing out: the client's side ended too
        }
    }

    @Test
    void aPeerThatJustDropsEndsHelidonsThreadForTheSocket() throws Exception {
        RawWebSocket client = RawWebSocket.upgrade(uri, "/probe", Map.of());
        Probe probe = opened(client);
        client.drop();
        Await.until(() -> !probe.socket.isOpen(), "the thread Helidon opened the session on ended");
    }

    @Test
    void ourUpgradeProviderIsTheOneInUseAndTapsTheRawBytesHelidonLoses() throws Exception {
        // an origin that is not the Host: Helidon's own upgrader refuses it with 403 before any filter
        try (RawWebSocket client = RawWebSocket.upgrade(uri, "/probe", Map.of("Origin", "http://localhost:5173"))) {
            Probe probe = opened(client);
            assertNotNull(probe.tapped, "the session's context is our TextTappingContext");
            String start = "{\"id\":\"";
            byte[] whole = (start + "é\"}").getBytes(StandardCharsets.UTF_8);
            int cut = start.length() + 1;  // inside the é, two bytes in UTF-8
            byte[] first = Arrays.copyOfRange(whole, 0, cut);
            byte[] rest = Arrays.copyOfRange(whole, cut, whole.length);
            client.sendFrame(RawWebSocket.TEXT, false, first);
            client.sendFrame(RawWebSocket.PING, true, new byte[] {1});
            client.sendFrame(RawWebSocket.CONTINUATION, true, rest);
            Await.until(() -> probe.decoded.size() == 2, "both frames were handed over");
            assertTrue(probe.decoded.stream().allMatch(text -> text.contains("\uFFFD")),
                    "Helidon still decodes each frame alone, losing a character split between them: "
                    + probe.decoded);
            assertArrayEquals(first, probe.raw.get(0), "the tap kept each frame's bytes, one per frame");
            assertArrayEquals(rest, probe.raw.get(1));
        }
    }

    @Test
    void helidonStillFailsOnAReservedOpcodeButRefusesReservedBitsItself() {
        // a reserved opcode escapes Helidon's reader as an exception of its own, which Helidon answers with an
        // HTTP 500 written onto the WebSocket: RawTextFrames refuses such a frame first
        RuntimeException reserved = assertThrows(RuntimeException.class, () -> read(0x83));
        assertFalse(reserved instanceof WsCloseException, "if Helidon now fails the connection itself, "
                                                         + "RawTextFrames need not refuse reserved opcodes");
        // reserved bits it refuses with 1002, which the channel leaves to it
        WsCloseException bits = assertInstanceOf(WsCloseException.class,
                assertThrows(RuntimeException.class, () -> read(0xC1)));
        assertEquals(WsCloseCodes.PROTOCOL_ERROR, bits.closeCode());
        assertEquals("x", read(0x81).payloadData().readString(1, StandardCharsets.UTF_8), "a good frame reads");
    }

    /** A client frame with first byte {@code first} and payload "x", read by Helidon's own frame reader. */
    private static ClientWsFrame read(int first) {
        byte[] frame = {(byte) first, (byte) 0x81, 0, 0, 0, 0, 'x'};  // masked with zeros: the payload as it is
        DataReader reader = DataReader.create(() -> frame);
        return ClientWsFrame.read(null, reader, 1024);
    }

    @Test
    void aBufferOfOurBytesIsWrittenWithoutACopy() {
        byte[] bytes = {1, 2, 3};
        BufferData buffer = BufferData.create(bytes);
        bytes[0] = 9;
        assertEquals(9, buffer.read(), "BufferData.create wraps the array: a frame shared by many is not copied");
    }
}
