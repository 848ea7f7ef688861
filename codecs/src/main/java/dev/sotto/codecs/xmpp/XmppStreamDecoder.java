package dev.sotto.codecs.xmpp;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.xml.NamespaceScope;
import dev.sotto.codecs.xml.StreamErrorCondition;
import dev.sotto.codecs.xml.XmlAttribute;
import dev.sotto.codecs.xml.XmlDeclaration;
import dev.sotto.codecs.xml.XmlElement;
import dev.sotto.codecs.xml.XmlLimits;
import dev.sotto.codecs.xml.XmlName;
import dev.sotto.codecs.xml.XmlNamespaces;
import dev.sotto.codecs.xml.XmlNode;
import dev.sotto.codecs.xml.XmlText;
import dev.sotto.codecs.xml.XmlTokenHandler;
import dev.sotto.codecs.xml.XmlTokenizer;
import java.util.List;

/**
 * The pure, incremental XMPP stream decoder (RFC 6120 §4, §11): bytes in, {@link StreamEvent}s out, no I/O.
 *
 * <p>Call {@link #decode} with the next bytes. It returns {@code Ok(event, consumed)} as soon as one event is
 * complete (call again with the rest), {@code NeedMore} when all the bytes were used and no event is complete
 * yet (they are kept; call again with the next bytes), or {@code Malformed(condition, offset)} with the RFC 6120
 * §4.9.3 condition to send and the stream offset where it was noticed. After {@code Malformed} the decoder stays
 * failed. No input byte is ever read twice. After STARTTLS or SASL success (RFC 6120 §5.4.3.3, §6.4.6) the
 * engine calls {@link #reset} for the new stream.
 */
public final class XmppStreamDecoder {
    private final XmlLimits limits;
    private XmlTokenizer tokenizer;
    private TreeBuilder builder;
    private DecodeResult<StreamEvent> failure;

    public XmppStreamDecoder() {
        this(XmlLimits.DEFAULTS);
    }

    public XmppStreamDecoder(XmlLimits limits) {
        this.limits = limits;
        reset();
    }

    /** Starts over for a new stream (RFC 6120 §4.3.3: after STARTTLS and SASL the stream is restarted). */
    public void reset() {
        builder = new TreeBuilder(limits);
        tokenizer = new XmlTokenizer(limits, builder);
        builder.tokenizer = tokenizer;
        failure = null;
    }

    /** Whether the stream was refused. */
    public boolean failed() {
        return failure != null;
    }

    /** Whether all input so far forms complete events: no header, element or markup is half received. */
    public boolean atElementBoundary() {
        return failure == null && tokenizer.atElementBoundary();
    }

    /** Bytes of this stream consumed so far. */
    public long position() {
        return tokenizer.position();
    }

    /** Decodes from {@code src[off..off+len)}; see the class comment for the three outcomes. */
    public DecodeResult<StreamEvent> decode(byte[] src, int off, int len) {
        if (failure != null) {
            return failure;
        }
        if (off < 0 || len < 0 || off > src.length - len) {
            throw new IndexOutOfBoundsException("bad range");
        }
        int n = tokenizer.feed(src, off, len);
        StreamErrorCondition error = tokenizer.error();
        if (error != null) {
            builder.pending = null;
            failure = DecodeResult.malformed(error.elementName(), tokenizer.errorOffset());
            return failure;
        }
        StreamEvent e = builder.pending;
        if (e != null) {
            builder.pending = null;
            return DecodeResult.ok(e, n);
        }
        return DecodeResult.needMore();
    }

    /** Turns tokens into events: namespaces (XML-Names §6), the stream header rules, element trees. */
    private static final class TreeBuilder implements XmlTokenHandler {

        private XmlTokenizer tokenizer;
        private final NamespaceScope scope = new NamespaceScope();
        private XmlDeclaration declaration;
        private final java.util.Map<String, String> headerNamespaces = new java.util.HashMap<>();
        private StreamEvent pending;
        private final XmlText[] blanks = new XmlText[16];
        private XmlAttribute[] attributeScratch = new XmlAttribute[8];

        // One frame per open element below the stream; index = depth. Sized for usual stanzas and grown up to
        // the depth limit, so a new stream stays cheap. Children collect in per-depth arrays that are reused
        // from element to element: only the final immutable list is allocated.
        private String[] frameNamespace;
        private String[] frameLocal;
        private List<XmlAttribute>[] frameAttributes;
        private XmlNode[][] frameChildren;
        private int[] frameChildCount;
        private final int maxFrames;

        @SuppressWarnings("unchecked")
        TreeBuilder(XmlLimits limits) {
            maxFrames = limits.maxDepth() + 1;
            int n = Math.min(8, maxFrames);
            frameNamespace = new String[n];
            frameLocal = new String[n];
            frameAttributes = new List[n];
            frameChildren = new XmlNode[n][];
            frameChildCount = new int[n];
        }

