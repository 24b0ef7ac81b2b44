package dev.jamra.server.web;

import java.io.StringReader;
import java.util.Map;

import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;

import static dev.jamra.server.web.JsonFactory.JSON;

/**
 * Parses text that must be exactly one JSON value: nothing may follow it, an object may not repeat a key,
 * and every failure (including nesting too deep to parse) is a {@link JsonException} saying what is wrong,
 * which {@link ErrorHandling} answers with 400.
 */
public final class StrictJson {
    // The standard key strategy binds readers only; the parser honours Parsson's own switch.
    private static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of(
            JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE,
            "org.eclipse.parsson.rejectDuplicateKeys", true));

    private StrictJson() {
    }

    public static JsonValue parse(String text) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new JsonException("the text is empty");
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new JsonParsingException("unexpected text after the JSON value", parser.getLocation());
            }
            return value;
        } catch (JsonException e) {
            throw e;
        } catch (RuntimeException e) {
            // the parser's own limits (such as nesting depth) come as plain runtime exceptions
            throw new JsonException(e.getMessage(), e);
        }
    }
}
