package dev.wabridge.transport.web.appstate;

import dev.wabridge.transport.TransportException;
import dev.wabridge.transport.web.media.MediaSettings;
import dev.wabridge.transport.web.services.FakeSessionServices;
import dev.wabridge.wire.appstate.AppStateKeyStore;
import dev.wabridge.wire.appstate.AppStateVersionStore;
import dev.wabridge.wire.appstate.ChatActions;
import dev.wabridge.wire.appstate.LtHash;
import dev.wabridge.wire.appstate.MutationKeys;
import dev.wabridge.wire.appstate.PatchEncoder;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.proto.SyncdPatch;
import dev.wabridge.wire.proto.SyncdVersion;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's app-state handlers against a fake session (no socket): what they ask the server,
 * and what they do with each kind of answer: pages, a state that does not verify, a conflict, a
 * refusal, no key, and server_sync for collections we follow or not (snapshots and external
 * blobs: {@link SnapshotSyncTest}).
 */
class AppStateHandlersTest {
    private static final byte[] KEY_ID = {0, 0, 0, 0, 0, 1};
    private static final byte[] KEY_DATA = new byte[32];
    private static final String LOW = ChatActions.REGULAR_LOW;

    private final FakeSessionServices session = new FakeSessionServices();
    private final CollectionSync sync = new CollectionSync(session, new BlobResolver(session,
            ref -> CompletableFuture.failedFuture(new AssertionError("nothing to download here")), MediaSettings.MAX_BYTES));
    private final PatchSender sender = new PatchSender(session, sync, () -> new byte[16]);
    private final ChatArchiver archiver = new ChatArchiver(session, sender);
    /** The server's patches, as another device wrote them. */
    private final List<SyncdPatch> server = new ArrayList<>();
    private AppStateVersionStore.Version serverState = new AppStateVersionStore.Version(0, new byte[LtHash.SIZE]);
    private final java.util.Map<String, byte[]> serverMacs = new java.util.HashMap<>();

    private void haveKey() {
        new AppStateKeyStore(session.keys()).put(new AppStateKeyStore.SyncKey(KEY_ID, KEY_DATA, new byte[0], 1));
    }

    private void serverHasArchive(String chat, boolean archived) throws Exception {
        PatchEncoder.Encoded e = PatchEncoder.encode(LOW, serverState, ChatActions.archive(chat, archived, Instant.EPOCH), KEY_ID,
                MutationKeys.expand(KEY_DATA), i -> Optional.ofNullable(serverMacs.get(HexFormat.of().formatHex(i))), () -> new byte[16]);
        server.add(e.patch().toBuilder().setVersion(SyncdVersion.newBuilder().setVersion(e.next().version())).build());
        serverState = e.next();
        serverMacs.putAll(e.valueMacs());
    }

    private static Node answer(Node collection) {
        return Node.of("iq", Node.attrs("type", "result"), List.of(Node.of("sync", Map.of(), List.of(collection))));
    }

    private Node patches(long after, long upTo, boolean more) {
        List<Node> ps = server.stream().filter(p -> p.getVersion().getVersion() > after && p.getVersion().getVersion() <= upTo)
                .map(p -> Node.of("patch", Map.of(), p.toByteArray())).toList();
        Map<String, Object> attrs = Node.attrs("name", LOW, "version", Long.toString(upTo));
        if (more) {
            attrs.put("has_more_patches", "true");
        }
        return answer(Node.of("collection", attrs, ps.isEmpty() ? null : List.of(Node.of("patches", Map.of(), ps))));
    }

    private FakeSessionServices.Request last() {
        return session.requests().get(session.requests().size() - 1);
    }

    private Node lastCollection() {
        return last().children().get(0).child("collection").orElseThrow();
    }

    private long localVersion() {
        return new AppStateVersionStore(session.keys()).version(LOW).map(AppStateVersionStore.Version::version).orElse(-1L);
    }

    private static Throwable failure(CompletableFuture<?> f) {
        return assertThrows(ExecutionException.class, f::get).getCause();
    }

