package dev.sotto.codecs.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random but valid typed SIP values and messages, for round-trip properties (seeded by the caller). */
final class SipGen {

    private static final String TOKEN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";
    private static final String USER = "abcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()&=+$,;?/";
    private static final String PARAM = "abcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()[]/:&+$";
    private static final String HNV = "abcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()[]/?:+$";
    private static final String[] METHODS = {"INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "X-Custom"};

    private final Random rnd;

    SipGen(Random rnd) {
        this.rnd = rnd;
    }

    String from(String alphabet, int min, int max) {
        int n = min + rnd.nextInt(max - min + 1);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    String token() {
        return from(TOKEN, 1, 12);
    }

    /** A user part, possibly with escapes (% HEX HEX) of arbitrary bytes. */
    String user() {
        StringBuilder b = new StringBuilder(from(USER, 1, 10));
        if (rnd.nextInt(3) == 0) {
            b.append('%').append(String.format("%02X", rnd.nextInt(256)));
        }
        return b.toString();
    }

    String host() {
        switch (rnd.nextInt(4)) {
            case 0:
                return rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256);
            case 1:
                return "[2001:db8::" + Integer.toHexString(rnd.nextInt(0x10000)) + "]";
            case 2:
                return "[::ffff:192.0.2." + rnd.nextInt(256) + "]";
            default:
                return "h" + from("abcdefghij0123456789-", 0, 8).replace("-", "x") + ".example." + (rnd.nextBoolean()
                        ? "com" : "org");
        }
    }

    SipUri sipUri() {
        List<Parameter> ps = new ArrayList<>();
        for (int i = rnd.nextInt(3); i > 0; i--) {
            ps.add(new Parameter(from(PARAM, 1, 6), rnd.nextBoolean() ? null : from(PARAM, 1, 6)));
        }
        List<Parameter> hs = new ArrayList<>();
        for (int i = rnd.nextInt(2); i > 0; i--) {
            // hname = 1*( hnv-unreserved / unreserved / escaped ), hvalue = *( same )
            hs.add(new Parameter(from(HNV, 1, 6), from(HNV, 0, 6) + (rnd.nextBoolean() ? "%20" : "")));
        }
        String user = rnd.nextInt(6) == 0 ? null : user();
        return new SipUri(rnd.nextInt(5) == 0, user,
                user != null && rnd.nextInt(8) == 0 ? from("abc123&=+$,", 0, 6) : null, host(), rnd.nextInt(3) == 0 ? -1
                : rnd.nextInt(65536), new Parameters(ps), hs);
    }

    Parameters headerParams(boolean tag) {
        List<Parameter> ps = new ArrayList<>();
        if (tag) {
            ps.add(new Parameter("tag", token()));
        }
        for (int i = rnd.nextInt(2); i > 0; i--) {
            String name = token();
            if (name.equalsIgnoreCase("q") || name.equalsIgnoreCase("expires") || name.equalsIgnoreCase("tag")) {
                name = "x" + name; // these have their own grammar (RFC 3261 §20.10)
            }
            switch (rnd.nextInt(3)) {
                case 0 -> ps.add(new Parameter(name, null));
                case 1 -> ps.add(new Parameter(name, token()));
                default -> ps.add(new Parameter(name, Lex.quote(from("ab ,;\"\\<>@é", 0, 8))));
            }
        }
        return new Parameters(ps);
    }

    NameAddress nameAddress(boolean tag) {
        String display = switch (rnd.nextInt(3)) {
            case 0 -> null;
            case 1 -> from("abc XYZ,;:<>\"\\@é\u0007", 0, 12);
            default -> token();
        };
        return new NameAddress(display, sipUri(), headerParams(tag));
    }

    Via via() {
        List<Parameter> ps = new ArrayList<>();
        ps.add(new Parameter("branch", Via.MAGIC_COOKIE + token()));
        if (rnd.nextBoolean()) {
            ps.add(new Parameter("rport", rnd.nextBoolean() ? null : Integer.toString(rnd.nextInt(65536))));
        }
        if (rnd.nextBoolean()) {
            ps.add(new Parameter("received", "192.0.2." + rnd.nextInt(256)));
        }
        return new Via("SIP", "2.0", new String[] {"UDP", "TCP", "TLS", "WS"}[rnd.nextInt(4)], host(),
                rnd.nextBoolean() ? -1 : rnd.nextInt(65536), new Parameters(ps));
    }

    /** A message built from typed values, with unknown headers and a body. */
    SipMessage message() {
        List<HeaderField> fs = new ArrayList<>();
        int vias = 1 + rnd.nextInt(3);
        List<Via> vs = new ArrayList<>();
        for (int i = 0; i < vias; i++) {
            vs.add(via());
        }
        String method = METHODS[rnd.nextInt(METHODS.length)];
        NameAddress from = nameAddress(true);
        NameAddress to = nameAddress(rnd.nextBoolean());
        fs.add(new HeaderField("Via", vs.get(0).encode()));
        if (vias > 1) {
            StringBuilder joined = new StringBuilder();
            for (int i = 1; i < vias; i++) {
                joined.append(i > 1 ? ", " : "").append(vs.get(i).encode());
            }
            fs.add(new HeaderField(rnd.nextBoolean() ? "v" : "VIA", joined.toString()));
        }
        fs.add(new HeaderField("Max-Forwards", Integer.toString(rnd.nextInt(256))));
        fs.add(new HeaderField(rnd.nextBoolean() ? "f" : "From", from.encode()));
        fs.add(new HeaderField(rnd.nextBoolean() ? "t" : "To", to.encode()));
        fs.add(new HeaderField("Call-ID", token() + "@" + token()));
        CSeq cseq = new CSeq(rnd.nextInt(Integer.MAX_VALUE), method);
        fs.add(new HeaderField("CSeq", cseq.encode()));
        if (rnd.nextBoolean()) {
            fs.add(new HeaderField("Contact", nameAddress(false).encode() + ", " + nameAddress(false).encode()));
        }
        for (int i = rnd.nextInt(3); i > 0; i--) {
            fs.add(new HeaderField("X-" + token(), from("abc ;,=\"<>:/@é", 0, 20).strip()));
        }
        byte[] body = new byte[rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(300)];
        rnd.nextBytes(body);
        if (body.length > 0) {
            fs.add(new HeaderField("Content-Type", "application/octet-stream"));
        }
        fs.add(new HeaderField("Content-Length", Integer.toString(body.length)));
        dev.sotto.codecs.DecodeResult<SipHeaders> typed = SipHeaders.of(fs);
        if (typed instanceof dev.sotto.codecs.DecodeResult.Malformed<SipHeaders> bad) {
            throw new AssertionError("generated headers do not type: " + bad.condition() + " in "
                    + fs.get((int) bad.offset()).name() + ": " + fs.get((int) bad.offset()).value());
        }
        SipHeaders h = ((dev.sotto.codecs.DecodeResult.Ok<SipHeaders>) typed).value();
        if (rnd.nextInt(3) == 0) {
            int code = 100 + rnd.nextInt(600);
            return new SipResponse(code, from("abc XYZé", 0, 20).strip(), h, body);
        }
        SipUri ruri = sipUri();
        // RFC 3261 §19.1.1: no headers in a Request-URI
        ruri = new SipUri(ruri.secure(), ruri.user(), ruri.password(), ruri.host(), ruri.port(), ruri.params(),
                List.of());
        return new SipRequest(method, ruri, h, body);
    }
}
