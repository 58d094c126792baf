package dev.sluice.core.internal;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM text (RFC 7468): certificates, and private keys in PKCS#8 ({@code PRIVATE KEY}), PKCS#1
 * ({@code RSA PRIVATE KEY}) and SEC 1 ({@code EC PRIVATE KEY}) form, the three that openssl, certbot and
 * corporate CAs hand out. Encrypted keys are refused with what to do. Stateless and thread-safe.
 */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
    /** OIDs (DER content octets): rsaEncryption 1.2.840.113549.1.1.1 and id-ecPublicKey 1.2.840.10045.2.1. */
    private static final byte[] RSA_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    private static final byte[] EC_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");

    private Pem() {}

    /** A PEM block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}…) and decoded bytes. */
    public record Block(String label, byte[] der, boolean hasHeaders) {}

    /** Every PEM block of the text, in order; text between blocks is ignored. */
    public static List<Block> blocks(String text) {
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            // RFC 1421 headers (Proc-Type: 4,ENCRYPTED…) end at a blank line; base64 never holds a ':'
            boolean headers = body.contains(":");
            String base64 = body;
            if (headers) {
                String unix = body.replace("\r\n", "\n");
                int blank = unix.indexOf("\n\n");
                base64 = blank < 0 ? "" : unix.substring(blank);
            }
            try {
                out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(base64.replaceAll("\\s", "")), headers));
            } catch (IllegalArgumentException e) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "a PEM " + m.group(1) + " block is not valid base64",
                        e);
            }
        }
        return out;
    }

    /** Whether the text holds PEM blocks at all. */
    public static boolean isPem(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
    }

    /** The certificates of the text's {@code CERTIFICATE} blocks, in order. */
    public static List<X509Certificate> certificates(String text) throws CertificateException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (Block b : blocks(text)) {
            if (b.label().equals("CERTIFICATE") || b.label().equals("TRUSTED CERTIFICATE")) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
            }
        }
        return out;
    }

    /**
     * The first private key of the text. Throws INVALID_INPUT saying what is wrong (none, encrypted, unreadable);
     * {@code where} names the file.
     */
    public static PrivateKey privateKey(String text, String where) {
        for (Block b : blocks(text)) {
            switch (b.label()) {
                case "ENCRYPTED PRIVATE KEY" -> throw encrypted(where);
                case "PRIVATE KEY" -> {
                    return pkcs8(b.der(), where);
                }
                case "RSA PRIVATE KEY" -> {
                    if (b.hasHeaders()) {
                        throw encrypted(where);
                    }
                    return pkcs8(Der.pkcs8(RSA_OID, null, b.der()), where);
                }
                case "EC PRIVATE KEY" -> {
                    if (b.hasHeaders()) {
                        throw encrypted(where);
                    }
                    byte[] curve = Der.sec1Curve(b.der());
                    if (curve == null) {
                        throw new SluiceException(ErrorKind.INVALID_INPUT, where + ": the EC private key does not name "
                                + "its curve; convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8.pem");
                    }
                    return pkcs8(Der.pkcs8(EC_OID, curve, b.der()), where);
                }
                default -> { }
            }
        }
        throw new SluiceException(ErrorKind.INVALID_INPUT, where + ": no private key in it (expected a PEM block "
                + "'-----BEGIN PRIVATE KEY-----', 'RSA PRIVATE KEY' or 'EC PRIVATE KEY')");
    }

    private static PrivateKey pkcs8(byte[] der, String where) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm; try the next
            }
        }
        throw new SluiceException(ErrorKind.INVALID_INPUT, where + ": the private key is not an RSA, EC or EdDSA key "
                + "this Java can read");
    }

    private static SluiceException encrypted(String where) {
        return new SluiceException(ErrorKind.INVALID_INPUT, where + ": the private key is encrypted; Sluice reads "
                + "unencrypted keys protected by file permissions: openssl pkey -in KEY -out KEY.plain.pem, then "
                + "chmod 600 KEY.plain.pem");
    }

    /** The minimal DER needed to turn PKCS#1 and SEC 1 keys into PKCS#8 (RFC 5208, RFC 5915). */
    static final class Der {
        private Der() {}

        /** PrivateKeyInfo ::= SEQUENCE { 0, AlgorithmIdentifier { oid, params }, OCTET STRING key }. */
        static byte[] pkcs8(byte[] oid, byte[] paramOid, byte[] key) {
            byte[] params = paramOid == null ? new byte[] {0x05, 0x00} : tlv(0x06, paramOid);
            byte[] algorithm = tlv(0x30, concat(tlv(0x06, oid), params));
            return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, key)));
        }

        /** The named curve OID of an ECPrivateKey ({@code [0] parameters}), or null. */
        static byte[] sec1Curve(byte[] der) {
            int[] seq = header(der, 0);
            if (seq == null || der[0] != 0x30) {
                return null;
            }
            int p = seq[0];
            int end = Math.min(der.length, seq[0] + seq[1]);
            while (p < end) {
                int tag = der[p] & 0xff;
                int[] h = header(der, p);
                if (h == null) {
                    return null;
                }
                if (tag == 0xa0) {
                    int[] inner = header(der, h[0]);
                    if (inner == null || der[h[0]] != 0x06) {
                        return null;
                    }
                    return java.util.Arrays.copyOfRange(der, inner[0], inner[0] + inner[1]);
                }
                p = h[0] + h[1];
            }
            return null;
        }

        /** {start of content, content length} of the TLV at {@code at}, or null when malformed. */
        private static int[] header(byte[] der, int at) {
            if (at + 1 >= der.length) {
                return null;
            }
            int len = der[at + 1] & 0xff;
            int p = at + 2;
            if (len > 0x80) {
                int n = len & 0x7f;
                if (n > 3 || p + n > der.length) {
                    return null;
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (der[p++] & 0xff);
                }
            } else if (len == 0x80) {
                return null;
            }
            return p + len <= der.length ? new int[] {p, len} : null;
        }

        static byte[] tlv(int tag, byte[] content) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            int n = content.length;
            if (n < 0x80) {
                out.write(n);
            } else if (n < 0x100) {
                out.write(0x81);
                out.write(n);
            } else if (n < 0x10000) {
                out.write(0x82);
                out.write(n >> 8);
                out.write(n);
            } else {
                out.write(0x83);
                out.write(n >> 16);
                out.write(n >> 8);
                out.write(n);
            }
            out.writeBytes(content);
            return out.toByteArray();
        }

        private static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                out.writeBytes(p);
            }
            return out.toByteArray();
        }
    }
}
