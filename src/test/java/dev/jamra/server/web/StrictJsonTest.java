package dev.jamra.server.web;

import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StrictJsonTest {

    @Test
    void readsOneValueOfAnyKind() {
        assertEquals(JsonValue.ValueType.OBJECT, StrictJson.parse(" {\"a\":[1,2]} ").getValueType());
        assertEquals(JsonValue.NULL, StrictJson.parse("null"));
        assertEquals("x", StrictJson.parse("\"x\"").toString().replace("\"", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}", "[1,2] 3",
                            "{\"key\":1,\"key\":2}", "{'a':1}"})
    void refusesAnythingButExactlyOneValue(String text) {
        assertThrows(JsonException.class, () -> StrictJson.parse(text), text);
    }

    @Test
    void nestingTooDeepIsAParseErrorNotACrash() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        assertThrows(JsonException.class, () -> StrictJson.parse(deep));
    }
}
