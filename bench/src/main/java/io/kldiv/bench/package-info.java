/** JMH suites: reference, scalar and SIMD kernels measured against a memory-bandwidth baseline in the same run. */
package io.kldiv.bench;
