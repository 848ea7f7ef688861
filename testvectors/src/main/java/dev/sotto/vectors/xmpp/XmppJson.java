package dev.sotto.vectors.xmpp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sotto.codecs.xml.XmlAttribute;
import dev.sotto.codecs.xml.XmlElement;
import dev.sotto.codecs.xml.XmlNode;
import dev.sotto.codecs.xml.XmlText;
import dev.sotto.codecs.xmpp.StreamClose;
import dev.sotto.codecs.xmpp.StreamElement;
import dev.sotto.codecs.xmpp.StreamEvent;
import dev.sotto.codecs.xmpp.StreamOpen;

/** Stream events as JSON for {@code sotto-vectors parse xmpp}. */
final class XmppJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private XmppJson() {}

    static ObjectNode event(StreamEvent e) {
        ObjectNode o = F.objectNode();
        if (e instanceof StreamOpen open) {
            o.put("event", "StreamOpen");
            if (open.declaration() != null) {
                ObjectNode d = o.putObject("declaration");
                d.put("version", open.declaration().version());
                d.put("encoding", open.declaration().encoding());
                d.put("standalone", open.declaration().standalone());
            }
            o.put("prefix", open.prefix());
            o.put("contentNamespace", open.contentNamespace());
            o.set("attributes", attributes(open.attributes()));
            ObjectNode ns = o.putObject("namespaces");
            new java.util.TreeMap<>(open.namespaces()).forEach(ns::put);
        } else if (e instanceof StreamElement el) {
            o.put("event", "StreamElement");
            o.set("element", element(el.element()));
        } else if (e instanceof StreamClose) {
            o.put("event", "StreamClose");
        }
        return o;
    }

    static ObjectNode element(XmlElement e) {
        ObjectNode o = F.objectNode();
        o.put("ns", e.namespace());
        o.put("name", e.localName());
        if (!e.attributes().isEmpty()) {
            o.set("attributes", attributes(e.attributes()));
        }
        if (!e.children().isEmpty()) {
            ArrayNode c = o.putArray("children");
            for (XmlNode n : e.children()) {
                if (n instanceof XmlElement child) {
                    c.add(element(child));
                } else if (n instanceof XmlText t) {
                    c.add(F.objectNode().put("text", t.text()));
                }
            }
        }
        return o;
    }

    private static ArrayNode attributes(Iterable<XmlAttribute> attributes) {
        ArrayNode a = F.arrayNode();
        for (XmlAttribute at : attributes) {
            ObjectNode o = a.addObject();
            if (!at.namespace().isEmpty()) {
                o.put("ns", at.namespace());
            }
            o.put("name", at.localName());
            o.put("value", at.value());
        }
        return a;
    }
}
