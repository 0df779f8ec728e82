package dev.fosc.bridge;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;

/**
 * A self-signed certificate for {@code 127.0.0.1} (EC P-256, subject alternative name IP:127.0.0.1), made by the JDK's
 * own {@code keytool} (no openssl needed) and written as PEM files a broker reads: the certificate, and the private key
 * in PKCS#8.
 */
record SelfSigned(Path certificate, Path key) {

    static SelfSigned create(Path dir) throws Exception {
        Path store = dir.resolve("broker.p12");
        char[] pass = "changeit".toCharArray();
        Tools.run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(pass), "-keypass", new String(pass));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, pass);
        }
        Path cert = Files.writeString(dir.resolve("broker.crt"),
                pem("CERTIFICATE", ks.getCertificate("broker").getEncoded()));
        Path key = Files.writeString(dir.resolve("broker.key"), pem("PRIVATE KEY", ks.getKey("broker", pass)
                .getEncoded()));
        return new SelfSigned(cert, key);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
