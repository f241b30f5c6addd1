package dev.wabridge.transport.web.pairing;

import com.google.protobuf.ByteString;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.services.FakeSessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.crypto.XEdDSA;
import dev.wabridge.wire.pairing.AdvSignatures;
import dev.wabridge.wire.proto.ADVDeviceIdentity;
import dev.wabridge.wire.proto.ADVEncryptionType;
import dev.wabridge.wire.proto.ADVSignedDeviceIdentity;
import dev.wabridge.wire.proto.ADVSignedDeviceIdentityHMAC;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the device's side of a scan (whatsmeow pair.go handlePair) without a socket or sandbox:
 * the test plays the phone and signs an ADV container as the sandbox does. A correct one is
 * countersigned, answered with {@code <pair-device-sign>} (account key cleared, as whatsmeow
 * sends it), stored as this device's identity and ends the QR rotation; a container with a
 * wrong HMAC or account signature, or one that does not parse, is refused with whatsmeow's
 * error code and text and nothing is stored. A device that stored a forged identity would log
 * in as someone else's companion.
 */
class PairSuccessTest {
    private static final Jid JID = new Jid("34600000001", 0, 3, Jid.USER_SERVER);
    private static final Jid LID = new Jid("100000000000001", 0, 3, Jid.LID_SERVER);
    private static final int KEY_INDEX = 3;

    private final FakeSessionServices session = new FakeSessionServices();
    private final QrPairing qr = new QrPairing(session, Duration.ofSeconds(60), Duration.ofSeconds(20));
    private final PairSuccess pairSuccess = new PairSuccess(session, qr);
    private final KeyPair phoneAccount = Curve25519.generate();
    private Credentials device;
    private byte[] details;

    @BeforeEach
    void showACode() {
        device = session.credentials();
        details = ADVDeviceIdentity.newBuilder().setRawId(12345).setTimestamp(1_767_225_600L).setKeyIndex(KEY_INDEX).build().toByteArray();
        qr.onPairDevice(QrPairingTest.pairDevice("pd-1", "r1", "r2"));
        session.sent().clear();
    }

    /** What the phone signs: the account key over 0x06 0x00 ‖ details ‖ the device's identity key. */
    private byte[] signedIdentity(byte[] accountSignature) {
        return ADVSignedDeviceIdentity.newBuilder().setDetails(ByteString.copyFrom(details))
                .setAccountSignatureKey(ByteString.copyFrom(phoneAccount.publicKey()))
                .setAccountSignature(ByteString.copyFrom(accountSignature)).build().toByteArray();
    }

    private byte[] correctAccountSignature() {
        return XEdDSA.sign(phoneAccount.privateKey(), AdvSignatures.accountMessage(details, device.identityKey().publicKey()));
    }

    private byte[] container(byte[] signed, byte[] hmac) {
        return ADVSignedDeviceIdentityHMAC.newBuilder().setDetails(ByteString.copyFrom(signed)).setHmac(ByteString.copyFrom(hmac))
                .build().toByteArray();
    }

    private byte[] goodContainer() {
        byte[] signed = signedIdentity(correctAccountSignature());
        return container(signed, AdvSignatures.hmac(device.advSecret(), signed));
    }

