package io.gomsggw.http.testing;

import com.codahale.metrics.MetricRegistry;
import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.apikey.ApiKeyRateLimiter;
import io.gomsggw.core.apikey.ApiKeys;
import io.gomsggw.core.batch.BatchRunner;
import io.gomsggw.core.batch.BatchScheduler;
import io.gomsggw.core.batch.BatchService;
import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.dispatch.CarrierMedia;
import io.gomsggw.core.dispatch.DeliveryRoutes;
import io.gomsggw.core.dispatch.DeliveryWindows;
import io.gomsggw.core.dispatch.Dispatcher;
import io.gomsggw.core.dispatch.MediaLinks;
import io.gomsggw.core.dispatch.MessageJournal;
import io.gomsggw.core.dispatch.Redelivery;
import io.gomsggw.core.dispatch.RetryScheduler;
import io.gomsggw.core.limits.UsageLimiter;
import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.AuthMethod;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.NumberSettings;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.core.net.CidrBlock;
import io.gomsggw.core.net.HostResolver;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.pipeline.MessagePipeline;
import io.gomsggw.core.pipeline.PipelineSettings;
import io.gomsggw.core.routing.AutoReplier;
import io.gomsggw.core.routing.AutoReplyPolicy;
import io.gomsggw.core.routing.OptOutRegistry;
import io.gomsggw.core.security.LoginThrottle;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.RetryPolicy;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.core.testing.TestDatabases;
import io.gomsggw.http.HttpServer;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.LoginAttempts;
import io.gomsggw.http.RouteTable;
import io.gomsggw.http.TestHttp;
import io.gomsggw.http.admin.AdminAuth;
import io.gomsggw.http.admin.ApiKeyRoutes;
import io.gomsggw.http.admin.RedeliveryAdminRoutes;
import io.gomsggw.http.fetch.AddressPolicy;
import io.gomsggw.http.fetch.MediaFetcher;
import io.gomsggw.http.fetch.SafeFetcher;
import io.gomsggw.http.inbound.CarrierMediaDownloader;
import io.gomsggw.http.inbound.InboundRoutes;
import io.gomsggw.http.media.HostedMedia;
import io.gomsggw.http.media.MediaRoutes;
import io.gomsggw.http.webclient.BatchApi;
import io.gomsggw.http.webclient.ClientApi;
import io.gomsggw.http.webclient.ClientAuth;
import io.gomsggw.http.webclient.RedeliveryRoutes;
import io.gomsggw.http.webhook.BatchWebhooks;
import io.gomsggw.http.webhook.StatusWebhooks;
import io.gomsggw.http.webhook.WebhookEgress;
import io.gomsggw.http.webhook.WebhookSender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The web client side of a gateway, for tests: the real HTTP server on a free port with the
 * client API and media routes, a real {@link MessagePipeline} on Jdbi stores over in-memory H2,
 * the {@link WebhookEgress} as the only client egress, {@link StatusWebhooks} on the status
 * recorder, and hosted media links under the server's own address. Webhook retries wait
 * milliseconds, not seconds. Web clients may also use API keys (made through the admin routes of
 * {@link ApiKeyRoutes} with {@link #ADMIN_KEY}) and send batches; the clock follows the system
 * clock and can be moved forward.
 */
public final class MessagingFixture implements AutoCloseable {
    public static final String PASSWORD = "s3cret:with-colon";
    public static final Duration RETRY_DELAY = Duration.ofMillis(20);

    public static final String ADMIN_KEY = "test-admin-key";

    public final AdjustableClock clock = new AdjustableClock();
    public final DataSource dataSource = TestDatabases.h2InMemory();
    public final JdbiStores stores =
            new JdbiStores(dataSource, SecretCipher.fromKeyString(SecretCipher.generateKeyString()), clock);
    public final Directory directory =
            new Directory(stores.clients(), stores.numbers(), stores.carriers(), stores.failovers(), clock);
    public final UsageLimiter limiter = new UsageLimiter(stores.usage(), clock);
    public final OptOutRegistry optOuts = new OptOutRegistry(stores.optOuts(), clock);
    public final Map<String, CarrierAdapter> carriers = new ConcurrentHashMap<>();
    public final MessagePipeline pipeline;
    public final InetSocketAddress address;
    public final ApiKeys apiKeys =
            new ApiKeys(stores.apiKeys(), directory, clock, new SecureRandom(), ApiKeys.Settings.DEFAULTS);
    public final LoginThrottle loginThrottle = new LoginThrottle(LoginThrottle.DEFAULTS, clock);
    public final BatchRunner batchRunner;
    public final BatchService batches;
    /** Takes parked webhook retries up again; looks at most every 10 ms. */
    public final RetryScheduler retries;

    public final Redelivery redelivery;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final ExecutorService batchWorkers = Executors.newFixedThreadPool(2);
    private final ThreadPoolExecutor httpWorkers =
            new ThreadPoolExecutor(8, 8, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64));
    private final MessageJournal status = new MessageJournal(stores.messages(), 10_000, 1_000, 200);
    private final HttpServer server;
    /** Fetches media for sends and carrier webhooks; loopback is allowed, as the test servers listen there. */
    private final SafeFetcher fetcher = new SafeFetcher(
            new AddressPolicy(List.of(CidrBlock.parse("127.0.0.0/8"))),
            HostResolver.SYSTEM,
            SafeFetcher.Settings.DEFAULTS);

    /** A fixture with default bounds and a media fetch timeout of 10 s. */
    public MessagingFixture() {
        this(PipelineSettings.DEFAULTS, MediaFetcher.DEFAULT_TIMEOUT);
    }

    /** As above, counting failed logins in {@link #loginThrottle} when {@code throttleLogins}. */
    public MessagingFixture(boolean throttleLogins) {
        this(PipelineSettings.DEFAULTS, MediaFetcher.DEFAULT_TIMEOUT, throttleLogins);
    }

    public MessagingFixture(PipelineSettings bounds, Duration mediaTimeout) {
        this(bounds, mediaTimeout, false);
    }

    private MessagingFixture(PipelineSettings bounds, Duration mediaTimeout, boolean throttleLogins) {
        JsonCodec json = new JsonCodec();
        RouteTable router = new RouteTable();
        server = new HttpServer(router, httpWorkers);
        try {
            address = server.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        PhoneNumbers phones = new PhoneNumbers("US");
        GatewayMetrics metrics = new GatewayMetrics(new MetricRegistry());
        io.gomsggw.core.routing.Router routing = new io.gomsggw.core.routing.Router(
                directory,
                phones,
                limiter,
                optOuts,
                new AutoReplier(new AutoReplyPolicy(false, null), clock),
                clock,
                "test-node");
        WebhookSender sender = new WebhookSender(
                http, json, clock, WebhookSender.Defaults.DEFAULTS.withRetries(3, RETRY_DELAY), metrics);
        MediaLinks hosted = new HostedMedia(stores.media(), "http://127.0.0.1:" + address.getPort(), clock);
        Dispatcher dispatcher = new Dispatcher(
                routes(),
                List.of(new WebhookEgress(directory, sender, hosted, workers, clock)),
                status,
                new CarrierMedia(null, 614_400, hosted, workers),
                new RetryPolicy(1, RETRY_DELAY, RETRY_DELAY, Duration.ofSeconds(10)),
                new DeliveryWindows(DeliveryWindows.DEFAULT),
                clock,
                scheduler,
                workers,
                metrics);
        pipeline = new MessagePipeline(routing, stores.messages(), dispatcher, status, bounds, workers, metrics, clock);
        retries = new RetryScheduler(
                stores.messages(), dispatcher, clock, scheduler, workers, Duration.ofMillis(10), 1_000, null);
        redelivery = new Redelivery(stores.messages(), status, retries, clock, null);
        retries.start();
        status.addListener(new StatusWebhooks(directory, sender));
        ClientAuth auth = new ClientAuth(
                directory,
                apiKeys,
                new ApiKeyRateLimiter(clock),
                throttleLogins ? LoginAttempts.throttledBy(loginThrottle) : LoginAttempts.unthrottled());
        new ClientApi(
                        auth,
                        directory,
                        pipeline,
                        stores.messages(),
                        limiter,
                        new MediaFetcher(fetcher, 64 * 1024, 256 * 1024, mediaTimeout),
                        phones,
                        json,
                        clock)
                .register(router);
        AdminAuth adminAuth = new AdminAuth(ADMIN_KEY);
        new ApiKeyRoutes(apiKeys, directory, adminAuth, json, clock).register(router);
        new RedeliveryRoutes(auth, stores.messages(), redelivery, json).register(router);
        new RedeliveryAdminRoutes(adminAuth, stores.messages(), redelivery, json).register(router);
        batchRunner = new BatchRunner(
                stores.batches(),
                pipeline,
                directory::client,
                new BatchWebhooks(sender),
                BatchScheduler.of(scheduler, clock),
                batchWorkers,
                clock,
                BatchRunner.Settings.DEFAULTS);
        batches = new BatchService(stores.batches(), batchRunner, phones, clock);
        new BatchApi(auth, batches, directory, limiter, phones, json).register(router);
        new MediaRoutes(stores.media(), clock).register(router);
        new InboundRoutes(
                        directory,
                        name -> Optional.ofNullable(carriers.get(name)),
                        pipeline,
                        new CarrierMediaDownloader(
                                fetcher,
                                new SafeFetcher.Limits(64 * 1024, 256 * 1024, Duration.ofSeconds(10)),
                                CarrierMediaDownloader.DEFAULT_MAX_MESSAGES))
                .register(router);
    }

    private DeliveryRoutes routes() {
        return new DeliveryRoutes() {
            @Override
            public Optional<Client> client(long id) {
                return directory.client(id);
            }

            @Override
            public List<Client> failovers(long clientId) {
                return List.of();
            }

            @Override
            public Optional<CarrierAdapter> carrier(String name) {
                return Optional.ofNullable(carriers.get(name));
            }
        };
    }

    /** Settings of a web client: the format and auth method, its default webhook, retries, limits. */
    public static ClientSettings settings(
            ApiFormat format, AuthMethod auth, String defaultWebhook, int retries, UsageLimits limits) {
        return new ClientSettings(auth, format, false, retries, 2, false, defaultWebhook, limits, false);
    }

    public static ClientSettings settings(ApiFormat format, String defaultWebhook) {
        return settings(
                format,
                format == ApiFormat.BICOM ? AuthMethod.BEARER : AuthMethod.BASIC,
                defaultWebhook,
                3,
                UsageLimits.NONE);
    }

    /** A stored client with {@link #PASSWORD}, visible in the directory at once. */
    public Client client(String username, ClientType type, ClientSettings settings) {
        Client client = stores.clients()
                .create(new Client(
                        0,
                        username,
                        Secret.of(PASSWORD),
                        null,
                        type,
                        type == ClientType.LEGACY ? "127.0.0.1" : null,
                        ZoneId.of("UTC"),
                        false,
                        settings));
        directory.reload();
        return client;
    }

    public Client webClient(String username, ClientSettings settings) {
        return client(username, ClientType.WEB, settings);
    }

    /** A stored number of {@code owner}, visible in the directory at once. */
    public ClientNumber number(Client owner, String e164, String carrier, String webhook) {
        return number(owner, e164, carrier, webhook, null, null);
    }

    public ClientNumber number(Client owner, String e164, String carrier, String webhook, String tag, String group) {
        ClientNumber number = stores.numbers()
                .add(new ClientNumber(
                        0, owner.id(), e164, carrier, tag, group, webhook, false, NumberSettings.DEFAULTS));
        directory.reload();
        return number;
    }

    /** A carrier record named {@code name}, sending through {@code adapter}. */
    public void carrier(String name, CarrierAdapter adapter) {
        stores.carriers().add(new Carrier(0, name, "test", null, Secret.of(""), name + "-uuid", null, null, null));
        carriers.put(name, adapter);
        directory.reload();
    }

    /** An HTTP client against the gateway, logged in as {@code client} with the scheme of its auth method. */
    public TestHttp as(Client client) {
        TestHttp http = new TestHttp(address);
        return client.settings().authMethod() == AuthMethod.BEARER
                ? http.authorization("Bearer " + basicToken(client.username(), PASSWORD))
                : http.basic(client.username(), PASSWORD);
    }

    /** An HTTP client with the admin credentials. */
    public TestHttp admin() {
        return new TestHttp(address).basic("admin", ADMIN_KEY);
    }

    /** An HTTP client sending {@code Authorization: Bearer <rawKey>}. */
    public TestHttp withKey(String rawKey) {
        return new TestHttp(address).authorization("Bearer " + rawKey);
    }

    public TestHttp anonymous() {
        return new TestHttp(address);
    }

    public static String basicToken(String username, String password) {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Message stored(String id) {
        return stores.messages().find(id).orElseThrow();
    }

    @Override
    public void close() {
        server.close();
        batchRunner.close();
        fetcher.close();
        retries.close();
        pipeline.close();
        status.close();
        scheduler.shutdownNow();
        workers.shutdownNow();
        batchWorkers.shutdownNow();
        httpWorkers.shutdownNow();
    }
}
