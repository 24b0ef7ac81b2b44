package dev.jamra.server.web;

import java.util.Map;

import dev.jamra.server.errors.ServiceException;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A service's failure answers with the status and body the HTTP layer's own exception of that kind gets. */
class ServiceErrorsTest {

    @Test
    void eachKindAnswersWithTheStatusOfItsHttpCounterpart() {
        assertEquals(new BadRequestException("m").status(), ErrorHandling.statusOf(new ServiceException.Invalid("m")));
        assertEquals(new NotFoundException("m").status(), ErrorHandling.statusOf(new ServiceException.NotFound("m")));
        assertEquals(new ConflictException("m", Map.of()).status(),
                ErrorHandling.statusOf(new ServiceException.Conflict("m", Map.of())));
        assertEquals(new UpstreamException("m", null).status(),
                ErrorHandling.statusOf(new ServiceException.SourceFailure("m", null)));
        assertEquals(io.helidon.http.Status.SERVICE_UNAVAILABLE_503,
                ErrorHandling.statusOf(new ServiceException.Unavailable("m", java.time.Duration.ofSeconds(2))));
    }

    @Test
    void retryAfterIsInWholeSecondsRoundedUpAndAtLeastOne() {
        assertEquals(1, ErrorHandling.retryAfterSeconds(new ServiceException.Unavailable("m",
                java.time.Duration.ZERO)));
        assertEquals(1, ErrorHandling.retryAfterSeconds(new ServiceException.Unavailable("m",
                java.time.Duration.ofMillis(1000))));
        assertEquals(2, ErrorHandling.retryAfterSeconds(new ServiceException.Unavailable("m",
                java.time.Duration.ofMillis(1001))));
    }

    @Test
    void detailsAndCauseTravelUnchanged() {
        ServiceException.Invalid invalid = ServiceException.Invalid.field("libraryId", "Unknown library item x");
        assertEquals(BadRequestException.field("libraryId", "Unknown library item x").details(), invalid.details());
        assertEquals("Unknown library item x", invalid.getMessage());
        assertEquals(Map.of("libraryId", "id-1"),
                new ServiceException.Conflict("already there", Map.of("libraryId", "id-1")).details());
        assertEquals(Map.of(), new ServiceException.NotFound("gone").details());
        RuntimeException cause = new RuntimeException("the source's own words");
        assertSame(cause, new ServiceException.SourceFailure("The source 'x' failed", cause).getCause());
    }
}
