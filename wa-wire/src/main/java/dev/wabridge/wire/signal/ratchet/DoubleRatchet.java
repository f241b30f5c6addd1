package dev.wabridge.wire.signal.ratchet;

import dev.wabridge.wire.crypto.AesCbc;
import dev.wabridge.wire.crypto.CryptoException;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.signal.protocol.DuplicateMessageException;
import dev.wabridge.wire.signal.protocol.InvalidMessageException;
import dev.wabridge.wire.signal.protocol.MessageTooFarAheadException;
import dev.wabridge.wire.signal.protocol.SignalMessage;

/**
 * The Double Ratchet's two operations on one {@link SessionState} (libsignal rust
 * protocol/src/session_cipher.rs {@code message_encrypt}, {@code decrypt_message_with_state},
 * {@code get_or_create_chain_key}, {@code get_or_create_message_key}; libsignal-node
 * src/session_cipher.js). Both change the state they are given; the caller stores it only when
 * the whole operation succeeded. The bodies are AES-256-CBC with PKCS#7 under the message keys,
 * not GCM (libsignal-node src/crypto.js).
 */
public final class DoubleRatchet {
    private DoubleRatchet() {
    }

    /** Encrypts on the sending chain and moves it one step. */
    public static SignalMessage encrypt(SessionState state, byte[] plaintext) {
        if (!state.hasSenderChain()) {
            throw new IllegalStateException("this Signal session has no sending chain");
        }
        ChainKey chainKey = state.senderChainKey();
        MessageKeys keys = chainKey.messageKeys();
        byte[] ciphertext = AesCbc.encrypt(keys.cipherKey(), keys.iv(), plaintext);
        SignalMessage message = SignalMessage.create(keys.macKey(), state.senderRatchetKey().publicKey(), chainKey.index(),
                state.previousCounter(), ciphertext, state.localIdentity(), state.remoteIdentity());
        state.advanceSenderChain();
        return message;
    }

    /**
     * Decrypts {@code message}, stepping the DH ratchet if it comes with a new ratchet key and
     * keeping the keys it skips. Throws {@link InvalidMessageException} (bad MAC or padding),
     * {@link DuplicateMessageException} (its key was used) or {@link MessageTooFarAheadException};
     * after a throw the state is garbage and must not be stored.
     */
    public static byte[] decrypt(SessionState state, SignalMessage message) {
        if (!state.hasSenderChain()) {
            throw new InvalidMessageException("Signal session is not initialised");
        }
        byte[] theirRatchetKey = message.ratchetKey();
        ReceiverChain chain = receiverChain(state, theirRatchetKey);
        MessageKeys keys = messageKeys(chain, message.counter());
        message.verifyMac(keys.macKey(), state.remoteIdentity(), state.localIdentity());
        byte[] plaintext;
        try {
            plaintext = AesCbc.decrypt(keys.cipherKey(), keys.iv(), message.ciphertext());
        } catch (CryptoException e) {
            throw new InvalidMessageException("Signal message body does not decrypt: " + e.getMessage());
        }
        state.setPendingPreKey(null); // the peer has the session: stop sending pkmsg
        return plaintext;
    }

    /**
     * The receiving chain for their ratchet key; a new key means a DH ratchet step: a receiving
     * chain from DH(our current ratchet key, theirs), then a fresh ratchet key pair and a sending
     * chain from DH(new key, theirs). previousCounter becomes the index of the last message sent
     * on the old chain (libsignal rust: {@code max(index, 1) - 1}; libsignal-node: the chain's
     * counter, which starts at -1).
     */
    private static ReceiverChain receiverChain(SessionState state, byte[] theirRatchetKey) {
        ReceiverChain existing = state.receiverChain(theirRatchetKey);
        if (existing != null) {
            return existing;
        }
        RootKey.Step receiving = state.rootKey().createChain(theirRatchetKey, state.senderRatchetKey().privateKey());
        KeyPair ourNewRatchetKey = Curve25519.generate();
        RootKey.Step sending = receiving.rootKey().createChain(theirRatchetKey, ourNewRatchetKey.privateKey());
        state.setRootKey(sending.rootKey());
        ReceiverChain chain = state.addReceiverChain(theirRatchetKey, receiving.chainKey());
        state.setPreviousCounter(Math.max(state.senderChainKey().index(), 1) - 1);
        state.setSenderChain(ourNewRatchetKey, sending.chainKey());
        return chain;
    }

    /** The keys of message {@code counter} on {@code chain}: a kept skipped key, or the chain moved forward to it. */
    private static MessageKeys messageKeys(ReceiverChain chain, int counter) {
        ChainKey chainKey = chain.chainKey();
        long wanted = Integer.toUnsignedLong(counter);
        long next = Integer.toUnsignedLong(chainKey.index());
        if (wanted < next) {
            byte[] seed = chain.takeSkipped(counter);
            if (seed == null) {
                throw new DuplicateMessageException("message " + wanted + " was received already (chain is at " + next + ")");
            }
            return MessageKeys.derive(seed, counter);
        }
        if (wanted - next > RatchetLimits.MAX_FORWARD_JUMPS) {
            throw new MessageTooFarAheadException("message " + wanted + " is " + (wanted - next) + " ahead of its chain (at most "
                    + RatchetLimits.MAX_FORWARD_JUMPS + ")");
        }
        while (chainKey.index() != counter) {
            chain.addSkipped(chainKey.index(), chainKey.messageKeySeed());
            chainKey = chainKey.next();
        }
        chain.setChainKey(chainKey.next());
        return chainKey.messageKeys();
    }
}
