package dev.jamra.server.sources.local;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Ids of local manga and chapters, made to read well in the reader's address bar and breadcrumbs and to need no
 * escaping in a URL (the reader puts them in paths as they are). A URL-safe file name is its own id
 * ({@code one-piece}, {@code ch_01.cbz}); any other is {@code ~} and the name with spaces as {@code _} and every
 * byte outside {@code A-Z a-z 0-9 . -} as {@code ~} and two hex digits ({@code Chapter 1} is {@code ~Chapter_1},
 * {@code Re:Zero} is {@code ~Re~3AZero}). Each name has exactly one id, and an id decodes to a single file name or
 * to nothing: never a path, never {@code .} or {@code ..}. Ids of earlier versions ({@code ~} and the name in
 * base64url) still decode, so stored library items keep working.
 */
final class LocalIds {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    private static final Pattern ESCAPED = Pattern.compile("~[A-Za-z0-9._~-]+");
    private static final char MARK = '~';
    private static final char SPACE = '_';
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final int MAX_NAME_LENGTH = 255;

    private LocalIds() {
    }

    static String encode(String fileName) {
        if (PLAIN.matcher(fileName).matches()) {
            return fileName;
        }
        StringBuilder id = new StringBuilder(fileName.length() + 8).append(MARK);
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c == ' ') {
                id.append(SPACE);
            } else if (isLiteral(c)) {
                id.append(c);
            } else {
                id.append(MARK).append(HEX.toHexDigits(b));
            }
        }
        return id.toString();
    }

    /** The file name an id stands for, if the id is the one {@link #encode} gives for a single plain entry. */
    static Optional<String> decode(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        if (PLAIN.matcher(id).matches()) {
            return Optional.of(id);
        }
        if (!ESCAPED.matcher(id).matches()) {
            return Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(id.length());
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == SPACE) {
                bytes.write(' ');
            } else if (c != MARK) {
                bytes.write(c);
            } else if (i + 2 < id.length() && isHex(id.charAt(i + 1)) && isHex(id.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(id, i + 1, i + 3));
                i += 2;
            } else {
                return Optional.empty();
            }
        }
        return canonical(bytes.toString(StandardCharsets.UTF_8), id);
    }

    /** An id of an earlier version: {@code ~} and the name in unpadded base64url. */
    static Optional<String> decodeLegacy(String id) {
        if (id == null || id.length() < 2 || id.charAt(0) != MARK) {
            return Optional.empty();
        }
        String name;
        try {
            name = new String(Base64.getUrlDecoder().decode(id.substring(1)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String legacy = MARK + Base64.getUrlEncoder().withoutPadding().encodeToString(
                name.getBytes(StandardCharsets.UTF_8));
        return isSingleName(name) && !PLAIN.matcher(name).matches() && legacy.equals(id)
                ? Optional.of(name)
                : Optional.empty();
    }

    /** Every name {@code id} may stand for, the current form first; at most two, usually one. */
    static List<String> names(String id) {
        List<String> names = new ArrayList<>(2);
        decode(id).ifPresent(names::add);
        decodeLegacy(id).filter(name -> !names.contains(name)).ifPresent(names::add);
        return names;
    }

    /**
     * A name that is one entry of the folder it is resolved against: not empty, not {@code .} or {@code ..}, no
     * {@code /} or NUL. Characters a platform reads as separators ({@code \} on Windows) are refused where the
     * name is resolved, by {@link LocalFolder#child}.
     */
    static boolean isSingleName(String name) {
        return !name.isEmpty()
               && name.length() <= MAX_NAME_LENGTH
               && !name.equals(".")
               && !name.equals("..")
               && name.indexOf('/') < 0
               && name.indexOf('\0') < 0;
    }

    private static Optional<String> canonical(String name, String id) {
        return isSingleName(name) && encode(name).equals(id) ? Optional.of(name) : Optional.empty();
    }

    private static boolean isLiteral(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }
}
