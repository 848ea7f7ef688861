package dev.sotto.vectors.zrtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sotto.codecs.zrtp.KeyAgreementType;
import dev.sotto.engine.event.ZrtpError;
import dev.sotto.engine.event.ZrtpSecureOn;
import dev.sotto.engine.zrtp.InMemoryZidCache;
import dev.sotto.engine.zrtp.ZrtpConfig;
import dev.sotto.engine.zrtp.ZrtpEndpoint;
import dev.sotto.engine.zrtp.ZrtpRole;
import dev.sotto.engine.zrtp.ZrtpSrtpSecrets;
import dev.sotto.engine.zrtp.ZrtpTimers;
import dev.sotto.vectors.peers.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sotto's ZRTP against Debian's libbzrtp over loopback UDP (issue 9, "the bar"): DH3k and X255 in both roles with
 * the same B32 SAS and the same SRTP keys, key continuity across two sessions, tampered DHPart2/Confirm.
 */
class BzrtpInteropIT {

    private static final long TIMEOUT_MS = 8_000;

    @TempDir
    Path dir;

    /** One call: the Java side, the harness, and what both reported. */
    private record Call(UdpZrtpSide java, ZrtpEndpoint endpoint, BzrtpPeer bzrtp) {}

    private Call call(Path harness, InMemoryZidCache cache, String ka, boolean javaInitiates, List<String> extra)
            throws IOException, InterruptedException {
        UdpZrtpSide java = new UdpZrtpSide();
        List<String> args = new ArrayList<>(List.of("peer", "--peer-port", Integer.toString(java.port()), "--cache",
                dir.resolve("bzrtp-cache.sqlite").toString(), "--ka", ka, "--sas", "B32", "--timeout-ms",
                Long.toString(TIMEOUT_MS + 2_000)));
        args.addAll(extra);
        BzrtpPeer bzrtp = new BzrtpPeer(harness, args);
        JsonNode ready = bzrtp.await("ready", 5_000);
        ZrtpConfig config = ZrtpConfig.defaults().withKeyAgreements(List.of(new KeyAgreementType(ka)))
                .withPassive(!javaInitiates);
        ZrtpEndpoint endpoint = ZrtpEndpoint.create(config, cache, 0x50770001L, new SecureRandom(),
                InstantSource.system());
        java.start(endpoint, ready.path("port").asInt());
        return new Call(java, endpoint, bzrtp);
    }

    private static void runToSecure(Call c) throws IOException {
        c.java().runUntil(() -> (c.endpoint().isSecure() || c.endpoint().errorCode().isPresent())
                && (c.bzrtp().event("secure").isPresent() || c.bzrtp().sawStatus("error")), TIMEOUT_MS);
    }

    /** Same SAS, opposite roles, mirrored SRTP keys and salts, same exported key. */
    private static void assertAgree(Call c, String ka, ZrtpRole javaRole) throws InterruptedException {
        assertTrue(c.endpoint().isSecure(), "Java side " + c.endpoint().phase() + " " + c.endpoint().errorCode()
                + "; bzrtp " + c.bzrtp().lines());
        JsonNode secure = c.bzrtp().await("secure", 2_000);
        assertEquals(ka, secure.path("keyAgreement").asText());
        assertEquals("B32", secure.path("sasType").asText());
        assertEquals(secure.path("sas").asText(), c.endpoint().sas().orElseThrow(), "the B32 SAS both sides show");
        assertEquals(javaRole, c.endpoint().role().orElseThrow());
        assertEquals(javaRole == ZrtpRole.INITIATOR ? "responder" : "initiator", secure.path("role").asText());
        ZrtpSrtpSecrets s = c.endpoint().srtpSecrets().orElseThrow();
        JsonNode send = c.bzrtp().events("srtp").stream().filter(n -> n.has("selfKey")).findFirst().orElseThrow();
        JsonNode receive = c.bzrtp().events("srtp").stream().filter(n -> n.has("peerKey")).findFirst().orElseThrow();
        HexFormat hex = HexFormat.of();
        // what bzrtp encrypts with, we decrypt with, and the other way round (RFC 6189 §4.5.3)
        assertEquals(send.path("selfKey").asText(), hex.formatHex(s.remoteKey().bytes()));
        assertEquals(send.path("selfSalt").asText(), hex.formatHex(s.remoteSalt().bytes()));
        assertEquals(receive.path("peerKey").asText(), hex.formatHex(s.localKey().bytes()));
        assertEquals(receive.path("peerSalt").asText(), hex.formatHex(s.localSalt().bytes()));
        JsonNode exported = c.bzrtp().await("exported", 1_000);
        assertEquals(exported.path("key").asText(),
                hex.formatHex(c.endpoint().exportKey(exported.path("label").asText(), 32).orElseThrow().bytes()));
    }

