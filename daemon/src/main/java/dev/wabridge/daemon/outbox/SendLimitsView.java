package dev.wabridge.daemon.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.daemon.store.SendLimits;
import dev.wabridge.daemon.store.Times;

import java.time.Instant;

/**
 * How a session's send limits are shown, the same in get_whatsapp_status, the health report
 * and the session's status resource: only what matters at {@code now} (a pause still running,
 * a restriction of the last 24 h), nothing otherwise.
 */
public final class SendLimitsView {
    private SendLimitsView() {
    }

    /** Adds {@code send_paused} and {@code send_restriction} to {@code n} when they apply. */
    public static void put(ObjectNode n, SendLimits l, Instant now) {
        if (l.pausedAt(now)) {
            n.putObject("send_paused").put("until", Times.sql(l.pausedUntil())).put("rate_limits_in_a_row", l.strikes())
                    .put("reason", "WhatsApp rate-limited this number (error 429); queued messages wait and then go out");
        }
        if (SendLimiter.restrictionShown(l, now)) {
            n.putObject("send_restriction").put("at", Times.sql(l.restrictedAt())).put("reason", l.restriction());
        }
    }

    /** The same as words for a summary line ("; sends paused until …"), empty when nothing applies. */
    public static String text(SendLimits l, Instant now) {
        String out = "";
        if (l.pausedAt(now)) {
            out += "; sends paused until " + Times.sql(l.pausedUntil()) + " (WhatsApp rate limit)";
        }
        if (SendLimiter.restrictionShown(l, now)) {
            out += "; WhatsApp restricted new chats at " + Times.sql(l.restrictedAt()) + " (error 463)";
        }
        return out;
    }
}
