package dev.wabridge.daemon.store;

/**
 * What is wrong with the store when it fails for a reason no caller can fix: said in plain
 * words to callers (a tool answers "disk full", not "Internal error"), logged, and reported
 * by the health check until it is over.
 */
public enum StoreFault {
    /** No room to write: the disk (or the engine's size limit) is full. Nothing half-written is kept. */
    DISK_FULL("disk full"),
    /** The file is damaged: the engine found pages it cannot read. */
    DAMAGED("database damaged"),
    /** The operating system failed a read or write. */
    IO_ERROR("I/O error");

    private final String words;

    StoreFault(String words) {
        this.words = words;
    }

    /** Two or three words for messages and the health report. */
    public String words() {
        return words;
    }
}
