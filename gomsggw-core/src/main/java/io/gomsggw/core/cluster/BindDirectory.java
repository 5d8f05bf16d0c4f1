package io.gomsggw.core.cluster;

import io.gomsggw.core.store.BindStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each SMPP client is bound across the nodes sharing the database (docs/scale-out.md). This
 * node records its own receiving binds in the {@link BindStore} (a row per client while it holds
 * at least one, written when the count changes) and signals the others on {@link #CHANNEL}; every
 * node keeps the live rows in memory, read again on each signal and every {@code poll}, so a lost
 * signal delays a change by at most {@code poll}.
 *
 * <p>The <b>owner</b> of a client is the node of its oldest live bind (ties by node id): every node
 * that reads the same rows names the same owner, so the messages for the client from all nodes
 * meet on one node, in one order. When a client's owner changes (it binds somewhere, its node dies
 * or its last bind there closes), the {@link #onOwnerChanged} listeners are told, on this class's
 * thread, so that the messages waiting for the client can follow it.
 *
 * <p>Rows of nodes whose lease has ended are ignored at once and deleted by the first node that
 * looks (every tenth look); a node starting deletes the rows of its previous incarnation and a node
 * stopping cleanly its own.
 *
 * <p>Threading: thread-safe; writes and reads of the store run on a daemon thread of its own.
 */
public final class BindDirectory implements AutoCloseable {
    /** The signal sent when a node's binds change. */
    public static final String CHANNEL = "binds";

    private static final Logger log = LoggerFactory.getLogger(BindDirectory.class);
    private static final int LOOKS_PER_CLEANUP = 10;

    private final String serverId;
    private final BindStore store;
    private final ClusterSignals signals;
    private final LongUnaryOperator bindsHere;
    private final ScheduledExecutorService thread;
    private final List<BiConsumer<Long, String>> ownerListeners = new CopyOnWriteArrayList<>();
    /** Guarded by the thread: the counts last written, by client. */
    private final Map<Long, Integer> written = new HashMap<>();

    private volatile Map<Long, List<BindStore.Bind>> view = Map.of();
    private int looks;
    private volatile boolean closed;

    private BindDirectory(String serverId, BindStore store, ClusterSignals signals, LongUnaryOperator bindsHere) {
        this.serverId = serverId;
        this.store = store;
        this.signals = signals;
        this.bindsHere = bindsHere;
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "gomsggw-bind-directory");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Forgets this node's rows of a previous run, reads the live binds, and starts following.
     *
     * @param bindsHere the receiving binds this node holds of a client, by client id
     */
    public static BindDirectory start(
            String serverId, BindStore store, ClusterSignals signals, LongUnaryOperator bindsHere, Duration poll) {
        BindDirectory directory = new BindDirectory(serverId, store, signals, bindsHere);
        store.forget(serverId);
        directory.view = byClient(store.live());
        signals.subscribe(CHANNEL, () -> directory.later(directory::refresh));
        directory.thread.scheduleWithFixedDelay(
                () -> directory.runSafely(directory::look), poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        return directory;
    }

    /** Tells {@code listener} (client id, new owner) each time a client's owner becomes another live node or this one. */
    public void onOwnerChanged(BiConsumer<Long, String> listener) {
        ownerListeners.add(listener);
    }

    /** This node's receiving binds of the client changed (a bind opened or closed); must not block. */
    public void bindsChanged(long clientId) {
        later(() -> {
            if (write(clientId)) {
                signals.send(CHANNEL);
                refresh();
            }
        });
    }

    /** The node messages for the client go to: that of its oldest live bind; empty when it is bound nowhere. */
    public Optional<String> owner(long clientId) {
        List<BindStore.Bind> binds = view.get(clientId);
        if (binds == null || binds.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(binds.get(0).serverId());
    }

    /** Every live bind, by client, oldest first: for {@code /stats}. */
    public Map<Long, List<BindStore.Bind>> binds() {
        return view;
    }

    public String serverId() {
        return serverId;
    }

    /** Writes this node's count of the client's binds if it changed; whether it did. */
    private boolean write(long clientId) {
        int now = (int) bindsHere.applyAsLong(clientId);
        Integer before = written.get(clientId);
        if (before != null && before == now || before == null && now == 0) {
            return false;
        }
        store.record(clientId, serverId, now);
        if (now == 0) {
            written.remove(clientId);
        } else {
            written.put(clientId, now);
        }
        return true;
    }

    private void look() {
        // counts written again: a write lost with the database is repaired within a look
        for (Long clientId : List.copyOf(written.keySet())) {
            write(clientId);
        }
        if (++looks % LOOKS_PER_CLEANUP == 0) {
            int forgotten = store.forgetDead();
            if (forgotten > 0) {
                log.atInfo().addKeyValue("rows", forgotten).log("binds of dead nodes forgotten");
            }
        }
        refresh();
    }

    private void refresh() {
        Map<Long, List<BindStore.Bind>> before = view;
        Map<Long, List<BindStore.Bind>> after = byClient(store.live());
        view = after;
        for (Map.Entry<Long, List<BindStore.Bind>> entry : after.entrySet()) {
            String owner = entry.getValue().get(0).serverId();
            List<BindStore.Bind> old = before.get(entry.getKey());
            String oldOwner = old == null || old.isEmpty() ? null : old.get(0).serverId();
            if (!Objects.equals(owner, oldOwner)) {
                log.atInfo()
                        .addKeyValue("client_id", entry.getKey())
                        .addKeyValue("owner", owner)
                        .log("smpp client bound on a new node");
                for (BiConsumer<Long, String> listener : ownerListeners) {
                    listener.accept(entry.getKey(), owner);
                }
            }
        }
    }

    private static Map<Long, List<BindStore.Bind>> byClient(List<BindStore.Bind> live) {
        Map<Long, List<BindStore.Bind>> byClient = new LinkedHashMap<>();
        for (BindStore.Bind bind : live) {
            byClient.computeIfAbsent(bind.clientId(), id -> new ArrayList<>()).add(bind);
        }
        byClient.replaceAll((id, binds) -> List.copyOf(binds));
        return Map.copyOf(byClient);
    }

    /** Runs {@code task} on this class's thread, unless closed. */
    private void later(Runnable task) {
        try {
            thread.execute(() -> runSafely(task));
        } catch (RejectedExecutionException closing) {
            // closed meanwhile: nothing more to follow
        }
    }

    private void runSafely(Runnable task) {
        if (closed) return;
        try {
            task.run();
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("error", e.toString()).log("bind directory look failed; again at the next");
        }
    }

    /** Stops following and deletes this node's rows, so the others see its binds gone at once. */
    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
            store.forget(serverId);
            signals.send(CHANNEL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.atWarn()
                    .addKeyValue("error", e.toString())
                    .log("binds of this node not forgotten; ignored once its lease ends");
        }
    }
}
