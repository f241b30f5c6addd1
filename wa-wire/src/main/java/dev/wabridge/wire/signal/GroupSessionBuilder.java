package dev.wabridge.wire.signal;

import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.signal.groups.SenderChainKey;
import dev.wabridge.wire.signal.groups.SenderKeyRecord;
import dev.wabridge.wire.signal.groups.SenderKeyState;
import dev.wabridge.wire.signal.protocol.SenderKeyDistributionMessage;
import dev.wabridge.wire.signal.store.SignalAddress;
import dev.wabridge.wire.signal.store.SignalStores;

import java.security.SecureRandom;

/**
 * Sender keys for groups: makes our own and the distribution message that hands it to each
 * member, and takes in the members' (libsignal rust protocol/src/group_cipher.rs
 * {@code create_sender_key_distribution_message}/{@code process_sender_key_distribution_message};
 * Baileys WASignalGroup/group_session_builder.js; whatsmeow send.go sends it inside each
 * member device's pairwise message). Our key: a random 31-bit id (never 0, which Baileys reads
 * as "the newest"), a random 32-byte chain key at iteration 0, a fresh Curve25519 signing key.
 */
public final class GroupSessionBuilder {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SignalStores stores;

    public GroupSessionBuilder(SignalStores stores) {
        this.stores = stores;
    }

    /**
     * The distribution message of our current sender key in {@code groupJid}, creating the key
     * the first time. It carries the chain at its present iteration, so members who join later
     * cannot read what was sent before.
     */
    public byte[] createDistribution(String groupJid, SignalAddress self) {
        return stores.transaction(tx -> {
            SenderKeyRecord record = tx.senderKeys().load(groupJid, self).map(SenderKeyRecord::deserialize)
                    .orElseGet(SenderKeyRecord::empty);
            if (record.newest().filter(SenderKeyState::canSign).isEmpty()) {
                byte[] chainKey = new byte[32];
                RANDOM.nextBytes(chainKey);
                record.setOwn(SenderKeyState.own(1 + RANDOM.nextInt(Integer.MAX_VALUE - 1), new SenderChainKey(0, chainKey),
                        Curve25519.generate()));
                tx.senderKeys().store(groupJid, self, record.serialize());
            }
            SenderKeyState own = record.newest().orElseThrow();
            return SenderKeyDistributionMessage.create(own.keyId(), own.chainKey().iteration(), own.chainKey().key(),
                    own.signingPublic()).serialize();
        });
    }

    /** Forgets our key in {@code groupJid} (a member left): the next {@link #createDistribution} makes a new one. */
    public void rotate(String groupJid, SignalAddress self) {
        stores.senderKeys().store(groupJid, self, SenderKeyRecord.empty().serialize());
    }

    /** Stores a member's sender key from the distribution message they sent us. */
    public void processDistribution(String groupJid, SignalAddress sender, byte[] distribution) {
        SenderKeyDistributionMessage m = SenderKeyDistributionMessage.parse(distribution);
        stores.transaction(tx -> {
            SenderKeyRecord record = tx.senderKeys().load(groupJid, sender).map(SenderKeyRecord::deserialize)
                    .orElseGet(SenderKeyRecord::empty);
            record.addReceived(SenderKeyState.received(m.keyId(), new SenderChainKey(m.iteration(), m.chainKey()), m.signingKey()));
            tx.senderKeys().store(groupJid, sender, record.serialize());
            return null;
        });
    }
}
