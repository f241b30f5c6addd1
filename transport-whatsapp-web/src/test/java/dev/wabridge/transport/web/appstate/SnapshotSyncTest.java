package dev.wabridge.transport.web.appstate;

import com.google.protobuf.ByteString;
import dev.wabridge.transport.TransportException;
import dev.wabridge.transport.web.services.FakeSessionServices;
import dev.wabridge.wire.appstate.AppStateKeyStore;
import dev.wabridge.wire.appstate.AppStateVersionStore;
import dev.wabridge.wire.appstate.ChatActions;
import dev.wabridge.wire.appstate.ExternalBlobCipher;
import dev.wabridge.wire.appstate.LtHash;
import dev.wabridge.wire.appstate.MutationKeys;
import dev.wabridge.wire.appstate.PatchEncoder;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.proto.ExternalBlobReference;
import dev.wabridge.wire.proto.SyncdMutations;
import dev.wabridge.wire.proto.SyncdPatch;
import dev.wabridge.wire.proto.SyncdSnapshot;
import dev.wabridge.wire.proto.SyncdVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A collection's first sync answered with a snapshot on the media servers, and patches whose
 * mutations are there, against a fake session and fake downloads: what is downloaded, applied
 * and stored, and what is refused (a blob that does not verify, one above the size limit, a
 * download that fails, a snapshot we did not ask for) with nothing stored.
 */
class SnapshotSyncTest {
    private static final byte[] KEY_ID = {0, 0, 0, 0, 0, 1};
    private static final byte[] KEY_DATA = new byte[32];
    private static final String LOW = ChatActions.REGULAR_LOW;
    private static final long LIMIT = 4096;

    private final FakeSessionServices session = new FakeSessionServices();
    /** The media server: directPath → file. */
    private final Map<String, byte[]> media = new HashMap<>();
    private final List<String> downloaded = new ArrayList<>();
    private CompletableFuture<byte[]> failing;
    private final CollectionSync sync = new CollectionSync(session, new BlobResolver(session, ref -> {
        downloaded.add(ref.getDirectPath());
        return failing != null ? failing : CompletableFuture.completedFuture(media.get(ref.getDirectPath()));
    }, LIMIT));
    /** The server's patches, as the phone wrote them, and where they leave the collection. */
    private final List<SyncdPatch> server = new ArrayList<>();
    private AppStateVersionStore.Version serverState = new AppStateVersionStore.Version(0, new byte[LtHash.SIZE]);
    private final Map<String, byte[]> serverMacs = new HashMap<>();
    private int blobs;

    SnapshotSyncTest() {
        new AppStateKeyStore(session.keys()).put(new AppStateKeyStore.SyncKey(KEY_ID, KEY_DATA, new byte[0], 1));
    }

    private void phoneArchives(String chat) throws Exception {
        PatchEncoder.Encoded e = PatchEncoder.encode(LOW, serverState, ChatActions.archive(chat, true, Instant.EPOCH), KEY_ID,
                MutationKeys.expand(KEY_DATA), i -> Optional.ofNullable(serverMacs.get(HexFormat.of().formatHex(i))), () -> new byte[16]);
        server.add(e.patch().toBuilder().setVersion(SyncdVersion.newBuilder().setVersion(e.next().version())).build());
        serverState = e.next();
        serverMacs.putAll(e.valueMacs());
    }

    /** The collection at its latest version as a server keeps it for a snapshot: every record, the last patch's MAC and key. */
    private SyncdSnapshot snapshot() {
        SyncdPatch last = server.get(server.size() - 1);
        SyncdSnapshot.Builder s = SyncdSnapshot.newBuilder().setVersion(last.getVersion()).setMac(last.getSnapshotMac()).setKeyId(last.getKeyId());
        server.forEach(p -> p.getMutationsList().forEach(m -> s.addRecords(m.getRecord())));
        return s.build();
    }

