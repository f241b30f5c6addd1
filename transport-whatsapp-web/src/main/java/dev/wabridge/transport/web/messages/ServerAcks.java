package dev.wabridge.transport.web.messages;

import dev.wabridge.transport.SendAck;
import dev.wabridge.transport.TransportException;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Sent messages waiting for the server's {@code <ack class="message" id t>} (whatsmeow
 * send.go waits for it as the answer to the message node): the ack completes the send with
 * the server's time; an {@code error} attribute fails it ({@link #refusal}); a
 * closed socket fails everything waiting as retryable. An ack whose {@code phash} differs from
 * the one we computed means the server knows other devices than we did (whatsmeow logs it and
 * drops the recipient's cached device list): the chat goes to {@code staleDevices}. Owned by
 * the session's actor thread.
 */
public final class ServerAcks {
    private static final Logger log = LoggerFactory.getLogger(ServerAcks.class);

    private record Waiting(CompletableFuture<SendAck> done, Jid chat, String phash) {
    }

    private final Map<String, Waiting> waiting = new HashMap<>();
    private final Consumer<Jid> staleDevices;

    public ServerAcks() {
        this(chat -> { });
    }

    public ServerAcks(Consumer<Jid> staleDevices) {
        this.staleDevices = staleDevices;
    }

    public CompletableFuture<SendAck> expect(String messageId) {
        return expect(messageId, null, null);
    }

    /** A send to {@code chat} whose devices hash to {@code phash}; a resend with the same id shares the first one's future. */
    public CompletableFuture<SendAck> expect(String messageId, Jid chat, String phash) {
        return waiting.compute(messageId, (id, old) -> new Waiting(old == null ? new CompletableFuture<>() : old.done(), chat, phash)).done();
    }

    /** Any {@code <ack>} from the server; only message acks concern sends. */
    public void onAckNode(Node ack) {
        if ("message".equals(ack.attr("class"))) {
            onAck(ack);
        }
    }

    /** {@code <ack class="message">}; true when it answered one of our sends. */
    public boolean onAck(Node ack) {
        Waiting w = ack.attr("id") == null ? null : waiting.remove(ack.attr("id"));
        if (w == null) {
            return false;
        }
        String serverHash = ack.attr("phash");
        if (serverHash != null && w.chat() != null && !serverHash.equals(w.phash())) {
            log.warn("the server's device list for {} hashes to {}, ours to {}: some devices may have missed message {}; "
                    + "the list is fetched again at the next send", w.chat(), serverHash, w.phash(), ack.attr("id"));
            staleDevices.accept(w.chat());
        }
        CompletableFuture<SendAck> f = w.done();
        String error = ack.attr("error");
        if (error != null) {
            int code = parse(error);
            f.completeExceptionally(refusal(code, error));
            return true;
        }
        long t = ack.attr("t") == null ? 0 : parse(ack.attr("t"));
        f.complete(new SendAck(ack.attr("id"), t > 0 ? Instant.ofEpochSecond(t) : null));
        return true;
    }

    /**
     * What a refused send means. 429 ({@code rate-overlimit}): the number sends too fast, so
     * the whole session waits and the send is tried again. 463 (Baileys SERVER_ERROR_CODES
     * MessageAccountRestriction / NACK SenderReachoutTimelocked): the account may not start
     * new chats now, or the contact's privacy token is missing; Baileys master does not retry
     * it because a retry counts as another reach-out, and neither do we.
     */
    static TransportException refusal(int code, String error) {
        return switch (code) {
            case 429 -> new TransportException("WhatsApp rate-limited this number (error 429, rate-overlimit); "
                    + "the session pauses its sends and tries again", TransportException.Limit.RATE);
            case 463 -> new TransportException("WhatsApp refused the message (error 463): this number may not start new "
                    + "chats right now (account restricted, or no privacy token for this contact); not retried, since every "
                    + "retry counts as another reach-out. Existing chats still work; try new contacts again in some hours",
                    TransportException.Limit.RESTRICTION);
            default -> new TransportException("the server refused the message (error " + error + ")", code >= 500);
        };
    }

    public void failAll(String why) {
        List<Waiting> all = List.copyOf(waiting.values());
        waiting.clear();
        all.forEach(w -> w.done().completeExceptionally(new TransportException(why, true)));
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
