package dev.wabridge.wire.signal;

/**
 * The {@code type} attribute of WhatsApp's {@code <enc>} element (whatsmeow message.go
 * {@code decryptMessages}, send.go {@code encryptMessageForDevice}; Baileys
 * messages-send.ts): {@code pkmsg} a {@code PreKeySignalMessage}, {@code msg} a
 * {@code SignalMessage}, {@code skmsg} a {@code SenderKeyMessage}.
 */
public enum CiphertextType {
    PKMSG("pkmsg"), MSG("msg"), SKMSG("skmsg");

    private final String wireName;

    CiphertextType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static CiphertextType fromWire(String name) {
        for (CiphertextType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("not a Signal ciphertext type: " + name);
    }
}
