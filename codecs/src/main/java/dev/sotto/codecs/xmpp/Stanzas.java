package dev.sotto.codecs.xmpp;

import dev.sotto.codecs.xml.ElementBuilder;
import dev.sotto.codecs.xml.XmlNamespaces;

/** Builders for the three stanza kinds of RFC 6120 §8 in the {@code jabber:client} namespace. */
public final class Stanzas {
    private Stanzas() {}

    /** RFC 6120 §8.2.1 {@code <message/>}; {@code to} and {@code type} may be {@code null}. */
    public static ElementBuilder message(String to, String type) {
        return ElementBuilder.element(XmlNamespaces.JABBER_CLIENT, "message").attribute("to", to).attribute("type", type);
    }

    /** RFC 6120 §8.2.2 {@code <presence/>}. */
    public static ElementBuilder presence() {
        return ElementBuilder.element(XmlNamespaces.JABBER_CLIENT, "presence");
    }

    /** RFC 6120 §8.2.3 {@code <iq/>}: 'type' and 'id' are required. */
    public static ElementBuilder iq(String type, String id) {
        return ElementBuilder.element(XmlNamespaces.JABBER_CLIENT, "iq").attribute("type", type).attribute("id", id);
    }
}
