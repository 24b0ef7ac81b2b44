package dev.jamra.server.opds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.json.JsonMapper;

/** The OPDS 2.0 schema the tests hold feeds and publications to (see {@code src/test/resources/opds/README.md}). */
final class Opds2Schema {
    private static final String LOCATION = "https://jamra.invalid/test-schemas/opds2.schema.json";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(Map.of(LOCATION, read())));
    static final Schema FEED = REGISTRY.getSchema(SchemaLocation.of(LOCATION));
    static final Schema PUBLICATION = REGISTRY.getSchema(SchemaLocation.of(LOCATION + "#/$defs/publication"));

    private Opds2Schema() {
    }

    /** What {@code schema} finds wrong with {@code json}; empty when it matches. */
    static List<Error> errors(Schema schema, String json) {
        return schema.validate(MAPPER.readTree(json), context -> context.executionConfig(config ->
                config.formatAssertionsEnabled(true)));
    }

    private static String read() {
        try (InputStream in = Opds2Schema.class.getResourceAsStream("/opds/opds2.schema.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
