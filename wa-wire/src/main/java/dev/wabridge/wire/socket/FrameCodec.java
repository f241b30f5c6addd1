package dev.wabridge.wire.socket;

/**
 * Facts of WhatsApp's frame layer (whatsmeow socket/constants.go; Baileys src/Defaults):
 * the intro header sent once before the first frame, and the 3-byte big-endian length prefix
 * of every frame in both directions.
 */
public final class FrameCodec {
    /** 'W', 'A', magic 6, binary dictionary version 3. */
    public static final byte[] INTRO_HEADER = {'W', 'A', 6, 3};
    public static final int LENGTH_BYTES = 3;
    /** The length prefix caps a frame below 2^24 bytes. */
    public static final int MAX_FRAME_SIZE = (1 << 24) - 1;

    private FrameCodec() {
    }
}
