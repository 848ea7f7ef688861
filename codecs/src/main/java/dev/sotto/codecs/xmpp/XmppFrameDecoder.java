package dev.sotto.codecs.xmpp;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.xml.XmlLimits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * The thin Netty adapter over {@link XmppStreamDecoder}: emits {@link StreamEvent}s, and a refusal as a
 * {@link DecodeResult.Malformed} message (data, not an exception); after it, all input is discarded until the
 * handler that sends the stream error closes the channel. {@link #reset()} starts a new stream (RFC 6120
 * §4.3.3); call it on the event loop.
 */
public final class XmppFrameDecoder extends ByteToMessageDecoder {
    private final XmppStreamDecoder core;
    private final byte[] scratch = new byte[8192];

    public XmppFrameDecoder() {
        this(XmlLimits.DEFAULTS);
    }

    public XmppFrameDecoder(XmlLimits limits) {
        this.core = new XmppStreamDecoder(limits);
    }

    /** A new stream begins with the next byte. */
    public void reset() {
        core.reset();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (core.failed()) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable()) {
            byte[] array;
            int start;
            int n;
            if (in.hasArray()) {
                array = in.array();
                start = in.arrayOffset() + in.readerIndex();
                n = in.readableBytes();
            } else {
                n = Math.min(in.readableBytes(), scratch.length);
                in.getBytes(in.readerIndex(), scratch, 0, n);
                array = scratch;
                start = 0;
            }
            int pos = 0;
            while (pos < n) {
                DecodeResult<StreamEvent> r = core.decode(array, start + pos, n - pos);
                if (r instanceof DecodeResult.Ok<StreamEvent> ok) {
                    out.add(ok.value());
                    pos += ok.consumed();
                } else if (r instanceof DecodeResult.NeedMore<StreamEvent>) {
                    pos = n;
                } else {
                    out.add(r);
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
            in.skipBytes(n);
        }
    }
}
