/**
 * WhatsApp's privacy tokens ("tctoken", trusted-contact tokens), shared by the client and the
 * sandbox: the rolling window of 7-day buckets a token lives in, and the {@code <tokens>}
 * shapes of the issue request and of the {@code privacy_token} notification (whatsmeow
 * tctoken.go and notification.go; Baileys tc-token-utils.ts).
 */
package dev.wabridge.wire.privacy;