    /** Seals {@code plain} as the media servers keep it; the reference to it. */
    private ExternalBlobReference publish(byte[] plain) {
        byte[] mediaKey = new byte[32];
        mediaKey[0] = (byte) ++blobs;
        ExternalBlobCipher.Sealed s = ExternalBlobCipher.seal(mediaKey, plain);
        String path = "/mms/md-app-state/" + blobs + "?ccb=11-4";
        media.put(path, s.file());
        return ExternalBlobReference.newBuilder().setMediaKey(ByteString.copyFrom(mediaKey)).setDirectPath(path)
                .setFileSizeBytes(plain.length).setFileSha256(ByteString.copyFrom(s.fileSha256()))
                .setFileEncSha256(ByteString.copyFrom(s.fileEncSha256())).build();
    }

    private static Node answer(long version, List<Node> children) {
        return Node.of("iq", Node.attrs("type", "result"), List.of(Node.of("sync", Map.of(),
                List.of(Node.of("collection", Node.attrs("name", LOW, "version", Long.toString(version)), children)))));
    }

    private static Node patches(List<SyncdPatch> ps) {
        return Node.of("patches", Map.of(), ps.stream().map(p -> Node.of("patch", Map.of(), p.toByteArray())).toList());
    }

    private void reply(Node answer) {
        session.requests().get(session.requests().size() - 1).answer().complete(answer);
        session.scheduler().runDue(); // the downloads come back on the actor
    }

    private long localVersion() {
        return new AppStateVersionStore(session.keys()).version(LOW).map(AppStateVersionStore.Version::version).orElse(-1L);
    }

    private static Throwable failure(CompletableFuture<?> f) {
        return assertThrows(ExecutionException.class, f::get).getCause();
    }

    @Test
    void aFirstSyncAppliesTheSnapshotAndThePatchesAfterIt() throws Exception {
        phoneArchives("1@s.whatsapp.net");
        phoneArchives("2@s.whatsapp.net");
        ExternalBlobReference ref = publish(snapshot().toByteArray());
        phoneArchives("3@s.whatsapp.net");

        CompletableFuture<Void> done = sync.sync(LOW);
        assertEquals(Map.of("name", LOW, "return_snapshot", "true"),
                session.requests().get(0).children().get(0).child("collection").orElseThrow().attrs());
        reply(answer(3, List.of(Node.of("snapshot", Map.of(), ref.toByteArray()), patches(server.subList(2, 3)))));
        done.get();

        assertEquals(List.of(ref.getDirectPath()), downloaded);
        AppStateVersionStore.Version local = new AppStateVersionStore(session.keys()).version(LOW).orElseThrow();
        assertEquals(3, local.version());
        assertArrayEquals(serverState.hash(), local.hash(), "the LT-hash of the snapshot's records, moved over v3");
        assertEquals(serverMacs.size(), session.keys().keys("app-state-mac").size(), "each record's value MAC, for the next patch");
    }

    @Test
    void aSnapshotReplacesTheValueMacsKeptBefore() throws Exception {
        session.keys().put("app-state-mac", LOW + "/00", new byte[32]); // a leftover of an earlier state
        phoneArchives("1@s.whatsapp.net");
        ExternalBlobReference ref = publish(snapshot().toByteArray());
        CompletableFuture<Void> done = sync.sync(LOW);
        reply(answer(1, List.of(Node.of("snapshot", Map.of(), ref.toByteArray()))));
        done.get();
        assertEquals(1, localVersion());
        assertFalse(session.keys().keys("app-state-mac").contains(LOW + "/00"));
    }

