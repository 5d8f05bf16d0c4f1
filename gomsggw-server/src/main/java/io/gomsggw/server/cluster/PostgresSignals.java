package io.gomsggw.server.cluster;

import io.gomsggw.core.cluster.ClusterSignals;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterSignals} over PostgreSQL's {@code LISTEN/NOTIFY}: a channel {@code x} is the
 * PostgreSQL channel {@code gomsggw_x}. One thread holds a connection of its own on which it
 * listens; a lost connection is opened again after a second, and then every subscriber is called
 * once, since signals may have been missed meanwhile. Sending takes a pooled connection for one
 * {@code pg_notify}, delivered when that statement commits.
 */
public final class PostgresSignals implements ClusterSignals {
    private static final Logger log = LoggerFactory.getLogger(PostgresSignals.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,40}");
    private static final String PREFIX = "gomsggw_";

    private final DataSource dataSource;
    private final Map<String, List<Runnable>> subscribers = new ConcurrentHashMap<>();
    private final Thread listener;
    private volatile boolean subscriptionsChanged;
    private volatile boolean closed;

    public PostgresSignals(DataSource dataSource) {
        this.dataSource = dataSource;
        this.listener = new Thread(this::listen, "gomsggw-signals");
        this.listener.setDaemon(true);
        this.listener.start();
    }

    @Override
    public void send(String channel) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, '')")) {
            notify.setString(1, PREFIX + checked(channel));
            notify.execute();
        } catch (SQLException e) {
            log.atWarn()
                    .addKeyValue("channel", channel)
                    .addKeyValue("error", e.getMessage())
                    .log("signal not sent; the other nodes see the change at their next look");
        }
    }

    @Override
    public void subscribe(String channel, Runnable onSignal) {
        subscribers
                .computeIfAbsent(checked(channel), c -> new CopyOnWriteArrayList<>())
                .add(onSignal);
        subscriptionsChanged = true;
    }

    private static String checked(String channel) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a channel name: " + channel);
        }
        return channel;
    }

    private void listen() {
        boolean reconnected = false;
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                PGConnection pg = connection.unwrap(PGConnection.class);
                listenToAll(connection);
                if (reconnected) {
                    subscribers.values().forEach(list -> list.forEach(PostgresSignals::call));
                }
                reconnected = true;
                while (!closed) {
                    if (subscriptionsChanged) {
                        listenToAll(connection);
                    }
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) continue;
                    for (PGNotification notification : notifications) {
                        String name = notification.getName();
                        if (name.startsWith(PREFIX)) {
                            subscribers
                                    .getOrDefault(name.substring(PREFIX.length()), List.of())
                                    .forEach(PostgresSignals::call);
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) return;
                log.atWarn()
                        .addKeyValue("error", e.toString())
                        .log("listening for other nodes' signals failed; " + "again in 1 s");
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void listenToAll(Connection connection) throws SQLException {
        subscriptionsChanged = false;
        try (Statement statement = connection.createStatement()) {
            for (String channel : subscribers.keySet()) {
                statement.execute("LISTEN " + PREFIX + channel); // a checked identifier: no quoting needed
            }
        }
    }

    private static void call(Runnable subscriber) {
        try {
            subscriber.run();
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("error", e.toString()).log("signal subscriber failed");
        }
    }

    @Override
    public void close() {
        closed = true;
        listener.interrupt();
        try {
            listener.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
