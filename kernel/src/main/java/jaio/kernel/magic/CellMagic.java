package jaio.kernel.magic;

/**
 * A magic written {@code %%name arguments} as the first line of a cell; {@link MagicCall#args()} is
 * the rest of that line and {@link MagicCall#body()} the rest of the cell.
 */
public interface CellMagic extends Magic {
    @Override
    default Kind kind() {
        return Kind.CELL;
    }
}
