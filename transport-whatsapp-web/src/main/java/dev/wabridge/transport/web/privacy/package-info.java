/**
 * Privacy tokens ("tctoken") on 1:1 messages, as whatsmeow's tctoken.go does them: the
 * contacts' tokens we received ({@link dev.wabridge.transport.web.privacy.ReceivedTokens}),
 * kept by contact ({@link dev.wabridge.transport.web.privacy.PrivacyTokenStore}) and attached
 * to our messages while good ({@link dev.wabridge.transport.web.privacy.PrivacyTokens}), and our
 * own token issued to the contacts we write to
 * ({@link dev.wabridge.transport.web.privacy.TokenIssuer}). The time rules and node shapes are
 * wa-wire's {@code dev.wabridge.wire.privacy}.
 */
package dev.wabridge.transport.web.privacy;
