package dev.wabridge.daemon.scheduler;

import dev.wabridge.daemon.errors.UserError;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * scheduled_at: ISO-8601. With an offset or Z it is that instant; with a zone id in brackets,
 * that zone; without either, local time in the daemon's configured zone (setting
 * scheduler.timezone, default the system zone). A local time that a DST change skips moves
 * forward by the gap; one that repeats takes the earlier offset (java.time's rules).
 */
public final class ScheduleTimes {
    private ScheduleTimes() {
    }

    public static Instant parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            throw new UserError("scheduled_at is required, e.g. 2026-03-05T09:00:00");
        }
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return ZonedDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserError("scheduled_at '" + (t.length() > 40 ? t.substring(0, 40) + "…" : t)
                    + "' is not an ISO-8601 date-time; use e.g. 2026-03-05T09:00:00 (" + zone + " time) or 2026-03-05T09:00:00+01:00");
        }
    }
}
