package dev.wabridge.wire.binary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A token dictionary version (data files beside this class, facts from whatsmeow and
 * Baileys): 236 single-byte tokens and 4 × 256 double-byte tokens. The 4th byte of the
 * connection's intro header names the version; the lists differ completely between
 * versions. Version 3 is current (whatsmeow, Baileys 7); version 2 is still spoken by
 * Baileys 6 clients, and WhatsApp's servers accept both. Immutable once loaded.
 */
public final class TokenDictionary {
    public static final TokenDictionary V2 = load(2);
    public static final TokenDictionary V3 = load(3);
    /** What this client announces. */
    public static final TokenDictionary CURRENT = V3;

    private final int version;
    final List<String> single;
    final List<List<String>> doubles;
    private final Map<String, Integer> singleIndex = new HashMap<>();
    /** Value: dictionary * 256 + index. */
    private final Map<String, Integer> doubleIndex = new HashMap<>();

    private TokenDictionary(int version, List<String> single, List<List<String>> doubles) {
        this.version = version;
        this.single = single;
        this.doubles = doubles;
        for (int i = 1; i < single.size(); i++) {
            singleIndex.putIfAbsent(single.get(i), i);
        }
        for (int d = 0; d < doubles.size(); d++) {
            for (int i = 0; i < 256; i++) {
                doubleIndex.putIfAbsent(doubles.get(d).get(i), d * 256 + i);
            }
        }
    }

    /** The dictionary for an intro header's version byte, or null when we do not know it. */
    public static TokenDictionary forVersion(int version) {
        return switch (version) {
            case 2 -> V2;
            case 3 -> V3;
            default -> null;
        };
    }

    public int version() {
        return version;
    }

    private static TokenDictionary load(int version) {
        List<String> single = new ArrayList<>();
        for (String line : lines("single-byte-tokens-v" + version + ".txt")) {
            if (!line.startsWith("# ") || !single.isEmpty()) {
                single.add(line);
            }
        }
        if (single.size() != Tags.DICTIONARY_0) {
            throw new IllegalStateException("expected 236 single-byte tokens in version " + version + ", found " + single.size());
        }
        List<List<String>> dictionaries = new ArrayList<>();
        for (String line : lines("double-byte-tokens-v" + version + ".txt")) {
            if (line.startsWith("## ")) {
                continue;
            }
            if (line.startsWith("# dictionary ")) {
                dictionaries.add(new ArrayList<>());
                continue;
            }
            dictionaries.get(dictionaries.size() - 1).add(line);
        }
        if (dictionaries.size() != 4 || dictionaries.stream().anyMatch(d -> d.size() != 256)) {
            throw new IllegalStateException("expected 4 double-byte dictionaries of 256 tokens in version " + version);
        }
        return new TokenDictionary(version, List.copyOf(single), dictionaries.stream().map(List::copyOf).toList());
    }

    /** Index 1..235, or -1. */
    int single(String s) {
        return singleIndex.getOrDefault(s, -1);
    }

    /** dictionary * 256 + index, or -1. */
    int doubleByte(String s) {
        return doubleIndex.getOrDefault(s, -1);
    }

    private static List<String> lines(String resource) {
        try (InputStream in = TokenDictionary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing token file " + resource);
            }
            List<String> out = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
