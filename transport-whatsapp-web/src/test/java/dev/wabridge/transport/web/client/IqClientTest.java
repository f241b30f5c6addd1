package dev.wabridge.transport.web.client;

import dev.wabridge.transport.TransportException;
import dev.wabridge.transport.web.services.IqException;
import dev.wabridge.transport.web.services.ManualScheduler;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.Iq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins how our requests meet their answers (whatsmeow request.go): ids are the session prefix,
 * a dot and a counter; a result completes its request; an error answer fails it with
 * {@link IqException} (retryable only for 5xx and 429, so callers do not retry a 404 forever);
 * a stray or late answer is ignored; a deadline and a closed socket fail requests as retryable.
 * Runs on a {@link ManualScheduler} on the test thread: the single-thread ownership IqClient
 * relies on holds, and deadlines pass without real time.
 */
class IqClientTest {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(75);

    private final ManualScheduler actor = new ManualScheduler();
    private final List<Node> written = new ArrayList<>();
    private final IqClient client = new IqClient("12.34-", written::add, actor, DEFAULT_TIMEOUT);

    private CompletableFuture<Node> usync() {
        return client.request("get", "usync", List.of(Node.of("usync")));
    }

    private Node lastWritten() {
        return written.get(written.size() - 1);
    }

    @Test
    void idsAreWhatsmeowsPrefixThenACounterAndUnique() {
        usync();
        usync();
        client.request("set", "passive", List.of(Node.of("active")), Duration.ofSeconds(1));
        assertEquals(List.of("12.34-1", "12.34-2", "12.34-3"), written.stream().map(n -> n.attr("id")).toList());
        assertTrue(IqClient.randomPrefix(new Random(1)).matches("[0-9]{1,3}\\.[0-9]{1,3}-"));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(ids.add(client.nextId()));
        }
    }

    @Test
    void aRequestWithoutASocketFailsAtOnceAsRetryable() {
        IqClient offline = new IqClient("7", node -> false, actor, DEFAULT_TIMEOUT);
        CompletableFuture<Node> answer = offline.request("get", "usync", List.of(Node.of("usync")));
        assertTrue(answer.isCompletedExceptionally(), "not after the 75 s deadline");
        TransportException why = assertInstanceOf(TransportException.class, answer.exceptionNow());
        assertTrue(why.retryable());
        assertEquals(0, offline.pendingCount());
        assertEquals(0, actor.pendingCount(), "its deadline timer is cancelled too");
    }

    @Test
    void anAnsweredRequestLeavesNoTimerBehind() {
        usync();
        client.onResponse(Iq.serverResult(lastWritten(), List.of()));
        assertEquals(0, actor.pendingCount(), "the deadline timer of an answered request is cancelled");
    }

    @Test
    void aRequestIsWrittenAsAnIqToTheServer() {
        client.request("set", "passive", List.of(Node.of("active")));
        assertEquals(List.of(Iq.request("12.34-1", "set", "passive", List.of(Node.of("active")))), written);
        assertEquals(1, client.pendingCount());
    }

    @Test
    void aResultCompletesTheRequestWithTheAnswer() {
        CompletableFuture<Node> first = usync();
        CompletableFuture<Node> second = usync();
        Node answer = Iq.serverResult(written.get(1), List.of(Node.of("usync")));
        client.onResponse(answer);
        assertSame(answer, second.resultNow());
        assertFalse(first.isDone(), "only the request with that id");
        assertEquals(1, client.pendingCount());
    }

    @ParameterizedTest
    @CsvSource({
            "400, bad-request, false",
            "401, not-authorized, false",
            "404, item-not-found, false",
            "406, not-acceptable, false",
            "429, rate-overlimit, true",
            "500, internal-server-error, true",
            "503, service-unavailable, true"})
    void anErrorAnswerFailsWithIqExceptionRetryableOnlyForServerTroubleAndRateLimits(int code, String text, boolean retryable) {
        CompletableFuture<Node> f = usync();
        client.onResponse(Iq.serverError(lastWritten(), code, text));
        IqException e = assertInstanceOf(IqException.class, f.exceptionNow());
        assertEquals(code, e.code());
        assertEquals(text, e.text());
        assertEquals(retryable, e.retryable());
        assertEquals(code == 429 ? TransportException.Limit.RATE : TransportException.Limit.NONE, e.limit(),
                "only rate-overlimit tells the outbox to pause the whole session");
        assertEquals(0, client.pendingCount());
    }

    @Test
    void anErrorAnswerWithoutUsableCodeCountsAs500() {
        CompletableFuture<Node> noChild = usync();
        client.onResponse(Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "error", "id", lastWritten().attr("id"))));
        CompletableFuture<Node> badCode = usync();
        client.onResponse(Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "error", "id", lastWritten().attr("id")),
                List.of(Node.of("error", Node.attrs("code", "oops")))));
        for (CompletableFuture<Node> f : List.of(noChild, badCode)) {
            IqException e = assertInstanceOf(IqException.class, f.exceptionNow());
            assertEquals(500, e.code());
            assertTrue(e.retryable());
        }
    }

    @Test
    void anAnswerWithAnUnknownIdOrNoIdIsIgnored() {
        CompletableFuture<Node> f = usync();
        client.onResponse(Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "result", "id", "7.99")));
        client.onResponse(Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "result")));
        client.onResponse(Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "result", "id", "8.1")));
        assertFalse(f.isDone());
        assertEquals(1, client.pendingCount());
    }

    @Test
    void anUnansweredRequestFailsRetryableAtItsDeadlineAndALateAnswerIsIgnored() {
        CompletableFuture<Node> f = client.request("get", "w:p", List.of(Node.of("ping")), Duration.ofSeconds(10));
        Node request = lastWritten();
        actor.advance(Duration.ofSeconds(10).minusMillis(1));
        assertFalse(f.isDone());
        actor.advance(Duration.ofMillis(1));
        Throwable failure = f.exceptionNow();
        assertFalse(failure instanceof IqException, "a timeout is not an error answer");
        TransportException e = assertInstanceOf(TransportException.class, failure);
        assertTrue(e.retryable());
        assertEquals(0, client.pendingCount());

        client.onResponse(Iq.serverResult(request, List.of()));
        assertSame(failure, f.exceptionNow(), "the late answer changes nothing");
    }

    @Test
    void theDefaultDeadlineApplies() {
        CompletableFuture<Node> f = usync();
        actor.advance(DEFAULT_TIMEOUT.minusMillis(1));
        assertFalse(f.isDone());
        actor.advance(Duration.ofMillis(1));
        assertEquals(Future.State.FAILED, f.state());
    }

    @Test
    void anAnsweredRequestIsNotFailedByItsDeadline() {
        CompletableFuture<Node> f = usync();
        client.onResponse(Iq.serverResult(lastWritten(), List.of()));
        actor.advance(DEFAULT_TIMEOUT.multipliedBy(2));
        assertEquals(Future.State.SUCCESS, f.state());
    }

    @Test
    void failAllFailsEveryPendingRequestAsRetryable() {
        CompletableFuture<Node> a = usync();
        Node requestA = lastWritten();
        CompletableFuture<Node> b = client.request("set", "passive", List.of(Node.of("active")), Duration.ofSeconds(5));
        client.failAll();
        for (CompletableFuture<Node> f : List.of(a, b)) {
            TransportException e = assertInstanceOf(TransportException.class, f.exceptionNow());
            assertTrue(e.retryable());
        }
        assertEquals(0, client.pendingCount());
        client.onResponse(Iq.serverResult(requestA, List.of()));
        actor.advance(DEFAULT_TIMEOUT);
        assertEquals(Future.State.FAILED, a.state());
    }
}
