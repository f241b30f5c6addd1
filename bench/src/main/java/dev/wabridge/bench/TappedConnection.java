package dev.wabridge.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One client connection seen by {@link FrameTap}: a parser of the client's side of the
 * stream (the HTTP upgrade, then WebSocket frame headers, payloads skipped) and the arrival
 * time and size of each of its binary frames. Parsing happens on the relay thread; readers
 * ask from others.
 */
final class TappedConnection {
    private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};

    private static final int BINARY = 2;

    private final int index;
    private final int minPayload;
    /** (arrival nanoTime, payload size) of every binary frame. */
    private final List<long[]> frames = new ArrayList<>();
    private boolean upgraded;
    private int headerMatch;
    /** Bytes of a frame header not complete yet (at most 14). */
    private final byte[] header = new byte[14];
    private int headerLength;
    private long payloadLeft;

    TappedConnection(int index, int minPayload) {
        this.index = index;
        this.minPayload = minPayload;
    }

    int index() {
        return index;
    }

    /** The arrival time of the first frame of at least {@code minSize} bytes at or after {@code since}, or -1. */
    synchronized long firstFrameAfter(long since, int minSize) {
        for (long[] f : frames) {
            if (f[0] >= since && f[1] >= minSize) {
                return f[0];
            }
        }
        return -1;
    }

    /** The arrival time of the first large frame (a stanza with ciphertext) at or after {@code since}, or -1. */
    long firstLargeFrameAfter(long since) {
        return firstFrameAfter(since, minPayload);
    }

    /** The arrival time of the latest large frame, or -1. */
    synchronized long lastLargeFrame() {
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (frames.get(i)[1] >= minPayload) {
                return frames.get(i)[0];
            }
        }
        return -1;
    }

    /** How many large frames arrived in [from, to]. */
    synchronized int largeFramesBetween(long from, long to) {
        int n = 0;
        for (long[] f : frames) {
            if (f[0] >= from && f[0] <= to && f[1] >= minPayload) {
                n++;
            }
        }
        return n;
    }

    synchronized void parse(byte[] buf, int length, long at) {
        int i = 0;
        while (i < length) {
            if (!upgraded) {
                // the HTTP upgrade request ends with an empty line
                headerMatch = buf[i] == HEADERS_END[headerMatch] ? headerMatch + 1 : (buf[i] == '\r' ? 1 : 0);
                upgraded = headerMatch == HEADERS_END.length;
                i++;
            } else if (payloadLeft > 0) {
                int skip = (int) Math.min(payloadLeft, length - i);
                payloadLeft -= skip;
                i += skip;
            } else {
                header[headerLength++] = buf[i++];
                long payload = completeHeader();
                if (payload >= 0) {
                    headerLength = 0;
                    payloadLeft = payload;
                    if ((header[0] & 0x0f) == BINARY) {
                        frames.add(new long[]{at, payload});
                    }
                }
            }
        }
    }

    /** The payload length once the header bytes so far form a whole header, else -1. */
    private long completeHeader() {
        if (headerLength < 2) {
            return -1;
        }
        int len7 = header[1] & 0x7f;
        int maskBytes = (header[1] & 0x80) != 0 ? 4 : 0;
        int extra = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
        if (headerLength < 2 + extra + maskBytes) {
            return -1;
        }
        long payload = len7;
        if (extra > 0) {
            payload = 0;
            for (int k = 0; k < extra; k++) {
                payload = (payload << 8) | (header[2 + k] & 0xff);
            }
        }
        return payload;
    }
}
