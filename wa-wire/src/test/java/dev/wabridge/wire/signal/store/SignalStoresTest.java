package dev.wabridge.wire.signal.store;

import dev.wabridge.testkit.MemoryKeyStore;
import dev.wabridge.testkit.MemoryKeyStores;
import dev.wabridge.wire.appstate.AppStateKeyStore;
import dev.wabridge.wire.appstate.AppStateVersionStore;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The typed stores over the key-store SPI: what the Signal and app-state layers will rely on
 * (identity change results, prekey ids and upload marks, user-wide deletes that do not spill
 * into a user whose number starts the same, the LID migration, and one transaction for a
 * decrypt's writes that leaves nothing when it fails half-way).
 */
class SignalStoresTest {
    private final MemoryKeyStores backing = new MemoryKeyStores();
    private final MemoryKeyStore keys = backing.session(1);
    private final SignalStores stores = new SignalStores(keys);

    private static SignalAddress pn(String user, int device) {
        return new SignalAddress(user, Jid.USER_SERVER, device);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void addressesRoundTripAndRefuseAmbiguousParts() {
        SignalAddress a = SignalAddress.of(Jid.parse("34600000001:3@s.whatsapp.net"));
        assertEquals("34600000001@s.whatsapp.net:3", a.key());
        assertEquals(a, SignalAddress.parse(a.key()));
        assertEquals(new SignalAddress("1234", "lid", 0), SignalAddress.parse("1234@lid:0"));
        assertThrows(IllegalArgumentException.class, () -> new SignalAddress("12:3", "s.whatsapp.net", 0));
        assertThrows(IllegalArgumentException.class, () -> new SignalAddress("123", "s.whatsapp.net", -1));
    }

    @Test
    void identitiesAreTrustedOnFirstUseAndAChangeIsReported() {
        IdentityStore ids = stores.identities();
        SignalAddress alice = pn("34600000001", 0);
        assertTrue(ids.isTrusted(alice, b("key-1")));
        assertEquals(IdentityStore.Change.NEW, ids.save(alice, b("key-1")));
        assertEquals(IdentityStore.Change.UNCHANGED, ids.save(alice, b("key-1")));
        assertFalse(ids.isTrusted(alice, b("key-2")));
        assertEquals(IdentityStore.Change.REPLACED, ids.save(alice, b("key-2")));
        assertArrayEquals(b("key-2"), ids.get(alice).orElseThrow());
    }

    @Test
    void aUserWideDeleteLeavesUsersWithALongerNumberAlone() {
        SignalSessionStore sessions = stores.sessions();
        sessions.store(pn("123", 0), b("a"));
        sessions.store(pn("123", 7), b("b"));
        sessions.store(pn("1234", 0), b("c"));
        sessions.store(new SignalAddress("123", "lid", 0), b("d"));
        assertEquals(Set.of(pn("123", 0), pn("123", 7)), Set.copyOf(sessions.devices("123", Jid.USER_SERVER)));
        sessions.deleteUser("123", Jid.USER_SERVER);
        assertFalse(sessions.contains(pn("123", 0)));
        assertFalse(sessions.contains(pn("123", 7)));
        assertTrue(sessions.contains(pn("1234", 0)));
        assertTrue(sessions.contains(new SignalAddress("123", "lid", 0)));
    }

    @Test
    void loadManyReturnsOnlyThePresentRecords() {
        SignalSessionStore sessions = stores.sessions();
        sessions.store(pn("1", 0), b("x"));
        sessions.store(pn("2", 1), b("y"));
        Map<SignalAddress, byte[]> got = sessions.loadMany(List.of(pn("1", 0), pn("2", 1), pn("3", 0)));
        assertEquals(Set.of(pn("1", 0), pn("2", 1)), got.keySet());
        assertArrayEquals(b("y"), got.get(pn("2", 1)));
    }

    @Test
    void migratingToTheLidMovesEveryDeviceAndRecordsTheMappingInOneCommit() {
        stores.sessions().store(pn("34600000001", 0), b("phone-0"));
        stores.sessions().store(pn("34600000001", 2), b("phone-2"));
        int moved = stores.transaction(tx -> {
            tx.lids().put("34600000001", "987654321");
            return tx.sessions().migrate("34600000001", Jid.USER_SERVER, "987654321", Jid.LID_SERVER);
        });
        assertEquals(2, moved);
        assertTrue(stores.sessions().devices("34600000001", Jid.USER_SERVER).isEmpty());
        assertArrayEquals(b("phone-2"), stores.sessions().load(new SignalAddress("987654321", "lid", 2)).orElseThrow());
        assertEquals("987654321", stores.lids().lidFor("34600000001").orElseThrow());
        assertEquals("34600000001", stores.lids().phoneFor("987654321").orElseThrow());
        // The map is shared: another linked number sees it.
        assertEquals("987654321", new SignalStores(backing.session(2)).lids().lidFor("34600000001").orElseThrow());
    }

    @Test
    void aNewLidForAPhoneReplacesTheOldPairBothWays() {
        stores.lids().put("346", "111");
        stores.lids().put("346", "222");
        assertEquals("222", stores.lids().lidFor("346").orElseThrow());
        assertTrue(stores.lids().phoneFor("111").isEmpty());
        assertEquals(Map.of("346", "222"), stores.lids().lidsFor(List.of("346", "999")));
    }

    @Test
    void aDecryptThatFailsHalfWayLeavesNothingBehind() {
        PreKeyStore.PreKey consumed = stores.preKeys().getOrGenerate(3).get(0);
        byte[] hash = EventBuffer.hash(b("ciphertext"));
        assertThrows(IllegalStateException.class, () -> stores.transaction(tx -> {
            tx.sessions().store(pn("34600000001", 0), b("ratcheted"));
            tx.preKeys().remove(consumed.id());
            tx.eventBuffer().put(hash, b("hello"));
            tx.lids().put("34600000001", "42");
            throw new IllegalStateException("the daemon's write failed");
        }));
        assertFalse(stores.sessions().contains(pn("34600000001", 0)));
        assertTrue(stores.preKeys().load(consumed.id()).isPresent());
        assertTrue(stores.eventBuffer().get(hash).isEmpty());
        assertTrue(stores.lids().lidFor("34600000001").isEmpty());

        stores.transaction(tx -> {
            tx.sessions().store(pn("34600000001", 0), b("ratcheted"));
            tx.preKeys().remove(consumed.id());
            tx.eventBuffer().put(hash, b("hello"));
            return null;
        });
        assertTrue(stores.preKeys().load(consumed.id()).isEmpty());
        assertArrayEquals(b("hello"), stores.eventBuffer().get(hash).orElseThrow(), "a redelivery is answered from the buffer");
    }

    @Test
    void preKeysCountUpAreMarkedUploadedAndAreNeverReused() {
        PreKeyStore preKeys = stores.preKeys();
        List<PreKeyStore.PreKey> first = preKeys.getOrGenerate(5);
        assertEquals(List.of(1, 2, 3, 4, 5), first.stream().map(PreKeyStore.PreKey::id).toList());
        assertEquals(first, preKeys.getOrGenerate(5), "not uploaded yet: the same keys again");
        assertEquals(first.subList(0, 2), preKeys.getOrGenerate(2), "at most count of them, oldest first");
        preKeys.markUploaded(5);
        assertEquals(5, preKeys.uploadedCount());
        preKeys.remove(1);
        assertEquals(4, preKeys.uploadedCount());
        List<PreKeyStore.PreKey> more = preKeys.getOrGenerate(2);
        assertEquals(List.of(6, 7), more.stream().map(PreKeyStore.PreKey::id).toList(), "ids are never reused");
        KeyPair stored = preKeys.load(6).orElseThrow().keyPair();
        assertEquals(more.get(0).keyPair(), stored);
        assertFalse(preKeys.load(6).orElseThrow().uploaded());
    }

    @Test
    void theCurrentSignedPreKeyRotatesAndTheOldOneStaysReadable() {
        SignedPreKeyStore spk = stores.signedPreKeys();
        byte[] sig = new byte[64];
        sig[0] = 1;
        SignedPreKeyStore.SignedPreKey one = new SignedPreKeyStore.SignedPreKey(1, Curve25519.generate(), sig, Instant.ofEpochSecond(100));
        SignedPreKeyStore.SignedPreKey two = new SignedPreKeyStore.SignedPreKey(2, Curve25519.generate(), sig, Instant.ofEpochSecond(200));
        spk.storeCurrent(one);
        spk.storeCurrent(two);
        assertEquals(2, spk.current().orElseThrow().id());
        assertEquals(one.keyPair(), spk.load(1).orElseThrow().keyPair());
        assertEquals(Instant.ofEpochSecond(200), spk.current().orElseThrow().createdAt());
        assertArrayEquals(sig, spk.current().orElseThrow().signature());
    }

    @Test
    void aSignedPreKeyCanWaitBeforeItBecomesCurrent() {
        SignedPreKeyStore spk = stores.signedPreKeys();
        byte[] sig = new byte[64];
        SignedPreKeyStore.SignedPreKey one = new SignedPreKeyStore.SignedPreKey(1, Curve25519.generate(), sig, Instant.ofEpochSecond(100));
        SignedPreKeyStore.SignedPreKey two = new SignedPreKeyStore.SignedPreKey(2, Curve25519.generate(), sig, Instant.ofEpochSecond(200));
        spk.storeCurrent(one);
        spk.store(two);
        assertEquals(1, spk.current().orElseThrow().id(), "stored, not current");
        assertEquals(two.keyPair(), spk.load(2).orElseThrow().keyPair());
        assertEquals(List.of(1, 2), spk.ids(), "the current marker is not an id");
        spk.makeCurrent(2);
        spk.remove(1);
        assertEquals(2, spk.current().orElseThrow().id());
        assertEquals(List.of(2), spk.ids());
    }

    @Test
    void senderKeysAreKeptPerGroupAndSender() {
        SenderKeyStore sk = stores.senderKeys();
        sk.store("123@g.us", pn("1", 0), b("a"));
        sk.store("123@g.us", pn("2", 0), b("b"));
        sk.store("1234@g.us", pn("1", 0), b("c"));
        sk.deleteGroup("123@g.us");
        assertTrue(sk.load("123@g.us", pn("1", 0)).isEmpty());
        assertArrayEquals(b("c"), sk.load("1234@g.us", pn("1", 0)).orElseThrow());
    }

    @Test
    void appStateKeysAndVersionsRoundTrip() {
        AppStateKeyStore keysStore = stores.appStateKeys();
        keysStore.put(new AppStateKeyStore.SyncKey(new byte[]{1}, b("old"), b("fp1"), 1000));
        keysStore.put(new AppStateKeyStore.SyncKey(new byte[]{2}, b("new"), b("fp2"), 2000));
        assertArrayEquals(b("old"), keysStore.get(new byte[]{1}).orElseThrow().keyData());
        assertArrayEquals(new byte[]{2}, keysStore.latest().orElseThrow().keyId());

        AppStateVersionStore versions = stores.appStateVersions();
        versions.putVersion("regular", new AppStateVersionStore.Version(7, new byte[128]));
        Map<byte[], byte[]> macs = new LinkedHashMap<>();
        macs.put(new byte[]{9}, b("value-mac"));
        versions.putValueMacs("regular", macs);
        assertEquals(7, versions.version("regular").orElseThrow().version());
        assertArrayEquals(b("value-mac"), versions.valueMac("regular", new byte[]{9}).orElseThrow());
        Map<byte[], byte[]> removal = new LinkedHashMap<>();
        removal.put(new byte[]{9}, null);
        versions.putValueMacs("regular", removal);
        assertTrue(versions.valueMac("regular", new byte[]{9}).isEmpty());
        versions.delete("regular");
        assertTrue(versions.version("regular").isEmpty());
        assertEquals(Set.of(), keys.keys("app-state-mac").stream().collect(Collectors.toSet()));
    }

    @Test
    void logoutClearsTheSessionButNotTheSharedMap() {
        stores.sessions().store(pn("1", 0), b("x"));
        stores.lids().put("1", "2");
        keys.clear();
        assertFalse(stores.sessions().contains(pn("1", 0)));
        assertEquals("2", stores.lids().lidFor("1").orElseThrow());
    }
}
