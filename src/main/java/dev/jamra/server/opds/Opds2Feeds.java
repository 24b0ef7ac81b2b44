package dev.jamra.server.opds;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.jamra.server.cbz.CbzHttpService;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import static dev.jamra.server.web.JsonFactory.JSON;

/**
 * Writes the catalog's feeds as OPDS 2.0 JSON, the same tree as the Atom catalog: navigation feeds list their links
 * in {@code navigation}, a title's feed its chapters in {@code publications}, an empty feed one link back to the
 * root. A chapter is a publication with a
 * {@code self} link to itself, an acquisition link to its {@code .cbz}, an OPDS-PSE stream link (a URI template,
 * with {@code pse:count} and the reading as {@code properties}) and at least one JPEG, PNG or GIF image, as OPDS 2.0
 * requires: its title's cover, or the catalog's plain stand-in when the cover's type is not one of those.
 */
final class Opds2Feeds {
    static final String TYPE = "application/opds+json";
    static final String PUBLICATION_TYPE = "application/opds-publication+json";
    /** Where the OPDS 2.0 catalog is on the server. */
    static final String ROOT = "/opds/v2";
    /** The stand-in image of a title without a cover OPDS 2.0 apps can show. */
    static final String NO_COVER = "/opds/no-cover.png";
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif");
    /** A plain BCP 47 tag ({@code en}, {@code pt-BR}, {@code zh-Hant}); anything else is left out. */
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    private final String base;

    /** @param base {@code http://host:port} as the client addressed the server */
    Opds2Feeds(String base) {
        this.base = base;
    }

    JsonObject write(CatalogFeed feed) {
        JsonObjectBuilder metadata = JSON.createObjectBuilder()
                .add("title", feed.title())
                .add("modified", AtomFeeds.date(feed.updated()));
        JsonArrayBuilder links = JSON.createArrayBuilder()
                .add(link("self", feedUrl(feed.path(), feed.paging().map(CatalogFeed.Paging::page).orElse(1)), TYPE))
                .add(link("start", feedUrl("", 1), TYPE))
                .add(link("search", base + ROOT + "/search{?query}", TYPE).add("templated", true));
        if (feed.paging().isPresent()) {
            CatalogFeed.Paging paging = feed.paging().get();
            metadata.add("numberOfItems", paging.total())
                    .add("itemsPerPage", paging.perPage())
                    .add("currentPage", paging.page());
            links.add(link("first", feedUrl(feed.path(), 1), TYPE));
            if (paging.hasPrevious()) {
                links.add(link("previous", feedUrl(feed.path(), Math.min(paging.page() - 1, paging.lastPage())),
                        TYPE));
            }
            if (paging.hasNext()) {
                links.add(link("next", feedUrl(feed.path(), paging.page() + 1), TYPE));
            }
            links.add(link("last", feedUrl(feed.path(), paging.lastPage()), TYPE));
        }
        JsonObjectBuilder json = JSON.createObjectBuilder().add("metadata", metadata).add("links", links);
        switch (feed) {
            case CatalogFeed.Navigation navigation when !navigation.entries().isEmpty() -> {
                JsonArrayBuilder entries = JSON.createArrayBuilder();
                for (CatalogFeed.FeedLink entry : navigation.entries()) {
                    entries.add(link("subsection", feedUrl(entry.path(), 1), TYPE).add("title", entry.title()));
                }
                json.add("navigation", entries);
            }
            case CatalogFeed.Acquisition acquisition when !acquisition.entries().isEmpty() -> {
                JsonArrayBuilder entries = JSON.createArrayBuilder();
                for (CatalogFeed.ChapterEntry entry : acquisition.entries()) {
                    entries.add(publication(entry));
                }
                json.add("publications", entries);
            }
            default -> json.add("navigation", JSON.createArrayBuilder().add(emptyFeedLink(feedUrl("", 1))));
        }
        return json.build();
    }

    /**
     * What an empty feed lists: OPDS 2.0 wants every feed to hold a collection and no collection to be empty, so an
     * empty shelf or feed says so in a link back to the catalog's root.
     */
    private static JsonObjectBuilder emptyFeedLink(String root) {
        return link("start", root, TYPE).add("title", "Nothing here yet: back to the catalog");
    }

    /** A chapter as an OPDS 2.0 publication. */
    JsonObject publication(CatalogFeed.ChapterEntry entry) {
        JsonObjectBuilder metadata = JSON.createObjectBuilder()
                .add("@type", "http://schema.org/ComicIssue")
                .add("identifier", entry.id())
                .add("title", entry.title())
                .add("modified", AtomFeeds.date(entry.updated()))
                .add("description", entry.content());
        entry.language().filter(language -> LANGUAGE.matcher(language).matches())
                .ifPresent(language -> metadata.add("language", language));
        if (!entry.authors().isEmpty()) {
            JsonArrayBuilder authors = JSON.createArrayBuilder();
            entry.authors().forEach(authors::add);
            metadata.add("author", authors);
        }
        entry.stream().ifPresent(stream -> metadata.add("numberOfPages", stream.count()));
        JsonArrayBuilder links = JSON.createArrayBuilder()
                .add(link("self", base + ROOT + "/" + entry.publicationPath(), PUBLICATION_TYPE))
                .add(link(AtomFeeds.ACQUISITION_REL, base + entry.archivePath(), CbzHttpService.MEDIA_TYPE));
        entry.stream().ifPresent(stream -> links.add(stream(stream)));
        return JSON.createObjectBuilder()
                .add("metadata", metadata)
                .add("links", links)
                .add("images", images(entry.cover()))
                .build();
    }

    private JsonObjectBuilder stream(CatalogFeed.PageStream stream) {
        JsonObjectBuilder properties = JSON.createObjectBuilder().add("pse:count", stream.count());
        stream.reading().filter(reading -> reading.pageNumber() > 0).ifPresent(reading -> properties
                .add("pse:lastRead", Math.min(reading.pageNumber(), stream.count()))
                .add("pse:lastReadUpdate", AtomFeeds.date(reading.lastRead()))
                .add("pse:lastReadDate", AtomFeeds.date(reading.lastRead())));
        return link(AtomFeeds.STREAM_REL, base + stream.pathTemplate(), stream.type())
                .add("templated", true)
                .add("properties", properties);
    }

    /** The cover, and the stand-in when the cover is missing or of a type OPDS 2.0 apps need not show. */
    private JsonArrayBuilder images(Optional<CatalogFeed.Cover> cover) {
        JsonArrayBuilder images = JSON.createArrayBuilder();
        cover.ifPresent(found -> {
            JsonObjectBuilder image = JSON.createObjectBuilder()
                    .add("href", found.href().startsWith("/") ? base + found.href() : found.href());
            found.type().ifPresent(type -> image.add("type", type));
            images.add(image);
        });
        if (cover.flatMap(CatalogFeed.Cover::type).filter(IMAGE_TYPES::contains).isEmpty()) {
            images.add(JSON.createObjectBuilder().add("href", base + NO_COVER).add("type", "image/png"));
        }
        return images;
    }

    private String feedUrl(String path, int page) {
        return CatalogFeed.url(base + ROOT, path, page);
    }

    private static JsonObjectBuilder link(String rel, String href, String type) {
        return JSON.createObjectBuilder().add("rel", rel).add("href", href).add("type", type);
    }
}
