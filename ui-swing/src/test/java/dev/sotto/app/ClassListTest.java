package dev.sotto.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The class list the build dumps into the class data sharing archive ({@code src/main/cds/README.md}) names our
 * classes as they are: a class renamed or removed since the list was made would silently drop out of the archive and
 * load from the jar again, and the start-up figure would erode unnoticed. When this fails, regenerate the list with
 * the command in that README.
 */
class ClassListTest {
    private static final Path LIST = Path.of("src/main/cds/sotto.classlist");

    @Test
    void everyClassOfOursTheListNamesExists() throws Exception {
        List<String> ours = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String line : Files.readAllLines(LIST)) {
            if (!line.startsWith("dev/sotto/")) {
                continue;
            }
            String name = line.split(" ")[0].replace('/', '.');
            ours.add(name);
            try {
                Class.forName(name, false, ClassListTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                missing.add(name);
            }
        }
        assertThat(ours).as("the start-up's classes of ours").hasSizeGreaterThan(200)
                .contains("dev.sotto.app.Main", "dev.sotto.ui.SottoFrame", "dev.sotto.engine.EngineReplay",
                        "dev.sotto.persistence.log.LogWalker");
        assertThat(missing).as("named by the list but not in the build (regenerate the list)").isEmpty();
    }
}
