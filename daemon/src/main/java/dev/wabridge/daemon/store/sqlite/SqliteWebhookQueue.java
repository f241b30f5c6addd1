package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.Database;
import dev.wabridge.daemon.store.Tx;
import dev.wabridge.daemon.store.WebhookQueue;

import java.time.Instant;
import java.util.List;

/** {@link WebhookQueue} on SQLite. */
final class SqliteWebhookQueue implements WebhookQueue {
    private final Database db;

    SqliteWebhookQueue(Database db) {
        this.db = db;
    }

    @Override
    public void enqueue(Tx tx, String event, String body, Instant now) {
        Sql.insert(SqliteTx.connection(tx), "INSERT INTO webhook_queue(event, body, next_attempt_at, created_at) VALUES (?, ?, ?, ?)",
                event, body, now, now);
    }

    @Override
    public List<Delivery> due(Instant now, int limit) {
        return db.call(c -> Sql.list(c, "SELECT id, event, body, attempts FROM webhook_queue WHERE delivered_at IS NULL "
                + "AND failed_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?",
                rs -> new Delivery(rs.getLong("id"), rs.getString("event"), rs.getString("body"), rs.getInt("attempts")), now, limit));
    }

    @Override
    public void delivered(long id, Instant at) {
        db.call(c -> Sql.update(c, "UPDATE webhook_queue SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?", at, id));
    }

    @Override
    public void retry(long id, String error, Instant next) {
        db.call(c -> Sql.update(c, "UPDATE webhook_queue SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                error, next, id));
    }

    @Override
    public void failed(long id, String error, Instant at) {
        db.call(c -> Sql.update(c, "UPDATE webhook_queue SET attempts = attempts + 1, last_error = ?, failed_at = ? WHERE id = ?",
                error, at, id));
    }
}
