package dev.jamra.server.opds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OPDS 2.0 schema the tests hold feeds and publications to: the project's own transcription of the
 * specification, or, when the system property {@value PUBLISHED} names a folder holding the published schema files
 * (see {@code src/test/resources/opds/README.md}), the published ones.
 */
final class Opds2Schema {
    /** Folder with {@code opds/} (opds-community/drafts' {@code schema}) and {@code webpub/} (Readium's). */
    static final String PUBLISHED = "jamra.published-schemas";
    private static final String LOCATION = "https://jamra.invalid/test-schemas/opds2.schema.json";
    private static final String OPDS = "https://drafts.opds.io/schema/";
    private static final String WEBPUB = "https://readium.org/webpub-manifest/schema/";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Path PUBLISHED_FOLDER = Optional.ofNullable(System.getProperty(PUBLISHED))
            .filter(folder -> !folder.isBlank()).map(Path::of).orElse(null);
    private static final SchemaRegistry REGISTRY = PUBLISHED_FOLDER == null
            ? SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemas(Map.of(LOCATION, read())))
            : SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                    builder -> builder.schemas(Opds2Schema::published));
    static final Schema FEED = REGISTRY.getSchema(SchemaLocation.of(
            PUBLISHED_FOLDER == null ? LOCATION : OPDS + "feed.schema.json"));
    static final Schema PUBLICATION = REGISTRY.getSchema(SchemaLocation.of(
            PUBLISHED_FOLDER == null ? LOCATION + "#/$defs/publication" : OPDS + "publication.schema.json"));

    private Opds2Schema() {
    }

    /** Whether the tests use the published schema files rather than the project's transcription. */
    static boolean isPublished() {
        return PUBLISHED_FOLDER != null;
    }

    /** What {@code schema} finds wrong with {@code json}; empty when it matches. */
    static List<Error> errors(Schema schema, String json) {
        return schema.validate(MAPPER.readTree(json), context -> context.executionConfig(config ->
                config.formatAssertionsEnabled(true)));
    }

    /** A published schema by its address, from the folder {@value PUBLISHED} names; {@code null} for others. */
    private static String published(String address) {
        for (Map.Entry<String, String> prefix : Map.of(OPDS, "opds", WEBPUB, "webpub").entrySet()) {
            if (address.startsWith(prefix.getKey())) {
                try {
                    return Files.readString(PUBLISHED_FOLDER.resolve(prefix.getValue())
                            .resolve(address.substring(prefix.getKey().length())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return null;
    }

    private static String read() {
        try (InputStream in = Opds2Schema.class.getResourceAsStream("/opds/opds2.schema.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
