package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.apikey.ApiKeyStore;
import io.gomsggw.core.batch.BatchStore;
import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.store.BindStore;
import io.gomsggw.core.store.CarrierStore;
import io.gomsggw.core.store.ClientStore;
import io.gomsggw.core.store.FailoverStore;
import io.gomsggw.core.store.HandoverStore;
import io.gomsggw.core.store.HeldPartStore;
import io.gomsggw.core.store.MediaStore;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.NodeStore;
import io.gomsggw.core.store.NumberStore;
import io.gomsggw.core.store.OptOutStore;
import io.gomsggw.core.store.OwedReportStore;
import io.gomsggw.core.store.PendingReceiptStore;
import io.gomsggw.core.store.SharedVersions;
import io.gomsggw.core.store.StoreException;
import io.gomsggw.core.store.UsageStore;
import io.gomsggw.core.store.log.LogTarget;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * Every store of the gateway on one relational database through Jdbi and plain SQL: PostgreSQL,
 * or H2 in PostgreSQL mode ({@code MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH}).
 *
 * <p>The database must already carry the schema: run {@link Migrations#migrate(DataSource)}
 * first. The constructor opens one connection to learn which engine it talks to.
 *
 * <p>Client passwords and carrier passwords are encrypted with the {@link SecretCipher} before
 * they are written and decrypted when read. Timestamps are stored as
 * {@code TIMESTAMP WITH TIME ZONE} with microsecond precision: finer instants are truncated.
 * {@code clock} stamps creation times ({@code created_at} of clients, numbers, carriers,
 * failovers and media). Store exceptions carry the failing action and the first line of the
 * database's message; Jdbi is configured not to render statements and their bound parameters
 * (message text, encrypted secrets) into exception messages.
 *
 * <p>Thread-safe; each call takes a connection from the data source for its duration, so give it
 * a pooled data source in production.
 */
public final class JdbiStores {
    private final Jdbi jdbi;
    private final ClientStore clients;
    private final NumberStore numbers;
    private final CarrierStore carriers;
    private final FailoverStore failovers;
    private final JdbiMessageStore messages;
    private final UsageStore usage;
    private final MediaStore media;
    private volatile MessageStore mediaMessages;
    private final OptOutStore optOuts;
    private final JdbiSessionState sessionState;
    private final ApiKeyStore apiKeys;
    private final BatchStore batches;
    private final StoreSql sql;
    private final NodeStore nodes;
    private final SharedVersions versions;
    private final BindStore binds;
    private final OwedReportStore owedReports;
    private final HandoverStore handovers;

    public JdbiStores(DataSource dataSource, SecretCipher cipher, Clock clock) {
        this(dataSource, cipher, clock, null);
    }

    /**
     * As {@link #JdbiStores(DataSource, SecretCipher, Clock)}, with the bytes of message media
     * appended to {@code mediaPack} instead of written into {@code message_media} (the embedded
     * database: see {@link MediaPack}); null keeps them in the table. Media already in the table
     * is read from there either way. The caller closes the pack after the stores' last use.
     */
    public JdbiStores(DataSource dataSource, SecretCipher cipher, Clock clock, MediaPack mediaPack) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(cipher, "cipher");
        Objects.requireNonNull(clock, "clock");
        this.jdbi = Jdbi.create(dataSource);
        jdbi.registerArgument(new InstantArgumentFactory());
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        StoreSql sql = new StoreSql(jdbi);
        this.clients = new JdbiClientStore(sql, cipher, clock);
        this.numbers = new JdbiNumberStore(sql, clock);
        this.carriers = new JdbiCarrierStore(sql, cipher, clock);
        this.failovers = new JdbiFailoverStore(sql, clock);
        boolean postgres = isPostgres(sql);
        if (postgres && mediaPack != null) {
            throw new IllegalArgumentException(
                    "a media pack is for the embedded database: on PostgreSQL every node reads media from the table");
        }
        this.messages = new JdbiMessageStore(sql, postgres, mediaPack);
        this.sessionState = new JdbiSessionState(sql);
        this.usage = new JdbiUsageStore(sql, postgres);
        this.mediaMessages = messages;
        this.media = new JdbiMediaStore(sql, clock, () -> mediaMessages);
        this.optOuts = new JdbiOptOutStore(sql);
        this.apiKeys = new JdbiApiKeyStore(sql);
        this.batches = new JdbiBatchStore(sql, null);
        this.sql = sql;
        this.nodes = new JdbiNodeStore(sql);
        this.versions = new JdbiSharedVersions(sql);
        this.binds = new JdbiBindStore(sql);
        this.owedReports = new JdbiOwedReportStore(sql);
        this.handovers = new JdbiHandoverStore(sql);
    }

    public ClientStore clients() {
        return clients;
    }

    public NumberStore numbers() {
        return numbers;
    }

    public CarrierStore carriers() {
        return carriers;
    }

    public FailoverStore failovers() {
        return failovers;
    }

    public MessageStore messages() {
        return messages;
    }

    /** The message store, as the target of a {@link io.gomsggw.core.store.log.LoggedMessageStore}. */
    public LogTarget messageLogTarget() {
        return messages;
    }

    /** The held parts of long SMS, written to their table directly (wrap it in the message log on H2). */
    public HeldPartStore heldParts() {
        return sessionState.heldParts();
    }

    /** The delivery receipts waiting for a bind, written to their table directly (wrap it in the message log on H2). */
    public PendingReceiptStore pendingReceipts() {
        return sessionState.pendingReceipts();
    }

    public UsageStore usage() {
        return usage;
    }

    public MediaStore media() {
        return media;
    }

    /**
     * Where {@link #media()} reads the bytes of media published by reference to a message
     * ({@link MediaStore#putReference}): the message store in use, which on the embedded database is the
     * message log's (it knows the messages not yet in the tables). By default the tables' own.
     */
    public void readReferencedMediaFrom(MessageStore messageStore) {
        this.mediaMessages = Objects.requireNonNull(messageStore, "messageStore");
    }

    public OptOutStore optOuts() {
        return optOuts;
    }

    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    /** The batch jobs of every node: for a database that serves one node. */
    public BatchStore batches() {
        return batches;
    }

    /**
     * The batch jobs as node {@code serverId} sees them on a database several nodes share: the
     * jobs it creates are its own, and it resumes only its own (see {@link BatchStore#unfinished}).
     */
    public BatchStore batchesOwnedBy(String serverId) {
        return new JdbiBatchStore(sql, Objects.requireNonNull(serverId, "serverId"));
    }

    /** The nodes sharing the database ({@code cluster_nodes}). */
    public NodeStore nodes() {
        return nodes;
    }

    /** Versions of the state every node keeps in memory ({@code cluster_versions}). */
    public SharedVersions versions() {
        return versions;
    }

    /** Delivery reports owed to clients ({@code owed_reports}), written directly (not through the message log). */
    public OwedReportStore owedReports() {
        return owedReports;
    }

    /** Which node holds binds of which SMPP client ({@code client_binds}). */
    public BindStore binds() {
        return binds;
    }

    /** Messages handed between nodes (PostgreSQL only; the embedded database serves one node). */
    public HandoverStore handovers() {
        return handovers;
    }

    /**
     * The Jdbi instance the stores use, for components that keep tables of their own in the same
     * database. It binds {@link Instant} as described above and renders no bound values into
     * exception messages.
     */
    public Jdbi jdbi() {
        return jdbi;
    }

    private static boolean isPostgres(StoreSql sql) {
        return sql.withHandle("detect database engine", h -> {
            try {
                return "PostgreSQL".equals(h.getConnection().getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new StoreException("detect database engine failed: " + e.getMessage(), e);
            }
        });
    }
}
