package dev.jamra.server.sources.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import dev.jamra.server.sources.Chapter;
import dev.jamra.server.sources.Manga;
import dev.jamra.server.sources.SearchResult;
import dev.jamra.server.sources.SourceNotFoundException;
import dev.jamra.server.testing.Cbz;
import dev.jamra.server.testing.Images;
import dev.jamra.server.testing.LogLines;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Manga and chapter metadata from real folders: Mihon's details.json, ComicInfo.xml in a manga folder, in a chapter
 * folder and in a .cbz, which wins where several speak, and every malformed file, which costs only its own piece
 * and is logged once per change.
 */
class LocalMetadataTest {
    private static final byte[] PAGE = Images.of("png", 20, 30);
    private static final FileTime JANUARY = FileTime.from(Instant.parse("2023-01-15T08:30:00Z"));
    private static final FileTime MARCH = FileTime.from(Instant.parse("2023-03-02T10:00:00Z"));

    private final Path data = TestConfig.newDataDir();
    private final Path library = data.resolve("local");
    private final LocalSource source = new LocalSource(library);

    @Test
    void mihonsDetailsJsonDescribesTheManga() throws IOException {
        Path manga = manga("Mihon Manga");
        Files.writeString(manga.resolve("details.json"), """
                {
                  "title": "Example Title",
                  "author": "Ann Author, Bo Writer",
                  "artist": "Cy Artist",
                  "description": "Two friends open a shop.",
                  "genre": ["Comedy", "Slice of Life"],
                  "status": "1",
                  "_status values": ["0 = Unknown", "1 = Ongoing", "2 = Completed"]
                }""");
        chapterFolder(manga, "Chapter 1");
        Manga found = source.manga("~Mihon_Manga");
        assertEquals("~Mihon_Manga", found.id());
        assertDescribed(found, "Example Title", "Two friends open a shop.", List.of("Ann Author", "Bo Writer"),
                List.of("Cy Artist"), List.of("Comedy", "Slice of Life"));
        assertEquals("ongoing", found.status());
        assertNull(found.language());
        assertNull(found.readingDirection());
        assertEquals(List.of(), found.warnings());
        assertEquals(new SearchResult("~Mihon_Manga", "Example Title", "local:~Mihon_Manga/cover", "ongoing", null,
                "Two friends open a shop."),
                source.search("", 1).results().get(0));
    }

    @Test
    void aChapterFolderComicInfoDescribesItsChapterAndTheFirstOneTheManga() throws IOException {
        Path manga = manga("Comic Folder");
        Path first = chapterFolder(manga, "ch1");
        Files.writeString(first.resolve("ComicInfo.xml"), """
                <?xml version="1.0" encoding="utf-8"?>
                <ComicInfo>
                  <Title>The Start</Title><Series>Open Manga</Series><Number>1</Number><Volume>2</Volume>
                  <Summary>A story.</Summary><Year>2021</Year><Month>4</Month><Day>9</Day>
                  <Writer>Ann Author</Writer><Penciller>Cy Artist</Penciller><Translator>Team Scan</Translator>
                  <Genre>Drama</Genre><Tags>shop</Tags><LanguageISO>en</LanguageISO><Manga>YesAndRightToLeft</Manga>
                </ComicInfo>""");
        Files.setLastModifiedTime(first, MARCH);
        Path second = chapterFolder(manga, "ch2");
        Files.setLastModifiedTime(second, JANUARY);

        Manga found = source.manga("~Comic_Folder");
        assertDescribed(found, "Open Manga", "A story.", List.of("Ann Author"), List.of("Cy Artist"),
                List.of("Drama", "shop"));
        assertEquals("en", found.language());
        assertEquals("rtl", found.readingDirection());
        assertNull(found.status());
        assertEquals(new Chapter("ch1", "1", "The Start", "en", "2", "Team Scan",
                Instant.parse("2021-04-09T00:00:00Z")), found.chapters().get(0));
        assertEquals(new Chapter("ch2", "2", "ch2", null, null, null, JANUARY.toInstant()), found.chapters().get(1),
                "no ComicInfo: the number from the name, the time of the folder");
        assertEquals(new SearchResult("~Comic_Folder", "Open Manga", "local:~Comic_Folder/cover", null, "en", "A story."),
                source.search("open manga", 1).results().get(0), "found by its title, not only its folder");
    }

