package dev.sotto.vectors.srtp;

import dev.sotto.engine.srtp.SrtpConfig;
import dev.sotto.engine.srtp.SrtpCryptoContext;
import dev.sotto.engine.srtp.SrtpKeyDerivation;
import dev.sotto.engine.srtp.SrtpProfile;
import dev.sotto.engine.srtp.SrtpSessionKeys;
import dev.sotto.engine.srtp.SrtpStatus;
import dev.sotto.vectors.spi.CaseResult;
import dev.sotto.vectors.spi.VectorSource;
import dev.sotto.vectors.spi.VectorSuite;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sotto-vectors validate --suite srtp}: the SRTP vectors of RFC 3711 Appendix B.2 and B.3, RFC 6188
 * §7.1 and §7.2 and RFC 7714 §16 and §17, from the files in {@code vectors/srtp/}.
 */
public final class SrtpVectorSuite implements VectorSuite {

    static final List<String> FILES = List.of(
            "rfc3711-b2-aes-cm-keystream.txt",
            "rfc3711-b3-key-derivation.txt",
            "rfc6188-7.1-aes256-cm-keystream.txt",
            "rfc6188-7.2-aes256-cm-prf.txt",
            "rfc7714-16.1-srtp-aead-aes-128-gcm.txt",
            "rfc7714-16.2-srtp-aead-aes-256-gcm.txt",
            "rfc7714-17.1-srtcp-aead-aes-128-gcm.txt",
            "rfc7714-17.2-srtcp-aead-aes-256-gcm.txt",
            "rfc7714-17.3-srtcp-aead-aes-128-gcm-tag-only.txt",
            "rfc7714-17.4-srtcp-aead-aes-256-gcm-tag-only.txt");

    @Override
    public String name() {
        return "srtp";
    }

    @Override
    public String source() {
        return "RFC 3711 App. B, RFC 6188 §7, RFC 7714 §16-17";
    }

    @Override
    public List<CaseResult> run(VectorSource vectors) throws Exception {
        List<CaseResult> results = new ArrayList<>();
        for (String file : FILES) {
            Map<String, String> v = parse(new String(vectors.read("srtp/" + file), StandardCharsets.UTF_8));
            String id = file.substring(0, file.length() - 4);
            switch (v.getOrDefault("type", "")) {
                case "keystream" -> keystream(id, v, results);
                case "kdf" -> kdf(id, v, results);
                case "srtp" -> packet(id, v, false, results);
                case "srtcp" -> packet(id, v, true, results);
                default -> results.add(CaseResult.fail(id, "unknown vector type"));
            }
        }
        return results;
    }

    /** {@code name: value} lines, '#' comments, indented continuation lines. */
    static Map<String, String> parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        String last = null;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && last != null) {
                fields.put(last, fields.get(last) + line.trim());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            last = line.substring(0, colon).trim();
            fields.put(last, line.substring(colon + 1).trim());
        }
        return fields;
    }

    private static byte[] hex(Map<String, String> v, String key) {
        return HexFormat.of().parseHex(v.get(key).replace(" ", ""));
    }

    private static void keystream(String id, Map<String, String> v, List<CaseResult> results) {
        byte[] segment = SrtpKeyDerivation.derive(hex(v, "key"), hex(v, "salt"), 0,
                Integer.parseInt(v.get("segment-length")));
        for (Map.Entry<String, String> e : v.entrySet()) {
            if (e.getKey().startsWith("block-")) {
                int block = Integer.parseInt(e.getKey().substring(6), 16);
                byte[] got = Arrays.copyOfRange(segment, block * 16, block * 16 + 16);
                results.add(check(id + "/" + e.getKey(), got, hex(v, e.getKey())));
            }
        }
    }

    private static void kdf(String id, Map<String, String> v, List<CaseResult> results) {
        for (String key : v.keySet()) {
            if (key.startsWith("label-")) {
                byte[] expected = hex(v, key);
                byte[] got = SrtpKeyDerivation.derive(hex(v, "master-key"), hex(v, "master-salt"),
                        Integer.parseInt(key.substring(6), 16), expected.length);
                results.add(check(id + "/" + key, got, expected));
            }
        }
    }

    private static void packet(String id, Map<String, String> v, boolean rtcp, List<CaseResult> results) {
        SrtpProfile profile = SrtpProfile.valueOf(v.get("profile"));
        byte[] key = hex(v, "session-key");
        byte[] salt = hex(v, "session-salt");
        SrtpConfig config = SrtpConfig.DEFAULT.withEncryptSrtcp(!"false".equals(v.get("encrypt")));
        byte[] plain = hex(v, "plain");
        byte[] expected = hex(v, "protected");

        SrtpCryptoContext sender = SrtpCryptoContext.fromSessionKeys(profile,
                new SrtpSessionKeys(key, salt, new byte[0], key, salt, new byte[0]), config);
        ByteBuf out = Unpooled.buffer().writeBytes(plain);
        SrtpStatus s;
        if (rtcp) {
            sender.startOutboundRtcp(out.getInt(4), Integer.parseInt(v.get("index"), 16));
            s = sender.protectRtcp(out);
        } else {
            s = sender.protectRtp(out);
        }
        results.add(s != SrtpStatus.OK ? CaseResult.fail(id + "/protect", s.name())
                : check(id + "/protect", ByteBufUtil.getBytes(out), expected));

        SrtpCryptoContext receiver = SrtpCryptoContext.fromSessionKeys(profile,
                new SrtpSessionKeys(key, salt, new byte[0], key, salt, new byte[0]), config);
        ByteBuf in = Unpooled.buffer().writeBytes(expected);
        s = rtcp ? receiver.unprotectRtcp(in) : receiver.unprotectRtp(in);
        results.add(s != SrtpStatus.OK ? CaseResult.fail(id + "/unprotect", s.name())
                : check(id + "/unprotect", ByteBufUtil.getBytes(in), plain));
    }

    private static CaseResult check(String id, byte[] got, byte[] expected) {
        if (Arrays.equals(got, expected)) {
            return CaseResult.pass(id);
        }
        // Vectors are public: naming the values is allowed (CaseResult).
        return CaseResult.fail(id, "expected " + HexFormat.of().formatHex(expected) + ", got " + HexFormat.of().formatHex(got));
    }
}
