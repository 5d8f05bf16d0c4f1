package io.gomsggw.server.goimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImportGoOptionsTest {
    @Test
    void aPostgresUrlIsReadAsTheServerReadsDatabaseUrl() {
        ImportGoOptions options = ImportGoOptions.parse(
                List.of("--from", "postgres://smsgw:p%40ss@db.example.net:6543/smsgw?sslmode=require", "--dry-run"));

        assertThat(options.from().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.net:6543/smsgw?sslmode=require");
        assertThat(options.from().user()).hasValue("smsgw");
        assertThat(options.from().password())
                .hasValueSatisfying(p -> assertThat(p.reveal()).isEqualTo("p@ss"));
        assertThat(options.dryRun()).isTrue();
        assertThat(options.withHistory()).isFalse();
        assertThat(options.goEncryptionKey()).isEmpty();
    }

    @Test
    void aJdbcUrlAndTheKeyMayBeGivenWithEqualsSigns() {
        ImportGoOptions options = ImportGoOptions.parse(List.of(
                "--from=jdbc:postgresql://127.0.0.1/smsgw?user=smsgw&password=x",
                "--go-encryption-key=a=b c",
                "--with-history"));

        assertThat(options.from().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/smsgw?user=smsgw&password=x");
        assertThat(options.goEncryptionKey())
                .hasValueSatisfying(key -> assertThat(key.reveal()).isEqualTo("a=b c"));
        assertThat(options.withHistory()).isTrue();
    }

    @Test
    void anEmptyGoKeyIsAKeyTheGoGatewayMayHaveRunWith() {
        assertThat(ImportGoOptions.parse(List.of("--from", "postgres://h/db", "--go-encryption-key", ""))
                        .goEncryptionKey())
                .hasValueSatisfying(key -> assertThat(key.isEmpty()).isTrue());
    }

    @Test
    void mistakesNameTheOption() {
        assertThatThrownBy(() -> ImportGoOptions.parse(List.of("--dry-run")))
                .hasMessageStartingWith("--from is required");
        assertThatThrownBy(() -> ImportGoOptions.parse(List.of("--from"))).hasMessage("--from needs a value");
        assertThatThrownBy(() -> ImportGoOptions.parse(List.of("--from", "mysql://h/db")))
                .hasMessage("--from: expected jdbc:postgresql://host:port/db or postgres://user:password@host:port/db");
        assertThatThrownBy(
                        () -> ImportGoOptions.parse(List.of("--from", "postgres://h/db", "--from", "postgres://h/db")))
                .hasMessage("--from is given twice");
        assertThatThrownBy(() -> ImportGoOptions.parse(List.of("--from", "postgres://h/db", "--dry-run=yes")))
                .hasMessage("--dry-run takes no value");
        assertThatThrownBy(() -> ImportGoOptions.parse(List.of("--from", "postgres://h/db", "--history")))
                .hasMessage("unknown option '--history'");
    }

    @Test
    void theUrlIsNotRepeatedInAnErrorSinceItMayHoldAPassword() {
        assertThatThrownBy(() -> ImportGoOptions.parse(List.of("--from", "postgres://user:s3cret@/")))
                .hasMessageNotContaining("s3cret");
    }
}