    @Test
    void anArchiveComicInfoDescribesItsChapter() throws IOException {
        Path manga = manga("Archives");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("comicinfo.xml", """
                <ComicInfo><Number>12.5</Number><Title>Halfway</Title><LanguageISO>pt-BR</LanguageISO>
                <Translator>Scans</Translator><Year>2020</Year></ComicInfo>""".getBytes(StandardCharsets.UTF_8));
        entries.put("1.png", PAGE);
        Path archive = Cbz.write(manga.resolve("Vol 1 Ch 12.cbz"), entries);
        Path plain = Cbz.write(manga.resolve("Vol 1 Ch 13.cbz"), Map.of("1.png", PAGE));
        Files.setLastModifiedTime(plain, JANUARY);
        Files.setLastModifiedTime(archive, MARCH);
        List<Chapter> chapters = source.manga("Archives").chapters();
        assertEquals(new Chapter("~Vol_1_Ch_12.cbz", "12.5", "Halfway", "pt-BR", null, "Scans",
                Instant.parse("2020-01-01T00:00:00Z")), chapters.get(0));
        assertEquals(new Chapter("~Vol_1_Ch_13.cbz", "13", "Vol 1 Ch 13", null, null, null, JANUARY.toInstant()),
                chapters.get(1));
    }

    @Test
    void theMangaFolderComicInfoAsMihonWritesItComesBeforeTheFirstChapters() throws IOException {
        Path manga = manga("Converted");
        Files.writeString(manga.resolve("ComicInfo.xml"), """
                <?xml version='1.0' encoding='UTF-8' ?>
                <ComicInfo xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <Series>Series Title</Series><Summary>From the folder</Summary><Writer>Folder Writer</Writer>
                  <Penciller>Folder Artist</Penciller><Genre>Action, Drama</Genre>
                  <ty:PublishingStatusTachiyomi xmlns:ty="http://www.w3.org/2001/XMLSchema">Completed</ty:PublishingStatusTachiyomi>
                </ComicInfo>""");
        Files.writeString(chapterFolder(manga, "1").resolve("ComicInfo.xml"),
                "<ComicInfo><Series>Chapter Series</Series><Summary>From the chapter</Summary>"
                + "<LanguageISO>fr</LanguageISO><Manga>No</Manga></ComicInfo>");
        Manga found = source.manga("Converted");
        assertDescribed(found, "Series Title", "From the folder", List.of("Folder Writer"), List.of("Folder Artist"),
                List.of("Action", "Drama"));
        assertEquals("completed", found.status());
        assertEquals("fr", found.language(), "what the folder's file does not say, the first chapter's does");
        assertEquals("ltr", found.readingDirection());
    }

    @Test
    void eachFieldComesFromTheFirstFileThatHasIt() throws IOException {
        Path manga = manga("Mixed");
        Files.writeString(manga.resolve("DETAILS.JSON"), "{\"title\": \"From Details\", \"genre\": []}");
        Files.writeString(chapterFolder(manga, "1").resolve("ComicInfo.xml"),
                "<ComicInfo><Series>From ComicInfo</Series><Summary>Described</Summary><Writer>W</Writer>"
                + "<Genre>G</Genre></ComicInfo>");
        Manga found = source.manga("Mixed");
        assertEquals("From Details", found.title());
        assertEquals("Described", found.description());
        assertEquals(List.of("W"), found.authors());
        assertEquals(List.of("G"), found.tags(), "an empty list says nothing");
    }

    @Test
    void withoutMetadataTheFolderNameIsTheTitleAndNothingIsMadeUp() throws IOException {
        Path manga = manga("Plain Manga");
        chapterFolder(manga, "Chapter 7");
        Manga found = source.manga("~Plain_Manga");
        assertEquals("Plain Manga", found.title());
        assertNull(found.description());
        assertNull(found.status());
        assertNull(found.language());
        assertEquals(List.of(), found.authors());
        assertEquals(List.of(), found.tags());
        assertEquals("7", found.chapters().get(0).number());
        assertNull(found.chapters().get(0).volume());
    }

