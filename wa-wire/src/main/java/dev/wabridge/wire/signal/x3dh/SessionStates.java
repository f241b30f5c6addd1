package dev.wabridge.wire.signal.x3dh;

import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.signal.protocol.PreKeySignalMessage;
import dev.wabridge.wire.signal.ratchet.PendingPreKey;
import dev.wabridge.wire.signal.ratchet.RootKey;
import dev.wabridge.wire.signal.ratchet.SessionState;

/**
 * The first {@link SessionState} of each side after X3DH (libsignal rust protocol/src/ratchet.rs).
 *
 * <p>Alice: a receiving chain for Bob's signed prekey with the X3DH chain key, a fresh ratchet
 * key pair and a sending chain from one DH ratchet step against Bob's signed prekey, and the
 * pending prekey data every message repeats until Bob answers.
 *
 * <p>Bob: his signed prekey pair as the ratchet key, the X3DH chain key as the sending chain;
 * Alice's first message brings her ratchet key, and the DH ratchet step it causes gives Bob
 * his real chains.
 */
public final class SessionStates {
    private SessionStates() {
    }

    public static SessionState initiator(KeyPair ourIdentity, int ourRegistrationId, KeyPair ourBaseKey, KeyPair ourRatchetKey,
                                         PreKeyBundle bundle) {
        X3dh.Secrets secrets = X3dh.initiator(ourIdentity, ourBaseKey, bundle.identityKey(), bundle.signedPreKey(), bundle.preKey());
        RootKey.Step sending = secrets.rootKey().createChain(bundle.signedPreKey(), ourRatchetKey.privateKey());
        SessionState state = new SessionState(ourIdentity.publicKey(), bundle.identityKey(), sending.rootKey(), ourRegistrationId,
                bundle.registrationId(), ourBaseKey.publicKey());
        state.addReceiverChain(bundle.signedPreKey(), secrets.chainKey());
        state.setSenderChain(ourRatchetKey, sending.chainKey());
        state.setPendingPreKey(new PendingPreKey(bundle.preKeyId(), bundle.signedPreKeyId(), ourBaseKey.publicKey()));
        return state;
    }

    /** {@code ourOneTimePreKey} is null when the message names none. */
    public static SessionState responder(KeyPair ourIdentity, int ourRegistrationId, KeyPair ourSignedPreKey,
                                         KeyPair ourOneTimePreKey, PreKeySignalMessage message) {
        X3dh.Secrets secrets = X3dh.responder(ourIdentity, ourSignedPreKey, ourOneTimePreKey, message.identityKey(),
                message.baseKey());
        SessionState state = new SessionState(ourIdentity.publicKey(), message.identityKey(), secrets.rootKey(), ourRegistrationId,
                message.registrationId(), message.baseKey());
        state.setSenderChain(ourSignedPreKey, secrets.chainKey());
        return state;
    }
}
