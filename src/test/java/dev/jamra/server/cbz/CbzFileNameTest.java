package dev.jamra.server.cbz;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Archive names safe on every system, and the Content-Disposition that carries them exactly. */
class CbzFileNameTest {

    @Test
    void seriesAndChapterNumberMakeTheName() {
        assertEquals("One Piece - Chapter 1045.cbz", CbzFileName.of("One Piece", "1045"));
        assertEquals("Re_Zero - Chapter 12.5.cbz", CbzFileName.of("Re:Zero", "12.5"));
    }

    @Test
    void reservedAndControlCharactersGo() {
        assertEquals("a_b_c_d_e_f_g_h_i_j", CbzFileName.safe("a<b>c:d\"e/f\\g|h?i*j"));
        assertEquals("a b c d", CbzFileName.safe("a\tb\nc\u0000d"));
        assertEquals("a b", CbzFileName.safe("a\u0085\u009Fb"), "C1 controls");
        assertEquals("a b", CbzFileName.safe("a\u007Fb"), "DEL");
        assertEquals("a~b", CbzFileName.safe("a~b"));
        assertEquals("a b", CbzFileName.safe("a\u200Bb"), "format characters (zero-width space) go as spaces");
        assertEquals("a b", CbzFileName.safe("  a    b  "));
        assertEquals("a\u00A0b", CbzFileName.safe("a\u00A0b"), "a no-break space is a character like any");
        assertEquals("Title", CbzFileName.safe("Title. . ."));
        assertEquals("chapter", CbzFileName.safe(" . "));
        assertEquals("chapter", CbzFileName.safe(""));
        assertEquals("é", CbzFileName.safe("e\u0301"), "composed (NFC)");
    }

    @Test
    void namesAreCutAtTheLimitByCharacterNotByHalfACharacter() {
        assertEquals("a".repeat(CbzFileName.MAX_LENGTH), CbzFileName.safe("a".repeat(CbzFileName.MAX_LENGTH + 1)));
        assertEquals("a".repeat(CbzFileName.MAX_LENGTH), CbzFileName.safe("a".repeat(CbzFileName.MAX_LENGTH)));
        String emoji = "😀".repeat(CbzFileName.MAX_LENGTH + 5);
        assertEquals("😀".repeat(CbzFileName.MAX_LENGTH), CbzFileName.safe(emoji));
        assertEquals("a".repeat(CbzFileName.MAX_LENGTH - 1), CbzFileName.safe("a".repeat(CbzFileName.MAX_LENGTH - 1)
                                                                              + ". x"), "no trailing dot after the cut");
    }

    @Test
    void windowsDeviceNamesAreNotUsedAsThey() {
        for (String device : new String[] {"CON", "prn", "Aux", "NUL", "COM1", "com9", "LPT1", "lpt9", "con.cbz"}) {
            assertEquals("_" + device, CbzFileName.safe(device), device);
        }
        for (String fine : new String[] {"CONSOLE", "COM0", "COM10", "LPT", "NULL", "acon"}) {
            assertEquals(fine, CbzFileName.safe(fine), fine);
        }
    }

    @Test
    void anAsciiNameIsGivenAsItIs() {
        assertEquals("attachment; filename=\"a_b\"; filename*=UTF-8''a%7Fb", CbzFileName.contentDisposition("a\u007Fb"));
        assertEquals("attachment; filename=\"_\"; filename*=UTF-8''%1F", CbzFileName.contentDisposition("\u001F"));
        assertEquals("attachment; filename=\"One - Chapter 1.cbz\"",
                CbzFileName.contentDisposition("One - Chapter 1.cbz"));
    }

    @Test
    void anyOtherNameComesExactlyAsFilenameStarWithAnAsciiStandIn() {
        assertEquals("attachment; filename=\"S_shun - Chapter 1.cbz\"; "
                     + "filename*=UTF-8''S%C5%8Dshun%20-%20Chapter%201.cbz",
                CbzFileName.contentDisposition("Sōshun - Chapter 1.cbz"));
        assertEquals("attachment; filename=\"__ _ !#$&+^`|~'*%.cbz\"; "
                     + "filename*=UTF-8''%E6%BC%AB%22%20%5C%20!#$&+^`|~%27%2A%25.cbz",
                CbzFileName.contentDisposition("漫\" \\ !#$&+^`|~'*%.cbz"));
    }
}
