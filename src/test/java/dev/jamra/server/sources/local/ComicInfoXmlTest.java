package dev.jamra.server.sources.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ComicInfo.xml as the Anansi schema v2.0 writes it (with Translator and Tags of the v2.1 draft, and Mihon's
 * PublishingStatusTachiyomi), and every way a file can be refused, XXE and entity bombs first.
 */
class ComicInfoXmlTest {
    private final List<String> problems = new ArrayList<>();

    @Test
    void readsEveryFieldOfAFullDocument() {
        ComicInfo info = parse("""
                <?xml version="1.0" encoding="utf-8"?>
                <ComicInfo xmlns:xsd="http://www.w3.org/2001/XMLSchema"
                           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <Title>  The Start </Title>
                  <Series>Open Manga</Series>
                  <Number>12.5</Number>
                  <Volume>3</Volume>
                  <Summary>Two friends
                    open a shop.</Summary>
                  <Year>2021</Year>
                  <Month>4</Month>
                  <Day>9</Day>
                  <Writer>Ann Author, Bo Writer</Writer>
                  <Penciller>Cy Artist</Penciller>
                  <Inker>Di Inker, Cy Artist</Inker>
                  <Colorist>Ed Color</Colorist>
                  <Letterer>Flo Letters</Letterer>
                  <CoverArtist>Gus Cover</CoverArtist>
                  <Translator>Team Scan</Translator>
                  <Genre>Comedy, Drama</Genre>
                  <Tags>shop, Drama ,, friends</Tags>
                  <LanguageISO>pt_br</LanguageISO>
                  <Manga>YesAndRightToLeft</Manga>
                  <ty:PublishingStatusTachiyomi xmlns:ty="http://www.w3.org/2001/XMLSchema">On hiatus</ty:PublishingStatusTachiyomi>
                  <Pages><Page Image="0" Type="FrontCover"/></Pages>
                </ComicInfo>
                """).orElseThrow();
        assertEquals(List.of(), problems);
        assertEquals("The Start", info.title());
        assertEquals("Open Manga", info.series());
        assertEquals("12.5", info.number());
        assertEquals(3, info.volume());
        assertThat(info.summary(), startsWith("Two friends\n"));
        assertEquals(Instant.parse("2021-04-09T00:00:00Z"), info.released());
        assertEquals(List.of("Ann Author", "Bo Writer"), info.authors());
        assertEquals(List.of("Cy Artist", "Di Inker", "Ed Color", "Flo Letters", "Gus Cover"), info.artistNames());
        assertEquals("Team Scan", info.translator());
        assertEquals(List.of("Comedy", "Drama", "shop", "friends"), info.genres());
        assertEquals("pt-BR", info.language());
        assertEquals(Optional.of("rtl"), info.readingDirection());
        assertEquals(Optional.of("hiatus"), info.status());
    }

    @Test
    void absentBlankAndDefaultValuesAreAbsent() {
        ComicInfo info = parse("""
                <ComicInfo><Title> </Title><Volume>-1</Volume><Year>-1</Year><Month>5</Month><Manga>Unknown</Manga>
                <Writer/></ComicInfo>""").orElseThrow();
        assertEquals(List.of(), problems);
        assertNull(info.title());
        assertNull(info.series());
        assertNull(info.number());
        assertNull(info.volume());
        assertNull(info.released(), "a month without a year is no date");
        assertEquals(List.of(), info.authors());
        assertEquals(List.of(), info.artistNames());
        assertEquals(List.of(), info.genres());
        assertNull(info.language());
        assertEquals(Optional.empty(), info.readingDirection());
        assertEquals(Optional.empty(), info.status());
    }

    @Test
    void theFirstOfARepeatedElementCountsAndAYearAloneIsItsFirstDay() {
        ComicInfo info = parse("<ComicInfo><Title>One</Title><Title>Two</Title><Year>1999</Year>"
                               + "<Volume>0</Volume></ComicInfo>").orElseThrow();
        assertEquals("One", info.title());
        assertEquals(Instant.parse("1999-01-01T00:00:00Z"), info.released());
        assertEquals(0, info.volume());
    }

