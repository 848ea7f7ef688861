package dev.sotto.persistence.log;

import dev.sotto.persistence.TestVaults;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Every {@link TamperTest} on a vault whose log writes record format 2 (vaults made before format 3 keep appending in
 * format 2): in it a position is a document's index, and the walker's per-event counting must not change that.
 */
class TamperFormat2Test extends TamperTest {
    @Override
    Vault create(Path vaultDir) throws IOException {
        return Vault.createWithLogFormat(vaultDir, TestVaults.PASSPHRASE.clone(), KdfParams.forTests(), 2);
    }
}
