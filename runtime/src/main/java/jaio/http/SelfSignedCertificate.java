package jaio.http;

import jaio.Ssl;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import javax.net.ssl.SSLContext;

/**
 * A self-signed X.509 certificate and its key, made in memory for test servers (what
 * {@code openssl req -x509} or Python's {@code trustme} make): an EC P-256 key, valid from a day
 * ago for a year, with the given DNS names and IP addresses as subject alternative names, so that
 * host name verification passes for them and fails for any other name.
 *
 * <p>{@link #serverContext()} serves with it; {@link #clientContext()} trusts it and nothing else
 * (a client using the JDK's default trust store refuses it). The DER encoding is written here
 * because the JDK has no public API that builds a certificate.
 */
public final class SelfSignedCertificate {
    private final KeyPair keys;
    private final X509Certificate certificate;

    private SelfSignedCertificate(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A certificate for "localhost" and 127.0.0.1. */
    public static SelfSignedCertificate generate() {
        return generate("localhost", "127.0.0.1");
    }

    /** A certificate for {@code names}: host names and IP address literals. */
    public static SelfSignedCertificate generate(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("give at least one host name or IP address for the certificate");
        }
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = gen.generateKeyPair();
            byte[] algorithm = seq(oid(1, 2, 840, 10045, 4, 3, 2)); // ecdsa-with-SHA256
            byte[] name = seq(set(seq(oid(2, 5, 4, 3), tlv(0x0c, ("jaio test " + names[0]).getBytes(StandardCharsets.UTF_8)))));
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            byte[] tbs = seq(
                    tlv(0xa0, tlv(0x02, new byte[] {2})),
                    tlv(0x02, new BigInteger(63, new SecureRandom()).add(BigInteger.ONE).toByteArray()),
                    algorithm,
                    name,
                    seq(utcTime(now.minusDays(1)), utcTime(now.plusYears(1))),
                    name,
                    keys.getPublic().getEncoded(),
                    tlv(0xa3, seq(
                            seq(oid(2, 5, 29, 17), tlv(0x04, subjectAltNames(names))),
                            seq(oid(2, 5, 29, 19), tlv(0x04, seq())))));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] sig = signer.sign();
            byte[] bits = new byte[sig.length + 1];
            System.arraycopy(sig, 0, bits, 1, sig.length);
            byte[] der = seq(tbs, algorithm, tlv(0x03, bits));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new SelfSignedCertificate(keys, cert);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make an EC P-256 certificate: " + e, e);
        }
    }

    /** The certificate's private key, for a server context built by hand. */
    public PrivateKey privateKey() {
        return keys.getPrivate();
    }

    /** The certificate, to trust in a client's SSL context. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate in PEM, for clients outside Java (Python's {@code ssl.create_default_context(cafile=...)}). */
    public String pem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS context that serves this certificate (for LocalHttpServer or {@code startServer(..., ssl)}; {@link Ssl#createServerContext}). */
    public SSLContext serverContext() {
        return Ssl.createServerContext(keys.getPrivate(), certificate);
    }

    /** A client TLS context that trusts this certificate and no other (a custom trust store; {@link Ssl#createDefaultContext(X509Certificate...)}). */
    public SSLContext clientContext() {
        return Ssl.createDefaultContext(certificate);
    }

    private static byte[] subjectAltNames(String[] names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String n : names) {
            boolean ip = n.indexOf(':') >= 0 || n.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
            if (ip) {
                try {
                    out.writeBytes(tlv(0x87, InetAddress.getByName(n).getAddress()));
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("not an IP address: " + n, e);
                }
            } else {
                out.writeBytes(tlv(0x82, n.getBytes(StandardCharsets.US_ASCII)));
            }
        }
        return seq(out.toByteArray());
    }

    private static byte[] utcTime(ZonedDateTime t) {
        return tlv(0x17, t.format(DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(40 * arcs[0] + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int v = arcs[i];
            int shift = 28;
            while (shift > 0 && (v >>> shift) == 0) {
                shift -= 7;
            }
            for (; shift > 0; shift -= 7) {
                out.write(0x80 | ((v >>> shift) & 0x7f));
            }
            out.write(v & 0x7f);
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** One DER tag-length-value. */
    private static byte[] tlv(int tag, byte[]... content) {
        byte[] body = concat(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 6);
        out.write(tag);
        int n = body.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "<SelfSignedCertificate " + certificate.getSubjectX500Principal().getName() + ">";
    }
}