        private void ensureFrame(int depth) {
            if (depth >= frameNamespace.length) {
                int n = Math.min(maxFrames, Math.max(depth + 1, frameNamespace.length * 2));
                frameNamespace = java.util.Arrays.copyOf(frameNamespace, n);
                frameLocal = java.util.Arrays.copyOf(frameLocal, n);
                frameAttributes = java.util.Arrays.copyOf(frameAttributes, n);
                frameChildren = java.util.Arrays.copyOf(frameChildren, n);
                frameChildCount = java.util.Arrays.copyOf(frameChildCount, n);
            }
        }

        @Override
        public void xmlDeclaration(XmlDeclaration d) {
            declaration = d;
        }

        @Override
        public void startElement(XmlName name, XmlName[] attrNames, String[] attrValues, int count, int depth) {
            scope.push();
            if (!declareNamespaces(attrNames, attrValues, count, depth == 0)) {
                return;
            }
            // XML-Names §5: "xmlns" is not an element prefix; every other prefix must be declared.
            String ns = name.isPrefixed() && name.isNamespaceDeclaration() ? null : scope.resolve(name.prefix());
            if (ns == null) {
                tokenizer.fail(StreamErrorCondition.NOT_WELL_FORMED);
                return;
            }
            List<XmlAttribute> attributes = attributes(attrNames, attrValues, count);
            if (attributes == null) {
                return;
            }
            if (depth == 0) {
                streamHeader(name, ns, attributes);
                return;
            }
            ensureFrame(depth);
            frameNamespace[depth] = ns;
            frameLocal[depth] = name.localName();
            frameAttributes[depth] = attributes;
            frameChildCount[depth] = 0;
        }

        /** XML-Names §3 and the constraints of §3 "Reserved Prefixes and Namespace Names". */
        private boolean declareNamespaces(XmlName[] attrNames, String[] attrValues, int count, boolean header) {
            for (int k = 0; k < count; k++) {
                XmlName a = attrNames[k];
                String qname = a.qname();
                int hash = qname.hashCode(); // cached in the String, which the name table keeps
                for (int j = 0; j < k; j++) {
                    String other = attrNames[j].qname();
                    if (other.hashCode() == hash && other.equals(qname)) {
                        // XML 1.0 §3.1 Unique Att Spec.
                        tokenizer.fail(StreamErrorCondition.NOT_WELL_FORMED);
                        return false;
                    }
                }
                if (!a.isNamespaceDeclaration()) {
                    continue;
                }
                String v = attrValues[k];
                if (!a.isPrefixed()) {
                    if (v.equals(XmlNamespaces.XML) || v.equals(XmlNamespaces.XMLNS)) {
                        tokenizer.fail(StreamErrorCondition.NOT_WELL_FORMED);
                        return false;
                    }
                    scope.bind("", v);
                    if (header) {
                        headerNamespaces.put("", v);
                    }
                } else {
                    String p = a.localName();
                    boolean bad = p.equals("xmlns") || v.isEmpty() || v.equals(XmlNamespaces.XMLNS)
                            || p.equals("xml") != v.equals(XmlNamespaces.XML);
                    if (bad) {
                        tokenizer.fail(StreamErrorCondition.NOT_WELL_FORMED);
                        return false;
                    }
                    scope.bind(p, v);
                    if (header) {
                        headerNamespaces.put(p, v);
                    }
                }
            }
            return true;
        }

        private List<XmlAttribute> attributes(XmlName[] attrNames, String[] attrValues, int count) {
            // Reused from tag to tag (cleared below): only the immutable list is allocated.
            XmlAttribute[] out = attributeScratch;
            int n = 0;
            for (int k = 0; k < count; k++) {
                XmlName a = attrNames[k];
                if (a.isNamespaceDeclaration()) {
                    continue;
                }
                // XML-Names §6.3: unprefixed attributes are in no namespace.
                boolean prefixed = a.isPrefixed();
                String ns = prefixed ? scope.resolve(a.prefix()) : "";
                if (ns == null) {
                    tokenizer.fail(StreamErrorCondition.NOT_WELL_FORMED);
                    return null;
                }
                String local = a.localName();
                if (prefixed) {
                    // XML-Names §6.3: no two attributes with the same expanded name. Two unprefixed ones with the
                    // same local name have the same qname (refused above), and an unprefixed one (no namespace)
                    // never clashes with a prefixed one (a prefix is never bound to no namespace, §3); so only
                    // the prefixed ones need this check.
                    for (int j = 0; j < n; j++) {
                        if (out[j].localName().equals(local) && out[j].namespace().equals(ns)) {
                            tokenizer.fail(StreamErrorCondition.NOT_WELL_FORMED);
                            return null;
                        }
                    }
                }
                if (n == out.length) {
                    out = java.util.Arrays.copyOf(out, Math.max(count, n * 2));
                    attributeScratch = out;
                }
                out[n++] = new XmlAttribute(ns, local, attrValues[k]);
            }
            if (n == 0) {
                return List.of();
            }
            List<XmlAttribute> list = immutableList(out, n);
            java.util.Arrays.fill(out, 0, n, null); // the scratch array must not keep values alive
            return list;
        }

