package dev.wabridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The sandbox's HTTP test API (docs/sandbox.md), for a sandbox in another process. */
final class SandboxApi {
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    SandboxApi(String base) {
        this.base = base;
    }

    /** The phone scans a companion's QR code; returns the linked device's JID. */
    String scan(String phone, String qr) throws IOException, InterruptedException {
        return post(phone, "scan", json.createObjectNode().put("qr", qr).toString()).path("device_jid").asText();
    }

    /** Registers the phone's account if new and puts it on the network. */
    void online(String phone) throws IOException, InterruptedException {
        post(phone, "online", "{}");
    }

    /** How many texts the phone received and decrypted. */
    int received(String phone) throws IOException, InterruptedException {
        int n = 0;
        for (JsonNode m : get(phone, "messages").path("messages")) {
            n += "incoming".equals(m.path("direction").asText()) ? 1 : 0;
        }
        return n;
    }

    private JsonNode post(String phone, String action, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(phone, action)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private JsonNode get(String phone, String action) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(phone, action)).GET().build());
    }

    private URI uri(String phone, String action) {
        return URI.create(base + "/sandbox/phones/" + phone.substring(1) + "/" + action);
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(request.uri() + ": " + r.statusCode() + " " + r.body());
        }
        return json.readTree(r.body());
    }
}
