package dev.wabridge.wire.appstate;

import com.google.protobuf.ByteString;
import dev.wabridge.wire.proto.KeyId;
import dev.wabridge.wire.proto.SyncdMutation;
import dev.wabridge.wire.proto.SyncdPatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds the patch a device sends to change a collection (whatsmeow appstate/encode.go
 * EncodePatch; Baileys chat-utils.ts encodeSyncdPatch): each mutation sealed with the newest
 * app-state key, the LT-hash moved over them, the version one past the current one, the snapshot
 * MAC of the new hash and version, the patch MAC over it and the value MACs. The server assigns
 * the version, so the patch carries none; the new state is what the collection will be once the
 * server accepted it (the client still reads it back from the server, as whatsmeow does).
 */
public final class PatchEncoder {
    /** The patch and the collection's state after it, with the value MACs it sets (hex index MAC → value MAC). */
    public record Encoded(SyncdPatch patch, AppStateVersionStore.Version next, Map<String, byte[]> valueMacs) {
    }

    private PatchEncoder() {
    }

    /**
     * @param storedMacs the value MAC currently stored for an index MAC (to subtract an overwritten value)
     * @param ivs        a fresh random 16-byte IV per mutation
     */
    public static Encoded encode(String collection, AppStateVersionStore.Version current, List<Mutation> mutations,
                                 byte[] keyId, MutationKeys keys, Function<byte[], Optional<byte[]>> storedMacs,
                                 Supplier<byte[]> ivs) throws AppStateException {
        List<SyncdMutation> sealed = new ArrayList<>();
        for (Mutation m : mutations) {
            sealed.add(SyncdMutation.newBuilder().setOperation(m.operation())
                    .setRecord(MutationCipher.seal(m, keyId, keys, ivs.get())).build());
        }
        MacLedger ledger = new MacLedger(storedMacs);
        byte[] hash = ledger.apply(current.hash(), sealed);
        long version = current.version() + 1;
        byte[] snapshotMac = AppStateMacs.snapshotMac(hash, version, collection, keys.snapshotMac());
        List<byte[]> valueMacs = new ArrayList<>();
        for (SyncdMutation m : sealed) {
            valueMacs.add(MutationCipher.valueMacOf(m.getRecord()));
        }
        SyncdPatch patch = SyncdPatch.newBuilder()
                .setSnapshotMac(ByteString.copyFrom(snapshotMac))
                .setKeyId(KeyId.newBuilder().setId(ByteString.copyFrom(keyId)))
                .addAllMutations(sealed)
                .setPatchMac(ByteString.copyFrom(AppStateMacs.patchMac(snapshotMac, valueMacs, version, collection, keys.patchMac())))
                .build();
        return new Encoded(patch, new AppStateVersionStore.Version(version, hash), ledger.changes());
    }
}
