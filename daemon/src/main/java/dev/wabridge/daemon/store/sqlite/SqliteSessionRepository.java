package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.SendLimits;
import dev.wabridge.daemon.store.SessionRepository;
import dev.wabridge.daemon.store.SessionRow;
import dev.wabridge.daemon.store.SessionStatus;
import dev.wabridge.daemon.store.Tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SessionRepository} on SQLite. */
final class SqliteSessionRepository implements SessionRepository {
    private static final String SELECT = "SELECT id, label, status, status_reason, auto_connect, phone, push_name, qr, "
            + "qr_expires_at, profile_name, profile_about, profile_description, profile_has_picture, created_at, last_seen_at "
            + "FROM sessions";
    private static final String LIMITS = "SELECT id, send_paused_until, send_pause_strikes, send_restriction, send_restricted_at "
            + "FROM sessions";
    private final SqliteDatabase db;

    SqliteSessionRepository(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public SessionRow create(String label, Instant now) {
        return db.call(c -> {
            long id = Sql.insert(c, "INSERT INTO sessions(label, status, created_at) VALUES (?, 'qr_pending', ?)", label, now);
            return Sql.one(c, SELECT + " WHERE id = ?", SqliteSessionRepository::read, id).orElseThrow();
        });
    }

    @Override
    public Optional<SessionRow> find(long id) {
        return db.call(c -> Sql.one(c, SELECT + " WHERE id = ?", SqliteSessionRepository::read, id));
    }

    @Override
    public Optional<SessionStatus> status(Tx tx, long id) {
        return Sql.one(SqliteTx.connection(tx), "SELECT status FROM sessions WHERE id = ?",
                rs -> SessionStatus.fromWire(rs.getString("status")), id);
    }

    @Override
    public List<SessionRow> all() {
        return db.call(c -> Sql.list(c, SELECT + " ORDER BY id", SqliteSessionRepository::read));
    }

    @Override
    public boolean delete(long id) {
        return update("DELETE FROM sessions WHERE id = ?", id) > 0;
    }

    @Override
    public void rename(long id, String label) {
        set(id, "label = ?", label);
    }

    @Override
    public void markQrPending(long id, String qr, Instant expiresAt) {
        set(id, "status = 'qr_pending', qr = ?, qr_expires_at = ?, status_reason = NULL", qr, expiresAt);
    }

    @Override
    public void markConnected(long id, String phone, String pushName, Instant now) {
        set(id, "status = 'connected', status_reason = NULL, phone = ?, push_name = coalesce(?, push_name), qr = NULL, "
                + "qr_expires_at = NULL, last_seen_at = ?", phone, pushName, now);
    }

    @Override
    public void markDisconnected(long id, String reason, Instant now) {
        set(id, "status = CASE WHEN status = 'logged_out' THEN status ELSE 'disconnected' END, status_reason = ?, last_seen_at = ?",
                reason, now);
    }

    @Override
    public void markStopped(long id, String reason) {
        set(id, "status = 'disconnected', status_reason = ?, qr = NULL, qr_expires_at = NULL", reason);
    }

    @Override
    public void markUnreachable(long id, String reason) {
        set(id, "status = 'disconnected', status_reason = ?", reason);
    }

    @Override
    public void markLoggedOut(long id, String reason) {
        set(id, "status = 'logged_out', status_reason = ?, qr = NULL, qr_expires_at = NULL, auto_connect = 0", reason);
    }

    @Override
    public void restartPairing(long id) {
        set(id, "status = 'qr_pending'");
    }

    @Override
    public void enableAutoConnect(long id) {
        set(id, "auto_connect = 1, status_reason = NULL");
    }

    @Override
    public void disableAutoConnect(long id) {
        set(id, "auto_connect = 0");
    }

    @Override
    public void touch(long id, Instant now) {
        set(id, "last_seen_at = ?", now);
    }

    @Override
    public void cacheProfile(long id, String name, String about, String description, boolean hasPicture) {
        set(id, "profile_name = ?, profile_about = ?, profile_description = ?, profile_has_picture = ?",
                name, about, description, hasPicture);
    }

    @Override
    public SendLimits sendLimits(long id) {
        return db.call(c -> Sql.one(c, LIMITS + " WHERE id = ?", SqliteSessionRepository::readLimits, id)).orElse(SendLimits.NONE);
    }

    @Override
    public Map<Long, SendLimits> allSendLimits() {
        return db.call(c -> {
            Map<Long, SendLimits> out = new LinkedHashMap<>();
            Sql.list(c, LIMITS + " WHERE send_paused_until IS NOT NULL OR send_pause_strikes > 0 OR send_restriction IS NOT NULL",
                    rs -> out.put(rs.getLong("id"), readLimits(rs)));
            return out;
        });
    }

    @Override
    public void saveSendLimits(long id, SendLimits limits) {
        set(id, "send_paused_until = ?, send_pause_strikes = ?, send_restriction = ?, send_restricted_at = ?",
                limits.pausedUntil(), limits.strikes(), limits.restriction(), limits.restrictedAt());
    }

    /** One UPDATE of one session; {@code assignments} is a constant of this class, never caller input. */
    private void set(long id, String assignments, Object... args) {
        Object[] all = new Object[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = id;
        update("UPDATE sessions SET " + assignments + " WHERE id = ?", all);
    }

    private int update(String sql, Object... args) {
        return db.call(c -> Sql.update(c, sql, args));
    }

    private static SessionRow read(ResultSet rs) throws SQLException {
        return new SessionRow(rs.getLong("id"), rs.getString("label"), SessionStatus.fromWire(rs.getString("status")),
                rs.getString("status_reason"), Sql.flag(rs, "auto_connect"), rs.getString("phone"), rs.getString("push_name"),
                rs.getString("qr"), rs.getString("qr_expires_at"), rs.getString("profile_name"), rs.getString("profile_about"),
                rs.getString("profile_description"), Sql.flag(rs, "profile_has_picture"), rs.getString("created_at"),
                rs.getString("last_seen_at"));
    }

    private static SendLimits readLimits(ResultSet rs) throws SQLException {
        String until = rs.getString("send_paused_until");
        String restrictedAt = rs.getString("send_restricted_at");
        return new SendLimits(until == null ? null : Instant.parse(until), rs.getInt("send_pause_strikes"),
                rs.getString("send_restriction"), restrictedAt == null ? null : Instant.parse(restrictedAt));
    }
}
