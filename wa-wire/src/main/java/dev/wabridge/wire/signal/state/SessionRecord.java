package dev.wabridge.wire.signal.state;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.wire.signal.proto.StoredSession;
import dev.wabridge.wire.signal.proto.StoredSessionRecord;
import dev.wabridge.wire.signal.ratchet.RatchetLimits;
import dev.wabridge.wire.signal.ratchet.SessionState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything we keep for one address: the current session and up to
 * {@link RatchetLimits#MAX_ARCHIVED_SESSIONS} archived ones, most recent first (libsignal rust
 * protocol/src/state/session.rs {@code SessionRecord}; libsignal-node session_record.js keeps
 * closed sessions the same way). A new {@code pkmsg} from the peer, or a bundle we fetched,
 * archives the current session instead of deleting it: messages the peer sent on it before it
 * saw ours may still arrive, and decrypt tries the archive when the current one fails.
 *
 * <p>Archived sessions stay in their stored form until one is needed, so a decrypt reads only
 * what it uses. This is the opaque value {@code SignalSessionStore} keeps.
 */
public final class SessionRecord {
    private SessionState current;
    private final List<StoredSession> previous;

    private SessionRecord(SessionState current, List<StoredSession> previous) {
        this.current = current;
        this.previous = previous;
    }

    public static SessionRecord empty() {
        return new SessionRecord(null, new ArrayList<>());
    }

    public static SessionRecord deserialize(byte[] stored) {
        StoredSessionRecord r;
        try {
            r = StoredSessionRecord.parseFrom(stored);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored Signal session record does not parse", e);
        }
        return new SessionRecord(r.hasCurrent() ? SessionState.fromStored(r.getCurrent()) : null,
                new ArrayList<>(r.getPreviousList()));
    }

    public byte[] serialize() {
        StoredSessionRecord.Builder b = StoredSessionRecord.newBuilder().addAllPrevious(previous);
        if (current != null) {
            b.setCurrent(current.toStored());
        }
        return b.build().toByteArray();
    }

    public Optional<SessionState> current() {
        return Optional.ofNullable(current);
    }

    public boolean isEmpty() {
        return current == null && previous.isEmpty();
    }

    /** Makes {@code state} current, archiving the one it replaces. */
    public void promote(SessionState state) {
        archiveCurrent();
        current = state;
    }

    /** Replaces the current state with its updated copy (after a successful operation). */
    public void setCurrent(SessionState state) {
        current = state;
    }

    public int archivedCount() {
        return previous.size();
    }

    /** A fresh working copy of archived session {@code index} (0 = most recent). */
    public SessionState archived(int index) {
        return SessionState.fromStored(previous.get(index));
    }

    /** Archived session {@code index}, updated, becomes current; the current one is archived. */
    public void promoteArchived(int index, SessionState updated) {
        previous.remove(index);
        promote(updated);
    }

    /** Which session was started with {@code baseKey}: -1 for the current one, its archive index, or empty. */
    public Optional<Integer> indexOfBaseKey(byte[] baseKey) {
        if (current != null && current.hasBaseKey(baseKey)) {
            return Optional.of(-1);
        }
        for (int i = 0; i < previous.size(); i++) {
            if (SessionState.hasBaseKey(previous.get(i), baseKey)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private void archiveCurrent() {
        if (current == null) {
            return;
        }
        previous.add(0, current.toStored());
        current = null;
        while (previous.size() > RatchetLimits.MAX_ARCHIVED_SESSIONS) {
            previous.remove(previous.size() - 1);
        }
    }

    @Override
    public String toString() {
        return "SessionRecord[current=" + (current != null) + ", archived=" + previous.size() + "]";
    }
}
