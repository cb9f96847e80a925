package io.customersegments.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells every instance on the database what one of them changed, through PostgreSQL's LISTEN/NOTIFY: a
 * notification sent inside a transaction reaches the listeners when (and only if) it commits, within
 * milliseconds. Topics are named per schema, so services on other schemas of the same database do not hear
 * them. One connection of the pool is held for listening. Each time listening starts (at start, and after the
 * connection was lost with the database), every subscriber is reset: notifications sent meanwhile were not heard.
 */
@Component
public class ClusterNotifications implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ClusterNotifications.class);

    private static final long POLL_MILLIS = 250;

    private static final long RECONNECT_MILLIS = 1000;

    /** What a subscriber does with a topic's messages, and when messages may have been missed. */
    public interface Subscriber {

        void message(String payload);

        /** Notifications may have been lost: whatever they would have invalidated must be invalidated. */
        void reset();

        static Subscriber of(Consumer<String> onMessage, Runnable onReset) {
            return new Subscriber() {

                @Override
                public void message(String payload) {
                    onMessage.accept(payload);
                }

                @Override
                public void reset() {
                    onReset.run();
                }

            };
        }

    }

    private final DataSource dataSource;

    private final JdbcTemplate jdbc;

    private final String schema;

    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();

    private volatile boolean running = true;

    private volatile Thread listener;

    private volatile Connection connection;

    ClusterNotifications(DataSource dataSource, JdbcTemplate jdbc,
            @Value("${segmentation.database.schema:customer_segments}") String schema) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /** Subscribes to a topic; call before the application is ready (e.g. from a constructor). */
    public void subscribe(String topic, Subscriber subscriber) {
        subscribers.computeIfAbsent(channel(topic), c -> new CopyOnWriteArrayList<>()).add(subscriber);
    }

    /**
     * Sends a message to every instance's subscribers of the topic (this instance's included). Inside a
     * transaction it is delivered when the transaction commits, and not at all if it rolls back.
     */
    public void publish(String topic, String payload) {
        jdbc.queryForObject("SELECT pg_notify(?, ?)", Object.class, channel(topic), payload);
    }

    private String channel(String topic) {
        return schema + "." + topic;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Thread thread = new Thread(this::listen, "cluster-notifications");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    private void listen() {
        boolean connected = false;
        while (running) {
            try (Connection conn = dataSource.getConnection()) {
                connection = conn;
                conn.setAutoCommit(true);
                try (Statement statement = conn.createStatement()) {
                    for (String channel : subscribers.keySet()) {
                        statement.execute("LISTEN \"" + channel.replace("\"", "\"\"") + "\"");
                    }
                }
                // Listening (again): whatever changed before this moment was not heard.
                resetAll();
                connected = true;
                PGConnection pg = conn.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) POLL_MILLIS);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        deliver(notification.getName(), notification.getParameter());
                    }
                }
            }
            catch (SQLException | RuntimeException ex) {
                if (!running) {
                    return;
                }
                if (connected) {
                    // Subscribers keep what they cached (the database cannot be read meanwhile anyway) and are reset
                    // once listening is back, when what was missed can be read again.
                    log.warn("Lost the database notifications ({}); listening again once the database is back",
                            ex.getMessage());
                    connected = false;
                }
                sleep();
            }
            finally {
                connection = null;
            }
        }
    }

    private void deliver(String channel, String payload) {
        for (Subscriber subscriber : subscribers.getOrDefault(channel, List.of())) {
            try {
                subscriber.message(payload);
            }
            catch (RuntimeException ex) {
                log.error("A subscriber of {} failed on {}", channel, payload, ex);
            }
        }
    }

    private void resetAll() {
        subscribers.values().forEach(list -> list.forEach(subscriber -> {
            try {
                subscriber.reset();
            }
            catch (RuntimeException ex) {
                log.error("A subscriber failed to reset", ex);
            }
        }));
    }

    private void sleep() {
        try {
            Thread.sleep(RECONNECT_MILLIS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
            thread.join(2000);
        }
    }

}
