package dev.jamra.server.web;

import java.util.List;
import java.util.Optional;

import dev.jamra.server.errors.ServiceException;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Typed reads of body fields with their length limits: at the limit a value passes, past it a 400 names it. */
class JsonFieldsTest {
    private static final JsonObject BODY = Json.createObjectBuilder()
            .add("short", "abc").add("blank", " ").add("nothing", JsonValue.NULL).add("number", 12.5)
            .add("long", 1234567).add("flag", true).add("list", Json.createArrayBuilder().add("ab").add("cd"))
            .add("object", Json.createObjectBuilder().add("k", "vv")).build();

    @Test
    void stringsUpToTheirLimitPassAndLongerOnesAreRefusedByName() {
        assertEquals("abc", JsonFields.requiredString(BODY, "short", 3));
        assertField("short", 2, () -> JsonFields.requiredString(BODY, "short", 2));
        assertEquals(Optional.of("abc"), JsonFields.optionalString(BODY, "short", 3));
        assertEquals(Optional.of(" "), JsonFields.optionalString(BODY, "blank", 1), "blank is a value here");
        assertEquals(Optional.empty(), JsonFields.optionalString(BODY, "nothing", 1));
        assertEquals(Optional.empty(), JsonFields.optionalString(BODY, "absent", 1));
        assertField("short", 2, () -> JsonFields.optionalString(BODY, "short", 2));
        assertEquals(List.of("ab", "cd"), JsonFields.requiredStrings(BODY, "list", 2));
        assertField("list", 1, () -> JsonFields.requiredStrings(BODY, "list", 1));
        assertEquals("x", JsonFields.limited("x", "f", 1));
    }

    @Test
    void labelsCountTheirTextWhetherStringOrNumber() {
        assertEquals(Optional.of("12.5"), JsonFields.optionalLabel(BODY, "number", 4));
        assertField("number", 3, () -> JsonFields.optionalLabel(BODY, "number", 3));
        assertEquals(Optional.of("abc"), JsonFields.optionalLabel(BODY, "short", 3));
        assertEquals(Optional.empty(), JsonFields.optionalLabel(BODY, "absent", 3));
        assertField("flag", 9, () -> JsonFields.optionalLabel(BODY, "flag", 9));
    }

    @Test
    void aValueIsMeasuredByItsJsonText() {
        assertEquals(Json.createObjectBuilder().add("k", "vv").build(), JsonFields.requiredValue(BODY, "object", 10));
        assertField("object", 9, () -> JsonFields.requiredValue(BODY, "object", 9));
        assertEquals(JsonValue.NULL, JsonFields.requiredValue(BODY, "nothing", 4));
        assertField("absent", 1, () -> JsonFields.requiredValue(BODY, "absent", 100));
    }

    @Test
    void numbersAndBooleansAreReadAsTheyAre() {
        assertEquals(1234567, JsonFields.requiredInt(BODY, "long"));
        assertEquals(Optional.of(true), JsonFields.optionalBoolean(BODY, "flag"));
        assertEquals(Optional.empty(), JsonFields.optionalBoolean(BODY, "nothing"));
        assertThrows(ServiceException.Invalid.class, () -> JsonFields.optionalBoolean(BODY, "short"));
        assertThrows(ServiceException.Invalid.class, () -> JsonFields.requiredInt(BODY, "number"));
    }

    private static void assertField(String field, int limit, Runnable read) {
        ServiceException.Invalid refused = assertThrows(ServiceException.Invalid.class, read::run);
        assertEquals(field, refused.details().get("field"));
        if (!field.equals("flag") && !field.equals("absent")) {
            assertThat(refused.getMessage(), containsString(String.valueOf(limit)));
        }
    }
}
