package dev.wabridge.wire.pairing;

import dev.wabridge.wire.crypto.XEdDSA;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signatures of device linking ("ADV", whatsmeow pair.go verifyAccountSignature /
 * generateDeviceSignature; Baileys validate-connection.ts configureSuccessfulPairing):
 * the phone's account key signs 0x06 0x00 ‖ details ‖ device identity key; the device signs
 * 0x06 0x01 ‖ details ‖ device identity key ‖ account key; the container is authenticated
 * with HMAC-SHA256 under the ADV secret from the QR code. For a hosted account (WhatsApp
 * Business hosted by Meta: container accountType / details deviceType HOSTED) both the HMAC
 * input and the account signature start with 0x06 0x05 instead (whatsmeow pair.go
 * AdvHostedAccountSignaturePrefix); the device signature keeps 0x06 0x01.
 */
public final class AdvSignatures {
    static final byte[] ACCOUNT_PREFIX = {6, 0};
    static final byte[] DEVICE_PREFIX = {6, 1};
    static final byte[] HOSTED_ACCOUNT_PREFIX = {6, 5};

    private AdvSignatures() {
    }

    public static byte[] hmac(byte[] advSecret, byte[] details) {
        return hmac(advSecret, details, false);
    }

    /** The container's HMAC; a hosted account's covers 0x06 0x05 ‖ details. */
    public static byte[] hmac(byte[] advSecret, byte[] details, boolean hosted) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(advSecret, "HmacSHA256"));
            if (hosted) {
                mac.update(HOSTED_ACCOUNT_PREFIX);
            }
            return mac.doFinal(details);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean hmacMatches(byte[] advSecret, byte[] details, byte[] hmac) {
        return hmacMatches(advSecret, details, hmac, false);
    }

    public static boolean hmacMatches(byte[] advSecret, byte[] details, byte[] hmac, boolean hosted) {
        return MessageDigest.isEqual(hmac(advSecret, details, hosted), hmac);
    }

    public static byte[] accountMessage(byte[] details, byte[] deviceIdentityKey) {
        return accountMessage(details, deviceIdentityKey, false);
    }

    /** What the account key signs; a hosted device's starts with 0x06 0x05. */
    public static byte[] accountMessage(byte[] details, byte[] deviceIdentityKey, boolean hosted) {
        return concat(hosted ? HOSTED_ACCOUNT_PREFIX : ACCOUNT_PREFIX, details, deviceIdentityKey);
    }

    public static byte[] deviceMessage(byte[] details, byte[] deviceIdentityKey, byte[] accountSignatureKey) {
        return concat(DEVICE_PREFIX, details, deviceIdentityKey, accountSignatureKey);
    }

    public static boolean verifyAccount(byte[] accountKey, byte[] details, byte[] deviceIdentityKey, byte[] signature) {
        return verifyAccount(accountKey, details, deviceIdentityKey, signature, false);
    }

    public static boolean verifyAccount(byte[] accountKey, byte[] details, byte[] deviceIdentityKey, byte[] signature, boolean hosted) {
        return XEdDSA.verify(accountKey, accountMessage(details, deviceIdentityKey, hosted), signature);
    }

    public static byte[] signDevice(byte[] devicePrivateKey, byte[] details, byte[] deviceIdentityKey, byte[] accountSignatureKey) {
        return XEdDSA.sign(devicePrivateKey, deviceMessage(details, deviceIdentityKey, accountSignatureKey));
    }

    public static boolean verifyDevice(byte[] deviceIdentityKey, byte[] details, byte[] accountSignatureKey, byte[] signature) {
        return XEdDSA.verify(deviceIdentityKey, deviceMessage(details, deviceIdentityKey, accountSignatureKey), signature);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
