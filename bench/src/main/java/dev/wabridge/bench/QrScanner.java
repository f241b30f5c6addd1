package dev.wabridge.bench;

import java.io.IOException;

/** A sandbox phone scanning a QR code: through the Java API in-process, or the HTTP test API across processes. */
@FunctionalInterface
interface QrScanner {
    void scan(String phone, String qr) throws IOException, InterruptedException;
}
