package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.Contact;
import dev.wabridge.daemon.store.ContactRepository;
import dev.wabridge.daemon.store.Tx;

import java.time.Instant;
import java.util.Optional;

/** {@link ContactRepository} on SQLite. */
final class SqliteContactRepository implements ContactRepository {
    private final SqliteDatabase db;

    SqliteContactRepository(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public void recordSeen(Tx tx, long sessionId, String phone, String pushName, Instant at) {
        Sql.update(SqliteTx.connection(tx), "INSERT INTO contacts(session_id, phone, push_name, updated_at) VALUES (?,?,?,?) "
                + "ON CONFLICT(session_id, phone) DO UPDATE SET push_name = coalesce(excluded.push_name, push_name), "
                + "updated_at = excluded.updated_at", sessionId, phone, pushName, at);
    }

    @Override
    public Optional<Contact> find(long sessionId, String phone) {
        return db.call(c -> Sql.one(c, "SELECT session_id, phone, push_name, updated_at FROM contacts WHERE session_id = ? AND phone = ?",
                rs -> new Contact(rs.getLong("session_id"), rs.getString("phone"), rs.getString("push_name"), rs.getString("updated_at")),
                sessionId, phone));
    }
}