        /** RFC 6120 §4.8.1, §4.8.2 and §4.8.5. */
        private void streamHeader(XmlName name, String ns, List<XmlAttribute> attributes) {
            if (!ns.equals(XmlNamespaces.STREAMS)) {
                tokenizer.fail(StreamErrorCondition.INVALID_NAMESPACE);
                return;
            }
            if (!name.localName().equals("stream")) {
                tokenizer.fail(StreamErrorCondition.BAD_FORMAT);
                return;
            }
            if (!name.prefix().isEmpty() && !name.prefix().equals("stream")) {
                tokenizer.fail(StreamErrorCondition.BAD_NAMESPACE_PREFIX);
                return;
            }
            String content = scope.resolve("");
            if (!content.isEmpty() && !content.equals(XmlNamespaces.STREAMS)
                    && !content.equals(XmlNamespaces.JABBER_CLIENT) && !content.equals(XmlNamespaces.JABBER_SERVER)) {
                tokenizer.fail(StreamErrorCondition.INVALID_NAMESPACE);
                return;
            }
            pending = new StreamOpen(declaration, name.prefix(), content, attributes, headerNamespaces);
            tokenizer.pause();
        }

        @Override
        public void endElement(XmlName name, int depth) {
            scope.pop();
            if (depth == 0) {
                pending = new StreamClose();
                tokenizer.pause();
                return;
            }
            XmlElement e = new XmlElement(frameNamespace[depth], frameLocal[depth], frameAttributes[depth],
                    children(depth));
            frameAttributes[depth] = null;
            if (depth == 1) {
                pending = new StreamElement(e);
                tokenizer.pause();
            } else {
                addChild(depth - 1, e);
            }
        }

        @Override
        public void text(String text, int depth) {
            // The tokenizer gives the same String for repeated short whitespace (indentation): the same node
            // then serves too (XmlText is immutable). Found by identity, in a slot per length.
            int slot = text.length() & (blanks.length - 1);
            XmlText node = blanks[slot];
            if (node == null || node.text() != text) {
                node = new XmlText(text);
                if (text.length() <= 32 && text.isBlank()) {
                    blanks[slot] = node;
                }
            }
            addChild(depth, node);
        }

        private void addChild(int depth, XmlNode node) {
            XmlNode[] c = frameChildren[depth];
            int n = frameChildCount[depth];
            if (c == null) {
                c = new XmlNode[4];
                frameChildren[depth] = c;
            } else if (n == c.length) {
                c = java.util.Arrays.copyOf(c, n * 2);
                frameChildren[depth] = c;
            }
            c[n] = node;
            frameChildCount[depth] = n + 1;
        }

        /**
         * An immutable list of {@code a[0..n)}, n > 0. The fixed-arity {@code List.of} overloads copy the elements
         * once; {@code List.of(E...)} copies its array again, so it is used only beyond ten.
         */
        private static <T> List<T> immutableList(T[] a, int n) {
            return switch (n) {
                case 1 -> List.of(a[0]);
                case 2 -> List.of(a[0], a[1]);
                case 3 -> List.of(a[0], a[1], a[2]);
                case 4 -> List.of(a[0], a[1], a[2], a[3]);
                case 5 -> List.of(a[0], a[1], a[2], a[3], a[4]);
                case 6 -> List.of(a[0], a[1], a[2], a[3], a[4], a[5]);
                case 7 -> List.of(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
                case 8 -> List.of(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
                case 9 -> List.of(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]);
                case 10 -> List.of(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
                default -> List.of(n == a.length ? a : java.util.Arrays.copyOf(a, n));
            };
        }

        /** The children collected at {@code depth} as an immutable list; clears the reused array. */
        private List<XmlNode> children(int depth) {
            int n = frameChildCount[depth];
            XmlNode[] c = frameChildren[depth];
            frameChildCount[depth] = 0;
            List<XmlNode> out = n == 0 ? List.of() : immutableList(c, n);
            if (n > 0) {
                java.util.Arrays.fill(c, 0, n, null); // the reused array must not keep stanzas alive
            }
            return out;
        }
    }
}
