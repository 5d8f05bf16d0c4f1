package io.gomsggw.server.carriers;

import io.gomsggw.server.config.ConfigException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carrier plug-in jars of {@code PLUGINS_DIR}: every {@code *.jar} directly in it, loaded by
 * one class loader whose parent is the server's. A missing directory means no plug-ins.
 */
public final class PluginJars implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginJars.class);
    private static final String VARIABLE = "PLUGINS_DIR";

    private final URLClassLoader classLoader;
    private final List<Path> jars;

    private PluginJars(URLClassLoader classLoader, List<Path> jars) {
        this.classLoader = classLoader;
        this.jars = List.copyOf(jars);
    }

    /**
     * Finds the jars in {@code directory} (in name order) and makes their class loader.
     *
     * @throws ConfigException naming {@code PLUGINS_DIR} when it exists but is not a readable directory
     */
    public static PluginJars open(Path directory, ClassLoader parent) {
        List<Path> jars = new ArrayList<>();
        if (Files.exists(directory)) {
            if (!Files.isDirectory(directory)) {
                throw new ConfigException(VARIABLE, "not a directory: '" + directory + "'");
            }
            try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory, "*.jar")) {
                listing.forEach(jars::add);
            } catch (IOException e) {
                throw new ConfigException(VARIABLE, "cannot list '" + directory + "': " + e.getMessage());
            }
        }
        jars.sort(null);
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new ConfigException(VARIABLE, "cannot load '" + jar + "': " + e.getMessage());
            }
            LOG.atInfo().addKeyValue("jar", jar).log("carrier plug-in jar found");
        }
        return new PluginJars(new URLClassLoader("gomsggw-plugins", urls.toArray(URL[]::new), parent), jars);
    }

    /** Loads classes from the plug-in jars first through the server's class loader. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    /** The jars found, in name order. */
    public List<Path> jars() {
        return jars;
    }

    @Override
    public void close() throws IOException {
        classLoader.close();
    }
}
