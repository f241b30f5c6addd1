package dev.wabridge.transport.web.diagnostics;

import dev.wabridge.transport.KeyValueStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stanzas the client could not decode or handle, kept so a bug report can include them: a
 * poison stanza is logged, answered as whatsmeow does and then set aside here instead of
 * dropping the connection (which would bring it back at every login, a reconnect loop).
 *
 * <p>The transport keeps no files, so the quarantine lives in the session's key store,
 * namespace {@value #NAMESPACE}, and is bounded: at most {@value #MAX_ENTRIES} entries (the
 * oldest goes first) of at most {@value #MAX_BYTES} bytes of the raw frame each (the size it
 * had is kept). It is wiped with the rest of the session's keys at logout. Each value is
 * {@code [8 time ms][4 original size][2 reason length][reason UTF-8][bytes]}. Touched only on
 * the session's actor thread.
 */
public final class Quarantine {
    public static final String NAMESPACE = "quarantine";
    public static final int MAX_ENTRIES = 32;
    public static final int MAX_BYTES = 256 << 10;

    /** One quarantined frame or stanza: what was wrong, and its (possibly truncated) bytes. */
    public record Entry(Instant at, String reason, int originalSize, byte[] bytes) {
    }

    private final KeyValueStore store;
    private final Clock clock;
    private long sequence;

    public Quarantine(KeyValueStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Sets {@code raw} aside with why; never throws (a failing store only loses the sample). */
    public void put(String reason, byte[] raw) {
        try {
            byte[] why = reason.getBytes(StandardCharsets.UTF_8);
            why = Arrays.copyOf(why, Math.min(why.length, 1000));
            byte[] kept = Arrays.copyOf(raw, Math.min(raw.length, MAX_BYTES));
            long now = clock.millis();
            byte[] value = ByteBuffer.allocate(14 + why.length + kept.length).putLong(now).putInt(raw.length)
                    .putShort((short) why.length).put(why).put(kept).array();
            store.put(NAMESPACE, String.format("%016x-%08x", now, ++sequence & 0xFFFFFFFFL), value);
            List<String> keys = new ArrayList<>(store.keys(NAMESPACE));
            keys.sort(null);
            for (int i = 0; i < keys.size() - MAX_ENTRIES; i++) {
                store.delete(NAMESPACE, keys.get(i));
            }
        } catch (RuntimeException e) {
            // the sample is lost; the session goes on
        }
    }

    /** What is quarantined, oldest first. */
    public static List<Entry> read(KeyValueStore store) {
        List<String> keys = new ArrayList<>(store.keys(NAMESPACE));
        keys.sort(null);
        List<Entry> out = new ArrayList<>();
        for (String k : keys) {
            store.get(NAMESPACE, k).ifPresent(v -> {
                ByteBuffer b = ByteBuffer.wrap(v);
                Instant at = Instant.ofEpochMilli(b.getLong());
                int size = b.getInt();
                byte[] why = new byte[b.getShort()];
                b.get(why);
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                out.add(new Entry(at, new String(why, StandardCharsets.UTF_8), size, bytes));
            });
        }
        return out;
    }
}
