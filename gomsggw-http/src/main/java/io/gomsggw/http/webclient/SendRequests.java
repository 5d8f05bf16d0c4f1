package io.gomsggw.http.webclient;

import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.routing.Submission;
import io.gomsggw.http.HttpStatusException;
import io.gomsggw.http.JsonFields;
import io.gomsggw.http.fetch.MediaFetcher;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Reads a send request in the client's {@code api_format} into a {@link Submission}, accepting what
 * the Go gateway accepts ({@code sendMessageHandler} of its web_server.go):
 * <ul>
 *   <li>generic: {@code {from, to, text, media: [{filename, content_type, content (base64) | url}], client_id?}};
 *       {@code client_id}, when given, must be the caller's own id (403 otherwise);
 *   <li>bicom: {@code {from, to, text, media_urls: [url]}};
 *   <li>telnyx: Telnyx's event shape {@code {data: {payload: {from: {phone_number}, to: [{phone_number}],
 *       text, media: [{url, content_type}]}}}} (the first {@code to} is the recipient), or the flat
 *       shape of bicom, as Telnyx's own send API takes it. Other fields ({@code messaging_profile_id}, …)
 *       are ignored.
 * </ul>
 * URLs are fetched with the {@link MediaFetcher}; a {@code content_type} or {@code filename} given
 * beside a URL wins over what the fetch found, as in Go. Without {@code from}, the client's number is
 * used when it has exactly one. Text is at most {@value #MAX_TEXT_CHARS} characters (the longest
 * message carriers take, ten segments), and a message has at most {@value #MAX_MEDIA_ITEMS} media
 * items. Every refusal is 400 naming the field; numbers are checked later, by the router.
 */
final class SendRequests {
    static final int MAX_TEXT_CHARS = 1600;
    static final int MAX_MEDIA_ITEMS = 10;
    /** Fields read as base64 while the body is parsed ({@link io.gomsggw.http.JsonCodec#readObject(io.gomsggw.http.Request, Set)}). */
    static final Set<String> BASE64_FIELDS = Set.of("media[].content");

    /** What the request says, before media is fetched or decoded. */
    private record Fields(
            String from, String to, String text, List<JsonFields> media, List<String> mediaUrls, String mediaField) {}

    private final MediaFetcher fetcher;
    private final LongFunction<List<ClientNumber>> numbersOf;

    /**
     * @param fetcher   fetches media URLs
     * @param numbersOf a client's numbers by client id ({@link io.gomsggw.core.admin.Directory#numbersOf})
     */
    SendRequests(MediaFetcher fetcher, LongFunction<List<ClientNumber>> numbersOf) {
        this.fetcher = fetcher;
        this.numbersOf = numbersOf;
    }

    Submission read(JsonFields body, Client client) {
        ApiFormat format = client.settings().apiFormat();
        Fields fields = format == ApiFormat.TELNYX && body.object("data") != null
                ? telnyxEvent(body)
                : new Fields(
                        body.text("from"),
                        body.text("to"),
                        body.text("text"),
                        format == ApiFormat.GENERIC ? body.objects("media") : List.of(),
                        format == ApiFormat.GENERIC ? List.of() : body.texts("media_urls"),
                        body.name(format == ApiFormat.GENERIC ? "media" : "media_urls"));
        if (blank(fields.to())) {
            throw new HttpStatusException(HttpResponseStatus.BAD_REQUEST, "'to' field is required", "to");
        }
        String from = blank(fields.from()) ? onlyNumber(client) : fields.from();
        String text = fields.text();
        if (text != null && text.length() > MAX_TEXT_CHARS) {
            throw HttpStatusException.invalidField("text", "longer than " + MAX_TEXT_CHARS + " characters");
        }
        if (format == ApiFormat.GENERIC) {
            checkClientId(body, client);
        }
        List<MediaPart> media = fields.media().isEmpty() ? fetched(fields) : items(fields.mediaField(), fields.media());
        if ((text == null || text.isEmpty()) && media.isEmpty()) {
            throw new HttpStatusException(HttpResponseStatus.BAD_REQUEST, "'text' or media is required", "text");
        }
        return new Submission(from, fields.to(), text, media, Protocol.HTTP, null);
    }

    private static Fields telnyxEvent(JsonFields body) {
        JsonFields payload = body.object("data").object("payload");
        if (payload == null) {
            throw new HttpStatusException(HttpResponseStatus.BAD_REQUEST, "'data.payload' is required", "data.payload");
        }
        JsonFields sender = payload.object("from");
        List<JsonFields> recipients = payload.objects("to");
        return new Fields(
                sender == null ? null : sender.text("phone_number"),
                recipients.isEmpty() ? null : recipients.get(0).text("phone_number"),
                payload.text("text"),
                payload.objects("media"),
                List.of(),
                payload.name("media"));
    }

    /** The client's only number; with none or several, {@code from} is required (Go's answer). */
    private String onlyNumber(Client client) {
        List<ClientNumber> numbers = numbersOf.apply(client.id());
        if (numbers.size() != 1) {
            throw new HttpStatusException(
                    HttpResponseStatus.BAD_REQUEST, "'from' field is required when multiple numbers exist", "from");
        }
        return numbers.get(0).number();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void checkClientId(JsonFields body, Client client) {
        Long clientId = body.longInteger("client_id");
        if (clientId != null && clientId != client.id()) {
            throw new HttpStatusException(
                    HttpResponseStatus.FORBIDDEN,
                    "Authenticated client does not match specified client_id",
                    "client_id");
        }
    }

    /** Media items, each with inline base64 {@code content} or a {@code url}, in the order given. */
    private List<MediaPart> items(String field, List<JsonFields> items) {
        checkCount(field, items.size());
        List<MediaFetcher.Item> urls = new ArrayList<>();
        for (JsonFields item : items) {
            if (item.bytes("content") == null && !blank(item.text("url"))) {
                urls.add(
                        new MediaFetcher.Item(item.name("url"), item.text("url").strip()));
            }
        }
        List<MediaPart> fetched = fetcher.fetch(urls);
        List<MediaPart> parts = new ArrayList<>(items.size());
        int next = 0;
        for (int i = 0; i < items.size(); i++) {
            JsonFields item = items.get(i);
            String filename = item.text("filename");
            if (item.bytes("content") != null || blank(item.text("url"))) {
                String name = blank(filename) ? "media-" + (i + 1) : filename;
                parts.add(new MediaPart(name, contentType(item, name), content(item)));
            } else {
                MediaPart part = fetched.get(next++);
                String name = blank(filename) ? part.filename() : filename;
                String type = blank(item.text("content_type")) ? part.contentType() : contentType(item, name);
                parts.add(new MediaPart(name, type, part.content()));
            }
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
            throw HttpStatusException.invalidField(
                    item.name("content_type"), "expected a media type such as image/jpeg");
        }
        return given.strip();
    }

    private static byte[] content(JsonFields item) {
        String field = item.name("content");
        byte[] bytes = item.bytes("content");
        if (bytes == null) {
            throw new HttpStatusException(
                    HttpResponseStatus.BAD_REQUEST, "'" + field + "' or '" + item.name("url") + "' is required", field);
        }
        if (bytes.length == 0) {
            throw HttpStatusException.invalidField(field, "empty");
        }
        return bytes;
    }

    private List<MediaPart> fetched(Fields fields) {
        checkCount(fields.mediaField(), fields.mediaUrls().size());
        return fields.mediaUrls().isEmpty() ? List.of() : fetcher.fetchAll(fields.mediaField(), fields.mediaUrls());
    }

    private static void checkCount(String field, int count) {
        if (count > MAX_MEDIA_ITEMS) {
            throw HttpStatusException.invalidField(field, "at most " + MAX_MEDIA_ITEMS + " items");
        }
    }
}
