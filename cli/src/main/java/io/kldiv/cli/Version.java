package io.kldiv.cli;

/** {@code kldiv --version}: the build's version and the JVM it runs on. */
final class Version {
    private Version() {
    }

    static String[] lines() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"kldiv " + (version == null ? "(development build)" : version),
                "JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version()};
    }
}
