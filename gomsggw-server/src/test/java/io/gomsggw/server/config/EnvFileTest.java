package io.gomsggw.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {
    @Test
    void readsPlainExportedAndQuotedValues() {
        Map<String, String> values = EnvFile.parse("""
                # a comment
                PLAIN=value
                  SPACED = spaced value  \s
                export EXPORTED=yes
                SINGLE='single # quoted'
                DOUBLE="line one\\nline \\"two\\" # not a comment" # a comment
                INLINE=value # a comment
                HASH=abc#def
                EMPTY=
                EQUALS=a=b=c

                """);

        assertThat(values)
                .containsExactly(
                        Map.entry("PLAIN", "value"),
                        Map.entry("SPACED", "spaced value"),
                        Map.entry("EXPORTED", "yes"),
                        Map.entry("SINGLE", "single # quoted"),
                        Map.entry("DOUBLE", "line one\nline \"two\" # not a comment"),
                        Map.entry("INLINE", "value"),
                        Map.entry("HASH", "abc#def"),
                        Map.entry("EMPTY", ""),
                        Map.entry("EQUALS", "a=b=c"));
    }

    @Test
    void singleQuotesKeepEverythingLiterally() {
        assertThat(EnvFile.parse("KEY='a \\n \"b\" # c'")).containsEntry("KEY", "a \\n \"b\" # c");
    }

    @Test
    void windowsLineEndingsAreAccepted() {
        assertThat(EnvFile.parse("A=1\r\nB=2\r\n")).containsExactly(Map.entry("A", "1"), Map.entry("B", "2"));
    }

    @Test
    void aLaterLineWins() {
        assertThat(EnvFile.parse("A=1\nA=2")).containsExactly(Map.entry("A", "2"));
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> EnvFile.parse("A=1\n\nno equals sign"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(".env line 3: expected KEY=value");
        assertThatThrownBy(() -> EnvFile.parse("BAD KEY=1"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(".env line 1: not a variable name: 'BAD KEY'");
        assertThatThrownBy(() -> EnvFile.parse("A=\"open"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(".env line 1 (A): unterminated double quote");
        assertThatThrownBy(() -> EnvFile.parse("A='open"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(".env line 1 (A): unterminated single quote");
        assertThatThrownBy(() -> EnvFile.parse("A='x' y"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(".env line 1 (A): unexpected text after the closing quote");
    }

    @Test
    void aMissingFileIsEmpty(@TempDir Path directory) {
        assertThat(EnvFile.readIfPresent(directory.resolve(".env"))).isEmpty();
    }
}
