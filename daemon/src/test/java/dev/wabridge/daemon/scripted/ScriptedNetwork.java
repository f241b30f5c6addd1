package dev.wabridge.daemon.scripted;

import dev.wabridge.transport.TransportEvent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The test-scope stand-in for WhatsApp's servers and the users' phones, for daemon tests
 * (the wire-level sandbox comes with the transport issue). Static so tests can reach the
 * sessions the daemon opened through ServiceLoader. Reset between tests.
 */
public final class ScriptedNetwork {
    /** One send the "server" received. */
    public record Delivery(long sessionId, String messageId, String phone, String text, Instant at) {
    }

    static final Map<Long, ScriptedSession> SESSIONS = new ConcurrentHashMap<>();
    static final List<Delivery> ATTEMPTS = new CopyOnWriteArrayList<>();
    /** When set, every archive fails with this reason (as a transport without app-state keys would). */
    static volatile String archiveFailure;

    private ScriptedNetwork() {
    }

    public static void reset() {
        SESSIONS.clear();
        ATTEMPTS.clear();
        archiveFailure = null;
    }

    /** Archives fail with {@code reason} from now on (null: they work again). */
    public static void failArchives(String reason) {
        archiveFailure = reason;
    }

    public static ScriptedSession session(long sessionId) {
        ScriptedSession s = SESSIONS.get(sessionId);
        if (s == null) {
            throw new IllegalStateException("no scripted session " + sessionId + " (have " + SESSIONS.keySet() + ")");
        }
        return s;
    }

    /** A phone scans a QR string shown by some session. */
    public static boolean scan(String qr, String phone) {
        for (ScriptedSession s : SESSIONS.values()) {
            if (s.acceptScan(qr, phone)) {
                return true;
            }
        }
        return false;
    }

    /** Every attempt, in order (resends of one id included). */
    public static List<Delivery> attempts() {
        return new ArrayList<>(ATTEMPTS);
    }

    /** What recipients saw: one message per id (WhatsApp clients drop a repeated id). */
    public static List<Delivery> delivered() {
        Map<String, Delivery> byId = new LinkedHashMap<>();
        for (Delivery d : ATTEMPTS) {
            byId.putIfAbsent(d.messageId(), d);
        }
        return new ArrayList<>(byId.values());
    }

    static void record(Delivery d, Path journal) {
        ATTEMPTS.add(d);
        if (journal != null) {
            String line = d.sessionId() + "\t" + d.messageId() + "\t" + d.phone() + "\t" + d.text().replace('\n', ' ') + "\t" + d.at() + "\n";
            try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
                ch.force(true); // the "server" has it even if the daemon dies right after
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static void incoming(long sessionId, String from, String text) {
        session(sessionId).emit(new TransportEvent.IncomingMessage("IN" + System.nanoTime(), from, "Customer", text, Instant.now()));
    }
}
