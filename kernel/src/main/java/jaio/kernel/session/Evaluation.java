package jaio.kernel.session;

/**
 * What running a piece of cell code gave: how it ended and, if its last snippet was an expression
 * without a trailing semicolon, that value (not shown yet: the caller decides, as {@code %time}
 * prints its timing before the value).
 */
record Evaluation(ExecutionResult result, boolean hasValue, Object value) {
    static Evaluation of(ExecutionResult failed) {
        return new Evaluation(failed, false, null);
    }
}
