package dev.wabridge.transport.web.messages;

import dev.wabridge.transport.SendAck;
import dev.wabridge.transport.TransportException;
import dev.wabridge.transport.web.usync.DeviceCache;
import dev.wabridge.transport.web.usync.DeviceLists;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the server's {@code <ack class="message">} does to a send: completes it with the
 * server's time; a rate limit (429) fails it as retryable with {@code Limit.RATE}, so the outbox
 * pauses the session instead of dropping it; a restriction (463) fails it for good with
 * {@code Limit.RESTRICTION}; other 4xx errors are final; a closed socket fails all as retryable;
 * a {@code phash} other than ours drops the recipient's cached device list.
 */
class ServerAcksTest {
    private final ServerAcks acks = new ServerAcks();

    private static Node ack(String id, String... extra) {
        var attrs = Node.attrs("class", "message", "id", id, "t", "1767225600");
        for (int i = 0; i < extra.length; i += 2) {
            attrs.put(extra[i], extra[i + 1]);
        }
        return Node.of("ack", attrs);
    }

    @Test
    void anAckCompletesTheSendWithTheServersTime() {
        CompletableFuture<SendAck> f = acks.expect("M1");
        acks.onAckNode(ack("M1"));
        assertEquals(Instant.ofEpochSecond(1767225600), f.resultNow().serverTimestamp());
    }

    @Test
    void aRateLimitPausesTheSessionARestrictionIsFinalAndOtherRefusalsDependOnTheCode() {
        CompletableFuture<SendAck> limited = acks.expect("M2");
        acks.onAckNode(ack("M2", "error", "429"));
        TransportException e = assertInstanceOf(TransportException.class, limited.exceptionNow());
        assertTrue(e.retryable());
        assertEquals(TransportException.Limit.RATE, e.limit());
        assertTrue(e.getMessage().contains("rate-limited"), e.getMessage());

        CompletableFuture<SendAck> restricted = acks.expect("M5");
        acks.onAckNode(ack("M5", "error", "463"));
        TransportException r = assertInstanceOf(TransportException.class, restricted.exceptionNow());
        assertFalse(r.retryable(), "a retry of a 463 counts as another reach-out (Baileys master does not retry it)");
        assertEquals(TransportException.Limit.RESTRICTION, r.limit());
        assertTrue(r.getMessage().contains("463") && r.getMessage().contains("new chats"), r.getMessage());

        CompletableFuture<SendAck> refused = acks.expect("M3");
        acks.onAckNode(ack("M3", "error", "479"));
        TransportException other = assertInstanceOf(TransportException.class, refused.exceptionNow());
        assertFalse(other.retryable());
        assertEquals(TransportException.Limit.NONE, other.limit());

        CompletableFuture<SendAck> busy = acks.expect("M6");
        acks.onAckNode(ack("M6", "error", "503"));
        assertTrue(assertInstanceOf(TransportException.class, busy.exceptionNow()).retryable());
    }

    @Test
    void aClosedSocketFailsEverySendAsRetryable() {
        CompletableFuture<SendAck> f = acks.expect("M4");
        acks.failAll("connection closed");
        assertTrue(assertInstanceOf(TransportException.class, f.exceptionNow()).retryable());
        assertFalse(acks.onAck(ack("M4")), "a late ack finds nothing to complete");
    }

    @Test
    void aDifferentPhashInTheAckDropsTheCachedDeviceList() {
        Jid bob = Jid.phone("34600000002");
        DeviceCache cache = new DeviceCache(Clock.systemUTC());
        cache.put(new DeviceLists.UserDevices(bob, List.of(bob), Optional.empty()));
        ServerAcks withCache = new ServerAcks(cache::forget);

        CompletableFuture<SendAck> same = withCache.expect("M5", bob, "2:EdF6LBcj");
        withCache.onAckNode(ack("M5", "phash", "2:EdF6LBcj"));
        assertTrue(same.isDone() && cache.get(bob).isPresent(), "the server agrees: the list stays");

        CompletableFuture<SendAck> stale = withCache.expect("M6", bob, "2:EdF6LBcj");
        withCache.onAckNode(ack("M6", "phash", "2:pfp1h6YU"));
        assertEquals("M6", stale.resultNow().messageId(), "the send itself succeeded");
        assertTrue(cache.get(bob).isEmpty(), "the server knows other devices: the list is fetched again");
    }
}
