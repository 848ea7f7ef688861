package dev.sotto.codecs.otr;

/**
 * Every limit the OTR decoders enforce, in one place (DESIGN.md, Decoders). The defaults are far above
 * what a conforming peer sends (a 1536-bit MPI is 192 bytes, a DSA-1024 public key about 430) and far
 * below what could exhaust memory.
 *
 * @param maxMessageChars  longest OTR text message (after reassembly) accepted
 * @param maxMpiBytes      longest MPI value
 * @param maxDataBytes     longest DATA field
 * @param maxTlvs          most TLV records in one plaintext
 * @param maxSmpMpis       most MPIs in one SMP TLV
 * @param maxFragments     largest fragment count n accepted
 */
public record OtrLimits(int maxMessageChars, int maxMpiBytes, int maxDataBytes, int maxTlvs, int maxSmpMpis,
        int maxFragments) {

    /** Limits for normal use. */
    public static final OtrLimits DEFAULT = new OtrLimits(256 * 1024, 1024, 128 * 1024, 64, 16, 4096);
}
