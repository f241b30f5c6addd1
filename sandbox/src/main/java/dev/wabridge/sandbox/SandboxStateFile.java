package dev.wabridge.sandbox;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.crypto.KeyPair;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a sandbox state file and checks every field it needs, so a damaged file (empty,
 * "{}", cut short, a key that is not hex) stops the start with the file, the problem and the
 * fix ({@link SandboxStateException}) rather than a NullPointerException deep in a start-up.
 */
final class SandboxStateFile {
    /** What the file holds: the server's three key pairs, the phones' accounts, the linked devices. */
    record State(KeyPair root, KeyPair intermediate, KeyPair staticKey, List<Account> accounts, List<Device> devices) {
    }

    private final Path file;

    private SandboxStateFile(Path file) {
        this.file = file;
    }

    static State read(Path file) {
        return new SandboxStateFile(file).read();
    }

    private State read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SandboxStateException(file, "it cannot be read (" + e.getMessage() + ")", e);
        }
        if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            throw new SandboxStateException(file, "it is empty", null);
        }
        JsonNode s;
        try {
            s = new ObjectMapper().readTree(bytes);
        } catch (JacksonException e) {
            throw new SandboxStateException(file, "it is not valid JSON, perhaps cut short (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new SandboxStateException(file, "it cannot be read (" + e.getMessage() + ")", e);
        }
        if (s == null || !s.isObject()) {
            throw new SandboxStateException(file, "it is not a JSON object", null);
        }
        List<Account> accounts = new ArrayList<>();
        for (JsonNode a : array(s, "accounts")) {
            String where = "accounts[" + accounts.size() + "]";
            accounts.add(new Account(text(a, "phone", where), keyPair(a, "identity", where), text(a, "lid", where),
                    new AtomicInteger(number(a, "next_device", where))));
        }
        List<Device> devices = new ArrayList<>();
        for (JsonNode d : array(s, "devices")) {
            String where = "devices[" + devices.size() + "]";
            devices.add(new Device(jid(d, "jid", where), jid(d, "lid", where), hex(d, "noise", where, 32), hex(d, "identity", where, 32)));
        }
        return new State(keyPair(s, "root", null), keyPair(s, "intermediate", null), keyPair(s, "static", null), accounts, devices);
    }

    private Iterable<JsonNode> array(JsonNode s, String field) {
        JsonNode v = s.get(field);
        if (v == null || v.isNull()) {
            return List.of(); // a sandbox with no phones yet
        }
        if (!v.isArray()) {
            throw new SandboxStateException(file, "\"" + field + "\" is not a list", null);
        }
        return v;
    }

    private String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new SandboxStateException(file, "\"" + field + "\"" + (where == null ? "" : " of " + where) + " is missing", null);
        }
        return v.asText();
    }

    private int number(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new SandboxStateException(file, "\"" + field + "\" of " + where + " is not a number", null);
        }
        return v.asInt();
    }

    private byte[] hex(JsonNode node, String field, String where, int length) {
        String text = text(node, field, where);
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new SandboxStateException(file, "\"" + field + "\"" + (where == null ? "" : " of " + where) + " is not hex", e);
        }
        if (bytes.length != length) {
            throw new SandboxStateException(file, "\"" + field + "\"" + (where == null ? "" : " of " + where) + " is "
                    + bytes.length + " bytes, not " + length, null);
        }
        return bytes;
    }

    private KeyPair keyPair(JsonNode node, String field, String where) {
        return KeyPair.deserialize(hex(node, field, where, 64));
    }

    private Jid jid(JsonNode node, String field, String where) {
        String text = text(node, field, where);
        try {
            return Jid.parse(text);
        } catch (RuntimeException e) {
            throw new SandboxStateException(file, "\"" + field + "\" of " + where + " is not a JID: " + text, e);
        }
    }
}
