package dev.sotto.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parse zrtp} through the real ServiceLoader registration. */
class ZrtpCliTest {

    @TempDir Path tmp;

    private final Catalog catalog = Catalog.serviceLoader(getClass().getClassLoader());
    private final ObjectMapper mapper = new ObjectMapper();

    /** RFC 6189 Figure 2 around {@code messageHex}, CRC-32C least significant octet first (RFC 4960 App. B). */
    private Path packet(String name, String messageHex) throws Exception {
        byte[] body = HexFormat.of().parseHex(("10000007 5a525450 0badcafe" + messageHex).replace(" ", ""));
        CRC32C c = new CRC32C();
        c.update(body);
        long crc = c.getValue();
        byte[] out = java.util.Arrays.copyOf(body, body.length + 4);
        for (int i = 0; i < 4; i++) {
            out[body.length + i] = (byte) (crc >>> (8 * i));
        }
        Path p = tmp.resolve(name);
        Files.write(p, out);
        return p;
    }

    private static JsonNode message(JsonNode json) {
        return json.has("message") && json.get("message").has("type") ? json.get("message") : json;
    }

    @Test
    void parseZrtpPrintsAnError() throws Exception {
        // Figure 12: Error with code 0x61 (DH Error: bad pvi or pvr).
        Path p = packet("error.bin", "505a0004 4572726f72202020 00000061");
        CliRun run = CliRun.run(catalog, "parse", "zrtp", p.toString());
        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode m = message(mapper.readTree(run.out));
        assertThat(m.get("type").asText()).as(run.out).isEqualTo("Error");
        assertThat(m.get("sequenceNumber").asInt()).isEqualTo(7);
        assertThat(m.get("ssrc").asLong()).isEqualTo(0x0badcafeL);
        assertThat(m.get("message").get("code").asLong()).isEqualTo(0x61);
        assertThat(m.get("message").get("meaning").asText()).isEqualTo("DH_BAD_PUBLIC_VALUE");
    }

    @Test
    void parseZrtpPrintsHelloAlgorithms() throws Exception {
        String hello = "505a0019 48656c6c6f202020 312e3130" + "53 6f 74 74 6f 20 20 20 20 20 20 20 20 20 20 20"
                + "00".repeat(32) + "11".repeat(12) + "00010011" + "53323536" + "44483366" + "42333220"
                + "00".repeat(8);
        // hc=1 cc=0 ac=0 kc=1 sc=1: S256, "DH3f" (unknown, kept), "B32 ".
        CliRun run = CliRun.run(catalog, "parse", "zrtp", packet("hello.bin", hello).toString());
        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode m = message(mapper.readTree(run.out)).get("message");
        assertThat(m.get("hashes").get(0).asText()).isEqualTo("S256");
        assertThat(m.get("keyAgreements").get(0).asText()).isEqualTo("DH3f");
        assertThat(m.get("sasTypes").get(0).asText()).isEqualTo("B32 ");
        assertThat(m.get("clientId").asText()).isEqualTo("Sotto           ");
    }

    @Test
    void parseZrtpRejectsABadCrcWithConditionAndOffset() throws Exception {
        Path good = packet("ack.bin", "505a0003 48656c6c6f41434b");
        byte[] bytes = Files.readAllBytes(good);
        bytes[bytes.length - 1] ^= 0x01;
        Path bad = tmp.resolve("bad.bin");
        Files.write(bad, bytes);
        CliRun run = CliRun.run(catalog, "parse", "zrtp", bad.toString());
        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        JsonNode json = mapper.readTree(run.out.isBlank() ? run.err : run.out);
        assertThat(json.get("error").asText()).isEqualTo("bad-crc");
        assertThat(json.get("offset").asLong()).isEqualTo(bytes.length - 4);
    }
}
