package dev.wabridge.daemon.sessions;

import dev.wabridge.daemon.DaemonFixture;
import dev.wabridge.daemon.Db;
import dev.wabridge.daemon.scripted.ScriptedNetwork;
import dev.wabridge.daemon.scripted.ScriptedSession;
import dev.wabridge.daemon.store.StoreException;
import dev.wabridge.testkit.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Ack after commit, the daemon's half: the stage a transport waits for before it acks an
 * incoming stanza completes only once the message's row is committed, fails when the commit
 * fails, and a redelivery of the same message is stored once and completes normally.
 */
class IncomingAckTest {
    private static final String CUSTOMER = "+34600000002";
    @TempDir
    Path dir;
    private DaemonFixture fx;
    private ScriptedSession session;
    private long sessionId;

    @BeforeEach
    void linkOneSession() throws Exception {
        ScriptedNetwork.reset();
        fx = DaemonFixture.start(dir.resolve("data"), "transport", "scripted", "transport.auto_pair", "+34600000001");
        sessionId = fx.daemon.sessions().create("shop").id();
        Eventually.until("the session is connected", () -> fx.daemon.sessions().isConnected(sessionId));
        session = ScriptedNetwork.session(sessionId);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private long rows(String messageId) {
        return Db.count(fx.database(), "SELECT count(*) FROM messages WHERE direction = 'incoming' AND message_id = ?", messageId);
    }

    private void sql(String statement) {
        fx.daemon.store().database().call(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate(statement);
            }
        });
    }

    @Test
    void theStageCompletesOnlyAfterTheRowIsCommitted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> busyStore = fx.daemon.store().database().submit(c -> {
            try {
                return release.await(10, TimeUnit.SECONDS); // the store thread is busy: nothing commits meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });

        CompletableFuture<Void> ack = session.deliver("IN-1", CUSTOMER, "hello").toCompletableFuture();
        Thread.sleep(200);
        assertFalse(ack.isDone(), "the transport must not ack while the row is not committed");

        release.countDown();
        busyStore.get(10, TimeUnit.SECONDS);
        ack.get(10, TimeUnit.SECONDS);
        assertEquals(1, rows("IN-1"), "completed means committed: another connection sees the row");
    }

    @Test
    void aFailedCommitLeavesTheMessageUnackedAndItsRedeliveryIsStoredOnce() throws Exception {
        sql("CREATE TRIGGER disk_full BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'simulated disk full'); END");
        CompletableFuture<Void> failed = session.deliver("IN-2", CUSTOMER, "hello").toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS));
        assertInstanceOf(StoreException.class, e.getCause());
        assertEquals(0, rows("IN-2"));

        sql("DROP TRIGGER disk_full");
        session.deliver("IN-2", CUSTOMER, "hello").toCompletableFuture().get(10, TimeUnit.SECONDS); // the server delivers it again
        session.deliver("IN-2", CUSTOMER, "hello").toCompletableFuture().get(10, TimeUnit.SECONDS); // and once more, after a lost ack
        assertEquals(1, rows("IN-2"));
    }

    @Test
    void aMessageForAStoppedSessionIsNotAcked() {
        fx.daemon.sessions().disconnect(sessionId);
        fx.daemon.sessions().delete(sessionId);
        CompletableFuture<Void> ack = session.deliver("IN-3", CUSTOMER, "too late").toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, () -> ack.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }
}
