package dev.jamra.server.websocket;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageAssemblerTest {

    @Test
    void joinsFramesIntoOneMessage() throws Exception {
        MessageAssembler assembler = new MessageAssembler(100);
        assertNull(assembler.text("{\"a\":", false));
        assertEquals("{\"a\":1}", assembler.text("1}", true));
        assertEquals("next", assembler.text("next", true), "the next message starts afresh");
    }

    @Test
    void capCountsTheWholeMessageInUtf8Bytes() throws Exception {
        MessageAssembler assembler = new MessageAssembler(10);
        assembler.text("12345", false);
        assertThrows(MessageAssembler.TooBig.class, () -> assembler.text("123456", true));
        assertEquals("1234567890", assembler.text("1234567890", true), "exactly the cap is fine");
        assertThrows(MessageAssembler.TooBig.class, () -> assembler.text("ééééé1", true), "é is two bytes");
    }

    @Test
    void binaryFramesCountTowardTheCapToo() throws Exception {
        MessageAssembler assembler = new MessageAssembler(10);
        assertFalse(assembler.binary(6, false));
        assertThrows(MessageAssembler.TooBig.class, () -> assembler.binary(6, true));
        assertTrue(assembler.binary(10, true));
    }
}
