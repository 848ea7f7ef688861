package dev.sotto.ui.main;

import com.formdev.flatlaf.util.UIScale;
import dev.sotto.engine.xmpp.PresenceShow;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.swing.Icon;

/**
 * A presence dot painted as a vector shape at the current UI scale, so it stays sharp on HiDPI screens
 * (no bitmaps to scale). Away and extended away are hollow so the states differ without colour too.
 */
public final class PresenceIcon implements Icon {
    private static final int SIZE = 12;

    private final PresenceShow show;

    public PresenceIcon(PresenceShow show) {
        this.show = show;
    }

    public PresenceShow show() {
        return show;
    }

    @Override
    public void paintIcon(Component c, Graphics g, int x, int y) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int d = UIScale.scale(SIZE - 2);
            int o = UIScale.scale(1);
            g2.setColor(color());
            switch (show) {
                case AWAY, XA -> {
                    g2.setStroke(new BasicStroke(UIScale.scale(2f)));
                    g2.drawOval(x + o + 1, y + o + 1, d - 2, d - 2);
                }
                case UNAVAILABLE -> {
                    g2.setStroke(new BasicStroke(UIScale.scale(1f)));
                    g2.drawOval(x + o, y + o, d, d);
                }
                default -> g2.fillOval(x + o, y + o, d, d);
            }
        } finally {
            g2.dispose();
        }
    }

    private Color color() {
        return switch (show) {
            case AVAILABLE, CHAT -> new Color(0x2E, 0xA0, 0x43);
            case AWAY -> new Color(0xE0, 0xA0, 0x00);
            case XA -> new Color(0xC0, 0x70, 0x00);
            case DND -> new Color(0xD0, 0x30, 0x30);
            case UNAVAILABLE -> Color.GRAY;
        };
    }

    @Override
    public int getIconWidth() {
        return UIScale.scale(SIZE);
    }

    @Override
    public int getIconHeight() {
        return UIScale.scale(SIZE);
    }
}
