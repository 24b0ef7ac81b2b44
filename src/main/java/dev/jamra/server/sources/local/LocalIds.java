package dev.jamra.server.sources.local;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Ids of local manga and chapters: the file name itself when it is URL-safe ({@code one-piece}, {@code ch_01.cbz}),
 * else {@code ~} and the name in unpadded base64url ({@code Chapter 1} becomes {@code ~Q2hhcHRlciAx}). Decoding
 * gives back a single file name or nothing: never a path, never {@code .} or {@code ..}.
 */
final class LocalIds {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    private static final char ENCODED = '~';
    private static final int MAX_NAME_LENGTH = 255;

    private LocalIds() {
    }

    static String encode(String fileName) {
        if (PLAIN.matcher(fileName).matches()) {
            return fileName;
        }
        return ENCODED + Base64.getUrlEncoder().withoutPadding().encodeToString(fileName.getBytes(StandardCharsets.UTF_8));
    }

    /** The file name an id stands for, if the id is well formed and names a single plain entry. */
    static Optional<String> decode(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        if (id.charAt(0) != ENCODED) {
            return PLAIN.matcher(id).matches() ? Optional.of(id) : Optional.empty();
        }
        String name;
        try {
            name = new String(Base64.getUrlDecoder().decode(id.substring(1)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return isSingleName(name) && encode(name).equals(id) ? Optional.of(name) : Optional.empty();
    }

    /** A name that stays inside the folder it is resolved against. */
    static boolean isSingleName(String name) {
        return !name.isEmpty()
               && name.length() <= MAX_NAME_LENGTH
               && !name.equals(".")
               && !name.equals("..")
               && name.indexOf('/') < 0
               && name.indexOf('\\') < 0
               && name.indexOf('\0') < 0
               && name.indexOf(':') < 0;
    }
}