    @Test
    void malformedFilesCostOnlyTheirOwnPieceAndSayWhy() throws IOException {
        Path secret = Files.writeString(Files.createDirectories(data.resolve("outside")).resolve("secret.txt"),
                "TOP-SECRET-CONTENT");
        Path manga = manga("Broken Files");
        Files.writeString(manga.resolve("details.json"), "{\"title\": \"Never\"");
        Files.writeString(manga.resolve("ComicInfo.xml"), "<?xml version=\"1.0\"?><!DOCTYPE ComicInfo [<!ENTITY x "
                + "SYSTEM \"" + secret.toUri() + "\">]><ComicInfo><Series>&x;</Series></ComicInfo>");
        Files.writeString(manga.resolve("cover.jpg"), "not an image");
        Path first = chapterFolder(manga, "Chapter 1");
        Files.writeString(first.resolve("ComicInfo.xml"), "<ComicInfo><Number>3</Number>");
        Cbz.write(manga.resolve("Chapter 2.cbz"), Map.of(
                "ComicInfo.xml", ("<ComicInfo>" + " ".repeat(Limits.MAX_METADATA_BYTES) + "</ComicInfo>")
                        .getBytes(StandardCharsets.UTF_8),
                "1.png", PAGE));
        Files.writeString(chapterFolder(manga, "Chapter 3").resolve("ComicInfo.xml"),
                "<ComicInfo><Volume>two</Volume><Number>3</Number></ComicInfo>");

        Manga found = source.manga("~Broken_Files");
        assertEquals("Broken Files", found.title());
        assertEquals(List.of("Chapter 1", "Chapter 2", "Chapter 3"),
                found.chapters().stream().map(Chapter::title).toList());
        assertEquals(List.of("1", "2", "3"), found.chapters().stream().map(Chapter::number).toList());
        assertEquals("local:~Broken_Files/cover", found.coverUrl(), "the first page, past the fake cover");
        assertEquals(List.of(
                "details.json is not valid JSON (line 1, column 51)",
                "ComicInfo.xml declares a DOCTYPE, which is refused (no DTDs or entities are read) (line 1, column 31)",
                "Chapter 1/ComicInfo.xml is not well-formed XML (line 1, column 30)",
                "cover.jpg is not an image (png, jpeg, gif, webp or avif), so not a cover",
                "Chapter 2.cbz/ComicInfo.xml is larger than 1024 KiB and was not read",
                "Chapter 3/ComicInfo.xml has a Volume that is not a whole number of at least 0: two"),
                found.warnings());
        for (String warning : found.warnings()) {
            assertThat(warning, not(containsString("TOP-SECRET")));
            assertThat(warning, not(containsString(data.toString())));
        }
        assertEquals("Broken Files", source.search("broken", 1).results().get(0).title());
    }

    @Test
    void aMetadataFileTooLargeIsNotRead() throws IOException {
        Path manga = manga("Huge Details");
        Path details = Files.writeString(manga.resolve("details.json"), "{}");
        try (RandomAccessFile file = new RandomAccessFile(details.toFile(), "rw")) {
            file.setLength(Limits.MAX_METADATA_BYTES + 1L);
        }
        Files.writeString(manga.resolve("ComicInfo.xml"), "<ComicInfo><Series>Still Read</Series></ComicInfo>");
        Manga found = source.manga("~Huge_Details");
        assertEquals("Still Read", found.title());
        assertEquals(List.of("details.json is larger than 1024 KiB and was not read"), found.warnings());
    }

    @Test
    void whatCannotBeUsedIsLoggedOncePerChangeNamingTheMangaNotItsPath() throws IOException {
        Path manga = manga("Logged");
        Path details = Files.writeString(manga.resolve("details.json"), "[]");
        Files.setLastModifiedTime(details, JANUARY);
        Path chapter = chapterFolder(manga, "Chapter 1");
        Files.writeString(chapter.resolve("ComicInfo.xml"), "<Nope/>");
        manga("Fine");
        try (LogLines log = LogLines.of(LocalMetadata.class.getName(), Level.WARNING)) {
            for (int i = 0; i < 3; i++) {
                source.search("", 1);
                source.search("logged", 1);
                source.manga("Logged");
            }
            assertEquals(List.of(
                    "WARNING Local manga \"Logged\": details.json is not a JSON object; "
                    + "Chapter 1/ComicInfo.xml is not a ComicInfo document (its root element is Nope)",
                    "WARNING Local manga \"Logged\", chapter \"Chapter 1\": "
                    + "Chapter 1/ComicInfo.xml is not a ComicInfo document (its root element is Nope)"),
                    log.lines());

            Files.setLastModifiedTime(details, MARCH);
            source.search("", 1);
            source.search("", 1);
            assertEquals(3, log.lines().size(), "once more after the change: " + log.lines());
            for (String line : log.lines()) {
                assertThat(line, not(containsString(library.toString())));
            }
        }
    }

    @Test
    void aChangedFileIsReadAgainAndAnUnchangedOneIsNot() throws IOException {
        Path manga = manga("Changing");
        Path details = Files.writeString(manga.resolve("details.json"), "{\"title\": \"First\"}");
        Files.setLastModifiedTime(details, JANUARY);
        assertEquals("First", source.manga("Changing").title());
        Files.writeString(details, "{\"title\": \"Other\"}");
        Files.setLastModifiedTime(details, JANUARY);
        assertEquals("First", source.manga("Changing").title(), "same time and size: kept, as documented");
        Files.writeString(details, "{\"title\": \"Third!\"}");
        Files.setLastModifiedTime(details, JANUARY);
        assertEquals("Third!", source.manga("Changing").title(), "another size");
        Files.writeString(details, "{\"title\": \"Fourth\"}");
        assertEquals("Fourth", source.manga("Changing").title(), "another time");
        Files.delete(details);
        assertEquals("Changing", source.manga("Changing").title(), "gone: the folder's time changed");
    }

