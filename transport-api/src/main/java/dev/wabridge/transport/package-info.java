/**
 * The transport SPI: what a WhatsApp transport offers the daemon (pair, log in, send, archive,
 * profile, events) and the {@link dev.wabridge.transport.KeyStore} it keeps every secret in,
 * with the {@link dev.wabridge.transport.SharedKeyStore} beside it for what all sessions share.
 *
 * <p>Pure Java on purpose: no Netty, no SQL. The daemon finds transports with
 * {@link java.util.ServiceLoader} ({@link dev.wabridge.transport.TransportProvider}) and
 * implements the key store on its SQLite database.
 */
package dev.wabridge.transport;
