package dev.sotto.engine;

import dev.sotto.engine.xmpp.XmppNetwork;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.util.concurrent.TimeUnit;

/**
 * What a {@link SottoEngine} runs on besides its state: the one Netty event loop group and, unless the options name
 * one, the network (the JDK's trust store and the system's DNS configuration). In a fresh JVM making them costs
 * hundreds of milliseconds (Netty's and the resolver's classes, selectors, parsing the trust store) and needs
 * nothing from the vault, so the desktop client makes them on another thread while the vault unlocks and the log
 * replays, instead of after (issue 10's start-up figure). An engine opened with them owns them and closes them;
 * whoever made them and could not hand them over closes them.
 */
public final class EngineResources implements AutoCloseable {
    private final EventLoopGroup group;
    private final XmppNetwork network;
    private final boolean ownsNetwork;

    private EngineResources(EventLoopGroup group, XmppNetwork network, boolean ownsNetwork) {
        this.group = group;
        this.network = network;
        this.ownsNetwork = ownsNetwork;
    }

    /**
     * The event loop group of {@code options.eventLoopThreads()} loops, and {@code options.network()} or (when it is
     * {@code null}) the system's network, which these resources then own.
     */
    public static EngineResources create(EngineOptions options) {
        EventLoopGroup group = new NioEventLoopGroup(options.eventLoopThreads());
        try {
            boolean owns = options.network() == null;
            return new EngineResources(group, owns ? XmppNetwork.system() : options.network(), owns);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    EventLoopGroup group() {
        return group;
    }

    XmppNetwork network() {
        return network;
    }

    /** Stops the event loops (waiting up to two seconds for them) and closes the network if these own it. */
    @Override
    public void close() {
        group.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        if (ownsNetwork) {
            network.close();
        }
    }
}