    @Test
    void withoutAKeyNothingIsAskedAndTheCallerHearsWhy() {
        Throwable e = failure(archiver.archive("+34600000002", true));
        assertTrue(e instanceof TransportException te && te.retryable(), e.toString());
        assertTrue(e.getMessage().contains("has not shared its app-state key"), e.getMessage());
        assertTrue(session.requests().isEmpty());
    }

    @Test
    void aFirstArchiveSyncsEverythingInPagesThenSendsOnTheLatestVersion() throws Exception {
        haveKey();
        serverHasArchive("1@s.whatsapp.net", true);
        serverHasArchive("2@s.whatsapp.net", true);
        CompletableFuture<Void> done = archiver.archive("+34600000002", false);

        assertEquals(Map.of("name", LOW, "return_snapshot", "true"), lastCollection().attrs(), "we know nothing: ask for everything");
        last().answer().complete(patches(0, 1, true));
        assertEquals("1", lastCollection().attr("version"), "the next page after v1");
        last().answer().complete(patches(1, 2, false));
        assertEquals(2, localVersion());

        Node sent = lastCollection();
        assertEquals(Map.of("name", LOW, "version", "2", "return_snapshot", "false"), sent.attrs());
        SyncdPatch ours = SyncdPatch.parseFrom(sent.child("patch").orElseThrow().bytes());
        assertFalse(ours.hasVersion(), "the server numbers patches");
        assertEquals(1, ours.getMutationsCount(), "unarchive: no unpin");
        server.add(ours.toBuilder().setVersion(SyncdVersion.newBuilder().setVersion(3)).build());
        last().answer().complete(answer(Node.of("collection", Node.attrs("name", LOW, "version", "3"))));

        assertEquals("2", lastCollection().attr("version"), "then reads its own patch back");
        last().answer().complete(patches(2, 3, false));
        done.get();
        assertEquals(3, localVersion());
    }

    @Test
    void aConflictSyncsAndRetriesOnceThenGivesUp() throws Exception {
        haveKey();
        sync.sync(LOW);
        last().answer().complete(patches(0, 0, false));
        assertEquals(0, localVersion());
        serverHasArchive("1@s.whatsapp.net", true); // another device wrote v1 meanwhile

        CompletableFuture<Void> done = archiver.archive("+34600000002", true);
        Node conflict = answer(Node.of("collection", Node.attrs("name", LOW, "version", "1", "type", "error"),
                List.of(Node.of("error", Node.attrs("code", "409", "text", "conflict")))));
        assertEquals("0", lastCollection().attr("version"));
        last().answer().complete(conflict);
        last().answer().complete(patches(0, 1, false)); // the resync
        assertEquals(1, localVersion());
        assertEquals("1", lastCollection().attr("version"), "rebuilt on v1");
        assertTrue(lastCollection().child("patch").isPresent());
        last().answer().complete(conflict); // and again: no third try
        Throwable e = failure(done);
        assertTrue(e.getMessage().contains("error 409"), e.getMessage());
    }

    @Test
    void aRefusalOtherThanAConflictFailsAtOnce() {
        haveKey();
        sync.sync(LOW);
        last().answer().complete(patches(0, 0, false));
        CompletableFuture<Void> done = archiver.archive("+34600000002", true);
        last().answer().complete(answer(Node.of("collection", Node.attrs("name", LOW, "type", "error"),
                List.of(Node.of("error", Node.attrs("code", "400"))))));
        assertTrue(failure(done).getMessage().contains("error 400"));
        assertEquals(2, session.requests().size());
    }

