package dev.sotto.engine.xmpp;

import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddressStreamProvider;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import java.net.InetSocketAddress;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Where clients' trust and names come from: the PKIX trust manager that checks server chains and host names (the
 * JDK's trust store by default; each account's pins are added on top) and the DNS servers asked for SRV and
 * address records (the system's by default), through Netty's non-blocking resolver so no event loop waits on DNS.
 * Tests pass their own CA and an in-process DNS server here. Close it when no client uses it any more.
 *
 * @param trust the chain-and-host-name check for certificates the user did not pin
 * @param dnsServers the DNS servers for {@code _xmpp-client._tcp} lookups (RFC 6120 §3.2.1) and host names
 * @param resolvers host name resolution for connects, one resolver per event loop
 */
public record XmppNetwork(X509ExtendedTrustManager trust, DnsServerAddressStreamProvider dnsServers,
        AddressResolverGroup<InetSocketAddress> resolvers) implements AutoCloseable {

    /** The JDK's trust store and the system's resolvers. */
    public static XmppNetwork system() {
        return of(PinningTrustManager.systemDefault(), DnsServerAddressStreamProviders.platformDefault());
    }

    /** {@code trust} and {@code dnsServers}, with a resolver group over those servers. */
    public static XmppNetwork of(X509ExtendedTrustManager trust, DnsServerAddressStreamProvider dnsServers) {
        return new XmppNetwork(trust, dnsServers, new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(NioDatagramChannel.class).nameServerProvider(dnsServers)));
    }

    @Override
    public void close() {
        resolvers.close();
    }
}