    @Test
    void aNewChapterOrANewComicInfoIsSeen() throws IOException {
        Path manga = manga("Growing");
        Path first = chapterFolder(manga, "2");
        assertEquals("Growing", source.manga("Growing").title());
        Files.writeString(first.resolve("ComicInfo.xml"), "<ComicInfo><Series>Named</Series></ComicInfo>");
        assertEquals("Named", source.manga("Growing").title(), "the chapter folder's time changed");
        Files.writeString(chapterFolder(manga, "1").resolve("ComicInfo.xml"),
                "<ComicInfo><Series>Earlier</Series></ComicInfo>");
        assertEquals("Earlier", source.manga("Growing").title(), "a new first chapter");
    }

    @Test
    void aListFromTheFolderComicInfoThatIsEmptyLeavesItToTheFirstChapters() throws IOException {
        Path manga = manga("Lists");
        Files.writeString(manga.resolve("ComicInfo.xml"), "<ComicInfo><Series>Only a title</Series></ComicInfo>");
        Files.writeString(chapterFolder(manga, "1").resolve("ComicInfo.xml"),
                "<ComicInfo><Writer>Chapter Writer</Writer><Inker>Chapter Inker</Inker></ComicInfo>");
        Manga found = source.manga("Lists");
        assertEquals("Only a title", found.title());
        assertEquals(List.of("Chapter Writer"), found.authors());
        assertEquals(List.of("Chapter Inker"), found.artists());
    }

    @Test
    void ofTwoSpellingsOfAFileTheFirstInNaturalOrderIsRead() throws IOException {
        Path manga = manga("Spellings");
        // several, so that the one read first cannot be the one the folder happens to list first
        for (String name : List.of("details.json", "Details.json", "dETAILS.json", "details.JSON", "DETAILS.JSON",
                "detailS.json")) {
            Files.writeString(manga.resolve(name), "{\"title\": \"" + name + "\"}");
        }
        assertEquals("DETAILS.JSON", source.manga("Spellings").title());
    }

    @Test
    void aMetadataFileOfExactlyTheLimitIsRead() throws IOException {
        Path manga = manga("At The Limit");
        String json = "{\"title\": \"Read\"}";
        Files.writeString(manga.resolve("details.json"), json + " ".repeat(Limits.MAX_METADATA_BYTES - json.length()));
        Manga found = source.manga("~At_The_Limit");
        assertEquals("Read", found.title());
        assertEquals(List.of(), found.warnings());
    }

    @Test
    void aFolderThatCannotBeListedIsAWarningAndIsReadAgainNextTime() throws IOException {
        LocalMetadata metadata = new LocalMetadata();
        Path root = Files.createDirectories(library).toRealPath();
        MangaDir missing = new MangaDir(new LocalFolder(root), root, root.resolve("Vanished"), "Vanished");
        MangaMetadata read = metadata.manga(missing);
        assertEquals(List.of("The folder cannot be listed"), read.warnings());
        assertNull(read.title());
        Files.writeString(Files.createDirectories(missing.dir()).resolve("details.json"), "{\"title\": \"Back\"}");
        assertEquals("Back", metadata.manga(missing).title());
    }

    @Test
    void aChapterThatCannotBeListedIsAWarningAndIsReadAgainNextTime() throws IOException {
        LocalMetadata metadata = new LocalMetadata();
        Path root = Files.createDirectories(library).toRealPath();
        Path dir = Files.createDirectories(root.resolve("Has Chapters"));
        MangaDir manga = new MangaDir(new LocalFolder(root), root, dir, "Has Chapters");
        Path chapter = Files.createDirectories(dir.resolve("Chapter 1"));
        LocalFolder.Entry entry = new LocalFolder.Entry("Chapter 1", chapter);
        Files.delete(chapter);
        assertEquals(List.of("Chapter 1 cannot be read for its ComicInfo.xml"), metadata.chapter(manga, entry).warnings());
        Files.createDirectories(chapter);
        Files.writeString(chapter.resolve("ComicInfo.xml"), "<ComicInfo><Number>4</Number></ComicInfo>");
        assertEquals("4", metadata.chapter(manga, entry).number());
    }

