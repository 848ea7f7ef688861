package dev.sotto.vectors.zrtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A minimal libpcap file (the classic format: magic 0xa1b2c3d4, version 2.4, LINKTYPE_ETHERNET) of UDP/IPv4
 * datagrams, written by hand so a capture needs no capture privileges.
 */
final class PcapWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int frames;

    PcapWriter() {
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65_535).putInt(1);
        out.writeBytes(h.array());
    }

    /** One Ethernet/IPv4/UDP frame from 127.0.0.1:srcPort to 127.0.0.1:dstPort; UDP checksum 0 (none, RFC 768). */
    PcapWriter udp(int srcPort, int dstPort, byte[] payload) {
        ByteBuffer udp = ByteBuffer.allocate(8 + payload.length);
        udp.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0)
                .put(payload);
        ByteBuffer ip = ByteBuffer.allocate(20);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + udp.capacity())).putShort((short) frames)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
        byte[] iph = ip.array();
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += (iph[i] & 0xFF) << 8 | (iph[i + 1] & 0xFF);
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        iph[10] = (byte) (~sum >>> 8);
        iph[11] = (byte) ~sum;
        ByteBuffer eth = ByteBuffer.allocate(14 + 20 + udp.capacity());
        eth.put(new byte[] {2, 0, 0, 0, 0, 2}).put(new byte[] {2, 0, 0, 0, 0, 1}).putShort((short) 0x0800).put(iph)
                .put(udp.array());
        ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt(1_700_000_000 + frames).putInt(0).putInt(eth.capacity()).putInt(eth.capacity());
        out.writeBytes(rec.array());
        out.writeBytes(eth.array());
        frames++;
        return this;
    }

    void write(Path file) throws IOException {
        Files.write(file, out.toByteArray());
    }
}