    @Test
    void aStateThatDoesNotVerifyIsSyncedAgainFromTheStartOnce() throws Exception {
        haveKey();
        serverHasArchive("1@s.whatsapp.net", true);
        new AppStateVersionStore(session.keys()).putVersion(LOW, new AppStateVersionStore.Version(0, filled(3))); // a wrong hash
        CompletableFuture<Void> done = sync.sync(LOW);
        assertEquals("0", lastCollection().attr("version"));
        last().answer().complete(patches(0, 1, false));
        assertEquals(Map.of("name", LOW, "return_snapshot", "true"), lastCollection().attrs(), "started over");
        last().answer().complete(patches(0, 1, false));
        done.get();
        assertEquals(1, localVersion());

        new AppStateVersionStore(session.keys()).putVersion(LOW, new AppStateVersionStore.Version(1, filled(5)));
        serverHasArchive("1@s.whatsapp.net", false);
        CompletableFuture<Void> again = sync.sync(LOW);
        last().answer().complete(patches(1, 2, false));
        int asked = session.requests().size();
        last().answer().complete(patches(1, 2, false)); // from the start, but v1 is missing: no match again
        Throwable e = failure(again);
        assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
        assertEquals(asked, session.requests().size(), "started over only once");
    }

    @Test
    void aServerBehindUsWasResetSoTheCollectionStartsOverAndThePatchGoesThrough() throws Exception {
        haveKey();
        new AppStateVersionStore(session.keys()).putVersion(LOW, new AppStateVersionStore.Version(3, filled(1))); // from before the reset
        CompletableFuture<Void> done = archiver.archive("+34600000002", true);
        Node conflict = answer(Node.of("collection", Node.attrs("name", LOW, "version", "0", "type", "error"),
                List.of(Node.of("error", Node.attrs("code", "409")))));
        assertEquals("3", lastCollection().attr("version"));
        last().answer().complete(conflict);
        assertEquals("3", lastCollection().attr("version"), "the resync after the conflict");
        last().answer().complete(patches(3, 0, false)); // the server is at v0
        assertEquals(Map.of("name", LOW, "return_snapshot", "true"), lastCollection().attrs(), "started over");
        last().answer().complete(patches(0, 0, false));
        assertEquals(0, localVersion());
        assertEquals("0", lastCollection().attr("version"), "rebuilt on v0");
        SyncdPatch ours = SyncdPatch.parseFrom(lastCollection().child("patch").orElseThrow().bytes());
        server.add(ours.toBuilder().setVersion(SyncdVersion.newBuilder().setVersion(1)).build());
        last().answer().complete(answer(Node.of("collection", Node.attrs("name", LOW, "version", "1"))));
        last().answer().complete(patches(0, 1, false));
        done.get();
        assertEquals(1, localVersion());
    }

    @Test
    void aPatchUnderAKeyWeDoNotHaveNamesIt() {
        new AppStateKeyStore(session.keys()).put(new AppStateKeyStore.SyncKey(new byte[]{9}, KEY_DATA, new byte[0], 1));
        CompletableFuture<Void> done = sync.sync(LOW);
        try {
            serverHasArchive("1@s.whatsapp.net", true);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        last().answer().complete(patches(0, 1, false));
        Throwable e = failure(done);
        assertTrue(e.getMessage().contains("000000000001"), e.getMessage());
    }

    @Test
    void serverSyncFollowsOnlyCollectionsWeWrite() throws Exception {
        ServerSyncHandler handler = new ServerSyncHandler(session, sync);
        Node notification = Node.of("notification", Node.attrs("type", "server_sync"), List.of(
                Node.of("collection", Node.attrs("name", "critical_block", "version", "3")),
                Node.of("collection", Node.attrs("name", LOW, "version", "1"))));
        handler.handle(notification);
        assertTrue(session.requests().isEmpty(), "we follow neither yet");

        haveKey();
        new AppStateVersionStore(session.keys()).putVersion(LOW, new AppStateVersionStore.Version(0, new byte[LtHash.SIZE]));
        serverHasArchive("1@s.whatsapp.net", true);
        handler.handle(notification);
        assertEquals(1, session.requests().size());
        assertEquals(LOW, lastCollection().attr("name"));
        last().answer().complete(patches(0, 1, false));
        assertEquals(1, localVersion());
    }

    private static byte[] filled(int v) {
        byte[] b = new byte[LtHash.SIZE];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }
}
