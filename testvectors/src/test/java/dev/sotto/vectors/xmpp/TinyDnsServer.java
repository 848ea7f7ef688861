package dev.sotto.vectors.xmpp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny in-process DNS server on loopback UDP (DESIGN.md, Peers: where no real peer can produce an input): it
 * answers SRV questions from a table and NXDOMAIN otherwise, and records every question it was asked.
 */
final class TinyDnsServer implements AutoCloseable {
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Map<String, byte[]> srv = new ConcurrentHashMap<>();
    final List<String> questions = new CopyOnWriteArrayList<>();
    private final Channel channel;

    TinyDnsServer() throws InterruptedException {
        channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                                new SimpleChannelInboundHandler<DatagramDnsQuery>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery q) {
                                        answer(ctx, q);
                                    }
                                });
                    }
                }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Answers SRV for {@code name} (with trailing dot) with one record (RFC 2782 RDATA, uncompressed target). */
    void srv(String name, int priority, int weight, int port, String target) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int v : new int[] {priority, weight, port}) {
            b.write(v >>> 8);
            b.write(v & 0xff);
        }
        if (!target.equals(".")) {
            for (String label : target.split("\\.")) {
                byte[] l = label.getBytes(StandardCharsets.US_ASCII);
                b.write(l.length);
                b.writeBytes(l);
            }
        }
        b.write(0);
        srv.put(name.toLowerCase(), b.toByteArray());
    }

    private void answer(ChannelHandlerContext ctx, DatagramDnsQuery q) {
        DnsQuestion question = q.recordAt(DnsSection.QUESTION);
        DatagramDnsResponse r = new DatagramDnsResponse(q.recipient(), q.sender(), q.id());
        r.setRecursionAvailable(true);
        if (question == null) {
            r.setCode(DnsResponseCode.FORMERR);
            ctx.writeAndFlush(r);
            return;
        }
        questions.add(question.type().name() + " " + question.name());
        r.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(question.name(), question.type()));
        byte[] rdata = question.type().equals(DnsRecordType.SRV) ? srv.get(question.name().toLowerCase()) : null;
        if (rdata != null) {
            r.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(question.name(), DnsRecordType.SRV, 60,
                    Unpooled.wrappedBuffer(rdata)));
        } else {
            r.setCode(DnsResponseCode.NXDOMAIN);
        }
        ctx.writeAndFlush(r);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
