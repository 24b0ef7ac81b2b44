package dev.jamra.server.cbz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The name a chapter's {@code .cbz} is saved under, {@code Series - Chapter N.cbz}, made safe for every operating
 * system (no path separators, reserved or control characters, no trailing dots or spaces, at most 150 characters
 * before the extension, never a reserved Windows device name), and the {@code Content-Disposition} header that
 * gives it: an ASCII {@code filename} for old clients and, when the name is not plain ASCII, the exact name as
 * {@code filename*} (RFC 6266, encoded as RFC 5987 says).
 */
final class CbzFileName {
    static final int MAX_LENGTH = 150;
    private static final String RESERVED = "<>:\"/\\|?*";

    private CbzFileName() {
    }

    /** {@code Series - Chapter N.cbz}, made safe. */
    static String of(String series, String chapterNumber) {
        return safe(series + " - Chapter " + chapterNumber) + ".cbz";
    }

    /** {@code name} without what a file name may not hold on Windows, macOS or Linux. */
    static String safe(String name) {
        StringBuilder kept = new StringBuilder(name.length());
        Normalizer.normalize(name, Normalizer.Form.NFC).codePoints().forEach(cp -> {
            boolean control = cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || Character.getType(cp) == Character.FORMAT;
            kept.appendCodePoint(control ? ' ' : RESERVED.indexOf(cp) >= 0 ? '_' : cp);
        });
        String cleaned = kept.toString().replaceAll("\\s+", " ").strip();
        int length = Math.min(MAX_LENGTH, cleaned.codePointCount(0, cleaned.length()));
        cleaned = cleaned.substring(0, cleaned.offsetByCodePoints(0, length)).replaceAll("[. ]+$", "");
        if (cleaned.isEmpty()) {
            return "chapter";
        }
        // CON, PRN, AUX, NUL, COM1-9, LPT1-9, with any extension, name devices on Windows
        return cleaned.matches("(?i)(con|prn|aux|nul|com[1-9]|lpt[1-9])(\\..*)?") ? "_" + cleaned : cleaned;
    }

    /** {@code attachment; filename="..."} with, for a name that is not plain ASCII, its exact form as {@code filename*}. */
    static String contentDisposition(String fileName) {
        StringBuilder ascii = new StringBuilder(fileName.length());
        for (char c : fileName.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? c : '_');
        }
        String header = "attachment; filename=\"" + ascii + "\"";
        if (ascii.toString().equals(fileName)) {
            return header;
        }
        // RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~")
                .replace("%21", "!").replace("%23", "#").replace("%24", "$").replace("%26", "&")
                .replace("%2B", "+").replace("%5E", "^").replace("%60", "`").replace("%7C", "|");
        return header + "; filename*=UTF-8''" + encoded;
    }
}
