package dev.sotto.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parse rtp|rtcp} and {@code validate --suite srtp} through the real ServiceLoader registrations. */
class RtpSrtpCliTest {

    @TempDir Path tmp;

    private final Catalog catalog = Catalog.serviceLoader(getClass().getClassLoader());
    private final ObjectMapper mapper = new ObjectMapper();

    private Path file(String name, String hex) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, HexFormat.of().parseHex(hex.replace(" ", "")));
        return p;
    }

    @Test
    void parseRtpPrintsTheHeader() throws Exception {
        // RFC 7714 §16's packet.
        Path p = file("rtp.bin", "8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976"
                + " 69736120 696e2070 61727465 73207472 6573");
        CliRun run = CliRun.run(catalog, "parse", "rtp", p.toString());
        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode json = mapper.readTree(run.out);
        JsonNode message = json.has("message") ? json.get("message") : json;
        assertThat(message.get("payloadType").asInt()).as(run.out).isEqualTo(64);
        assertThat(message.get("sequenceNumber").asInt()).isEqualTo(0xf17b);
        assertThat(message.get("ssrc").asLong()).isEqualTo(0x5501a0b2L);
        assertThat(message.get("payloadLength").asInt()).isEqualTo(38);
    }

    @Test
    void parseRtpRejectsWithConditionAndOffset() throws Exception {
        CliRun run = CliRun.run(catalog, "parse", "rtp", file("bad.bin", "40 00 0001 00000002 00000003").toString());
        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        JsonNode json = mapper.readTree(run.out.isBlank() ? run.err : run.out);
        assertThat(json.get("error").asText()).isEqualTo("bad-version");
        assertThat(json.get("offset").asLong()).isZero();
    }

    @Test
    void parseRtcpPrintsEachPacket() throws Exception {
        Path p = file("rtcp.bin", "80c90001 00000001 81ca0003 00000001 0102 6162 00 000000 81cb0002 00000001 03 627965");
        CliRun run = CliRun.run(catalog, "parse", "rtcp", p.toString());
        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode json = mapper.readTree(run.out);
        JsonNode message = json.has("message") ? json.get("message") : json;
        JsonNode packets = message.get("packets");
        assertThat(packets.size()).as(run.out).isEqualTo(3);
        assertThat(packets.get(0).get("type").asText()).isEqualTo("RR");
        assertThat(packets.get(1).get("chunks").get(0).get("items").get(0).get("value").asText()).isEqualTo("ab");
        assertThat(packets.get(2).get("reason").asText()).isEqualTo("bye");
    }

    @Test
    void validateRunsTheSrtpSuiteFromResourcesAndFromTheDirectory() {
        CliRun run = CliRun.run(catalog, "validate", "--suite", "srtp");
        assertThat(run.exitCode).as(run.toString()).isZero();
        // 6 keystream blocks x 2 files + 3 labels x 2 files + 6 packet files x (protect, unprotect) = 30 cases.
        assertThat(run.out).as(run.toString()).containsPattern("srtp\\s+RFC 3711 App\\. B.*\\s+30\\s+30\\s+0");

        CliRun fromDir = CliRun.run(catalog, "validate", "--suite", "srtp", "--dir", Path.of("vectors").toAbsolutePath().toString());
        assertThat(fromDir.exitCode).as(fromDir.toString()).isZero();
    }
}
