package dev.wabridge.transport.web.messages;

import dev.wabridge.transport.SendAck;
import dev.wabridge.transport.TransportException;
import dev.wabridge.wire.binary.Node;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sent messages waiting for the server's {@code <ack class="message" id t>} (whatsmeow
 * send.go waits for it as the answer to the message node): the ack completes the send with
 * the server's time; an {@code error} attribute fails it (retryable only for 5xx and 429); a
 * closed socket fails everything waiting as retryable. Owned by the session's actor thread.
 */
public final class ServerAcks {
    private final Map<String, CompletableFuture<SendAck>> waiting = new HashMap<>();

    public CompletableFuture<SendAck> expect(String messageId) {
        return waiting.computeIfAbsent(messageId, id -> new CompletableFuture<>());
    }

    /** Any {@code <ack>} from the server; only message acks concern sends. */
    public void onAckNode(Node ack) {
        if ("message".equals(ack.attr("class"))) {
            onAck(ack);
        }
    }

    /** {@code <ack class="message">}; true when it answered one of our sends. */
    public boolean onAck(Node ack) {
        CompletableFuture<SendAck> f = ack.attr("id") == null ? null : waiting.remove(ack.attr("id"));
        if (f == null) {
            return false;
        }
        String error = ack.attr("error");
        if (error != null) {
            int code = parse(error);
            if (code == 463 || code == 429) {
                // WhatsApp's limits (463: too many messages to new contacts / missing privacy token; 429):
                // the send is retried later by the paced outbox's backoff, never dropped.
                f.completeExceptionally(new TransportException("WhatsApp rate-limited this number (error " + error
                        + "); the message is retried later", true));
            } else {
                f.completeExceptionally(new TransportException("the server refused the message (error " + error + ")", code >= 500));
            }
            return true;
        }
        long t = ack.attr("t") == null ? 0 : parse(ack.attr("t"));
        f.complete(new SendAck(ack.attr("id"), t > 0 ? Instant.ofEpochSecond(t) : null));
        return true;
    }

    public void failAll(String why) {
        List<CompletableFuture<SendAck>> all = List.copyOf(waiting.values());
        waiting.clear();
        all.forEach(f -> f.completeExceptionally(new TransportException(why, true)));
    }

    public void forget(String messageId) {
        waiting.remove(messageId);
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
