package dev.jamra.server.testing;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.jamra.server.events.AsyncApiService;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validator every WebSocket test relies on catches what breaks the document. */
class ChannelContractTest {
    private final ChannelContract contract = ChannelContract.get();

    private static final String PROGRESS = """
            {"event":"download:progress","data":{"downloadId":"dl","chapterId":"ch","currentPage":3,"totalPages":12,\
            "percentage":25,"timestamp":1},"timestamp":2,"seq":7}""";

    @Test
    void aValidMessagePasses() {
        assertEquals(Optional.empty(), contract.checkServerMessage(PROGRESS));
        assertEquals(Optional.empty(), contract.checkClientMessage(
                "{\"event\":\"subscribe:download\",\"data\":{\"downloadId\":\"dl\"},\"timestamp\":5}"));
    }

    @Test
    void deliberatelyWrongPayloadsAreCaught() {
        String[] wrong = {
            PROGRESS.replace("\"percentage\":25", "\"percentage\":\"25\""),  // a string, not a number
            PROGRESS.replace("\"percentage\":25", "\"percentage\":101"),     // out of range
            PROGRESS.replace(",\"seq\":7", ""),                               // a broadcast without seq
            PROGRESS.replace("\"chapterId\":\"ch\",", ""),                    // a required field missing
            PROGRESS.replace("\"timestamp\":1}", "\"timestamp\":1,\"extra\":true}"),  // an undocumented field
            "{\"event\":\"download:paused\",\"data\":{},\"timestamp\":1}",   // an undocumented event
            "{\"event\":\"connect\",\"data\":{\"message\":\"Connected to manga reader server\",\"sessionId\":\"s\","
                    + "\"epoch\":\"e\",\"seq\":0,\"resumed\":false},\"timestamp\":1}",  // refused without a reason
            "{\"event\":\"subscription:ack\",\"data\":{\"action\":\"subscribed\",\"type\":\"download\","
                    + "\"downloadId\":\"a\",\"snapshot\":{\"event\":\"download:progress\",\"data\":{},\"seq\":1}},"
                    + "\"timestamp\":1}",  // a snapshot whose data is not its event's
        };
        for (String message : wrong) {
            assertTrue(contract.checkServerMessage(message).isPresent(), () -> "not caught: " + message);
        }
        assertThat(contract.checkServerMessage(wrong[0]).orElseThrow(), containsString("download:progress"));
        assertTrue(contract.checkClientMessage("{\"event\":\"subscribe:download\",\"data\":{\"downloadId\":\" \"}}")
                .isPresent());
        assertTrue(contract.checkClientMessage("{\"event\":\"subscribe:download\",\"data\":{}}").isPresent());
        assertTrue(contract.checkClientMessage(PROGRESS).isPresent(), "a server message is no client message");
        assertTrue(contract.checkServerMessage("[1]").isPresent());
        assertTrue(contract.checkServerMessage(PROGRESS + " junk").isPresent());
    }

    @Test
    void aDocumentWithoutMessagesIsRefused() {
        byte[] empty = "{\"asyncapi\":\"3.0.0\",\"operations\":{},\"components\":{\"messages\":{}}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalStateException.class, () -> new ChannelContract(empty));
        assertTrue(AsyncApiService.load().length > 0);
    }
}