    @ParameterizedTest(name = "{0}, Sotto initiates: {1}")
    @CsvSource({"DH3k,true", "DH3k,false", "X255,true", "X255,false"})
    void handshakeAgreesOnSasAndKeysThenSecondSessionMatchesTheCache(String ka, boolean javaInitiates)
            throws Exception {
        Path harness = Peers.requireNative("bzrtp", "sotto.native.zrtppeer");
        InMemoryZidCache cache = InMemoryZidCache.withRandomZid(new SecureRandom());
        ZrtpRole role = javaInitiates ? ZrtpRole.INITIATOR : ZrtpRole.RESPONDER;
        Call first = call(harness, cache, ka, javaInitiates, List.of("--verify"));
        try (UdpZrtpSide j = first.java(); BzrtpPeer b = first.bzrtp()) {
            runToSecure(first);
            assertAgree(first, ka, role);
            assertFalse(first.endpoint().cacheMatch(), "nothing cached yet");
            assertEquals(0, first.bzrtp().event("secure").orElseThrow().path("verified").asInt());
            j.apply(first.endpoint().sasVerified(true));
            b.await("sasVerified", 2_000);
        }
        Call second = call(harness, cache, ka, javaInitiates, List.of());
        try (UdpZrtpSide j = second.java(); BzrtpPeer b = second.bzrtp()) {
            runToSecure(second);
            assertAgree(second, ka, role);
            JsonNode secure = b.await("secure", 1_000);
            assertTrue(second.endpoint().cacheMatch(), "Sotto found bzrtp's retained secret");
            assertEquals(0, secure.path("cacheMismatch").asInt(), "bzrtp: no cache mismatch");
            // the V flags from the first call came back: only possible when rs1 matched on both sides (§7.1)
            assertEquals(1, secure.path("verified").asInt(), "bzrtp: SAS verified in a previous session");
            assertTrue(second.endpoint().peerSasVerified());
            assertTrue(j.events(ZrtpSecureOn.class).get(0).verified());
        }
    }

    /**
     * bzrtp tampers one of its own messages (CRC recomputed): Sotto must refuse it with the §5.9 code and key
     * nothing. bzrtp 5.1 signals no abort through its API (an Error message it receives is refused by
     * bzrtp_processMessage and its channel stays "ongoing"), so on its side the abort shows as: it never goes
     * secure and never starts SRTP.
     */
    @ParameterizedTest(name = "{0}, bzrtp tampers {1}, Sotto initiates: {2}")
    @CsvSource({"DH3k,DHPart2,false,98", "X255,DHPart2,false,98", "DH3k,Confirm,true,112",
            "X255,Confirm,false,112"})
    void messageTamperedByBzrtpAbortsBothSides(String ka, String tamper, boolean javaInitiates, int code)
            throws Exception {
        Path harness = Peers.requireNative("bzrtp", "sotto.native.zrtppeer");
        InMemoryZidCache cache = InMemoryZidCache.withRandomZid(new SecureRandom());
        Call c = call(harness, cache, ka, javaInitiates, List.of("--tamper", tamper));
        try (UdpZrtpSide j = c.java(); BzrtpPeer b = c.bzrtp()) {
            j.runUntil(() -> c.endpoint().errorCode().isPresent(), TIMEOUT_MS);
            j.runUntil(() -> false, 1_000); // bzrtp's retransmissions keep arriving; neither side may go secure
            b.await("tampered", 1_000);
            assertFalse(c.endpoint().isSecure());
            assertEquals(code, c.endpoint().errorCode().orElseThrow(), "Error code of RFC 6189 §5.9");
            assertEquals(code, j.events(ZrtpError.class).get(0).code());
            assertTrue(c.endpoint().srtpSecrets().isEmpty(), "no SRTP keys from a broken exchange");
            assertTrue(j.events(ZrtpSecureOn.class).isEmpty());
            assertTrue(b.event("secure").isEmpty(), "bzrtp must not go secure: " + b.lines());
            assertFalse(b.sawStatus("secure"));
        }
    }

