package dev.wabridge.testkit;

import dev.wabridge.transport.KeyStore;
import dev.wabridge.transport.SharedKeyStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link KeyStore} implementation must do, as tests: extend this class, implement
 * {@link #openSession}, and the store runs the same checks as the others. The transport's
 * Signal code is tested against the in-memory store; this contract is what makes that
 * evidence for the SQLite store too.
 */
public abstract class KeyStoreContract {
    private static final String CREDS = "creds";
    private static final String SESSIONS = "session";
    private static final String PREKEYS = "prekey";
    private static final String LIDS = "lid-mapping";

    /**
     * The store of one session. Every store one test opens must sit on the same backing
     * storage (so they share one {@link KeyStore#shared()} store), and that storage starts
     * empty for each test.
     */
    protected abstract KeyStore openSession(long sessionId);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Optional<byte[]> value) {
        return value.map(v -> new String(v, StandardCharsets.UTF_8)).orElse(null);
    }

    private static Set<String> set(List<String> keys) {
        return new HashSet<>(keys);
    }

    /** Every value of the given namespaces, as text, for "nothing changed" comparisons. */
    private static Map<String, String> contents(KeyStore store, String... namespaces) {
        Map<String, String> all = new TreeMap<>();
        for (String ns : namespaces) {
            for (String k : store.keys(ns)) {
                all.put(ns + "/" + k, text(store.get(ns, k)));
            }
            for (String k : store.shared().keys(ns)) {
                all.put("shared:" + ns + "/" + k, text(store.shared().get(ns, k)));
            }
        }
        return all;
    }

    @Test
    void aValuePutIsReadBackAndAPutReplacesIt() {
        KeyStore store = openSession(1);
        store.put(CREDS, "noise", bytes("first"));
        assertEquals("first", text(store.get(CREDS, "noise")));
        store.put(CREDS, "noise", bytes("second"));
        assertEquals("second", text(store.get(CREDS, "noise")));
        assertEquals(List.of("noise"), store.keys(CREDS));
    }

    @Test
    void aMissingKeyIsEmptyAndDeletingItIsHarmless() {
        KeyStore store = openSession(1);
        assertTrue(store.get(CREDS, "nothing").isEmpty());
        store.delete(CREDS, "nothing");
        store.put(CREDS, "k", bytes("v"));
        store.delete(CREDS, "k");
        assertTrue(store.get(CREDS, "k").isEmpty());
        assertEquals(List.of(), store.keys(CREDS));
    }

    @Test
    void aNullValueIsRefusedNotStored() {
        KeyStore store = openSession(1);
        assertThrows(NullPointerException.class, () -> store.put(CREDS, "k", null));
        assertTrue(store.get(CREDS, "k").isEmpty());
    }

    @Test
    void namespacesKeepTheirOwnKeys() {
        KeyStore store = openSession(1);
        store.put(SESSIONS, "same", bytes("a session"));
        store.put(PREKEYS, "same", bytes("a prekey"));
        assertEquals("a session", text(store.get(SESSIONS, "same")));
        assertEquals("a prekey", text(store.get(PREKEYS, "same")));
        store.delete(SESSIONS, "same");
        assertEquals("a prekey", text(store.get(PREKEYS, "same")));
    }

    @Test
    void keysListsOneNamespaceAndFiltersByALiteralPrefix() {
        KeyStore store = openSession(1);
        store.put(SESSIONS, "1@s.whatsapp.net:0", bytes("a"));
        store.put(SESSIONS, "1@s.whatsapp.net:3", bytes("b"));
        store.put(SESSIONS, "12@s.whatsapp.net:0", bytes("c"));
        store.put(PREKEYS, "1@s.whatsapp.net:9", bytes("other namespace"));
        assertEquals(Set.of("1@s.whatsapp.net:0", "1@s.whatsapp.net:3", "12@s.whatsapp.net:0"), set(store.keys(SESSIONS)));
        assertEquals(Set.of("1@s.whatsapp.net:0", "1@s.whatsapp.net:3"), set(store.keys(SESSIONS, "1@s.whatsapp.net:")));
        assertEquals(Set.of("1@s.whatsapp.net:0", "1@s.whatsapp.net:3", "12@s.whatsapp.net:0"), set(store.keys(SESSIONS, "1")));
        assertEquals(Set.of(), set(store.keys(SESSIONS, "2")));
        assertEquals(set(store.keys(SESSIONS)), set(store.keys(SESSIONS, "")));
    }

    @Test
    void getManyReturnsThePresentKeysOnly() {
        KeyStore store = openSession(1);
        store.put(SESSIONS, "a", bytes("1"));
        store.put(SESSIONS, "b", bytes("2"));
        store.put(PREKEYS, "c", bytes("other namespace"));
        Map<String, byte[]> found = store.getMany(SESSIONS, List.of("a", "b", "c", "missing", "a"));
        assertEquals(Set.of("a", "b"), found.keySet());
        assertArrayEquals(bytes("1"), found.get("a"));
        assertArrayEquals(bytes("2"), found.get("b"));
        assertEquals(Map.of(), store.getMany(SESSIONS, List.of()));
    }

    @Test
    void deletePrefixRemovesThatPrefixInThatNamespaceOfThatSessionOnly() {
        KeyStore store = openSession(1);
        KeyStore other = openSession(2);
        for (String k : List.of("1234@s.whatsapp.net:0", "1234@s.whatsapp.net:7", "12345@s.whatsapp.net:0", "99@s.whatsapp.net:0")) {
            store.put(SESSIONS, k, bytes(k));
            other.put(SESSIONS, k, bytes(k));
        }
        store.put(PREKEYS, "1234@s.whatsapp.net:0", bytes("other namespace"));
        store.shared().put(SESSIONS, "1234@s.whatsapp.net:0", bytes("shared"));

        store.deletePrefix(SESSIONS, "1234@s.whatsapp.net:");

        assertEquals(Set.of("12345@s.whatsapp.net:0", "99@s.whatsapp.net:0"), set(store.keys(SESSIONS)));
        assertEquals(4, other.keys(SESSIONS).size());
        assertTrue(store.get(PREKEYS, "1234@s.whatsapp.net:0").isPresent());
        assertTrue(store.shared().get(SESSIONS, "1234@s.whatsapp.net:0").isPresent());
        store.deletePrefix(SESSIONS, "nothing starts so");
        assertEquals(2, store.keys(SESSIONS).size());
        store.deletePrefix(SESSIONS, "");
        assertEquals(List.of(), store.keys(SESSIONS));
    }

    /** SQL LIKE reads {@code %} and {@code _} as wildcards (and {@code \} may be its escape); a key store must not. */
    @Test
    void prefixesAreLiteralEvenWithLikeWildcardsInThem() {
        KeyStore store = openSession(1);
        List<String> keys = List.of("a_c", "abc", "a%c", "a%%", "aXc", "a\\c", "a\\_c", "b_");
        keys.forEach(k -> store.put(CREDS, k, bytes(k)));

        assertEquals(Set.of("a_c"), set(store.keys(CREDS, "a_")));
        assertEquals(Set.of("a%c", "a%%"), set(store.keys(CREDS, "a%")));
        assertEquals(Set.of("a\\c", "a\\_c"), set(store.keys(CREDS, "a\\")));
        assertEquals(Set.of(), set(store.keys(CREDS, "%")));

        store.deletePrefix(CREDS, "a_");
        store.deletePrefix(CREDS, "a%");
        store.deletePrefix(CREDS, "%");
        store.deletePrefix(CREDS, "_");
        store.deletePrefix(CREDS, "a\\_");
        assertEquals(Set.of("abc", "aXc", "a\\c", "b_"), set(store.keys(CREDS)));
    }

    @Test
    void putAllWritesAndDeletesInOneCall() {
        KeyStore store = openSession(1);
        store.put(PREKEYS, "used", bytes("x"));
        Map<String, byte[]> change = new LinkedHashMap<>();
        change.put("1", bytes("one"));
        change.put("2", bytes("two"));
        change.put("used", null);
        store.putAll(PREKEYS, change);
        assertEquals(Set.of("1", "2"), set(store.keys(PREKEYS)));
        assertEquals("two", text(store.get(PREKEYS, "2")));
    }

    @Test
    void twoSessionsDoNotSeeEachOthersKeys() {
        KeyStore a = openSession(1);
        KeyStore b = openSession(2);
        a.put(CREDS, "identity", bytes("a's"));
        b.put(CREDS, "identity", bytes("b's"));
        a.put(CREDS, "only-a", bytes("x"));
        assertEquals("a's", text(a.get(CREDS, "identity")));
        assertEquals("b's", text(b.get(CREDS, "identity")));
        assertTrue(b.get(CREDS, "only-a").isEmpty());
        assertEquals(Set.of("identity"), set(b.keys(CREDS)));
        assertEquals(Map.of(), b.getMany(CREDS, List.of("only-a")));
    }

    @Test
    void theSharedStoreIsOneForAllSessionsAndApartFromTheirs() {
        KeyStore a = openSession(1);
        KeyStore b = openSession(2);
        a.shared().put(LIDS, "34600000001", bytes("123456789@lid"));
        assertEquals("123456789@lid", text(b.shared().get(LIDS, "34600000001")));
        assertTrue(a.get(LIDS, "34600000001").isEmpty(), "a session's own namespace is not the shared one");
        b.put(LIDS, "own", bytes("b's own"));
        assertEquals(List.of("34600000001"), a.shared().keys(LIDS));
    }

    @Test
    void clearForgetsThisSessionButNotOthersNorTheSharedStore() {
        KeyStore a = openSession(1);
        KeyStore b = openSession(2);
        a.put(CREDS, "identity", bytes("a"));
        a.put(SESSIONS, "x", bytes("a"));
        b.put(CREDS, "identity", bytes("b"));
        a.shared().put(LIDS, "p", bytes("l"));

        a.clear();

        assertEquals(List.of(), a.keys(CREDS));
        assertEquals(List.of(), a.keys(SESSIONS));
        assertEquals("b", text(b.get(CREDS, "identity")));
        assertEquals("l", text(a.shared().get(LIDS, "p")));
        a.put(CREDS, "identity", bytes("relinked"));
        assertEquals("relinked", text(a.get(CREDS, "identity")));
    }

    @Test
    void aTransactionSpansNamespacesAndTheSharedStoreAndSeesItsOwnWrites() {
        KeyStore store = openSession(1);
        store.put(SESSIONS, "34600000001@s.whatsapp.net:0", bytes("pn session"));
        store.put(SESSIONS, "34600000001@s.whatsapp.net:2", bytes("pn session 2"));

        String result = store.transaction(tx -> {
            // Migrate the user's sessions from the phone address to the LID, and record the mapping.
            Map<String, byte[]> pn = tx.getMany(SESSIONS, tx.keys(SESSIONS, "34600000001@s.whatsapp.net:"));
            pn.forEach((k, v) -> tx.put(SESSIONS, k.replace("34600000001@s.whatsapp.net", "777@lid"), v));
            tx.deletePrefix(SESSIONS, "34600000001@s.whatsapp.net:");
            tx.shared().put(LIDS, "34600000001", bytes("777@lid"));
            tx.put(PREKEYS, "5", bytes("used up"));
            tx.delete(PREKEYS, "5");
            assertEquals(Set.of("777@lid:0", "777@lid:2"), set(tx.keys(SESSIONS)));
            assertEquals("777@lid", text(tx.shared().get(LIDS, "34600000001")));
            assertTrue(tx.get(PREKEYS, "5").isEmpty());
            return "migrated";
        });

        assertEquals("migrated", result);
        assertEquals(Set.of("777@lid:0", "777@lid:2"), set(store.keys(SESSIONS)));
        assertEquals("pn session 2", text(store.get(SESSIONS, "777@lid:2")));
        assertEquals("777@lid", text(openSession(2).shared().get(LIDS, "34600000001")));
        assertNull(store.transaction(tx -> null));
    }

    /**
     * Another thread reads while a transaction runs: it must see all of it or none of it.
     * The reader is only started inside the work, never waited for there (work must not wait
     * for other threads).
     */
    @Test
    void anotherThreadSeesATransactionWholeOrNotAtAll() throws Exception {
        KeyStore store = openSession(1);
        KeyStore other = openSession(2);
        List<CompletableFuture<List<Boolean>>> readers = new ArrayList<>();
        store.transaction(tx -> {
            tx.put(SESSIONS, "s", bytes("1"));
            readers.add(CompletableFuture.supplyAsync(() -> List.of(store.get(SESSIONS, "s").isPresent(),
                    store.get(PREKEYS, "p").isPresent(), other.shared().get(LIDS, "l").isPresent())));
            tx.put(PREKEYS, "p", bytes("2"));
            tx.shared().put(LIDS, "l", bytes("3"));
            return null;
        });
        List<Boolean> seen = readers.get(0).get(10, TimeUnit.SECONDS);
        assertTrue(seen.equals(List.of(true, true, true)) || seen.equals(List.of(false, false, false)),
                "a reader saw part of a transaction: " + seen);
    }

    @Test
    void aTransactionThatFailsHalfWayLeavesNothingBehind() {
        KeyStore store = openSession(1);
        store.put(CREDS, "identity", bytes("kept"));
        store.put(SESSIONS, "1@s.whatsapp.net:0", bytes("kept"));
        store.put(SESSIONS, "1@s.whatsapp.net:1", bytes("kept"));
        store.put(PREKEYS, "1", bytes("kept"));
        store.shared().put(LIDS, "1", bytes("kept"));
        Map<String, String> before = contents(store, CREDS, SESSIONS, PREKEYS, LIDS);

        IllegalStateException thrown = new IllegalStateException("bad MAC");
        IllegalStateException caught = assertThrows(IllegalStateException.class, () -> store.transaction(tx -> {
            tx.put(CREDS, "identity", bytes("changed"));
            tx.put(SESSIONS, "2@s.whatsapp.net:0", bytes("new"));
            tx.deletePrefix(SESSIONS, "1@s.whatsapp.net:");
            tx.delete(PREKEYS, "1");
            tx.putAll(PREKEYS, Map.of("2", bytes("new"), "3", bytes("new")));
            tx.shared().put(LIDS, "2", bytes("new"));
            tx.shared().delete(LIDS, "1");
            tx.clear();
            throw thrown;
        }));

        assertSame(thrown, caught, "the work's exception reaches the caller as it was thrown");
        assertEquals(before, contents(store, CREDS, SESSIONS, PREKEYS, LIDS));
    }

    @Test
    void nestedTransactionsJoinTheOuterOneAndFailWithIt() {
        KeyStore store = openSession(1);
        assertThrows(IllegalStateException.class, () -> store.transaction(tx -> {
            int inner = tx.transaction(in -> {
                in.put(SESSIONS, "inner", bytes("x"));
                return in.shared().transaction(shared -> {
                    shared.put(LIDS, "inner", bytes("y"));
                    return 7;
                });
            });
            assertEquals(7, inner);
            assertEquals("x", text(tx.get(SESSIONS, "inner")), "the outer work sees what the inner one wrote");
            assertEquals("y", text(tx.shared().get(LIDS, "inner")));
            throw new IllegalStateException("outer fails after the inner one returned");
        }));
        assertTrue(store.get(SESSIONS, "inner").isEmpty());
        assertTrue(store.shared().get(LIDS, "inner").isEmpty());

        store.transaction(tx -> tx.transaction(in -> {
            in.put(SESSIONS, "inner", bytes("kept"));
            return null;
        }));
        assertEquals("kept", text(store.get(SESSIONS, "inner")));
    }

    /** Work that calls the store object itself, or another session's, joins too (instead of waiting for itself). */
    @Test
    void callsOnAnyStoreFromInsideTheWorkJoinTheTransaction() {
        KeyStore a = openSession(1);
        KeyStore b = openSession(2);
        assertThrows(IllegalStateException.class, () -> a.transaction(tx -> {
            a.put(CREDS, "direct", bytes("x"));
            b.put(CREDS, "other session", bytes("y"));
            a.shared().put(LIDS, "direct", bytes("z"));
            assertEquals("x", text(tx.get(CREDS, "direct")));
            throw new IllegalStateException("roll back");
        }));
        assertTrue(a.get(CREDS, "direct").isEmpty());
        assertTrue(b.get(CREDS, "other session").isEmpty());
        assertTrue(a.shared().get(LIDS, "direct").isEmpty());
    }

    @Test
    void sharedStoreTransactionsAreAllOrNothingToo() {
        SharedKeyStore shared = openSession(1).shared();
        assertThrows(IllegalStateException.class, () -> shared.transaction(tx -> {
            tx.put(LIDS, "1", bytes("a"));
            tx.put("other", "1", bytes("b"));
            throw new IllegalStateException("no");
        }));
        assertEquals(List.of(), shared.keys(LIDS));
        assertEquals(2, (int) shared.transaction(tx -> {
            tx.put(LIDS, "1", bytes("a"));
            tx.put("other", "1", bytes("b"));
            return tx.keys(LIDS).size() + tx.keys("other").size();
        }));
        assertEquals("b", text(shared.get("other", "1")));
    }

    /** Read-modify-write from two threads: transactions must not interleave and lose updates. */
    @Test
    void concurrentReadModifyWriteTransactionsLoseNoUpdate() throws Exception {
        KeyStore a = openSession(1);
        KeyStore b = openSession(2);
        int each = 50;
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            CompletableFuture<Void> one = CompletableFuture.runAsync(() -> increment(a, each), threads);
            CompletableFuture<Void> two = CompletableFuture.runAsync(() -> increment(b, each), threads);
            one.get(60, TimeUnit.SECONDS);
            two.get(60, TimeUnit.SECONDS);
        }
        assertEquals(Integer.toString(2 * each), text(a.shared().get("counter", "n")));
    }

    private static void increment(KeyStore store, int times) {
        for (int i = 0; i < times; i++) {
            store.transaction(tx -> {
                int n = Integer.parseInt(Optional.ofNullable(text(tx.shared().get("counter", "n"))).orElse("0"));
                tx.shared().put("counter", "n", bytes(Integer.toString(n + 1)));
                return null;
            });
        }
    }

    @Test
    void valuesAreCopiedOnTheWayInAndOut() {
        KeyStore store = openSession(1);
        byte[] value = bytes("secret");
        store.put(CREDS, "k", value);
        value[0] = 'X';
        byte[] read = store.get(CREDS, "k").orElseThrow();
        read[0] = 'Y';
        store.getMany(CREDS, List.of("k")).get("k")[0] = 'Z';
        assertEquals("secret", text(store.get(CREDS, "k")));

        Map<String, byte[]> batch = new LinkedHashMap<>();
        batch.put("b", bytes("batch"));
        store.putAll(CREDS, batch);
        batch.get("b")[0] = 'X';
        assertEquals("batch", text(store.get(CREDS, "b")));

        store.transaction(tx -> {
            byte[] inside = bytes("inside");
            tx.put(CREDS, "t", inside);
            inside[0] = 'X';
            tx.get(CREDS, "t").orElseThrow()[1] = 'Y';
            assertEquals("inside", text(tx.get(CREDS, "t")));
            return null;
        });
        assertEquals("inside", text(store.get(CREDS, "t")));
    }

    @Test
    void emptyAndLargeValuesRoundTrip() {
        KeyStore store = openSession(1);
        store.put(CREDS, "empty", new byte[0]);
        assertArrayEquals(new byte[0], store.get(CREDS, "empty").orElseThrow(), "empty is a value, not an absence");
        assertArrayEquals(new byte[0], store.getMany(CREDS, List.of("empty")).get("empty"));

        byte[] large = new byte[2 * 1024 * 1024];
        new Random(7).nextBytes(large);
        store.put(SESSIONS, "large", large);
        assertArrayEquals(large, store.get(SESSIONS, "large").orElseThrow());
        store.shared().put(LIDS, "large", large);
        assertArrayEquals(large, store.shared().get(LIDS, "large").orElseThrow());
    }

    @Test
    void keysWithSpecialCharactersRoundTrip() {
        KeyStore store = openSession(1);
        List<String> keys = List.of("", "%", "_", "a:b", "1234@s.whatsapp.net:3", "123456789@lid:12", "with space",
                "quote'\"", "'; DROP TABLE key_material; --", "back\\slash", "new\nline", "ünïcødé", "emoji 😀", "\uFFFF", "*?[]");
        for (int i = 0; i < keys.size(); i++) {
            store.put(SESSIONS, keys.get(i), bytes(Integer.toString(i)));
        }
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(Integer.toString(i), text(store.get(SESSIONS, keys.get(i))), keys.get(i));
        }
        assertEquals(Set.copyOf(keys), set(store.keys(SESSIONS)));
        assertEquals(Set.of("emoji 😀"), set(store.keys(SESSIONS, "emoji ")));
        assertEquals(Set.of("\uFFFF"), set(store.keys(SESSIONS, "\uFFFF")));
        store.deletePrefix(SESSIONS, "ü");
        assertTrue(store.get(SESSIONS, "ünïcødé").isEmpty());
        assertEquals(keys.size() - 1, store.keys(SESSIONS).size());
    }
}
