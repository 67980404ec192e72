package io.kldiv.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code kldiv --version}: the build's version and the JVM it runs on. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"kldiv " + (version == null ? "(development build)" : version),
                "JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version()};
    }
}
