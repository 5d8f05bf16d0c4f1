package io.gomsggw.http.webclient;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.limits.UsageLimiter;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.pipeline.MessagePipeline;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.RouteTable;
import io.gomsggw.http.fetch.MediaFetcher;
import java.time.Clock;
import java.util.Objects;

/**
 * The web client REST API of docs/web-clients.md: {@code POST /messages/send} (alias {@code POST /messages}),
 * {@code GET /messages/history}, {@code GET /messages/{id}} and {@code GET /messages/usage}, every
 * one behind {@link ClientAuth} (an API key needs scope {@code send} for the first two,
 * {@code usage} for the others). Batches are {@link BatchApi}. Register it on the server's {@link RouteTable}:
 *
 * <pre>{@code
 * new ClientApi(directory, pipeline, stores.messages(), usageLimiter,
 *         new MediaFetcher(httpClient, MediaFetcher.DEFAULT_MAX_ITEM_BYTES, MediaFetcher.DEFAULT_TIMEOUT),
 *         phoneNumbers, json, clock).register(router);
 * }</pre>
 *
 * <p>Handlers block (on the pipeline's confirmation, the store, media downloads), so they run on
 * the server's worker executor like every handler.
 */
public final class ClientApi {
    private final ClientAuth auth;
    private final MessageRoutes messages;
    private final HistoryRoutes history;
    private final UsageRoutes usage;

    /**
     * @param directory    the live clients and numbers
     * @param pipeline     takes the messages clients send
     * @param messageStore the message records, for history and lookup
     * @param limiter      usage counters, for {@code /messages/usage}
     * @param mediaFetcher fetches {@code media_urls} of the bicom and telnyx formats
     * @param phoneNumbers normalizes the numbers of history filters
     * @param json         the JSON codec
     * @param clock        the gateway's clock (for {@code Retry-After} of limit refusals)
     */
    public ClientApi(
            Directory directory,
            MessagePipeline pipeline,
            MessageStore messageStore,
            UsageLimiter limiter,
            MediaFetcher mediaFetcher,
            PhoneNumbers phoneNumbers,
            JsonCodec json,
            Clock clock) {
        this(
                new ClientAuth(directory),
                directory,
                pipeline,
                messageStore,
                limiter,
                mediaFetcher,
                phoneNumbers,
                json,
                clock);
    }

    /**
     * As above, authenticating with {@code auth} (which may accept API keys and count failed
     * logins); share one {@link ClientAuth} with {@link BatchApi}.
     */
    public ClientApi(
            ClientAuth auth,
            Directory directory,
            MessagePipeline pipeline,
            MessageStore messageStore,
            UsageLimiter limiter,
            MediaFetcher mediaFetcher,
            PhoneNumbers phoneNumbers,
            JsonCodec json,
            Clock clock) {
        this.auth = Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(messageStore, "messageStore");
        Objects.requireNonNull(limiter, "limiter");
        Objects.requireNonNull(mediaFetcher, "mediaFetcher");
        Objects.requireNonNull(phoneNumbers, "phoneNumbers");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(clock, "clock");
        this.messages = new MessageRoutes(
                pipeline,
                new SendRequests(mediaFetcher, directory::numbersOf),
                new SubmitAnswers(json, clock),
                json,
                new KeyNumbers(directory, phoneNumbers));
        this.history = new HistoryRoutes(messageStore, new HistoryQueries(phoneNumbers), json, directory);
        this.usage = new UsageRoutes(directory, limiter, json);
    }

    /** Adds every web client route to {@code router}. */
    public void register(RouteTable router) {
        messages.register(router, auth);
        usage.register(router, auth);
        history.register(router, auth);
    }
}
