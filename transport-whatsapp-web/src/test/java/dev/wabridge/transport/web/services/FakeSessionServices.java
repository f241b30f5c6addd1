package dev.wabridge.transport.web.services;

import dev.wabridge.testkit.MemoryKeyStore;
import dev.wabridge.transport.KeyStore;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.wire.binary.Node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link SessionServices} without a socket, for handler tests: it records what a handler sends,
 * asks, reports and schedules, and the session transitions it causes. Requests return futures
 * the test completes; scheduled tasks run when the test advances the {@link ManualScheduler};
 * the clock follows that scheduler from {@link #START}. Credentials are created and kept in a
 * {@link MemoryKeyStore} on first use, as the real runtime does. Single-threaded, like the actor.
 */
public final class FakeSessionServices implements SessionServices {
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** One {@link #request} call; {@code timeout} is null when the default deadline applies. */
    public record Request(String type, String xmlns, List<Node> children, Duration timeout, CompletableFuture<Node> answer) {
    }

    private final MemoryKeyStore keys = new MemoryKeyStore();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final Clock clock = scheduler.clock(START);
    private final FakeConnectionControl connection = new FakeConnectionControl();
    private final List<Node> sent = new ArrayList<>();
    private final List<TransportEvent> events = new ArrayList<>();
    private final List<CompletableFuture<Void>> incomingStages = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();
    private final List<String> loggedIn = new ArrayList<>();
    private final List<String> loggedOut = new ArrayList<>();
    private int loginEndedCalls;
    private int credentialSaves;
    private Credentials creds;

    // ---------------------------------------------------------------- what the test reads

    public MemoryKeyStore memoryKeys() {
        return keys;
    }

    public ManualScheduler scheduler() {
        return scheduler;
    }

    public FakeConnectionControl fakeConnection() {
        return connection;
    }

    public List<Node> sent() {
        return sent;
    }

    public List<TransportEvent> events() {
        return events;
    }

    public <T extends TransportEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<Request> requests() {
        return requests;
    }

    /** The push names passed to {@link #loggedIn} (null when the server sent none). */
    public List<String> loggedInCalls() {
        return loggedIn;
    }

    public List<String> loggedOutReasons() {
        return loggedOut;
    }

    public int loginEndedCalls() {
        return loginEndedCalls;
    }

    /** Calls of {@link #saveCredentials} (not the first-use creation). */
    public int credentialSaves() {
        return credentialSaves;
    }

    // ---------------------------------------------------------------- SessionServices

    @Override
    public long sessionId() {
        return 7;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public KeyStore keys() {
        return keys;
    }

    @Override
    public Credentials credentials() {
        if (creds == null) {
            creds = Credentials.load(keys).orElseGet(() -> {
                Credentials fresh = Credentials.generate();
                fresh.save(keys);
                return fresh;
            });
        }
        return creds;
    }

    @Override
    public void saveCredentials(Credentials updated) {
        credentialSaves++;
        updated.save(keys);
        creds = updated;
    }

    @Override
    public void send(Node node) {
        sent.add(node);
    }

    @Override
    public CompletableFuture<Node> request(String type, String xmlns, List<Node> children) {
        return record(type, xmlns, children, null);
    }

    @Override
    public CompletableFuture<Node> request(String type, String xmlns, List<Node> children, Duration timeout) {
        return record(type, xmlns, children, timeout);
    }

    private CompletableFuture<Node> record(String type, String xmlns, List<Node> children, Duration timeout) {
        CompletableFuture<Node> answer = new CompletableFuture<>();
        requests.add(new Request(type, xmlns, List.copyOf(children), timeout, answer));
        return answer;
    }

    @Override
    public void emit(TransportEvent event) {
        events.add(event);
    }

    /** Incoming messages are recorded as events; the stage the test controls is {@link #incomingStages()}. */
    @Override
    public CompletionStage<Void> emitIncoming(TransportEvent.IncomingMessage message) {
        events.add(message);
        CompletableFuture<Void> stored = new CompletableFuture<>();
        incomingStages.add(stored);
        return stored;
    }

    public List<CompletableFuture<Void>> incomingStages() {
        return incomingStages;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public ConnectionControl connection() {
        return connection;
    }

    @Override
    public void loggedIn(String pushName) {
        loggedIn.add(pushName);
    }

    @Override
    public void loginEnded() {
        loginEndedCalls++;
    }

    @Override
    public void loggedOut(String reason) {
        loggedOut.add(reason);
    }
}
