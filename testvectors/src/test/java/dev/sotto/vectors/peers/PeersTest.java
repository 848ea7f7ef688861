package dev.sotto.vectors.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class PeersTest {

  @TempDir
  Path dir;

  @Test
  void readsOnlyThePeersOwnKeysWithoutPrefix() throws IOException {
    Path file = write("prosody.host=127.0.0.1\nprosody.c2s.port=25222\nprosody.users=alice:alice-pass,bob:bob-pass\n"
        + "prosodyx.host=10.0.0.1\nlibotr.bin=/tmp/otr\n");

    PeerInfo info = Peers.require("prosody", file, true);

    assertThat(info.name()).isEqualTo("prosody");
    assertThat(info.host()).isEqualTo("127.0.0.1");
    assertThat(info.intValue("c2s.port")).isEqualTo(25222);
    assertThat(info.properties()).containsOnlyKeys("host", "c2s.port", "users");
    assertThat(info.toString()).doesNotContain("alice-pass");
    assertThatThrownBy(() -> info.get("s2s.port")).hasMessageContaining("prosody.s2s.port");
  }

  @Test
  void acceptsAPeerWhoseProbePortListens() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path file = write("prosody.probe.tcp=127.0.0.1:" + server.getLocalPort() + "\n");

      assertThat(Peers.require("prosody", file, true).get("probe.tcp")).endsWith(":" + server.getLocalPort());
    }
  }

  @Test
  void missingFileSkipsUnlessPeersAreRequired() {
    Path file = dir.resolve("absent.properties");

    assertThatThrownBy(() -> Peers.require("prosody", file, false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("peer prosody is not running")
        .hasMessageContaining("testvectors/peers/test-all.sh")
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> Peers.require("prosody", file, true))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("peer prosody is not running")
        .hasMessageContaining("SOTTO_REQUIRE_PEERS=1");
    assertThatThrownBy(() -> Peers.require("prosody", null, true))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("sotto.peers.file");
  }

  @Test
  void fileWithoutThePeersKeysMeansNotRunning() throws IOException {
    Path file = write("libotr.bin=/tmp/otr\n");

    assertThatThrownBy(() -> Peers.require("prosody", file, true))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("has no prosody.* keys");
  }

  @Test
  void closedProbePortMeansNotRunning() throws IOException {
    int port;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = server.getLocalPort();
    }
    Path file = write("prosody.host=127.0.0.1\nprosody.probe.tcp=127.0.0.1:" + port + "\n");

    assertThatThrownBy(() -> Peers.require("prosody", file, false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("nothing accepts TCP connections on 127.0.0.1:" + port);
  }

  private Path write(String content) throws IOException {
    return Files.writeString(dir.resolve("peers.properties"), content, StandardCharsets.UTF_8);
  }

  @Test
  void nativeHarnessIsReturnedWhenExecutableAndSkippedOrFailedOtherwise() throws IOException {
    Path harness = dir.resolve("otrpeer");
    Files.writeString(harness, "#!/bin/sh\n");
    harness.toFile().setExecutable(true);

    assertThat(Peers.requireNative("libotr", harness.toString(), true)).isEqualTo(harness);
    assertThatThrownBy(() -> Peers.requireNative("libotr", dir.resolve("absent").toString(), false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("native peer libotr is not available");
    assertThatThrownBy(() -> Peers.requireNative("libotr", null, true))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("SOTTO_REQUIRE_PEERS=1");
  }

  @Test
  void toolIsFoundOnThePathAndSkippedOrFailedOtherwise() throws IOException {
    Path tool = dir.resolve("tshark");
    Files.writeString(tool, "#!/bin/sh\n");
    tool.toFile().setExecutable(true);

    String path = dir.resolve("nowhere") + java.io.File.pathSeparator + dir;
    assertThat(Peers.requireTool("tshark", path, true)).isEqualTo(tool);
    assertThatThrownBy(() -> Peers.requireTool("tshark", dir.resolve("nowhere").toString(), false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("tshark");
    assertThatThrownBy(() -> Peers.requireTool("tshark", null, true))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("SOTTO_REQUIRE_PEERS=1");
  }
}
