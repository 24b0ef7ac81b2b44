package dev.jamra.server.websocket.incoming;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageAssemblerTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void joinsFramesIntoOneMessage() throws Exception {
        MessageAssembler assembler = new MessageAssembler(100);
        assertNull(assembler.text(utf8("{\"a\":"), false));
        assertEquals("{\"a\":1}", assembler.text(utf8("1}"), true));
        assertEquals("next", assembler.text(utf8("next"), true), "the next message starts afresh");
    }

    @Test
    void capCountsTheWholeMessageInUtf8Bytes() throws Exception {
        MessageAssembler assembler = new MessageAssembler(10);
        assembler.text(utf8("12345"), false);
        assertThrows(MessageAssembler.TooBig.class, () -> assembler.text(utf8("123456"), true));
        assertEquals("1234567890", assembler.text(utf8("1234567890"), true), "exactly the cap is fine");
        assertThrows(MessageAssembler.TooBig.class, () -> assembler.text(utf8("ééééé1"), true), "é is two bytes");
    }

    @Test
    void aCharacterSplitBetweenFramesIsDecodedWhole() throws Exception {
        MessageAssembler assembler = new MessageAssembler(100);
        byte[] whole = utf8("a€b😀c");
        for (int cut = 1; cut < whole.length; cut++) {
            assertNull(assembler.text(Arrays.copyOfRange(whole, 0, cut), false));
            assertEquals("a€b😀c", assembler.text(Arrays.copyOfRange(whole, cut, whole.length), true), "cut at " + cut);
        }
    }

    @Test
    void invalidUtf8IsRefusedNotReplaced() throws Exception {
        MessageAssembler assembler = new MessageAssembler(100);
        assertThrows(MessageAssembler.NotUtf8.class, () -> assembler.text(new byte[] {'a', (byte) 0xC3}, true));
        assertNull(assembler.text(new byte[] {'a', (byte) 0xE2, (byte) 0x82}, false));
        assertThrows(MessageAssembler.NotUtf8.class, () -> assembler.text(new byte[] {'x'}, true));
        assertEquals("ok", assembler.text(utf8("ok"), true), "the next message starts afresh");
    }

    @Test
    void binaryFramesCountTowardTheCapToo() throws Exception {
        MessageAssembler assembler = new MessageAssembler(10);
        assertFalse(assembler.binary(6, false));
        assertThrows(MessageAssembler.TooBig.class, () -> assembler.binary(6, true));
        assertTrue(assembler.binary(10, true));
    }
}
