package dev.wabridge.wire.signal.ratchet;

import com.google.protobuf.ByteString;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.signal.proto.StoredSession;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The Double Ratchet state of one Signal session with one device (libsignal rust
 * protocol/src/state/session.rs {@code SessionState}; libsignal-node session_record.js
 * {@code SessionEntry}): both identities, the root key, our sending chain with its ratchet key
 * pair, up to {@link RatchetLimits#MAX_RECEIVER_CHAINS} receiving chains, the previous-counter,
 * the pending prekey data of an initiator, both registration ids, and the initiator's base key
 * that names the session.
 *
 * <p>Mutable and short-lived: it is read from its stored form for one encrypt or decrypt,
 * changed by {@link DoubleRatchet}, and written back only if the whole operation succeeded. A
 * failed attempt throws its copy away, which is how a bad message leaves the session as it
 * was. Holds secrets: {@link #toString} names none.
 */
public final class SessionState {
    public static final int VERSION = 3;

    private final byte[] localIdentity;
    private final byte[] remoteIdentity;
    private RootKey rootKey;
    private int previousCounter;
    private KeyPair senderRatchetKey;
    private ChainKey senderChainKey;
    /** Oldest first. */
    private final List<ReceiverChain> receiverChains = new ArrayList<>();
    private PendingPreKey pendingPreKey;
    private final int localRegistrationId;
    private final int remoteRegistrationId;
    private final byte[] aliceBaseKey;

    /** A state with no chains yet; identities and base key are raw 32-byte keys. */
    public SessionState(byte[] localIdentity, byte[] remoteIdentity, RootKey rootKey, int localRegistrationId,
                        int remoteRegistrationId, byte[] aliceBaseKey) {
        this.localIdentity = localIdentity.clone();
        this.remoteIdentity = remoteIdentity.clone();
        this.rootKey = rootKey;
        this.localRegistrationId = localRegistrationId;
        this.remoteRegistrationId = remoteRegistrationId;
        this.aliceBaseKey = aliceBaseKey.clone();
    }

    public byte[] localIdentity() {
        return localIdentity.clone();
    }

    public byte[] remoteIdentity() {
        return remoteIdentity.clone();
    }

    public int localRegistrationId() {
        return localRegistrationId;
    }

    public int remoteRegistrationId() {
        return remoteRegistrationId;
    }

    public boolean hasBaseKey(byte[] baseKey) {
        return MessageDigest.isEqual(aliceBaseKey, baseKey);
    }

    RootKey rootKey() {
        return rootKey;
    }

    void setRootKey(RootKey next) {
        this.rootKey = next;
    }

    int previousCounter() {
        return previousCounter;
    }

    void setPreviousCounter(int value) {
        this.previousCounter = value;
    }

    public boolean hasSenderChain() {
        return senderRatchetKey != null;
    }

    KeyPair senderRatchetKey() {
        return senderRatchetKey;
    }

    ChainKey senderChainKey() {
        return senderChainKey;
    }

    public void setSenderChain(KeyPair ratchetKey, ChainKey chainKey) {
        this.senderRatchetKey = ratchetKey;
        this.senderChainKey = chainKey;
    }

    void advanceSenderChain() {
        senderChainKey = senderChainKey.next();
    }

    ReceiverChain receiverChain(byte[] theirRatchetKey) {
        for (ReceiverChain c : receiverChains) {
            if (c.isFor(theirRatchetKey)) {
                return c;
            }
        }
        return null;
    }

    /** Adds a receiving chain; beyond {@link RatchetLimits#MAX_RECEIVER_CHAINS} the oldest is dropped. */
    public ReceiverChain addReceiverChain(byte[] theirRatchetKey, ChainKey chainKey) {
        ReceiverChain c = new ReceiverChain(theirRatchetKey, chainKey, Map.of());
        receiverChains.add(c);
        if (receiverChains.size() > RatchetLimits.MAX_RECEIVER_CHAINS) {
            receiverChains.remove(0);
        }
        return c;
    }

    public List<ReceiverChain> receiverChains() {
        return Collections.unmodifiableList(receiverChains);
    }

    public PendingPreKey pendingPreKey() {
        return pendingPreKey;
    }

    public void setPendingPreKey(PendingPreKey pending) {
        this.pendingPreKey = pending;
    }

    // ---- stored form (signal_storage.proto StoredSession) ----

    public StoredSession toStored() {
        StoredSession.Builder b = StoredSession.newBuilder()
                .setVersion(VERSION)
                .setLocalIdentity(ByteString.copyFrom(localIdentity))
                .setRemoteIdentity(ByteString.copyFrom(remoteIdentity))
                .setRootKey(ByteString.copyFrom(rootKey.key()))
                .setPreviousCounter(previousCounter)
                .setLocalRegistrationId(localRegistrationId)
                .setRemoteRegistrationId(remoteRegistrationId)
                .setAliceBaseKey(ByteString.copyFrom(aliceBaseKey));
        if (senderRatchetKey != null) {
            b.setSenderChain(StoredSession.Chain.newBuilder()
                    .setRatchetPublic(ByteString.copyFrom(senderRatchetKey.publicKey()))
                    .setRatchetPrivate(ByteString.copyFrom(senderRatchetKey.privateKey()))
                    .setIndex(senderChainKey.index())
                    .setKey(ByteString.copyFrom(senderChainKey.key())));
        }
        for (ReceiverChain c : receiverChains) {
            StoredSession.Chain.Builder cb = StoredSession.Chain.newBuilder()
                    .setRatchetPublic(ByteString.copyFrom(c.ratchetKey()))
                    .setIndex(c.chainKey().index())
                    .setKey(ByteString.copyFrom(c.chainKey().key()));
            c.skipped().forEach((index, seed) -> cb.addSkipped(
                    StoredSession.Chain.SkippedKey.newBuilder().setIndex(index).setSeed(ByteString.copyFrom(seed))));
            b.addReceiverChains(cb);
        }
        if (pendingPreKey != null) {
            StoredSession.PendingPreKey.Builder pb = StoredSession.PendingPreKey.newBuilder()
                    .setSignedPreKeyId(pendingPreKey.signedPreKeyId())
                    .setBaseKey(ByteString.copyFrom(pendingPreKey.baseKey()));
            pendingPreKey.preKeyId().ifPresent(pb::setPreKeyId);
            b.setPendingPreKey(pb);
        }
        return b.build();
    }

    public static SessionState fromStored(StoredSession s) {
        if (s.getVersion() != VERSION) {
            throw new IllegalStateException("stored Signal session has version " + s.getVersion());
        }
        SessionState state = new SessionState(s.getLocalIdentity().toByteArray(), s.getRemoteIdentity().toByteArray(),
                new RootKey(s.getRootKey().toByteArray()), s.getLocalRegistrationId(), s.getRemoteRegistrationId(),
                s.getAliceBaseKey().toByteArray());
        state.previousCounter = s.getPreviousCounter();
        if (s.hasSenderChain()) {
            StoredSession.Chain c = s.getSenderChain();
            state.setSenderChain(new KeyPair(c.getRatchetPrivate().toByteArray(), c.getRatchetPublic().toByteArray()),
                    new ChainKey(c.getKey().toByteArray(), c.getIndex()));
        }
        for (StoredSession.Chain c : s.getReceiverChainsList()) {
            Map<Integer, byte[]> skipped = new LinkedHashMap<>();
            for (StoredSession.Chain.SkippedKey k : c.getSkippedList()) {
                skipped.put(k.getIndex(), k.getSeed().toByteArray());
            }
            state.receiverChains.add(new ReceiverChain(c.getRatchetPublic().toByteArray(),
                    new ChainKey(c.getKey().toByteArray(), c.getIndex()), skipped));
        }
        if (s.hasPendingPreKey()) {
            StoredSession.PendingPreKey p = s.getPendingPreKey();
            state.pendingPreKey = new PendingPreKey(p.hasPreKeyId() ? OptionalInt.of(p.getPreKeyId()) : OptionalInt.empty(),
                    p.getSignedPreKeyId(), p.getBaseKey().toByteArray());
        }
        return state;
    }

    /** True when a stored session is the one started with {@code baseKey}, without reading the rest of it. */
    public static boolean hasBaseKey(StoredSession s, byte[] baseKey) {
        return MessageDigest.isEqual(s.getAliceBaseKey().toByteArray(), baseKey);
    }

    @Override
    public String toString() {
        return "SessionState[receiverChains=" + receiverChains.size() + ", pendingPreKey=" + (pendingPreKey != null) + "]";
    }
}
