package dev.wabridge.transport.web.pairing;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.pairing.AdvSignatures;
import dev.wabridge.wire.proto.ADVDeviceIdentity;
import dev.wabridge.wire.proto.ADVEncryptionType;
import dev.wabridge.wire.proto.ADVSignedDeviceIdentity;
import dev.wabridge.wire.proto.ADVSignedDeviceIdentityHMAC;
import dev.wabridge.wire.routing.Iq;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * The phone scanned a code (whatsmeow pair.go handlePairSuccess): check the container's HMAC
 * under our ADV secret and the account's signature over our identity key, countersign as the
 * device, store the new identity (JID, LID, signed account), and answer with
 * {@code <pair-device-sign>}. The server then asks for a restart (515) and we log in. A
 * hosted account's container and account signature carry the 0x06 0x05 prefix.
 * A check that fails is answered with an error and nothing is stored.
 */
public final class PairSuccess {
    private static final Logger log = LoggerFactory.getLogger(PairSuccess.class);

    private final SessionServices session;
    private final QrPairing qr;

    public PairSuccess(SessionServices session, QrPairing qr) {
        this.session = session;
        this.qr = qr;
    }

    /** {@code <iq type="set" xmlns="md"><pair-success>…</pair-success></iq>}. */
    public void onPairSuccess(Node iq) {
        Node ps = iq.child("pair-success").orElseThrow();
        Credentials creds = session.credentials();
        try {
            byte[] container = ps.child("device-identity").map(Node::bytes).orElseThrow(() -> new IllegalArgumentException("no device-identity"));
            Jid jid = ps.child("device").flatMap(d -> d.jid("jid")).orElseThrow(() -> new IllegalArgumentException("no device jid"));
            Jid lid = ps.child("device").flatMap(d -> d.jid("lid")).orElse(null);
            ADVSignedDeviceIdentityHMAC hmac = ADVSignedDeviceIdentityHMAC.parseFrom(container);
            boolean hostedAccount = hmac.getAccountType() == ADVEncryptionType.HOSTED; // whatsmeow pair.go handlePair
            if (!AdvSignatures.hmacMatches(creds.advSecret(), hmac.getDetails().toByteArray(), hmac.getHmac().toByteArray(), hostedAccount)) {
                refuse(iq, 401, "hmac-mismatch");
                return;
            }
            ADVSignedDeviceIdentity signed = ADVSignedDeviceIdentity.parseFrom(hmac.getDetails());
            byte[] details = signed.getDetails().toByteArray();
            byte[] accountKey = signed.getAccountSignatureKey().toByteArray();
            byte[] identity = creds.identityKey().publicKey();
            boolean hostedDevice = ADVDeviceIdentity.parseFrom(details).getDeviceType() == ADVEncryptionType.HOSTED;
            if (!AdvSignatures.verifyAccount(accountKey, details, identity, signed.getAccountSignature().toByteArray(), hostedDevice)) {
                refuse(iq, 401, "signature-mismatch");
                return;
            }
            byte[] deviceSignature = AdvSignatures.signDevice(creds.identityKey().privateKey(), details, identity, accountKey);
            ADVSignedDeviceIdentity account = signed.toBuilder().setDeviceSignature(ByteString.copyFrom(deviceSignature)).build();
            int keyIndex = ADVDeviceIdentity.parseFrom(details).getKeyIndex();
            qr.stop(); // paired: no more codes
            session.saveCredentials(creds.paired(jid, lid, account.toByteArray()));
            byte[] reply = account.toBuilder().clearAccountSignatureKey().build().toByteArray();
            session.send(Iq.clientResult(iq, List.of(Node.of("pair-device-sign", Map.of(),
                    List.of(Node.of("device-identity", Node.attrs("key-index", Integer.toString(keyIndex)), reply))))));
            log.info("session {}: paired as {}", session.sessionId(), jid);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            refuse(iq, 500, "internal-error");
            log.warn("session {}: bad pair-success: {}", session.sessionId(), e.getMessage());
        }
    }

    private void refuse(Node iq, int code, String text) {
        log.warn("session {}: pairing refused: {}", session.sessionId(), text);
        session.send(Iq.clientError(iq, code, text));
    }
}
