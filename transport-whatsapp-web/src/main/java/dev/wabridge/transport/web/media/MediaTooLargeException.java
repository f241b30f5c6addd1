package dev.wabridge.transport.web.media;

import java.io.IOException;

/** A media file above the size limit ({@link MediaSettings#maxBytes}): refused, and asking again will not help. */
public final class MediaTooLargeException extends IOException {
    public MediaTooLargeException(long bytes, long limit) {
        super("the file has " + (bytes >= 0 ? "at least " + bytes : "more than " + limit) + " bytes, above the limit of "
                + limit + " bytes");
    }
}