    @Test
    void valuesThatMeanNothingAreDroppedWithAWarningAndTheRestKept() {
        ComicInfo info = parse("""
                <ComicInfo><Series>Kept</Series><Volume>three</Volume><Year>2021</Year><Month>2</Month><Day>30</Day>
                <LanguageISO>not a language at all</LanguageISO><Number>7</Number></ComicInfo>""").orElseThrow();
        assertEquals("Kept", info.series());
        assertEquals("7", info.number());
        assertNull(info.volume());
        assertNull(info.released());
        assertNull(info.language());
        assertEquals(List.of(
                "has a LanguageISO that is not a language tag: not a language at all",
                "has a Volume that is not a whole number of at least 0: three",
                "has a Year, Month and Day that make no date: 2021-2-30"), problems);
    }

    @Test
    void outOfRangeNumbersAreWarnedAbout() {
        ComicInfo info = parse("<ComicInfo><Volume>-2</Volume><Year>0</Year><Month>13</Month>"
                               + "<Day>99999999999</Day></ComicInfo>").orElseThrow();
        assertNull(info.volume());
        assertNull(info.released());
        assertEquals(List.of(
                "has a Volume that is not a whole number of at least 0: -2",
                "has a Year that is not a whole number of at least 1: 0",
                "has a Day that is not a whole number of at least 1: 99999999999"), problems.subList(0, 3));
        assertEquals(3, problems.size(), "a month without its year is not checked: " + problems);
    }

    @Test
    void aDateThatOverflowsAYearIsRefused() {
        assertNull(parse("<ComicInfo><Year>10000</Year></ComicInfo>").orElseThrow().released());
        assertEquals(List.of("has a Year, Month and Day that make no date: 10000--"), problems);
        problems.clear();
        assertEquals(Instant.parse("9999-12-31T00:00:00Z"),
                parse("<ComicInfo><Year>9999</Year><Month>12</Month><Day>31</Day></ComicInfo>").orElseThrow()
                        .released());
        assertEquals(Instant.parse("0001-01-01T00:00:00Z"),
                parse("<ComicInfo><Year>1</Year></ComicInfo>").orElseThrow().released());
        assertEquals(List.of(), problems);
    }

    @Test
    void longValuesAreShortenedInWarnings() {
        parse("<ComicInfo><Volume>" + "9".repeat(41) + "</Volume><Year>" + "8".repeat(40) + "</Year></ComicInfo>");
        assertEquals(List.of(
                "has a Volume that is not a whole number of at least 0: " + "9".repeat(40) + "...",
                "has a Year that is not a whole number of at least 1: " + "8".repeat(40)), problems);
    }

