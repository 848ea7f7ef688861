package dev.sotto.codecs.xml;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The XMPP-profile XML tokenizer: a push parser over UTF-8 bytes that accepts exactly the restricted XML of
 * RFC 6120 §11 (one root, the stream element, whose content is whitespace and first-level elements).
 *
 * <p>It is a byte-at-a-time state machine: every byte is looked at once, whatever the split of the input
 * (mid UTF-8 sequence, mid tag, mid reference), so feeding one byte at a time costs the same work as feeding
 * the whole input and yields the same tokens. Markup is ASCII and UTF-8 never puts an ASCII byte inside a
 * multi-byte sequence, so names and character data are collected as raw bytes while a small UTF-8 automaton
 * checks every byte (RFC 3629 §3: no overlong forms, no surrogates, nothing above U+10FFFF) and the XML Char
 * production (XML 1.0 §2.2). Hostile input never throws: the tokenizer stops with a {@link StreamErrorCondition}
 * and the offset where it noticed, and then ignores all further input.
 */
public final class XmlTokenizer {

    private enum State {
        PROLOG, LT_PROLOG, PI_TARGET, XML_DECL, CONTENT, LT, BANG, MATCH, CDATA, START_NAME, IN_TAG, ATTR_NAME,
        ATTR_EQ, ATTR_QUOTE, ATTR_VALUE, EMPTY_END, END_NAME, END_WS, ENTITY, AFTER_ROOT
    }

    private static final byte[] CDATA_OPEN = "CDATA[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] XML_TARGET = "xml".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final XmlLimits limits;
    private final XmlTokenHandler handler;
    /**
     * The name table of the thread running {@link #feed}, fetched at the start of each call: it is not
     * thread-safe, so it is used only by its own thread, and only during feed.
     */
    private NameTable names;

    private State state = State.PROLOG;
    /** Absolute offset (from the start of this stream) of the next byte to be fed. */
    private long position;
    /** {@code position - off} during a {@link #feed} call: absolute offset of {@code src[i]} is {@code base + i}. */
    private long base;
    /** The absolute offset at which the current stream header or first-level element exceeds its size bound. */
    private long stanzaLimit;
    /** Absolute offset of the byte being handled when a handler callback runs (for {@link #fail}). */
    private long callbackOffset;

    // RFC 3629 §3: the UTF-8 automaton.
    private int u8need;
    private int u8cp;
    private int u8min;

    private byte[] name = new byte[64];
    private int nameLen;
    private byte[] text = new byte[256];
    private int textLen;

    // Sized for the usual few attributes and grown up to limits.maxAttributes(), so a new stream stays cheap.
    private XmlName[] attrNames;
    private String[] attrValues;
    private int[] attrStart;
    private int[] attrEnd;
    private int attrCount;
    private XmlName elementName;
    private final XmlName[] stack;
    private int depth;

    /**
     * Whether a byte >= 0x80 may be among the collected text bytes since the last text was flushed. Set by every
     * append of such a byte (and by scanText), cleared only when text is flushed: false means all ASCII.
     */
    private boolean textNonAscii;
    private boolean lastCr;
    private boolean sawSpace;
    private int brackets;
    private int quote;
    private State entityReturn;
    private byte[] literal;
    private int literalIndex;
    private State literalNext;
    private long ltPosition;

    private StreamErrorCondition error;
    private long errorOffset;
    private boolean paused;

    public XmlTokenizer(XmlLimits limits, XmlTokenHandler handler) {
        this.limits = limits;
        this.handler = handler;
        int attrs = Math.min(8, limits.maxAttributes());
        this.attrNames = new XmlName[attrs];
        this.attrValues = new String[attrs];
        this.attrStart = new int[attrs];
        this.attrEnd = new int[attrs];
        this.stack = new XmlName[limits.maxDepth() + 1];
        this.stanzaLimit = limits.maxStanzaBytes();
    }

    /** The condition that stopped the tokenizer, or {@code null}. */
    public StreamErrorCondition error() {
        return error;
    }

    /** Absolute offset of the byte at which {@link #error()} was noticed. */
    public long errorOffset() {
        return errorOffset;
    }

    /** Absolute offset of the next byte to be fed: the number of bytes consumed so far. */
    public long position() {
        return position;
    }

    /**
     * Whether the input so far ends between first-level elements (or after the stream's end): nothing is
     * pending. False before the stream header is complete and inside any element.
     */
    public boolean atElementBoundary() {
        return error == null && ((state == State.CONTENT && depth == 1) || state == State.AFTER_ROOT);
    }

    /** Called by the handler during a callback: stop with this condition. */
    public void fail(StreamErrorCondition condition) {
        if (error == null) {
            error = condition;
            errorOffset = callbackOffset;
        }
    }

    /** Called by the handler during a callback: make {@link #feed} return after the current token. */
    public void pause() {
        paused = true;
    }

