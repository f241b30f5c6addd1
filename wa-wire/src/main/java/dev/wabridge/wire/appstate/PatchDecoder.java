package dev.wabridge.wire.appstate;

import dev.wabridge.wire.crypto.HmacSha256;
import dev.wabridge.wire.proto.SyncdMutation;
import dev.wabridge.wire.proto.SyncdMutation.SyncdOperation;
import dev.wabridge.wire.proto.SyncdPatch;
import dev.wabridge.wire.proto.SyncdRecord;
import dev.wabridge.wire.proto.SyncdSnapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies what the server sent for one collection to where we stand (whatsmeow
 * appstate/decode.go DecodePatches, decodeSnapshot, validatePatch; Baileys chat-utils.ts
 * decodePatches, decodeSyncdSnapshot, decodeSyncdPatch): an optional snapshot first (it
 * replaces the state: the LT-hash of its records from zero, checked against its MAC), then each
 * patch in order: the LT-hash moved over its mutations must give the patch's snapshot MAC at
 * its version, the patch MAC must match, and every mutation's value and index MACs. Any
 * mismatch or missing key fails the whole run, so nothing half-applied is stored.
 */
public final class PatchDecoder {
    /** The mutations in order, the state after the last patch, and the value MAC changes to store with it. */
    public record Result(List<Mutation> mutations, AppStateVersionStore.Version state, Map<String, byte[]> valueMacs,
                         boolean fromSnapshot) {
    }

    private final String collection;
    private final Function<byte[], Optional<byte[]>> keyData;
    private final Function<byte[], Optional<byte[]>> storedMacs;
    private final Map<String, MutationKeys> expanded = new HashMap<>();

    /**
     * @param keyData    the app-state key data for a key id, if the phone shared it
     * @param storedMacs the value MAC stored for an index MAC at {@code start} (ignored after a snapshot)
     */
    public PatchDecoder(String collection, Function<byte[], Optional<byte[]>> keyData, Function<byte[], Optional<byte[]>> storedMacs) {
        this.collection = collection;
        this.keyData = keyData;
        this.storedMacs = storedMacs;
    }

    public Result decode(AppStateVersionStore.Version start, Optional<SyncdSnapshot> snapshot, List<SyncdPatch> patches)
            throws AppStateException {
        List<Mutation> out = new ArrayList<>();
        AppStateVersionStore.Version state = start;
        MacLedger ledger = new MacLedger(snapshot.isPresent() ? indexMac -> Optional.empty() : storedMacs);
        if (snapshot.isPresent()) {
            state = snapshot(snapshot.get(), ledger, out);
        }
        for (SyncdPatch patch : patches) {
            long version = patch.hasVersion() ? patch.getVersion().getVersion() : state.version() + 1;
            if (version <= state.version()) {
                continue; // already applied (a repeated answer)
            }
            if (patch.hasExternalMutations()) {
                throw AppStateException.malformed("patch v" + version + " of " + collection
                        + " keeps its mutations in an external blob that was not downloaded (ExternalBlobContents.withMutations)");
            }
            MutationKeys keys = keys(patch.getKeyId().getId().toByteArray());
            byte[] hash = ledger.apply(state.hash(), patch.getMutationsList());
            byte[] snapshotMac = AppStateMacs.snapshotMac(hash, version, collection, keys.snapshotMac());
            if (!HmacSha256.equalsConstantTime(snapshotMac, patch.getSnapshotMac().toByteArray())) {
                throw AppStateException.badMac("the LT-hash of " + collection + " at v" + version);
            }
            List<byte[]> valueMacs = new ArrayList<>();
            for (SyncdMutation m : patch.getMutationsList()) {
                valueMacs.add(MutationCipher.valueMacOf(m.getRecord()));
            }
            byte[] patchMac = AppStateMacs.patchMac(patch.getSnapshotMac().toByteArray(), valueMacs, version, collection, keys.patchMac());
            if (!HmacSha256.equalsConstantTime(patchMac, patch.getPatchMac().toByteArray())) {
                throw AppStateException.badMac("the patch MAC of " + collection + " v" + version);
            }
            for (SyncdMutation m : patch.getMutationsList()) {
                out.add(open(m.getOperation(), m.getRecord()));
            }
            state = new AppStateVersionStore.Version(version, hash);
        }
        return new Result(out, state, ledger.changes(), snapshot.isPresent());
    }

    private AppStateVersionStore.Version snapshot(SyncdSnapshot s, MacLedger ledger, List<Mutation> out) throws AppStateException {
        long version = s.getVersion().getVersion();
        List<SyncdMutation> sets = new ArrayList<>();
        for (SyncdRecord r : s.getRecordsList()) {
            sets.add(SyncdMutation.newBuilder().setOperation(SyncdOperation.SET).setRecord(r).build());
        }
        byte[] hash = ledger.apply(new byte[LtHash.SIZE], sets);
        MutationKeys keys = keys(s.getKeyId().getId().toByteArray());
        if (!HmacSha256.equalsConstantTime(AppStateMacs.snapshotMac(hash, version, collection, keys.snapshotMac()), s.getMac().toByteArray())) {
            throw AppStateException.badMac("the snapshot MAC of " + collection + " at v" + version);
        }
        for (SyncdRecord r : s.getRecordsList()) {
            out.add(open(SyncdOperation.SET, r));
        }
        return new AppStateVersionStore.Version(version, hash);
    }

    private Mutation open(SyncdOperation operation, SyncdRecord r) throws AppStateException {
        return MutationCipher.open(operation, r, keys(r.getKeyId().getId().toByteArray()));
    }

    private MutationKeys keys(byte[] keyId) throws AppStateException {
        String hex = HexFormat.of().formatHex(keyId);
        MutationKeys k = expanded.get(hex);
        if (k == null) {
            k = MutationKeys.expand(keyData.apply(keyId).orElseThrow(() -> AppStateException.missingKey(keyId)));
            expanded.put(hex, k);
        }
        return k;
    }
}
