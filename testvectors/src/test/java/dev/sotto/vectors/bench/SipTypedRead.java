package dev.sotto.vectors.bench;

import dev.sotto.codecs.sip.AuthValue;
import dev.sotto.codecs.sip.NameAddress;
import dev.sotto.codecs.sip.SipHeaders;
import dev.sotto.codecs.sip.SipMessage;
import dev.sotto.codecs.sip.SipUri;
import dev.sotto.codecs.sip.Uri;
import dev.sotto.codecs.sip.Via;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Iterator;
import java.util.ListIterator;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AllowHeader;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderAddress;
import javax.sip.header.SupportedHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;

/**
 * Reads the same typed fields from a parsed message on both sides (issue 7's list of typed headers): Via
 * transport, host, port, branch, received, rport; From/To display name, URI user/host/port and tag; Call-ID;
 * CSeq number and method; Max-Forwards; each Contact's URI and expires; each Route/Record-Route URI;
 * Content-Type type/subtype; Content-Length; Digest credentials (username, realm, nonce, uri, response, opaque)
 * and challenges (realm, nonce, qop, algorithm, stale, opaque). The headers Sotto keeps verbatim but JAIN-SIP
 * types (Allow, Supported, User-Agent) are read as their values on our side and as their typed parts on
 * JAIN-SIP's. Returns a checksum of what was read so nothing is optimised away.
 */
final class SipTypedRead {

    private SipTypedRead() {
    }

    /** Cheap on both sides: a String's length (so it must exist), 1 for any other object, 0 for null. */
    private static int h(Object o) {
        return o == null ? 0 : o instanceof String s ? s.length() : 1;
    }

    private static int uri(Uri u) {
        if (u instanceof SipUri s) {
            return h(s.user()) + h(s.host()) + s.port();
        }
        return h(u);
    }

    private static int addr(NameAddress a) {
        return a == null ? 0 : h(a.displayName()) + uri(a.uri()) + h(a.tag());
    }

    static int sotto(SipMessage m) {
        SipHeaders hs = m.headers();
        int n = 0;
        for (Via v : hs.via()) {
            n += h(v.transport()) + h(v.host()) + v.port() + h(v.branch()) + h(v.received())
                    + (v.hasRport() ? 1 + v.rport() : 0);
        }
        n += addr(hs.from()) + addr(hs.to());
        n += h(hs.callId()) + (int) hs.cseq().sequenceNumber() + h(hs.cseq().method());
        n += hs.maxForwards().orElse(-1);
        for (NameAddress c : hs.contacts()) {
            n += uri(c.uri()) + (int) c.expires();
        }
        for (NameAddress r : hs.routes()) {
            n += uri(r.uri());
        }
        for (NameAddress r : hs.recordRoutes()) {
            n += uri(r.uri());
        }
        if (hs.contentType().isPresent()) {
            n += h(hs.contentType().get().type()) + h(hs.contentType().get().subtype());
        }
        n += hs.contentLength().orElse(-1);
        for (AuthValue a : hs.authorization()) {
            n += h(a.scheme()) + h(a.param("username")) + h(a.param("realm")) + h(a.param("nonce"))
                    + h(a.param("uri")) + h(a.param("response")) + h(a.param("opaque"));
        }
        for (AuthValue a : hs.wwwAuthenticate()) {
            n += h(a.scheme()) + h(a.param("realm")) + h(a.param("nonce")) + h(a.param("qop"))
                    + h(a.param("algorithm")) + h(a.param("stale")) + h(a.param("opaque"));
        }
        for (String v : hs.values("Allow")) {
            n += h(v);
        }
        for (String v : hs.values("Supported")) {
            n += h(v);
        }
        for (String v : hs.values("User-Agent")) {
            n += h(v);
        }
        return n;
    }

    private static int uri(URI u) {
        if (u instanceof SipURI s) {
            return h(s.getUser()) + h(s.getHost()) + s.getPort();
        }
        return h(u);
    }

    private static int addr(HeaderAddress ha, String tag) {
        Address a = ha.getAddress();
        return h(a.getDisplayName()) + uri(a.getURI()) + h(tag);
    }

    static int jainSip(SIPMessage m) {
        int n = 0;
        for (Iterator<?> it = m.getViaHeaders().iterator(); it.hasNext(); ) {
            ViaHeader v = (ViaHeader) it.next();
            n += h(v.getTransport()) + h(v.getHost()) + v.getPort() + h(v.getBranch()) + h(v.getReceived())
                    + v.getRPort();
        }
        n += addr(m.getFrom(), m.getFrom().getTag()) + addr(m.getTo(), m.getTo().getTag());
        n += h(m.getCallId().getCallId()) + (int) m.getCSeq().getSeqNumber() + h(m.getCSeq().getMethod());
        n += m.getMaxForwards() == null ? -1 : m.getMaxForwards().getMaxForwards();
        if (m.getContactHeaders() != null) {
            for (Iterator<?> it = m.getContactHeaders().iterator(); it.hasNext(); ) {
                ContactHeader c = (ContactHeader) it.next();
                n += uri(c.getAddress().getURI()) + c.getExpires();
            }
        }
        if (m.getRouteHeaders() != null) {
            for (Iterator<?> it = m.getRouteHeaders().iterator(); it.hasNext(); ) {
                n += uri(((HeaderAddress) it.next()).getAddress().getURI());
            }
        }
        if (m.getRecordRouteHeaders() != null) {
            for (Iterator<?> it = m.getRecordRouteHeaders().iterator(); it.hasNext(); ) {
                n += uri(((HeaderAddress) it.next()).getAddress().getURI());
            }
        }
        ContentTypeHeader ct = (ContentTypeHeader) m.getHeader(ContentTypeHeader.NAME);
        if (ct != null) {
            n += h(ct.getContentType()) + h(ct.getContentSubType());
        }
        n += m.getContentLength() == null ? -1 : m.getContentLength().getContentLength();
        for (ListIterator<SIPHeader> it = m.getHeaders(AuthorizationHeader.NAME); it.hasNext(); ) {
            AuthorizationHeader a = (AuthorizationHeader) it.next();
            n += h(a.getScheme()) + h(a.getUsername()) + h(a.getRealm()) + h(a.getNonce()) + h(a.getURI())
                    + h(a.getResponse()) + h(a.getOpaque());
        }
        for (ListIterator<SIPHeader> it = m.getHeaders(WWWAuthenticateHeader.NAME); it.hasNext(); ) {
            WWWAuthenticateHeader a = (WWWAuthenticateHeader) it.next();
            n += h(a.getScheme()) + h(a.getRealm()) + h(a.getNonce()) + h(a.getQop()) + h(a.getAlgorithm())
                    + (a.isStale() ? 1 : 0) + h(a.getOpaque());
        }
        for (ListIterator<SIPHeader> it = m.getHeaders(AllowHeader.NAME); it.hasNext(); ) {
            n += h(((AllowHeader) it.next()).getMethod());
        }
        for (ListIterator<SIPHeader> it = m.getHeaders(SupportedHeader.NAME); it.hasNext(); ) {
            n += h(((SupportedHeader) it.next()).getOptionTag());
        }
        for (ListIterator<SIPHeader> it = m.getHeaders(UserAgentHeader.NAME); it.hasNext(); ) {
            for (ListIterator<?> p = ((UserAgentHeader) it.next()).getProduct(); p.hasNext(); ) {
                n += h(p.next());
            }
        }
        return n;
    }
}
