package dev.wabridge.wire.signal.groups;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.wire.signal.proto.StoredSenderKeyRecord;
import dev.wabridge.wire.signal.proto.StoredSenderKeyState;
import dev.wabridge.wire.signal.ratchet.RatchetLimits;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sender's keys in one group, newest first, at most {@link RatchetLimits#MAX_SENDER_KEY_STATES}
 * (libsignal rust protocol/src/sender_keys.rs {@code SenderKeyRecord}; Baileys
 * WASignalGroup/sender_key_record.js keeps 5 as well). A sender rotates its key when a member
 * leaves; the old ones stay a while for messages still in flight. The opaque value
 * {@code SenderKeyStore} keeps.
 */
public final class SenderKeyRecord {
    private final List<SenderKeyState> states;

    private SenderKeyRecord(List<SenderKeyState> states) {
        this.states = states;
    }

    public static SenderKeyRecord empty() {
        return new SenderKeyRecord(new ArrayList<>());
    }

    public static SenderKeyRecord deserialize(byte[] stored) {
        StoredSenderKeyRecord r;
        try {
            r = StoredSenderKeyRecord.parseFrom(stored);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored sender key record does not parse", e);
        }
        List<SenderKeyState> states = new ArrayList<>();
        for (StoredSenderKeyState s : r.getStatesList()) {
            states.add(SenderKeyState.fromStored(s));
        }
        return new SenderKeyRecord(states);
    }

    public byte[] serialize() {
        StoredSenderKeyRecord.Builder b = StoredSenderKeyRecord.newBuilder();
        states.forEach(s -> b.addStates(s.toStored()));
        return b.build().toByteArray();
    }

    public boolean isEmpty() {
        return states.isEmpty();
    }

    public Optional<SenderKeyState> newest() {
        return states.isEmpty() ? Optional.empty() : Optional.of(states.get(0));
    }

    public Optional<SenderKeyState> state(int keyId) {
        return states.stream().filter(s -> s.keyId() == keyId).findFirst();
    }

    /**
     * Adds a member's key from a distribution message. The same key again (same id and signing
     * key) keeps the state we have, so a repeated distribution message cannot rewind the chain
     * and let old messages be replayed (libsignal rust {@code add_sender_key_state}); another key
     * under the same id replaces it.
     */
    public void addReceived(SenderKeyState state) {
        Optional<SenderKeyState> same = state(state.keyId())
                .filter(s -> MessageDigest.isEqual(s.signingPublic(), state.signingPublic()));
        states.removeIf(s -> s.keyId() == state.keyId());
        states.add(0, same.orElse(state));
        while (states.size() > RatchetLimits.MAX_SENDER_KEY_STATES) {
            states.remove(states.size() - 1);
        }
    }

    /** Our own new key; the old ones go, since we only ever send with the newest. */
    public void setOwn(SenderKeyState state) {
        states.clear();
        states.add(state);
    }

    @Override
    public String toString() {
        return "SenderKeyRecord[states=" + states.size() + "]";
    }
}
