package dev.wabridge.transport.web.media;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Fetches an (encrypted) file from WhatsApp's media servers (whatsmeow download.go
 * DownloadMediaWithPath and doMediaDownloadRequest; Baileys messages-media.ts
 * downloadContentFromMessage): {@code https://<host><directPath>&hash=<fileEncSha256, base64url>&mms-type=<type>&__wa-mms=}
 * from each host of the {@code media_conn} answer in its order, with Origin and Referer of
 * web.whatsapp.com. A host that cannot be reached or answers anything but 200 is followed by the
 * next; 403, 404 and 410 end the download at once (the file is gone or not ours, whatsmeow
 * stops there too). whatsmeow also retries a host after a network error; we do not (the caller's
 * sync can be run again). Bounded: a connect and request timeout, and at most
 * {@link MediaSettings#maxBytes} read. Checking what was read is the caller's (its hashes and MAC
 * are in the reference). Completes on an HTTP client thread.
 */
public final class MediaDownloader {
    /** The mms-type of app-state blobs (whatsmeow mediaTypeToMMSType[MediaAppState]). */
    public static final String APP_STATE = "md-app-state";
    /** Statuses after which no other host is asked (whatsmeow ErrMediaDownloadFailedWith403/404/410). */
    static final Set<Integer> FINAL = Set.of(403, 404, 410);
    /** A host name with an optional port, or a bracketed IPv6 address: nothing that could change the URL's meaning. */
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");
    /** The web client's origin (whatsmeow socket.Origin). */
    private static final String ORIGIN = "https://web.whatsapp.com";

    private final MediaSettings settings;
    private HttpClient http;

    public MediaDownloader(MediaSettings settings) {
        this.settings = settings;
    }

    /** The file at {@code directPath}, from the first of {@code hosts} that serves it. */
    public CompletableFuture<byte[]> download(List<String> hosts, String directPath, byte[] fileEncSha256, String mmsType) {
        if (directPath == null || !directPath.startsWith("/")) {
            return CompletableFuture.failedFuture(new IOException("the media path does not start with a slash: " + directPath));
        }
        if (hosts.isEmpty()) {
            return CompletableFuture.failedFuture(new IOException("no media host to download from"));
        }
        return from(hosts, 0, directPath, fileEncSha256, mmsType);
    }

    private CompletableFuture<byte[]> from(List<String> hosts, int i, String directPath, byte[] hash, String mmsType) {
        String host = hosts.get(i);
        CompletableFuture<byte[]> attempt;
        try {
            attempt = get(url(host, directPath, hash, mmsType));
        } catch (IOException | IllegalArgumentException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        return attempt.exceptionallyCompose(e -> {
            Throwable cause = unwrap(e);
            boolean last = i + 1 >= hosts.size();
            if (last || cause instanceof MediaTooLargeException || cause instanceof HttpStatus s && FINAL.contains(s.status)) {
                return CompletableFuture.failedFuture(new IOException(
                        "media host " + host + (last && i > 0 ? " (the last of " + hosts.size() + ")" : "") + ": " + cause.getMessage(), cause));
            }
            return from(hosts, i + 1, directPath, hash, mmsType);
        });
    }

    URI url(String host, String directPath, byte[] hash, String mmsType) throws IOException {
        if (!HOST.matcher(host).matches()) {
            throw new IOException("not a media host name: " + host);
        }
        // WhatsApp's direct paths carry a query already (…enc?ccb=…); whatsmeow appends with '&'
        String query = (directPath.contains("?") ? "&" : "?") + "hash=" + Base64.getUrlEncoder().encodeToString(hash)
                + "&mms-type=" + mmsType + "&__wa-mms=";
        return URI.create(settings.scheme(host) + "://" + host + directPath + query);
    }

    private CompletableFuture<byte[]> get(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.timeout()).GET()
                .header("Origin", ORIGIN).header("Referer", ORIGIN + "/").build();
        HttpResponse.BodyHandler<byte[]> body = info -> info.statusCode() == 200
                ? new LimitedBody(settings.maxBytes(), info.headers().firstValueAsLong("content-length").orElse(-1))
                : HttpResponse.BodySubscribers.replacing(null);
        CompletableFuture<HttpResponse<byte[]>> exchange = client().sendAsync(request, body);
        // the request timeout ends with the headers; the whole download gets the same bound
        return exchange.copy().orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> {
                    if (e != null) {
                        exchange.cancel(true);
                    }
                })
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        unwrap(e) instanceof TimeoutException ? new IOException("no complete answer within " + settings.timeout().toMillis() + " ms") : unwrap(e)))
                .thenCompose(r -> r.statusCode() == 200 ? CompletableFuture.completedFuture(r.body())
                        : CompletableFuture.failedFuture(new HttpStatus(r.statusCode())));
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : e;
    }

    /** Closes the HTTP client if one was made (a deleted session's selector thread should not wait for GC). */
    public synchronized void close() {
        if (http != null) {
            http.close();
            http = null;
        }
    }

    private synchronized HttpClient client() {
        if (http == null) { // most sessions never download: no client (and its selector thread) until one does
            http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return http;
    }

    /** A host's answer other than 200. */
    static final class HttpStatus extends IOException {
        final int status;

        HttpStatus(int status) {
            super("answered HTTP " + status);
            this.status = status;
        }
    }
}