    /**
     * Sotto's own DHPart2 or Confirm2 is altered on the wire (CRC recomputed): bzrtp refuses it (processMessage
     * fails for that message type) and never goes secure; Sotto, as initiator, gets no answer and ends with the
     * protocol timeout of §6 (Error 0xB0), so no side keys media.
     */
    @ParameterizedTest(name = "{0}, Sotto's {1} altered")
    @CsvSource({"DH3k,DHPart2", "X255,DHPart2", "X255,Confirm2"})
    void messageTamperedOnTheWayToBzrtpAbortsBothSides(String ka, String typeName) throws Exception {
        String type = String.format("%-8s", typeName); // the 8-octet type block, space padded (§5.1.1)
        Path harness = Peers.requireNative("bzrtp", "sotto.native.zrtppeer");
        InMemoryZidCache cache = InMemoryZidCache.withRandomZid(new SecureRandom());
        UdpZrtpSide side = new UdpZrtpSide();
        side.tamper = packet -> {
            if (new String(packet, 16, 8, StandardCharsets.US_ASCII).equals(type)) {
                packet[12 + (type.startsWith("DH") ? 86 : 40)] ^= 0x5A;
                UdpZrtpSide.recomputeCrc(packet);
            }
            return packet;
        };
        BzrtpPeer bzrtp = new BzrtpPeer(harness, List.of("peer", "--peer-port", Integer.toString(side.port()),
                "--ka", ka, "--timeout-ms", "8000"));
        try (UdpZrtpSide j = side; BzrtpPeer b = bzrtp) {
            JsonNode ready = b.await("ready", 5_000);
            // a short T2 schedule so the initiator gives up quickly: 50 ms doubling to 200 ms, 5 retransmissions
            ZrtpConfig config = ZrtpConfig.defaults().withKeyAgreements(List.of(new KeyAgreementType(ka)))
                    .withTimers(new ZrtpTimers(50_000_000L, 200_000_000L, 20, 50_000_000L, 200_000_000L, 5));
            ZrtpEndpoint endpoint = ZrtpEndpoint.create(config, cache, 0x50770002L, new SecureRandom(),
                    InstantSource.system());
            j.start(endpoint, ready.path("port").asInt());
            j.runUntil(() -> endpoint.errorCode().isPresent() || endpoint.isSecure(), TIMEOUT_MS);
            assertEquals(ZrtpRole.INITIATOR, endpoint.role().orElse(ZrtpRole.INITIATOR));
            assertFalse(endpoint.isSecure());
            assertEquals(0xB0, endpoint.errorCode().orElseThrow(), "protocol timeout (§5.9, §6)");
            assertTrue(endpoint.srtpSecrets().isEmpty());
            assertTrue(b.events("processMessage").stream().anyMatch(n -> n.path("type").asText().equals(type)),
                    "bzrtp refused the altered " + type + ": " + b.lines());
            assertTrue(b.event("secure").isEmpty(), "bzrtp must not go secure: " + b.lines());
        }
    }
}
