package dev.sotto.engine.account;

import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.TlsPolicy;
import java.util.Set;

/**
 * An XMPP account as the engine knows it.
 *
 * @param jid the bare JID
 * @param password the password (a secret; {@code toString()} prints nothing of it)
 * @param host the host to connect to, or {@code null} to use the domain (DNS SRV is not done yet)
 * @param port the port, 5222 by default (RFC 6120 §14.7)
 * @param tlsPolicy REQUIRED unless the user lowered it
 * @param pinnedSha256 certificate fingerprints the user accepted (upper-case hex, colon-separated)
 * @param resource the resource to ask for, or {@code null} to let the server choose (RFC 6120 §7.6)
 */
public record XmppAccount(Jid jid, Secret password, String host, int port, TlsPolicy tlsPolicy,
        Set<String> pinnedSha256, String resource) {

    public XmppAccount {
        if (jid.local() == null || jid.isFull()) {
            throw new IllegalArgumentException("an account JID is a bare JID with a localpart");
        }
        pinnedSha256 = Set.copyOf(pinnedSha256);
    }

    /** The host to connect to. */
    public String connectHost() {
        return host != null ? host : jid.domain();
    }

    /** A copy with one more pinned fingerprint. */
    public XmppAccount withPin(String sha256) {
        java.util.Set<String> pins = new java.util.HashSet<>(pinnedSha256);
        pins.add(sha256);
        return new XmppAccount(jid, password, host, port, tlsPolicy, pins, resource);
    }
}
