package io.gomsggw.core.cluster;

/**
 * Wake-up calls between the nodes of a cluster, e.g. PostgreSQL's {@code LISTEN/NOTIFY}: a
 * signal carries no data and may be lost (a connection drops), so every receiver also looks for
 * itself from time to time; a signal only makes it look at once.
 *
 * <p>Threading: thread-safe. {@link #send} does not wait for receivers; subscribers are called on
 * the implementation's own thread and must return quickly (hand real work to another thread).
 */
public interface ClusterSignals extends AutoCloseable {
    /** Signals every node subscribed to {@code channel} (this one included). Never throws. */
    void send(String channel);

    /**
     * Calls {@code onSignal} for each signal on {@code channel}, and once more whenever signals
     * may have been missed (after a lost connection came back).
     */
    void subscribe(String channel, Runnable onSignal);

    @Override
    void close();

    /** No other node to tell: one node on its own database. */
    ClusterSignals NONE = new ClusterSignals() {
        @Override
        public void send(String channel) {}

        @Override
        public void subscribe(String channel, Runnable onSignal) {}

        @Override
        public void close() {}
    };
}
