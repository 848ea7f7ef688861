package dev.sotto.ui.start;

import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import dev.sotto.persistence.vault.VaultBusyException;
import dev.sotto.persistence.vault.WrongPassphraseException;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JProgressBar;
import javax.swing.SwingWorker;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * The first screen: creates the vault on first run (passphrase twice, a strength hint) or unlocks it
 * (a wrong passphrase shows a message and lets the user retry). Argon2id and the replay run on a
 * {@link SwingWorker}; the window keeps painting and shows progress.
 */
public final class StartPanel<S> extends JPanel {
    private static final long serialVersionUID = 1L;

    public static final String PASSPHRASE = "passphrase";
    public static final String REPEAT = "passphraseRepeat";
    public static final String STRENGTH = "strength";
    public static final String SUBMIT = "submit";
    public static final String STATUS = "status";
    public static final String PROGRESS = "progress";

    public static final String WRONG_PASSPHRASE = "Wrong passphrase. Please try again.";
    public static final String MISMATCH = "The two passphrases differ.";

    private final Path dir;
    private final boolean create;
    private final KdfParams kdf;
    private final transient SessionLoader<S> loader;
    private final transient Consumer<S> onLoaded;

    private final JPasswordField passphrase = new JPasswordField(24);
    private final JPasswordField repeat = new JPasswordField(24);
    private final JLabel strength = new JLabel(" ");
    private final JButton submit;
    private final JLabel status = new JLabel(" ");
    private final JProgressBar progress = new JProgressBar();
    /** The running attempt to open the vault; completed when none runs (event dispatch thread). */
    private transient CompletableFuture<Void> attempt = CompletableFuture.completedFuture(null);

    /**
     * @param kdf       Argon2id parameters for a new vault (tests pass cheap ones)
     * @param loader    replays the opened vault into the session, off the event dispatch thread
     * @param onLoaded  called on the event dispatch thread with the loaded session
     */
    public StartPanel(Path dir, KdfParams kdf, SessionLoader<S> loader, Consumer<S> onLoaded) {
        super(new GridBagLayout());
        this.dir = dir;
        this.create = !VaultAccess.exists(dir);
        this.kdf = kdf;
        this.loader = loader;
        this.onLoaded = onLoaded;
        setName("start");
        passphrase.setName(PASSPHRASE);
        repeat.setName(REPEAT);
        strength.setName(STRENGTH);
        status.setName(STATUS);
        progress.setName(PROGRESS);
        // Always laid out (an invisible component leaves the GridBag and everything below jumps); idle it is empty.
        progress.setStringPainted(true);
        progress.setString("");
        progress.setEnabled(false);
        submit = new JButton(create ? "Create vault" : "Unlock");
        submit.setName(SUBMIT);
        submit.addActionListener(e -> start());
        passphrase.addActionListener(e -> {
            if (create) {
                repeat.requestFocusInWindow();
            } else {
                start();
            }
        });
        repeat.addActionListener(e -> start());
        layoutFields();
        if (create) {
            passphrase.getDocument().addDocumentListener(new DocumentListener() {
                @Override
                public void insertUpdate(DocumentEvent e) {
                    updateStrength();
                }

                @Override
                public void removeUpdate(DocumentEvent e) {
                    updateStrength();
                }

                @Override
                public void changedUpdate(DocumentEvent e) {
                    updateStrength();
                }
            });
        }
    }

    public boolean isCreate() {
        return create;
    }

    private void layoutFields() {
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(4, 4, 4, 4);
        c.gridx = 0;
        c.gridy = 0;
        c.gridwidth = 2;
        JLabel title = new JLabel(create ? "Create your vault" : "Unlock your vault");
        title.putClientProperty("FlatLaf.styleClass", "h2");
        add(title, c);
        c.gridy++;
        JLabel where = new JLabel(create
                ? "<html>Sotto keeps accounts, keys and history encrypted under one passphrase.<br>"
                        + "There is no way to recover it if you forget it.</html>"
                : "Enter the passphrase of the vault.");
        add(where, c);
        c.gridwidth = 1;
        c.anchor = GridBagConstraints.LINE_END;
        c.gridy++;
        add(label("Passphrase:", passphrase), c);
        c.gridx = 1;
        c.anchor = GridBagConstraints.LINE_START;
        add(passphrase, c);
        if (create) {
            c.gridx = 1;
            c.gridy++;
            add(strength, c);
            c.gridx = 0;
            c.gridy++;
            c.anchor = GridBagConstraints.LINE_END;
            add(label("Repeat:", repeat), c);
            c.gridx = 1;
            c.anchor = GridBagConstraints.LINE_START;
            add(repeat, c);
        }
        c.gridx = 1;
        c.gridy++;
        add(submit, c);
        c.gridx = 0;
        c.gridy++;
        c.gridwidth = 2;
        c.anchor = GridBagConstraints.CENTER;
        c.fill = GridBagConstraints.HORIZONTAL;
        add(progress, c);
        c.gridy++;
        add(status, c);
    }

