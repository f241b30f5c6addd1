package dev.wabridge.wire.appstate;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.wire.proto.ExternalBlobReference;
import dev.wabridge.wire.proto.SyncdMutations;
import dev.wabridge.wire.proto.SyncdPatch;
import dev.wabridge.wire.proto.SyncdSnapshot;

/**
 * What an app-state answer keeps on the media servers, once downloaded (whatsmeow appstate/decode.go
 * parseSnapshotInternal and parsePatchListInternal; Baileys chat-utils.ts extractSyncdPatches and
 * downloadExternalPatch): the {@code <snapshot>} reference points at a {@code SyncdSnapshot}; a
 * patch's {@code externalMutations} at a {@code SyncdMutations}, which take the place of the
 * patch's own mutations (its MACs cover them as if they had been inline). Each blob is opened with
 * {@link ExternalBlobCipher}, so a blob that does not verify never reaches the decoder.
 */
public final class ExternalBlobContents {
    private ExternalBlobContents() {
    }

    /** The snapshot of {@code collection} in the downloaded {@code file} of its {@code <snapshot>} reference. */
    public static SyncdSnapshot snapshot(String collection, ExternalBlobReference ref, byte[] file)
            throws AppStateException {
        String what = "snapshot of " + collection;
        byte[] plain = ExternalBlobCipher.open(ref, file, what);
        try {
            SyncdSnapshot s = SyncdSnapshot.parseFrom(plain);
            if (!s.hasVersion() || !s.hasMac() || !s.hasKeyId()) {
                throw AppStateException.malformed("the " + what + " has no version, MAC or key id");
            }
            return s;
        } catch (InvalidProtocolBufferException e) {
            throw AppStateException.malformed("the " + what + " is not a SyncdSnapshot: " + e.getMessage());
        }
    }

    /** {@code patch} with the mutations of the downloaded {@code file} of its {@code externalMutations} in place of its own. */
    public static SyncdPatch withMutations(String collection, SyncdPatch patch, byte[] file) throws AppStateException {
        String what = "mutations of " + collection + " v" + patch.getVersion().getVersion();
        byte[] plain = ExternalBlobCipher.open(patch.getExternalMutations(), file, what);
        SyncdMutations mutations;
        try {
            mutations = SyncdMutations.parseFrom(plain);
        } catch (InvalidProtocolBufferException e) {
            throw AppStateException.malformed("the " + what + " are not SyncdMutations: " + e.getMessage());
        }
        if (mutations.getMutationsCount() == 0) {
            throw AppStateException.malformed("the downloaded " + what + " hold no mutation"); // whatsmeow refuses it too
        }
        return patch.toBuilder().clearExternalMutations().clearMutations().addAllMutations(mutations.getMutationsList()).build();
    }
}
