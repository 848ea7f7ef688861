package dev.sotto.engine.otr;

import dev.sotto.codecs.otr.Tlv;
import java.util.List;

/** The next SMP state, TLVs to send, and notices for the user. */
record SmpStep(SmpState next, List<Tlv> send, List<OtrNotice> notices) {

    static SmpStep of(SmpState next, List<Tlv> send, OtrNotice... notices) {
        return new SmpStep(next, send, List.of(notices));
    }
}
