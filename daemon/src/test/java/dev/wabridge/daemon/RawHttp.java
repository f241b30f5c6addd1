package dev.wabridge.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One HTTP/1.1 request with headers java.net.http will not send (Host, Origin), answered by its status code. */
public final class RawHttp {
    private RawHttp() {
    }

    /** POSTs {@code body} with the given extra header lines ("Name: value") and returns the status code. */
    public static int post(InetSocketAddress to, String path, String contentType, String body, String... headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        head.append("Content-Type: ").append(contentType).append("\r\nAccept: application/json, text/event-stream\r\n")
                .append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(to, 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
