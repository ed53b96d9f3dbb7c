package jaio.kernel.magic;

/**
 * A magic written {@code %name arguments} on a line of its own; {@link MagicCall#args()} is the
 * rest of that line and {@link MagicCall#body()} is empty.
 */
public interface LineMagic extends Magic {
    @Override
    default Kind kind() {
        return Kind.LINE;
    }
}
