package dev.wabridge.transport.web.client;

import dev.wabridge.testkit.Eventually;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.support.SandboxSessions;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No hang, no fingerprint (issue 10, item 7): a server that accepts the WebSocket and never
 * sends its hello is left after the hello timeout and tried again; a login the server never
 * answers is given up after the login timeout; logout waits for the server's answer before it
 * wipes the keys; the upgrade request carries whatsmeow's headers.
 */
class NoHangTest {
    /** Accepts WebSocket upgrades, records their request heads, then says nothing. */
    private static final class SilentServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0);
        final List<String> requests = new CopyOnWriteArrayList<>();
        final List<Socket> accepted = new CopyOnWriteArrayList<>();

        SilentServer() throws Exception {
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        accepted.add(s);
                        Thread.ofVirtual().start(() -> upgrade(s));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
        }

        private void upgrade(Socket s) {
            try {
                InputStream in = s.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    head.append((char) b);
                }
                requests.add(head.toString());
                String key = head.toString().lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
                        .findFirst().orElseThrow().substring("sec-websocket-key:".length()).trim();
                String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                        .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                        + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                in.transferTo(OutputStream.nullOutputStream()); // the client hello, then silence
            } catch (Exception e) {
                // the client left
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void aSilentServerIsLeftAfterTheHelloTimeoutAndTriedAgain() throws Exception {
        try (SandboxSessions fixture = SandboxSessions.start(); SilentServer silent = new SilentServer()) {
            TransportSession session = fixture.open(Map.of("url", "ws://127.0.0.1:" + silent.socket.getLocalPort() + "/ws/chat",
                    "handshake_timeout_ms", "300"));
            session.connect();
            Eventually.until("a second attempt", Duration.ofSeconds(5), () -> silent.requests.size() >= 2);
            session.disconnect();

            String upgrade = silent.requests.get(0).toLowerCase();
            assertTrue(upgrade.contains("origin: https://web.whatsapp.com"), upgrade);
            assertTrue(upgrade.contains("cache-control: no-cache"), upgrade);
            assertTrue(upgrade.contains("pragma: no-cache"), upgrade);
        }
    }

    @Test
    void anUnansweredLoginIsGivenUpAndRetried() throws Exception {
        try (SandboxSessions fixture = SandboxSessions.start()) {
            TransportSession session = fixture.open(Map.of("login_timeout_ms", "500"));
            String jid = fixture.pair(session, "+34600000301");
            int before = fixture.sandbox().loginAttempts(jid);
            fixture.sandbox().delayFrames(1500); // <success> comes after the login timeout
            fixture.sandbox().drop(jid);
            Eventually.until("at least two logins given up", Duration.ofSeconds(8), () -> fixture.sandbox().loginAttempts(jid) >= before + 2);
            fixture.sandbox().delayFrames(0);
            Eventually.until("logged in again", Duration.ofSeconds(10), session::isConnected);
        }
    }

    @Test
    void logoutWaitsForTheServersAnswerBeforeWiping() throws Exception {
        try (SandboxSessions fixture = SandboxSessions.start()) {
            TransportSession session = fixture.open(Map.of());
            fixture.pair(session, "+34600000302");
            fixture.sandbox().delayFrames(400);
            long start = System.nanoTime();
            session.logout().get(5, TimeUnit.SECONDS);
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(350), "it waited for the answer");
            assertEquals(List.of(), fixture.sandbox().linkedDevices("+34600000302"), "the server unlinked the device");
            assertFalse(session.isConnected());
        }
    }

    @Test
    void logoutIsBoundedWhenTheServerDoesNotAnswer() throws Exception {
        try (SandboxSessions fixture = SandboxSessions.start()) {
            TransportSession session = fixture.open(Map.of("logout_timeout_ms", "300"));
            fixture.pair(session, "+34600000303");
            fixture.sandbox().delayFrames(5000);
            long start = System.nanoTime();
            // Bounded: the keys are wiped all the same, and the caller learns WhatsApp did not confirm.
            ExecutionException unconfirmed = assertThrows(ExecutionException.class, () -> session.logout().get(3, TimeUnit.SECONDS));
            assertTrue(unconfirmed.getCause().getMessage().contains("did not answer"), unconfirmed.getCause().getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
            fixture.next(TransportEvent.LoggedOut.class);
        }
    }
}
