package dev.wabridge.daemon.optout;

import dev.wabridge.daemon.store.Times;
import dev.wabridge.daemon.phone.PhoneNumbers;
import dev.wabridge.daemon.service.UserError;
import dev.wabridge.daemon.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Phones that opted out. Nothing is sent or scheduled to them, and refusing costs nothing. */
public final class OptOutService {
    private final Database db;
    private final Set<String> keywords;

    public record OptOut(String phone, String reason, String source, String createdAt) {
    }

    public record Page(List<OptOut> items, long total) {
    }

    public OptOutService(Database db, Set<String> keywords) {
        this.db = db;
        this.keywords = keywords.stream().map(k -> k.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public OptOut add(String phone, String reason, String source, Instant now) {
        String p = PhoneNumbers.require(phone);
        return db.transaction(c -> {
            Optional<OptOut> existing = find(c, p);
            if (existing.isPresent()) {
                return existing.get(); // idempotent: the first reason and date stay
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO optouts(phone, reason, source, created_at) VALUES (?,?,?,?)")) {
                ps.setString(1, p);
                ps.setString(2, reason);
                ps.setString(3, source);
                ps.setString(4, Times.sql(now));
                ps.executeUpdate();
            }
            return new OptOut(p, reason, source, Times.sql(now));
        });
    }

    public boolean remove(String phone) {
        String p = PhoneNumbers.require(phone);
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM optouts WHERE phone = ?")) {
                ps.setString(1, p);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public Optional<OptOut> check(String phone) {
        String p = PhoneNumbers.require(phone);
        return db.call(c -> find(c, p));
    }

    public Page list(int limit, int offset) {
        return db.call(c -> {
            List<OptOut> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT phone, reason, source, created_at FROM optouts ORDER BY created_at DESC, phone LIMIT ? OFFSET ?")) {
                ps.setInt(1, limit);
                ps.setInt(2, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new OptOut(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            long total;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM optouts")) {
                rs.next();
                total = rs.getLong(1);
            }
            return new Page(items, total);
        });
    }

    /** Within a transaction: refuses a send to an opted-out phone. */
    public static void requireNotOptedOut(Connection c, String phone) throws SQLException {
        Optional<OptOut> o = find(c, phone);
        if (o.isPresent()) {
            throw new UserError("Refused: " + phone + " opted out" + (o.get().reason() == null ? "" : " (" + o.get().reason() + ")")
                    + " on " + o.get().createdAt() + ". Nothing was sent or charged. Only remove_whatsapp_optout with the customer's consent changes this.");
        }
    }

    public static boolean isOptedOut(Connection c, String phone) throws SQLException {
        return find(c, phone).isPresent();
    }

    /** True when an incoming text is an opt-out keyword (whole message, any case, trimmed). */
    public boolean isKeyword(String text) {
        if (text == null) {
            return false;
        }
        String t = text.trim().replaceAll("[.!¡]+$", "").toUpperCase(Locale.ROOT);
        return keywords.contains(t);
    }

    private static Optional<OptOut> find(Connection c, String phone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT phone, reason, source, created_at FROM optouts WHERE phone = ?")) {
            ps.setString(1, phone);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new OptOut(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))) : Optional.empty();
            }
        }
    }

    public static UserError notFound(String phone) {
        return new UserError(phone + " is not on the opt-out list");
    }
}
