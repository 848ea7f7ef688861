package dev.sotto.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sotto-vectors parse otr}, registered through ServiceLoader. */
class OtrParseCommandTest {

    /** The example Data Message of the OTR v3 specification ("Fragmentation"). */
    private static final String SPEC_DATA_MESSAGE = "?OTR:AAMDJ+MVmSfjFZcAAAAAAQAAAAIAAADA1g5IjD1ZGLDVQEyCgCyn9hb"
            + "rL3KAbGDdzE2ZkMyTKl7XfkSxh8YJnudstiB74i4BzT0W2haClg6dMary/jo"
            + "9sMudwmUdlnKpIGEKXWdvJKT+hQ26h9nzMgEditLB8vjPEWAJ6gBXvZrY6ZQ"
            + "rx3gb4v0UaSMOMiR5sB7Eaulb2Yc6RmRnnlxgUUC2alosg4WIeFN951PLjSc"
            + "ajVba6dqlDi+q1H5tPvI5SWMN7PCBWIJ41+WvF+5IAZzQZYgNaVLbAAAAAAA"
            + "AAAEAAAAHwNiIi5Ms+4PsY/L2ipkTtquknfx6HodLvk3RAAAAAA==.";

    @TempDir
    Path tmp;

    private final Catalog catalog = Catalog.serviceLoader(getClass().getClassLoader());

    private CliRun parse(String content) throws IOException {
        return CliRun.run(catalog, "parse", "otr", Files.writeString(tmp.resolve("in.txt"), content).toString());
    }

    @Test
    void specDataMessageIsAcceptedWithItsFields() throws IOException {
        CliRun run = parse(SPEC_DATA_MESSAGE);
        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out);
        assertThat(json.get("message").toString()).contains("\"type\":\"data\"", "\"version\":3", "\"senderKeyId\":1",
                "\"recipientKeyId\":2", "\"senderInstance\":\"27e31599\"", "\"receiverInstance\":\"27e31597\"");
    }

    @Test
    void queryIsAcceptedAndBrokenBase64IsRejectedWithoutEcho() throws IOException {
        CliRun query = parse("?OTRv23?");
        assertThat(query.exitCode).isZero();
        JsonNode message = new ObjectMapper().readTree(query.out).get("message");
        assertThat(message.get("type").asText()).isEqualTo("query");
        assertThat(message.get("versions").toString()).isEqualTo("[2,3]");
        CliRun bad = parse("?OTR:AAMD!secret!.");
        assertThat(bad.exitCode).as(bad.toString()).isEqualTo(1);
        assertThat(bad.out).contains("malformed-base64");
        assertThat(bad.out + bad.err).doesNotContain("secret");
    }
}
