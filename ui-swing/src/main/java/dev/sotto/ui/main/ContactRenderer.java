package dev.sotto.ui.main;

import java.awt.BorderLayout;
import java.awt.Component;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.ListCellRenderer;
import javax.swing.UIManager;

/** A contact: presence dot and name, the status text under it, the unread badge on the right. */
final class ContactRenderer extends JPanel implements ListCellRenderer<ContactRow> {
    private static final long serialVersionUID = 1L;

    private final JLabel name = new JLabel();
    private final JLabel status = new JLabel();
    private final JLabel badge = new JLabel();
    private final boolean showAccount;

    ContactRenderer(boolean showAccount) {
        super(new BorderLayout(6, 0));
        this.showAccount = showAccount;
        setBorder(BorderFactory.createEmptyBorder(3, 6, 3, 6));
        JPanel text = new JPanel(new BorderLayout());
        text.setOpaque(false);
        text.add(name, BorderLayout.NORTH);
        text.add(status, BorderLayout.SOUTH);
        status.putClientProperty("FlatLaf.styleClass", "small");
        badge.putClientProperty("FlatLaf.style", "arc: 999; border: 1,6,1,6");
        badge.setOpaque(true);
        add(text, BorderLayout.CENTER);
        add(badge, BorderLayout.EAST);
    }

    @Override
    public Component getListCellRendererComponent(JList<? extends ContactRow> list, ContactRow row, int index,
            boolean selected, boolean focused) {
        ContactRow.Presence p = row.best();
        name.setIcon(new PresenceIcon(p.show()));
        name.setText(row.displayName());
        String where = showAccount ? " \u00b7 " + row.conversation().account() : "";
        String text = p.status().isEmpty() ? p.show().name().toLowerCase(java.util.Locale.ROOT) : p.status();
        status.setText(text + where + (row.inRoster() ? "" : " \u00b7 not in contacts"));
        badge.setVisible(row.unread() > 0);
        badge.setText(Integer.toString(row.unread()));
        badge.setBackground(UIManager.getColor("Component.accentColor") != null
                ? UIManager.getColor("Component.accentColor") : UIManager.getColor("List.selectionBackground"));
        badge.setForeground(java.awt.Color.WHITE);
        setBackground(selected ? list.getSelectionBackground() : list.getBackground());
        name.setForeground(selected ? list.getSelectionForeground() : list.getForeground());
        status.setForeground(selected ? list.getSelectionForeground() : UIManager.getColor("Label.disabledForeground"));
        return this;
    }
}
