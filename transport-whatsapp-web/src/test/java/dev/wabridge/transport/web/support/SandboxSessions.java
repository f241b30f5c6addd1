package dev.wabridge.transport.web.support;

import dev.wabridge.sandbox.SandboxServer;
import dev.wabridge.testkit.Eventually;
import dev.wabridge.testkit.MemoryKeyStore;
import dev.wabridge.transport.SessionContext;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.client.WebTransportProvider;
import dev.wabridge.transport.web.prekeys.PreKeyUploader;
import dev.wabridge.wire.pairing.QrCode;
import dev.wabridge.wire.signal.store.SignalStores;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fixture every transport-against-sandbox test needs, written once: a sandbox on
 * loopback, a key store, the session's events in a queue, sessions opened with the sandbox's
 * URL, certificate root and plain-http media host (plus any shortened timers), waiting for the next event of a type,
 * and pairing a number by letting a simulated phone scan the first QR code.
 */
public final class SandboxSessions implements AutoCloseable {
    /** How long a test waits for an event before it fails. */
    public static final int EVENT_WAIT_SECONDS = 10;

    private final SandboxServer sandbox;
    private final MemoryKeyStore keys = new MemoryKeyStore();
    private final BlockingQueue<TransportEvent> events = new LinkedBlockingQueue<>();
    private final List<TransportSession> opened = new ArrayList<>();

    /** A peer does not own the sandbox: closing it leaves the sandbox running. */
    private final boolean peer;

    private SandboxSessions(SandboxServer sandbox) {
        this(sandbox, false);
    }

    private SandboxSessions(SandboxServer sandbox, boolean peer) {
        this.sandbox = sandbox;
        this.peer = peer;
    }

    public static SandboxSessions start() throws InterruptedException {
        return new SandboxSessions(SandboxServer.create().start("127.0.0.1", 0));
    }

    public SandboxServer sandbox() {
        return sandbox;
    }

    public MemoryKeyStore keys() {
        return keys;
    }

    public BlockingQueue<TransportEvent> events() {
        return events;
    }

    /**
     * A session (same key store each time, like a restarted process) with the sandbox's URL and
     * root, downloads from its media host over plain http, plus {@code extra} settings.
     */
    public TransportSession open(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("url", sandbox.url(), "root_key", sandbox.rootPublicKeyHex(),
                "media_insecure_http", "true"));
        settings.putAll(extra);
        TransportSession session = new WebTransportProvider().open(new SessionContext(1, keys, events::add, Clock.systemUTC(), settings));
        opened.add(session);
        return session;
    }

    /** The next event of {@code type}, skipping others; fails after {@link #EVENT_WAIT_SECONDS}. */
    public <T extends TransportEvent> T next(Class<T> type) throws InterruptedException {
        while (true) {
            TransportEvent e = events.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(e, "no " + type.getSimpleName() + " event within " + EVENT_WAIT_SECONDS + " s");
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
    }

    /** Connects {@code session}, lets {@code phone} scan its first QR code, waits for the login; returns the device JID. */
    public String pair(TransportSession session, String phone) throws InterruptedException {
        session.connect();
        String qr = next(TransportEvent.QrCode.class).qr();
        assertTrue(qr.startsWith(QrCode.PREFIX + "2@"), qr);
        String jid = sandbox.phone(phone).scan(qr);
        assertEquals(phone, next(TransportEvent.Connected.class).phone());
        // A fresh device uploads its prekeys right after the first login; a test that then drops
        // or restarts the socket should not race that 40 kB upload (a close with unread data is a
        // TCP reset, which can swallow the server's last frame).
        Eventually.until("the first prekey upload is confirmed", () -> sandbox.preKeyCount(jid) > 0
                && new SignalStores(keys).preKeys().uploadedCount() > 0);
        return jid;
    }

    /** A second linked number in the same sandbox: its own keys and events (the shared phone⇄LID map is shared). */
    public SandboxSessions peer() {
        return new SandboxSessions(sandbox, true);
    }

    @Override
    public void close() {
        opened.forEach(TransportSession::disconnect);
        if (!peer) {
            sandbox.close();
        }
    }
}
