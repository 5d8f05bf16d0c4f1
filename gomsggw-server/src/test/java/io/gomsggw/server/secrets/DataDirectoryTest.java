package io.gomsggw.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gomsggw.server.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void createsAMissingDirectoryWithItsParentsForItsOwnerOnly() throws IOException {
        Path path = temp.resolve("a/b/data");

        DataDirectory directory = DataDirectory.prepare(path);

        assertThat(directory.path()).isEqualTo(path).isEmptyDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
                .isEqualTo("rwx------");
    }

    @Test
    void leavesTheModeOfAnExistingDirectoryAlone() throws IOException {
        Path path = Files.createDirectory(temp.resolve("data"));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-x---"));

        DataDirectory.prepare(path);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
                .isEqualTo("rwxr-x---");
    }

    @Test
    void aFileIsNotADataDirectory() throws IOException {
        Path file = Files.writeString(temp.resolve("data"), "x");

        assertThatThrownBy(() -> DataDirectory.prepare(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage("GOMSGGW_DATA_DIR: not a directory: '" + file + "'");
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsNamed() throws IOException {
        Files.writeString(temp.resolve("file"), "x");
        Path path = temp.resolve("file/data");

        assertThatThrownBy(() -> DataDirectory.prepare(path))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GOMSGGW_DATA_DIR: cannot create directory '" + path + "'");
    }

    /** {@code /proc/self} is a directory that nobody can create files in, not even root. */
    @Test
    void aDirectoryNobodyCanWriteIsRefused() {
        Path procSelf = Path.of("/proc/self");
        assumeTrue(Files.isDirectory(procSelf), "needs Linux /proc");

        assertThatThrownBy(() -> DataDirectory.prepare(procSelf))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GOMSGGW_DATA_DIR: directory is not writable: '/proc/self'")
                .extracting(e -> ((ConfigException) e).subject())
                .isEqualTo("GOMSGGW_DATA_DIR");
    }

    /** Skipped as root, who may write anywhere whatever the mode says. */
    @Test
    void aReadOnlyDirectoryIsRefused() throws IOException {
        Path path = Files.createDirectory(temp.resolve("readonly"));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("r-x------"));
        try {
            assumeTrue(!Files.isWritable(path), "permissions are not enforced for this user");

            assertThatThrownBy(() -> DataDirectory.prepare(path))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("GOMSGGW_DATA_DIR: directory is not writable: '" + path + "': permission denied");
        } finally {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Skipped as root, who may read anywhere whatever the mode says. */
    @Test
    void anUnreadableDirectoryIsRefused() throws IOException {
        Path path = Files.createDirectory(temp.resolve("unreadable"));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("-wx------"));
        try {
            assumeTrue(!Files.isReadable(path), "permissions are not enforced for this user");

            assertThatThrownBy(() -> DataDirectory.prepare(path))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("GOMSGGW_DATA_DIR: directory is not readable: '" + path + "': permission denied");
        } finally {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
