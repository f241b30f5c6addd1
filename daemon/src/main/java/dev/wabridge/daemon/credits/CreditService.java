package dev.wabridge.daemon.credits;

import dev.wabridge.daemon.store.Times;
import dev.wabridge.daemon.service.UserError;
import dev.wabridge.daemon.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The credit ledger. Every change is a row: grant (+), reserve (- when a send is accepted),
 * release (+ when it finally fails), charge (0, the reservation became a spend on the ack).
 * The available amount is the sum; what queued messages hold is their outbox reservation.
 */
public final class CreditService {
    private final Database db;
    private final CreditCosts costs;

    public record CreditCosts(int message, int campaignMessage, long startingBalance) {
    }

    public record Summary(long balance, long reserved, long available, long spentToday) {
    }

    public CreditService(Database db, CreditCosts costs) {
        this.db = db;
        this.costs = costs;
    }

    public CreditCosts costs() {
        return costs;
    }

    public int costOf(boolean campaign) {
        return campaign ? costs.campaignMessage() : costs.message();
    }

    /** Grants the configured starting balance once, on a new database. */
    public void grantStartingBalance(Instant now) {
        db.transaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM credit_ledger")) {
                rs.next();
                if (rs.getLong(1) == 0 && costs.startingBalance() > 0) {
                    insert(c, "grant", costs.startingBalance(), null, "starting balance", now);
                }
            }
            return null;
        });
    }

    public long grant(long amount, String note, Instant now) {
        if (amount <= 0) {
            throw new UserError("credits to add must be a positive whole number");
        }
        return db.transaction(c -> {
            insert(c, "grant", amount, null, note, now);
            return available(c);
        });
    }

    /** Within the caller's transaction: holds {@code amount} for an outbox row or refuses. */
    public static void reserve(Connection c, long outboxId, int amount, Instant now) throws SQLException {
        long available = available(c);
        if (available < amount) {
            throw new UserError("Not enough credits: this message costs " + amount + ", " + available
                    + " are available. Add credits with: ./wabridge credits add N");
        }
        insert(c, "reserve", -amount, outboxId, null, now);
    }

    public static void charge(Connection c, long outboxId, Instant now) throws SQLException {
        insert(c, "charge", 0, outboxId, null, now);
    }

    public static void release(Connection c, long outboxId, int amount, String why, Instant now) throws SQLException {
        if (amount > 0) {
            insert(c, "release", amount, outboxId, why, now);
        }
    }

    public Summary summary(Instant now, ZoneId zone) {
        Instant startOfDay = ZonedDateTime.ofInstant(now, zone).toLocalDate().atStartOfDay(zone).toInstant();
        return db.call(c -> {
            long available = available(c);
            long reserved;
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT coalesce(sum(credits_reserved),0) FROM outbox WHERE status IN ('queued','sending')")) {
                rs.next();
                reserved = rs.getLong(1);
            }
            long spent;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT coalesce(sum(credits_reserved),0) FROM outbox WHERE status = 'sent' AND sent_at >= ?")) {
                ps.setString(1, Times.sql(startOfDay));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    spent = rs.getLong(1);
                }
            }
            return new Summary(available + reserved, reserved, available, spent);
        });
    }

    static long available(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT coalesce(sum(amount),0) FROM credit_ledger")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insert(Connection c, String kind, long amount, Long outboxId, String note, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO credit_ledger(kind, amount, outbox_id, note, created_at) VALUES (?,?,?,?,?)")) {
            ps.setString(1, kind);
            ps.setLong(2, amount);
            if (outboxId == null) {
                ps.setNull(3, java.sql.Types.INTEGER);
            } else {
                ps.setLong(3, outboxId);
            }
            ps.setString(4, note);
            ps.setString(5, Times.sql(now));
            ps.executeUpdate();
        }
    }
}
