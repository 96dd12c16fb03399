package io.github.atomiccounters.cli.verify;

/** A check saw something other than the contract says; the message is what it received. */
final class Mismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Mismatch(String received) {
        super(received, null, false, false);  // an outcome, not a crash: no stack trace
    }
}
