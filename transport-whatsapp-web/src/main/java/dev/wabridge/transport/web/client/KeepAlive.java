package dev.wabridge.transport.web.client;

import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.Iq;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.random.RandomGenerator;

/**
 * Keep-alive both ways (whatsmeow keepalive.go): while logged in, a {@code w:p} ping every
 * 20-30 s, and a ping left unanswered past its deadline drops the socket so the reconnect
 * logic takes over; and the server's own {@code urn:xmpp:ping} gets its empty result.
 * Runs on the session's actor thread.
 */
final class KeepAlive {
    private static final Logger log = LoggerFactory.getLogger(KeepAlive.class);

    private final SessionServices session;
    private final Duration interval;
    private final Duration deadline;
    private final RandomGenerator random;
    private ScheduledFuture<?> timer;
    /** Bumped on every start/stop, so an answer that arrives for an older login is ignored. */
    private long generation;

    KeepAlive(SessionServices session, Duration interval, Duration deadline, RandomGenerator random) {
        this.session = session;
        this.interval = interval;
        this.deadline = deadline;
        this.random = random;
    }

    void start() {
        stop();
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
        session.request("get", "w:p", List.of(Node.of("ping")), deadline).whenComplete((ok, failure) -> {
            // IqClient completes on the actor thread, so this runs there too.
            if (failure != null && gen == generation) {
                log.info("session {}: keep-alive unanswered; reconnecting", session.sessionId());
                session.connection().closeSocket();
            }
        });
        schedule(gen);
    }
}
