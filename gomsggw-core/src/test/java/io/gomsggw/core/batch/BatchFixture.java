package io.gomsggw.core.batch;

import com.codahale.metrics.MetricRegistry;
import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.dispatch.CarrierMedia;
import io.gomsggw.core.dispatch.DeliveryRoutes;
import io.gomsggw.core.dispatch.DeliveryWindows;
import io.gomsggw.core.dispatch.Dispatcher;
import io.gomsggw.core.dispatch.MediaLinks;
import io.gomsggw.core.dispatch.MessageJournal;
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
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.pipeline.MessagePipeline;
import io.gomsggw.core.pipeline.PipelineSettings;
import io.gomsggw.core.routing.AutoReplier;
import io.gomsggw.core.routing.AutoReplyPolicy;
import io.gomsggw.core.routing.OptOutRegistry;
import io.gomsggw.core.routing.Router;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.RetryPolicy;
import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.core.spi.WebhookRequest;
import io.gomsggw.core.spi.WebhookResult;
import io.gomsggw.core.store.MessageQuery;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.core.testing.MutableClock;
import io.gomsggw.core.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The batch service and runner on a real pipeline and a fresh H2 database, with a test clock, a
 * hand-driven scheduler and a carrier that records what it is given. Client {@code shop} owns
 * {@code +12505550100}, which sends through the recording carrier.
 */
final class BatchFixture implements AutoCloseable {
    static final String FROM = "+12505550100";
    static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

    final MutableClock clock = new MutableClock(START);
    /** Pooled: the test takes a few hundred steps, each opening several connections. */
    final DataSource dataSource = JdbcConnectionPool.create((ConnectionPoolDataSource) TestDatabases.h2InMemory());

    final JdbiStores stores = new JdbiStores(dataSource, SecretCipher.fromKeyString("test-key"), clock);
    final Directory directory =
            new Directory(stores.clients(), stores.numbers(), stores.carriers(), stores.failovers(), clock);
    final RecordingCarrier carrier = new RecordingCarrier();
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final CountingExecutor runnerExecutor = new CountingExecutor();
    final ScheduledExecutorService dispatchScheduler = Executors.newScheduledThreadPool(1);
    final ExecutorService workers = Executors.newFixedThreadPool(4);
    final MessageJournal journal = new MessageJournal(stores.messages(), 20_000, 10_000, 500, Duration.ZERO);
    final MessagePipeline pipeline;
    final List<BatchSummary> notified = new CopyOnWriteArrayList<>();
    BatchRunner runner;
    BatchService service;
    Client shop;

    BatchFixture(UsageLimits limits) {
        stores.carriers().add(new Carrier(0, "test-carrier", "test", null, Secret.of(""), "uuid-1", null, null, null));
        shop = stores.clients()
                .create(new Client(
                        0,
                        "shop",
                        Secret.of("pw"),
                        null,
                        ClientType.WEB,
                        null,
                        ZoneId.of("UTC"),
                        false,
                        new ClientSettings(
                                AuthMethod.BASIC, ApiFormat.GENERIC, false, 3, 10, false, null, limits, false)));
        stores.numbers()
                .add(new ClientNumber(
                        0, shop.id(), FROM, "test-carrier", null, null, null, false, NumberSettings.DEFAULTS));
        directory.reload();
        UsageLimiter limiter = new UsageLimiter(stores.usage(), clock);
        Router router = new Router(
                directory,
                new PhoneNumbers("US"),
                limiter,
                new OptOutRegistry(stores.optOuts(), clock),
                new AutoReplier(new AutoReplyPolicy(false, null), clock),
                clock,
                "test-node");
        DeliveryRoutes routes = new DeliveryRoutes() {
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
                return Optional.of(carrier);
            }
        };
        GatewayMetrics metrics = new GatewayMetrics(new MetricRegistry());
        Dispatcher dispatcher = new Dispatcher(
                routes,
                List.of(),
                journal,
                new CarrierMedia(null, 614_400, MediaLinks.NONE, workers),
                new RetryPolicy(0, Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofSeconds(10)),
                new DeliveryWindows(DeliveryWindows.DEFAULT),
                clock,
                dispatchScheduler,
                workers,
                metrics);
        pipeline = new MessagePipeline(
                router, stores.messages(), dispatcher, journal, PipelineSettings.DEFAULTS, workers, metrics, clock);
        startRunner();
    }

    /** A new runner and service on the same pipeline and stores, as after a restart. */
    void startRunner() {
        runner = new BatchRunner(
                stores.batches(),
                pipeline,
                directory::client,
                (client, summary, problems) -> {
                    notified.add(summary);
                    return CompletableFuture.completedFuture(null);
                },
                scheduler,
                runnerExecutor,
                clock,
                BatchRunner.Settings.DEFAULTS);
        service = new BatchService(stores.batches(), runner, new PhoneNumbers("US"), clock);
    }

    BatchJob create(NewBatch batch) {
        BatchCreation creation = service.create(shop, null, batch);
        return ((BatchCreation.Created) creation).job();
    }

    static NewBatch batch(int rows, int throttle) {
        List<BatchRow> list = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            list.add(new BatchRow(String.format("+1604555%04d", i), "hello " + i, null));
        }
        return new NewBatch(FROM, null, list, throttle, 60, null);
    }

    /** Waits until the runner has nothing queued or in the pipeline. */
    void awaitQuiet() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(runnerExecutor.idle() && runner.inFlight() == 0 && runnerExecutor.idle())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("runner not quiet after 30 s");
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /** Runs the job to its end: waits for quiet, then moves the clock to the next wake-up, and so on. */
    BatchSummary drive(String batchId, int maxSteps) {
        for (int step = 0; step < maxSteps; step++) {
            awaitQuiet();
            BatchSummary summary = stores.batches().find(batchId).orElseThrow();
            if (summary.job().status().isFinal() && summary.counts().unfinished() == 0) {
                return summary;
            }
            if (!scheduler.runNext()) {
                throw new AssertionError("batch stuck with no wake-up: " + summary);
            }
        }
        throw new AssertionError("batch not done after " + maxSteps + " steps");
    }

    List<BatchItem> items(String batchId) {
        return stores.batches()
                .items(batchId, List.of(), 1, BatchService.MAX_ROWS)
                .items();
    }

    /** The messages of client shop, by id. */
    Map<String, Message> messages() {
        return stores
                .messages()
                .search(new MessageQuery(shop.id(), null, null, null, null, null, null, 1, BatchService.MAX_ROWS))
                .items()
                .stream()
                .collect(Collectors.toMap(Message::id, m -> m));
    }

    @Override
    public void close() {
        runner.close();
        pipeline.close();
        journal.close();
        runnerExecutor.close();
        dispatchScheduler.shutdownNow();
        workers.shutdownNow();
    }

    /** A carrier that accepts everything and records each message it is given. */
    static final class RecordingCarrier implements CarrierAdapter {
        final List<Message> sent = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "test-carrier";
        }

        @Override
        public CompletionStage<SendOutcome> send(Message message, List<String> mediaUrls) {
            sent.add(message);
            return CompletableFuture.completedFuture(new SendOutcome.Accepted("c-" + message.id()));
        }

        @Override
        public WebhookResult handleWebhook(WebhookRequest request) {
            throw new UnsupportedOperationException();
        }
    }
}
