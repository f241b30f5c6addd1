package dev.wabridge.transport.web.client;

import dev.wabridge.transport.TransportException;
import dev.wabridge.transport.web.services.FakeSessionServices;
import dev.wabridge.transport.web.services.IqException;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.Iq;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins keep-alive both ways (whatsmeow keepalive.go): once started, a {@code w:p} get without
 * a child every 20-30 s with its own deadline; a missed answer is tolerated, and only when none
 * has succeeded for 3 min is the socket dropped so the reconnect logic takes over, and only for
 * the current socket (a stale failure must not drop a fresh one); the server's {@code urn:xmpp:ping} gets an
 * empty result. Time is the fake session's manual scheduler; the jitter is seeded.
 */
class KeepAliveTest {
    private static final Duration INTERVAL = Duration.ofSeconds(20);
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Duration MAX_FAIL = Duration.ofMinutes(3);

    private final FakeSessionServices session = new FakeSessionServices();
    private final long seed = System.nanoTime();
    private final KeepAlive keepAlive;

    KeepAliveTest() {
        System.out.println("KeepAliveTest seed " + seed);
        keepAlive = new KeepAlive(session, INTERVAL, DEADLINE, MAX_FAIL, new Random(seed));
    }

    /** Runs time up to the next ping and returns it. */
    private FakeSessionServices.Request nextPing() {
        int before = session.requests().size();
        Duration delay = session.scheduler().nextDelay();
        assertTrue(delay.compareTo(INTERVAL) >= 0 && delay.compareTo(INTERVAL.multipliedBy(3).dividedBy(2)) <= 0,
                "seed " + seed + ": ping after " + delay);
        session.scheduler().advance(delay);
        assertEquals(before + 1, session.requests().size(), "seed " + seed);
        return session.requests().get(before);
    }

    @Test
    void nothingIsSentBeforeStart() {
        session.scheduler().advance(Duration.ofMinutes(5));
        assertTrue(session.requests().isEmpty());
        assertEquals(0, session.scheduler().pendingCount());
    }

    @Test
    void afterStartAPingGetWithItsDeadlineIsSentEvery20To30Seconds() {
        keepAlive.start();
        for (int i = 0; i < 5; i++) {
            FakeSessionServices.Request ping = nextPing();
            assertEquals("get", ping.type());
            assertEquals("w:p", ping.xmlns());
            assertEquals(List.of(), ping.children(), "whatsmeow sends the w:p get without a child");
            assertEquals(DEADLINE, ping.timeout());
            ping.answer().complete(Node.of("iq", Node.attrs("type", "result")));
        }
        assertEquals(0, session.fakeConnection().closeSocketCalls());
    }

    @Test
    void noPingBeforeTheShortestInterval() {
        keepAlive.start();
        session.scheduler().advance(INTERVAL.minusMillis(1));
        assertTrue(session.requests().isEmpty());
        assertEquals(1, session.scheduler().pendingCount());
    }

    @Test
    void oneMissedPingIsToleratedAsWhatsmeowDoes() {
        keepAlive.start();
        nextPing().answer().completeExceptionally(new TransportException("the server did not answer w:p", true));
        nextPing().answer().completeExceptionally(new IqException(500, "internal-server-error"));
        assertEquals(0, session.fakeConnection().closeSocketCalls());
    }

    @Test
    void pingsFailingForLongerThanTheMaximumCloseTheSocket() {
        keepAlive.start();
        while (session.fakeConnection().closeSocketCalls() == 0) {
            nextPing().answer().completeExceptionally(new TransportException("timeout", true));
            assertTrue(Duration.between(FakeSessionServices.START, session.clock().instant()).compareTo(MAX_FAIL.plusSeconds(31)) <= 0,
                    "closed once 3 min passed without an answer");
        }
        assertTrue(Duration.between(FakeSessionServices.START, session.clock().instant()).compareTo(MAX_FAIL) > 0);
    }

    @Test
    void anAnsweredPingRestartsTheCount() {
        keepAlive.start();
        for (int i = 0; i < 20; i++) { // 20 × 20-30 s ≫ 3 min, but every other ping is answered
            FakeSessionServices.Request ping = nextPing();
            if (i % 2 == 0) {
                ping.answer().completeExceptionally(new TransportException("timeout", true));
            } else {
                ping.answer().complete(Node.of("iq", Node.attrs("type", "result")));
            }
        }
        assertEquals(0, session.fakeConnection().closeSocketCalls());
    }

    @Test
    void aFailureForAnOlderLoginIsIgnored() {
        keepAlive.start();
        FakeSessionServices.Request old = nextPing();
        keepAlive.stop();
        keepAlive.start();
        session.scheduler().advance(MAX_FAIL.plusMinutes(1));
        old.answer().completeExceptionally(new TransportException("connection closed", true));
        assertEquals(0, session.fakeConnection().closeSocketCalls(), "the new socket stays");
    }

    @Test
    void aFailureAfterStopIsIgnored() {
        keepAlive.start();
        FakeSessionServices.Request ping = nextPing();
        keepAlive.stop();
        ping.answer().completeExceptionally(new TransportException("connection closed", true));
        assertEquals(0, session.fakeConnection().closeSocketCalls());
    }

    @Test
    void stopCancelsThePings() {
        keepAlive.start();
        nextPing();
        keepAlive.stop();
        assertEquals(0, session.scheduler().pendingCount());
        session.scheduler().advance(Duration.ofMinutes(10));
        assertEquals(1, session.requests().size());
    }

    @Test
    void startTwiceKeepsOnePingTimer() {
        keepAlive.start();
        keepAlive.start();
        assertEquals(1, session.scheduler().pendingCount());
        session.scheduler().advance(INTERVAL.multipliedBy(3).dividedBy(2));
        assertEquals(1, session.requests().size());
    }

    @Test
    void theServersPingGetsAnEmptyResult() {
        Node ping = Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "get", "id", "srv-ping-1", "xmlns", "urn:xmpp:ping"));
        keepAlive.onServerPing(ping);
        assertEquals(List.of(Node.of("iq", Node.attrs("to", Jid.SERVER, "type", "result", "id", "srv-ping-1"))), session.sent());
        assertEquals(List.of(Iq.clientResult(ping, List.of())), session.sent());
        assertTrue(session.requests().isEmpty());
    }

    @Test
    void aServerPingWithoutAnIdIsIgnoredNotFatal() {
        keepAlive.onServerPing(Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "get", "xmlns", "urn:xmpp:ping")));
        assertTrue(session.sent().isEmpty());
    }
}
