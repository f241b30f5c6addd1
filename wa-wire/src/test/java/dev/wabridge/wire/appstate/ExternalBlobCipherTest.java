package dev.wabridge.wire.appstate;

import com.google.protobuf.ByteString;
import dev.wabridge.wire.proto.ExternalBlobReference;
import dev.wabridge.wire.proto.SyncdPatch;
import dev.wabridge.wire.proto.SyncdSnapshot;
import dev.wabridge.wire.proto.SyncdVersion;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every check of an app-state media blob fails on its own, with a message naming what did not match. */
class ExternalBlobCipherTest {
    private static final byte[] MEDIA_KEY = new byte[32];
    private static final byte[] PLAIN = "a snapshot, say".getBytes();

    static {
        Arrays.fill(MEDIA_KEY, (byte) 7);
    }

    private static ExternalBlobReference ref(ExternalBlobCipher.Sealed s) {
        return ExternalBlobReference.newBuilder().setMediaKey(ByteString.copyFrom(MEDIA_KEY)).setDirectPath("/mms/x?ccb=11-4")
                .setFileSha256(ByteString.copyFrom(s.fileSha256())).setFileEncSha256(ByteString.copyFrom(s.fileEncSha256()))
                .setFileSizeBytes(PLAIN.length).build();
    }

    private static AppStateException refused(ExternalBlobReference ref, byte[] file) {
        return assertThrows(AppStateException.class, () -> ExternalBlobCipher.open(ref, file, "snapshot of regular_low"));
    }

    @Test
    void sealedOpens() throws Exception {
        ExternalBlobCipher.Sealed s = ExternalBlobCipher.seal(MEDIA_KEY, PLAIN);
        assertEquals(16 + ExternalBlobCipher.MAC_LENGTH, s.file().length, "one AES block and the MAC");
        assertArrayEquals(PLAIN, ExternalBlobCipher.open(ref(s), s.file(), "x"));
    }

    @Test
    void aChangedFileFailsItsHash() {
        ExternalBlobCipher.Sealed s = ExternalBlobCipher.seal(MEDIA_KEY, PLAIN);
        byte[] file = s.file();
        file[0] ^= 1;
        AppStateException e = refused(ref(s), file);
        assertEquals(AppStateException.Kind.BAD_MAC, e.kind());
        assertTrue(e.getMessage().contains("fileEncSha256"), e.getMessage());
    }

    @Test
    void aWrongMacFailsTheMacEvenWhenTheHashFitsIt() {
        ExternalBlobCipher.Sealed s = ExternalBlobCipher.seal(MEDIA_KEY, PLAIN);
        byte[] file = s.file();
        file[file.length - 1] ^= 1;
        ExternalBlobReference ref = ref(s).toBuilder().setFileEncSha256(ByteString.copyFrom(ExternalBlobCipher.sha256(file))).build();
        AppStateException e = refused(ref, file);
        assertEquals(AppStateException.Kind.BAD_MAC, e.kind());
        assertEquals("the media MAC of the downloaded snapshot of regular_low does not match", e.getMessage());
    }

    @Test
    void anotherPlaintextFailsItsHash() {
        ExternalBlobCipher.Sealed s = ExternalBlobCipher.seal(MEDIA_KEY, PLAIN);
        ExternalBlobReference ref = ref(s).toBuilder().setFileSha256(ByteString.copyFrom(new byte[32])).build();
        assertTrue(refused(ref, s.file()).getMessage().contains("fileSha256"));
    }

    @Test
    void aShortFileOrABadKeyIsMalformed() {
        ExternalBlobCipher.Sealed s = ExternalBlobCipher.seal(MEDIA_KEY, PLAIN);
        assertEquals(AppStateException.Kind.MALFORMED, refused(ref(s), new byte[ExternalBlobCipher.MAC_LENGTH]).kind());
        assertEquals(AppStateException.Kind.MALFORMED,
                refused(ref(s).toBuilder().setMediaKey(ByteString.copyFrom(new byte[5])).build(), s.file()).kind());
    }

    @Test
    void contentsMustBeWhatTheyClaim() throws Exception {
        ExternalBlobCipher.Sealed notASnapshot = ExternalBlobCipher.seal(MEDIA_KEY, SyncdSnapshot.newBuilder()
                .setVersion(SyncdVersion.newBuilder().setVersion(1)).build().toByteArray());
        AppStateException e = assertThrows(AppStateException.class,
                () -> ExternalBlobContents.snapshot("regular_low", ref(notASnapshot), notASnapshot.file()));
        assertTrue(e.getMessage().contains("no version, MAC or key id"), e.getMessage());

        ExternalBlobCipher.Sealed none = ExternalBlobCipher.seal(MEDIA_KEY, new byte[0]);
        SyncdPatch patch = SyncdPatch.newBuilder().setVersion(SyncdVersion.newBuilder().setVersion(4)).setExternalMutations(ref(none)).build();
        e = assertThrows(AppStateException.class, () -> ExternalBlobContents.withMutations("regular_low", patch, none.file()));
        assertEquals("the downloaded mutations of regular_low v4 hold no mutation", e.getMessage());
    }

    @Test
    void aPatchWhoseBlobWasNotFetchedIsRefusedByTheDecoder() {
        SyncdPatch patch = SyncdPatch.newBuilder().setVersion(SyncdVersion.newBuilder().setVersion(1))
                .setExternalMutations(ExternalBlobReference.getDefaultInstance()).build();
        AppStateException e = assertThrows(AppStateException.class, () -> new PatchDecoder("regular_low",
                id -> java.util.Optional.empty(), i -> java.util.Optional.empty())
                .decode(new AppStateVersionStore.Version(0, new byte[LtHash.SIZE]), java.util.Optional.empty(), java.util.List.of(patch)));
        assertTrue(e.getMessage().contains("external blob that was not downloaded"), e.getMessage());
    }
}
