package dev.jamra.server.web;

import java.time.Duration;
import java.util.Map;

import dev.jamra.server.errors.ServiceException;

import io.helidon.http.Status;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Each kind of failure answers with its one status, its details and cause unchanged. */
class ServiceErrorsTest {

    @Test
    void eachKindAnswersWithItsStatus() {
        assertEquals(Status.BAD_REQUEST_400, ErrorHandling.statusOf(new ServiceException.Invalid("m")));
        assertEquals(Status.FORBIDDEN_403, ErrorHandling.statusOf(new ServiceException.Forbidden("m")));
        assertEquals(Status.NOT_FOUND_404, ErrorHandling.statusOf(new ServiceException.NotFound("m")));
        assertEquals(Status.CONFLICT_409, ErrorHandling.statusOf(new ServiceException.Conflict("m", Map.of())));
        assertEquals(Status.UNSUPPORTED_MEDIA_TYPE_415,
                ErrorHandling.statusOf(new ServiceException.UnsupportedFormat("m")));
        assertEquals(Status.BAD_GATEWAY_502, ErrorHandling.statusOf(new ServiceException.SourceFailure("m", null)));
        assertEquals(Status.SERVICE_UNAVAILABLE_503,
                ErrorHandling.statusOf(new ServiceException.Unavailable("m", Duration.ofSeconds(2))));
    }

    @Test
    void retryAfterIsInWholeSecondsRoundedUpAndAtLeastOne() {
        assertEquals(1, ErrorHandling.retryAfterSeconds(new ServiceException.Unavailable("m", Duration.ZERO)));
        assertEquals(1, ErrorHandling.retryAfterSeconds(new ServiceException.Unavailable("m",
                Duration.ofMillis(1000))));
        assertEquals(2, ErrorHandling.retryAfterSeconds(new ServiceException.Unavailable("m",
                Duration.ofMillis(1001))));
    }

    @Test
    void detailsAndCauseTravelUnchanged() {
        ServiceException.Invalid invalid = ServiceException.Invalid.field("libraryId", "Unknown library item x");
        assertEquals(Map.of("field", "libraryId"), invalid.details());
        assertEquals("Unknown library item x", invalid.getMessage());
        assertEquals(Map.of("libraryId", "id-1"),
                new ServiceException.Conflict("already there", Map.of("libraryId", "id-1")).details());
        assertEquals(Map.of(), new ServiceException.NotFound("gone").details());
        assertEquals(Map.of(), new ServiceException.Forbidden("no").details());
        assertEquals(Map.of(), new ServiceException.UnsupportedFormat("not JSON").details());
        RuntimeException cause = new RuntimeException("the source's own words");
        assertSame(cause, new ServiceException.SourceFailure("The source 'x' failed", cause).getCause());
    }
}
