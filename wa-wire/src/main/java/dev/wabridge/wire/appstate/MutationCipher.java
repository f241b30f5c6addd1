package dev.wabridge.wire.appstate;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.wire.crypto.AesCbc;
import dev.wabridge.wire.crypto.CryptoException;
import dev.wabridge.wire.crypto.HmacSha256;
import dev.wabridge.wire.proto.KeyId;
import dev.wabridge.wire.proto.SyncActionData;
import dev.wabridge.wire.proto.SyncdIndex;
import dev.wabridge.wire.proto.SyncdMutation.SyncdOperation;
import dev.wabridge.wire.proto.SyncdRecord;
import dev.wabridge.wire.proto.SyncdValue;

import java.util.Arrays;
import java.util.List;

/**
 * Seals one mutation into the record the server stores, and opens one (whatsmeow
 * appstate/encode.go EncodePatch's loop and decode.go decodeMutation; Baileys chat-utils.ts
 * encodeSyncdPatch and decodeSyncdMutations). The record's index is the index MAC; its value is
 * IV ‖ AES-256-CBC(value encryption key, SyncActionData{index JSON, value, version}) ‖ value
 * MAC. Both references ask for an empty padding; Baileys' protobuf.js leaves the empty field out,
 * whatsmeow writes it as two bytes. We write what Baileys does, so our bytes can be checked
 * against it (any decoder reads both). Opening checks the value MAC before decrypting and the
 * index MAC after.
 */
public final class MutationCipher {
    /** AES-CBC IV length. */
    public static final int IV_LENGTH = 16;

    private MutationCipher() {
    }

    public static SyncdRecord seal(Mutation m, byte[] keyId, MutationKeys keys, byte[] iv) {
        byte[] indexJson = MutationIndex.toJson(m.index());
        byte[] plain = SyncActionData.newBuilder().setIndex(ByteString.copyFrom(indexJson)).setValue(m.value())
                .setVersion(m.version()).build().toByteArray();
        byte[] sealed = concat(iv, AesCbc.encrypt(keys.valueEncryption(), iv, plain));
        byte[] valueMac = AppStateMacs.valueMac(m.operation(), keyId, sealed, keys.valueMac());
        return SyncdRecord.newBuilder()
                .setIndex(SyncdIndex.newBuilder().setBlob(ByteString.copyFrom(AppStateMacs.indexMac(keys.index(), indexJson))))
                .setValue(SyncdValue.newBuilder().setBlob(ByteString.copyFrom(concat(sealed, valueMac))))
                .setKeyId(KeyId.newBuilder().setId(ByteString.copyFrom(keyId)))
                .build();
    }

    /** The value MAC at the end of a record's value (what the LT-hash adds). */
    public static byte[] valueMacOf(SyncdRecord r) throws AppStateException {
        byte[] blob = r.getValue().getBlob().toByteArray();
        if (blob.length < IV_LENGTH + 16 + AppStateMacs.VALUE_MAC_LENGTH) {
            throw AppStateException.malformed("a mutation value of " + blob.length + " bytes is too short");
        }
        return Arrays.copyOfRange(blob, blob.length - AppStateMacs.VALUE_MAC_LENGTH, blob.length);
    }

    public static Mutation open(SyncdOperation operation, SyncdRecord r, MutationKeys keys) throws AppStateException {
        byte[] blob = r.getValue().getBlob().toByteArray();
        byte[] valueMac = valueMacOf(r);
        byte[] sealed = Arrays.copyOf(blob, blob.length - AppStateMacs.VALUE_MAC_LENGTH);
        byte[] keyId = r.getKeyId().getId().toByteArray();
        if (!HmacSha256.equalsConstantTime(AppStateMacs.valueMac(operation, keyId, sealed, keys.valueMac()), valueMac)) {
            throw AppStateException.badMac("the value MAC of a mutation");
        }
        SyncActionData data;
        try {
            data = SyncActionData.parseFrom(AesCbc.decrypt(keys.valueEncryption(), Arrays.copyOf(sealed, IV_LENGTH),
                    Arrays.copyOfRange(sealed, IV_LENGTH, sealed.length)));
        } catch (CryptoException | InvalidProtocolBufferException e) {
            throw AppStateException.malformed("a mutation value does not decrypt to SyncActionData: " + e.getMessage());
        }
        byte[] indexJson = data.getIndex().toByteArray();
        if (!HmacSha256.equalsConstantTime(AppStateMacs.indexMac(keys.index(), indexJson), r.getIndex().getBlob().toByteArray())) {
            throw AppStateException.badMac("the index MAC of a mutation");
        }
        List<String> index;
        try {
            index = MutationIndex.parse(indexJson);
        } catch (IllegalArgumentException e) {
            throw AppStateException.malformed("a mutation index is not a JSON array of strings");
        }
        return new Mutation(operation, index, data.getValue(), data.getVersion());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
