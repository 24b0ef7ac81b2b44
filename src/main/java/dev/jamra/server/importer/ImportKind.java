package dev.jamra.server.importer;

/** What an import carries, as a person reads it in the summary. */
public enum ImportKind {
    LIBRARY_ITEMS("library items"),
    READING_PROGRESS("reading progress"),
    SETTINGS("settings"),
    DOWNLOADS("downloads"),
    DOWNLOADED_PAGES("downloaded pages");

    private final String label;

    ImportKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
