package dev.sotto.engine.xmpp;

import dev.sotto.engine.event.XmppEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The thin Netty adapter of one {@link XmppSession} (DESIGN.md, Sans-I/O contract): bytes in, outputs applied.
 * It owns the clock ({@code System.nanoTime()}), the timers (armed on the channel's event loop) and the TLS
 * handshake, which it starts by inserting an {@link SslHandler} first in the pipeline after {@code <proceed/>}.
 * TLS 1.2 and 1.3 only; trust by {@link PinningTrustManager} with the XMPP domain as the host name to verify
 * (RFC 6120 §13.7.2, RFC 6125).
 */
public final class XmppChannelHandler extends ChannelInboundHandlerAdapter {
    private final XmppSession session;
    private final String domain;
    private final int port;
    private final PinningTrustManager trust;
    private final Consumer<XmppEvent> events;
    private final Map<String, ScheduledFuture<?>> timers = new HashMap<>();
    private ChannelHandlerContext ctx;

    public XmppChannelHandler(XmppSession session, String domain, int port, PinningTrustManager trust,
            Consumer<XmppEvent> events) {
        this.session = session;
        this.domain = domain;
        this.port = port;
        this.trust = trust;
        this.events = events;
    }

    /** Runs a command against the session on the channel's event loop. */
    public void submit(Function<XmppSession, List<XmppOutput>> command) {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            return;
        }
        c.executor().execute(() -> apply(command.apply(session)));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        apply(session.start(System.nanoTime()));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            apply(session.receive(bytes, 0, bytes.length, System.nanoTime()));
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        apply(session.connectionLost(System.nanoTime()));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // TLS failures arrive through the handshake future; anything else ends the connection.
        if (!(cause instanceof SSLException) && !(cause.getCause() instanceof SSLException)) {
            ctx.close();
        }
    }

    private void apply(List<XmppOutput> outputs) {
        boolean wrote = false;
        for (XmppOutput o : outputs) {
            if (o instanceof XmppOutput.Send s) {
                ctx.write(Unpooled.wrappedBuffer(s.bytes()));
                wrote = true;
            } else if (o instanceof XmppOutput.StartTls) {
                startTls();
            } else if (o instanceof XmppOutput.ArmTimer t) {
                cancel(t.id());
                long delay = Math.max(0, t.deadlineNanos() - System.nanoTime());
                timers.put(t.id(), ctx.executor().schedule(
                        () -> apply(session.timerFired(t.id(), System.nanoTime())), delay, TimeUnit.NANOSECONDS));
            } else if (o instanceof XmppOutput.CancelTimer t) {
                cancel(t.id());
            } else if (o instanceof XmppOutput.Emit e) {
                events.accept(e.event());
            } else if (o instanceof XmppOutput.Close) {
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> ctx.close());
                wrote = false;
            }
        }
        if (wrote) {
            ctx.flush();
        }
    }

    private void cancel(String id) {
        ScheduledFuture<?> f = timers.remove(id);
        if (f != null) {
            f.cancel(false);
        }
    }

    private void startTls() {
        SslHandler ssl;
        try {
            SslContext context = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2").trustManager(trust).build();
            SSLEngine engine = context.newEngine(ctx.alloc(), domain, port);
            SSLParameters p = engine.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 6125 host name check through the JDK
            p.setServerNames(List.of(new SNIHostName(domain)));
            engine.setSSLParameters(p);
            ssl = new SslHandler(engine);
        } catch (SSLException | IllegalArgumentException e) {
            apply(session.tlsFailed(null, "tls-setup-failed", System.nanoTime()));
            return;
        }
        ctx.pipeline().addFirst("tls", ssl);
        ssl.handshakeFuture().addListener((Future<? super io.netty.channel.Channel> f) -> {
            if (f.isSuccess()) {
                String protocol = ssl.engine().getSession().getProtocol();
                apply(session.tlsEstablished(protocol, trust.acceptedSha256(), System.nanoTime()));
            } else {
                apply(session.tlsFailed(trust.refusedSha256(), reason(f.cause()), System.nanoTime()));
            }
        });
    }

    private static String reason(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return m.length() > 200 ? m.substring(0, 200) : m;
    }
}
