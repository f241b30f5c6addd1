package dev.wabridge.wire.noise;

import java.util.HexFormat;

/**
 * Facts of the server certificate chain that both ends need: the client checks a chain
 * against a root, the sandbox issues one under its own root. The chain itself is the
 * {@code CertChain} message of handshake.proto.
 */
public final class NoiseCertificates {
    /**
     * WhatsApp's production root (whatsmeow handshake.go WACertPubKey; Baileys
     * WA_CERT_DETAILS.PUBLIC_KEY, issuer "WhatsAppLongTerm1").
     */
    public static final byte[] WHATSAPP_ROOT = HexFormat.of().parseHex("142375574d0a587166aae71ebe516437c4a28b73e3695c6ce1f7f9545da8ee6b");
    /** The root's serial, which the intermediate names as its issuer (whatsmeow WACertIssuerSerial). */
    public static final int ROOT_SERIAL = 0;

    private NoiseCertificates() {
    }
}
