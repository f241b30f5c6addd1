package dev.wabridge.transport.web.client;

import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.Iq;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.random.RandomGenerator;

/**
 * Keep-alive both ways (whatsmeow keepalive.go): from the end of the handshake (the QR phase
 * included), a {@code w:p} get without a child every 20-30 s with a 10 s deadline. A missed
 * answer is tolerated: only when no ping has succeeded for {@code maxFailTime} (3 min,
 * KeepAliveMaxFailTime) is the socket dropped so the reconnect logic takes over. The
 * server's own {@code urn:xmpp:ping} gets its empty result. Runs on the session's actor thread.
 */
final class KeepAlive {
    private static final Logger log = LoggerFactory.getLogger(KeepAlive.class);

    private final SessionServices session;
    private final Duration interval;
    private final Duration deadline;
    private final RandomGenerator random;
    private final Duration maxFailTime;
    private ScheduledFuture<?> timer;
    private Instant lastSuccess;
    /** Bumped on every start/stop, so an answer that arrives for an older login is ignored. */
    private long generation;

    KeepAlive(SessionServices session, Duration interval, Duration deadline, Duration maxFailTime, RandomGenerator random) {
        this.session = session;
        this.interval = interval;
        this.deadline = deadline;
        this.maxFailTime = maxFailTime;
        this.random = random;
    }

    void start() {
        stop();
        lastSuccess = session.clock().instant();
        schedule(generation);
    }

    void stop() {
        generation++;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** The server pinged us. */
    void onServerPing(Node iq) {
        if (iq.attr("id") == null) {
            return; // nothing to answer to
        }
        session.send(Iq.clientResult(iq, List.of()));
    }

    private void schedule(long gen) {
        long ms = interval.toMillis();
        timer = session.schedule(() -> ping(gen), Duration.ofMillis(ms + random.nextLong(ms / 2 + 1)));
    }

    private void ping(long gen) {
        if (gen != generation) {
            return;
        }
        session.request("get", "w:p", List.of(), deadline).whenComplete((ok, failure) -> {
            // IqClient completes on the actor thread, so this runs there too.
            if (gen != generation) {
                return;
            }
            Instant now = session.clock().instant();
            if (failure == null) {
                lastSuccess = now;
            } else if (Duration.between(lastSuccess, now).compareTo(maxFailTime) > 0) {
                log.info("session {}: no keep-alive answered since {}; reconnecting", session.sessionId(), lastSuccess);
                session.connection().closeSocket();
            } else {
                log.debug("session {}: keep-alive unanswered ({}); last answer {}", session.sessionId(), failure.getMessage(), lastSuccess);
            }
        });
        schedule(gen);
    }
}
