package io.gomsggw.http.webclient;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.batch.BatchRow;
import io.gomsggw.core.batch.BatchService;
import io.gomsggw.core.batch.NewBatch;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.phone.InvalidPhoneNumberException;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.http.HttpStatusException;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.JsonFields;
import io.gomsggw.http.MultipartForm;
import io.gomsggw.http.Request;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code POST /messages/batch} into a {@link NewBatch}, as the Go gateway takes it:
 * <ul>
 *   <li>JSON: {@code {from, text_template, webhook_url, throttle_per_second, max_retry_mins,
 *       messages: [{to, text, variables: {name: value}}]}};
 *   <li>{@code multipart/form-data}: the file in field {@code csv} (see {@link BatchCsv}) and the
 *       same settings as text fields.
 * </ul>
 * {@code from} may be left out when the client has exactly one number. It must be the caller's
 * number (403 otherwise) and, with a number-restricted API key, one the key may use (403).
 * {@code throttle_per_second} absent is {@value #DEFAULT_THROTTLE} (the Go gateway's default),
 * {@code 0} is no throttle (new), at most {@value #MAX_THROTTLE}; {@code max_retry_mins} absent or
 * 0 is {@value #DEFAULT_MAX_RETRY_MINS}. More than {@link BatchService#MAX_ROWS} messages is 413;
 * every other refusal 400 naming the field. Rows themselves are checked by the
 * {@link BatchService}.
 */
final class BatchRequests {
    static final int DEFAULT_THROTTLE = 30;
    static final int MAX_THROTTLE = 10_000;
    static final int DEFAULT_MAX_RETRY_MINS = 60;
    static final int MAX_RETRY_MINS = 7 * 24 * 60;

    private final Directory directory;
    private final PhoneNumbers phones;
    private final KeyNumbers keyNumbers;
    private final JsonCodec json;
    private final BatchCsv csv = new BatchCsv();

    BatchRequests(Directory directory, PhoneNumbers phones, KeyNumbers keyNumbers, JsonCodec json) {
        this.directory = directory;
        this.phones = phones;
        this.keyNumbers = keyNumbers;
        this.json = json;
    }

    NewBatch read(Request request, Caller caller) throws Exception {
        if (MultipartForm.isMultipart(request)) {
            return fromForm(MultipartForm.read(request), caller);
        }
        return fromJson(json.readObject(request), caller);
    }

    private NewBatch fromJson(JsonFields body, Caller caller) {
        int count = body.arraySize("messages");
        if (count > BatchService.MAX_ROWS) {
            throw BatchCsv.tooMany();
        }
        if (count == 0) {
            throw new HttpStatusException(HttpResponseStatus.BAD_REQUEST, "No messages provided", "messages");
        }
        List<BatchRow> rows = new ArrayList<>(count);
        for (JsonFields message : body.objects("messages")) {
            rows.add(new BatchRow(message.text("to"), message.text("text"), message.textMap("variables")));
        }
        return new NewBatch(
                from(body.text("from"), caller),
                body.text("text_template"),
                rows,
                throttle(Optional.ofNullable(body.integer("throttle_per_second"))),
                maxRetryMins(Optional.ofNullable(body.integer("max_retry_mins"))),
                webhook(body.text("webhook_url")));
    }

    private NewBatch fromForm(MultipartForm form, Caller caller) {
        byte[] file = form.file("csv")
                .or(() -> form.file("file"))
                .orElseThrow(() -> new HttpStatusException(
                        HttpResponseStatus.BAD_REQUEST,
                        "CSV file is required for multipart upload (field 'csv')",
                        "csv"));
        List<BatchRow> rows = csv.read(file);
        return new NewBatch(
                from(form.field("from").orElse(null), caller),
                form.field("text_template").orElse(null),
                rows,
                throttle(formInteger(form, "throttle_per_second")),
                maxRetryMins(formInteger(form, "max_retry_mins")),
                webhook(form.field("webhook_url").orElse(null)));
    }

    private static Optional<Integer> formInteger(MultipartForm form, String name) {
        Optional<String> value = form.field(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value.get().strip()));
        } catch (NumberFormatException e) {
            throw HttpStatusException.invalidField(name, "expected an integer");
        }
    }

    /** The caller's number to send from, E.164. */
    String from(String raw, Caller caller) {
        long clientId = caller.client().id();
        if (raw == null || raw.isBlank()) {
            List<ClientNumber> numbers = directory.numbersOf(clientId);
            if (numbers.size() != 1) {
                throw new HttpStatusException(
                        HttpResponseStatus.BAD_REQUEST,
                        "'from' field is required when client has multiple numbers",
                        "from");
            }
            raw = numbers.get(0).number();
        }
        String from;
        try {
            from = phones.normalize(raw);
        } catch (InvalidPhoneNumberException e) {
            throw HttpStatusException.invalidField("from", e.getMessage());
        }
        Optional<ClientNumber> number = directory.number(from);
        if (number.isEmpty() || number.get().clientId() != clientId) {
            throw new HttpStatusException(
                    HttpResponseStatus.FORBIDDEN, "Client does not own the specified 'from' number", "from");
        }
        keyNumbers.check(caller, from);
        return from;
    }

    private static int throttle(Optional<Integer> value) {
        int throttle = value.orElse(DEFAULT_THROTTLE);
        if (throttle < 0 || throttle > MAX_THROTTLE) {
            throw HttpStatusException.invalidField(
                    "throttle_per_second", "expected 0 (no throttle) to " + MAX_THROTTLE + " messages per second");
        }
        return throttle;
    }

    private static int maxRetryMins(Optional<Integer> value) {
        int minutes = value.orElse(0);
        if (minutes < 0 || minutes > MAX_RETRY_MINS) {
            throw HttpStatusException.invalidField(
                    "max_retry_mins",
                    "expected 0 (the default, " + DEFAULT_MAX_RETRY_MINS + ") to " + MAX_RETRY_MINS + " minutes");
        }
        return minutes == 0 ? DEFAULT_MAX_RETRY_MINS : minutes;
    }

    private static String webhook(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw HttpStatusException.invalidField("webhook_url", "expected an http or https URL");
    }
}
