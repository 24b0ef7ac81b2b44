package dev.jamra.server.reader;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.jamra.server.sources.MangaSource;
import dev.jamra.server.sources.Page;

/** Where the pages of a chapter come from: the files of its download, or its source. */
public sealed interface ChapterPages {

    /** How many pages the chapter has. */
    int count();

    /**
     * A downloaded chapter: its page files, the first being page 1.
     *
     * @param chapterNumber the number the chapter had when it was queued, when known
     */
    record Downloaded(List<Path> files, Optional<String> chapterNumber) implements ChapterPages {
        public Downloaded {
            files = List.copyOf(files);
        }

        @Override
        public int count() {
            return files.size();
        }
    }

    /** A chapter read through its source: its pages as the source lists them, the first being page 1. */
    record FromSource(MangaSource source, String mangaId, String chapterId, List<Page> pages) implements ChapterPages {
        public FromSource {
            pages = List.copyOf(pages);
        }

        @Override
        public int count() {
            return pages.size();
        }
    }
}
