package dev.jamra.server.downloads;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.web.JsonBodies;
import dev.jamra.server.web.JsonFields;
import dev.jamra.server.web.QueryParams;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import static dev.jamra.server.web.JsonFactory.JSON;

/** {@code /api/downloads}: queue chapters, follow and cancel their downloads. */
public final class DownloadsHttpService implements HttpService {
    private static final int MAX_ID_LENGTH = 512;
    private static final int MAX_NUMBER_LENGTH = 64;

    private final DownloadService downloads;

    public DownloadsHttpService(DownloadService downloads) {
        this.downloads = downloads;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::enqueue)
                .get("/stats", this::stats)
                .get("/{id}", this::details)
                .delete("/{id}", this::cancel);
    }

    private void list(ServerRequest req, ServerResponse res) {
        DownloadStatus status = QueryParams.optional(req.query(), "status")
                .map(value -> DownloadStatus.fromWire(value).orElseThrow(() -> ServiceException.Invalid.field("status",
                        "status is one of queued, downloading, completed, failed, cancelled")))
                .orElse(null);
        String libraryId = QueryParams.optional(req.query(), "libraryId").orElse(null);
        String extensionId = QueryParams.optional(req.query(), "extensionId").orElse(null);
        res.send(JSON.createObjectBuilder()
                .add("downloads", DownloadJson.downloads(downloads.list(status, libraryId, extensionId)))
                .build());
    }

    private void enqueue(ServerRequest req, ServerResponse res) {
        JsonObject body = JsonBodies.object(req);
        DownloadService.DownloadRequest request = new DownloadService.DownloadRequest(
                JsonFields.requiredString(body, "libraryId", MAX_ID_LENGTH),
                JsonFields.requiredString(body, "extensionId", MAX_ID_LENGTH),
                JsonFields.requiredStrings(body, "chapterIds", MAX_ID_LENGTH),
                chapterNumbers(body));
        List<Download> queued = downloads.enqueue(request);
        res.status(Status.ACCEPTED_202)
                .send(JSON.createObjectBuilder().add("downloads", DownloadJson.downloads(queued)).build());
    }

    private void stats(ServerRequest req, ServerResponse res) {
        DownloadStats stats = downloads.stats();
        res.send(JSON.createObjectBuilder()
                .add("downloadCount", stats.downloadCount())
                .add("totalSize", stats.totalSize())
                .build());
    }

    private void details(ServerRequest req, ServerResponse res) {
        DownloadService.DownloadDetails details = downloads.details(req.path().pathParameters().get("id"));
        JsonArrayBuilder pages = JSON.createArrayBuilder();
        details.pages().forEach(page -> pages.add(DownloadJson.page(page)));
        res.send(JSON.createObjectBuilder()
                .add("download", DownloadJson.download(details.download()))
                .add("pages", pages)
                .build());
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        downloads.cancel(req.path().pathParameters().get("id"));
        res.status(Status.NO_CONTENT_204).send();
    }

    /** {@code chapterNumbers}: optional object of chapter id to number, as a string or a number. */
    private static Map<String, String> chapterNumbers(JsonObject body) {
        JsonValue value = body.get("chapterNumbers");
        if (value == null || value == JsonValue.NULL) {
            return Map.of();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ServiceException.Invalid.field("chapterNumbers",
                    "chapterNumbers must be an object of chapter id to number");
        }
        JsonObject byChapter = value.asJsonObject();
        if (byChapter.size() > DownloadService.MAX_CHAPTERS_PER_REQUEST) {
            throw ServiceException.Invalid.field("chapterNumbers", "chapterNumbers names at most "
                                                                  + DownloadService.MAX_CHAPTERS_PER_REQUEST
                                                                  + " chapters");
        }
        Map<String, String> numbers = new HashMap<>();
        byChapter.forEach((chapterId, number) -> {
            if (chapterId.length() > MAX_ID_LENGTH) {
                throw ServiceException.Invalid.field("chapterNumbers", "chapterNumbers holds a chapter id longer than "
                                                                      + MAX_ID_LENGTH + " characters");
            }
            String text = switch (number) {
                case JsonString string when !string.getString().isBlank() -> string.getString();
                case JsonNumber numeric -> numeric.toString();
                default -> null;
            };
            if (text == null || text.length() > MAX_NUMBER_LENGTH) {
                throw ServiceException.Invalid.field("chapterNumbers", "The number of chapter " + chapterId
                                                                      + " must be a string or a number of at most "
                                                                      + MAX_NUMBER_LENGTH + " characters");
            }
            numbers.put(chapterId, text);
        });
        return numbers;
    }
}
