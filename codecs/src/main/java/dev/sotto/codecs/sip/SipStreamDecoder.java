package dev.sotto.codecs.sip;

import dev.sotto.codecs.DecodeResult;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Frames SIP messages on a TCP/TLS byte stream (RFC 3261 §18.3: Content-Length framing) for any chunking.
 * Emits one {@link DecodeResult} per message: {@code Ok(SipMessage)}, or {@code Malformed} once, after which
 * the stream cannot be re-synchronised (RFC 4475 §3.1.2.3: close the connection) and everything else is
 * discarded. Keep-alive CRLFs between messages (RFC 3261 §7.5, RFC 5626 §3.5.1) are skipped. One instance per
 * channel; never throws on input.
 */
public final class SipStreamDecoder extends ByteToMessageDecoder {

    private enum State { HEAD, BODY, FAILED }

    private final SipParser parser;
    private State state = State.HEAD;
    private int scanFrom;            // where the search for the empty line resumes (relative to readerIndex)
    private SipParser.Head head;     // in BODY: the parsed head
    private int total;               // in BODY: head + body length

    public SipStreamDecoder(SipLimits limits) {
        this.parser = new SipParser(limits);
    }

    public SipStreamDecoder() {
        this(SipLimits.DEFAULT);
    }

    /** True after a framing error: the connection should be closed. */
    public boolean failed() {
        return state == State.FAILED;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case FAILED:
                    in.skipBytes(in.readableBytes());
                    return;
                case HEAD: {
                    skipKeepAlive(in);
                    int r = in.readerIndex();
                    int n = in.readableBytes();
                    if (n == 0) {
                        return;
                    }
                    int headLen = emptyLine(in, r, n);
                    if (headLen < 0) {
                        if (n > parser.limits().maxMessageBytes()) {
                            fail(in, out, SipError.MESSAGE_TOO_LARGE, n);
                        }
                        return;
                    }
                    byte[] h = new byte[headLen];
                    in.getBytes(r, h);
                    Object parsed = parser.parseHead(h, 0, headLen, true);
                    if (!(parsed instanceof SipParser.Head ph)) {
                        // an incomplete head cannot happen here (the empty line is in h): any result is an error
                        if (parsed instanceof DecodeResult.Malformed<?> m) {
                            in.skipBytes(in.readableBytes());
                            out.add(m);
                            state = State.FAILED;
                        } else {
                            fail(in, out, SipError.BAD_HEADER_LINE, 0);
                        }
                        continue;
                    }
                    int cl = ph.headers.contentLength().orElse(-1);
                    if (cl < 0) {
                        fail(in, out, SipError.BAD_CONTENT_LENGTH, headLen);
                        continue;
                    }
                    if ((long) headLen + cl > parser.limits().maxMessageBytes()) {
                        fail(in, out, SipError.MESSAGE_TOO_LARGE, headLen);
                        continue;
                    }
                    head = ph;
                    total = headLen + cl;
                    state = State.BODY;
                    continue;
                }
                case BODY: {
                    if (in.readableBytes() < total) {
                        return;
                    }
                    byte[] m = new byte[total];
                    in.readBytes(m);
                    DecodeResult<SipMessage> res = parser.complete(head, m, 0, total, true);
                    head = null;
                    scanFrom = 0;
                    state = State.HEAD;
                    out.add(res);
                    continue;
                }
                default:
                    return;
            }
        }
    }

    private void fail(ByteBuf in, List<Object> out, SipError e, long offset) {
        // nothing after a framing error can be trusted: drop it (Netty also needs the bytes consumed)
        in.skipBytes(in.readableBytes());
        out.add(DecodeResult.malformed(e.condition(), offset));
        state = State.FAILED;
    }

    private void skipKeepAlive(ByteBuf in) {
        while (in.readableBytes() >= 2 && in.getByte(in.readerIndex()) == '\r'
                && in.getByte(in.readerIndex() + 1) == '\n') {
            in.skipBytes(2);
            scanFrom = 0;
        }
    }

    /** Length of the head up to and including the empty line (CRLF CRLF, or LF LF in LF mode), or -1. */
    private int emptyLine(ByteBuf in, int r, int n) {
        for (int i = Math.max(1, scanFrom); i < n; i++) {
            if (in.getByte(r + i) == '\n') {
                byte p = in.getByte(r + i - 1);
                if (p == '\n') {
                    return i + 1;
                }
                if (p == '\r' && i >= 3 && in.getByte(r + i - 2) == '\n' && in.getByte(r + i - 3) == '\r') {
                    return i + 1;
                }
            }
        }
        scanFrom = Math.max(1, n - 3);
        return -1;
    }
}
