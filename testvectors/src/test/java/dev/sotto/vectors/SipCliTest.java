package dev.sotto.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parse sip}, {@code parse sdp} and {@code validate --suite sip-torture} through the shipped providers. */
class SipCliTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final Catalog catalog = Catalog.serviceLoader(getClass().getClassLoader());

    @TempDir
    Path tmp;

    private String vector(String path) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("vectors/" + path)) {
            Path f = tmp.resolve(path.replace('/', '_'));
            Files.write(f, in.readAllBytes());
            return f.toString();
        }
    }

    @Test
    void parseSipPrintsEveryHeaderAndTheTypedModel() throws IOException {
        CliRun run = CliRun.run(catalog, "parse", "sip", vector("sip/rfc4475/esc01.dat"));
        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode m = mapper.readTree(run.out).get("message");
        assertThat(m.get("method").asText()).isEqualTo("INVITE");
        assertThat(m.get("requestUri").get("userDecoded").asText()).isEqualTo("sips:user@example.com");
        assertThat(m.get("headers")).hasSize(9);
        assertThat(m.get("typed").get("from").get("uri").get("userDecoded").asText()).isEqualTo("I have spaces");
        assertThat(m.get("body").get("sdp").get("media")).hasSize(2);
    }

    @Test
    void parseSipListsToleratedViolations() throws IOException {
        CliRun run = CliRun.run(catalog, "parse", "sip", vector("sip/rfc5118/via-received-param-with-delim"));
        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode r = mapper.readTree(run.out);
        assertThat(r.get("violations").toString()).contains("bracketed-via-received", "bare-lf-line-endings");
    }

    @Test
    void parseSipRejectsWithTheCondition() throws IOException {
        CliRun run = CliRun.run(catalog, "parse", "sip", vector("sip/rfc4475/badinv01.dat"));
        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        assertThat(mapper.readTree(run.out).get("error").asText()).isEqualTo("bad-header-value:Via");
    }

    @Test
    void parseSdpHidesSrtpKeys() throws IOException {
        String sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + "m=audio 5004 RTP/SAVP 0\r\n"
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32\r\n";
        Path f = Files.writeString(tmp.resolve("offer.sdp"), sdp);
        CliRun run = CliRun.run(catalog, "parse", "sdp", f.toString());
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).doesNotContain("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR");
        JsonNode crypto = mapper.readTree(run.out).get("message").get("media").get(0).get("crypto").get(0);
        assertThat(crypto.get("suite").asText()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        assertThat(crypto.get("keyParams").get(0).get("keySaltLength").asInt()).isEqualTo(30);
    }

    @Test
    void validateRunsTheTortureSuite() {
        CliRun run = CliRun.run(catalog, "validate", "--suite", "sip-torture");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).containsPattern("sip-torture\\s+.*\\s+62\\s+62\\s+0");
    }
}
