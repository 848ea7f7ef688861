package dev.sotto.engine.event;

import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.TlsPolicy;
import java.util.Objects;

/**
 * Durable account events (DESIGN.md, Events), all in the account's stream: the account's configuration,
 * including its password as a {@link Secret} (it exists durably only inside the encrypted log), and the
 * certificates the user pinned. {@code toString()} never prints the password.
 */
public sealed interface AccountEvent extends DurableEvent {

    /** The account's bare JID. */
    Jid account();

    /**
     * An account was added.
     *
     * @param host the host to connect to, or {@code null} for DNS SRV then the domain (RFC 6120 §3.2)
     * @param port the port when {@code host} is given (5222 by default, RFC 6120 §14.7)
     * @param resource the resource to ask for, or {@code null} to let the server choose
     */
    record AccountAdded(Jid account, Secret password, String host, int port, TlsPolicy tlsPolicy, String resource)
            implements AccountEvent {
        public AccountAdded {
            Objects.requireNonNull(account);
            Objects.requireNonNull(password);
            Objects.requireNonNull(tlsPolicy);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AccountAdded a && account.equals(a.account) && password.sameValue(a.password)
                    && Objects.equals(host, a.host) && port == a.port && tlsPolicy == a.tlsPolicy
                    && Objects.equals(resource, a.resource);
        }

        @Override
        public int hashCode() {
            return Objects.hash(account, host, port, tlsPolicy, resource);
        }
    }

    /** The account's configuration changed; the fields are the whole new configuration. */
    record AccountChanged(Jid account, Secret password, String host, int port, TlsPolicy tlsPolicy, String resource)
            implements AccountEvent {
        public AccountChanged {
            Objects.requireNonNull(account);
            Objects.requireNonNull(password);
            Objects.requireNonNull(tlsPolicy);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AccountChanged a && account.equals(a.account) && password.sameValue(a.password)
                    && Objects.equals(host, a.host) && port == a.port && tlsPolicy == a.tlsPolicy
                    && Objects.equals(resource, a.resource);
        }

        @Override
        public int hashCode() {
            return Objects.hash(account, host, port, tlsPolicy, resource);
        }
    }

    /** The account was removed; its pins go with it. */
    record AccountRemoved(Jid account) implements AccountEvent {}

    /**
     * The user accepted exactly this server certificate for the account (DESIGN.md, Secure by default).
     *
     * @param sha256 the certificate's SHA-256, upper-case hex, colon-separated
     */
    record CertificatePinned(Jid account, String sha256) implements AccountEvent {}
}
