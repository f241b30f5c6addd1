package dev.wabridge.wire.signal;

import dev.wabridge.wire.crypto.KeyPair;

/**
 * Who we are to Signal: our identity key pair and registration id. The transport keeps them
 * with its credentials, the sandbox with each simulated phone, so the Signal layer takes them
 * as a value instead of reading a namespace it does not own.
 */
public record LocalIdentity(KeyPair identityKey, int registrationId) {
    @Override
    public String toString() {
        return "LocalIdentity[" + identityKey + ", registrationId=" + registrationId + "]";
    }
}
