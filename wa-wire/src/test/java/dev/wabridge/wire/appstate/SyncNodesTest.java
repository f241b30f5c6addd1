package dev.wabridge.wire.appstate;

import com.google.protobuf.ByteString;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.proto.ExternalBlobReference;
import dev.wabridge.wire.proto.SyncdPatch;
import dev.wabridge.wire.proto.SyncdVersion;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sync IQ's shapes as whatsmeow writes and reads them (appstate.go, decode.go ParsePatchList). */
class SyncNodesTest {
    @Test
    void fetchAsksForPatchesAfterAVersionOrForASnapshot() {
        Node after = SyncNodes.fetch("regular_low", 4).child("collection").orElseThrow();
        assertEquals(Map.of("name", "regular_low", "version", "4", "return_snapshot", "false"), after.attrs());
        Node full = SyncNodes.fetch("regular_low", -1).child("collection").orElseThrow();
        assertEquals(Map.of("name", "regular_low", "return_snapshot", "true"), full.attrs());
    }

    @Test
    void sendCarriesThePatchAndTheVersionItBuildsOn() throws Exception {
        SyncdPatch patch = SyncdPatch.newBuilder().setPatchMac(ByteString.copyFrom(new byte[]{1, 2})).build();
        Node c = SyncNodes.send("regular_low", 7, patch).child("collection").orElseThrow();
        assertEquals(Map.of("name", "regular_low", "version", "7", "return_snapshot", "false"), c.attrs());
        assertEquals(patch, SyncdPatch.parseFrom(c.child("patch").orElseThrow().bytes()));
    }

    @Test
    void parsesPatchesSnapshotsPagingAndErrors() throws Exception {
        SyncdPatch p = SyncdPatch.newBuilder().setVersion(SyncdVersion.newBuilder().setVersion(3)).build();
        Node answer = Node.of("iq", Node.attrs("type", "result"), List.of(Node.of("sync", Map.of(), List.of(
                Node.of("collection", Node.attrs("name", "regular_low", "version", "3", "has_more_patches", "true"),
                        List.of(Node.of("patches", Map.of(), List.of(Node.of("patch", Map.of(), p.toByteArray())))))))));
        SyncNodes.PatchList list = SyncNodes.parse(SyncNodes.collection(answer, "regular_low").orElseThrow());
        assertEquals("regular_low", list.name());
        assertEquals(3, list.version());
        assertTrue(list.hasMorePatches());
        assertEquals(List.of(p), list.patches());
        assertTrue(list.snapshot().isEmpty());
        assertTrue(list.errorCode().isEmpty());
        assertTrue(SyncNodes.collection(answer, "regular").isEmpty());

        ExternalBlobReference ref = ExternalBlobReference.newBuilder().setDirectPath("/v/t62/x").build();
        SyncNodes.PatchList withSnapshot = SyncNodes.parse(Node.of("collection", Node.attrs("name", "regular", "version", "9"),
                List.of(Node.of("snapshot", Map.of(), ref.toByteArray()))));
        assertEquals(ref, withSnapshot.snapshot().orElseThrow());
        assertFalse(withSnapshot.hasMorePatches());

        SyncNodes.PatchList conflict = SyncNodes.parse(Node.of("collection", Node.attrs("name", "regular_low", "type", "error"),
                List.of(Node.of("error", Node.attrs("code", "409", "text", "conflict")))));
        assertEquals(409, conflict.errorCode().orElseThrow());

        assertThrows(AppStateException.class, () -> SyncNodes.parse(Node.of("collection", Node.attrs("name", "x"),
                List.of(Node.of("patch", Map.of(), new byte[]{(byte) 0xFF})))));
    }
}
