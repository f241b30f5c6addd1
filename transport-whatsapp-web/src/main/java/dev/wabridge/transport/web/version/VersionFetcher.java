package dev.wabridge.transport.web.version;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the current WhatsApp Web revision from the web client's start page, as whatsmeow's
 * update.go GetLatestVersion does: a browser-like GET, then {@code "client_revision":N,} in the
 * page; the version is {@code 2.3000.N}. The URL is a setting, so tests point it at a local
 * stand-in. Completes exceptionally when the page cannot be had or holds no revision.
 */
public final class VersionFetcher {
    private static final Pattern REVISION = Pattern.compile("\"client_revision\":(\\d+),");

    private final HttpClient http;
    private final URI url;
    private final Duration timeout;

    public VersionFetcher(URI url, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.url = url;
        this.timeout = timeout;
    }

    public CompletableFuture<WaVersion> latest() {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET()
                // the headers whatsmeow sends, so the page served is the one a browser gets
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/148.0.0.0 Safari/537.36")
                .header("Sec-Fetch-Dest", "document").header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Site", "none")
                .header("Sec-Fetch-User", "?1")
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8")
                .header("Accept-Language", "en-US,en;q=0.9")
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(VersionFetcher::parse);
    }

    static WaVersion parse(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the start page answered " + response.statusCode());
        }
        return parse(response.body());
    }

    static WaVersion parse(String page) {
        Matcher m = REVISION.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no client_revision in the start page");
        }
        return new WaVersion(2, 3000, Integer.parseUnsignedInt(m.group(1)));
    }
}
