package dev.jamra.server.sources;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A source's identity as {@code /api/extensions} and {@code /api/catalog} list it.
 *
 * @param id          URL-safe, unique among sources; the {@code extensionId} of library items
 * @param name        for people
 * @param version     the plug-in's version
 * @param description optional, {@code null} when it has none
 * @param language    the language of its manga (a BCP 47 tag such as {@code en}, or {@code multi}); optional
 */
public record SourceInfo(String id, String name, String version, String description, String language) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public SourceInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("A source id is lower-case letters, digits, '.', '_' or '-': " + id);
        }
    }

    /** A source described by its id, name and version alone. */
    public SourceInfo(String id, String name, String version) {
        this(id, name, version, null, null);
    }
}
