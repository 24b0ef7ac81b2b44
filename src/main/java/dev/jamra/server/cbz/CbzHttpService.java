package dev.jamra.server.cbz;

import java.lang.System.Logger.Level;
import java.util.Objects;

import dev.jamra.server.helidon.HeadRequests;
import dev.jamra.server.web.PathParams;
import dev.jamra.server.web.RequestUrls;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /api/library/:libraryId/chapters/:chapterId/cbz}: a chapter as a {@code .cbz} file. */
public final class CbzHttpService implements HttpService {
    private static final System.Logger LOG = System.getLogger(CbzHttpService.class.getName());
    /** The IANA media type of comic book archives in ZIP form. */
    public static final String MEDIA_TYPE = "application/vnd.comicbook+zip";

    private final ChapterExporter exporter;

    public CbzHttpService(ChapterExporter exporter) {
        this.exporter = Objects.requireNonNull(exporter, "exporter");
    }

    /** The route's path below {@code /api/library} for a chapter: what links to a chapter's archive use. */
    public static String path(String libraryId, String chapterId) {
        return "/api/library/" + RequestUrls.segment(libraryId) + "/chapters/"
               + RequestUrls.segment(chapterId) + "/cbz";
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{libraryId}/chapters/{chapterId}/cbz", this::archive);
    }

    private void archive(ServerRequest req, ServerResponse res) {
        ChapterExporter.Export export = exporter.prepare(PathParams.text(req, "libraryId"),
                PathParams.text(req, "chapterId"));
        if (HeadRequests.isHead(req)) {
            archiveHeaders(res, export).send();  // what a GET would bring, without reading a page
            return;
        }
        try {
            // the headers go on once the first page is at hand: until then a failure answers a JSON error
            exporter.write(export, () -> archiveHeaders(res, export).outputStream());
        } catch (ChapterExporter.ArchiveCutShort e) {
            LOG.log(Level.WARNING, "The archive of chapter " + export.fileName() + " was cut short: "
                                   + e.getCause());
            // ends the connection without the chunked body's last chunk, so the client sees an incomplete answer
            throw new CloseConnectionException("Archive cut short", e);
        }
    }

    private static ServerResponse archiveHeaders(ServerResponse res, ChapterExporter.Export export) {
        return res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE)
                .header(HeaderNames.CONTENT_DISPOSITION, CbzFileName.contentDisposition(export.fileName()))
                .header(HeaderNames.CACHE_CONTROL, "private");
    }
}
