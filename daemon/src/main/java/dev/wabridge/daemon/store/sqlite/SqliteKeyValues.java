package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.transport.KeyValueStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The namespaced operations on SQLite, for both scopes (a session, the shared store): each
 * one statement batch on the store thread, or part of the open key-store transaction. Values
 * need no defensive copies: JDBC copies them into and out of SQLite, and callers wait for it.
 */
abstract class SqliteKeyValues implements KeyValueStore {
    final KeyTransactions transactions;
    final KeyTable table;

    SqliteKeyValues(KeyTransactions transactions, KeyTable table) {
        this.transactions = transactions;
        this.table = table;
    }

    @Override
    public Optional<byte[]> get(String namespace, String key) {
        Objects.requireNonNull(key, "key");
        return transactions.read(c -> table.get(c, namespace, key));
    }

    @Override
    public Map<String, byte[]> getMany(String namespace, Collection<String> keys) {
        List<String> wanted = List.copyOf(keys); // refuses null keys, and the caller's collection may change
        if (wanted.isEmpty()) {
            return new HashMap<>();
        }
        return transactions.read(c -> table.getMany(c, namespace, wanted));
    }

    @Override
    public void put(String namespace, String key, byte[] value) {
        Objects.requireNonNull(value, "value (delete removes a key)");
        putAll(namespace, Map.of(key, value));
    }

    @Override
    public void delete(String namespace, String key) {
        Map<String, byte[]> deletion = new HashMap<>();
        deletion.put(Objects.requireNonNull(key, "key"), null);
        putAll(namespace, deletion);
    }

    @Override
    public void deletePrefix(String namespace, String keyPrefix) {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        transactions.write(c -> {
            table.deletePrefix(c, namespace, keyPrefix);
            return null;
        });
    }

    @Override
    public List<String> keys(String namespace) {
        return keys(namespace, "");
    }

    @Override
    public List<String> keys(String namespace, String keyPrefix) {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        return new ArrayList<>(transactions.read(c -> table.keys(c, namespace, keyPrefix)));
    }

    @Override
    public void putAll(String namespace, Map<String, byte[]> values) {
        Objects.requireNonNull(namespace, "namespace");
        Map<String, byte[]> entries = new HashMap<>(values);
        entries.keySet().forEach(k -> Objects.requireNonNull(k, "key"));
        transactions.write(c -> {
            table.putAll(c, namespace, entries);
            return null;
        });
    }
}
