package dev.sotto.codecs.xml;

/** Namespace names fixed by XML-Names and RFC 6120. */
public final class XmlNamespaces {
    /** XML-Names §3: bound to the prefix {@code xml} by definition. */
    public static final String XML = "http://www.w3.org/XML/1998/namespace";
    /** XML-Names §3: the namespace of {@code xmlns} attributes; never declared. */
    public static final String XMLNS = "http://www.w3.org/2000/xmlns/";
    /** RFC 6120 §4.8.1: the stream namespace. */
    public static final String STREAMS = "http://etherx.jabber.org/streams";
    /** RFC 6120 §4.8.3: content namespace client to server. */
    public static final String JABBER_CLIENT = "jabber:client";
    /** RFC 6120 §4.8.3: content namespace server to server. */
    public static final String JABBER_SERVER = "jabber:server";

    private XmlNamespaces() {}
}
