package dev.sotto.vectors.sip;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.sdp.SdpParser;
import dev.sotto.codecs.sdp.SessionDescription;
import dev.sotto.codecs.sip.AbsoluteUri;
import dev.sotto.codecs.sip.AuthValue;
import dev.sotto.codecs.sip.HeaderField;
import dev.sotto.codecs.sip.MediaType;
import dev.sotto.codecs.sip.NameAddress;
import dev.sotto.codecs.sip.Parameter;
import dev.sotto.codecs.sip.Parameters;
import dev.sotto.codecs.sip.SipHeaders;
import dev.sotto.codecs.sip.SipMessage;
import dev.sotto.codecs.sip.SipRequest;
import dev.sotto.codecs.sip.SipResponse;
import dev.sotto.codecs.sip.SipUri;
import dev.sotto.codecs.sip.TelUri;
import dev.sotto.codecs.sip.Uri;
import dev.sotto.codecs.sip.Via;
import java.util.List;

/** The typed SIP model as JSON for {@code sotto-vectors parse sip}. URI passwords are never printed. */
final class SipJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SipJson() {
    }

    static ObjectNode message(SipMessage m) {
        ObjectNode o = F.objectNode();
        if (m instanceof SipRequest r) {
            o.put("type", "request");
            o.put("method", r.method());
            o.set("requestUri", uri(r.requestUri()));
        } else {
            SipResponse r = (SipResponse) m;
            o.put("type", "response");
            o.put("statusCode", r.statusCode());
            o.put("reasonPhrase", r.reasonPhrase());
        }
        o.put("version", m.version());
        ArrayNode hs = o.putArray("headers");
        for (HeaderField f : m.headers().fields()) {
            ObjectNode h = hs.addObject();
            h.put("name", f.name());
            h.put("canonicalName", f.canonicalName());
            h.put("value", f.value());
        }
        o.set("typed", typed(m.headers()));
        ObjectNode body = o.putObject("body");
        body.put("length", m.body().length);
        if (m.body().length > 0 && m.headers().contentType().map(t -> t.is("application", "sdp")).orElse(false)) {
            DecodeResult<SessionDescription> sdp = SdpParser.defaults().parse(m.body());
            if (sdp instanceof DecodeResult.Ok<SessionDescription> ok) {
                body.set("sdp", SdpJson.session(ok.value()));
            } else if (sdp instanceof DecodeResult.Malformed<SessionDescription> bad) {
                body.put("sdpError", bad.condition());
                body.put("sdpErrorOffset", bad.offset());
            }
        }
        return o;
    }

    private static ObjectNode typed(SipHeaders h) {
        ObjectNode t = F.objectNode();
        ArrayNode vias = t.putArray("via");
        for (Via v : h.via()) {
            ObjectNode x = vias.addObject();
            x.put("protocol", v.protocolName() + "/" + v.protocolVersion());
            x.put("transport", v.transport());
            x.put("host", v.host());
            if (v.port() >= 0) {
                x.put("port", v.port());
            }
            putIfNotNull(x, "branch", v.branch());
            putIfNotNull(x, "received", v.received());
            if (v.hasRport()) {
                x.put("rport", v.rport());
            }
            x.set("params", params(v.params()));
        }
        if (h.from() != null) {
            t.set("from", nameAddress(h.from()));
        }
        if (h.to() != null) {
            t.set("to", nameAddress(h.to()));
        }
        putIfNotNull(t, "callId", h.callId());
        if (h.cseq() != null) {
            ObjectNode c = t.putObject("cseq");
            c.put("sequenceNumber", h.cseq().sequenceNumber());
            c.put("method", h.cseq().method());
        }
        h.maxForwards().ifPresent(v -> t.put("maxForwards", v));
        h.contentLength().ifPresent(v -> t.put("contentLength", v));
        h.contentType().ifPresent(ct -> t.set("contentType", mediaType(ct)));
        if (h.contactStar()) {
            t.put("contact", "*");
        }
        t.set("contacts", nameAddresses(h.contacts()));
        t.set("routes", nameAddresses(h.routes()));
        t.set("recordRoutes", nameAddresses(h.recordRoutes()));
        h.expires().ifPresent(v -> t.put("expires", v));
        t.set("authorization", auths(h.authorization()));
        t.set("proxyAuthorization", auths(h.proxyAuthorization()));
        t.set("wwwAuthenticate", auths(h.wwwAuthenticate()));
        t.set("proxyAuthenticate", auths(h.proxyAuthenticate()));
        return t;
    }

    static ObjectNode uri(Uri u) {
        ObjectNode o = F.objectNode();
        o.put("scheme", u.scheme());
        if (u instanceof SipUri s) {
            putIfNotNull(o, "user", s.user());
            putIfNotNull(o, "userDecoded", s.decodedUser());
            if (s.password() != null) {
                o.put("password", "<hidden>");
            }
            o.put("host", s.host());
            if (s.port() >= 0) {
                o.put("port", s.port());
            }
            o.set("params", params(s.params()));
            ArrayNode hs = o.putArray("headers");
            for (Parameter p : s.headers()) {
                ObjectNode h = hs.addObject();
                h.put("name", p.name());
                h.put("value", p.value());
            }
        } else if (u instanceof TelUri t) {
            o.put("number", t.number());
            o.set("params", params(t.params()));
        } else {
            o.put("schemeSpecificPart", ((AbsoluteUri) u).schemeSpecificPart());
        }
        return o;
    }

    private static ArrayNode nameAddresses(List<NameAddress> list) {
        ArrayNode a = F.arrayNode();
        list.forEach(n -> a.add(nameAddress(n)));
        return a;
    }

    private static ObjectNode nameAddress(NameAddress n) {
        ObjectNode o = F.objectNode();
        putIfNotNull(o, "displayName", n.displayName());
        o.set("uri", uri(n.uri()));
        o.set("params", params(n.params()));
        return o;
    }

    private static ObjectNode mediaType(MediaType t) {
        ObjectNode o = F.objectNode();
        o.put("type", t.type());
        o.put("subtype", t.subtype());
        o.set("params", params(t.params()));
        return o;
    }

    private static ArrayNode auths(List<AuthValue> list) {
        ArrayNode a = F.arrayNode();
        for (AuthValue v : list) {
            ObjectNode o = a.addObject();
            o.put("scheme", v.scheme());
            o.set("params", params(v.params()));
        }
        return a;
    }

    static ArrayNode params(Parameters ps) {
        ArrayNode a = F.arrayNode();
        for (Parameter p : ps.list()) {
            ObjectNode o = a.addObject();
            o.put("name", p.name());
            if (p.value() == null) {
                o.putNull("value");
            } else {
                o.put("value", p.value());
            }
        }
        return a;
    }

    static void putIfNotNull(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }
}
