package no.portvakt.server.keys;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.Provider;

/**
 * AWS-LC's provider (the Amazon Corretto Crypto Provider) built for this machine's processor. Its Linux x86_64
 * build is on the class path; the Linux aarch64 build is bundled beside it as a resource, because both hold their
 * native library under the same name and only one can be on the class path: on aarch64 it is loaded from there by
 * a class loader of its own that looks in it first. On any other machine the provider reports why it is unusable,
 * and the JDK signs.
 */
final class AwsLc {

    /** Where the build puts the aarch64 jar (auth-server's pom, maven-dependency-plugin). */
    static final String AARCH64 = "accp/AmazonCorrettoCryptoProvider-linux-aarch_64.jar";
    private static final String PACKAGE = "com.amazon.corretto.crypto.provider.";
    private static final String PROVIDER = PACKAGE + "AmazonCorrettoCryptoProvider";

    /** The provider, usable or not; {@code unusable} says why not. */
    record Loaded(Provider provider, Throwable unusable) {
    }

    private AwsLc() {
    }

    static Loaded forThisMachine() {
        return "aarch64".equals(System.getProperty("os.arch")) ? fromBundledJar(AARCH64)
                : checked(AmazonCorrettoCryptoProvider.class);
    }

    /** The provider in the jar bundled as {@code resource}. */
    static Loaded fromBundledJar(String resource) {
        try (InputStream bundled = AwsLc.class.getClassLoader().getResourceAsStream(resource)) {
            if (bundled == null) {
                return new Loaded(null, new IllegalStateException(resource + " is not bundled"));
            }
            Path jar = Files.createTempFile("portvakt-accp-", ".jar");
            jar.toFile().deleteOnExit();
            Files.copy(bundled, jar, StandardCopyOption.REPLACE_EXISTING);
            return fromJar(jar);
        } catch (IOException e) {
            return new Loaded(null, new UncheckedIOException(e));
        }
    }

    /** The provider in {@code jar}, loaded by a class loader of its own (its native library with it). */
    static Loaded fromJar(Path jar) {
        try {
            return checked(new OwnFirst(jar.toUri().toURL(), AwsLc.class.getClassLoader()).loadClass(PROVIDER));
        } catch (IOException | ClassNotFoundException | LinkageError e) {
            return new Loaded(null, e);
        }
    }

    /** The provider of {@code type} (ACCP's provider class, of whichever class loader), and whether it is usable. */
    private static Loaded checked(Class<?> type) {
        try {
            Provider accp = (Provider) type.getField("INSTANCE").get(null);
            Throwable unusable = (Throwable) type.getMethod("getLoadingError").invoke(accp);
            if (unusable == null) {
                type.getMethod("assertHealthy").invoke(accp);
            }
            return new Loaded(accp, unusable);
        } catch (InvocationTargetException e) {
            return new Loaded(null, e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            return new Loaded(null, e);
        }
    }

    /** Looks in its own jar first for the provider's classes and resources (its native library among them). */
    private static final class OwnFirst extends URLClassLoader {

        OwnFirst(URL jar, ClassLoader parent) {
            super(new URL[] {jar}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = name.startsWith(PACKAGE.replace('.', '/')) ? findResource(name) : null;
            return own != null ? own : super.getResource(name);
        }
    }
}
