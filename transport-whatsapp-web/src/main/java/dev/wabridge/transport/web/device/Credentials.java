package dev.wabridge.transport.web.device;

import dev.wabridge.transport.KeyStore;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.crypto.XEdDSA;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A companion device's long-term secrets and, once paired, its identity: the Noise key, the
 * Signal identity key, the signed prekey, the registration id, the ADV secret, the JID and
 * LID, and the account-signed device identity. Kept in the KeyStore namespace "creds".
 */
public record Credentials(KeyPair noiseKey, KeyPair identityKey, int signedPreKeyId, KeyPair signedPreKey,
                          byte[] signedPreKeySignature, int registrationId, byte[] advSecret,
                          Jid jid, Jid lid, byte[] account) {
    static final String NS = "creds";

    public boolean paired() {
        return jid != null;
    }

    public static Credentials generate() {
        SecureRandom random = new SecureRandom();
        KeyPair identity = Curve25519.generate();
        KeyPair spk = Curve25519.generate();
        // The signed prekey is signed with its type byte 0x05 in front (libsignal serialization).
        byte[] spkSerialized = new byte[33];
        spkSerialized[0] = 5;
        System.arraycopy(spk.publicKey(), 0, spkSerialized, 1, 32);
        byte[] adv = new byte[32];
        random.nextBytes(adv);
        return new Credentials(Curve25519.generate(), identity, 1, spk, XEdDSA.sign(identity.privateKey(), spkSerialized),
                1 + random.nextInt(16380), adv, null, null, null);
    }

    /** The same device with the ADV secret derived when linking by phone code (whatsmeow pair-code.go). */
    public Credentials withAdvSecret(byte[] newAdvSecret) {
        return new Credentials(noiseKey, identityKey, signedPreKeyId, signedPreKey, signedPreKeySignature, registrationId,
                newAdvSecret.clone(), jid, lid, account);
    }

    /** The same device with a rotated signed prekey (the one later prekey uploads carry). */
    public Credentials withSignedPreKey(int newId, KeyPair newPair, byte[] newSignature) {
        return new Credentials(noiseKey, identityKey, newId, newPair, newSignature.clone(), registrationId,
                advSecret, jid, lid, account);
    }

    public Credentials paired(Jid newJid, Jid newLid, byte[] newAccount) {
        return new Credentials(noiseKey, identityKey, signedPreKeyId, signedPreKey, signedPreKeySignature, registrationId,
                advSecret, newJid, newLid, newAccount);
    }

    public void save(KeyStore keys) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("noise", noiseKey.serialize());
        m.put("identity", identityKey.serialize());
        m.put("signed-prekey", ByteBuffer.allocate(4 + 64 + 64).putInt(signedPreKeyId).put(signedPreKey.serialize())
                .put(signedPreKeySignature).array());
        m.put("registration-id", ByteBuffer.allocate(4).putInt(registrationId).array());
        m.put("adv-secret", advSecret);
        m.put("jid", jid == null ? null : jid.toString().getBytes(StandardCharsets.UTF_8));
        m.put("lid", lid == null ? null : lid.toString().getBytes(StandardCharsets.UTF_8));
        m.put("account", account);
        keys.putAll(NS, m);
    }

    public static Optional<Credentials> load(KeyStore keys) {
        Optional<byte[]> noise = keys.get(NS, "noise");
        if (noise.isEmpty()) {
            return Optional.empty();
        }
        ByteBuffer spk = ByteBuffer.wrap(keys.get(NS, "signed-prekey").orElseThrow());
        int spkId = spk.getInt();
        byte[] spkPair = new byte[64];
        spk.get(spkPair);
        byte[] spkSig = new byte[64];
        spk.get(spkSig);
        return Optional.of(new Credentials(KeyPair.deserialize(noise.get()), KeyPair.deserialize(keys.get(NS, "identity").orElseThrow()),
                spkId, KeyPair.deserialize(spkPair), spkSig,
                ByteBuffer.wrap(keys.get(NS, "registration-id").orElseThrow()).getInt(),
                keys.get(NS, "adv-secret").orElseThrow(),
                keys.get(NS, "jid").map(b -> Jid.parse(new String(b, StandardCharsets.UTF_8))).orElse(null),
                keys.get(NS, "lid").map(b -> Jid.parse(new String(b, StandardCharsets.UTF_8))).orElse(null),
                keys.get(NS, "account").orElse(null)));
    }

    @Override
    public String toString() {
        return "Credentials[jid=" + jid + "]"; // never the keys
    }
}
