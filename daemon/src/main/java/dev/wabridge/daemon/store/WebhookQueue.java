package dev.wabridge.daemon.store;

import java.time.Instant;
import java.util.List;

/** The durable queue of webhook deliveries (table webhook_queue). */
public interface WebhookQueue {
    /** One delivery waiting or retrying. */
    record Delivery(long id, String event, String body, int attempts) {
    }

    /** Adds a delivery inside the caller's transaction (the one that stored what it reports). */
    void enqueue(Tx tx, String event, String body, Instant now);

    /** Deliveries due at {@code now}, oldest first. */
    List<Delivery> due(Instant now, int limit);

    void delivered(long id, Instant at);

    /** A failed attempt: try again at {@code next}. */
    void retry(long id, String error, Instant next);

    /** Given up: it stays in the table with the reason. */
    void failed(long id, String error, Instant at);
}
