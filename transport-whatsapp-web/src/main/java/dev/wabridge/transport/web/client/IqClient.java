package dev.wabridge.transport.web.client;

import dev.wabridge.transport.TransportException;
import dev.wabridge.transport.web.services.IqException;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.Iq;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Our requests to the server and their answers (whatsmeow request.go): an id per request, the
 * pending requests by id, a deadline per request, and error answers turned into
 * {@link IqException}. A request that cannot be written (no socket) and a closed socket fail
 * at once as retryable, rather than after the deadline.
 *
 * <p>Owned by the session's actor thread: {@link #request}, {@link #onResponse} and
 * {@link #failAll} are only called there, and timeouts are scheduled onto it, so the pending
 * map needs no lock.
 */
final class IqClient {
    private final String idPrefix;
    /** Writes a node; false when there is no socket to write to. */
    private final Predicate<Node> writer;
    private final ScheduledExecutorService actor;
    private final Duration defaultTimeout;
    private final Map<String, Pending> pending = new HashMap<>();
    private long counter;

    /** A request waiting for its answer, with the timer that gives up on it. */
    private record Pending(CompletableFuture<Node> answer, ScheduledFuture<?> timeout) {
        void fail(Throwable why) {
            timeout.cancel(false);
            answer.completeExceptionally(why);
        }
    }

    IqClient(String idPrefix, Predicate<Node> writer, ScheduledExecutorService actor, Duration defaultTimeout) {
        this.idPrefix = idPrefix;
        this.writer = writer;
        this.actor = actor;
        this.defaultTimeout = defaultTimeout;
    }

    /** A fresh id: the prefix and a counter, unique within this session. */
    String nextId() {
        return idPrefix + (++counter);
    }

    /**
     * The id prefix whatsmeow gives each client (client.go NewClient: two random bytes as
     * {@code "<a>.<b>-"}, then request.go generateRequestID appends the counter), so our
     * ids look like any whatsmeow client's rather than the daemon's session number.
     */
    static String randomPrefix(RandomGenerator random) {
        return random.nextInt(256) + "." + random.nextInt(256) + "-";
    }

    CompletableFuture<Node> request(String type, String xmlns, List<Node> children) {
        return request(type, xmlns, children, defaultTimeout);
    }

    CompletableFuture<Node> request(String type, String xmlns, List<Node> children, Duration timeout) {
        String id = nextId();
        CompletableFuture<Node> answer = new CompletableFuture<>();
        ScheduledFuture<?> timer = actor.schedule(() -> {
            Pending p = pending.remove(id);
            if (p != null) {
                p.answer().completeExceptionally(new TransportException(
                        "the server did not answer " + xmlns + " within " + timeout.toMillis() + " ms", true));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        pending.put(id, new Pending(answer, timer));
        if (!writer.test(Iq.request(id, type, xmlns, children))) {
            pending.remove(id).fail(new TransportException("not connected", true));
        }
        return answer;
    }

    /** An {@code <iq type="result|error">}: completes the request with that id, if it is ours. */
    void onResponse(Node iq) {
        Pending p = iq.attr("id") == null ? null : pending.remove(iq.attr("id"));
        if (p == null) {
            return; // an answer to a request that timed out, or to none of ours
        }
        if ("error".equals(iq.attr("type"))) {
            Node error = iq.child("error").orElse(null);
            p.fail(new IqException(code(error), error == null ? null : error.attr("text")));
        } else {
            p.timeout().cancel(false);
            p.answer().complete(iq);
        }
    }

    /** The socket closed: no answer can come any more. */
    void failAll() {
        List<Pending> waiting = List.copyOf(pending.values());
        pending.clear();
        waiting.forEach(p -> p.fail(new TransportException("connection closed", true)));
    }

    int pendingCount() {
        return pending.size();
    }

    private static int code(Node error) {
        try {
            return error == null || error.attr("code") == null ? 500 : Integer.parseInt(error.attr("code"));
        } catch (NumberFormatException e) {
            return 500;
        }
    }
}
