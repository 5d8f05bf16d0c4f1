package io.gomsggw.server.secrets;

import io.gomsggw.server.config.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * One secret kept in a file of the data directory, readable and writable by its owner only
 * (mode 0600). The file is created with that mode, written completely under a temporary name and
 * then renamed, so a crash never leaves a half-written key behind.
 */
final class SecretFile {
    private static final String VARIABLE = "GOMSGGW_DATA_DIR";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path path;

    SecretFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /**
     * The secret, or empty when the file does not exist.
     *
     * @throws ConfigException naming {@code GOMSGGW_DATA_DIR} when the file cannot be read or is blank
     */
    Optional<String> read() {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ConfigException(VARIABLE, "cannot read '" + path + "': " + DataDirectory.reason(e));
        }
        if (text.isEmpty()) {
            throw new ConfigException(VARIABLE, "'" + path + "' is empty; delete it to generate a new key");
        }
        return Optional.of(text);
    }

    /**
     * Stores {@code secret} in a new file with mode 0600 (on file systems with POSIX permissions).
     *
     * @throws ConfigException naming {@code GOMSGGW_DATA_DIR} when it cannot be written
     */
    void create(String secret) {
        Path directory = path.getParent();
        String prefix = "." + path.getFileName();
        try {
            Path temporary = ownerOnlySupported()
                    ? Files.createTempFile(directory, prefix, ".tmp", ownerOnly())
                    : Files.createTempFile(directory, prefix, ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap((secret + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConfigException(VARIABLE, "cannot write '" + path + "': " + DataDirectory.reason(e));
        }
    }

    /** Whether only the owner may read the file; true where the file system has no POSIX permissions. */
    boolean isOwnerOnly() throws IOException {
        return !ownerOnlySupported() || OWNER_ONLY.containsAll(Files.getPosixFilePermissions(path));
    }

    private boolean ownerOnlySupported() {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }
}
