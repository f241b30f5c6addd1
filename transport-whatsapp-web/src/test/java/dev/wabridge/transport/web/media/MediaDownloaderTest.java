package dev.wabridge.transport.web.media;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Downloads against local HTTP servers: whatsmeow's URL and headers, hosts tried in order, the
 * statuses that end a download, the size limit (declared and streamed) and the timeout.
 */
class MediaDownloaderTest {
    private static final byte[] HASH = new byte[32];
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile int status = 200;
    private volatile byte[] body = "encrypted bytes".getBytes();
    private volatile boolean chunked;
    private volatile long stallMs;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestURI() + " origin=" + exchange.getRequestHeaders().getFirst("Origin"));
            try {
                Thread.sleep(stallMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(status, status != 200 ? -1 : chunked ? 0 : body.length);
            if (status == 200) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                } catch (IOException e) {
                    // the client hung up (a refused size): fine
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static MediaDownloader downloader(long maxBytes, Duration timeout) {
        return new MediaDownloader(new MediaSettings(true, timeout, maxBytes));
    }

    private static Throwable failure(java.util.concurrent.CompletableFuture<?> f) {
        return assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS)).getCause();
    }

    @Test
    void fetchesWhatsmeowsUrlWithTheWebOrigin() throws Exception {
        byte[] got = downloader(1024, Duration.ofSeconds(5))
                .download(List.of(host()), "/mms/md-app-state/abc?ccb=11-4", HASH, MediaDownloader.APP_STATE).get(10, TimeUnit.SECONDS);
        assertArrayEquals(body, got);
        assertEquals(List.of("/mms/md-app-state/abc?ccb=11-4&hash=" + Base64.getUrlEncoder().encodeToString(HASH)
                + "&mms-type=md-app-state&__wa-mms= origin=https://web.whatsapp.com"), seen);
    }

    @Test
    void httpsUnlessInsecureHttpIsAllowed() throws Exception {
        assertEquals(URI.create("https://mmg.whatsapp.net/v/t62/x.enc?ccb=11-4&hash=" + Base64.getUrlEncoder().encodeToString(HASH)
                        + "&mms-type=md-app-state&__wa-mms="),
                new MediaDownloader(MediaSettings.DEFAULT).url("mmg.whatsapp.net", "/v/t62/x.enc?ccb=11-4", HASH, "md-app-state"));
        assertThrows(IOException.class, () -> new MediaDownloader(MediaSettings.DEFAULT).url("evil.com/x#", "/p", HASH, "t"));
        assertTrue(failure(downloader(1024, Duration.ofSeconds(5)).download(List.of(host()), "no-slash", HASH, "t"))
                .getMessage().contains("does not start with a slash"));
    }

    @Test
    void triesTheHostsInOrder() throws Exception {
        byte[] got = downloader(1024, Duration.ofSeconds(5))
                .download(List.of("127.0.0.1:1", host()), "/f?x=1", HASH, "t").get(10, TimeUnit.SECONDS);
        assertArrayEquals(body, got);
        assertEquals(1, seen.size());

        status = 500;
        Throwable e = failure(downloader(1024, Duration.ofSeconds(5)).download(List.of(host(), host()), "/f?x=1", HASH, "t"));
        assertEquals(3, seen.size(), "a 500 goes on to the next host");
        assertTrue(e.getMessage().contains("(the last of 2): answered HTTP 500"), e.getMessage());
    }

    @Test
    void aMissingFileEndsTheDownloadAtOnce() {
        status = 404;
        Throwable e = failure(downloader(1024, Duration.ofSeconds(5)).download(List.of(host(), host()), "/f?x=1", HASH, "t"));
        assertEquals(1, seen.size());
        assertEquals("media host " + host() + ": answered HTTP 404", e.getMessage());
    }

    @Test
    void aFileAboveTheLimitIsRefusedDeclaredOrNot() {
        body = new byte[5000];
        Throwable declared = failure(downloader(4096, Duration.ofSeconds(5)).download(List.of(host(), host()), "/f?x=1", HASH, "t"));
        assertTrue(declared.getCause() instanceof MediaTooLargeException, declared.toString());
        assertEquals(1, seen.size(), "not asked of another host");
        chunked = true;
        Throwable streamed = failure(downloader(4096, Duration.ofSeconds(5)).download(List.of(host()), "/f?x=1", HASH, "t"));
        assertTrue(streamed.getCause() instanceof MediaTooLargeException, streamed.toString());
        assertTrue(streamed.getMessage().contains("above the limit of 4096 bytes"), streamed.getMessage());
    }

    @Test
    void aHostThatDoesNotAnswerTimesOut() {
        stallMs = 1500;
        long t0 = System.nanoTime();
        Throwable e = failure(downloader(1024, Duration.ofMillis(300)).download(List.of(host()), "/f?x=1", HASH, "t"));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2), "bounded by the timeout");
        assertTrue(e.getMessage().startsWith("media host " + host()), e.getMessage());
    }
}
