package dev.wabridge.daemon.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How instants are stored: UTC ISO-8601 with exactly three fraction digits
 * ("2026-11-25T10:00:00.000Z"). The fixed width makes SQLite's text comparison equal to
 * time order (Instant.toString drops zero fractions, so "…:00Z" would sort after "…:00.123Z").
 */
public final class Times {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String sql(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }
}