    private static Node pairSuccess(byte[] deviceIdentity) {
        return Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "set", "id", "ps-1", "xmlns", "md"),
                List.of(Node.of("pair-success", Map.of(), List.of(
                        Node.of("device-identity", Map.of(), deviceIdentity),
                        Node.of("device", Node.attrs("jid", JID, "lid", LID)),
                        Node.of("platform", Node.attrs("name", "android"))))));
    }

    private void assertRefused(int code, String text) {
        Node expected = Node.of("iq", Node.attrs("to", Jid.SERVER, "type", "error", "id", "ps-1"),
                List.of(Node.of("error", Node.attrs("code", Integer.toString(code), "text", text))));
        assertEquals(List.of(expected), session.sent());
        assertEquals(0, session.credentialSaves());
        assertFalse(Credentials.load(session.keys()).orElseThrow().paired(), "nothing stored");
        assertNull(session.credentials().jid());
    }

    @Test
    void aCorrectlySignedContainerIsCountersignedAndAnsweredWithPairDeviceSign() throws Exception {
        pairSuccess.onPairSuccess(pairSuccess(goodContainer()));

        assertEquals(1, session.sent().size());
        Node reply = session.sent().get(0);
        assertEquals("result", reply.attr("type"));
        assertEquals("ps-1", reply.attr("id"));
        assertEquals(Jid.SERVER, reply.attrs().get("to"));
        Node identity = reply.child("pair-device-sign").orElseThrow().child("device-identity").orElseThrow();
        assertEquals(Integer.toString(KEY_INDEX), identity.attr("key-index"));

        ADVSignedDeviceIdentity sent = ADVSignedDeviceIdentity.parseFrom(identity.bytes());
        assertFalse(sent.hasAccountSignatureKey(), "the account key is cleared in the reply");
        assertArrayEquals(details, sent.getDetails().toByteArray());
        assertTrue(AdvSignatures.verifyAccount(phoneAccount.publicKey(), details, device.identityKey().publicKey(),
                sent.getAccountSignature().toByteArray()), "the phone's signature is passed back unchanged");
        assertTrue(AdvSignatures.verifyDevice(device.identityKey().publicKey(), details, phoneAccount.publicKey(),
                sent.getDeviceSignature().toByteArray()), "the device signature verifies");
    }

    @Test
    void aCorrectlySignedContainerIsStoredWithJidLidAndTheSignedAccount() throws Exception {
        pairSuccess.onPairSuccess(pairSuccess(goodContainer()));

        assertEquals(1, session.credentialSaves());
        Credentials stored = Credentials.load(session.keys()).orElseThrow();
        assertEquals(JID, stored.jid());
        assertEquals(LID, stored.lid());
        assertArrayEquals(device.identityKey().publicKey(), stored.identityKey().publicKey(), "the same device keys, now paired");
        assertArrayEquals(device.noiseKey().publicKey(), stored.noiseKey().publicKey());
        ADVSignedDeviceIdentity account = ADVSignedDeviceIdentity.parseFrom(stored.account());
        assertArrayEquals(phoneAccount.publicKey(), account.getAccountSignatureKey().toByteArray(), "the stored account keeps its key");
        assertTrue(AdvSignatures.verifyDevice(device.identityKey().publicKey(), details, phoneAccount.publicKey(),
                account.getDeviceSignature().toByteArray()));
        assertEquals(JID, session.credentials().jid(), "the session uses the new identity");
    }

    @Test
    void pairingStopsTheQrRotation() {
        pairSuccess.onPairSuccess(pairSuccess(goodContainer()));
        assertEquals(0, session.scheduler().pendingCount());
        session.scheduler().advance(Duration.ofHours(1));
        assertEquals(1, session.events(TransportEvent.QrCode.class).size());
        assertTrue(session.events(TransportEvent.Disconnected.class).isEmpty(), "no QR timeout after pairing");
        assertEquals(0, session.fakeConnection().stopCalls());
    }

    @Test
    void aWrongHmacIsRefusedWith401AndNothingIsStored() {
        byte[] signed = signedIdentity(correctAccountSignature());
        byte[] hmac = AdvSignatures.hmac(device.advSecret(), signed);
        hmac[0] ^= 1;
        pairSuccess.onPairSuccess(pairSuccess(container(signed, hmac)));
        assertRefused(401, "hmac-mismatch");
        session.scheduler().advance(Duration.ofSeconds(60));
        assertEquals(2, session.events(TransportEvent.QrCode.class).size(), "a refused scan leaves the codes rotating");
    }

    @Test
    void aContainerAuthenticatedWithAnotherSecretIsRefusedWith401() {
        byte[] signed = signedIdentity(correctAccountSignature());
        pairSuccess.onPairSuccess(pairSuccess(container(signed, AdvSignatures.hmac(new byte[32], signed))));
        assertRefused(401, "hmac-mismatch");
    }

    @Test
    void aBadAccountSignatureIsRefusedWith401AndNothingIsStored() {
        byte[] otherDevicesIdentity = Curve25519.generate().publicKey();
        byte[] signed = signedIdentity(XEdDSA.sign(phoneAccount.privateKey(), AdvSignatures.accountMessage(details, otherDevicesIdentity)));
        pairSuccess.onPairSuccess(pairSuccess(container(signed, AdvSignatures.hmac(device.advSecret(), signed))));
        assertRefused(401, "signature-mismatch");
    }

    @Test
    void garbageBytesAreRefusedWith500AndNothingIsStored() {
        pairSuccess.onPairSuccess(pairSuccess(new byte[]{(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}));
        assertRefused(500, "internal-error");
    }

    @Test
    void aPairSuccessWithoutDeviceIdentityIsRefusedWith500() {
        Node iq = Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "set", "id", "ps-1", "xmlns", "md"),
                List.of(Node.of("pair-success", Map.of(), List.of(Node.of("device", Node.attrs("jid", JID))))));
        pairSuccess.onPairSuccess(iq);
        assertRefused(500, "internal-error");
    }

    @Test
    void aPairSuccessWithoutDeviceJidIsRefusedWith500() {
        Node iq = Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "set", "id", "ps-1", "xmlns", "md"),
                List.of(Node.of("pair-success", Map.of(), List.of(Node.of("device-identity", Map.of(), goodContainer())))));
        pairSuccess.onPairSuccess(iq);
        assertRefused(500, "internal-error");
    }

    /** A hosted account's container: details of a HOSTED device, signed and HMAC'd over 0x06 0x05 (whatsmeow pair.go). */
    private byte[] hostedContainer(boolean hostedHmac) {
        byte[] hostedDetails = ADVDeviceIdentity.newBuilder().setRawId(7).setTimestamp(1767225600).setKeyIndex(3)
                .setAccountType(ADVEncryptionType.HOSTED).setDeviceType(ADVEncryptionType.HOSTED).build().toByteArray();
        byte[] signed = ADVSignedDeviceIdentity.newBuilder().setDetails(ByteString.copyFrom(hostedDetails))
                .setAccountSignatureKey(ByteString.copyFrom(phoneAccount.publicKey()))
                .setAccountSignature(ByteString.copyFrom(XEdDSA.sign(phoneAccount.privateKey(),
                        AdvSignatures.accountMessage(hostedDetails, device.identityKey().publicKey(), true)))).build().toByteArray();
        return ADVSignedDeviceIdentityHMAC.newBuilder().setDetails(ByteString.copyFrom(signed)).setAccountType(ADVEncryptionType.HOSTED)
                .setHmac(ByteString.copyFrom(AdvSignatures.hmac(device.advSecret(), signed, hostedHmac))).build().toByteArray();
    }

    @Test
    void aHostedAccountsContainerWithTheHostedPrefixesIsAccepted() {
        pairSuccess.onPairSuccess(pairSuccess(hostedContainer(true)));
        assertEquals("pair-device-sign", session.sent().get(0).children().get(0).tag(), session.sent().toString());
        assertTrue(Credentials.load(session.keys()).orElseThrow().paired());
    }

    @Test
    void aHostedContainerHmacdWithoutItsPrefixIsRefused() {
        pairSuccess.onPairSuccess(pairSuccess(hostedContainer(false)));
        assertRefused(401, "hmac-mismatch");
    }
}
