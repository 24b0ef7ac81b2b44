package dev.jamra.server.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jamra.server.errors.ServiceException;

import io.helidon.common.parameters.Parameters;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Query parameters as the handlers read them: blank is absent, whole numbers or a 400 naming the parameter. */
class QueryParamsTest {

    private static Parameters query(String name, String... values) {
        return Parameters.create("query", Map.of(name, List.of(values)));
    }

    @Test
    void aBlankParameterCountsAsNotGivenAndTheFirstValueIsStripped() {
        assertEquals(Optional.empty(), QueryParams.optional(query("status", "  "), "status"));
        assertEquals(Optional.empty(), QueryParams.optional(query("other", "x"), "status"));
        assertEquals(Optional.of("reading"), QueryParams.optional(query("status", " reading ", "dropped"), "status"));
    }

    @Test
    void wholeNumbersAreReadAndAnythingElseIsA400NamingTheParameter() {
        assertEquals(Optional.of(0L), QueryParams.whole(query("limit", "0"), "limit"));
        assertEquals(Optional.of(999_999_999_999_999_999L),
                QueryParams.whole(query("limit", "999999999999999999"), "limit"));
        assertEquals(Optional.empty(), QueryParams.whole(query("limit", ""), "limit"));
        for (String bad : List.of("-1", "1.5", "x", "1e3", "9999999999999999999")) {
            ServiceException.Invalid refused = assertThrows(ServiceException.Invalid.class,
                    () -> QueryParams.whole(query("limit", bad), "limit"), bad);
            assertEquals("limit", refused.details().get("field"));
            assertEquals("limit must be a whole number, 0 or more", refused.getMessage());
        }
    }

    @Test
    void anOffsetIsZeroWhenNotGivenAndAtMostTheLargestInt() {
        assertEquals(0, QueryParams.offset(query("limit", "5")));
        assertEquals(Integer.MAX_VALUE, QueryParams.offset(query("offset", String.valueOf(Integer.MAX_VALUE))));
        ServiceException.Invalid tooLarge = assertThrows(ServiceException.Invalid.class,
                () -> QueryParams.offset(query("offset", String.valueOf(Integer.MAX_VALUE + 1L))));
        assertEquals("offset", tooLarge.details().get("field"));
        assertEquals(12, QueryParams.offset(query("offset", "12")));
    }
}
