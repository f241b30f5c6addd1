/**
 * The transport SPI: what a WhatsApp transport offers the daemon (pair, log in, send,
 * receive, profile, archive, events) and the key store it keeps its secrets in.
 *
 * <p>Pure Java on purpose: no Netty, no SQL. The daemon finds a transport with
 * {@link java.util.ServiceLoader}. The interfaces land with the daemon-services issue.
 */
package dev.wabridge.transport;
