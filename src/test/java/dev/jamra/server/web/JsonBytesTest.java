package dev.jamra.server.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.jamra.server.web.JsonFactory.JSON;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link JsonBytes} writes strings as the JSON-P writer does, across chunks of any size, and hands full chunks on. */
class JsonBytesTest {
    private static final String EVERY_ESCAPE;

    static {
        StringBuilder text = new StringBuilder("a\"b\\c/d ");
        for (char ch = 0; ch < 0x20; ch++) {
            text.append(ch);
        }
        EVERY_ESCAPE = text.append("\u007f é 夜 😀 \u2028 \uFFFD end").toString();
    }

    /** Bytes written through chunks of {@code size}, each chunk as handed over, the last as left. */
    private static final class Chunks {
        final List<Integer> handed = new ArrayList<>();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final JsonBytes json;
        private final int size;

        Chunks(int size) {
            this.size = size;
            this.json = new JsonBytes(new byte[size], (chunk, length) -> {
                assertEquals(size, chunk.length, "only a full chunk of the size given is handed over");
                handed.add(length);
                out.write(chunk, 0, length);
                return new byte[size];
            });
        }

        byte[] bytes() {
            out.write(json.chunk(), 0, json.length());
            return out.toByteArray();
        }

        void assertEveryChunkFull() {
            handed.forEach(length -> assertEquals(size, length));
        }
    }

    /** How the JSON-P writer writes {@code text} as a string. */
    private static byte[] parsson(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JSON.createWriterFactory(Map.of()).createWriter(out, StandardCharsets.UTF_8)
                .write(JSON.createArrayBuilder().add(text).build());
        byte[] array = out.toByteArray();
        return Arrays.copyOfRange(array, 1, array.length - 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64, 4096})
    void stringsAreEscapedAsTheJsonPWriterEscapesThem(int chunkSize) {
        Chunks chunks = new Chunks(chunkSize);
        chunks.json.string(EVERY_ESCAPE);
        assertArrayEquals(parsson(EVERY_ESCAPE), chunks.bytes());
        chunks.assertEveryChunkFull();
    }

    @Test
    void everyControlCharacterHasItsEscape() {
        Chunks chunks = new Chunks(16);
        chunks.json.string("\b\t\n\f\r\u0000\u001f\u0010\"\\");
        assertEquals("\"\\b\\t\\n\\f\\r\\u0000\\u001f\\u0010\\\"\\\\\"",
                new String(chunks.bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void storedUtf8IsWrittenAsTheDriverWouldDecodeIt() {
        byte[] wellFormed = "Ärger \"夜\"\n".getBytes(StandardCharsets.UTF_8);
        Chunks good = new Chunks(5);
        good.json.string(wellFormed);
        assertArrayEquals(parsson("Ärger \"夜\"\n"), good.bytes());

        for (String hex : List.of("C341", "80", "EDA080", "C0AF", "41FF42", "E282")) {
            byte[] malformed = HexFormat.of().parseHex(hex);
            Chunks bad = new Chunks(3);
            bad.json.string(malformed);
            assertArrayEquals(parsson(new String(malformed, StandardCharsets.UTF_8)), bad.bytes(), hex);
        }
    }

    @Test
    void aLoneSurrogateIsWrittenAsJavasEncoderWritesIt() {
        Chunks chunks = new Chunks(4);
        chunks.json.string("a\uD800b").string("c".getBytes(StandardCharsets.UTF_8)).string("d");
        assertEquals("\"a?b\"\"c\"\"d\"", new String(chunks.bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void rawJsonIsCopiedOnlyWhenItIsWellFormedUtf8() {
        Chunks chunks = new Chunks(2);
        byte[] json = "{\"t\":\"夜\"}".getBytes(StandardCharsets.UTF_8);
        assertTrue(chunks.json.rawUtf8(json));
        assertFalse(chunks.json.rawUtf8(HexFormat.of().parseHex("7B80")), "malformed");
        assertFalse(chunks.json.rawUtf8("\uFFFD".getBytes(StandardCharsets.UTF_8)), "a replacement character");
        assertArrayEquals(json, chunks.bytes(), "nothing written for what was refused");
    }

    @Test
    void rawBytesNumbersAndSlices() {
        Chunks chunks = new Chunks(3);
        chunks.json.raw("[".getBytes(StandardCharsets.US_ASCII)).number(-9_007_199_254_740_993L)
                .raw("x,0,y".getBytes(StandardCharsets.US_ASCII), 1, 3).number(0)
                .raw(new byte[0]).raw("]".getBytes(StandardCharsets.US_ASCII));
        assertEquals("[-9007199254740993,0,0]", new String(chunks.bytes(), StandardCharsets.US_ASCII));
        chunks.assertEveryChunkFull();
        assertEquals(7, chunks.handed.size(), "23 bytes in chunks of 3: 7 full, 2 bytes left");
    }

    @Test
    void theChunkBeingFilledAndItsLength() {
        JsonBytes json = new JsonBytes(new byte[8], (chunk, length) -> new byte[8]);
        assertEquals(0, json.length());
        json.string("ab");
        assertEquals(4, json.length());
        assertEquals("\"ab\"", new String(json.chunk(), 0, json.length(), StandardCharsets.US_ASCII));
        json.raw(new byte[5]);
        assertEquals(1, json.length(), "a new chunk after the first 8 bytes");
    }

    @Test
    void chunksMustHoldAByte() {
        assertThrows(IllegalArgumentException.class, () -> new JsonBytes(new byte[0], (chunk, length) -> chunk));
        JsonBytes json = new JsonBytes(new byte[1], (chunk, length) -> new byte[0]);
        json.raw(new byte[1]);
        assertThrows(IllegalStateException.class, () -> json.raw(new byte[1]));
    }
}
