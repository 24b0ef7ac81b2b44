package dev.jamra.server.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What XML 1.0 can carry of a source's text: everything but the characters it forbids outright. */
class XmlTextTest {

    @Test
    void keepsWhatXmlAllowsAndDropsTheRest() {
        assertEquals("", XmlText.kept(null));
        assertEquals("a\tb\nc\rd <&> é 漫画 😀", XmlText.kept("a\tb\nc\rd <&> é 漫画 😀"));
        assertEquals("ab", XmlText.kept("a\u0000\u0008\u000B\u000C\u001Fb"));
        assertEquals("ab", XmlText.kept("a\uFFFE\uFFFFb"));
        assertEquals("ab", XmlText.kept("a\uD800b"), "a lone surrogate");
        assertEquals("ab", XmlText.kept("a\uDC00b"));
    }

    @Test
    void theBoundsOfEachAllowedRange() {
        for (int cp : new int[] {0x9, 0xA, 0xD, 0x20, 0xD7FF, 0xE000, 0xFFFD, 0x10000, 0x10FFFF}) {
            assertTrue(XmlText.allowed(cp), Integer.toHexString(cp));
        }
        for (int cp : new int[] {0x0, 0x8, 0xB, 0xC, 0xE, 0x1F, 0xD800, 0xDFFF, 0xFFFE, 0xFFFF, 0x110000}) {
            assertFalse(XmlText.allowed(cp), Integer.toHexString(cp));
        }
    }
}