    /**
     * Consumes bytes until they are all used, the handler pauses or the input is refused.
     *
     * @return the number of bytes consumed ({@code len} unless paused; 0 once failed)
     */
    public int feed(byte[] src, int off, int len) {
        if (error != null) {
            return 0;
        }
        paused = false;
        names = NameTable.forCurrentThread();
        base = position - off;
        final int end = off + len;
        int i = off;
        while (i < end) {
            if (base + i >= stanzaLimit) {
                failAt(StreamErrorCondition.POLICY_VIOLATION, i);
                break;
            }
            if (src[i] == '<' && u8need == 0 && (state == State.CONTENT || (state == State.PROLOG
                    && i + 1 < end && src[i + 1] != '/' && src[i + 1] != '?' && src[i + 1] != '!'))) {
                // Fast path: a whole, plain tag inside this chunk is read in one go (see fastTag); in the prolog,
                // only the stream header's start tag (an end tag, a declaration or a PI is the slow path's).
                int j = fastTag(src, i, end);
                if (j > 0) {
                    i = j;
                    if (error != null || paused) {
                        break;
                    }
                    continue;
                }
            }
            if (state == State.CONTENT && u8need == 0) {
                if (depth >= 2) {
                    if (!lastCr) {
                        // Fast path: a run of ordinary text (ASCII other than CR, or complete and valid UTF-8
                        // sequences) is copied in one go. Anything else, including a sequence cut by the chunk
                        // end and an LF right after a CR (XML 1.0 §2.11), is left to the byte-at-a-time path
                        // below, which decides exactly as if there were no fast path.
                        int j = scanText(src, i, scanStop(end));
                        if (j > i) {
                            append(src, i, j - i);
                            brackets = 0;
                            i = j;
                            continue;
                        }
                    }
                } else if (depth == 1) {
                    // Fast path: the whitespace between first-level elements (RFC 6120 §11.7) is skipped in one
                    // go; this depth has no size bound to check.
                    int j = i;
                    while (j < end && isWhitespace(src[j])) {
                        j++;
                    }
                    if (j > i) {
                        i = j;
                        continue;
                    }
                }
            }
            int b = src[i] & 0xFF;
            if (b >= 0x80 || u8need != 0) {
                if (!utf8(b, i)) {
                    break;
                }
            } else if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                // XML 1.0 §2.2 Char: C0 controls other than TAB, LF and CR are not characters.
                failAt(StreamErrorCondition.NOT_WELL_FORMED, i);
                break;
            }
            switch (state) {
                case CONTENT -> content(b, i);
                case START_NAME, ATTR_NAME, END_NAME -> {
                    if (isAsciiNameChar(b) && nameLen < limits.maxNameBytes()) {
                        // Fast path: a run of ASCII name characters, bounded by the name limit.
                        int stop = Math.min(scanStop(end), i + limits.maxNameBytes() - nameLen);
                        int j = i + 1;
                        while (j < stop && isAsciiNameChar(src[j])) {
                            j++;
                        }
                        appendName(src, i, j - i);
                        i = j;
                        continue;
                    }
                    switch (state) {
                        case START_NAME -> startName(b, i);
                        case ATTR_NAME -> attributeName(b, i);
                        default -> endName(b, i);
                    }
                }
                case ATTR_VALUE -> {
                    if (b >= 0x20 && b < 0x80 && b != quote && b != '<' && b != '&') {
                        int j = i + 1;
                        int stop = scanStop(end);
                        while (j < stop) {
                            int c = src[j];
                            if (c < 0x20 || c == quote || c == '<' || c == '&') {
                                break;
                            }
                            j++;
                        }
                        append(src, i, j - i);
                        lastCr = false;
                        i = j;
                        continue;
                    }
                    attributeValue(b, i);
                }
                case PROLOG -> prolog(b, i);
                case LT_PROLOG -> ltProlog(b, i);
                case PI_TARGET -> piTarget(b, i);
                case XML_DECL -> xmlDecl(b, i);
                case LT -> lt(b, i);
                case BANG -> bang(b, i);
                case MATCH -> match(b, i);
                case CDATA -> cdata(b);
                case IN_TAG -> inTag(b, i);
                case ATTR_EQ -> {
                    if (b == '=') {
                        state = State.ATTR_QUOTE;
                    } else if (!isWhitespace(b)) {
                        failAt(StreamErrorCondition.NOT_WELL_FORMED, i);
                    }
                }
                case ATTR_QUOTE -> attributeQuote(b, i);
                case EMPTY_END -> {
                    if (b == '>') {
                        finishStartTag(true, i);
                    } else {
                        failAt(StreamErrorCondition.NOT_WELL_FORMED, i);
                    }
                }
                case END_WS -> {
                    if (b == '>') {
                        finishEndTag(i);
                    } else if (!isWhitespace(b)) {
                        failAt(StreamErrorCondition.NOT_WELL_FORMED, i);
                    }
                }
                case ENTITY -> entity(b, i);
                case AFTER_ROOT -> {
                    if (!isWhitespace(b)) {
                        failAt(StreamErrorCondition.NOT_WELL_FORMED, i);
                    }
                }
            }
            if (error != null) {
                break;
            }
            i++;
            if (paused) {
                break;
            }
        }
        if (error != null) {
            return 0;
        }
        position = base + i;
        return i - off;
    }

    /**
     * Reads a complete start tag with ASCII names, no whitespace around '=', and attribute values of printable
     * ASCII without references, or a complete end tag, when it lies wholly inside {@code src[i..end)} and
     * within the size bound. Returns the index after its '>', or -1 (having changed nothing) for anything else,
     * which the byte-at-a-time path then handles: the outcome is the same either way, only faster here.
     */
    private int fastTag(byte[] src, int i, int end) {
        long limit = depth == 1 ? base + i + limits.maxStanzaBytes() : stanzaLimit;
        int stop = limit == Long.MAX_VALUE ? end : (int) Math.min(end, limit - base);
        int j = i + 1;
        if (j >= stop) {
            return -1;
        }
        if (src[j] == '/') {
            // An end tag: it must name the open element (XML 1.0 §3 element type match), so its bytes are
            // compared with that name's; anything else (whitespace before '>', another name) is the slow
            // path's to handle or refuse.
            j++;
            XmlName open = stack[depth - 1];
            byte[] expected = open.utf8;
            int gt = j + expected.length;
            if (gt >= stop || src[gt] != '>' || !Arrays.equals(src, j, gt, expected, 0, expected.length)) {
                return -1;
            }
            commitTagStart(i);
            flushText(i);
            if (error != null) {
                return gt + 1;
            }
            nameLen = 0;
            finishEnd(gt, open);
            return gt + 1;
        }
        if (depth > limits.maxDepth()) {
            return -1;
        }
        int nameStart = j;
        int nameStop = Math.min(stop, j + limits.maxNameBytes());
        j = nameEnd(src, j, nameStop);
        if (j == nameStart || j >= nameStop) {
            return -1;
        }
        XmlName n = names.lookup(src, nameStart, j - nameStart);
        if (n == null) {
            return -1;
        }
        int count = 0;
        boolean space = false;
        while (j < stop) {
            int c = src[j];
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                space = true;
                j++;
                continue;
            }
            if (c == '>' || (c == '/' && j + 1 < stop && src[j + 1] == '>')) {
                // Commit: everything up to here was plain; now act exactly as the slow path would.
                commitTagStart(i);
                flushText(i);
                if (error != null) {
                    return j + 1;
                }
                attrCount = count;
                elementName = n;
                boolean empty = c == '/';
                int gt = empty ? j + 1 : j;
                // The values are read straight from the input: printable ASCII without references, already as
                // normalized as they get (XML 1.0 §3.3.3).
                attributeValues(src, true);
                startTag(empty, gt);
                return gt + 1;
            }
            if (!space || count == limits.maxAttributes()) {
                return -1;
            }
            int an = j;
            j = nameEnd(src, j, Math.min(stop, j + limits.maxNameBytes()));
            if (j == an || j + 1 >= stop || src[j] != '=') {
                return -1;
            }
            XmlName a = names.lookup(src, an, j - an);
            int q = src[j + 1];
            if (a == null || (q != '\'' && q != '"')) {
                return -1;
            }
            int vs = j + 2;
            int m = vs;
            while (true) {
                m = scanAttributeValue(src, m, stop);
                if (m >= stop) {
                    return -1;
                }
                int ch = src[m];
                if (ch == q) {
                    break;
                }
                if (ch != '\'' && ch != '"') {
                    return -1;
                }
                m++; // the other quote character
            }
            ensureAttributeSlot(count);
            attrNames[count] = a;
            attrStart[count] = vs;
            attrEnd[count] = m;
            count++;
            j = m + 1;
            space = false;
        }
        return -1;
    }

    /** What the slow path does on a '<' in content, before the tag itself. */
    private void commitTagStart(int i) {
        ltPosition = base + i;
        if (depth == 1) {
            stanzaLimit = ltPosition + limits.maxStanzaBytes();
        }
    }

    private int scanStop(int end) {
        return stanzaLimit == Long.MAX_VALUE ? end : (int) Math.min(end, stanzaLimit - base);
    }

    /** High bit set in (at least) each byte of the result that corresponds to a zero byte of {@code v}. */
    private static long zeroByte(long v) {
        return (v - 0x0101010101010101L) & ~v;
    }

    /** ASCII letters, digits and ":-_." (XML 1.0 §2.3 NameChar restricted to ASCII), by byte value. */
    private static final boolean[] ASCII_NAME_CHAR = new boolean[256];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_NAME_CHAR[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == ':' || c == '-' || c == '_' || c == '.';
        }
    }

    /** Printable ASCII that an attribute value takes as is: not a quote, '<' or '&' (XML 1.0 §3.1 AttValue). */
    private static final boolean[] ATTR_PLAIN = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            ATTR_PLAIN[c] = c != '<' && c != '&' && c != '\'' && c != '"';
        }
    }

    /**
     * Where a name in a tag ends, for {@link #fastTag}: the first byte in {@code src[i..stop)} that is not
     * printable ASCII (so whitespace, controls and every byte of a multi-byte sequence) or is '/', '=' or '>'.
     * The bytes before it are not checked against the Name production here: the name table only answers for
     * names it has checked (XML 1.0 §2.3, XML-Names §4), so anything else makes fastTag give up.
     */
    private static int nameEnd(byte[] src, int i, int stop) {
        int j = i;
        while (j + 8 <= stop) {
            // SWAR: a byte of the word is flagged when it is >= 0x80, < 0x21, '/', '=' or '>'. A borrow can also
            // flag a byte above a flagged one, never below: the lowest flagged byte is exact.
            long x = (long) LONGS.get(src, j);
            long t = (x | ((x - 0x2121212121212121L) & ~x) | zeroByte(x ^ 0x2F2F2F2F2F2F2F2FL)
                    | zeroByte(x ^ 0x3D3D3D3D3D3D3D3DL) | zeroByte(x ^ 0x3E3E3E3E3E3E3E3EL)) & 0x8080808080808080L;
            if (t != 0) {
                return j + (Long.numberOfTrailingZeros(t) >>> 3);
            }
            j += 8;
        }
        while (j < stop) {
            int c = src[j];
            if (c < 0x21 || c == '/' || c == '=' || c == '>') {
                return j;
            }
            j++;
        }
        return j;
    }

    /**
     * The end of the run of printable ASCII other than quotes, '<' and '&' starting at {@code i} (what an
     * attribute value takes as is, XML 1.0 §3.1 AttValue), eight bytes at a time where it can.
     */
    private static int scanAttributeValue(byte[] src, int i, int stop) {
        int j = i;
        while (j < stop) {
            int wordEnd = j + 8;
            if (wordEnd <= stop) {
                // SWAR as in scanText: non-zero when some byte is >= 0x80, < 0x20, or one of '<' '&' '\'' '"'
                // (or, harmlessly, next to one of those).
                long x = (long) LONGS.get(src, j);
                long special = x | ((x - 0x2020202020202020L) & ~x) | zeroByte(x ^ 0x3C3C3C3C3C3C3C3CL)
                        | zeroByte(x ^ 0x2626262626262626L) | zeroByte(x ^ 0x2727272727272727L)
                        | zeroByte(x ^ 0x2222222222222222L);
                if ((special & 0x8080808080808080L) == 0) {
                    j = wordEnd;
                    continue;
                }
            } else {
                wordEnd = stop;
            }
            while (j < wordEnd) {
                if (!ATTR_PLAIN[src[j] & 0xFF]) {
                    return j;
                }
                j++;
            }
        }
        return j;
    }

    private static boolean isAsciiNameChar(int b) {
        return ASCII_NAME_CHAR[b & 0xFF];
    }

    /**
     * The end of the run of ordinary text starting at {@code i}: ASCII other than markup, controls except TAB
     * and LF, and ']' '>', and complete UTF-8 sequences that are valid XML characters (RFC 3629 §4 table,
     * XML 1.0 §2.2). CR is left out: it needs line-end normalization (XML 1.0 §2.11).
     */
    private int scanText(byte[] src, int i, int stop) {
        int j = i;
        while (j < stop) {
            int wordEnd = j + 8;
            if (wordEnd <= stop) {
                // Eight ASCII bytes at a time while none of them needs a closer look (SWAR: the test below is
                // non-zero when some byte of the word is >= 0x80, < 0x20, or one of '<' '&' ']' '>'; it may also
                // flag a byte next to one of those, which only sends the word to the exact loop below).
                long x = (long) LONGS.get(src, j);
                long special = x | ((x - 0x2020202020202020L) & ~x) | zeroByte(x ^ 0x3C3C3C3C3C3C3C3CL)
                        | zeroByte(x ^ 0x2626262626262626L) | zeroByte(x ^ 0x5D5D5D5D5D5D5D5DL)
                        | zeroByte(x ^ 0x3E3E3E3E3E3E3E3EL);
                if ((special & 0x8080808080808080L) == 0) {
                    j = wordEnd;
                    continue;
                }
            } else {
                wordEnd = stop;
            }
            // The exact test, one character at a time, to the end of this word (a UTF-8 sequence may pass it).
            while (j < wordEnd) {
                int c = src[j];
                if (c >= 0x20) {
                    if (c == '<' || c == '&' || c == ']' || c == '>') {
                        return j;
                    }
                    j++;
                    continue;
                }
                if (c >= 0) {
                    if (c == '\n' || c == '\t') {
                        j++;
                        continue;
                    }
                    return j;
                }
                int b0 = c & 0xFF;
                textNonAscii = true; // at worst a sequence that stops the run: flushText then decodes as UTF-8
                if (b0 >= 0xC2 && b0 <= 0xDF) {
                    if (j + 1 >= stop || (src[j + 1] & 0xC0) != 0x80) {
                        return j;
                    }
                    j += 2;
                } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                    if (j + 2 >= stop) {
                        return j;
                    }
                    int b1 = src[j + 1] & 0xFF;
                    int b2 = src[j + 2] & 0xFF;
                    if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 || (b0 == 0xE0 && b1 < 0xA0)
                            || (b0 == 0xED && b1 >= 0xA0) || (b0 == 0xEF && b1 == 0xBF && b2 >= 0xBE)) {
                        return j;
                    }
                    j += 3;
                } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                    if (j + 3 >= stop) {
                        return j;
                    }
                    int b1 = src[j + 1] & 0xFF;
                    if ((b1 & 0xC0) != 0x80 || (src[j + 2] & 0xC0) != 0x80 || (src[j + 3] & 0xC0) != 0x80
                            || (b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 >= 0x90)) {
                        return j;
                    }
                    j += 4;
                } else {
                    return j;
                }
            }
        }
        return j;
    }

    private static boolean isWhitespace(int b) {
        // XML 1.0 §2.3 S
        return b == ' ' || b == '\n' || b == '\t' || b == '\r';
    }

    /** One byte through the UTF-8 automaton (RFC 3629 §3, §4). */
    private boolean utf8(int b, int i) {
        if (u8need == 0) {
            if (b >= 0xC2 && b <= 0xDF) {
                u8need = 1;
                u8cp = b & 0x1F;
                u8min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                u8need = 2;
                u8cp = b & 0x0F;
                u8min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                u8need = 3;
                u8cp = b & 0x07;
                u8min = 0x10000;
            } else {
                // A continuation byte without a lead, C0/C1 (always overlong) or F5..FF (beyond U+10FFFF).
                failAt(StreamErrorCondition.UNSUPPORTED_ENCODING, i);
                return false;
            }
            return true;
        }
        if ((b & 0xC0) != 0x80) {
            failAt(StreamErrorCondition.UNSUPPORTED_ENCODING, i);
            return false;
        }
        u8cp = (u8cp << 6) | (b & 0x3F);
        if (--u8need == 0) {
            int cp = u8cp;
            if (cp < u8min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                // Overlong form, beyond Unicode, or a surrogate: not UTF-8 (RFC 3629 §3).
                failAt(StreamErrorCondition.UNSUPPORTED_ENCODING, i);
                return false;
            }
            if (cp == 0xFFFE || cp == 0xFFFF) {
                // Valid UTF-8 but not an XML Char (XML 1.0 §2.2).
                failAt(StreamErrorCondition.NOT_WELL_FORMED, i);
                return false;
            }
        }
        return true;
    }

    private void prolog(int b, int i) {
        if (b == '<') {
            ltPosition = base + i;
            state = State.LT_PROLOG;
        } else if (!isWhitespace(b)) {
            // RFC 6120 §11.6: U+FEFF is a character here, not a byte order mark, so it is refused too.
            failAt(StreamErrorCondition.NOT_WELL_FORMED, i);
        }
    }

    private void ltProlog(int b, int i) {
        if (b == '?') {
            if (ltPosition == 0) {
                nameLen = 0;
                state = State.PI_TARGET;
            } else {
                // RFC 6120 §11.1: processing instructions are prohibited.
                failAt(StreamErrorCondition.RESTRICTED_XML, i);
            }
        } else if (b == '!') {
            state = State.BANG;
        } else {
            beginStartTag(b, i);
        }
    }

    private void piTarget(int b, int i) {
        if (nameLen < XML_TARGET.length && b == XML_TARGET[nameLen]) {
            nameLen++;
        } else if (nameLen == XML_TARGET.length && isWhitespace(b)) {
            textLen = 0;
            state = State.XML_DECL;
        } else {
            // A processing instruction other than the XML declaration (RFC 6120 §11.1).
            failAt(StreamErrorCondition.RESTRICTED_XML, i);
        }
    }

    private void xmlDecl(int b, int i) {
        if (textLen >= limits.maxNameBytes()) {
            failAt(StreamErrorCondition.POLICY_VIOLATION, i);
            return;
        }
        append(b);
        if (b == '>' && textLen >= 2 && text[textLen - 2] == '?') {
            String body = new String(text, 0, textLen - 2, StandardCharsets.UTF_8);
            textLen = 0;
            callbackOffset = base + i;
            XmlDeclarationParser.Result r = XmlDeclarationParser.parse(body);
            if (r.error() != null) {
                failAt(r.error(), i);
                return;
            }
            handler.xmlDeclaration(r.declaration());
            state = State.PROLOG;
        }
    }

    private void content(int b, int i) {
        if (depth == 1) {
            // Directly inside the stream: whitespace (RFC 6120 §11.7) and first-level elements only.
            if (b == '<') {
                ltPosition = base + i;
                stanzaLimit = ltPosition + limits.maxStanzaBytes();
                state = State.LT;
            } else if (!isWhitespace(b)) {
                failAt(StreamErrorCondition.BAD_FORMAT, i);
            }
            return;
        }
        switch (b) {
            case '<' -> {
                // Text is flushed once the markup is known: a CDATA section continues it (XML 1.0 §2.7).
                ltPosition = base + i;
                state = State.LT;
            }
            case '&' -> {
                nameLen = 0;
                entityReturn = State.CONTENT;
                state = State.ENTITY;
                brackets = 0;
                lastCr = false;
            }
            case '\r' -> {
                // XML 1.0 §2.11: CR LF and lone CR become LF.
                append('\n');
                lastCr = true;
                brackets = 0;
            }
            case '\n' -> {
                if (!lastCr) {
                    append('\n');
                }
                lastCr = false;
                brackets = 0;
            }
            case ']' -> {
                append(b);
                brackets++;
                lastCr = false;
            }
            case '>' -> {
                if (brackets >= 2) {
                    // XML 1.0 §2.4: "]]>" must not appear in character data.
                    failAt(StreamErrorCondition.NOT_WELL_FORMED, i);
                    return;
                }
                append(b);
                brackets = 0;
                lastCr = false;
            }
            default -> {
                append(b);
                brackets = 0;
                lastCr = false;
            }
        }
    }

    private void lt(int b, int i) {
        switch (b) {
            case '/' -> {
                flushText(i);
                nameLen = 0;
                state = State.END_NAME;
            }
            case '!' -> state = State.BANG;
            case '?' -> failAt(StreamErrorCondition.RESTRICTED_XML, i); // RFC 6120 §11.1
            default -> {
                flushText(i);
                if (error == null) {
                    beginStartTag(b, i);
                }
            }
        }
    }

    private void bang(int b, int i) {
        if (b == '-' || b == 'D') {
            // RFC 6120 §11.1: comments ("<!--") and DTDs ("<!DOCTYPE") are prohibited.
            failAt(StreamErrorCondition.RESTRICTED_XML, i);
        } else if (b == '[' && depth >= 2) {
            literal = CDATA_OPEN;
            literalIndex = 0;
            literalNext = State.CDATA;
            state = State.MATCH;
        } else if (b == '[' && depth == 1) {
            failAt(StreamErrorCondition.BAD_FORMAT, i);
        } else {
            failAt(StreamErrorCondition.NOT_WELL_FORMED, i);
        }
    }

    private void match(int b, int i) {
        if (b != literal[literalIndex]) {
            failAt(StreamErrorCondition.NOT_WELL_FORMED, i);
            return;
        }
        if (++literalIndex == literal.length) {
            state = literalNext;
            brackets = 0;
            lastCr = false;
        }
    }

    /** XML 1.0 §2.7: everything up to "]]>" is character data; the brackets are held until we know. */
    private void cdata(int b) {
        if (b == ']') {
            brackets++;
            lastCr = false;
            return;
        }
        if (b == '>' && brackets >= 2) {
            appendBrackets(brackets - 2);
            brackets = 0;
            state = State.CONTENT;
            return;
        }
        appendBrackets(brackets);
        brackets = 0;
        if (b == '\r') {
            append('\n');
            lastCr = true;
        } else if (b == '\n') {
            if (!lastCr) {
                append('\n');
            }
            lastCr = false;
        } else {
            append(b);
            lastCr = false;
        }
    }

    private void appendBrackets(int n) {
        for (int k = 0; k < n; k++) {
            append(']');
        }
    }

    private void beginStartTag(int b, int i) {
        if (depth > limits.maxDepth()) {
            failAt(StreamErrorCondition.POLICY_VIOLATION, i);
            return;
        }
        nameLen = 0;
        attrCount = 0;
        textLen = 0;
        state = State.START_NAME;
        startName(b, i);
    }

    private void startName(int b, int i) {
        switch (b) {
            case ' ', '\t', '\r', '\n' -> {
                elementName = lookupName(i);
                sawSpace = true;
                state = State.IN_TAG;
            }
            case '/' -> {
                elementName = lookupName(i);
                state = State.EMPTY_END;
            }
            case '>' -> {
                elementName = lookupName(i);
                if (elementName != null) {
                    finishStartTag(false, i);
                }
            }
            default -> appendName(b, i);
        }
    }

    private void inTag(int b, int i) {
        if (isWhitespace(b)) {
            sawSpace = true;
        } else if (b == '/') {
            state = State.EMPTY_END;
        } else if (b == '>') {
            finishStartTag(false, i);
        } else if (!sawSpace) {
            // XML 1.0 §3.1: attributes are separated by whitespace.
            failAt(StreamErrorCondition.NOT_WELL_FORMED, i);
        } else if (attrCount == limits.maxAttributes()) {
            failAt(StreamErrorCondition.POLICY_VIOLATION, i);
        } else {
            nameLen = 0;
            appendName(b, i);
            state = State.ATTR_NAME;
        }
    }

    private void attributeName(int b, int i) {
        if (b == '=' || isWhitespace(b)) {
            XmlName n = lookupName(i);
            if (n != null) {
                ensureAttributeSlot(attrCount);
                attrNames[attrCount] = n;
                state = b == '=' ? State.ATTR_QUOTE : State.ATTR_EQ;
            }
        } else if (b == '>' || b == '/' || b == '<' || b == '"' || b == '\'') {
            failAt(StreamErrorCondition.NOT_WELL_FORMED, i);
        } else {
            appendName(b, i);
        }
    }

    private void attributeQuote(int b, int i) {
        if (b == '"' || b == '\'') {
            quote = b;
            attrStart[attrCount] = textLen;
            lastCr = false;
            state = State.ATTR_VALUE;
        } else if (!isWhitespace(b)) {
            failAt(StreamErrorCondition.NOT_WELL_FORMED, i);
        }
    }

    /** XML 1.0 §3.3.3: each literal whitespace character becomes a space; CR LF counts once (§2.11). */
    private void attributeValue(int b, int i) {
        if (b == quote) {
            attrEnd[attrCount] = textLen;
            attrCount++;
            sawSpace = false;
            state = State.IN_TAG;
            return;
        }
        switch (b) {
            case '<' -> failAt(StreamErrorCondition.NOT_WELL_FORMED, i); // XML 1.0 §3.1 AttValue
            case '&' -> {
                nameLen = 0;
                entityReturn = State.ATTR_VALUE;
                state = State.ENTITY;
                lastCr = false;
            }
            case '\r' -> {
                append(' ');
                lastCr = true;
            }
            case '\n' -> {
                if (!lastCr) {
                    append(' ');
                }
                lastCr = false;
            }
            case '\t' -> {
                append(' ');
                lastCr = false;
            }
            default -> {
                append(b);
                lastCr = false;
            }
        }
    }

    private void endName(int b, int i) {
        if (b == '>') {
            finishEndTag(i);
        } else if (isWhitespace(b)) {
            state = State.END_WS;
        } else {
            appendName(b, i);
        }
    }

    private void entity(int b, int i) {
        if (b == ';') {
            resolveEntity(i);
            state = entityReturn;
        } else {
            appendName(b, i);
        }
    }

    /** XML 1.0 §4.1 and §4.6: the five predefined entities and character references; nothing else. */
    private void resolveEntity(int i) {
        if (nameLen > 0 && name[0] == '#') {
            int cp = characterReference();
            if (cp < 0) {
                failAt(StreamErrorCondition.NOT_WELL_FORMED, i);
                return;
            }
            appendCodePoint(cp);
            return;
        }
        int c = predefined();
        if (c > 0) {
            append(c);
            return;
        }
        String n = new String(name, 0, nameLen, StandardCharsets.UTF_8);
        // RFC 6120 §11.1: a reference to any other entity is restricted XML; a malformed one is not XML.
        failAt(NameTable.isNcName(n) || NameTable.parse(n) != null
                ? StreamErrorCondition.RESTRICTED_XML : StreamErrorCondition.NOT_WELL_FORMED, i);
    }

    private int predefined() {
        if (nameLen == 2 && name[1] == 't') {
            if (name[0] == 'l') {
                return '<';
            }
            if (name[0] == 'g') {
                return '>';
            }
        } else if (nameLen == 3 && name[0] == 'a' && name[1] == 'm' && name[2] == 'p') {
            return '&';
        } else if (nameLen == 4) {
            if (name[0] == 'a' && name[1] == 'p' && name[2] == 'o' && name[3] == 's') {
                return '\'';
            }
            if (name[0] == 'q' && name[1] == 'u' && name[2] == 'o' && name[3] == 't') {
                return '"';
            }
        }
        return -1;
    }

    /** XML 1.0 §4.1 CharRef; the referenced character must match Char (§2.2). Returns -1 when invalid. */
    private int characterReference() {
        boolean hex = nameLen > 1 && name[1] == 'x';
        int start = hex ? 2 : 1;
        if (start >= nameLen) {
            return -1;
        }
        int cp = 0;
        for (int k = start; k < nameLen; k++) {
            int d = Character.digit(name[k] & 0xFF, hex ? 16 : 10);
            if (d < 0 || name[k] < 0) {
                return -1;
            }
            cp = cp * (hex ? 16 : 10) + d;
            if (cp > 0x10FFFF) {
                return -1;
            }
        }
        return isXmlChar(cp) ? cp : -1;
    }

    /** XML 1.0 §2.2 Char. */
    static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    private void finishStartTag(boolean empty, int i) {
        attributeValues(text, false);
        startTag(empty, i);
    }

    /**
     * The attribute values as Strings, from {@code buf[attrStart[k]..attrEnd[k])}: the tag's collected bytes
     * (UTF-8), or the input itself when {@code ascii} (fastTag checked every byte is printable ASCII).
     */
    @SuppressWarnings("deprecation") // String(byte[], int, int, int): the Latin-1 copy, right for ASCII bytes
    private void attributeValues(byte[] buf, boolean ascii) {
        for (int k = 0; k < attrCount; k++) {
            int from = attrStart[k];
            int len = attrEnd[k] - from;
            // A namespace declaration's value (XML-Names §3) comes from the cache: streams repeat a few.
            attrValues[k] = attrNames[k].isNamespaceDeclaration() ? names.namespace(buf, from, len)
                    : ascii ? new String(buf, 0, from, len) : new String(buf, from, len, StandardCharsets.UTF_8);
        }
    }

    private void startTag(boolean empty, int i) {
        textLen = 0;
        int level = depth;
        XmlName element = elementName;
        stack[depth++] = element;
        callbackOffset = base + i;
        handler.startElement(element, attrNames, attrValues, attrCount, level);
        Arrays.fill(attrValues, 0, attrCount, null);
        if (error != null) {
            return;
        }
        lastCr = false;
        brackets = 0;
        if (level == 0) {
            stanzaLimit = Long.MAX_VALUE;
        }
        if (empty) {
            depth--;
            handler.endElement(element, level);
            afterEnd(level);
        } else {
            state = State.CONTENT;
        }
    }

    /** Makes room for attribute {@code index} (below limits.maxAttributes(), checked by the callers). */
    private void ensureAttributeSlot(int index) {
        if (index >= attrNames.length) {
            int n = Math.min(limits.maxAttributes(), Math.max(index + 1, attrNames.length * 2));
            attrNames = Arrays.copyOf(attrNames, n);
            attrValues = Arrays.copyOf(attrValues, n);
            attrStart = Arrays.copyOf(attrStart, n);
            attrEnd = Arrays.copyOf(attrEnd, n);
        }
    }

    private void finishEndTag(int i) {
        XmlName n = lookupName(i);
        if (n == null) {
            return;
        }
        finishEnd(i, n);
    }

    private void finishEnd(int i, XmlName n) {
        XmlName open = stack[depth - 1];
        if (n != open && !n.qname().equals(open.qname())) {
            // XML 1.0 §3 element type match: the end tag must name the open element.
            failAt(StreamErrorCondition.NOT_WELL_FORMED, i);
            return;
        }
        stack[--depth] = null;
        textLen = 0;
        callbackOffset = base + i;
        handler.endElement(open, depth);
        afterEnd(depth);
    }

    private void afterEnd(int level) {
        lastCr = false;
        brackets = 0;
        if (level <= 1) {
            stanzaLimit = Long.MAX_VALUE;
        }
        state = level == 0 ? State.AFTER_ROOT : State.CONTENT;
    }

    private void flushText(int i) {
        if (textLen > 0) {
            String s = isBlank(text, textLen) ? names.blank(text, 0, textLen) : textString();
            textLen = 0;
            callbackOffset = base + i;
            handler.text(s, depth - 1);
        }
    }

    /**
     * The collected text as a String: a plain Latin-1 copy when every byte is ASCII (then UTF-8 and Latin-1
     * agree), else decoded as UTF-8 (already validated byte by byte).
     */
    @SuppressWarnings("deprecation") // String(byte[], int, int, int): the Latin-1 copy
    private String textString() {
        String s = textNonAscii ? new String(text, 0, textLen, StandardCharsets.UTF_8)
                : new String(text, 0, 0, textLen);
        textNonAscii = false;
        return s;
    }

    /** Whether {@code buf[0..len)} is short whitespace (XML 1.0 §2.3 S; CR is gone after §2.11). */
    private static boolean isBlank(byte[] buf, int len) {
        if (len > 32) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            int c = buf[k];
            if (c != ' ' && c != '\n' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    private XmlName lookupName(int i) {
        XmlName n = nameLen == 0 || u8need != 0 ? null : names.lookup(name, 0, nameLen);
        if (n == null) {
            failAt(StreamErrorCondition.NOT_WELL_FORMED, i);
        }
        return n;
    }

    private void appendName(int b, int i) {
        if (nameLen == limits.maxNameBytes()) {
            failAt(StreamErrorCondition.POLICY_VIOLATION, i);
            return;
        }
        if (nameLen == name.length) {
            name = Arrays.copyOf(name, Math.min(name.length * 2, limits.maxNameBytes()));
        }
        name[nameLen++] = (byte) b;
    }

    private void appendName(byte[] src, int off, int len) {
        if (nameLen + len > name.length) {
            name = Arrays.copyOf(name, Math.min(Math.max(name.length * 2, nameLen + len), limits.maxNameBytes()));
        }
        System.arraycopy(src, off, name, nameLen, len);
        nameLen += len;
    }

    private void append(int b) {
        if (b >= 0x80) {
            textNonAscii = true;
        }
        if (textLen == text.length) {
            text = Arrays.copyOf(text, text.length * 2);
        }
        text[textLen++] = (byte) b;
    }

    private void append(byte[] src, int off, int len) {
        if (textLen + len > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, textLen + len));
        }
        System.arraycopy(src, off, text, textLen, len);
        textLen += len;
    }

    private void appendCodePoint(int cp) {
        if (cp < 0x80) {
            append(cp);
        } else if (cp < 0x800) {
            append(0xC0 | (cp >> 6));
            append(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            append(0xE0 | (cp >> 12));
            append(0x80 | ((cp >> 6) & 0x3F));
            append(0x80 | (cp & 0x3F));
        } else {
            append(0xF0 | (cp >> 18));
            append(0x80 | ((cp >> 12) & 0x3F));
            append(0x80 | ((cp >> 6) & 0x3F));
            append(0x80 | (cp & 0x3F));
        }
    }

    private void failAt(StreamErrorCondition condition, int i) {
        if (error == null) {
            error = condition;
            errorOffset = base + i;
        }
    }
}
