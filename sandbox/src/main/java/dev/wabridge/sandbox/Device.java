package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Jid;

/** A companion device linked to an account: known by its Noise static key. */
record Device(Jid jid, Jid lid, byte[] noiseKey, byte[] identityKey) {
}
