package dev.wabridge.wire.appstate;

import com.google.protobuf.ByteString;
import dev.wabridge.wire.proto.ExternalBlobReference;
import dev.wabridge.wire.proto.KeyId;
import dev.wabridge.wire.proto.SyncdMutation;
import dev.wabridge.wire.proto.SyncdMutation.SyncdOperation;
import dev.wabridge.wire.proto.SyncdPatch;
import dev.wabridge.wire.proto.SyncdRecord;
import dev.wabridge.wire.proto.SyncdSnapshot;
import dev.wabridge.wire.proto.SyncdValue;
import dev.wabridge.wire.proto.SyncdVersion;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PatchEncoder} → server → {@link PatchDecoder} as two devices of one account see it:
 * the decoder reaches the encoder's state; overwrites within a patch and across patches move the
 * LT-hash right; every tampered MAC, a missing key and external mutations fail the whole run;
 * a snapshot replaces the state; a patch already applied is skipped.
 */
class PatchRoundTripTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] KEY_ID = {0, 0, 0, 1, 0, 9};
    private static final byte[] KEY_DATA = new byte[32];
    private static final MutationKeys KEYS = MutationKeys.expand(KEY_DATA);
    private static final String CHAT = "34600000002@s.whatsapp.net";
    private static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");
    private static final AppStateVersionStore.Version ZERO = new AppStateVersionStore.Version(0, new byte[LtHash.SIZE]);

    /** One device's view: its state and stored value MACs. */
    private static final class Device {
        AppStateVersionStore.Version state = ZERO;
        final Map<String, byte[]> macs = new HashMap<>();

        Optional<byte[]> mac(byte[] index) {
            return Optional.ofNullable(macs.get(HexFormat.of().formatHex(index)));
        }

        void store(AppStateVersionStore.Version v, Map<String, byte[]> changes) {
            state = v;
            changes.forEach((k, m) -> {
                if (m == null) {
                    macs.remove(k);
                } else {
                    macs.put(k, m);
                }
            });
        }

        SyncdPatch send(List<Mutation> mutations) throws AppStateException {
            PatchEncoder.Encoded e = PatchEncoder.encode(ChatActions.REGULAR_LOW, state, mutations, KEY_ID, KEYS, this::mac, PatchRoundTripTest::iv);
            store(e.next(), e.valueMacs());
            return e.patch().toBuilder().setVersion(SyncdVersion.newBuilder().setVersion(e.next().version())).build();
        }

        PatchDecoder.Result receive(List<SyncdPatch> patches) throws AppStateException {
            PatchDecoder.Result r = decoder(this).decode(state, Optional.empty(), patches);
            store(r.state(), r.valueMacs());
            return r;
        }
    }

    private static byte[] iv() {
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        return iv;
    }

    private static PatchDecoder decoder(Device d) {
        return new PatchDecoder(ChatActions.REGULAR_LOW, id -> java.util.Arrays.equals(id, KEY_ID) ? Optional.of(KEY_DATA) : Optional.empty(), d::mac);
    }

    @Test
    void aSecondDeviceReachesTheSameStateAndReadsTheArchive() throws Exception {
        Device phone = new Device();
        Device companion = new Device();
        List<SyncdPatch> server = new ArrayList<>();
        server.add(companion.send(ChatActions.archive(CHAT, true, AT)));
        server.add(companion.send(ChatActions.archive(CHAT, false, AT.plusSeconds(5))));
        server.add(companion.send(ChatActions.archive(CHAT, true, AT.plusSeconds(9))));

        PatchDecoder.Result r = phone.receive(server);
        assertEquals(3, phone.state.version());
        assertArrayEquals(companion.state.hash(), phone.state.hash());
        assertEquals(companion.macs.keySet(), phone.macs.keySet());
        assertEquals(5, r.mutations().size(), "archive+pin, unarchive, archive+pin");
        List<Boolean> archived = r.mutations().stream().flatMap(m -> ChatActions.archived(m).stream()).map(ChatActions.Archived::archived).toList();
        assertEquals(List.of(true, false, true), archived);
        assertEquals(ChatActions.PIN, r.mutations().get(1).index().get(0));
        assertEquals(false, r.mutations().get(1).value().getPinAction().getPinned());

        // and back the other way: the phone writes, the companion follows
        SyncdPatch fromPhone = phone.send(ChatActions.archive(CHAT, false, AT.plusSeconds(20)));
        companion.receive(List.of(fromPhone));
        assertArrayEquals(phone.state.hash(), companion.state.hash());
        assertEquals(4, companion.state.version());
    }

    @Test
    void anIndexSetTwiceInOnePatchCountsOnce() throws Exception {
        Device a = new Device();
        Device b = new Device();
        List<Mutation> twice = new ArrayList<>(ChatActions.archive(CHAT, true, AT).subList(0, 1));
        twice.addAll(ChatActions.archive(CHAT, false, AT));
        SyncdPatch p = a.send(twice);
        b.receive(List.of(p));
        assertArrayEquals(a.state.hash(), b.state.hash());
        assertEquals(1, a.macs.size());
        Device single = new Device();
        single.send(ChatActions.archive(CHAT, false, AT));
        assertEquals(1, single.macs.size());
    }

    @Test
    void aRemoveTakesTheValueOutOfTheHash() throws Exception {
        Device a = new Device();
        a.send(List.of(ChatActions.archive(CHAT, false, AT).get(0)));
        Mutation unarchive = ChatActions.archive(CHAT, false, AT).get(0);
        a.send(List.of(new Mutation(SyncdOperation.REMOVE, unarchive.index(), unarchive.value(), unarchive.version())));
        assertArrayEquals(new byte[LtHash.SIZE], a.state.hash());
        assertTrue(a.macs.isEmpty());
    }

    @Test
    void everyTamperedMacFailsAndNothingIsApplied() throws Exception {
        Device sender = new Device();
        SyncdPatch good = sender.send(ChatActions.archive(CHAT, true, AT));
        List<UnaryOperator<SyncdPatch>> tampers = List.of(
                p -> p.toBuilder().setSnapshotMac(flip(p.getSnapshotMac())).build(),
                p -> p.toBuilder().setPatchMac(flip(p.getPatchMac())).build(),
                p -> p.toBuilder().setMutations(0, p.getMutations(0).toBuilder().setRecord(p.getMutations(0).getRecord().toBuilder()
                        .setIndex(p.getMutations(0).getRecord().getIndex().toBuilder().setBlob(flip(p.getMutations(0).getRecord().getIndex().getBlob()))))).build(),
                p -> p.toBuilder().setMutations(0, p.getMutations(0).toBuilder().setRecord(p.getMutations(0).getRecord().toBuilder()
                        .setValue(SyncdValue.newBuilder().setBlob(flipAt(p.getMutations(0).getRecord().getValue().getBlob(), 20))))).build(),
                p -> p.toBuilder().setMutations(0, p.getMutations(0).toBuilder().setOperation(SyncdOperation.REMOVE)).build());
        for (UnaryOperator<SyncdPatch> tamper : tampers) {
            Device receiver = new Device();
            AppStateException e = assertThrows(AppStateException.class, () -> receiver.receive(List.of(tamper.apply(good))));
            assertEquals(AppStateException.Kind.BAD_MAC, e.kind(), e.getMessage());
            assertEquals(ZERO, receiver.state);
        }
    }

    @Test
    void aPatchUnderAnUnknownKeyNamesTheKey() throws Exception {
        SyncdPatch good = new Device().send(ChatActions.archive(CHAT, true, AT));
        SyncdPatch otherKey = good.toBuilder().setKeyId(KeyId.newBuilder().setId(ByteString.copyFrom(new byte[]{7}))).build();
        AppStateException e = assertThrows(AppStateException.class, () -> new Device().receive(List.of(otherKey)));
        assertEquals(AppStateException.Kind.MISSING_KEY, e.kind());
        assertArrayEquals(new byte[]{7}, e.keyId());
    }

    @Test
    void externalMutationsAreRefusedWithAReason() throws Exception {
        SyncdPatch external = SyncdPatch.newBuilder().setVersion(SyncdVersion.newBuilder().setVersion(1))
                .setExternalMutations(ExternalBlobReference.newBuilder().setDirectPath("/x")).build();
        AppStateException e = assertThrows(AppStateException.class, () -> new Device().receive(List.of(external)));
        assertEquals(AppStateException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("external blob"), e.getMessage());
    }

    @Test
    void aPatchAlreadyAppliedIsSkipped() throws Exception {
        Device sender = new Device();
        SyncdPatch first = sender.send(ChatActions.archive(CHAT, true, AT));
        Device receiver = new Device();
        receiver.receive(List.of(first));
        PatchDecoder.Result again = receiver.receive(List.of(first));
        assertTrue(again.mutations().isEmpty());
        assertArrayEquals(sender.state.hash(), receiver.state.hash());
    }

    @Test
    void aSnapshotReplacesTheStateThenPatchesFollowIt() throws Exception {
        Device writer = new Device();
        SyncdPatch p1 = writer.send(ChatActions.archive(CHAT, true, AT));
        // the server's snapshot at v1: every record set, MAC over the hash at v1
        List<SyncdRecord> records = p1.getMutationsList().stream().map(SyncdMutation::getRecord).toList();
        SyncdSnapshot snapshot = SyncdSnapshot.newBuilder().setVersion(SyncdVersion.newBuilder().setVersion(1)).addAllRecords(records)
                .setMac(ByteString.copyFrom(AppStateMacs.snapshotMac(writer.state.hash(), 1, ChatActions.REGULAR_LOW, KEYS.snapshotMac())))
                .setKeyId(KeyId.newBuilder().setId(ByteString.copyFrom(KEY_ID))).build();
        SyncdPatch p2 = writer.send(ChatActions.archive(CHAT, false, AT.plusSeconds(1)));

        Device fresh = new Device();
        fresh.macs.put("00", new byte[32]); // a stale MAC from before: the snapshot replaces everything
        PatchDecoder.Result r = decoder(fresh).decode(fresh.state, Optional.of(snapshot), List.of(p2));
        assertTrue(r.fromSnapshot());
        assertEquals(2, r.state().version());
        assertArrayEquals(writer.state.hash(), r.state().hash());
        assertEquals(3, r.mutations().size());

        SyncdSnapshot badMac = snapshot.toBuilder().setMac(flip(snapshot.getMac())).build();
        assertEquals(AppStateException.Kind.BAD_MAC, assertThrows(AppStateException.class,
                () -> decoder(new Device()).decode(ZERO, Optional.of(badMac), List.of())).kind());
    }

    private static ByteString flip(ByteString b) {
        return flipAt(b, 0);
    }

    private static ByteString flipAt(ByteString b, int i) {
        byte[] x = b.toByteArray();
        x[i] ^= 1;
        return ByteString.copyFrom(x);
    }
}
