package io.gomsggw.http.webclient;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.admin.NotFoundException;
import io.gomsggw.core.apikey.ApiKeyScope;
import io.gomsggw.core.batch.BatchCreation;
import io.gomsggw.core.batch.BatchItem;
import io.gomsggw.core.batch.BatchItemStatus;
import io.gomsggw.core.batch.BatchQuery;
import io.gomsggw.core.batch.BatchService;
import io.gomsggw.core.batch.BatchStatus;
import io.gomsggw.core.batch.BatchSummary;
import io.gomsggw.core.batch.CancelResult;
import io.gomsggw.core.batch.NewBatch;
import io.gomsggw.core.limits.UsageLimiter;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.store.Page;
import io.gomsggw.http.HttpStatusException;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.Request;
import io.gomsggw.http.Response;
import io.gomsggw.http.RouteTable;
import io.gomsggw.http.webclient.BatchViews.Accepted;
import io.gomsggw.http.webclient.BatchViews.ErrorView;
import io.gomsggw.http.webclient.BatchViews.ItemView;
import io.gomsggw.http.webclient.BatchViews.JobCancelled;
import io.gomsggw.http.webclient.BatchViews.JobView;
import io.gomsggw.http.webclient.BatchViews.MessageCancelled;
import io.gomsggw.http.webclient.BatchViews.NotCancellable;
import io.gomsggw.http.webclient.BatchViews.Rejected;
import io.gomsggw.http.webclient.BatchViews.StatusView;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Set;

/**
 * Batch sending for web clients, with the Go gateway's paths, fields and statuses; every route
 * behind {@link ClientAuth} with scope {@code batch}:
 * <ul>
 *   <li>{@code POST /messages/batch}: JSON or a CSV upload ({@link BatchRequests}); 202
 *       {@code {id, status, total_count}} once the job and all its rows are stored;
 *   <li>{@code POST /messages/batch/check}: whether a number of messages fits the limits ({@link BatchCheck});
 *   <li>{@code GET /messages/batch}: the caller's jobs, newest first, filtered by {@code status},
 *       {@code from}, {@code since}, {@code until} ({@code 2026-03-01} or RFC 3339), paginated by
 *       {@code page} and {@code per_page} (default 50, at most 100) with {@code X-Total-Count},
 *       {@code X-Page}, {@code X-Per-Page};
 *   <li>{@code GET /messages/batch/{id}}: one job with its failed rows as {@code errors};
 *   <li>{@code GET /messages/batch/{id}/messages}: its rows, filtered by {@code status},
 *       paginated (default 100, at most 500);
 *   <li>{@code POST /messages/batch/{id}/cancel} and {@code DELETE /messages/batch/{id}/messages/{msg_id}}:
 *       cancel what was not taken yet; 409 when it is too late.
 * </ul>
 * Another client's job is 404, exactly like one that does not exist. Handlers block on the store,
 * so they run on the server's workers like every handler.
 */
public final class BatchApi {
    static final int DEFAULT_JOBS_PER_PAGE = 50;
    static final int MAX_JOBS_PER_PAGE = 100;
    static final int DEFAULT_ROWS_PER_PAGE = 100;
    static final int MAX_ROWS_PER_PAGE = 500;

    private final ClientAuth auth;
    private final BatchService batches;
    private final BatchRequests requests;
    private final BatchCheck check;
    private final PhoneNumbers phones;
    private final JsonCodec json;

