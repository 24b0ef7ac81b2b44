package dev.jamra.server.sources;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The page image formats the server stores and serves: file extensions and media types. */
public final class ImageTypes {
    private static final Map<String, String> BY_EXTENSION = Map.of(
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "png", "image/png",
            "webp", "image/webp",
            "gif", "image/gif",
            "avif", "image/avif");
    private static final Map<String, String> EXTENSION_BY_TYPE = Map.of(
            "image/jpeg", "jpg",
            "image/jpg", "jpg",
            "image/pjpeg", "jpg",
            "image/png", "png",
            "image/webp", "webp",
            "image/gif", "gif",
            "image/avif", "avif");

    private ImageTypes() {
    }

    /** The extension (lower case, without dot) of a file name or URL path, if it is a page image. */
    public static Optional<String> extensionOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.containsKey(extension) ? Optional.of(extension) : Optional.empty();
    }

    public static boolean isImage(String fileName) {
        return extensionOf(fileName).isPresent();
    }

    /** The media type of a page image file, by its extension. */
    public static Optional<String> contentTypeOf(String fileName) {
        return extensionOf(fileName).map(BY_EXTENSION::get);
    }

    /** The extension for a {@code Content-Type} header value ({@code image/png; charset=...} gives png). */
    public static Optional<String> extensionForType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(Locale.ROOT);
        return Optional.ofNullable(EXTENSION_BY_TYPE.get(type));
    }
}