    @Test
    void aRefusedDocumentPrintsNothing() {
        PrintStream before = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            parse("<ComicInfo><Title>open</ComicInfo>");
        } finally {
            System.setErr(before);
        }
        assertEquals("", printed.toString(StandardCharsets.UTF_8), "the parser's default handler prints errors");
        assertEquals(1, problems.size());
    }

    @Test
    void aDocumentThatIsNoComicInfoIsRefused() {
        assertEquals(Optional.empty(), parse("<Book><Title>x</Title></Book>"));
        assertEquals(List.of("is not a ComicInfo document (its root element is Book)"), problems);
    }

    @Test
    void aDocumentThatIsNotWellFormedIsRefusedWithItsPlace() {
        assertEquals(Optional.empty(), parse("<ComicInfo>\n<Title>open</ComicInfo>"));
        assertEquals(List.of("is not well-formed XML (line 2, column 14)"), problems);
        problems.clear();
        assertEquals(Optional.empty(), parse(""));
        assertThat(problems.get(0), startsWith("is not well-formed XML"));
        problems.clear();
        assertEquals(Optional.empty(), parse("<ComicInfo><Title>&undeclared;</Title></ComicInfo>"));
        assertThat(problems.get(0), startsWith("is not well-formed XML"));
    }

    @Test
    void otherEncodingsAreReadAsTheDocumentDeclares() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><ComicInfo><Series>Ōkami</Series></ComicInfo>";
        assertEquals("Ōkami", ComicInfoXml.parse(xml.getBytes(StandardCharsets.UTF_16), problems::add)
                .orElseThrow().series());
        String latin = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><ComicInfo><Series>Café</Series></ComicInfo>";
        assertEquals("Café", ComicInfoXml.parse(latin.getBytes(StandardCharsets.ISO_8859_1), problems::add)
                .orElseThrow().series());
        assertEquals(List.of(), problems);
    }

    @Test
    void anExternalEntityIsNeverRead() throws IOException {
        Path secret = Files.writeString(TestConfig.newDataDir().resolve("secret.txt"), "TOP-SECRET-CONTENT");
        for (String doctype : List.of(
                "<!DOCTYPE ComicInfo [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>",
                "<!DOCTYPE ComicInfo [<!ENTITY % p SYSTEM \"" + secret.toUri() + "\"> %p;]>",
                "<!DOCTYPE ComicInfo SYSTEM \"" + secret.toUri() + "\">")) {
            problems.clear();
            Optional<ComicInfo> info = parse("<?xml version=\"1.0\"?>" + doctype
                                             + "<ComicInfo><Summary>&xxe;</Summary></ComicInfo>");
            assertEquals(Optional.empty(), info, doctype);
            assertEquals(1, problems.size());
            assertThat(problems.get(0), startsWith("declares a DOCTYPE, which is refused (no DTDs or entities are read)"));
            assertThat(problems.get(0), not(containsString("TOP-SECRET")));
            assertThat(problems.get(0), not(containsString(secret.toString())));
        }
    }

    @Test
    void anEntityExpansionBombIsRefusedBeforeAnyExpansion() {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE ComicInfo [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            String previous = "&lol" + (i - 1) + ";";
            doctype.append("<!ENTITY lol").append(i).append(" \"").append(previous.repeat(10)).append("\">");
        }
        doctype.append("]>");
        Optional<ComicInfo> info = parse(doctype + "<ComicInfo><Summary>&lol9;</Summary></ComicInfo>");
        assertEquals(Optional.empty(), info);
        assertThat(problems.get(0), startsWith("declares a DOCTYPE"));
    }

    @Test
    void anXIncludeIsNotFollowed() throws IOException {
        Path secret = Files.writeString(TestConfig.newDataDir().resolve("secret.xml"), "<Secret>TOP-SECRET</Secret>");
        ComicInfo info = parse("<ComicInfo xmlns:xi=\"http://www.w3.org/2001/XInclude\"><Summary>"
                               + "<xi:include href=\"" + secret.toUri() + "\"/></Summary></ComicInfo>").orElseThrow();
        assertNull(info.summary(), "the include stays an empty element");
    }

    @Test
    void mihonsStatusesAndTheMangaFieldMapOntoTheRenderers() {
        assertEquals(Optional.of("ongoing"), info("Ongoing", null).status());
        assertEquals(Optional.of("completed"), info("Completed", null).status());
        assertEquals(Optional.of("completed"), info("Publishing finished", null).status());
        assertEquals(Optional.of("cancelled"), info("Cancelled", null).status());
        assertEquals(Optional.of("hiatus"), info("On hiatus", null).status());
        assertEquals(Optional.empty(), info("Licensed", null).status());
        assertEquals(Optional.empty(), info("Unknown", null).status());
        assertEquals(Optional.empty(), info("ongoing", null).status(), "Mihon writes them capitalised");
        assertEquals(Optional.of("rtl"), info(null, "YesAndRightToLeft").readingDirection());
        assertEquals(Optional.of("ltr"), info(null, "No").readingDirection());
        assertEquals(Optional.empty(), info(null, "Yes").readingDirection());
        assertEquals(Optional.empty(), info(null, "Unknown").readingDirection());
    }

    @Test
    void languageTagsAreWellFormedBcp47() {
        assertEquals(Optional.of("en"), ComicInfo.languageTag("en"));
        assertEquals(Optional.of("en"), ComicInfo.languageTag("EN"));
        assertEquals(Optional.of("zh-Hant-TW"), ComicInfo.languageTag("zh-hant-tw"));
        assertEquals(Optional.of("en-US"), ComicInfo.languageTag("en_US"));
        assertEquals(Optional.empty(), ComicInfo.languageTag("english!"));
        assertEquals(Optional.empty(), ComicInfo.languageTag("x-private"), "no language in it");
    }

    @Test
    void namesAreCommaSeparatedTrimmedAndEachOnce() {
        assertEquals(List.of("a", "b c"), ComicInfo.names(" a ,b c, a,,"));
        assertEquals(List.of(), ComicInfo.names(null));
        assertEquals(List.of(), ComicInfo.names(" , "));
    }

    private static ComicInfo info(String status, String manga) {
        return new ComicInfo(null, null, null, null, null, null, null, List.of(), null, null, null, null, manga,
                status);
    }

    private Optional<ComicInfo> parse(String xml) {
        Optional<ComicInfo> info = ComicInfoXml.parse(xml.getBytes(StandardCharsets.UTF_8), problems::add);
        assertTrue(info.isPresent() || !problems.isEmpty(), "a refusal says why");
        return info;
    }
}