    @Test
    void aPatchWhoseMutationsAreOnTheMediaServersIsDownloadedAndApplied() throws Exception {
        new AppStateVersionStore(session.keys()).putVersion(LOW, serverState); // we follow it at v0
        phoneArchives("1@s.whatsapp.net");
        SyncdPatch inline = server.get(0);
        ExternalBlobReference ref = publish(SyncdMutations.newBuilder().addAllMutations(inline.getMutationsList()).build().toByteArray());
        SyncdPatch external = inline.toBuilder().clearMutations().setExternalMutations(ref).build();

        CompletableFuture<Void> done = sync.sync(LOW);
        assertEquals("0", session.requests().get(0).children().get(0).child("collection").orElseThrow().attr("version"));
        reply(answer(1, List.of(patches(List.of(external)))));
        done.get();
        assertEquals(List.of(ref.getDirectPath()), downloaded);
        assertEquals(1, localVersion());
        assertArrayEquals(serverState.hash(), new AppStateVersionStore(session.keys()).version(LOW).orElseThrow().hash());
    }

    @Test
    void aBlobWithAWrongMacIsRefusedAndNothingIsStored() throws Exception {
        phoneArchives("1@s.whatsapp.net");
        ExternalBlobReference ref = publish(snapshot().toByteArray());
        byte[] file = media.get(ref.getDirectPath());
        file[file.length - 1] ^= 1; // the server's copy is damaged, its hash taken after
        ref = ref.toBuilder().setFileEncSha256(ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(file))).build();

        CompletableFuture<Void> done = sync.sync(LOW);
        reply(answer(1, List.of(Node.of("snapshot", Map.of(), ref.toByteArray()))));
        Throwable e = failure(done);
        assertTrue(e instanceof TransportException, e.toString());
        assertEquals("the app state regular_low from WhatsApp does not verify (the media MAC of the downloaded snapshot of "
                + "regular_low does not match); nothing of it was stored", e.getMessage());
        assertEquals(-1, localVersion());
        assertTrue(session.keys().keys("app-state-mac").isEmpty());
        assertEquals(1, session.requests().size(), "no second try: the server's copy would be the same");
    }

    @Test
    void aBlobAboveTheLimitIsNotDownloaded() throws Exception {
        phoneArchives("1@s.whatsapp.net");
        ExternalBlobReference ref = publish(snapshot().toByteArray()).toBuilder().setFileSizeBytes(LIMIT + 1).build();
        CompletableFuture<Void> done = sync.sync(LOW);
        reply(answer(1, List.of(Node.of("snapshot", Map.of(), ref.toByteArray()))));
        Throwable e = failure(done);
        assertTrue(e.getMessage().contains("4097 bytes on WhatsApp's media servers, above this build's limit of 4096 bytes"), e.getMessage());
        assertFalse(((TransportException) e).retryable());
        assertTrue(downloaded.isEmpty());
        assertEquals(-1, localVersion());
    }

    @Test
    void aDownloadThatFailsSaysWhichAndMayBeTriedAgain() throws Exception {
        phoneArchives("1@s.whatsapp.net");
        ExternalBlobReference ref = publish(snapshot().toByteArray());
        failing = CompletableFuture.failedFuture(new IOException("media host 127.0.0.1:1: Connection refused"));
        CompletableFuture<Void> done = sync.sync(LOW);
        reply(answer(1, List.of(Node.of("snapshot", Map.of(), ref.toByteArray()))));
        Throwable e = failure(done);
        assertEquals("the snapshot of the app state regular_low could not be downloaded from WhatsApp's media servers "
                + "(media host 127.0.0.1:1: Connection refused)", e.getMessage());
        assertTrue(((TransportException) e).retryable());
        assertEquals(-1, localVersion());
    }

    @Test
    void aSnapshotWeDidNotAskForIsRefused() throws Exception {
        new AppStateVersionStore(session.keys()).putVersion(LOW, serverState);
        phoneArchives("1@s.whatsapp.net");
        ExternalBlobReference ref = publish(snapshot().toByteArray());
        CompletableFuture<Void> done = sync.sync(LOW);
        reply(answer(1, List.of(Node.of("snapshot", Map.of(), ref.toByteArray()))));
        assertTrue(failure(done).getMessage().contains("with a snapshot it was not asked for"));
        assertTrue(downloaded.isEmpty());
        assertEquals(0, localVersion());
    }
}
