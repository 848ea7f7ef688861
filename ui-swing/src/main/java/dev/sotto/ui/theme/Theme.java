package dev.sotto.ui.theme;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import javax.swing.SwingUtilities;

/** The two FlatLaf themes. FlatLaf scales with the screen, so both are HiDPI-clean as long as we paint vectors. */
public enum Theme {
    LIGHT, DARK;

    /** Installs this theme; on the event dispatch thread. Windows already showing are updated too. */
    public void install() {
        if (!SwingUtilities.isEventDispatchThread()) {
            throw new IllegalStateException("themes are installed on the event dispatch thread");
        }
        if (this == DARK) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
        FlatLaf.updateUI();
    }

    /** The theme currently installed. */
    public static Theme installed() {
        return FlatLaf.isLafDark() ? DARK : LIGHT;
    }
}
