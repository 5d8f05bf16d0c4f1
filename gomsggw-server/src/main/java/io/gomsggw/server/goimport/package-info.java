/**
 * {@code import-go}: the switch from the Go gateway ({@code docs/switching-from-go.md}). Reads a Go
 * gateway's PostgreSQL database ({@link io.gomsggw.server.goimport.GoDatabase}, read-only, tolerant
 * of older Go schemas), decrypts its secrets with the Go scheme
 * ({@link io.gomsggw.server.goimport.GoSecretCipher}), reads its numbers into E.164
 * ({@link io.gomsggw.server.goimport.GoNumbers}) and writes everything into this server's database.
 *
 * <p>The rule of the package: the Go database is never written; this server's tables are written
 * only through the {@link io.gomsggw.core.admin.AdminService} and the store SPIs, so every row passes
 * the admin API's checks and gets the defaults of the settings the Go gateway lacks. The one table
 * written with SQL here is the import's own progress ({@code go_import_progress}). Every row is
 * matched by its natural key first, so running the import again changes nothing that is here.
 */
package io.gomsggw.server.goimport;
