package dev.wabridge.rpc.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Plain java.net.http calls against /mcp, with the headers a test wants and no more. */
final class McpHttpClient {
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final URI uri;
    String token;
    String sessionId;

    McpHttpClient(String url, String token) {
        this.uri = URI.create(url);
        this.token = token;
    }

    Map<String, String> standardHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("Accept", "application/json, text/event-stream");
        if (token != null) {
            h.put("Authorization", "Bearer " + token);
        }
        if (sessionId != null) {
            h.put("Mcp-Session-Id", sessionId);
            h.put("MCP-Protocol-Version", "2025-11-25");
        }
        return h;
    }

    HttpResponse<String> post(String body) throws Exception {
        return post(body, standardHeaders());
    }

    HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach((k, v) -> {
            if (v != null) {
                b.header(k, v);
            }
        });
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach((k, v) -> {
            if (v != null) {
                b.header(k, v);
            }
        });
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** initialize + notifications/initialized; remembers the session id. */
    JsonNode initialize() throws Exception {
        sessionId = null;
        HttpResponse<String> r = post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""");
        if (r.statusCode() != 200) {
            throw new AssertionError("initialize: " + r.statusCode() + " " + r.body());
        }
        sessionId = r.headers().firstValue("Mcp-Session-Id").orElseThrow();
        HttpResponse<String> n = post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        if (n.statusCode() != 202) {
            throw new AssertionError("initialized: " + n.statusCode());
        }
        return TestServers.MAPPER.readTree(r.body());
    }

    JsonNode rpc(String method, String paramsJson) throws Exception {
        HttpResponse<String> r = post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":" + paramsJson + "}");
        if (r.statusCode() != 200) {
            throw new AssertionError(method + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return TestServers.MAPPER.readTree(r.body());
    }
}
