package dev.wabridge.wire.appstate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabridge.wire.crypto.Vectors;
import dev.wabridge.wire.proto.ExternalBlobReference;
import dev.wabridge.wire.proto.SyncdPatch;
import dev.wabridge.wire.proto.SyncdSnapshot;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known answers from Baileys 6.17.16 for snapshots and external blobs (the "blobs" part of
 * vectors/appstate-baileys.json, made by .ci/interop/appstate-vectors.cjs): Baileys'
 * encryptedStream('md-app-state') sealed a snapshot and a patch's mutations on fixed media keys;
 * we seal the same bytes, open Baileys' files, and apply the snapshot (records Baileys'
 * encodeSyncdPatch made, served at v2 with patch v2's snapshot MAC, which Baileys'
 * decodeSyncdSnapshot verified) and then the patch whose mutations were in the blob.
 */
class ExternalBlobVectorsTest {
    private static final JsonNode V = Vectors.load("appstate-baileys.json");
    private static final JsonNode B = V.get("blobs");

    private static byte[] hex(JsonNode n, String field) {
        return Vectors.hex(n.get(field));
    }

    private static PatchDecoder decoder() {
        byte[] keyData = hex(V.get("mutationKeys"), "keyData");
        return new PatchDecoder(ChatActions.REGULAR_LOW,
                id -> HexFormat.of().formatHex(id).equals(V.get("keyId").asText()) ? Optional.of(keyData) : Optional.empty(),
                index -> Optional.empty());
    }

    @Test
    void sealingIsBaileysEncryptedStream() {
        for (JsonNode blob : List.of(B.get("snapshot").get("blob"), B.get("externalPatch").get("blob"))) {
            assertEquals("WhatsApp App State Keys", blob.get("hkdfInfo").asText());
            ExternalBlobCipher.Sealed s = ExternalBlobCipher.seal(hex(blob, "mediaKey"), hex(blob, "plain"));
            assertArrayEquals(hex(blob, "file"), s.file());
            assertArrayEquals(hex(blob, "fileSha256"), s.fileSha256());
            assertArrayEquals(hex(blob, "fileEncSha256"), s.fileEncSha256());
            byte[] file = s.file();
            assertArrayEquals(hex(blob, "mac"), java.util.Arrays.copyOfRange(file, file.length - ExternalBlobCipher.MAC_LENGTH, file.length));
        }
    }

    @Test
    void baileysSnapshotBlobOpensAndApplies() throws Exception {
        JsonNode s = B.get("snapshot");
        ExternalBlobReference ref = ExternalBlobReference.parseFrom(hex(s, "reference"));
        SyncdSnapshot snapshot = ExternalBlobContents.snapshot(ChatActions.REGULAR_LOW, ref, hex(s.get("blob"), "file"));
        assertArrayEquals(hex(s, "encoded"), snapshot.toByteArray());

        PatchDecoder.Result r = decoder().decode(new AppStateVersionStore.Version(0, new byte[LtHash.SIZE]), Optional.of(snapshot), List.of());
        assertTrue(r.fromSnapshot());
        assertEquals(s.get("version").asLong(), r.state().version());
        assertArrayEquals(hex(s, "ltHash"), r.state().hash());
        assertEquals(2, r.valueMacs().size());
        assertEquals(List.of(new ChatActions.Archived(B.get("chats").get(0).asText(), true),
                        new ChatActions.Archived(B.get("chats").get(1).asText(), true)),
                r.mutations().stream().map(m -> ChatActions.archived(m).orElseThrow()).toList());
    }

    @Test
    void baileysExternalMutationsOpenAndApplyAfterTheSnapshot() throws Exception {
        JsonNode s = B.get("snapshot");
        JsonNode p = B.get("externalPatch");
        SyncdSnapshot snapshot = ExternalBlobContents.snapshot(ChatActions.REGULAR_LOW,
                ExternalBlobReference.parseFrom(hex(s, "reference")), hex(s.get("blob"), "file"));
        SyncdPatch external = SyncdPatch.parseFrom(hex(p, "encoded"));
        assertEquals(0, external.getMutationsCount());
        SyncdPatch patch = ExternalBlobContents.withMutations(ChatActions.REGULAR_LOW, external, hex(p.get("blob"), "file"));
        assertEquals(1, patch.getMutationsCount());
        assertArrayEquals(hex(p, "mutations"), dev.wabridge.wire.proto.SyncdMutations.newBuilder()
                .addAllMutations(patch.getMutationsList()).build().toByteArray());

        PatchDecoder.Result r = decoder().decode(new AppStateVersionStore.Version(0, new byte[LtHash.SIZE]), Optional.of(snapshot),
                List.of(patch));
        assertEquals(p.get("version").asLong(), r.state().version());
        assertArrayEquals(hex(p, "ltHash"), r.state().hash());
        assertEquals(new ChatActions.Archived(B.get("chats").get(2).asText(), true), ChatActions.archived(r.mutations().get(2)).orElseThrow());
        assertEquals(3, r.valueMacs().size());
    }
}
