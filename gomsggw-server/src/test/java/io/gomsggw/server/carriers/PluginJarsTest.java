package io.gomsggw.server.carriers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.spi.CarrierAdapterFactory;
import io.gomsggw.server.config.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginJarsTest {
    @TempDir
    Path temp;

    @Test
    void aMissingDirectoryMeansNoPlugins() throws IOException {
        try (PluginJars plugins =
                PluginJars.open(temp.resolve("plugins"), getClass().getClassLoader())) {
            assertThat(plugins.jars()).isEmpty();
            assertThat(CarrierTypes.discover(plugins.classLoader()).known()).doesNotContain("pigeon");
        }
    }

    @Test
    void carrierFactoriesInPluginJarsAreFound() throws IOException {
        Path directory = Files.createDirectory(temp.resolve("plugins"));
        Path jar = pluginJar(directory.resolve("pigeon.jar"));
        Files.writeString(directory.resolve("README.txt"), "not a jar");

        try (PluginJars plugins = PluginJars.open(directory, getClass().getClassLoader())) {
            assertThat(plugins.jars()).containsExactly(jar);
            assertThat(CarrierTypes.discover(plugins.classLoader()).known()).contains("pigeon", "telnyx", "twilio");
        }
    }

    @Test
    void aFileIsNotAPluginsDirectory() throws IOException {
        Path file = Files.writeString(temp.resolve("plugins"), "x");

        assertThatThrownBy(() -> PluginJars.open(file, getClass().getClassLoader()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PLUGINS_DIR: not a directory: '" + file + "'");
    }

    /** A jar holding only the service registration; the class itself comes from the test class path. */
    private static Path pluginJar(Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + CarrierAdapterFactory.class.getName()));
            out.write((PigeonCarrierFactory.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
