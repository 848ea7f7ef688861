package dev.sotto.codecs.xmpp;

import dev.sotto.codecs.xml.XmlElement;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** The thin Netty adapter over {@link XmppStreamEncoder}: {@link StreamEvent}s and bare elements to bytes. */
public final class XmppFrameEncoder extends MessageToByteEncoder<Object> {
    private final XmppStreamEncoder encoder = new XmppStreamEncoder();

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof StreamEvent || msg instanceof XmlElement;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
        byte[] bytes = msg instanceof XmlElement e ? encoder.encode(e) : encoder.encode((StreamEvent) msg);
        out.writeBytes(bytes);
    }
}
