package dev.wabridge.daemon.store;

/** Work that runs inside one transaction; repositories called with {@code tx} join it. */
@FunctionalInterface
public interface TxWork<T> {
    T run(Tx tx);
}