    @Test
    void searchesPageByFiftyAndFindNothingWhenNothingMatches() throws IOException {
        for (int i = 1; i <= LocalSource.SEARCH_PAGE_SIZE + 1; i++) {
            manga("m" + i);
        }
        assertEquals(LocalSource.SEARCH_PAGE_SIZE, source.search("", 1).results().size());
        assertEquals(true, source.search("", 1).hasMore());
        assertEquals(List.of("m51"), source.search("", 2).results().stream().map(SearchResult::id).toList());
        assertEquals(false, source.search("", 2).hasMore());
        assertEquals(List.of(), source.search("nothing like it", 1).results());
        assertEquals(List.of("m5", "m50", "m51"),
                source.search(" M5", 1).results().stream().map(SearchResult::id).toList());
    }

    @Test
    void onlyFoldersAreMangaAndOnlyFoldersAndArchivesChapters() throws IOException {
        Files.createDirectories(library);
        Files.writeString(library.resolve("notes.txt"), "not a manga");
        assertThrows(SourceNotFoundException.class, () -> source.manga("notes.txt"));
        assertEquals(List.of(), source.search("", 1).results(), "no folder, no manga");
        Path manga = manga("Files");
        chapterFolder(manga, "1");
        Files.writeString(manga.resolve("notes.txt"), "not a chapter");
        Files.createDirectories(manga.resolve("Extra"));
        assertThrows(SourceNotFoundException.class, () -> source.pages("Files", "notes.txt"));
        assertEquals(List.of("1", "2"), source.manga("Files").chapters().stream().map(Chapter::number).toList(),
                "a chapter without a number in its name is numbered by its place");
    }

    @Test
    void aComicInfoChangedInPlaceOrAddedToALaterChapterIsSeen() throws IOException {
        Path manga = manga("Edited");
        Path first = chapterFolder(manga, "1");
        Path info = Files.writeString(first.resolve("ComicInfo.xml"), "<ComicInfo><Series>One</Series></ComicInfo>");
        Files.setLastModifiedTime(info, JANUARY);
        Path second = chapterFolder(manga, "2");
        FileTime folders = FileTime.from(Instant.parse("2023-06-01T00:00:00Z"));
        Files.setLastModifiedTime(first, folders);
        Files.setLastModifiedTime(second, folders);
        assertEquals("One", source.manga("Edited").title());
        assertEquals("2", source.manga("Edited").chapters().get(1).number());

        Files.writeString(info, "<ComicInfo><Series>Two</Series><Number>9</Number></ComicInfo>");
        Files.setLastModifiedTime(first, folders);
        assertEquals("Two", source.manga("Edited").title(), "the file changed, its folder did not");
        assertEquals("9", source.manga("Edited").chapters().get(0).number());

        Files.writeString(second.resolve("ComicInfo.xml"), "<ComicInfo><Number>2.5</Number></ComicInfo>");
        assertEquals("2.5", source.manga("Edited").chapters().get(1).number());
    }

    @Test
    void theWeightOfWhatIsKeptCountsItsText() {
        assertEquals(256, new MangaMetadata(null, null, List.of(), List.of(), List.of(), null, null, null, null,
                List.of()).weight());
        assertEquals(256 + 2 * (3 + 24) + 2 * (2 + 24) + 2 * (1 + 24) + 2 * (4 + 24) + 2 * (5 + 24),
                new MangaMetadata("abc", null, List.of("de"), List.of("f"), List.of("ghij"), null, null, null, null,
                        List.of("klmno")).weight());
        assertEquals(160, new ChapterMetadata(null, null, null, null, null, null, List.of()).weight());
        assertEquals(160 + 2 * (1 + 24) + 2 * (2 + 24),
                new ChapterMetadata("1", null, null, null, null, null, List.of("ab")).weight());
    }

    private Path manga(String name) throws IOException {
        return Files.createDirectories(library.resolve(name));
    }

    /** A chapter folder with one page. */
    private static Path chapterFolder(Path manga, String name) throws IOException {
        Path chapter = Files.createDirectories(manga.resolve(name));
        Files.write(chapter.resolve("1.png"), PAGE);
        return chapter;
    }

    /** Asserts what the metadata says of a manga: its title, description, authors, artists and tags. */
    private static void assertDescribed(Manga found, String title, String description, List<String> authors,
                                        List<String> artists, List<String> tags) {
        assertEquals(title, found.title());
        assertEquals(description, found.description());
        assertEquals(authors, found.authors());
        assertEquals(artists, found.artists());
        assertEquals(tags, found.tags());
    }
}
