/** JDK Vector API kernels behind the core kernel SPI; the only module that links against jdk.incubator.vector. */
package io.kldiv.simd;
