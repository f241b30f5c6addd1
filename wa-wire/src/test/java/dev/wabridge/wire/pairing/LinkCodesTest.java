package dev.wabridge.wire.pairing;

import dev.wabridge.wire.crypto.CryptoException;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pieces of linking by phone code (whatsmeow pair-code.go), both ends against each other. */
class LinkCodesTest {
    @Test
    void codesAreEightCharactersOfWhatsAppsBase32() {
        for (int i = 0; i < 200; i++) {
            String code = LinkCodes.newCode();
            assertTrue(code.matches("[1-9A-HJ-NP-TV-Z]{8}"), code);
        }
        assertEquals("ABCD-EFGH", LinkCodes.display("ABCDEFGH"));
        assertEquals("ABCDEFGH", LinkCodes.normalize("abcd-efgh "));
    }

    @Test
    void aKeyWrappedUnderTheCodeUnwrapsOnlyWithIt() {
        byte[] pub = Curve25519.generate().publicKey();
        byte[] wrapped = LinkCodes.wrap("ABCDEFGH", pub);
        assertEquals(80, wrapped.length);
        assertArrayEquals(pub, LinkCodes.unwrap("ABCDEFGH", wrapped));
        assertFalse(Arrays.equals(pub, LinkCodes.unwrap("ABCDEFGJ", wrapped)));
    }

    @Test
    void bothSidesDeriveTheSameAdvSecretFromTheBundle() {
        KeyPair companionEph = Curve25519.generate();
        KeyPair primaryEph = Curve25519.generate();
        KeyPair companionId = Curve25519.generate();
        KeyPair primaryId = Curve25519.generate();
        byte[] advRandom = LinkCodes.random(32);
        byte[] shared = Curve25519.sharedSecret(companionEph.privateKey(), primaryEph.publicKey());
        byte[] bundle = LinkCodes.wrapKeyBundle(shared, companionId.publicKey(), primaryId.publicKey(), advRandom);
        byte[] companionAdv = LinkCodes.advSecret(shared, Curve25519.sharedSecret(companionId.privateKey(), primaryId.publicKey()), advRandom);

        byte[] plain = LinkCodes.unwrapKeyBundle(Curve25519.sharedSecret(primaryEph.privateKey(), companionEph.publicKey()), bundle);
        assertArrayEquals(companionId.publicKey(), Arrays.copyOfRange(plain, 0, 32));
        byte[] primaryAdv = LinkCodes.advSecret(shared, Curve25519.sharedSecret(primaryId.privateKey(), companionId.publicKey()),
                Arrays.copyOfRange(plain, 64, 96));
        assertArrayEquals(companionAdv, primaryAdv);
        assertThrows(CryptoException.class, () -> LinkCodes.unwrapKeyBundle(LinkCodes.random(32), bundle));
    }
}
