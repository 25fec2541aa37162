package io.schemagate.gateway.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A throw-away CA, a server certificate it signed for {@code localhost} and {@code 127.0.0.1}, and a
 * client certificate ({@value #CLIENT_SUBJECT}) for mutual TLS: {@code ca.crt}, {@code server.crt},
 * {@code server.key} (PEM, PKCS#8), {@code client.crt} (PEM) and {@code client.pk8} (DER PKCS#8, as
 * pgjdbc's sslkey wants it).
 *
 * @param dir        where the files are
 * @param caCert     the CA certificate
 * @param serverCert the server certificate
 * @param serverKey  the server's private key
 * @param clientCert the client certificate
 * @param clientKey  the client's private key
 */
public record TestCerts(Path dir, Path caCert, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

    public static final String CLIENT_SUBJECT = "CN=app-client";

    public static TestCerts create(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPair ca = rsa();
            KeyPair server = rsa();
            X500Name caName = new X500Name("CN=SchemaGate Test CA");
            X509CertificateHolder caHolder = new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(),
                    caName, ca.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .build(signer(ca.getPrivate()));
            X509CertificateHolder serverHolder = new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(),
                    new X500Name("CN=localhost"), server.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}))
                    .build(signer(ca.getPrivate()));
            KeyPair client = rsa();
            X509CertificateHolder clientHolder = new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(),
                    new X500Name(CLIENT_SUBJECT), client.getPublic())
                    .build(signer(ca.getPrivate()));
            TestCerts certs = new TestCerts(dir, dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key"),
                    dir.resolve("client.crt"), dir.resolve("client.pk8"));
            pem(certs.clientCert, new PemObject("CERTIFICATE", clientHolder.getEncoded()));
            Files.write(certs.clientKey, client.getPrivate().getEncoded());
            // Clients refuse a private key others could read (libpq and pgjdbc alike).
            Files.setPosixFilePermissions(certs.clientKey, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            pem(certs.caCert, new PemObject("CERTIFICATE", caHolder.getEncoded()));
            pem(certs.serverCert, new PemObject("CERTIFICATE", serverHolder.getEncoded()));
            pem(certs.serverKey, new PemObject("PRIVATE KEY", server.getPrivate().getEncoded()));
            return certs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test certificates to " + dir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate test certificates: " + e.getMessage(), e);
        }
    }

    private static KeyPair rsa() throws NoSuchAlgorithmException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static ContentSigner signer(PrivateKey key) throws Exception {
        return new JcaContentSignerBuilder("SHA256withRSA").build(key);
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofDays(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(Duration.ofDays(30)));
    }

    private static void pem(Path file, PemObject obj) throws IOException {
        try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(obj);
        }
    }
}