    /**
     * @param auth      the same authentication as {@link ClientApi}
     * @param batches   stores, runs and cancels batches
     * @param directory the live clients and numbers
     * @param limiter   usage counters, for the check
     * @param phones    normalizes numbers
     * @param json      the JSON codec
     */
    public BatchApi(
            ClientAuth auth,
            BatchService batches,
            Directory directory,
            UsageLimiter limiter,
            PhoneNumbers phones,
            JsonCodec json) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.batches = Objects.requireNonNull(batches, "batches");
        this.phones = Objects.requireNonNull(phones, "phones");
        this.json = Objects.requireNonNull(json, "json");
        this.requests = new BatchRequests(directory, phones, new KeyNumbers(directory, phones), json);
        this.check = new BatchCheck(directory, limiter, requests);
    }

    /** Adds the batch routes to {@code router}. */
    public void register(RouteTable router) {
        router.post("/messages/batch", auth.protect(ApiKeyScope.BATCH, this::create));
        router.post("/messages/batch/check", auth.protect(ApiKeyScope.BATCH, this::check));
        router.get("/messages/batch", auth.protect(ApiKeyScope.BATCH, this::list));
        router.get("/messages/batch/{id}", auth.protect(ApiKeyScope.BATCH, this::status));
        router.get("/messages/batch/{id}/messages", auth.protect(ApiKeyScope.BATCH, this::items));
        router.post("/messages/batch/{id}/cancel", auth.protect(ApiKeyScope.BATCH, this::cancel));
        router.delete("/messages/batch/{id}/messages/{msg_id}", auth.protect(ApiKeyScope.BATCH, this::cancelItem));
    }

    private Response create(Request request, Caller caller) throws Exception {
        NewBatch batch = requests.read(request, caller);
        BatchCreation creation = batches.create(caller.client(), caller.apiKeyId(), batch);
        if (creation instanceof BatchCreation.Rejected rejected) {
            return json.respond(
                    HttpResponseStatus.BAD_REQUEST,
                    new Rejected(
                            "no message of the batch can be sent",
                            rejected.errors().stream().map(ErrorView::of).toList()));
        }
        BatchCreation.Created created = (BatchCreation.Created) creation;
        return json.respond(
                HttpResponseStatus.ACCEPTED,
                new Accepted(
                        created.job().id(),
                        created.job().status().wireName(),
                        created.job().totalCount(),
                        created.invalidRows().size(),
                        created.invalidRows().stream().map(ErrorView::of).toList()));
    }

    private Response check(Request request, Caller caller) throws Exception {
        return json.ok(check.check(json.readObject(request), caller));
    }

    private Response list(Request request, Caller caller) {
        BatchQuery query = new BatchQuery(
                caller.client().id(),
                jobStatus(request),
                from(request),
                instant(request, "since", false),
                instant(request, "until", true),
                Pagination.integer(request, "page", 1, Integer.MAX_VALUE, 1),
                Pagination.integer(request, "per_page", 1, MAX_JOBS_PER_PAGE, DEFAULT_JOBS_PER_PAGE));
        Page<BatchSummary> page = batches.search(query);
        return Pagination.headers(json.ok(page.items().stream().map(JobView::of).toList()), page);
    }

    private Response status(Request request, Caller caller) {
        BatchSummary summary = job(request, caller);
        return json.ok(StatusView.of(summary, batches.problems(summary)));
    }

    private Response items(Request request, Caller caller) {
        String id = request.pathParam("id");
        Set<BatchItemStatus> statuses = itemStatus(request);
        Page<BatchItem> page = batches.items(
                caller.client().id(),
                id,
                statuses,
                Pagination.integer(request, "page", 1, Integer.MAX_VALUE, 1),
                Pagination.integer(request, "per_page", 1, MAX_ROWS_PER_PAGE, DEFAULT_ROWS_PER_PAGE));
        return Pagination.headers(
                json.ok(page.items().stream().map(ItemView::of).toList()), page);
    }

    private Response cancel(Request request, Caller caller) {
        String id = request.pathParam("id");
        CancelResult result = batches.cancel(caller.client().id(), id);
        if (result instanceof CancelResult.TooLate late) {
            return json.respond(
                    HttpResponseStatus.CONFLICT,
                    new NotCancellable(
                            "Batch job cannot be cancelled", late.status(), "Job is already '" + late.status() + "'"));
        }
        CancelResult.Cancelled cancelled = (CancelResult.Cancelled) result;
        return json.ok(new JobCancelled(
                "Batch job cancelled", id, BatchStatus.CANCELLED.wireName(), cancelled.cancelled(), cancelled.sent()));
    }

    private Response cancelItem(Request request, Caller caller) {
        String messageId = request.pathParam("msg_id");
        CancelResult result = batches.cancelItem(caller.client().id(), request.pathParam("id"), messageId);
        if (result instanceof CancelResult.TooLate late) {
            return json.respond(
                    HttpResponseStatus.CONFLICT,
                    new NotCancellable(
                            "Message cannot be cancelled",
                            late.status(),
                            "Message is already '" + late.status() + "'"));
        }
        return json.ok(new MessageCancelled("Message cancelled", messageId, BatchItemStatus.CANCELLED.wireName()));
    }

    private BatchSummary job(Request request, Caller caller) {
        return batches.find(caller.client().id(), request.pathParam("id"))
                .orElseThrow(() -> new NotFoundException("Batch job not found"));
    }

    private static BatchStatus jobStatus(Request request) {
        String value = request.queryParam("status");
        if (value == null || value.isBlank()) {
            return null;
        }
        return BatchStatus.fromWire(value)
                .orElseThrow(() -> Pagination.invalid(
                        "status", "expected pending, processing, partially_queued, completed, cancelled or failed"));
    }

    private static Set<BatchItemStatus> itemStatus(Request request) {
        String value = request.queryParam("status");
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Set.of(BatchItemStatus.fromWire(value)
                .orElseThrow(() ->
                        Pagination.invalid("status", "expected pending, sending, sent, queued, failed or cancelled")));
    }

    private String from(Request request) {
        String value = request.queryParam("from");
        if (value == null || value.isBlank()) {
            return null;
        }
        String number = phones.normalizeOrNull(value);
        if (number == null) {
            throw Pagination.invalid("from", "not a phone number");
        }
        return number;
    }

    /** {@code 2026-03-01} (a whole day: {@code until} then means its end) or an RFC 3339 instant. */
    private static Instant instant(Request request, String name, boolean endOfDay) {
        String value = request.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.strip().length() == 10) {
                LocalDate day = LocalDate.parse(value.strip());
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw Pagination.invalid(
                    name, "expected a date such as 2026-03-01 or an instant such as 2026-03-01T12:00:00Z");
        }
    }

    /** Page parameters and headers, as {@code GET /messages/history} has them. */
    private static final class Pagination {
        private Pagination() {}

        static int integer(Request request, String name, int min, int max, int absent) {
            String value = request.queryParam(name);
            if (value == null || value.isBlank()) {
                return absent;
            }
            try {
                int number = Integer.parseInt(value.strip());
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw invalid(
                    name,
                    max == Integer.MAX_VALUE
                            ? "expected an integer of at least " + min
                            : "expected an integer from " + min + " to " + max);
        }

        static Response headers(Response response, Page<?> page) {
            return response.withHeader("X-Total-Count", Long.toString(page.total()))
                    .withHeader("X-Page", Integer.toString(page.page()))
                    .withHeader("X-Per-Page", Integer.toString(page.perPage()));
        }

        static HttpStatusException invalid(String name, String reason) {
            return new HttpStatusException(
                    HttpResponseStatus.BAD_REQUEST, "invalid value for parameter '" + name + "': " + reason, name);
        }
    }
}
