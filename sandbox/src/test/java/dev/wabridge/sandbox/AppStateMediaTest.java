package dev.wabridge.sandbox;

import com.google.protobuf.ByteString;
import dev.wabridge.wire.appstate.AppStateException;
import dev.wabridge.wire.appstate.ExternalBlobCipher;
import dev.wabridge.wire.appstate.ExternalBlobContents;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.proto.ExternalBlobReference;
import dev.wabridge.wire.proto.KeyId;
import dev.wabridge.wire.proto.SyncdIndex;
import dev.wabridge.wire.proto.SyncdMutation;
import dev.wabridge.wire.proto.SyncdMutation.SyncdOperation;
import dev.wabridge.wire.proto.SyncdPatch;
import dev.wabridge.wire.proto.SyncdRecord;
import dev.wabridge.wire.proto.SyncdSnapshot;
import dev.wabridge.wire.proto.SyncdValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox's media side of app state: a snapshot folded from patches it cannot read, served as
 * a blob over its HTTP port at the direct path (with whatsmeow's query appended), patches with
 * external mutations when forced or large, and the corrupt-MAC fault.
 */
class AppStateMediaTest {
    private final SandboxServer server = SandboxServer.create();
    private final Jid device = Jid.phone("34600000001").withDevice(1);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    private static SyncdMutation mutation(SyncdOperation op, int index, int value) {
        return SyncdMutation.newBuilder().setOperation(op).setRecord(SyncdRecord.newBuilder()
                .setIndex(SyncdIndex.newBuilder().setBlob(ByteString.copyFrom(new byte[]{(byte) index})))
                .setValue(SyncdValue.newBuilder().setBlob(ByteString.copyFrom(new byte[]{(byte) value})))
                .setKeyId(KeyId.newBuilder().setId(ByteString.copyFrom(new byte[]{(byte) value})))).build();
    }

    private static SyncdPatch patch(int mac, SyncdMutation... ms) {
        return SyncdPatch.newBuilder().setSnapshotMac(ByteString.copyFrom(new byte[]{(byte) mac}))
                .setKeyId(KeyId.newBuilder().setId(ByteString.copyFrom(new byte[]{(byte) (mac + 100)}))).addAllMutations(List.of(ms)).build();
    }

    private byte[] get(String directPath, int expectStatus) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://" + server.mediaHost() + directPath
                + "&hash=x&mms-type=md-app-state&__wa-mms=")).header("Origin", "https://web.whatsapp.com").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(expectStatus, r.statusCode());
        return r.body();
    }

    @Test
    void aSnapshotHoldsTheRecordsStillSetWithTheLastPatchsMac() {
        AppStateCollections c = server.appState();
        assertTrue(c.snapshot(device, "regular_low").isEmpty(), "nothing yet");
        c.append(device, "regular_low", 0, patch(1, mutation(SyncdOperation.SET, 1, 10), mutation(SyncdOperation.SET, 2, 20)));
        c.append(device, "regular_low", 1, patch(2, mutation(SyncdOperation.SET, 1, 11), mutation(SyncdOperation.REMOVE, 2, 21),
                mutation(SyncdOperation.SET, 3, 30)));
        SyncdSnapshot s = c.snapshot(device, "regular_low").orElseThrow();
        assertEquals(2, s.getVersion().getVersion());
        assertEquals(List.of(11, 30), s.getRecordsList().stream().map(r -> (int) r.getValue().getBlob().byteAt(0)).toList(),
                "index 1 set again, index 2 removed, index 3 new");
        assertEquals(ByteString.copyFrom(new byte[]{2}), s.getMac());
        assertEquals(ByteString.copyFrom(new byte[]{102}), s.getKeyId().getId());
    }

    @Test
    void aSnapshotIsServedAsABlobOverHttp() throws Exception {
        server.start("127.0.0.1", 0);
        server.appState().append(device, "regular_low", 0, patch(1, mutation(SyncdOperation.SET, 1, 10)));
        Node answer = server.appStateMedia().snapshot(server.appState(), device, "regular_low").orElseThrow();
        assertEquals("1", answer.attr("version"));
        ExternalBlobReference ref = ExternalBlobReference.parseFrom(answer.child("snapshot").orElseThrow().bytes());
        assertTrue(ref.getDirectPath().startsWith("/mms/md-app-state/") && ref.getDirectPath().contains("?"), ref.getDirectPath());

        SyncdSnapshot got = ExternalBlobContents.snapshot("regular_low", ref, get(ref.getDirectPath(), 200));
        assertEquals(server.appState().snapshot(device, "regular_low").orElseThrow(), got);
        assertEquals(1, server.mediaDownloads());
        get("/mms/md-app-state/unknown?ccb=11-4", 404);
        assertTrue(server.appStateMedia().snapshot(server.appState(), device, "regular").isEmpty(), "an empty collection has none");
    }

    @Test
    void patchesGoToBlobsWhenForcedOrLarge() throws Exception {
        server.start("127.0.0.1", 0);
        SyncdPatch small = patch(1, mutation(SyncdOperation.SET, 1, 10));
        AppStateCollections.Page page = new AppStateCollections.Page(1, List.of(small), false);
        assertEquals(small, server.appStateMedia().served(page).patches().get(0), "small: inline");

        server.externalAppStateMutations(true);
        SyncdPatch served = server.appStateMedia().served(page).patches().get(0);
        assertEquals(0, served.getMutationsCount());
        SyncdPatch back = ExternalBlobContents.withMutations("regular_low", served, get(served.getExternalMutations().getDirectPath(), 200));
        assertEquals(small.getMutationsList(), back.getMutationsList());

        server.externalAppStateMutations(false);
        SyncdPatch large = small.toBuilder().setMutations(0, small.getMutations(0).toBuilder().setRecord(small.getMutations(0).getRecord()
                .toBuilder().setValue(SyncdValue.newBuilder().setBlob(ByteString.copyFrom(new byte[AppStateMedia.EXTERNAL_BYTES]))))).build();
        assertTrue(server.appStateMedia().served(new AppStateCollections.Page(1, List.of(large), false)).patches().get(0).hasExternalMutations());
    }

    @Test
    void aCorruptBlobFailsOnlyItsMac() throws Exception {
        server.start("127.0.0.1", 0);
        server.corruptMediaBlobs(true);
        server.appState().append(device, "regular_low", 0, patch(1, mutation(SyncdOperation.SET, 1, 10)));
        Node answer = server.appStateMedia().snapshot(server.appState(), device, "regular_low").orElseThrow();
        ExternalBlobReference ref = ExternalBlobReference.parseFrom(answer.child("snapshot").orElseThrow().bytes());
        AppStateException e = assertThrows(AppStateException.class,
                () -> ExternalBlobCipher.open(ref, get(ref.getDirectPath(), 200), "snapshot"));
        assertEquals("the media MAC of the downloaded snapshot does not match", e.getMessage());
        server.corruptMediaBlobs(false);
        Node good = server.appStateMedia().snapshot(server.appState(), device, "regular_low").orElseThrow();
        ExternalBlobReference ok = ExternalBlobReference.parseFrom(good.child("snapshot").orElseThrow().bytes());
        assertFalse(ExternalBlobContents.snapshot("regular_low", ok, get(ok.getDirectPath(), 200)).getRecordsList().isEmpty());
    }
}
