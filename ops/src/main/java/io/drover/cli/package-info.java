/**
 * The {@code drover} command line (picocli). Commands are thin: they parse options, call
 * the engine, and print. User mistakes exit 64 (usage) or 65 (metadata) with one line on
 * standard error; see {@link io.drover.cli.ExitCodes}.
 */
package io.drover.cli;
