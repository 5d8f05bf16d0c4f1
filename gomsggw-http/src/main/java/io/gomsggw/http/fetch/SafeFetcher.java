package io.gomsggw.http.fetch;

import io.gomsggw.core.net.HostResolver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * The one place where the gateway fetches media by a URL someone else chose: a web client's
 * {@code media_urls}, a carrier's inbound media links. Each fetch
 *
 * <ul>
 *   <li>connects only where the {@link AddressPolicy} allows, checked on the address actually
 *       connected to ({@link PolicyDns}, {@link PolicySocketFactory});
 *   <li>follows at most {@link Settings#maxRedirects} redirects, each hop checked the same way, and
 *       sends the item's headers (credentials) to its first URL only;
 *   <li>reads at most {@link Limits#maxItemBytes} per item and {@link Limits#maxTotalBytes} for all
 *       items of one call together, and gives up after {@link Limits#timeout} for all of them;
 *   <li>uses no proxy, whatever the environment or system properties say, and no cookies.
 * </ul>
 *
 * <p>Built on OkHttp because its resolver seam decides the addresses it connects to; the JDK's
 * {@code HttpClient} resolves names itself, so a check before the request could be answered
 * differently from the lookup the connection makes.
 *
 * <p>Threading: thread-safe; {@link #fetchAll} never blocks. Fetches run on a pool of at most 64
 * threads (OkHttp's limit of calls at once); callers bound how many they start (the web server's
 * workers, the carrier downloader's slots). Close it to stop the pool.
 */
public final class SafeFetcher implements AutoCloseable {
    /**
     * @param maxRedirects   redirects followed per item
     * @param connectTimeout time allowed to open one connection
     */
    public record Settings(int maxRedirects, Duration connectTimeout) {
        /** Five redirects, 10 s to connect. */
        public static final Settings DEFAULTS = new Settings(5, Duration.ofSeconds(10));
    }

    /**
     * One URL to fetch.
     *
     * @param url     an {@code http} or {@code https} URL
     * @param headers sent with the request to {@code url} only, never to where it redirects
     */
    public record Item(String url, Map<String, String> headers) {
        public Item {
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
        }
    }

    /**
     * The limits of one {@link #fetchAll}.
     *
     * @param maxItemBytes  the largest item
     * @param maxTotalBytes the most bytes of all items together
     * @param timeout       the time for all items together
     */
    public record Limits(long maxItemBytes, long maxTotalBytes, Duration timeout) {
        public Limits {
            if (maxItemBytes < 1 || maxTotalBytes < 1 || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    /** What became of one item. */
    public sealed interface Outcome {
        /**
         * @param body        the response body, never empty
         * @param contentType the response's media type without parameters, in lower case; empty when absent
         * @param url         the URL that answered (after redirects)
         */
        record Fetched(byte[] body, String contentType, URI url) implements Outcome {}

        /** @param reason why, for the caller, e.g. {@code address 10.0.0.1 is not allowed (private network)} */
        record Failed(String reason) implements Outcome {}
    }

    private static final int MAX_CALLS = 64;

    private final Settings settings;
    private final ThreadPoolExecutor threads;
    private final OkHttpClient http;

    /**
     * @param policy   where fetches may connect
     * @param resolver resolves host names (tests answer what they like)
     * @param settings redirects and connect timeout
     */
    public SafeFetcher(AddressPolicy policy, HostResolver resolver, Settings settings) {
        Objects.requireNonNull(policy, "policy");
        this.settings = Objects.requireNonNull(settings, "settings");
        AtomicInteger counter = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, MAX_CALLS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "gomsggw-fetch-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Dispatcher dispatcher = new Dispatcher(threads);
        dispatcher.setMaxRequests(MAX_CALLS);
        dispatcher.setMaxRequestsPerHost(MAX_CALLS);
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .dns(new PolicyDns(resolver, policy))
                .socketFactory(new PolicySocketFactory(policy))
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(settings.connectTimeout())
                .build();
    }

    /**
     * Fetches every item at once. The stage completes, never exceptionally, when every item has
     * its outcome (in the order of {@code items}); at the latest a moment after the timeout.
     * Cancelling it cancels the fetches under way.
     */
    public CompletableFuture<List<Outcome>> fetchAll(List<Item> items, Limits limits) {
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        AtomicLong totalLeft = new AtomicLong(limits.maxTotalBytes());
        List<ItemFetch> fetches = new ArrayList<>(items.size());
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(items.size());
        for (Item item : items) {
            ItemFetch fetch = new ItemFetch(item, limits, deadline, totalLeft);
            fetches.add(fetch);
            outcomes.add(fetch.outcome);
            fetch.start();
        }
        CompletableFuture<List<Outcome>> all = CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(
                        done -> outcomes.stream().map(CompletableFuture::join).toList());
        all.whenComplete((result, error) -> fetches.forEach(ItemFetch::cancel));
        return all;
    }

    @Override
    public void close() {
        http.dispatcher().cancelAll();
        http.connectionPool().evictAll();
        threads.shutdown();
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** One item: its hops, its call under way, its outcome. */
    private final class ItemFetch implements Callback {
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        private final Item item;
        private final Limits limits;
        private final long deadline;
        private final AtomicLong totalLeft;
        private final AtomicReference<Call> current = new AtomicReference<>();
        private int redirects;

        ItemFetch(Item item, Limits limits, long deadline, AtomicLong totalLeft) {
            this.item = item;
            this.limits = limits;
            this.deadline = deadline;
            this.totalLeft = totalLeft;
            // A call queued behind OkHttp's limit has no timeout running yet: the item still ends in time.
            outcome.completeOnTimeout(timedOut(), limits.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        }

        void start() {
            HttpUrl url;
            try {
                url = firstUrl(item.url());
            } catch (FetchRefused refused) {
                outcome.complete(new Outcome.Failed(refused.getMessage()));
                return;
            }
            Request.Builder request = new Request.Builder().url(url).get();
            item.headers().forEach(request::header);
            send(request.build());
        }

        void cancel() {
            Call call = current.get();
            if (call != null) {
                call.cancel();
            }
        }

        private void send(Request request) {
            if (outcome.isDone()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                outcome.complete(timedOut());
                return;
            }
            Call call = http.newCall(request);
            call.timeout().timeout(left, TimeUnit.NANOSECONDS);
            current.set(call);
            call.enqueue(this);
        }

        @Override
        public void onFailure(Call call, IOException e) {
            outcome.complete(new Outcome.Failed(reason(e)));
        }

        @Override
        public void onResponse(Call call, Response response) {
            try (response) {
                int status = response.code();
                if (status >= 300 && status < 400 && response.header("Location") != null) {
                    redirect(response);
                    return;
                }
                if (status / 100 != 2) {
                    outcome.complete(new Outcome.Failed("fetch failed with HTTP " + status));
                    return;
                }
                outcome.complete(body(response));
            } catch (IOException e) {
                outcome.complete(new Outcome.Failed(reason(e)));
            }
        }

        private void redirect(Response response) {
            if (redirects >= settings.maxRedirects()) {
                outcome.complete(new Outcome.Failed("more than " + settings.maxRedirects() + " redirects"));
                return;
            }
            HttpUrl next = response.request().url().resolve(response.header("Location"));
            if (next == null) {
                outcome.complete(new Outcome.Failed("redirected to a URL that is not http or https"));
                return;
            }
            redirects++;
            send(new Request.Builder().url(next).get().build());
        }

        private Outcome body(Response response) throws IOException {
            ResponseBody body = response.body();
            long announced = body.contentLength();
            if (announced > limits.maxItemBytes()) {
                return tooLarge();
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(announced > 0 ? (int) announced : 8192);
            BufferedSource source = body.source();
            byte[] chunk = new byte[8192];
            int read;
            while ((read = source.read(chunk)) != -1) {
                if (bytes.size() + (long) read > limits.maxItemBytes()) {
                    return tooLarge();
                }
                if (totalLeft.addAndGet(-read) < 0) {
                    return new Outcome.Failed(
                            "the media of this message are larger than " + limits.maxTotalBytes() + " bytes in all");
                }
                bytes.write(chunk, 0, read);
            }
            if (bytes.size() == 0) {
                return new Outcome.Failed("the response is empty");
            }
            return new Outcome.Fetched(
                    bytes.toByteArray(),
                    contentType(response),
                    response.request().url().uri());
        }

        private Outcome tooLarge() {
            return new Outcome.Failed("larger than " + limits.maxItemBytes() + " bytes");
        }

        private Outcome.Failed timedOut() {
            return new Outcome.Failed("timed out after " + seconds(limits.timeout()));
        }

        private String reason(IOException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                RefusedAddressException refused = refusal(cause);
                if (refused != null) {
                    return refused.getMessage();
                }
            }
            if (e instanceof InterruptedIOException) {
                return timedOut().reason();
            }
            if (e instanceof UnknownHostException) {
                Call call = current.get();
                return "unknown host "
                        + (call == null ? "" : call.request().url().host());
            }
            if (e instanceof ConnectException) {
                return "connection failed";
            }
            return "cannot be fetched: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }

        private RefusedAddressException refusal(Throwable error) {
            if (error instanceof RefusedAddressException refused) {
                return refused;
            }
            for (Throwable suppressed : error.getSuppressed()) {
                if (suppressed instanceof RefusedAddressException refused) {
                    return refused;
                }
            }
            return null;
        }
    }

    /** The first URL of an item: an {@code http} or {@code https} URL with a host. */
    private static HttpUrl firstUrl(String text) throws FetchRefused {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new FetchRefused("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchRefused("only http and https URLs can be fetched");
        }
        HttpUrl url = HttpUrl.parse(uri.toString());
        if (uri.getHost() == null || url == null) {
            throw new FetchRefused("the URL has no host");
        }
        return url;
    }

    private static String contentType(Response response) {
        String header = response.header("Content-Type", "");
        int parameters = header.indexOf(';');
        return (parameters < 0 ? header : header.substring(0, parameters))
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    /** An item refused before anything was sent. */
    private static final class FetchRefused extends Exception {
        FetchRefused(String message) {
            super(message, null, false, false);
        }
    }
}
