package io.gomsggw.http.webclient;

import io.gomsggw.http.fetch.MediaFetcher;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.routing.Submission;
import io.gomsggw.http.HttpStatusException;
import io.gomsggw.http.JsonFields;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a send request in the client's {@code api_format} into a {@link Submission}:
 * <ul>
 *   <li>generic: {@code {from, to, text, media: [{filename, content_type, content (base64)}], client_id?}};
 *       {@code client_id}, when given, must be the caller's own id (403 otherwise);
 *   <li>bicom and telnyx: {@code {from, to, text, media_urls: [url]}}; the URLs are fetched with the
 *       {@link MediaFetcher}. Other fields of Telnyx's send request ({@code messaging_profile_id}, …)
 *       are ignored.
 * </ul>
 * Text is at most {@value #MAX_TEXT_CHARS} characters (the longest message carriers take, ten
 * segments), and a message has at most {@value #MAX_MEDIA_ITEMS} media items. Every refusal is 400
 * naming the field; numbers are checked later, by the router.
 */
final class SendRequests {
    static final int MAX_TEXT_CHARS = 1600;
    static final int MAX_MEDIA_ITEMS = 10;
    /** Fields read as base64 while the body is parsed ({@link io.gomsggw.http.JsonCodec#readObject(io.gomsggw.http.Request, Set)}). */
    static final Set<String> BASE64_FIELDS = Set.of("media[].content");

    private final MediaFetcher fetcher;

    SendRequests(MediaFetcher fetcher) {
        this.fetcher = fetcher;
    }

    Submission read(JsonFields body, Client client) {
        String from = required(body, "from");
        String to = required(body, "to");
        String text = body.text("text");
        if (text != null && text.length() > MAX_TEXT_CHARS) {
            throw HttpStatusException.invalidField("text", "longer than " + MAX_TEXT_CHARS + " characters");
        }
        List<MediaPart> media = switch (client.settings().apiFormat()) {
            case GENERIC -> {
                checkClientId(body, client);
                yield decoded(body, body.objects("media"));
            }
            case BICOM, TELNYX -> fetched(body);
        };
        if ((text == null || text.isEmpty()) && media.isEmpty()) {
            throw new HttpStatusException(HttpResponseStatus.BAD_REQUEST, "'text' or media is required", "text");
        }
        return new Submission(from, to, text, media, Protocol.HTTP, null);
    }

    private static String required(JsonFields body, String field) {
        String value = body.text(field);
        if (value == null || value.isBlank()) {
            throw new HttpStatusException(HttpResponseStatus.BAD_REQUEST, "'" + field + "' is required", field);
        }
        return value;
    }

    private static void checkClientId(JsonFields body, Client client) {
        Long clientId = body.longInteger("client_id");
        if (clientId != null && clientId != client.id()) {
            throw new HttpStatusException(HttpResponseStatus.FORBIDDEN,
                    "client_id " + clientId + " is not the authenticated client", "client_id");
        }
    }

    private static List<MediaPart> decoded(JsonFields body, List<JsonFields> items) {
        checkCount(body.name("media"), items.size());
        List<MediaPart> parts = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonFields item = items.get(i);
            String filename = item.text("filename");
            if (filename == null || filename.isBlank()) {
                filename = "media-" + (i + 1);
            }
            parts.add(new MediaPart(filename, contentType(item, filename), content(item)));
        }
        return parts;
    }

    private static String contentType(JsonFields item, String filename) {
        String given = item.text("content_type");
        if (given == null || given.isBlank()) {
            String guessed = URLConnection.guessContentTypeFromName(filename);
            return guessed != null ? guessed : "application/octet-stream";
        }
        if (given.indexOf('/') < 1 || given.endsWith("/")) {
            throw HttpStatusException.invalidField(item.name("content_type"),
                    "expected a media type such as image/jpeg");
        }
        return given.strip();
    }

    private static byte[] content(JsonFields item) {
        String field = item.name("content");
        byte[] bytes = item.bytes("content");
        if (bytes == null) {
            throw new HttpStatusException(HttpResponseStatus.BAD_REQUEST, "'" + field + "' is required", field);
        }
        if (bytes.length == 0) {
            throw HttpStatusException.invalidField(field, "empty");
        }
        return bytes;
    }

    private List<MediaPart> fetched(JsonFields body) {
        List<String> urls = body.texts("media_urls");
        checkCount(body.name("media_urls"), urls.size());
        return urls.isEmpty() ? List.of() : fetcher.fetchAll(body.name("media_urls"), urls);
    }

    private static void checkCount(String field, int count) {
        if (count > MAX_MEDIA_ITEMS) {
            throw HttpStatusException.invalidField(field, "at most " + MAX_MEDIA_ITEMS + " items");
        }
    }
}
