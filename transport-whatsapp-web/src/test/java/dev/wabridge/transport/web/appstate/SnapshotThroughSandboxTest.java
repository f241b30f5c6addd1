package dev.wabridge.transport.web.appstate;

import dev.wabridge.sandbox.SandboxPhone;
import dev.wabridge.testkit.Eventually;
import dev.wabridge.transport.TransportException;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.support.SandboxSessions;
import dev.wabridge.wire.appstate.AppStateKeyStore;
import dev.wabridge.wire.appstate.AppStateVersionStore;
import dev.wabridge.wire.appstate.ChatActions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An existing account, as most real ones are: the phone archived a chat before this device
 * linked, so the device's first sync of regular_low is answered with a snapshot on the media
 * servers (media_conn, then an HTTP download from the sandbox's port), which it downloads,
 * checks and applies before its own patch goes out; the phone checks that patch's MACs against
 * its own LT-hash and shows both chats archived. A patch whose mutations the server keeps in a
 * blob is downloaded and applied too; a blob with a wrong MAC is refused and nothing is stored.
 */
class SnapshotThroughSandboxTest {
    static final String OWN = "+34600000051";
    static final String CHAT_A = "+34699000021";
    static final String CHAT_B = "+34699000022";

    private SandboxSessions fx;
    private TransportSession session;
    private SandboxPhone phone;

    @BeforeEach
    void linkToAPhoneWithState() throws Exception {
        fx = SandboxSessions.start();
        phone = fx.sandbox().phone(OWN);
        phone.archive(CHAT_A, true); // v1, before any companion
        session = fx.open(Map.of());
        fx.pair(session, OWN);
        Eventually.until("the app-state key arrived", () -> new AppStateKeyStore(fx.keys()).latest().isPresent());
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private long version() {
        return new AppStateVersionStore(fx.keys()).version(ChatActions.REGULAR_LOW).map(AppStateVersionStore.Version::version).orElse(-1L);
    }

    @Test
    void theFirstSyncAppliesTheSnapshotAndOurPatchVerifiesOnThePhone() throws Exception {
        assertEquals(-1, version());
        session.archiveChat(CHAT_B, true).get(10, TimeUnit.SECONDS);
        assertEquals(2, version(), "the snapshot at v1, then our patch");
        assertEquals(1, fx.sandbox().mediaDownloads(), "the snapshot");
        assertEquals(2, fx.keys().keys("app-state-mac").size() - 2, "A's archive and unpin from the snapshot, B's two from our patch");
        Eventually.until("the phone shows A and B archived", () -> phone.isArchived(CHAT_A) && phone.isArchived(CHAT_B));
    }

    @Test
    void mutationsKeptInABlobAreDownloadedAndApplied() throws Exception {
        session.archiveChat(CHAT_B, true).get(10, TimeUnit.SECONDS);
        fx.sandbox().externalAppStateMutations(true);
        int before = fx.sandbox().mediaDownloads();

        phone.archive("+34699000023", true); // v3, announced with server_sync: we follow regular_low now
        Eventually.until("we applied the phone's patch from its blob", () -> version() == 3);
        assertEquals(before + 1, fx.sandbox().mediaDownloads());

        session.archiveChat(CHAT_B, false).get(10, TimeUnit.SECONDS); // v4, read back from a blob too
        assertEquals(4, version());
        assertEquals(before + 2, fx.sandbox().mediaDownloads());
        Eventually.until("the phone shows B unarchived and the others archived",
                () -> !phone.isArchived(CHAT_B) && phone.isArchived(CHAT_A) && phone.isArchived("+34699000023"));
    }

    @Test
    void aBlobWithAWrongMacIsRefusedAndNothingIsStored() throws Exception {
        fx.sandbox().corruptMediaBlobs(true);
        Throwable e = assertThrows(ExecutionException.class, () -> session.archiveChat(CHAT_B, true).get(10, TimeUnit.SECONDS)).getCause();
        assertTrue(e instanceof TransportException, e.toString());
        assertEquals("the app state regular_low from WhatsApp does not verify (the media MAC of the downloaded snapshot of "
                + "regular_low does not match); nothing of it was stored", e.getMessage());
        assertEquals(-1, version());
        assertTrue(fx.keys().keys("app-state-mac").isEmpty());
        assertFalse(phone.isArchived(CHAT_B));

        fx.sandbox().corruptMediaBlobs(false);
        session.archiveChat(CHAT_B, true).get(10, TimeUnit.SECONDS);
        assertEquals(2, version());
        Eventually.until("the phone shows B archived", () -> phone.isArchived(CHAT_B));
    }
}
