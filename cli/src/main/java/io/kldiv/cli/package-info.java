/** The {@code kldiv} command: demo, import, score, info. */
package io.kldiv.cli;
