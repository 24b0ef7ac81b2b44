package dev.jamra.server.sources;

import java.nio.charset.StandardCharsets;
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

    /** How many leading bytes {@link #sniff} needs. */
    public static final int SNIFF_LENGTH = 12;

    /** The extension of a page image recognised by its first bytes: png, jpeg, gif, webp or avif. */
    public static Optional<String> sniff(byte[] head) {
        if (startsWith(head, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
            return Optional.of("png");
        }
        if (startsWith(head, 0, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
            return Optional.of("jpg");
        }
        if (startsWith(head, 0, ascii("GIF87a")) || startsWith(head, 0, ascii("GIF89a"))) {
            return Optional.of("gif");
        }
        if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"))) {
            return Optional.of("webp");
        }
        if (startsWith(head, 4, ascii("ftypavif")) || startsWith(head, 4, ascii("ftypavis"))) {
            return Optional.of("avif");
        }
        return Optional.empty();
    }

    /** The media type of a {@code Content-Type} header value, lower case and without parameters. */
    public static Optional<String> mediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return type.isEmpty() ? Optional.empty() : Optional.of(type);
    }

    /** The extension for a {@code Content-Type} header value ({@code image/png; charset=...} gives png). */
    public static Optional<String> extensionForType(String contentType) {
        return mediaType(contentType).map(EXTENSION_BY_TYPE::get);
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
