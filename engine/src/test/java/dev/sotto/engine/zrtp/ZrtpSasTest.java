package dev.sotto.engine.zrtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.zrtp.SasType;
import org.junit.jupiter.api.Test;

/** RFC 6189 §5.1.6 renderings, expectations worked out by hand from the alphabet and the word list. */
class ZrtpSasTest {

    @Test
    void base32OfHandComputedValues() {
        // Leftmost 20 bits 00001 00010 00011 00100 = quintets 1,2,3,4 → alphabet[1..4] = b n d r.
        assertThat(ZrtpSas.base32(0x08864000)).isEqualTo("bndr");
        // The low 12 bits are not rendered.
        assertThat(ZrtpSas.base32(0x08864FFF)).isEqualTo("bndr");
        assertThat(ZrtpSas.base32(0x00000000)).isEqualTo("yyyy");
        assertThat(ZrtpSas.base32(0xFFFFF000)).isEqualTo("9999");
        // 11111 00000 00000 00000 → 31,0,0,0.
        assertThat(ZrtpSas.base32(0xF8000000)).isEqualTo("9yyy");
        // 00000 00000 00000 11111 → 0,0,0,31: bits 16..12.
        assertThat(ZrtpSas.base32(0x0001F000)).isEqualTo("yyy9");
        // 10000 01000 00100 00010 → 16,8,4,2 → o e r n.
        assertThat(ZrtpSas.render(SasType.B32, 0x82082000)).isEqualTo("oern");
    }

    @Test
    void sasValueIsTheLeftmost32BitsOfSashash() {
        byte[] sashash = new byte[32];
        sashash[0] = (byte) 0xE5;
        sashash[1] = (byte) 0x82;
        sashash[2] = 0x01;
        sashash[3] = 0x02;
        sashash[4] = (byte) 0xFF;
        assertThat(ZrtpSas.sasValue(sashash)).isEqualTo(0xE5820102);
    }

    @Test
    void pgpWordsEvenForTheFirstOctetOddForTheSecond() {
        // pgp-wordlist.txt lines "E5 topmost travesty" and "82 miser Istanbul".
        assertThat(ZrtpSas.pgpWords(0xE5820102)).containsExactly("topmost", "Istanbul");
        // "00 aardvark adroitness", "FF Zulu Yucatan".
        assertThat(ZrtpSas.render(SasType.B256, 0x00FF0000)).isEqualTo("aardvark Yucatan");
        assertThat(ZrtpSas.render(SasType.B256, 0xFF00FFFF)).isEqualTo("Zulu adroitness");
        // "0A allow Apollo", "B3 scallion pocketful".
        assertThat(ZrtpSas.render(SasType.B256, 0x0AB30000)).isEqualTo("allow pocketful");
        assertThat(ZrtpSas.render(SasType.B256, 0xB30A0000)).isEqualTo("scallion Apollo");
    }

    @Test
    void embeddedWordListHas512DistinctWords() {
        java.util.Set<String> words = new java.util.HashSet<>();
        for (int b = 0; b < 256; b++) {
            String[] w = ZrtpSas.pgpWords(b << 24 | b << 16);
            words.add(w[0]);
            words.add(w[1]);
        }
        // pgp-wordlist.txt (specs/INDEX.md): 256 lines, 512 distinct words; line 00 and line FF as listed there.
        assertThat(words).hasSize(512);
        assertThat(ZrtpSas.pgpWords(0x0000_0000)).containsExactly("aardvark", "adroitness");
        assertThat(ZrtpSas.pgpWords(0xFFFF_0000)).containsExactly("Zulu", "Yucatan");
    }
}
