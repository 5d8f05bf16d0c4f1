package io.gomsggw.core.pipeline;

import com.codahale.metrics.MetricRegistry;
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
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Failover;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.NumberSettings;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.routing.AutoReplier;
import io.gomsggw.core.routing.OptOutRegistry;
import io.gomsggw.core.routing.Router;
import io.gomsggw.core.routing.RoutingTable;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.ClientEgress;
import io.gomsggw.core.spi.MediaTranscoder;
import io.gomsggw.core.spi.RetryPolicy;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.core.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;

/** A pipeline on a fresh H2 database, with stores-backed routing and test egresses. */
final class PipelineFixture implements AutoCloseable {
    final DataSource dataSource = TestDatabases.h2InMemory();
    final JdbiStores stores = new JdbiStores(dataSource, SecretCipher.fromKeyString("test-key"), Clock.systemUTC());
    final Map<String, CarrierAdapter> carriers = new HashMap<>();
    final ConcurrentLinkedQueue<StatusChange> changes = new ConcurrentLinkedQueue<>();
    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    final ExecutorService workers = Executors.newFixedThreadPool(4);
    final MessageJournal status = new MessageJournal(stores.messages(), 10_000, 1_000, 200);
    final UsageLimiter limiter = new UsageLimiter(stores.usage(), Clock.systemUTC());
    final OptOutRegistry optOuts = new OptOutRegistry(stores.optOuts(), Clock.systemUTC());
    final MessagePipeline pipeline;
    final Dispatcher dispatcher;
    final RetryScheduler retries;
    final Redelivery redelivery;
    final GatewayMetrics metrics = new GatewayMetrics(new MetricRegistry());
    /** When set, every routing lookup throws it (a database outage under the router). */
    volatile RuntimeException routingFailure;

    PipelineFixture(List<ClientEgress> egresses, PipelineSettings settings, AutoReplier autoReplier) {
        this(egresses, settings, autoReplier, null);
    }

    /** @param transcoder fits MMS media to carriers' and egresses' limits; null passes media as it is */
    PipelineFixture(
            List<ClientEgress> egresses,
            PipelineSettings settings,
            AutoReplier autoReplier,
            MediaTranscoder transcoder) {
        this(egresses, settings, autoReplier, transcoder, DeliveryWindows.DEFAULT);
    }

    /** @param window how long deliveries to clients are retried (the default of every client) */
    PipelineFixture(
            List<ClientEgress> egresses,
            PipelineSettings settings,
            AutoReplier autoReplier,
            MediaTranscoder transcoder,
            Duration window) {
        RoutingTable table = new RoutingTable() {
            @Override
            public Optional<ClientNumber> number(String e164) {
                if (routingFailure != null) throw routingFailure;
                return stores.numbers().findByNumber(e164);
            }

            @Override
            public Optional<Client> client(long id) {
                return stores.clients().find(id);
            }
        };
        DeliveryRoutes routes = new DeliveryRoutes() {
            @Override
            public Optional<Client> client(long id) {
                return stores.clients().find(id);
            }

            @Override
            public List<Client> failovers(long clientId) {
                List<Client> result = new ArrayList<>();
                for (Failover f : stores.failovers().listByPrimary(clientId)) {
                    if (f.enabled()) stores.clients().find(f.fallbackClientId()).ifPresent(result::add);
                }
                return result;
            }

            @Override
            public Optional<CarrierAdapter> carrier(String name) {
                return Optional.ofNullable(carriers.get(name));
            }
        };
        status.addListener((message, change) -> changes.add(change));
        Router router = new Router(
                table, new PhoneNumbers("US"), limiter, optOuts, autoReplier, Clock.systemUTC(), "test-node");
        Dispatcher dispatcher = new Dispatcher(
                routes,
                egresses,
                status,
                new CarrierMedia(transcoder, 614_400, MediaLinks.NONE, workers),
                fastRetries(2),
                new DeliveryWindows(window),
                Clock.systemUTC(),
                scheduler,
                workers,
                metrics);
        this.dispatcher = dispatcher;
        pipeline = new MessagePipeline(
                router, stores.messages(), dispatcher, status, settings, workers, metrics, Clock.systemUTC());
        retries = new RetryScheduler(
                stores.messages(),
                dispatcher,
                Clock.systemUTC(),
                scheduler,
                workers,
                Duration.ofMillis(10),
                1_000,
                null);
        redelivery = new Redelivery(stores.messages(), status, retries, Clock.systemUTC(), null);
        retries.start();
    }

    static RetryPolicy fastRetries(int retries) {
        return new RetryPolicy(retries, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(10));
    }

    Carrier carrier(String name) {
        return stores.carriers()
                .add(new Carrier(0, name, "test", null, Secret.of(""), name + "-uuid", null, null, null));
    }

    Client client(String username, ClientType type) {
        return stores.clients()
                .create(new Client(
                        0,
                        username,
                        Secret.of("pw"),
                        null,
                        type,
                        type == ClientType.LEGACY ? "127.0.0.1" : null,
                        ZoneId.of("UTC"),
                        false,
                        ClientSettings.DEFAULTS));
    }

    ClientNumber number(Client owner, String e164, String carrier) {
        return stores.numbers()
                .add(new ClientNumber(0, owner.id(), e164, carrier, null, null, null, false, NumberSettings.DEFAULTS));
    }

    Message stored(String id) {
        return stores.messages().find(id).orElseThrow();
    }

    @Override
    public void close() {
        retries.close();
        pipeline.close();
        status.close();
        scheduler.shutdownNow();
        workers.shutdownNow();
    }
}
