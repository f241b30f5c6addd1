package dev.wabridge.wire.appstate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabridge.wire.crypto.Vectors;
import dev.wabridge.wire.proto.SyncdMutation.SyncdOperation;
import dev.wabridge.wire.proto.SyncdPatch;
import dev.wabridge.wire.proto.SyncdVersion;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known answers from Baileys 6.17.16 (vectors/appstate-baileys.json, made by
 * .ci/interop/appstate-vectors.cjs with Baileys' own lt-hash.js, hkdf and chat-utils.js
 * chatModificationToAppPatch + encodeSyncdPatch on a fixed key and fixed IVs): the LT-hash, the
 * key expansion, and three patches (archive, unarchive over it, remove) byte for byte, then
 * Baileys' patches decoded by ours as the server would serve them.
 */
class AppStateVectorsTest {
    private static final JsonNode V = Vectors.load("appstate-baileys.json");

    private static byte[] hex(JsonNode n, String field) {
        return Vectors.hex(n.get(field));
    }

    @Test
    void ltHashMatchesBaileys() {
        JsonNode v = V.get("ltHash");
        byte[] h1 = LtHash.subtractThenAdd(new byte[LtHash.SIZE], List.of(), List.of(hex(v, "a"), hex(v, "b")));
        assertArrayEquals(hex(v, "afterAddAB"), h1);
        byte[] h2 = LtHash.subtractThenAdd(h1, List.of(hex(v, "a")), List.of(hex(v, "c")));
        assertArrayEquals(hex(v, "afterSubtractAAddC"), h2);
    }

    @Test
    void mutationKeysMatchBaileys() {
        JsonNode v = V.get("mutationKeys");
        MutationKeys k = MutationKeys.expand(hex(v, "keyData"));
        assertArrayEquals(hex(v, "indexKey"), k.index());
        assertArrayEquals(hex(v, "valueEncryptionKey"), k.valueEncryption());
        assertArrayEquals(hex(v, "valueMacKey"), k.valueMac());
        assertArrayEquals(hex(v, "snapshotMacKey"), k.snapshotMac());
        assertArrayEquals(hex(v, "patchMacKey"), k.patchMac());
    }

    @Test
    void archiveUnarchiveAndRemovePatchesAreBaileysBytes() throws Exception {
        MutationKeys keys = MutationKeys.expand(hex(V.get("mutationKeys"), "keyData"));
        byte[] keyId = hex(V, "keyId");
        Instant at = Instant.ofEpochMilli(V.get("timestampMs").asLong());
        AppStateVersionStore.Version state = new AppStateVersionStore.Version(0, new byte[LtHash.SIZE]);
        Map<String, byte[]> stored = new HashMap<>();
        for (JsonNode p : V.get("patches")) {
            Mutation archive = ChatActions.archive(V.get("jid").asText(), "archive".equals(p.get("name").asText()), at).get(0);
            Mutation m = new Mutation(SyncdOperation.valueOf(p.get("operation").asText()), archive.index(), archive.value(), archive.version());
            assertEquals(p.get("collection").asText(), ChatActions.REGULAR_LOW);
            assertEquals(p.get("apiVersion").asInt(), m.version());
            assertEquals(List.of(p.get("index").get(0).asText(), p.get("index").get(1).asText()), m.index());

            byte[] iv = hex(p, "iv");
            PatchEncoder.Encoded e = PatchEncoder.encode(ChatActions.REGULAR_LOW, state, List.of(m), keyId, keys,
                    index -> Optional.ofNullable(stored.get(HexFormat.of().formatHex(index))), () -> iv);
            String step = p.get("name").asText();
            assertArrayEquals(hex(p, "indexMac"), e.patch().getMutations(0).getRecord().getIndex().getBlob().toByteArray(), step);
            assertArrayEquals(hex(p, "value"), e.patch().getMutations(0).getRecord().getValue().getBlob().toByteArray(), step);
            assertArrayEquals(hex(p, "snapshotMac"), e.patch().getSnapshotMac().toByteArray(), step);
            assertArrayEquals(hex(p, "patchMac"), e.patch().getPatchMac().toByteArray(), step);
            assertArrayEquals(hex(p, "encoded"), e.patch().toByteArray(), step);
            assertEquals(p.get("version").asLong(), e.next().version(), step);
            assertArrayEquals(hex(p, "ltHash"), e.next().hash(), step);
            e.valueMacs().forEach((index, mac) -> {
                if (mac == null) {
                    stored.remove(index);
                } else {
                    stored.put(index, mac);
                }
            });
            state = e.next();
        }
    }

    @Test
    void baileysPatchesDecodeAndCheckOut() throws Exception {
        byte[] keyData = hex(V.get("mutationKeys"), "keyData");
        List<SyncdPatch> served = new ArrayList<>();
        for (JsonNode p : V.get("patches")) {
            served.add(SyncdPatch.parseFrom(hex(p, "encoded")).toBuilder()
                    .setVersion(SyncdVersion.newBuilder().setVersion(p.get("version").asLong())).build());
        }
        PatchDecoder decoder = new PatchDecoder(ChatActions.REGULAR_LOW,
                id -> HexFormat.of().formatHex(id).equals(V.get("keyId").asText()) ? Optional.of(keyData) : Optional.empty(),
                index -> Optional.empty());
        PatchDecoder.Result r = decoder.decode(new AppStateVersionStore.Version(0, new byte[LtHash.SIZE]), Optional.empty(), served);

        JsonNode last = V.get("patches").get(2);
        assertEquals(3, r.state().version());
        assertArrayEquals(hex(last, "ltHash"), r.state().hash());
        assertEquals(3, r.mutations().size());
        assertEquals(new ChatActions.Archived(V.get("jid").asText(), true), ChatActions.archived(r.mutations().get(0)).orElseThrow());
        assertEquals(new ChatActions.Archived(V.get("jid").asText(), false), ChatActions.archived(r.mutations().get(1)).orElseThrow());
        assertEquals(SyncdOperation.REMOVE, r.mutations().get(2).operation());
        assertEquals(V.get("timestampMs").asLong(), r.mutations().get(0).value().getTimestamp());
        assertEquals(V.get("lastMessageTimestamp").asLong(),
                r.mutations().get(0).value().getArchiveChatAction().getMessageRange().getLastMessageTimestamp());
        assertEquals(1, r.valueMacs().size(), "the index was set twice and then removed");
        assertTrue(r.valueMacs().containsKey(last.get("indexMac").asText()));
        assertFalse(r.fromSnapshot());
        assertEquals(null, r.valueMacs().get(last.get("indexMac").asText()));
    }
}
