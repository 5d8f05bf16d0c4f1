package io.gomsggw.server;

import com.codahale.metrics.MetricRegistry;
import io.gomsggw.core.admin.AdminService;
import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.admin.LiveSessions;
import io.gomsggw.core.apikey.ApiKeyRateLimiter;
import io.gomsggw.core.apikey.ApiKeys;
import io.gomsggw.core.batch.BatchRunner;
import io.gomsggw.core.cluster.BindDirectory;
import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.dispatch.DeliveryWindows;
import io.gomsggw.core.dispatch.Handovers;
import io.gomsggw.core.dispatch.MediaLinks;
import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.core.net.HostResolver;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.pipeline.PipelineSettings;
import io.gomsggw.core.routing.AutoReplyPolicy;
import io.gomsggw.core.security.LoginThrottle;
import io.gomsggw.core.store.HeldPartStore;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.PendingReceipt;
import io.gomsggw.core.store.PendingReceiptStore;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.core.store.log.LogFiles;
import io.gomsggw.core.store.log.LoggedMessageStore;
import io.gomsggw.http.HttpServer;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.LoginAttempts;
import io.gomsggw.http.OpenApiRoute;
import io.gomsggw.http.Route;
import io.gomsggw.http.RouteTable;
import io.gomsggw.http.admin.AdminApi;
import io.gomsggw.http.admin.AdminAuth;
import io.gomsggw.http.admin.ApiKeyRoutes;
import io.gomsggw.http.admin.HealthCheck;
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
import io.gomsggw.mm4.gateway.DeliveryReports;
import io.gomsggw.server.carriers.CarrierTypes;
import io.gomsggw.server.carriers.PluginJars;
import io.gomsggw.server.cluster.Cluster;
import io.gomsggw.server.config.ConfigException;
import io.gomsggw.server.config.DatabaseConfig;
import io.gomsggw.server.config.GatewayConfig;
import io.gomsggw.server.config.ListenAddress;
import io.gomsggw.server.database.Database;
import io.gomsggw.server.database.EmbeddedLock;
import io.gomsggw.server.health.GatewayHealth;
import io.gomsggw.server.health.ListenerStates;
import io.gomsggw.server.lifecycle.ClosingStack;
import io.gomsggw.server.lifecycle.StartupException;
import io.gomsggw.server.messaging.Batches;
import io.gomsggw.server.messaging.Messaging;
import io.gomsggw.server.metrics.MetricsServer;
import io.gomsggw.server.secrets.DataDirectory;
import io.gomsggw.server.secrets.Secrets;
import io.gomsggw.server.secrets.SecretsBootstrap;
import io.gomsggw.smpp.gateway.ReceiptSender;
import io.gomsggw.smpp.gateway.SessionRegistry;
import io.gomsggw.smpp.gateway.SmppEgress;
import io.gomsggw.smpp.gateway.SmppGateway;
import io.gomsggw.smpp.gateway.SmppGatewaySettings;
import io.gomsggw.smpp.server.BindGuard;
import io.gomsggw.smpp.session.SessionSettings;
import io.gomsggw.transcode.PooledMediaTranscoder;
import io.gomsggw.transcode.TranscodeSettings;
import io.gomsggw.transcode.worker.AvWorkerSettings;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway node: the one place where the modules are wired together, by their
 * constructors, in the order they depend on each other:
 *
 * <ol>
 *   <li>the data directory and the keys ({@link DataDirectory}, {@link SecretsBootstrap});
 *   <li>the database and its migrations ({@link Database});
 *   <li>the stores ({@link JdbiStores}), number normalization ({@link PhoneNumbers}), the carrier
 *       types of the class path and {@code PLUGINS_DIR} ({@link CarrierTypes});
 *   <li>the in-memory {@link Directory} and the {@link AdminService};
 *   <li>the message pipeline ({@link Messaging}) with its metrics, tenant API keys ({@link ApiKeys})
 *       and batch sending ({@link Batches});
 *   <li>the HTTP server with the admin API ({@link AdminApi}), the web-client API
 *       ({@link ClientApi}, webhooks, {@code /media}) on {@code WEB_LISTEN}, and the
 *       Prometheus exposition on {@code PROMETHEUS_LISTEN} ({@link MetricsServer}), the SMPP
 *       listeners and the MM4 listener ({@link Mm4Inbound}; outbound MM4 in {@link Mm4Outbound}); each listener, once bound, registers in {@link ListenerStates} for
 *       {@code /health} ({@code listeners.register("mm4", server::isListening)});
 *   <li>then stored messages that were not delivered are resumed, and unfinished batches.
 * </ol>
 *
 * <p>Start it with {@link #start}; tests do so in-process with port 0 and a temporary data
 * directory, then read the bound address from {@link #webAddress()}. {@link #close()} stops
 * accepting, closes the listeners, then the workers, then the database. If the start fails
 * half-way, whatever was opened is closed again before the exception leaves.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** The message log's directory in the data directory (embedded database only). */
    private final ClosingStack opened;

    private final AtomicBoolean serving;
    private final InetSocketAddress webAddress;
    private final InetSocketAddress smppAddress;
    private final InetSocketAddress smppTlsAddress;
    private final InetSocketAddress metricsAddress;
    private final InetSocketAddress mm4Address;
    private final List<Route> httpRoutes;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean leaseLost;

    private Gateway(
            ClosingStack opened,
            AtomicBoolean serving,
            AtomicBoolean leaseLost,
            InetSocketAddress webAddress,
            InetSocketAddress smppAddress,
            InetSocketAddress smppTlsAddress,
            InetSocketAddress metricsAddress,
            InetSocketAddress mm4Address,
            List<Route> httpRoutes) {
        this.opened = opened;
        this.serving = serving;
        this.leaseLost = leaseLost;
        this.webAddress = webAddress;
        this.smppAddress = smppAddress;
        this.smppTlsAddress = smppTlsAddress;
        this.metricsAddress = metricsAddress;
        this.mm4Address = mm4Address;
        this.httpRoutes = httpRoutes;
    }

    /**
     * Starts a gateway and returns once every listener is bound.
     *
     * @param config  the configuration, e.g. from {@link io.gomsggw.server.config.ConfigLoader}
     * @param clock   the time source of every component
     * @param console where a newly generated admin key is shown once (standard output)
     * @throws ConfigException  for a data directory, key file or listen address that cannot be used
     * @throws StartupException when the database cannot be reached or migrated
     */
    public static Gateway start(GatewayConfig config, Clock clock, PrintStream console) {
        return start(config, clock, console, LogFiles.SYSTEM);
    }

    /**
     * As {@link #start(GatewayConfig, Clock, PrintStream)}, writing the embedded message log
     * through {@code logFiles}: tests fail its writes as a full disk does.
     */
    static Gateway start(GatewayConfig config, Clock clock, PrintStream console, LogFiles logFiles) {
        ClosingStack opened = new ClosingStack();
        Instant startedAt = clock.instant();
        try {
            DataDirectory dataDirectory = DataDirectory.prepare(config.dataDirectory());
            Secrets secrets = new SecretsBootstrap(dataDirectory, console).resolve(config);

            if (config.database() instanceof DatabaseConfig.Embedded) {
                opened.push(EmbeddedLock.acquire(dataDirectory));
            }
            Database database = opened.push(Database.open(config.database(), config.durability(), dataDirectory));
            database.migrate();
            JdbiStores stores = new JdbiStores(
                    database.dataSource(),
                    SecretCipher.fromKeyString(secrets.encryptionKey().reveal()),
                    clock,
                    database.mediaPack());
            Cluster cluster = opened.push(Cluster.join(config, database.dataSource(), stores));
            MessageStore messages = StoreWiring.messageStore(config, dataDirectory, stores, logFiles, opened);
            HeldPartStore heldParts = messages instanceof LoggedMessageStore logged
                    ? logged.heldParts(stores.heldParts())
                    : stores.heldParts();
            PendingReceiptStore pendingReceipts = messages instanceof LoggedMessageStore logged
                    ? logged.pendingReceipts(stores.pendingReceipts())
                    : stores.pendingReceipts();
            PhoneNumbers phoneNumbers = new PhoneNumbers(config.identity().defaultRegion());
            PluginJars plugins =
                    opened.push(PluginJars.open(config.pluginsDirectory(), Gateway.class.getClassLoader()));
            CarrierTypes carrierTypes = CarrierTypes.discover(plugins.classLoader());

            Directory directory =
                    new Directory(stores.clients(), stores.numbers(), stores.carriers(), stores.failovers(), clock);
            directory.reload();
            cluster.follow(directory);
            GatewayMetrics metrics = new GatewayMetrics(new MetricRegistry());
            if (messages instanceof LoggedMessageStore logged) {
                metrics.queueDepth("message_log", logged::unappliedCount);
            }
            AutoReplyPolicy autoReply = new AutoReplyPolicy(
                    config.autoReply().enabled(),
                    config.autoReply().defaultMessage().orElse(null));
            JsonCodec json = new JsonCodec();
            HttpClient outbound = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            HostedMedia hostedMedia =
                    new HostedMedia(stores.media(), config.identity().serverAddress(), clock);
            WebhookSender webhooks = new WebhookSender(
                    outbound,
                    json,
                    clock,
                    WebhookSender.Defaults.DEFAULTS
                            .withRetries(
                                    config.delivery().webhookRetries(),
                                    config.delivery().webhookRetryDelay())
                            .withMaxConcurrency(config.delivery().webhookMaxConcurrency()),
                    metrics);
            MediaLinks webhookMedia =
                    ModuleSettings.isPublic(config.identity().serverAddress()) ? hostedMedia : MediaLinks.NONE;
            SessionRegistry smppSessions = new SessionRegistry();
            // before the pipeline, so it is closed after it: closing the pipeline may still produce receipts
            ReceiptSender receipts = opened.push(new ReceiptSender(smppSessions, pendingReceipts));
            PooledMediaTranscoder transcoder = opened.push(new PooledMediaTranscoder(
                    TranscodeSettings.defaults()
                            .withQuality(
                                    config.transcode().imageQuality(),
                                    config.transcode().minImageQuality())
                            .withWorkers(config.transcode().workers()),
                    AvWorkerSettings.defaults()
                            .withWorkers(config.transcode().avWorkers())
                            .withMemoryMb(config.transcode().avMemoryMb())
                            .withTimeout(config.transcode().avTimeout()),
                    metrics,
                    clock));
            transcoder.warmUp(); // the video and audio workers start in the background
            Mm4Outbound mm4Outbound = opened.push(new Mm4Outbound(config, clock));
            // before the pipeline, so it is closed after it: closing the pipeline may still make reports owed
            DeliveryReports mm4Reports = opened.push(new DeliveryReports(
                    mm4Outbound.sender(),
                    mm4Outbound.writer(),
                    mm4Outbound.settings(),
                    directory::client,
                    stores.owedReports(),
                    cluster.shared() ? config.identity().serverId() : null,
                    new DeliveryWindows(config.delivery().deliveryWindow()),
                    clock));
            Messaging messaging = opened.push(new Messaging(
                    new Messaging.Settings(
                            config.identity().serverId(),
                            config.identity().serverAddressSet()
                                    ? config.identity().serverAddress()
                                    : null,
                            autoReply,
                            config.delivery().notifySenderOnFailure(),
                            ModuleSettings.carrierRetries(config.delivery()),
                            config.transcode().mmsMaxSizeBytes(),
                            PipelineSettings.DEFAULTS,
                            config.delivery().deliveryWindow()),
                    stores,
                    messages,
                    directory,
                    phoneNumbers,
                    carrierTypes,
                    // MMS for a PBX with an MM4 address goes by MM4; the rest of legacy traffic by SMPP
                    blocking -> List.of(
                            new WebhookEgress(directory, webhooks, webhookMedia, blocking, clock),
                            mm4Outbound.egress(),
                            new SmppEgress(
                                    smppSessions,
                                    webhookMedia,
                                    blocking,
                                    ModuleSettings.smppRetries(config.delivery()))),
                    hostedMedia,
                    transcoder,
                    metrics,
                    cluster,
                    clock));
            Optional<BindDirectory> clusterBinds = cluster.followBinds(smppSessions::receiverCount);
            clusterBinds.ifPresent(binds -> {
                smppSessions.onBound(binds::bindsChanged);
                smppSessions.onUnbound(binds::bindsChanged);
                Handovers handovers =
                        messaging.spreadOver(binds, cluster.signals(), stores.handovers(), cluster.lookEvery());
                // SMPP receipts follow their client to the node where it is bound, like messages
                receipts.followClients(
                        new ReceiptSender.Elsewhere() {
                            @Override
                            public Optional<String> ownerElsewhere(long clientId) {
                                return handovers.ownerElsewhere(clientId);
                            }

                            @Override
                            public void handOver(PendingReceipt receipt, String node) {
                                handovers.handOverReceipt(receipt, node);
                            }
                        },
                        messaging.workers());
                handovers.deliverReceiptsTo(receipts::sendHandedOver);
                binds.onOwnerChanged((clientId, owner) -> {
                    if (!owner.equals(binds.serverId())) {
                        receipts.handOverWaiting(clientId, owner);
                    }
                });
            });
            messaging.addStatusListener(new StatusWebhooks(directory, webhooks));
            messaging.addStatusListener(receipts);
            AdminService admin = new AdminService(
                    stores.clients(),
                    stores.numbers(),
                    stores.carriers(),
                    stores.failovers(),
                    phoneNumbers,
                    carrierTypes,
                    directory);

            AtomicBoolean serving = new AtomicBoolean();
            ListenerStates listeners = new ListenerStates();
            HealthCheck health =
                    new GatewayHealth(serving::get, StoreWiring.databaseProbe(database, messages, clock), listeners);
            // One throttle for every protocol: a source failing SMPP binds is as suspect on HTTP.
            LoginThrottle loginThrottle = new LoginThrottle(LoginThrottle.DEFAULTS, clock);
            Mm4Inbound mm4 = opened.push(new Mm4Inbound(
                    config,
                    directory,
                    messaging,
                    phoneNumbers,
                    mm4Outbound,
                    mm4Reports,
                    loginThrottle,
                    metrics,
                    clock));
            LiveSessions liveSessions =
                    () -> Stream.concat(smppSessions.list().stream(), mm4.gateway().sessions().list().stream())
                            .toList();
            ApiKeys apiKeys =
                    new ApiKeys(stores.apiKeys(), directory, clock, new SecureRandom(), ApiKeys.Settings.DEFAULTS);
            messaging.scheduleEvery(apiKeys.lastUsedInterval(), apiKeys::flushLastUsed);
            Batches batches = opened.push(new Batches(
                    // on a shared database each job is run by the node that owns it (docs/scale-out.md)
                    cluster.shared() ? stores.batchesOwnedBy(config.identity().serverId()) : stores.batches(),
                    messaging.pipeline(),
                    directory,
                    new BatchWebhooks(webhooks),
                    phoneNumbers,
                    metrics,
                    clock,
                    BatchRunner.Settings.DEFAULTS));

            RouteTable router = new RouteTable();
            LoginAttempts logins = LoginAttempts.throttledBy(loginThrottle);
            AdminAuth adminAuth = new AdminAuth(secrets.apiKey().reveal(), logins);
            AdminApi adminApi = new AdminApi(admin, liveSessions, health, autoReply, adminAuth, json)
                    .showingNodes(cluster.membership()::nodes);
            clusterBinds.ifPresent(binds -> adminApi.showingBinds(binds::binds));
            if (cluster.shared()) {
                adminApi.showingCluster(cluster.membership().serverId(), cluster.membership()::holdsLease);
            }
            adminApi.register(router);
            new ApiKeyRoutes(apiKeys, directory, adminAuth, json, clock).register(router);
            ClientAuth clientAuth = new ClientAuth(directory, apiKeys, new ApiKeyRateLimiter(clock), logins);
            SafeFetcher mediaFetches = opened.push(new SafeFetcher(
                    new AddressPolicy(config.http().mediaFetchAllowedNetworks()),
                    HostResolver.SYSTEM,
                    SafeFetcher.Settings.DEFAULTS));
            new ClientApi(
                            clientAuth,
                            directory,
                            messaging.pipeline(),
                            messages,
                            messaging.limiter(),
                            new MediaFetcher(
                                    mediaFetches,
                                    MediaFetcher.DEFAULT_MAX_ITEM_BYTES,
                                    MediaFetcher.DEFAULT_MAX_TOTAL_BYTES,
                                    MediaFetcher.DEFAULT_TIMEOUT),
                            phoneNumbers,
                            json,
                            clock)
                    .register(router);
            new BatchApi(clientAuth, batches.service(), directory, messaging.limiter(), phoneNumbers, json)
                    .register(router);
            new RedeliveryRoutes(clientAuth, messages, messaging.redelivery(), json).register(router);
            new RedeliveryAdminRoutes(adminAuth, messages, messaging.redelivery(), json).register(router);
            new MediaRoutes(stores.media(), clock).register(router);
            new InboundRoutes(
                            directory,
                            messaging::carrierAdapter,
                            messaging.pipeline(),
                            new CarrierMediaDownloader(
                                    mediaFetches,
                                    CarrierMediaDownloader.limits(Duration.ofSeconds(30)),
                                    CarrierMediaDownloader.DEFAULT_MAX_MESSAGES))
                    .register(router);
            new OpenApiRoute().register(router);
            WorkerPool httpWorkers = opened.push(new WorkerPool("gomsggw-http"));
            HttpServer http =
                    opened.push(new HttpServer(router, httpWorkers.executor(), ModuleSettings.httpSettings(config)));
            InetSocketAddress web =
                    ListenerBinding.bind("WEB_LISTEN", config.listeners().web(), http::start);
            listeners.register("http", http::isListening);
            MetricsServer metricsServer = opened.push(ListenerBinding.bindServer(
                    "PROMETHEUS_LISTEN",
                    config.listeners().prometheus(),
                    address -> MetricsServer.start(address, config.listeners().prometheusPath(), metrics.registry())));
            listeners.register("metrics", metricsServer::isListening);
            // pushed before the listeners, so the held parts still queued are written after the last session closed
            SmppGateway smppGateway = opened.push(new SmppGateway(
                    directory,
                    messaging.pipeline(),
                    messages,
                    heldParts,
                    smppSessions,
                    HostResolver.SYSTEM,
                    messaging.workers(),
                    SmppGatewaySettings.withDelivery(ModuleSettings.smppRetries(config.delivery())),
                    clock));
            messaging.scheduleEvery(Duration.ofSeconds(5), smppGateway::expireIncompleteMessages);
            metrics.queueDepth("smpp_held_parts", smppGateway::heldParts);
            metrics.queueDepth("smpp_receipts_waiting", receipts::waitingCount);
            SmppListeners smpp = opened.push(SmppListeners.start(
                    config.listeners(),
                    config.proxies().haproxyProxyProtocol(),
                    SessionSettings.DEFAULTS.withResponseTimeout(
                            config.delivery().smppTimeout()),
                    new BindGuard(BindGuard.Limits.DEFAULTS, loginThrottle),
                    smppGateway));
            listeners.register("smpp", smpp::isListening);
            if (smpp.tlsListening().isPresent()) {
                listeners.register("smpp_tls", () -> smpp.tlsListening().orElse(false));
            }
            mm4.listen(config);
            listeners.register("mm4", mm4::isListening);
            AtomicBoolean leaseLost = new AtomicBoolean();
            AtomicReference<Gateway> started = new AtomicReference<>();
            if (cluster.shared()) {
                cluster.membership().onLeaseLost(() -> {
                    leaseLost.set(true);
                    serving.set(false);
                    Gateway gateway = started.get();
                    if (gateway != null) {
                        stopForLostLease(gateway);
                    }
                });
            }
            messaging.start(startedAt);
            batches.start();
            mm4Reports.resume();
            // closed before the pipeline and the batches (pushed after them)
            opened.push(cluster.takeOverDeadNodes(taken -> {
                messaging.resumeTaken(taken.messageIds());
                batches.adopt(taken.batchIds());
                if (!taken.reportIds().isEmpty()) {
                    mm4Reports.resume();
                }
            }));

            LOG.atInfo()
                    .addKeyValue("web", hostPort(web))
                    .addKeyValue("smpp", hostPort(smpp.address()))
                    .addKeyValue(
                            "smpp_tls", smpp.tlsAddress().map(Gateway::hostPort).orElse("off"))
                    .addKeyValue("mm4", hostPort(mm4.address()))
                    .addKeyValue("metrics", hostPort(metricsServer.address()))
                    .addKeyValue("database", database.description())
                    .addKeyValue("carrier_types", carrierTypes.known())
                    .log("started");
            serving.set(true);
            Gateway gateway = new Gateway(
                    opened,
                    serving,
                    leaseLost,
                    web,
                    smpp.address(),
                    smpp.tlsAddress().orElse(null),
                    metricsServer.address(),
                    mm4.address(),
                    router.routes());
            started.set(gateway);
            if (leaseLost.get()) {
                stopForLostLease(gateway);
            }
            return gateway;
        } catch (RuntimeException e) {
            opened.closeAll();
            throw e;
        }
    }

    private static String hostPort(InetSocketAddress address) {
        return new ListenAddress(address.getAddress().getHostAddress(), address.getPort()).toString();
    }

    /** The address the REST API listens on (with the real port when {@code WEB_LISTEN} asked for 0). */
    public InetSocketAddress webAddress() {
        return webAddress;
    }

    /** The address of the SMPP listener ({@code SMPP_LISTEN}), with the real port. */
    public InetSocketAddress smppAddress() {
        return smppAddress;
    }

    /** The address of the SMPP-over-TLS listener, when {@code SMPP_TLS_LISTEN} is set. */
    public Optional<InetSocketAddress> smppTlsAddress() {
        return Optional.ofNullable(smppTlsAddress);
    }

    /** The address of the MM4 (SMTP) listener ({@code MM4_LISTEN}), with the real port. */
    public InetSocketAddress mm4Address() {
        return mm4Address;
    }

    /** The address of the Prometheus exposition ({@code PROMETHEUS_LISTEN}). */
    public InetSocketAddress metricsAddress() {
        return metricsAddress;
    }

    /** The routes of the REST API, as registered (what {@code docs/openapi.json} must describe). */
    public List<Route> httpRoutes() {
        return httpRoutes;
    }

    /**
     * Whether this node stopped itself because another node took its work over (its lease had
     * ended; see {@code Membership}): the process should exit with a failure so that its supervisor
     * restarts it clean.
     */
    public boolean stoppedForLostLease() {
        return leaseLost.get();
    }

    private static void stopForLostLease(Gateway gateway) {
        Thread stopping = new Thread(gateway::close, "gomsggw-lease-lost");
        stopping.setDaemon(false);
        stopping.start();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops accepting, closes the listeners, the workers and the database; a second call does nothing. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        LOG.info("stopping");
        serving.set(false);
        opened.closeAll();
        LOG.info("stopped");
        closed.countDown();
    }
}