    private static JLabel label(String text, java.awt.Component field) {
        JLabel label = new JLabel(text);
        label.setLabelFor(field);
        return label;
    }

    private void updateStrength() {
        // getPassword() copies; the copy is zeroed at once.
        char[] chars = passphrase.getPassword();
        try {
            strength.setText(chars.length == 0 ? " " : PassphraseStrength.of(chars).hint());
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private void start() {
        if (!submit.isEnabled()) {
            return;
        }
        char[] first = passphrase.getPassword();
        char[] second = create ? repeat.getPassword() : new char[0];
        if (create && !Arrays.equals(first, second)) {
            Arrays.fill(first, '\0');
            Arrays.fill(second, '\0');
            showError(MISMATCH);
            return;
        }
        if (first.length == 0 || (create && !PassphraseStrength.of(first).acceptable())) {
            String message = first.length == 0 ? "Enter a passphrase." : PassphraseStrength.TOO_SHORT.hint();
            Arrays.fill(first, '\0');
            Arrays.fill(second, '\0');
            showError(message);
            return;
        }
        // The fields' own buffers are cleared now; only the worker's copies remain, and it zeroes them.
        passphrase.setText("");
        repeat.setText("");
        setBusy(true);
        attempt = new CompletableFuture<>();
        new Worker(first, second).execute();
    }

    /**
     * Completes when no vault is being opened: at once when idle, else after the running attempt ended (its
     * session, if any, already handed to the {@code onLoaded} callback). On the event dispatch thread.
     */
    public CompletableFuture<Void> whenIdle() {
        return attempt;
    }

    private void idle() {
        attempt.complete(null);
    }

    private void setBusy(boolean busy) {
        passphrase.setEnabled(!busy);
        repeat.setEnabled(!busy);
        submit.setEnabled(!busy);
        progress.setEnabled(busy);
        progress.setIndeterminate(busy);
        progress.setValue(0);
        progress.setString(busy ? (create ? "Creating the vault\u2026" : "Deriving the key\u2026") : "");
        if (busy) {
            status.setText(" ");
        }
    }

    private void showError(String message) {
        status.setText(message);
        status.putClientProperty("FlatLaf.styleClass", "error");
        status.setForeground(javax.swing.UIManager.getColor("Component.error.focusedBorderColor"));
        passphrase.requestFocusInWindow();
    }

    /** One progress report crossing from the worker to the event dispatch thread. */
    private record Step(String text, long done, long total) {}

    private final class Worker extends SwingWorker<S, Step> implements Progress {
        private final char[] first;
        private final char[] second;

        Worker(char[] first, char[] second) {
            this.first = first;
            this.second = second;
        }

        private Vault vault;

        @Override
        protected S doInBackground() throws IOException {
            VaultOpener opener = replay -> {
                if (vault != null) {
                    throw new IllegalStateException("the vault is opened once per attempt");
                }
                // A new vault has an empty log: nothing to replay.
                vault = create ? VaultAccess.create(dir, first, second, kdf) : VaultAccess.open(dir, first, replay);
                return vault;
            };
            try {
                return loader.load(opener, this);
            } catch (IOException | RuntimeException | Error e) {
                if (vault != null) {
                    vault.close();
                }
                throw e;
            }
        }

        @Override
        public void phase(String text) {
            publish(new Step(text, -1, -1));
        }

        @Override
        public void step(String text, long done, long total) {
            publish(new Step(text, done, total));
        }

        @Override
        protected void process(List<Step> steps) {
            Step last = steps.get(steps.size() - 1);
            if (last.total() <= 0) {
                progress.setIndeterminate(true);
            } else {
                progress.setIndeterminate(false);
                progress.setMaximum(1000);
                progress.setValue((int) (1000 * last.done() / last.total()));
            }
            progress.setString(last.text());
        }

        @Override
        protected void done() {
            // Belt and braces: VaultAccess zeroes them, but a failure before it was reached must not leave them.
            Arrays.fill(first, '\0');
            Arrays.fill(second, '\0');
            S session;
            try {
                session = get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                idle();
                return;
            } catch (ExecutionException e) {
                setBusy(false);
                showError(message(e.getCause()));
                idle();
                return;
            }
            try {
                onLoaded.accept(session);
            } finally {
                idle();
            }
        }
    }

    static String message(Throwable failure) {
        if (failure instanceof WrongPassphraseException) {
            return WRONG_PASSPHRASE;
        }
        if (failure instanceof VaultBusyException) {
            return "This vault is open in another Sotto window or process.";
        }
        if (failure instanceof IllegalArgumentException) {
            return failure.getMessage();
        }
        // Vault and log messages name a condition, never secrets (persistence's contract).
        return "Could not open the vault: " + failure.getMessage();
    }
}
