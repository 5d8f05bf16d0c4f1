package io.gomsggw.server.secrets;

import io.gomsggw.server.config.ConfigException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;

/**
 * The data directory ({@code GOMSGGW_DATA_DIR}): the embedded database, the generated keys and
 * media live here. {@link #prepare(Path)} creates it when missing (mode 0700) and proves that it
 * can be read and written, so a bad directory stops the start with one line instead of failing later.
 */
public final class DataDirectory {
    private static final String VARIABLE = "GOMSGGW_DATA_DIR";

    private final Path path;

    private DataDirectory(Path path) {
        this.path = path;
    }

    /**
     * Creates the directory (and its parents) when missing, then lists it and writes and deletes
     * a probe file in it.
     *
     * @throws ConfigException naming {@code GOMSGGW_DATA_DIR} when any of this fails
     */
    public static DataDirectory prepare(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new ConfigException(VARIABLE, "not a directory: '" + absolute + "'");
        }
        try {
            if (!Files.isDirectory(absolute)) {
                Files.createDirectories(absolute, ownerOnly(absolute));
            }
        } catch (IOException e) {
            throw new ConfigException(VARIABLE, "cannot create directory '" + absolute + "': " + reason(e));
        }
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(absolute)) {
            // reading an entry proves the directory can be listed, not only opened
            Iterator<Path> entries = listing.iterator();
            if (entries.hasNext()) {
                entries.next();
            }
        } catch (IOException e) {
            throw new ConfigException(VARIABLE, "directory is not readable: '" + absolute + "': " + reason(e));
        } catch (DirectoryIteratorException e) {
            throw new ConfigException(
                    VARIABLE, "directory is not readable: '" + absolute + "': " + reason(e.getCause()));
        }
        try {
            Files.delete(Files.createTempFile(absolute, ".write-check", ".tmp"));
        } catch (IOException e) {
            throw new ConfigException(VARIABLE, "directory is not writable: '" + absolute + "': " + reason(e));
        }
        return new DataDirectory(absolute);
    }

    /** Owner-only access for a directory that will hold keys and the database, where the file system has POSIX modes. */
    private static FileAttribute<?>[] ownerOnly(Path path) {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
        };
    }

    /** The absolute path of the directory. */
    public Path path() {
        return path;
    }

    /** A file in the directory. */
    public Path resolve(String fileName) {
        return path.resolve(fileName);
    }

    /** What went wrong, in words, without repeating the path. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way: '" + ((FileSystemException) e).getFile() + "'";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
