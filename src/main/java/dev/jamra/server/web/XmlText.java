package dev.jamra.server.web;

/**
 * Text bound for an XML document (a feed, a {@code ComicInfo.xml}): titles and descriptions come from sources and
 * may hold characters XML 1.0 cannot carry at all, even escaped (most control characters, lone surrogates,
 * U+FFFE/U+FFFF). Those are dropped; the XML writer escapes the rest.
 */
public final class XmlText {
    private XmlText() {
    }

    /** {@code text} without the characters XML 1.0 does not allow; {@code null} reads as empty. */
    public static String kept(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (allowed(cp)) {
                kept.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return kept.toString();
    }

    /** XML 1.0's {@code Char}: tab, newline, carriage return, and the planes without surrogates and U+FFFE/F. */
    static boolean allowed(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
               || (cp >= 0x20 && cp <= 0xD7FF)
               || (cp >= 0xE000 && cp <= 0xFFFD)
               || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
