package dev.jamra.server.websocket.history;

import java.util.Optional;

import io.helidon.common.uri.UriQuery;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResumeRequestTest {

    private static Optional<ResumeRequest> parse(String query) {
        UriQuery parsed = UriQuery.create(query);
        return ResumeRequest.from(name -> parsed.first(name).asOptional());
    }

    @Test
    void readsTheThreeParameters() {
        assertEquals(Optional.of(new ResumeRequest("s-1", "e-1", 42)), parse("resume=s-1&epoch=e-1&lastSeq=42"));
        assertEquals(Optional.of(new ResumeRequest("s-1", "e-1", 0)), parse("resume=s-1&epoch=e-1&lastSeq=0"));
    }

    @Test
    void noSessionMeansNoResume() {
        assertEquals(Optional.empty(), parse(""));
        assertEquals(Optional.empty(), parse("resume=&epoch=e&lastSeq=1"));
        assertEquals(Optional.empty(), parse("epoch=e&lastSeq=1"));
    }

    @Test
    void missingOrMalformedPartsCannotMatch() {
        assertEquals(Optional.of(new ResumeRequest("s", "", -1)), parse("resume=s"));
        assertEquals(-1, parse("resume=s&epoch=e&lastSeq=abc").orElseThrow().lastSeq());
        assertEquals(-1, parse("resume=s&epoch=e&lastSeq=-5").orElseThrow().lastSeq());
    }
}
