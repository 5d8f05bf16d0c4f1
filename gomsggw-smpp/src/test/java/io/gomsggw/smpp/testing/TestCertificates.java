package io.gomsggw.smpp.testing;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A self-signed certificate for {@code localhost}/127.0.0.1 and the TLS contexts around it. */
public final class TestCertificates {
    private static TestCertificates shared;

    private final X509Bundle bundle;

    /** One instance for the whole test run: generating the key pair is the slow part. */
    public static synchronized TestCertificates shared() throws Exception {
        if (shared == null) {
            shared = new TestCertificates();
        }
        return shared;
    }

    private TestCertificates() throws Exception {
        bundle = new CertificateBuilder()
                .subject("CN=localhost")
                .addSanDnsName("localhost")
                .addSanIpAddress("127.0.0.1")
                .notBefore(Instant.now().minus(1, ChronoUnit.DAYS))
                .notAfter(Instant.now().plus(1, ChronoUnit.DAYS))
                .ecp256()
                .setIsCertificateAuthority(true)
                .buildSelfSigned();
    }

    public SslContext server() throws Exception {
        return SslContextBuilder.forServer(bundle.getKeyPair().getPrivate(), bundle.getCertificatePath())
                .build();
    }

    /** A client that trusts exactly this certificate. */
    public SslContext client() throws Exception {
        return SslContextBuilder.forClient()
                .trustManager(bundle.getCertificate())
                .build();
    }
}
