package dev.wabridge.transport.web.appstate;

import dev.wabridge.sandbox.SandboxPhone;
import dev.wabridge.testkit.Eventually;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.support.SandboxSessions;
import dev.wabridge.wire.appstate.AppStateKeyStore;
import dev.wabridge.wire.appstate.AppStateVersionStore;
import dev.wabridge.wire.appstate.ChatActions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Archiving through the sandbox, as a real phone sees it: after linking the phone shares its
 * app-state key; archiving a chat sends a regular_low patch the phone decodes (every MAC
 * checked) and shows archived; unarchiving shows it unarchived; versions advance by one per
 * patch. A change made on the phone reaches us by server_sync; a patch built on a stale version
 * gets 409, is rebuilt after a sync and goes through.
 */
class ArchiveThroughSandboxTest {
    static final String OWN = "+34600000041";
    static final String CONTACT = "+34699000011";

    private SandboxSessions fx;
    private TransportSession session;
    private SandboxPhone phone;

    @BeforeEach
    void link() throws Exception {
        fx = SandboxSessions.start();
        session = fx.open(Map.of());
        fx.pair(session, OWN);
        phone = fx.sandbox().phone(OWN);
        Eventually.until("the app-state key arrived", () -> new AppStateKeyStore(fx.keys()).latest().isPresent());
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private long version() {
        return new AppStateVersionStore(fx.keys()).version(ChatActions.REGULAR_LOW).orElseThrow().version();
    }

    @Test
    void archiveAndUnarchiveShowOnThePhoneAndVersionsAdvance() throws Exception {
        session.archiveChat(CONTACT, true).get(10, TimeUnit.SECONDS);
        assertEquals(1, version());
        Eventually.until("the phone shows the chat archived", () -> phone.isArchived(CONTACT));
        assertEquals(List.of(Map.of("jid", "34699000011@s.whatsapp.net", "archived", true)), phone.chats());

        session.archiveChat(CONTACT, false).get(10, TimeUnit.SECONDS);
        assertEquals(2, version());
        Eventually.until("the phone shows the chat unarchived", () -> !phone.isArchived(CONTACT) && !phone.chats().isEmpty());
    }

    @Test
    void aChangeOnThePhoneReachesUsAndAStalePatchIsRebuiltAfterAConflict() throws Exception {
        session.archiveChat(CONTACT, true).get(10, TimeUnit.SECONDS);
        Map<String, byte[]> atV1 = snapshot();

        phone.archive("+34699000012", true); // v2, announced with server_sync
        Eventually.until("we followed the phone's change", () -> version() == 2);

        restore(atV1); // as if the notification had not come yet: our next patch builds on v1
        session.archiveChat(CONTACT, false).get(10, TimeUnit.SECONDS);
        assertEquals(3, version(), "409, sync to v2, then our patch as v3");
        Eventually.until("the phone shows both", () -> !phone.isArchived(CONTACT) && phone.isArchived("+34699000012"));
    }

    /** The client's app-state version and MACs as stored now. */
    private Map<String, byte[]> snapshot() {
        Map<String, byte[]> saved = new HashMap<>();
        for (String ns : List.of("app-state-version", "app-state-mac")) {
            for (String k : fx.keys().keys(ns)) {
                saved.put(ns + "\u0000" + k, fx.keys().get(ns, k).orElseThrow());
            }
        }
        return saved;
    }

    private void restore(Map<String, byte[]> saved) {
        fx.keys().deletePrefix("app-state-version", "");
        fx.keys().deletePrefix("app-state-mac", "");
        saved.forEach((k, v) -> fx.keys().put(k.substring(0, k.indexOf('\u0000')), k.substring(k.indexOf('\u0000') + 1), v));
    }

    @Test
    void withoutTheKeyArchivingSaysWhy() {
        fx.keys().deletePrefix("app-state-key", "");
        Throwable e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> session.archiveChat(CONTACT, true).get(10, TimeUnit.SECONDS)).getCause();
        assertTrue(e.getMessage().contains("has not shared its app-state key"), e.getMessage());
        assertTrue(e instanceof dev.wabridge.transport.TransportException te && te.retryable());
        assertFalse(phone.isArchived(CONTACT));
    }
}
